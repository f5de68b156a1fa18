/**
 * A worker process: the periodic passes and the timer queue.
 *
 * The passes — timer promotion, mail delivery, the procedures' maintenance,
 * the daily digest — run in the process itself (pass loops), not as job
 * schedulers stored in Redis: a Redis FLUSHALL or a restart without
 * persistence cannot stop them, and mail delivery never touches Redis. Each
 * pass but delivery takes a PostgreSQL advisory lock, so with several
 * processes one runs it at a time; every pass is safe to run twice anyway.
 *
 * On Redis, BullMQ keeps the per-timer delayed jobs (fire-timer), which the
 * promotion pass adds again every interval, so a wiped Redis is refilled
 * within one interval; the jobs are fired in batches (timer-batcher.ts). On
 * the PostgreSQL backend the ledger is the queue: a firing loop takes due
 * timers straight from sla_timers (fire-due-timers.ts), no job per timer. While the queue is unreachable the promotion pass fires the due
 * timers itself, and says so once per interval. Scheduled cycle openings stay
 * BullMQ job schedulers (one job per moment across all processes); the
 * promotion pass puts back any that Redis lost.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fireTimers, type FireOutcome, type Engine } from '@esa-flow/engine';
import type { WorkerConfig } from './config';
import { writeDailyDigests } from './jobs/daily-digest';
import { fireDueTimers } from './jobs/fire-due-timers';
import { fireTimerProcessor } from './jobs/fire-timer-job';
import { promoteDueTimers } from './jobs/promote-timers';
import { createTimerBatcher } from './jobs/timer-batcher';
import { createWorkerMetrics, type PassName, type WorkerMetrics } from './metrics';
import { cronMomentBetween } from './passes/cron-moment';
import { startPassLoop, type PassLoop, type PassTimers } from './passes/pass-loop';
import { withPassLock } from '@esa-flow/engine';
import { createQueueKit, within, type QueueKit, type QueueLike } from './queue/queue-kit';

export const TIMER_QUEUE = 'esa-timers';
export const MAINTENANCE_QUEUE = 'esa-maintenance';

export type MaintenanceJob = 'promote-timers' | 'deliver-notifications' | 'daily-digest' | 'workflow-maintenance' | `open-cycle:${string}`;

/** Job schedulers earlier versions kept in Redis for the passes; removed once the queue answers. */
const LEGACY_SCHEDULERS = ['promote-timers', 'deliver-notifications', 'workflow-maintenance', 'daily-digest'] as const;

/** Most timers one pass of the ledger firing loop takes; it runs again TIMER_POLL_MS after. */
const LEDGER_PASS_LIMIT = 10_000;

/** A worker that starts this long after the digest moment still writes the day's digest (once: it is keyed by day). */
export const DIGEST_CATCH_UP_MS = 2 * 3600_000;

/** What the worker says; pino's Logger fits. */
export interface WorkerLogger {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

export interface WorkerHooks {
  /** sends due notifications (the mail module); called by the delivery pass */
  deliverNotifications?: () => Promise<unknown>;
  /**
   * the procedures' own periodic work (e.g. closing windows that end a case on
   * their own: an unrevised academic work, an uncorrected transfer request);
   * run with every promotion pass
   */
  workflowMaintenance?: () => Promise<unknown>;
  /** opens a scheduled cycle (a salary round, a transfer round) by its schedule id */
  openScheduledCycle?: (scheduleId: string) => Promise<unknown>;
  /** job and queue errors, at most one per place per promotion interval */
  onError?: (error: unknown, where: string) => void;
  /** the passes' warnings and the queue going away and coming back */
  logger?: WorkerLogger;
  /** measures the process clock's offset from the database's again, every promotion interval (the caller measured it once before starting) */
  clockSync?: () => Promise<unknown>;
  /** the timers of the pass loops (tests); @defaultValue setTimeout */
  timers?: PassTimers;
  /** false: no pass loops (a test that runs passes by hand); @defaultValue true */
  loops?: boolean;
}

export interface RunningWorker {
  readonly id: string;
  readonly kit: QueueKit;
  readonly timerQueue: QueueLike;
  readonly maintenanceQueue: QueueLike;
  readonly metrics: WorkerMetrics;
  /** one promotion pass now, straight to the queue (no lock, no fallback); throws when the queue does; 0 on the PostgreSQL backend */
  promote(): Promise<{ promoted: number }>;
  /** fires the due timers from the ledger now, as the PostgreSQL backend's firing loop does; resolves with how many fired */
  fireDue(): Promise<number>;
  /** one whole promotion pass as the loop runs it (lock, re-asserted schedules, direct firing while the queue is away) */
  promotionPass(): Promise<PromotionPassResult>;
  /** schedule a cycle opening (a cron pattern in Asia/Bangkok) */
  scheduleCycleOpening(scheduleId: string, cron: string): Promise<void>;
  /** whether the queue backend answers now (always true on PostgreSQL) */
  queueReachable(): Promise<boolean>;
  /** graceful: stops the passes and taking jobs, waits for the active ones, closes connections */
  stop(): Promise<void>;
}

export type PromotionPassResult =
  | { via: 'queue'; promoted: number }
  | { via: 'direct'; fired: number; reason: string }
  | { via: 'skipped'; reason: 'another process holds the pass' }
  /** the PostgreSQL backend: nothing to promote, the firing loop takes due timers from the ledger */
  | { via: 'ledger' };

export async function startWorker(engine: Engine, config: WorkerConfig, hooks: WorkerHooks = {}): Promise<RunningWorker> {
  const id = `worker-${randomUUID().slice(0, 8)}`;
  const log = hooks.logger ?? silentLogger(hooks.onError);
  const kit = createQueueKit({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, prefix: config.QUEUE_PREFIX });
  const timerQueue = kit.queue(TIMER_QUEUE);
  const maintenanceQueue = kit.queue(MAINTENANCE_QUEUE);
  const metrics = createWorkerMetrics({
    engine,
    clock: engine.clock,
    queues: [timerQueue, maintenanceQueue],
    queueTimeoutMs: Math.min(config.QUEUE_TIMEOUT_MS, 2_000),
    queueUp: () => kit.ping(Math.min(config.QUEUE_TIMEOUT_MS, 2_000)),
  });
  const report = throttled(config.PROMOTION_INTERVAL_MS, (error, where, suppressed) => {
    hooks.onError?.(error, where);
    if (hooks.logger) log.error({ where, err: errorText(error), ...(suppressed ? { suppressed } : {}) }, 'job or queue error');
  });

  const promote = () =>
    promoteDueTimers(engine, timerQueue, { horizonMs: config.PROMOTION_HORIZON_MS, batchSize: config.PROMOTION_BATCH_SIZE });
  const workerOpts = { lockDurationMs: config.JOB_LOCK_DURATION_MS, stalledIntervalMs: config.STALLED_INTERVAL_MS };

  let queueDownSince: Date | undefined;
  const batcher = createTimerBatcher({
    fireBatch: (requests) => fireTimers(engine, requests, { firedBy: id }),
    maxBatch: config.TIMER_BATCH_SIZE,
    maxInFlight: config.WORKER_CONCURRENCY,
    onBatch: (size) => metrics.timerBatch(size),
  });
  // On Redis, one delayed job per timer within the horizon, enough jobs at once to fill every
  // transaction's batch. On the PostgreSQL backend the ledger is the queue: the firing loop
  // takes due timers straight from sla_timers (a job per timer would only add rows to the same database).
  const ledgerFiring = kit.kind === 'postgres';
  const timerWorker = ledgerFiring
    ? undefined
    : kit.worker(TIMER_QUEUE, fireTimerProcessor(batcher) as never, {
        concurrency: config.WORKER_CONCURRENCY * config.TIMER_BATCH_SIZE,
        ...workerOpts,
      });
  timerWorker?.on('completed', (_job, outcome) => metrics.timerFired('queue', outcome as FireOutcome));
  const maintenanceWorker = kit.worker(
    MAINTENANCE_QUEUE,
    (async (job: { name: MaintenanceJob }) => {
      // What the loops run, also on demand (an operator adding a job by hand);
      // the jobs of earlier versions' schedulers land here until removed.
      if (job.name === 'promote-timers') return promote();
      if (job.name === 'deliver-notifications') return hooks.deliverNotifications?.();
      if (job.name === 'daily-digest') return writeDailyDigests(engine);
      if (job.name === 'workflow-maintenance') return hooks.workflowMaintenance?.();
      if (job.name.startsWith('open-cycle:')) return hooks.openScheduledCycle?.(job.name.slice('open-cycle:'.length));
      return undefined;
    }) as never,
    { concurrency: 1, ...workerOpts },
  );
  for (const [w, where] of [
    [timerWorker, 'timers'],
    [maintenanceWorker, 'maintenance'],
  ] as const) {
    if (!w) continue;
    // connection errors while the queue is away: the promotion pass says it, once per interval
    w.on('error', (e) => {
      if (!queueDownSince && kit.connected()) report(e, where);
    });
    w.on('failed', (_job, e) => report(e, `${where} job`));
  }

  // --- firing from the ledger (PostgreSQL backend; Redis away) ------------
  /** timers that failed on their own; left out until the next promotion pass tries them again */
  const failedTimers = new Set<string>();
  const fireFromLedger = async (via: 'direct' | 'ledger', limit: number) => {
    const { counts, failed } = await fireDueTimers(engine, {
      limit,
      concurrency: config.WORKER_CONCURRENCY,
      batchSize: config.TIMER_BATCH_SIZE,
      firedBy: via === 'direct' ? `${id}/direct` : id,
      exclude: failedTimers,
      onBatch: (size) => metrics.timerBatch(size),
    });
    for (const [outcome, n] of Object.entries(counts)) metrics.timerFired(via, outcome as FireOutcome, n);
    for (const t of failed) failedTimers.add(t);
    if (failed.length > 0) report(new Error(`timers that could not be fired: ${failed.join(', ')}`), 'timers');
    return counts;
  };

  // --- the promotion pass -------------------------------------------------
  const cycleSchedules = new Map<string, string>();
  let legacyRemoved = false;
  // each call to the queue is bounded: a hung Redis must not hold the pass (and its lock) forever
  const boundedTimerQueue: Pick<QueueLike, 'addBulk'> = {
    addBulk: (jobs) => rejectAfter(timerQueue.addBulk(jobs), config.QUEUE_TIMEOUT_MS, 'adding timer jobs'),
  };
  const upsertCycleSchedule = (scheduleId: string, cron: string) =>
    maintenanceQueue.upsertJobScheduler(
      `open-cycle:${scheduleId}`,
      { pattern: cron, tz: 'Asia/Bangkok' },
      { name: `open-cycle:${scheduleId}` },
    );
  const reassertSchedules = async () => {
    if (!legacyRemoved) {
      for (const legacy of LEGACY_SCHEDULERS)
        await rejectAfter(maintenanceQueue.removeJobScheduler(legacy), config.QUEUE_TIMEOUT_MS, 'removing old schedulers');
      legacyRemoved = true;
    }
    for (const [scheduleId, cron] of cycleSchedules) {
      await rejectAfter(upsertCycleSchedule(scheduleId, cron), config.QUEUE_TIMEOUT_MS, 'scheduling cycle openings');
    }
  };
  const promotionPass = async (): Promise<PromotionPassResult> => {
    failedTimers.clear(); // a timer that failed gets another try once per interval
    const locked = await withPassLock(engine, 'promotion', async (): Promise<PromotionPassResult> => {
      if (ledgerFiring) {
        await reassertSchedules();
        return { via: 'ledger' };
      }
      let reason = 'the queue connection is down';
      if (kit.connected()) {
        try {
          const { promoted } = await promoteDueTimers(engine, boundedTimerQueue, {
            horizonMs: config.PROMOTION_HORIZON_MS,
            batchSize: config.PROMOTION_BATCH_SIZE,
          });
          await reassertSchedules();
          if (queueDownSince) {
            log.info(
              { pass: 'promotion', downSince: queueDownSince.toISOString(), promoted },
              'queue reachable again: pending timers are back in the queue',
            );
            queueDownSince = undefined;
          }
          return { via: 'queue', promoted };
        } catch (error) {
          reason = errorText(error);
        }
      }
      queueDownSince ??= new Date();
      const outcomes = await fireFromLedger('direct', config.PROMOTION_BATCH_SIZE);
      log.warn(
        {
          pass: 'promotion',
          reason,
          downSince: queueDownSince.toISOString(),
          firedDirectly: outcomes.fired,
          nextTryMs: config.PROMOTION_INTERVAL_MS,
        },
        'queue unreachable (Redis?): due timers are fired by the promotion pass itself until it returns; mail delivery is not affected',
      );
      return { via: 'direct', fired: outcomes.fired, reason };
    });
    return locked.ran ? locked.value : { via: 'skipped', reason: 'another process holds the pass' };
  };

  // --- the loops ------------------------------------------------------------
  const runPass = (pass: PassName, body: () => Promise<unknown>, intervalMs: number) => async () => {
    const started = performance.now();
    try {
      await body();
      metrics.passFinished(pass, (performance.now() - started) / 1000, true);
    } catch (error) {
      metrics.passFinished(pass, (performance.now() - started) / 1000, false);
      log.warn({ pass, err: errorText(error), nextTryMs: intervalMs }, `${pass} pass failed; it runs again at its next interval`);
    }
  };
  let lastDigestCheck = new Date(engine.clock.now().getTime() - DIGEST_CATCH_UP_MS);
  const digestPass = async () => {
    const now = engine.clock.now();
    if (now.getTime() < lastDigestCheck.getTime()) lastDigestCheck = now; // the clock went back
    const moment = cronMomentBetween(config.DIGEST_CRON, lastDigestCheck, now);
    if (moment) {
      // another process holding the lock is writing the same digest right now
      const r = await withPassLock(engine, 'digest', () => writeDailyDigests(engine));
      log.info(
        { pass: 'digest', moment: moment.toISOString(), ...(r.ran ? r.value : { people: 0, skipped: 'another process is writing it' }) },
        'daily digest',
      );
    }
    lastDigestCheck = now; // not reached when the digest failed: the next tick tries again
  };
  const loops: PassLoop[] = [];
  const timers = hooks.timers;
  const loop = (name: PassName, intervalMs: number, body: () => Promise<unknown>, firstDelayMs = 0) =>
    loops.push(startPassLoop({ name, intervalMs, firstDelayMs, run: runPass(name, body, intervalMs), ...(timers ? { timers } : {}) }));
  if (hooks.loops !== false) {
    // mail, maintenance and the digest need nothing from the queue: they start at once
    const deliver = hooks.deliverNotifications;
    if (deliver) {
      loop('delivery', config.DELIVERY_INTERVAL_MS, async () => {
        const r = await deliver();
        if (isDeliveryReport(r)) metrics.mailDelivered(r);
      });
    }
    const maintain = hooks.workflowMaintenance;
    if (maintain) loop('maintenance', config.PROMOTION_INTERVAL_MS, () => withPassLock(engine, 'maintenance', maintain));
    loop('digest', Math.min(config.PROMOTION_INTERVAL_MS, 60_000), digestPass);
    const clockSync = hooks.clockSync;
    // the process measured the offset before it started: the next measurement is one interval on
    if (clockSync) loop('clock', config.PROMOTION_INTERVAL_MS, clockSync, config.PROMOTION_INTERVAL_MS);
  }

  // The queue may be away at start: everything runs anyway, the workers join when it answers.
  const ready = await within(
    Promise.all([timerQueue, maintenanceQueue, timerWorker, maintenanceWorker].map((x) => x?.waitUntilReady())).then(
      () => true,
      () => false,
    ),
    config.QUEUE_TIMEOUT_MS,
    false,
  );
  if (!ready) log.warn({ queue: kit.kind }, 'queue not reachable at start; the promotion pass fires due timers itself until it is');
  if (hooks.loops !== false) {
    loop('promotion', config.PROMOTION_INTERVAL_MS, promotionPass);
    if (ledgerFiring) loop('firing', config.TIMER_POLL_MS, () => fireFromLedger('ledger', LEDGER_PASS_LIMIT));
  }

  let stopped = false;
  return {
    id,
    kit,
    timerQueue,
    maintenanceQueue,
    metrics,
    promote: ledgerFiring ? async () => ({ promoted: 0 }) : promote,
    promotionPass,
    async fireDue() {
      return (await fireFromLedger(ledgerFiring ? 'ledger' : 'direct', LEDGER_PASS_LIMIT)).fired;
    },
    async scheduleCycleOpening(scheduleId, cron) {
      cycleSchedules.set(scheduleId, cron);
      await upsertCycleSchedule(scheduleId, cron);
    },
    queueReachable: () => kit.ping(Math.min(config.QUEUE_TIMEOUT_MS, 2_000)),
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.allSettled(loops.map((l) => l.stop()));
      await kit.close();
    },
  };
}

function isDeliveryReport(value: unknown): value is { sent: number; retried: number; failed: number } {
  const r = value as Record<string, unknown> | null;
  return typeof r === 'object' && r !== null && typeof r.sent === 'number' && typeof r.retried === 'number' && typeof r.failed === 'number';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function rejectAfter<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  const late = Symbol('late');
  return within(promise, ms, late).then((v) => {
    if (v === late) throw new Error(`queue did not answer within ${ms} ms (${what})`);
    return v as T;
  });
}

/** At most one report per `where` per `intervalMs`; the next one says how many were held back. */
function throttled(intervalMs: number, emit: (error: unknown, where: string, suppressed: number) => void) {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (error: unknown, where: string) => {
    const now = Date.now();
    const seen = last.get(where);
    if (seen && now - seen.at < intervalMs) {
      seen.suppressed += 1;
      return;
    }
    last.set(where, { at: now, suppressed: 0 });
    emit(error, where, seen?.suppressed ?? 0);
  };
}

/** Without a logger, pass warnings reach onError (as before), and info is dropped. */
function silentLogger(onError?: (error: unknown, where: string) => void): WorkerLogger {
  return {
    info: () => {},
    warn: (fields, msg) => onError?.(new Error(`${msg}: ${String(fields.err ?? fields.reason ?? '')}`), String(fields.pass ?? 'worker')),
    error: () => {},
  };
}
