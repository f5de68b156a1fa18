/**
 * The promotion pass: timers due within the horizon become delayed jobs whose
 * id is derived from the timer and its revision, so running the pass twice
 * (or on two workers) adds each job once. Redis therefore holds only the near
 * future, whatever the number of open clocks; after Redis is wiped, the next
 * pass puts back everything still pending.
 */
import { listTimersDueBefore, type Engine } from '@esa-flow/engine';
import type { QueueLike } from '../queue/queue-kit';

export const FIRE_TIMER_JOB = 'fire-timer';

export interface FireTimerJobData {
  timerId: string;
  revision: number;
}

/** `sla-<timer>-r<revision>`: not all digits and no colon, as BullMQ requires of custom ids. */
export function timerJobId(timerId: string, revision: number): string {
  return `sla-${timerId}-r${revision}`;
}

export async function promoteDueTimers(
  engine: Engine,
  queue: Pick<QueueLike, 'addBulk'>,
  opts: { horizonMs: number; batchSize: number },
): Promise<{ promoted: number }> {
  const now = engine.clock.now();
  const until = new Date(now.getTime() + opts.horizonMs);
  let promoted = 0;
  let afterId: string | undefined;
  for (;;) {
    const batch = await listTimersDueBefore(engine, until, opts.batchSize, afterId);
    if (batch.length === 0) break;
    const batchNow = engine.clock.now();
    await queue.addBulk(
      batch.map((t) => ({
        name: FIRE_TIMER_JOB,
        data: { timerId: t.id, revision: t.revision } satisfies FireTimerJobData,
        opts: {
          jobId: timerJobId(t.id, t.revision),
          // BullMQ counts a delay from when the job is added, so take the clock per batch:
          // a long pass must not push its last jobs late by the length of the pass.
          delay: Math.max(0, t.fireAt.getTime() - batchNow.getTime()),
          // the job's moment = timestamp + delay; BullMQ would take this machine's Date.now(),
          // which may be off: the process clock reads the database's (database-clock.ts)
          timestamp: batchNow.getTime(),
          attempts: 8,
          backoff: { type: 'exponential', delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: { count: 10_000 },
        },
      })),
    );
    promoted += batch.length;
    afterId = batch[batch.length - 1]!.id;
    if (batch.length < opts.batchSize) break;
  }
  return { promoted };
}
