import { z } from 'zod';
import { EsaError, processEnvironment } from '@esa-flow/engine';
import { isValidCron } from './passes/cron-moment';

/** An unset variable and an empty one mean the same: use the default. */
const emptyIsUnset = (value: unknown) => (value === '' ? undefined : value);

/**
 * The worker's configuration, from the environment, validated once and frozen.
 * Durations carry their unit in the name. The lower bounds of the intervals
 * are low so tests can run passes every few hundred milliseconds; the
 * defaults are what production uses.
 */
const WorkerConfigSchema = z.object({
  DATABASE_URL: z.string().min(1),
  /** unset: the queues run on BullMQ's PostgreSQL backend, in the same database */
  REDIS_URL: z.preprocess(emptyIsUnset, z.string().url().optional()),
  /** key prefix; wrap in braces (e.g. `{esa}`) on Redis Cluster so all keys share a slot */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[{}a-zA-Z0-9_-]{1,40}$/)
    .default('esa'),
  /** how far ahead timers become delayed jobs; Redis holds at most this much of the future */
  PROMOTION_HORIZON_MS: z.coerce.number().int().min(100).max(86_400_000).default(300_000),
  /** the promotion pass (and the procedures' maintenance) runs this often, in every worker process */
  PROMOTION_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  PROMOTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1_000),
  /** on the PostgreSQL queue backend (no REDIS_URL), how often each process looks for due timers to fire */
  TIMER_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1_000),
  /** the mail delivery pass runs this often, in every worker process */
  DELIVERY_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** firing transactions (and mails) at once in each process; each transaction fires up to TIMER_BATCH_SIZE timers */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** most timers one firing transaction takes; the queue hands out WORKER_CONCURRENCY × this many jobs at once */
  TIMER_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(32),
  /** a job whose worker vanished is taken back after this long */
  JOB_LOCK_DURATION_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** a queue call (adding the promoted jobs) taking longer than this counts as the queue being unreachable */
  QUEUE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /** the daily digest (cron, Asia/Bangkok); skipped on non-working days */
  DIGEST_CRON: z.string().refine(isValidCron, 'a cron pattern of 5 fields (minute hour day month weekday)').default('0 8 * * 1-5'),
  /** unset: no HTTP server; 0: any free port (tests); the port is logged ("metrics listening") */
  WORKER_METRICS_PORT: z.preprocess(emptyIsUnset, z.coerce.number().int().min(0).max(65_535).optional()),
  /** keep it private: /metrics tells queue depths and mail volumes */
  WORKER_METRICS_HOST: z.preprocess(emptyIsUnset, z.string().min(1).default('127.0.0.1')),
  /** when set, /metrics wants `Authorization: Bearer <token>` */
  METRICS_TOKEN: z.preprocess(emptyIsUnset, z.string().min(16).optional()),
});

export type WorkerConfig = Readonly<z.output<typeof WorkerConfigSchema>>;

export function loadWorkerConfig(env: Readonly<Record<string, string | undefined>> = processEnvironment()): WorkerConfig {
  const result = WorkerConfigSchema.safeParse(env);
  if (!result.success) {
    throw new EsaError('CONFIG_INVALID', {
      variables: result.error.issues.map((i) => ({ name: i.path.join('.'), message: i.message })),
    });
  }
  return Object.freeze(result.data);
}
