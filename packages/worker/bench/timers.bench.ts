/**
 * SLA timers under load, each against BullMQ alone measured in the same run
 * on the same private redis-server:
 * (a) firing: 100,000 timers due within one minute, through the real path
 *     (ledger → promotion pass → delayed jobs → workers → fireTimer): timers/s
 *     and lag fire_at → fired_at, p50 and p99;
 * (b) memory: Redis used_memory after a default-horizon promotion pass with
 *     100,000 and 1,000,000 open clocks whose timers span the coming year;
 * (c) the baseline: one delayed job per timer with a no-op processor (firing),
 *     and Redis bytes per delayed job × open timers (memory);
 * (d) (a) and its baseline again with the queues on BullMQ's PostgreSQL
 *     backend instead of Redis.
 * `scale` (or BENCH_SCALE) multiplies every count; progress goes to onProgress.
 */
import type { BenchResult } from '../../engine/bench/bench-result';
import { startBenchRedis } from './bench-redis';
import { baselineBytesPerJob, baselineEnqueueMs, baselineFiring } from './bullmq-baseline';
import { engineFiring } from './engine-firing';
import type { FiringPlan } from './firing-plan';
import { openClockMemory } from './open-clock-memory';
import type { QueueTarget } from './queue-target';
import { count, seconds } from './stats';
import { timerRows } from './timer-rows';

export interface TimerBenchOptions {
  /** multiplies every count (default BENCH_SCALE, else 1) */
  scale?: number;
  /** worker instances in this process (default BENCH_TIMER_WORKERS, else 2) */
  workers?: number;
  /** WORKER_CONCURRENCY of each (default WORKER_CONCURRENCY, else 8, the worker's default) */
  concurrency?: number;
  onProgress?: (message: string) => void;
}

function positive(value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number, got ${value}`);
  return n;
}

export async function benchTimers(options: TimerBenchOptions = {}): Promise<BenchResult[]> {
  const scale = options.scale ?? positive(process.env.BENCH_SCALE, 1);
  const workers = options.workers ?? Math.round(positive(process.env.BENCH_TIMER_WORKERS, 2));
  const concurrency = options.concurrency ?? Math.round(positive(process.env.WORKER_CONCURRENCY, 8));
  const onProgress = options.onProgress ?? (() => {});
  const timers = Math.max(100, Math.round(100_000 * scale));
  const windowMs = Math.max(5_000, Math.round(60_000 * Math.min(1, scale)));
  const smallClocks = Math.max(1_000, Math.round(100_000 * scale));

  const redis = await startBenchRedis();
  try {
    onProgress(`baseline: Redis bytes per delayed job (${count(timers)} jobs)`);
    const perJob = await baselineBytesPerJob(redis, timers);
    // the first timer falls due well after every job is in Redis: 3 s + 3 × the time BullMQ alone took to add them
    const leadMs = 3_000 + 3 * perJob.enqueueMs;
    const plan: FiringPlan = { count: timers, windowMs, leadMs, workers, concurrency, onProgress };
    const onRedis: QueueTarget = { kind: 'redis', redis };
    onProgress(`baseline: firing ${count(timers)} delayed jobs due within ${seconds(windowMs)}`);
    const base = await baselineFiring(onRedis, plan);
    onProgress(`ours: firing ${count(timers)} timers due within ${seconds(windowMs)}`);
    const ours = await engineFiring(onRedis, plan);

    // the same burst with the queues on BullMQ's PostgreSQL backend (no REDIS_URL)
    const onPostgres: QueueTarget = { kind: 'postgres' };
    const pgProbe = await baselineEnqueueMs(onPostgres, Math.min(timers, 1_000));
    const pgPlan: FiringPlan = { ...plan, leadMs: 3_000 + 3 * pgProbe * (timers / Math.min(timers, 1_000)) };
    onProgress(
      `baseline on PostgreSQL: firing ${count(timers)} delayed jobs due within ${seconds(windowMs)} (first due in ${seconds(pgPlan.leadMs)})`,
    );
    const pgBase = await baselineFiring(onPostgres, pgPlan);
    onProgress(`ours on PostgreSQL: firing ${count(timers)} timers due within ${seconds(windowMs)}`);
    const pgOurs = await engineFiring(onPostgres, pgPlan);
    onProgress(`memory: ${count(smallClocks)} and ${count(smallClocks * 10)} open clocks`);
    const memory = await openClockMemory(redis, smallClocks, onProgress);

    return timerRows({ scale, workers, concurrency, timers, windowMs, perJob, base, ours, pgBase, pgOurs, memory });
  } finally {
    await redis.stop();
  }
}
