/**
 * Our path, end to end: timers in PostgreSQL → the promotion pass → BullMQ
 * delayed jobs on Redis → the worker's fire-timer processor → fireTimer (one
 * transaction: lock, re-check, one notification row, timer 'fired'). The
 * engine runs on the system clock, so fired_at is the wall-clock moment the
 * firing transaction started; lag = fired_at − fire_at.
 */
import { sql } from 'kysely';
import { systemClock } from '@esa-flow/engine';
import { createEngine, type Database } from '@esa-flow/engine/internal';
import { createBenchDatabase } from '../../engine/bench/bench-database';
import { loadWorkerConfig } from '../src/config';
import { startWorker, type RunningWorker } from '../src/worker-runtime';
import { openTarget, type QueueTarget } from './queue-target';
import { measureFiring, waitForDrain, type FiringMeasurement, type FiringPlan } from './firing-plan';
import { BENCH_OFFICES, benchRegistry, insertRunningClocks, seedOfficesWithOfficer, shiftPendingTimers } from './timer-seed';
import { sleep } from './stats';

export interface EngineFiring extends FiringMeasurement {
  notifications: number;
  workerErrors: number;
}

const PARKED_MS = 7 * 86_400_000; // far outside the promotion horizon until the run starts

export async function engineFiring(target: QueueTarget, plan: FiringPlan): Promise<EngineFiring> {
  const poolSize = Math.min(60, plan.workers * plan.concurrency + 4);
  const bench = await createBenchDatabase(poolSize);
  const open = await openTarget(target, bench);
  const workers: RunningWorker[] = [];
  try {
    const officeIds = await seedOfficesWithOfficer(bench.db, BENCH_OFFICES);
    const parkedAt = Date.now() + PARKED_MS;
    const t0 = Date.now();
    await insertRunningClocks(bench.db, {
      officeIds,
      from: 0,
      to: plan.count,
      firstFireAt: new Date(parkedAt),
      slotMs: plan.windowMs / plan.count,
      stride: plan.count,
      interleave: 1,
    });
    plan.onProgress(
      `ours: ${plan.count.toLocaleString('en-US')} cases, running clocks and pending timers inserted in ${Date.now() - t0} ms`,
    );

    const engine = createEngine({ db: bench.db, registry: benchRegistry(), clock: systemClock });
    const config = loadWorkerConfig({
      DATABASE_URL: bench.url,
      ...(open.redisUrl ? { REDIS_URL: open.redisUrl } : {}),
      QUEUE_PREFIX: 'bench-ours',
      WORKER_CONCURRENCY: String(plan.concurrency),
      // only the pass below promotes; the schedulers' first runs find nothing within the horizon
      PROMOTION_INTERVAL_MS: '3600000',
      DELIVERY_INTERVAL_MS: '3600000',
    });
    let workerErrors = 0;
    for (let i = 0; i < plan.workers; i++) workers.push(await startWorker(engine, config, { onError: () => void (workerErrors += 1) }));
    const promoter = workers[0];
    if (!promoter) throw new Error('no worker');
    await sleep(1_000); // the schedulers' first (empty) passes

    // move the timers from their parking spot so the first falls due leadMs from now (the pass starts right after)
    const firstDue = Date.now() + plan.leadMs;
    await shiftPendingTimers(bench.db, firstDue - parkedAt);

    const promoteStart = Date.now();
    const { promoted } = await promoter.promote();
    const promoteEnd = Date.now();
    plan.onProgress(
      `ours: promotion pass added ${promoted.toLocaleString('en-US')} delayed jobs in ${promoteEnd - promoteStart} ms; first due in ${firstDue - promoteEnd} ms`,
    );

    const pending = async () => countPending(bench.db);
    const left = await waitForDrain(pending, firstDue + plan.windowMs + 600_000, (m) => plan.onProgress(`ours: ${m}`), {
      after: firstDue + plan.windowMs,
      run: async () => void (await promoter.promote()),
    });
    if (left > 0) plan.onProgress(`ours: gave up with ${left} timers still pending`);
    await Promise.all(workers.splice(0).map((w) => w.stop()));

    const rows = await sql<{ due: string; fired: string | null }>`
      select extract(epoch from fire_at) * 1000 as due, extract(epoch from fired_at) * 1000 as fired from sla_timers`.execute(bench.db);
    const dueMs = Float64Array.from(rows.rows, (r) => Number(r.due));
    const firedMs = Float64Array.from(rows.rows, (r) => (r.fired === null ? Number.NaN : Number(r.fired)));
    const notes = await bench.db
      .selectFrom('notifications')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('timer_id', 'is not', null)
      .executeTakeFirstOrThrow();
    return { ...measureFiring(dueMs, firedMs, promoteEnd - promoteStart, firstDue - promoteEnd), notifications: notes.n, workerErrors };
  } finally {
    await Promise.allSettled(workers.map((w) => w.stop()));
    await open.release();
    await bench.drop();
  }
}

async function countPending(db: Database): Promise<number> {
  const row = await db
    .selectFrom('sla_timers')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return row.n;
}
