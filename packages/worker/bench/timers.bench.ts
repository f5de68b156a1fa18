/**
 * SLA timers under load, each against BullMQ alone measured in the same run
 * on the same private redis-server:
 * (a) firing: 100,000 timers due within one minute, through the real path
 *     (ledger → promotion pass → delayed jobs → workers → fireTimer): timers/s
 *     and lag fire_at → fired_at, p50 and p99;
 * (b) memory: Redis used_memory after a default-horizon promotion pass with
 *     100,000 and 1,000,000 open clocks whose timers span the coming year;
 * (c) the baseline: one delayed job per timer with a no-op processor (firing),
 *     and Redis bytes per delayed job × open timers (memory).
 * `scale` (or BENCH_SCALE) multiplies every count; progress goes to onProgress.
 */
import type { BenchResult } from '../../engine/bench/bench-result';
import { startBenchRedis } from './bench-redis';
import { baselineBytesPerJob, baselineFiring } from './bullmq-baseline';
import { engineFiring } from './engine-firing';
import type { FiringMeasurement, FiringPlan } from './firing-plan';
import { openClockMemory } from './open-clock-memory';
import { count, mib, seconds } from './stats';

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
    onProgress(`baseline: firing ${count(timers)} delayed jobs due within ${seconds(windowMs)}`);
    const base = await baselineFiring(redis, plan);
    onProgress(`ours: firing ${count(timers)} timers due within ${seconds(windowMs)}`);
    const ours = await engineFiring(redis, plan);
    onProgress(`memory: ${count(smallClocks)} and ${count(smallClocks * 10)} open clocks`);
    const memory = await openClockMemory(redis, smallClocks, onProgress);

    const setup = `${workers} worker instances in one process × WORKER_CONCURRENCY ${concurrency} (same for both), 2 cores, scale ${scale}`;
    const arrival = `${count(timers)} due evenly over ${seconds(windowMs)}, ${count(timers / (windowMs / 1000))}/s arriving`;
    const keptUp = (m: FiringMeasurement) => (m.drainMs < 1_000 ? 'kept up with arrivals' : `last ${seconds(m.drainMs)} after the last due`);
    const results: BenchResult[] = [
      row(`firing ${count(timers)} timers: throughput`, 'timers/s', ours.timersPerSec, 'BullMQ alone, no-op processor', base.timersPerSec,
        `${arrival}; handled ÷ (last handled − first due); ours ${keptUp(ours)}, baseline ${keptUp(base)}; ${setup}`),
      row('firing: lag p50 (fire_at → fired_at)', 'ms', ours.lag.p50Ms, 'BullMQ alone (due → processor ran)', base.lag.p50Ms,
        `lower is better; ours: ${count(ours.handled)} fired, ${count(ours.notifications)} notifications, ${ours.workerErrors} job errors; promotion pass ${seconds(ours.enqueueMs)}, first due ${seconds(ours.headroomMs)} after it; baseline: ${count(base.handled)} ran, jobs added in ${seconds(base.enqueueMs)}`),
      row('firing: lag p99', 'ms', ours.lag.p99Ms, 'BullMQ alone', base.lag.p99Ms, `lower is better; max ${count(ours.lag.maxMs)} ms vs ${count(base.lag.maxMs)} ms`),
    ];
    for (const pass of memory.passes) {
      results.push(
        row(
          `Redis used_memory growth, ${count(pass.openClocks)} open clocks (5-min horizon)`,
          'bytes',
          pass.bytes,
          `one delayed job per timer (${count(perJob.bytesPerJob)} B/job × ${count(pass.openClocks)})`,
          perJob.bytesPerJob * pass.openClocks,
          `${pass.promoted} timers within the horizon promoted; used_memory ${count(pass.bytesBefore)} → ${count(pass.bytesAfter)} B (± tens of kB of client buffers); the queue's keys: ${count(pass.keyBytes)} B; exact ratio ${(pass.bytes / (perJob.bytesPerJob * pass.openClocks)).toExponential(1)}; one pending timer per clock, spread over 365 days`,
        ),
      );
    }
    const day = memory.dayPass;
    results.push(
      row(
        `Redis bytes per promoted timer (24-h horizon pass, ${count(day.promoted)} jobs)`,
        'B/job',
        day.bytes / Math.max(1, day.promoted),
        `BullMQ alone (${count(perJob.jobs)} delayed jobs)`,
        perJob.bytesPerJob,
        `used_memory growth per job; by the queue's keys (MEMORY USAGE): ${count(day.keyBytes / Math.max(1, day.promoted))} vs ${count(perJob.keyBytesPerJob)} B/job; Redis holds (timers within the horizon) × this; ${count(day.openClocks)} open clocks took ${mib(memory.databaseBytes)} in PostgreSQL (inserted in ${seconds(memory.insertMs)}, dropped after)`,
      ),
    );
    return results;
  } finally {
    await redis.stop();
  }
}

function row(name: string, unit: string, value: number, baselineName: string, baseline: number, note: string): BenchResult {
  return { name, unit, value, baselineName, baseline, ratio: value / baseline, note };
}
