/**
 * A private redis-server for the timer benchmarks (the test helper's: free
 * port, no persistence), plus what the benchmarks read from it: INFO memory
 * and FLUSHALL between measurements, so nobody else's Redis is touched.
 */
import { Redis } from 'ioredis';
import { startTestRedis } from '../test/support/redis-server';
import { sleep } from './stats';

export interface BenchRedis {
  readonly url: string;
  /** INFO memory → used_memory, in bytes */
  usedMemory(): Promise<number>;
  /** Σ MEMORY USAGE of the keys under `prefix:` (what the queue's data takes, without client buffers or allocator noise) */
  keyBytes(prefix: string): Promise<number>;
  flushAll(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchRedis(): Promise<BenchRedis> {
  const server = await startTestRedis();
  const admin = new Redis(server.url, { maxRetriesPerRequest: 3 });
  admin.on('error', () => {});
  return {
    url: server.url,
    async usedMemory() {
      // let pending frees settle (lazy free, client buffers) before reading
      await sleep(200);
      const info = await admin.info('memory');
      const match = /^used_memory:(\d+)/m.exec(info);
      if (!match?.[1]) throw new Error('INFO memory has no used_memory');
      return Number(match[1]);
    },
    async keyBytes(prefix) {
      let total = 0;
      let cursor = '0';
      do {
        const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        const pipeline = admin.pipeline();
        for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
        for (const [error, bytes] of (await pipeline.exec()) ?? []) if (!error) total += Number(bytes ?? 0);
      } while (cursor !== '0');
      return total;
    },
    async flushAll() {
      await admin.flushall('SYNC');
    },
    async stop() {
      await admin.quit().catch(() => undefined);
      await server.stop();
    },
  };
}
