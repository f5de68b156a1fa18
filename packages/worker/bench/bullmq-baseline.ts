/**
 * The baseline: BullMQ alone on the same Redis, no database. Every timer is
 * one delayed job from the start (what an application without a ledger would
 * do), with the same name, data shape, id scheme and options as the jobs the
 * promotion pass adds, and a processor that does nothing but note the time.
 */
import { createQueueKit, type QueueKit, type QueueLike } from '../src/queue/queue-kit';
import { FIRE_TIMER_JOB, timerJobId, type FireTimerJobData } from '../src/jobs/promote-timers';
import type { BenchRedis } from './bench-redis';
import { openTarget, type QueueTarget } from './queue-target';
import { measureFiring, waitForDrain, type FiringMeasurement, type FiringPlan } from './firing-plan';

const QUEUE = 'baseline-timers';
const PREFIX = 'bench-baseline';
const BATCH = 1_000;
/** the options promoteDueTimers gives every fire-timer job */
const JOB_OPTS = { attempts: 8, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: { count: 10_000 } };

function kitFor(redis: BenchRedis): QueueKit {
  return createQueueKit({ redisUrl: redis.url, databaseUrl: '', prefix: PREFIX });
}

/** Adds one delayed job per index, due at dueAt(i), in batches of 1,000 (as the promotion pass does). */
async function addDelayedJobs(queue: QueueLike, count: number, dueAt: (i: number) => number): Promise<void> {
  for (let from = 0; from < count; from += BATCH) {
    const now = Date.now();
    const jobs = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const data: FireTimerJobData = { timerId: String(i + 1), revision: 1 };
      jobs.push({
        name: FIRE_TIMER_JOB,
        data,
        opts: { ...JOB_OPTS, jobId: timerJobId(data.timerId, 1), delay: Math.max(0, dueAt(i) - now) },
      });
    }
    await queue.addBulk(jobs);
  }
}

export interface BytesPerJob {
  jobs: number;
  bytesBefore: number;
  bytesAfter: number;
  bytesPerJob: number;
  /** Σ MEMORY USAGE of the queue's keys ÷ jobs */
  keyBytesPerJob: number;
  enqueueMs: number;
}

/** Redis used_memory per delayed job: `count` jobs due tomorrow, INFO memory before and after. */
export async function baselineBytesPerJob(redis: BenchRedis, count: number): Promise<BytesPerJob> {
  await redis.flushAll();
  const kit = kitFor(redis);
  try {
    const queue = kit.queue(QUEUE);
    const bytesBefore = await redis.usedMemory();
    const start = Date.now();
    const tomorrow = start + 86_400_000;
    await addDelayedJobs(queue, count, (i) => tomorrow + i);
    const enqueueMs = Date.now() - start;
    const bytesAfter = await redis.usedMemory();
    const keyBytes = await redis.keyBytes(PREFIX);
    return {
      jobs: count,
      bytesBefore,
      bytesAfter,
      bytesPerJob: (bytesAfter - bytesBefore) / count,
      keyBytesPerJob: keyBytes / count,
      enqueueMs,
    };
  } finally {
    await kit.close();
    await redis.flushAll();
  }
}

/** How long BullMQ alone takes to add `count` delayed jobs on this target (to place the first due moment after the enqueueing). */
export async function baselineEnqueueMs(target: QueueTarget, count: number): Promise<number> {
  const open = await openTarget(target);
  const kit = open.kit(`${PREFIX}-probe`);
  try {
    const start = Date.now();
    await addDelayedJobs(kit.queue(QUEUE), count, () => start + 86_400_000);
    return Date.now() - start;
  } finally {
    await kit.close();
    await open.release();
  }
}

/** `plan.count` delayed jobs due evenly over `plan.windowMs`, a no-op processor: when does each run? */
export async function baselineFiring(target: QueueTarget, plan: FiringPlan): Promise<FiringMeasurement> {
  const open = await openTarget(target);
  const kit = open.kit(PREFIX);
  try {
    const queue = kit.queue(QUEUE);
    const handledMs = new Float64Array(plan.count).fill(Number.NaN);
    let handled = 0;
    const processor = async (job: { data: FireTimerJobData }): Promise<string> => {
      const i = Number(job.data.timerId) - 1;
      if (Number.isNaN(handledMs[i])) {
        handledMs[i] = Date.now();
        handled += 1;
      }
      return 'fired';
    };
    const workers = Array.from({ length: plan.workers }, () =>
      kit.worker(QUEUE, processor as never, { concurrency: plan.concurrency, lockDurationMs: 30_000, stalledIntervalMs: 30_000 }),
    );
    await Promise.all(workers.map((w) => w.waitUntilReady()));

    const start = Date.now();
    const firstDue = start + plan.leadMs;
    const step = plan.windowMs / plan.count;
    const dueMs = Float64Array.from({ length: plan.count }, (_, i) => Math.round(firstDue + i * step));
    await addDelayedJobs(queue, plan.count, (i) => dueMs[i] ?? firstDue);
    const enqueued = Date.now();
    plan.onProgress(
      `baseline: ${plan.count.toLocaleString('en-US')} delayed jobs added in ${enqueued - start} ms; first due in ${firstDue - enqueued} ms`,
    );

    const lastDue = firstDue + plan.windowMs;
    await waitForDrain(
      async () => plan.count - handled,
      lastDue + 120_000,
      (m) => plan.onProgress(`baseline: ${m}`),
    );
    await Promise.all(workers.map((w) => w.close()));
    return measureFiring(dueMs, handledMs, enqueued - start, firstDue - enqueued);
  } finally {
    await kit.close();
    await open.release();
  }
}
