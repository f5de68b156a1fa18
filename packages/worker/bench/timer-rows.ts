/** The rows `pnpm bench` prints for the timer benchmarks: ours against BullMQ alone, ratio = ours ÷ baseline. */
import { availableParallelism } from 'node:os';
import type { BenchResult } from '../../engine/bench/bench-result';
import type { BytesPerJob } from './bullmq-baseline';
import type { EngineFiring } from './engine-firing';
import type { FiringMeasurement } from './firing-plan';
import type { OpenClockMemory } from './open-clock-memory';
import { count, mib, seconds } from './stats';

export interface TimerMeasurements {
  scale: number;
  workers: number;
  concurrency: number;
  timers: number;
  windowMs: number;
  perJob: BytesPerJob;
  base: FiringMeasurement;
  ours: EngineFiring;
  /** the same burst with both on BullMQ's PostgreSQL backend */
  pgBase: FiringMeasurement;
  pgOurs: EngineFiring;
  memory: OpenClockMemory;
}

export function timerRows(m: TimerMeasurements): BenchResult[] {
  const { scale, workers, concurrency, timers, windowMs, perJob, base, ours, pgBase, pgOurs, memory } = m;
  const setup = `${workers} worker instances in one process × WORKER_CONCURRENCY ${concurrency} (same for both), ${availableParallelism()} cores, scale ${scale}`;
  const arrival = `${count(timers)} due evenly over ${seconds(windowMs)}, ${count(timers / (windowMs / 1000))}/s arriving`;
  const keptUp = (f: FiringMeasurement) => (f.drainMs < 1_000 ? 'kept up with arrivals' : `last ${seconds(f.drainMs)} after the last due`);
  const results: BenchResult[] = [
    row(
      `firing ${count(timers)} timers: throughput`,
      'timers/s',
      ours.timersPerSec,
      'BullMQ alone, no-op processor',
      base.timersPerSec,
      `${arrival}; handled ÷ (last handled − first due); ours ${keptUp(ours)}, baseline ${keptUp(base)}; ${setup}`,
    ),
    row(
      'firing: lag p50 (fire_at → fired_at)',
      'ms',
      ours.lag.p50Ms,
      'BullMQ alone (due → processor ran)',
      base.lag.p50Ms,
      `lower is better; ours: ${count(ours.handled)} fired, ${count(ours.notifications)} notifications, ${ours.workerErrors} job errors; promotion pass ${seconds(ours.enqueueMs)}, first due ${seconds(ours.headroomMs)} after it; baseline: ${count(base.handled)} ran, jobs added in ${seconds(base.enqueueMs)}`,
    ),
    row(
      'firing: lag p99',
      'ms',
      ours.lag.p99Ms,
      'BullMQ alone',
      base.lag.p99Ms,
      `lower is better; max ${count(ours.lag.maxMs)} ms vs ${count(base.lag.maxMs)} ms`,
    ),
    row(
      `PostgreSQL queue backend: firing ${count(timers)} timers: throughput`,
      'timers/s',
      pgOurs.timersPerSec,
      'BullMQ alone on the PostgreSQL backend',
      pgBase.timersPerSec,
      `no REDIS_URL: the queues in PostgreSQL (BullMQ's backend); ${arrival}; ours ${keptUp(pgOurs)}, baseline ${keptUp(pgBase)}; ours: ${count(pgOurs.handled)} fired, ${count(pgOurs.notifications)} notifications, ${pgOurs.workerErrors} job errors, no job per timer (each worker takes due timers from the ledger every TIMER_POLL_MS, 1 s); baseline: jobs added in ${seconds(pgBase.enqueueMs)}, first due ${seconds(pgBase.headroomMs)} after`,
    ),
    row(
      'PostgreSQL queue backend: lag p50',
      'ms',
      pgOurs.lag.p50Ms,
      'BullMQ alone on the PostgreSQL backend',
      pgBase.lag.p50Ms,
      'lower is better',
    ),
    row(
      'PostgreSQL queue backend: lag p99',
      'ms',
      pgOurs.lag.p99Ms,
      'BullMQ alone on the PostgreSQL backend',
      pgBase.lag.p99Ms,
      `lower is better; max ${count(pgOurs.lag.maxMs)} ms vs ${count(pgBase.lag.maxMs)} ms`,
    ),
  ];
  for (const pass of memory.passes) {
    results.push(
      row(
        `Redis used_memory growth, ${count(pass.openClocks)} open clocks (5-min horizon)`,
        'bytes',
        pass.bytes,
        `one delayed job per timer (${count(perJob.bytesPerJob)} B/job × ${count(pass.openClocks)})`,
        perJob.bytesPerJob * pass.openClocks,
        `${plural(pass.promoted, 'timer')} within the horizon promoted; used_memory ${count(pass.bytesBefore)} → ${count(pass.bytesAfter)} B (± tens of kB of client buffers); the queue's keys: ${count(pass.keyBytes)} B; exact ratio ${(pass.bytes / (perJob.bytesPerJob * pass.openClocks)).toExponential(1)}; one pending timer per clock, spread over 365 days`,
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
}

const plural = (n: number, word: string): string => `${count(n)} ${word}${n === 1 ? '' : 's'}`;

function row(name: string, unit: string, value: number, baselineName: string, baseline: number, note: string): BenchResult {
  return { name, unit, value, baselineName, baseline, ratio: value / baseline, note };
}
