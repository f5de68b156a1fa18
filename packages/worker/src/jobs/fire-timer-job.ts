import type { FireOutcome } from '@esa-flow/engine';
import type { FireTimerJobData } from './promote-timers';
import type { TimerBatcher } from './timer-batcher';

/**
 * The processor of a fire-timer job. The database decides: the timer fires
 * only if it is still pending, of this revision, due, and its clock still
 * runs. The job joins the next firing transaction (timer-batcher.ts) and gets
 * its own timer's outcome. A job that runs early leaves the timer for the
 * next promotion pass; so does one that finds the timer held by another
 * worker ('busy'): that worker fires it, or, if it dies first, the timer is
 * still pending and the next pass schedules it again. Only real errors (the
 * database away) make BullMQ retry the job with backoff.
 */
export function fireTimerProcessor(batcher: TimerBatcher) {
  return async (job: { data: FireTimerJobData }): Promise<FireOutcome> => {
    return batcher.fire({ timerId: job.data.timerId, revision: job.data.revision });
  };
}
