/** @esa-flow/worker: the background processes of esa-flow. */
export * from './mail/index';
export { loadWorkerConfig, type WorkerConfig } from './config';
export { createQueueKit, type QueueKit, type QueueBackendKind } from './queue/queue-kit';
export { promoteDueTimers, timerJobId, FIRE_TIMER_JOB } from './jobs/promote-timers';
export { writeDailyDigests } from './jobs/daily-digest';
export {
  startWorker,
  TIMER_QUEUE,
  MAINTENANCE_QUEUE,
  type RunningWorker,
  type WorkerHooks,
  type WorkerLogger,
  type PromotionPassResult,
} from './worker-runtime';
export { runWorkerProcess, createWorkerLogger, workerReadiness, type WorkerProcessOptions } from './worker-process';
export { startWorkerHttp, type WorkerHttp, type Readiness } from './http/worker-http';
export { type WorkerMetrics } from './metrics';
