/**
 * A worker process: the timer queue (delayed fire-timer jobs) and the
 * maintenance queue, whose job schedulers run the promotion pass, the
 * notification delivery pass, the daily digest and scheduled cycle openings.
 * Several processes may run at once: every job is safe to run twice.
 */
import { randomUUID } from 'node:crypto';
import type { EngineDeps } from '@esa-flow/engine';
import type { WorkerConfig } from './config';
import { writeDailyDigests } from './jobs/daily-digest';
import { fireTimerProcessor } from './jobs/fire-timer-job';
import { promoteDueTimers } from './jobs/promote-timers';
import { createQueueKit, type QueueKit, type QueueLike } from './queue/queue-kit';

export const TIMER_QUEUE = 'esa-timers';
export const MAINTENANCE_QUEUE = 'esa-maintenance';

export type MaintenanceJob = 'promote-timers' | 'deliver-notifications' | 'daily-digest' | 'workflow-maintenance' | `open-cycle:${string}`;

export interface WorkerHooks {
  /** sends due notifications (the mail module); called by the delivery scheduler */
  deliverNotifications?: () => Promise<unknown>;
  /**
   * the procedures' own periodic work (e.g. closing windows that end a case on
   * their own: an unrevised academic work, an uncorrected transfer request);
   * run with every promotion pass
   */
  workflowMaintenance?: () => Promise<unknown>;
  /** opens a scheduled cycle (a salary round, a transfer round) by its schedule id */
  openScheduledCycle?: (scheduleId: string) => Promise<unknown>;
  onError?: (error: unknown, where: string) => void;
}

export interface RunningWorker {
  readonly id: string;
  readonly kit: QueueKit;
  readonly timerQueue: QueueLike;
  readonly maintenanceQueue: QueueLike;
  /** one promotion pass now (also what the scheduler runs) */
  promote(): Promise<{ promoted: number }>;
  /** schedule a cycle opening (a cron pattern in Asia/Bangkok) */
  scheduleCycleOpening(scheduleId: string, cron: string): Promise<void>;
  /** graceful: stops taking jobs, waits for the active ones, closes connections */
  stop(): Promise<void>;
}

export async function startWorker(deps: EngineDeps, config: WorkerConfig, hooks: WorkerHooks = {}): Promise<RunningWorker> {
  const id = `worker-${randomUUID().slice(0, 8)}`;
  const kit = createQueueKit({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, prefix: config.QUEUE_PREFIX });
  const timerQueue = kit.queue(TIMER_QUEUE);
  const maintenanceQueue = kit.queue(MAINTENANCE_QUEUE);
  const promote = () =>
    promoteDueTimers(deps, timerQueue, { horizonMs: config.PROMOTION_HORIZON_MS, batchSize: config.PROMOTION_BATCH_SIZE });
  const workerOpts = { lockDurationMs: config.JOB_LOCK_DURATION_MS, stalledIntervalMs: config.STALLED_INTERVAL_MS };

  const timerWorker = kit.worker(TIMER_QUEUE, fireTimerProcessor(deps, id) as never, { concurrency: config.WORKER_CONCURRENCY, ...workerOpts });
  const maintenanceWorker = kit.worker(
    MAINTENANCE_QUEUE,
    (async (job: { name: MaintenanceJob }) => {
      if (job.name === 'promote-timers') return promote();
      if (job.name === 'deliver-notifications') return hooks.deliverNotifications?.();
      if (job.name === 'daily-digest') return writeDailyDigests(deps);
      if (job.name === 'workflow-maintenance') return hooks.workflowMaintenance?.();
      if (job.name.startsWith('open-cycle:')) return hooks.openScheduledCycle?.(job.name.slice('open-cycle:'.length));
      return undefined;
    }) as never,
    { concurrency: 1, ...workerOpts },
  );
  for (const [w, where] of [[timerWorker, 'timers'], [maintenanceWorker, 'maintenance']] as const) {
    w.on('error', (e) => hooks.onError?.(e, where));
    w.on('failed', (_job, e) => hooks.onError?.(e, where));
  }

  await maintenanceQueue.upsertJobScheduler('promote-timers', { every: config.PROMOTION_INTERVAL_MS }, { name: 'promote-timers' });
  await maintenanceQueue.upsertJobScheduler('deliver-notifications', { every: config.DELIVERY_INTERVAL_MS }, { name: 'deliver-notifications' });
  await maintenanceQueue.upsertJobScheduler('workflow-maintenance', { every: config.PROMOTION_INTERVAL_MS }, { name: 'workflow-maintenance' });
  await maintenanceQueue.upsertJobScheduler('daily-digest', { pattern: config.DIGEST_CRON, tz: 'Asia/Bangkok' }, { name: 'daily-digest' });
  await Promise.all([timerWorker.waitUntilReady(), maintenanceWorker.waitUntilReady()]);

  let stopped = false;
  return {
    id,
    kit,
    timerQueue,
    maintenanceQueue,
    promote,
    async scheduleCycleOpening(scheduleId, cron) {
      await maintenanceQueue.upsertJobScheduler(`open-cycle:${scheduleId}`, { pattern: cron, tz: 'Asia/Bangkok' }, { name: `open-cycle:${scheduleId}` });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.allSettled([timerWorker.close(), maintenanceWorker.close()]);
      await kit.close();
    },
  };
}
