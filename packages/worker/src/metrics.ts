/**
 * What a worker process tells Prometheus (`/metrics` on WORKER_METRICS_PORT).
 * Counters and pass durations are recorded as things happen; the timer lag,
 * the due timers and the queue depths are read when scraped (one indexed
 * query on `sla_timers_pending_idx`, one getJobCounts per queue, bounded).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { dueTimersAt, type Clock, type Engine, type FireOutcome } from '@esa-flow/engine';
import { within, type QueueLike } from './queue/queue-kit';

export type PassName = 'promotion' | 'delivery' | 'maintenance' | 'digest' | 'clock' | 'firing';

export interface WorkerMetrics {
  readonly registry: Registry;
  passFinished(pass: PassName, seconds: number, ok: boolean): void;
  timerFired(via: 'queue' | 'direct' | 'ledger', outcome: FireOutcome, n?: number): void;
  /** one firing transaction started with this many timers */
  timerBatch(size: number): void;
  mailDelivered(report: { sent: number; retried: number; failed: number }): void;
}

export function createWorkerMetrics(sources: {
  engine: Engine;
  clock: Clock;
  queues: QueueLike[];
  queueTimeoutMs: number;
  queueUp: () => Promise<boolean>;
}): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'esa_worker_' });

  const passDuration = new Histogram({
    name: 'esa_worker_pass_duration_seconds',
    help: 'How long one periodic pass took, by pass and result',
    labelNames: ['pass', 'result'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const timers = new Counter({
    name: 'esa_worker_timers_total',
    help: 'Timer firings by this process: via the queue (a job), directly (Redis was unreachable) or from the ledger (the PostgreSQL backend), by outcome',
    labelNames: ['via', 'outcome'] as const,
    registers: [registry],
  });
  const batchSize = new Histogram({
    name: 'esa_worker_timer_batch_size',
    help: 'Timers fired together in one transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  const mailsSent = new Counter({
    name: 'esa_worker_mails_sent_total',
    help: 'Notifications the mail server accepted',
    registers: [registry],
  });
  const mailsRetried = new Counter({
    name: 'esa_worker_mails_retried_total',
    help: 'Transient send failures put back for a later attempt',
    registers: [registry],
  });
  const mailsFailed = new Counter({
    name: 'esa_worker_mails_failed_total',
    help: 'Notifications given up for good (permanent refusal, attempts used up)',
    registers: [registry],
  });

  let dueRead: Promise<{ due: number; lagSeconds: number }> | undefined;
  const readDue = () => {
    dueRead ??= (async () => {
      const now = sources.clock.now();
      const row = await dueTimersAt(sources.engine, now);
      const oldest = row.oldest ? new Date(row.oldest) : null;
      return { due: row.due, lagSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0 };
    })().finally(() => setTimeout(() => (dueRead = undefined), 0));
    return dueRead;
  };
  new Gauge({
    name: 'esa_worker_due_timers_pending',
    help: 'Timers whose moment has come and that have not fired yet (all processes)',
    registers: [registry],
    async collect() {
      this.set((await readDue()).due);
    },
  });
  new Gauge({
    name: 'esa_worker_timer_lag_seconds',
    help: 'How late the oldest due, unfired timer is (0 when none is waiting)',
    registers: [registry],
    async collect() {
      this.set((await readDue()).lagSeconds);
    },
  });
  new Gauge({
    name: 'esa_worker_queue_up',
    help: '1 when the queue backend (Redis) answers, 0 while it is unreachable',
    registers: [registry],
    async collect() {
      this.set((await sources.queueUp()) ? 1 : 0);
    },
  });
  const states = ['wait', 'delayed', 'active', 'failed'] as const;
  new Gauge({
    name: 'esa_worker_queue_jobs',
    help: 'Jobs in the queue backend, by queue and state (absent while the queue is unreachable)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of sources.queues) {
        const counts = await within(
          q.getJobCounts(...states).catch(() => undefined),
          sources.queueTimeoutMs,
          undefined,
        );
        if (!counts) continue;
        for (const s of states) this.set({ queue: q.name, state: s }, counts[s] ?? 0);
      }
    },
  });

  return {
    registry,
    passFinished(pass, seconds, ok) {
      passDuration.observe({ pass, result: ok ? 'ok' : 'error' }, seconds);
    },
    timerFired(via, outcome, n = 1) {
      if (n > 0) timers.inc({ via, outcome }, n);
    },
    timerBatch(size) {
      batchSize.observe(size);
    },
    mailDelivered(report) {
      mailsSent.inc(report.sent);
      mailsRetried.inc(report.retried);
      mailsFailed.inc(report.failed);
    },
  };
}
