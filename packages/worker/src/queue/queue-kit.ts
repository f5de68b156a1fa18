/**
 * One place that decides which BullMQ backend runs the queues: Redis through
 * ioredis when REDIS_URL is set (the fast path), else BullMQ's own PostgreSQL
 * backend in our database. Everything above this module is the same code for both.
 */
import { Queue as RedisQueue, Worker as RedisWorker, createPostgresBackend, withBackend, type Processor } from 'bullmq';
import { Redis } from 'ioredis';

export type QueueBackendKind = 'redis' | 'postgres';

export interface QueueLike {
  readonly name: string;
  add(name: string, data: unknown, opts?: Record<string, unknown>): Promise<unknown>;
  addBulk(jobs: { name: string; data: unknown; opts?: Record<string, unknown> }[]): Promise<unknown>;
  upsertJobScheduler(id: string, repeat: Record<string, unknown>, template?: { name?: string; data?: unknown }): Promise<unknown>;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface WorkerLike {
  on(event: 'failed' | 'error' | 'completed', listener: (...args: unknown[]) => void): unknown;
  close(force?: boolean): Promise<void>;
  waitUntilReady(): Promise<unknown>;
}

export interface QueueKit {
  readonly kind: QueueBackendKind;
  queue(name: string): QueueLike;
  worker(name: string, processor: Processor, opts: { concurrency: number; lockDurationMs: number; stalledIntervalMs: number }): WorkerLike;
  close(): Promise<void>;
}

export function createQueueKit(options: { redisUrl?: string | undefined; databaseUrl: string; prefix: string }): QueueKit {
  return options.redisUrl ? redisKit(options.redisUrl, options.prefix) : postgresKit(options.databaseUrl, options.prefix);
}

function redisKit(url: string, prefix: string): QueueKit {
  const connections: Redis[] = [];
  const connect = () => {
    // BullMQ's workers block on Redis; they need maxRetriesPerRequest null.
    const c = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
    c.on('error', () => {}); // reconnects by itself; errors surface through the jobs
    connections.push(c);
    return c;
  };
  const closables: { close(): Promise<void> }[] = [];
  return {
    kind: 'redis',
    queue(name) {
      const q = new RedisQueue(name, { connection: connect(), prefix });
      closables.push(q);
      return q as unknown as QueueLike;
    },
    worker(name, processor, opts) {
      const w = new RedisWorker(name, processor, {
        connection: connect(),
        prefix,
        concurrency: opts.concurrency,
        lockDuration: opts.lockDurationMs,
        stalledInterval: opts.stalledIntervalMs,
      });
      closables.push(w);
      return w as unknown as WorkerLike;
    },
    async close() {
      await Promise.allSettled(closables.map((c) => c.close()));
      await Promise.allSettled(connections.map((c) => c.quit()));
    },
  };
}

function postgresKit(databaseUrl: string, prefix: string): QueueKit {
  const { Queue, Worker } = withBackend(createPostgresBackend);
  const connection = { connectionString: databaseUrl, migrate: true, schema: 'bullmq' };
  const closables: { close(): Promise<void> }[] = [];
  return {
    kind: 'postgres',
    queue(name) {
      const q = new Queue(name, { connection, prefix });
      closables.push(q);
      return q as unknown as QueueLike;
    },
    worker(name, processor, opts) {
      const w = new Worker(name, processor, {
        connection,
        prefix,
        concurrency: opts.concurrency,
        lockDuration: opts.lockDurationMs,
        stalledInterval: opts.stalledIntervalMs,
      });
      closables.push(w);
      return w as unknown as WorkerLike;
    },
    async close() {
      await Promise.allSettled(closables.map((c) => c.close()));
    },
  };
}
