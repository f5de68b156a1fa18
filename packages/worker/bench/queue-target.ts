/**
 * Where a timer benchmark's queue lives: the private redis-server, or
 * BullMQ's PostgreSQL backend in a database of its own (created here,
 * dropped by `release`). Ours and the baseline get the same kind of target.
 */
import { createBenchDatabase, type BenchDatabase } from '../../engine/bench/bench-database';
import { createQueueKit, type QueueKit } from '../src/queue/queue-kit';
import type { BenchRedis } from './bench-redis';

export type QueueTarget = { kind: 'redis'; redis: BenchRedis } | { kind: 'postgres' };

export interface OpenTarget {
  kit(prefix: string): QueueKit;
  /** REDIS_URL for the worker's config, or none: the PostgreSQL backend in DATABASE_URL */
  redisUrl: string | undefined;
  release(): Promise<void>;
}

/** `database`: the database the PostgreSQL backend uses (ours: the bench database itself); none: one of its own. */
export async function openTarget(target: QueueTarget, database?: BenchDatabase): Promise<OpenTarget> {
  if (target.kind === 'redis') {
    await target.redis.flushAll();
    return {
      kit: (prefix) => createQueueKit({ redisUrl: target.redis.url, databaseUrl: '', prefix }),
      redisUrl: target.redis.url,
      release: () => target.redis.flushAll(),
    };
  }
  const own = database ? undefined : await createBenchDatabase(4);
  const url = (database ?? own)!.url;
  return {
    kit: (prefix) => createQueueKit({ redisUrl: undefined, databaseUrl: url, prefix }),
    redisUrl: undefined,
    release: async () => {
      await own?.drop();
    },
  };
}

export const targetName = (target: QueueTarget): string => (target.kind === 'redis' ? 'Redis' : 'PostgreSQL queue backend');
