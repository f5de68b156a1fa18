import { z } from 'zod';
import { EsaError, processEnvironment } from '@esa-flow/engine';

/** The API server's configuration: from the environment, validated once, frozen. Units in the names. */
const ServerConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /** a cookie session unused this long ends (its absolute limit is SESSION_TTL_HOURS) */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60)
      .default(60),
    /** the longest life a bearer token may be given (the default is 90 days, or this when shorter) */
    TOKEN_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** tokens a user may issue per hour */
    RATE_LIMIT_TOKENS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
    /** failed sign-ins in a row, for one username from one source address, before that source backs off */
    LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
    /** the first back-off; it doubles with every further failure from that source */
    LOCKOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** the longest back-off */
    LOCKOUT_MAX_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(24 * 60),
    /** sign-in attempts per client address per minute (all API processes together) */
    RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
    /** sign-in attempts per username per minute from addresses it has not signed in from before (all API processes together) */
    RATE_LIMIT_SIGN_IN_PER_USERNAME_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
    /**
     * which proxies to believe about the client address (X-Forwarded-For):
     * empty = none (the API faces clients), a hop count (`1`), or a list of
     * addresses/CIDRs of the load balancers (`10.0.0.0/8,192.168.1.5`)
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .default('')
      .refine(
        (v) =>
          v === '' ||
          v === 'false' ||
          /^[0-9]{1,2}$/.test(v) ||
          v.split(',').every((p) => /^[0-9a-fA-F:.]+(\/[0-9]{1,3})?$/.test(p.trim())),
        'a hop count, or addresses/CIDRs separated by commas',
      )
      .transform((v): false | number | string[] =>
        v === '' || v === 'false' ? false : /^[0-9]+$/.test(v) ? Number(v) || false : v.split(',').map((p) => p.trim()),
      ),
    RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(300),
    /** Secure cookies; browsers accept them on http://localhost too */
    COOKIE_SECURE: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /**
     * `/metrics` answers only with `Authorization: Bearer <METRICS_TOKEN>`; unset,
     * `/metrics` is not served at all (operations.md: metrics)
     */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** the shortest password a user may choose (POST /api/me/password) */
    PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(200).default(10),
    /** the largest JSON body a route accepts unless it says otherwise (413 PAYLOAD_TOO_LARGE) */
    JSON_BODY_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(256 * 1024),
    /** CSV imports: the largest file (413 PAYLOAD_TOO_LARGE), and the most data rows and columns (413 IMPORT_TOO_LARGE) */
    IMPORT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(256 * 1024 * 1024)
      .default(20 * 1024 * 1024),
    IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
    IMPORT_MAX_COLUMNS: z.coerce.number().int().min(1).max(1000).default(50),
    /** the Chromium that prints official documents to PDF (docs/documents.md); /usr/bin/chromium when unset */
    CHROMIUM_PATH: z.string().min(1).optional(),
    /** official documents printed at once by one API process; more wait their turn */
    DOCUMENT_RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
    /** demo mode (`pnpm start` with its demo office): the sign-in page lists the demo sign-ins */
    ESA_FLOW_DEMO: z
      .enum(['1', 'true', '0', 'false', ''])
      .default('false')
      .transform((v) => v === '1' || v === 'true'),
  })
  .transform(({ ESA_FLOW_DEMO, ...rest }) => ({ ...rest, DEMO: ESA_FLOW_DEMO }));

export type ServerConfig = Readonly<z.output<typeof ServerConfigSchema>>;

export function loadServerConfig(env: Readonly<Record<string, string | undefined>> = processEnvironment()): ServerConfig {
  const result = ServerConfigSchema.safeParse(env);
  if (!result.success) {
    throw new EsaError('CONFIG_INVALID', { variables: result.error.issues.map((i) => ({ name: i.path.join('.'), message: i.message })) });
  }
  return Object.freeze(result.data);
}
