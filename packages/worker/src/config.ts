import { z } from 'zod';
import { EsaError } from '@esa-flow/engine';

/**
 * The worker's configuration, from the environment, validated once and frozen.
 * Durations carry their unit in the name.
 */
const WorkerConfigSchema = z.object({
  DATABASE_URL: z.string().min(1),
  /** unset: the queues run on BullMQ's PostgreSQL backend, in the same database */
  REDIS_URL: z.string().url().optional(),
  /** key prefix; wrap in braces (e.g. `{esa}`) on Redis Cluster so all keys share a slot */
  QUEUE_PREFIX: z.string().regex(/^[{}a-zA-Z0-9_-]{1,40}$/).default('esa'),
  /** how far ahead timers become delayed jobs; Redis holds at most this much of the future */
  PROMOTION_HORIZON_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
  PROMOTION_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  PROMOTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1_000),
  DELIVERY_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(10_000),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** a job whose worker vanished is taken back after this long */
  JOB_LOCK_DURATION_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** the daily digest (cron, Asia/Bangkok); skipped on non-working days */
  DIGEST_CRON: z.string().default('0 8 * * 1-5'),
});

export type WorkerConfig = Readonly<z.output<typeof WorkerConfigSchema>>;

export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const result = WorkerConfigSchema.safeParse(env);
  if (!result.success) {
    throw new EsaError('CONFIG_INVALID', {
      variables: result.error.issues.map((i) => ({ name: i.path.join('.'), message: i.message })),
    });
  }
  return Object.freeze(result.data);
}
