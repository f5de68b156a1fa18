/**
 * Redis memory against open clocks: running clocks whose pending timers are
 * spread evenly over the coming year, at two sizes (the second ten times the
 * first, added to the same database). At each size Redis is emptied and one
 * promotion pass runs with the default horizon; INFO memory used_memory is
 * read before and after. A last pass with a 24-hour horizon gives enough jobs
 * to measure what each promoted timer costs in Redis.
 */
import { systemClock } from '@esa-flow/engine';
import { createEngine } from '@esa-flow/engine/internal';
import { createBenchDatabase } from '../../engine/bench/bench-database';
import { loadWorkerConfig } from '../src/config';
import { promoteDueTimers } from '../src/jobs/promote-timers';
import { createQueueKit } from '../src/queue/queue-kit';
import { TIMER_QUEUE } from '../src/worker-runtime';
import type { BenchRedis } from './bench-redis';
import { count } from './stats';
import { BENCH_OFFICES, benchRegistry, databaseBytes, insertRunningClocks, seedOfficesWithOfficer } from './timer-seed';

const YEAR_MS = 365 * 86_400_000;
const SIZE_FACTOR = 10;
const DAY_HORIZON_MS = 86_400_000;

export interface PassMemory {
  openClocks: number;
  horizonMs: number;
  promoted: number;
  bytesBefore: number;
  bytesAfter: number;
  /** bytesAfter − bytesBefore */
  bytes: number;
  /** Σ MEMORY USAGE of the queue's keys after the pass */
  keyBytes: number;
}

export interface OpenClockMemory {
  /** the default-horizon pass at each size */
  passes: PassMemory[];
  /** the 24-hour pass at the larger size */
  dayPass: PassMemory;
  databaseBytes: number;
  insertMs: number;
}

export async function openClockMemory(
  redis: BenchRedis,
  smallSize: number,
  onProgress: (message: string) => void,
): Promise<OpenClockMemory> {
  const sizes = [smallSize, smallSize * SIZE_FACTOR];
  const bench = await createBenchDatabase(4);
  const config = loadWorkerConfig({ DATABASE_URL: bench.url, REDIS_URL: redis.url, QUEUE_PREFIX: 'bench-memory' });
  const kit = createQueueKit({ redisUrl: redis.url, databaseUrl: bench.url, prefix: config.QUEUE_PREFIX });
  try {
    const queue = kit.queue(TIMER_QUEUE);
    const engine = createEngine({ db: bench.db, registry: benchRegistry(), clock: systemClock });
    const officeIds = await seedOfficesWithOfficer(bench.db, BENCH_OFFICES);
    const largest = sizes[sizes.length - 1] ?? smallSize;
    const firstFireAt = new Date(Date.now() + 60_000);

    const pass = async (openClocks: number, horizonMs: number): Promise<PassMemory> => {
      await redis.flushAll();
      const bytesBefore = await redis.usedMemory();
      const { promoted } = await promoteDueTimers(engine, queue, { horizonMs, batchSize: config.PROMOTION_BATCH_SIZE });
      const bytesAfter = await redis.usedMemory();
      const keyBytes = await redis.keyBytes(config.QUEUE_PREFIX);
      onProgress(
        `memory: ${count(openClocks)} open clocks, horizon ${horizonMs / 60_000} min: ${promoted} jobs, used_memory ${count(bytesBefore)} → ${count(bytesAfter)} B, queue keys ${count(keyBytes)} B`,
      );
      return { openClocks, horizonMs, promoted, bytesBefore, bytesAfter, bytes: bytesAfter - bytesBefore, keyBytes };
    };

    const passes: PassMemory[] = [];
    let inserted = 0;
    let insertMs = 0;
    for (const size of sizes) {
      const t0 = Date.now();
      let lastReport = 0;
      await insertRunningClocks(bench.db, {
        officeIds,
        from: inserted,
        to: size,
        firstFireAt,
        slotMs: YEAR_MS / largest,
        stride: smallSize,
        interleave: SIZE_FACTOR,
        onProgress: (n) => {
          if (n - lastReport >= 100_000 || inserted + n === size) {
            lastReport = n;
            onProgress(`memory: ${count(inserted + n)} / ${count(size)} open clocks inserted`);
          }
        },
      });
      insertMs += Date.now() - t0;
      inserted = size;
      passes.push(await pass(size, config.PROMOTION_HORIZON_MS));
    }
    const dayPass = await pass(largest, DAY_HORIZON_MS);
    return { passes, dayPass, databaseBytes: await databaseBytes(bench.db), insertMs };
  } finally {
    await kit.close();
    await bench.drop();
    await redis.flushAll();
  }
}
