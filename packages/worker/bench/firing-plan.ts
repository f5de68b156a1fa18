/** What both firing runs share: the shape of the load and of the answer. */
import { summarizeLags, type LagSummary } from './stats';

export interface FiringPlan {
  /** timers (or jobs) falling due */
  count: number;
  /** their fire_at spread evenly over this window */
  windowMs: number;
  /** the first one falls due this long after the jobs start being enqueued/promoted */
  leadMs: number;
  /** worker instances (in this process) and WORKER_CONCURRENCY of each */
  workers: number;
  concurrency: number;
  onProgress: (message: string) => void;
}

export interface FiringMeasurement {
  handled: number;
  lag: LagSummary;
  /** handled / (last handled − first due) */
  timersPerSec: number;
  /** time to enqueue (baseline) or promote (ours) all of them */
  enqueueMs: number;
  /** first due − end of enqueueing: positive means every job was in Redis before the first fell due */
  headroomMs: number;
  /** last handled − last due */
  drainMs: number;
}

/** Turns the moments each item fell due and was handled (ms since epoch) into the measurement. */
export function measureFiring(dueMs: Float64Array, handledMs: Float64Array, enqueueMs: number, headroomMs: number): FiringMeasurement {
  let firstDue = Number.POSITIVE_INFINITY;
  let lastDue = Number.NEGATIVE_INFINITY;
  let lastHandled = Number.NEGATIVE_INFINITY;
  const lags: number[] = [];
  for (let i = 0; i < dueMs.length; i++) {
    const due = dueMs[i] ?? Number.NaN;
    const handled = handledMs[i] ?? Number.NaN;
    firstDue = Math.min(firstDue, due);
    lastDue = Math.max(lastDue, due);
    if (Number.isNaN(handled)) continue;
    lastHandled = Math.max(lastHandled, handled);
    lags.push(handled - due);
  }
  return {
    handled: lags.length,
    lag: summarizeLags(Float64Array.from(lags)),
    timersPerSec: lags.length / ((lastHandled - firstDue) / 1000),
    enqueueMs,
    headroomMs,
    drainMs: lastHandled - lastDue,
  };
}

/** Polls `remaining` until it reaches 0 or `deadline` passes; reports every 10 s; returns what is left. */
export async function waitForDrain(
  remaining: () => Promise<number>,
  deadline: number,
  onProgress: (message: string) => void,
  /** run once if nothing moved for 15 s after `after` (e.g. a job ran early: promote again) */
  onStuck?: { after: number; run: () => Promise<void> },
): Promise<number> {
  let left = await remaining();
  let lastReport = Date.now();
  let lastChange = Date.now();
  let nudged = false;
  while (left > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await remaining();
    if (now !== left) lastChange = Date.now();
    left = now;
    if (Date.now() - lastReport >= 10_000) {
      onProgress(`${left.toLocaleString('en-US')} still to fire`);
      lastReport = Date.now();
    }
    if (left > 0 && onStuck && !nudged && Date.now() > onStuck.after && Date.now() - lastChange > 15_000) {
      nudged = true;
      onProgress(`nothing fired for 15 s with ${left} left: running the promotion pass again`);
      await onStuck.run();
    }
  }
  return left;
}
