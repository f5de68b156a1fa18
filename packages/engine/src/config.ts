import { z } from 'zod';
import { EsaError } from './errors';

/**
 * The process's environment: this is the one place in the product's code
 * that reads `process.env` (an ESLint rule holds every other source file to
 * it). A frozen copy, taken when called: each process's entry point takes it
 * once at start-up and hands it to the loaders — `loadConfig` here, the
 * server's `loadServerConfig`, the worker's `loadWorkerConfig` and
 * `loadMailConfig` — which validate their variables (units in the names:
 * `_MS`, `_SECONDS`, `_MINUTES`, `_HOURS`, `_BYTES`…) and freeze the result.
 */
export function processEnvironment(): Readonly<Record<string, string | undefined>> {
  return Object.freeze({ ...process.env });
}

/**
 * The process configuration, read from the environment once at start-up,
 * validated, frozen. Secrets (database and Redis URLs with passwords, SMTP
 * credentials) come only from here.
 */
const ConfigSchema = z.object({
  /** unset: `pnpm start` runs an embedded PostgreSQL under .data/ */
  DATABASE_URL: z.string().url().optional(),
  /** unset: queues run on BullMQ's PostgreSQL backend */
  REDIS_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** the API's PostgreSQL `statement_timeout` per query, in ms (0: none); a cut query answers 503 QUERY_TIMEOUT */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
});

export type Config = Readonly<z.output<typeof ConfigSchema>>;

export function loadConfig(env: Readonly<Record<string, string | undefined>> = processEnvironment()): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    throw new EsaError('CONFIG_INVALID', {
      variables: result.error.issues.map((i) => ({ name: i.path.join('.'), message: i.message })),
    });
  }
  return Object.freeze(result.data);
}
