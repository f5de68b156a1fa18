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
  removeJobScheduler(id: string): Promise<unknown>;
  getJobCounts(...types: string[]): Promise<Record<string, number>>;
  waitUntilReady(): Promise<unknown>;
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
  /**
   * Whether the queue backend answers now (Redis: a PING within `timeoutMs`).
   * The PostgreSQL backend is the database itself: always true here, the
   * database's own readiness tells the rest.
   */
  ping(timeoutMs: number): Promise<boolean>;
  /** Redis: false while the connection is down (no command would get through); PostgreSQL: true */
  connected(): boolean;
  /** closes everything; after `timeoutMs` connections that hang (Redis away) are dropped */
  close(timeoutMs?: number): Promise<void>;
}

/** Resolves with `fallback` when `promise` takes longer than `ms`. */
export function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<F>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export function createQueueKit(options: { redisUrl?: string | undefined; databaseUrl: string; prefix: string }): QueueKit {
  return options.redisUrl ? redisKit(options.redisUrl, options.prefix) : postgresKit(options.databaseUrl, options.prefix);
}

function redisKit(url: string, prefix: string): QueueKit {
  const connections: Redis[] = [];
  const queueConnections: Redis[] = [];
  const connect = (blocking: boolean) => {
    // BullMQ's workers block on Redis; they need maxRetriesPerRequest null.
    // A queue's commands instead fail after a couple of reconnect attempts
    // while Redis is away, so a pass that adds jobs gets an error, not a hang.
    const c = new Redis(url, { maxRetriesPerRequest: blocking ? null : 2, lazyConnect: false });
    c.on('error', () => {}); // reconnects by itself; errors surface through the jobs and the passes
    connections.push(c);
    // A worker derives its blocking connection with duplicate(): keep those too,
    // so close() can drop them when Redis is away (BullMQ's own close then waits forever).
    const duplicate = c.duplicate.bind(c);
    c.duplicate = (...args: Parameters<Redis['duplicate']>) => {
      const d = duplicate(...args);
      d.on('error', () => {});
      connections.push(d);
      return d;
    };
    return c;
  };
  const closables: { close(): Promise<void> }[] = [];
  const workers: RedisWorker[] = [];
  return {
    kind: 'redis',
    queue(name) {
      const connection = connect(false);
      queueConnections.push(connection);
      const q = new RedisQueue(name, { connection, prefix });
      q.on('error', () => {}); // Redis away: the passes that use the queue say so, once per interval
      closables.push(q);
      return q as unknown as QueueLike;
    },
    worker(name, processor, opts) {
      const w = new RedisWorker(name, processor, {
        connection: connect(true),
        prefix,
        concurrency: opts.concurrency,
        lockDuration: opts.lockDurationMs,
        stalledInterval: opts.stalledIntervalMs,
      });
      workers.push(w);
      return w as unknown as WorkerLike;
    },
    connected() {
      return queueConnections.every((c) => c.status === 'ready');
    },
    async ping(timeoutMs) {
      const c = queueConnections[0] ?? connections[0];
      if (!c || c.status !== 'ready') return false;
      return within(
        c.ping().then(
          (r) => r === 'PONG',
          () => false,
        ),
        timeoutMs,
        false,
      );
    },
    async close(timeoutMs = 10_000) {
      // Workers first (they finish their active jobs), then the queues; with
      // Redis away either may wait forever, so both are bounded.
      // (with Redis already away, an active job could not be finished anyway: wait briefly)
      const wait = queueConnections.every((c) => c.status === 'ready') ? timeoutMs : 500;
      const workersClosed = await within(
        Promise.allSettled(workers.map((w) => w.close())).then(() => true),
        wait,
        false,
      );
      if (!workersClosed) {
        // Redis away: a worker waits forever on its blocking connection; dropping
        // every connection ends its loop, so its close finishes (and its timers stop)
        for (const c of connections) c.disconnect();
        await within(Promise.allSettled(workers.map((w) => w.close(true))), 2_000, undefined);
        // …and if it still waits, its lock renewal timer would keep the process alive
        for (const w of workers) await (w as unknown as { lockManager?: { close(): Promise<void> } }).lockManager?.close();
      }
      await within(Promise.allSettled(closables.map((c) => c.close())), wait, undefined);
      await within(Promise.allSettled(connections.map((c) => c.quit())), 1_000, undefined);
      for (const c of connections) c.disconnect();
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
    connected: () => true,
    ping: async () => true,
    async close(timeoutMs = 10_000) {
      await within(Promise.allSettled(closables.map((c) => c.close())), timeoutMs, undefined);
    },
  };
}
