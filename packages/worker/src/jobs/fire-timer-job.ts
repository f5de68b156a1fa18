import { fireTimer, type EngineDeps, type FireOutcome } from '@esa-flow/engine';
import type { FireTimerJobData } from './promote-timers';

/** Thrown so BullMQ retries later: another worker holds the timer right now. */
export class TimerBusyError extends Error {
  override readonly name = 'TimerBusyError';
}

/**
 * The processor of a fire-timer job. The database decides: the timer fires
 * only if it is still pending, of this revision, due, and its clock still
 * runs. A job that runs early leaves the timer for the next promotion pass.
 */
export function fireTimerProcessor(deps: EngineDeps, workerId: string) {
  return async (job: { data: FireTimerJobData }): Promise<FireOutcome> => {
    const outcome = await fireTimer(deps, job.data.timerId, { revision: job.data.revision, firedBy: workerId });
    if (outcome === 'busy') throw new TimerBusyError(`timer ${job.data.timerId} is being fired elsewhere`);
    return outcome;
  };
}
