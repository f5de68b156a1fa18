/** @esa-flow/worker: the background processes of esa-flow. */
export * from './mail/index';
export { loadWorkerConfig, type WorkerConfig } from './config';
export { createQueueKit, type QueueKit, type QueueBackendKind } from './queue/queue-kit';
export { promoteDueTimers, timerJobId, FIRE_TIMER_JOB } from './jobs/promote-timers';
export { writeDailyDigests } from './jobs/daily-digest';
export { startWorker, TIMER_QUEUE, MAINTENANCE_QUEUE, type RunningWorker, type WorkerHooks } from './worker-runtime';
export { runWorkerProcess } from './worker-process';
