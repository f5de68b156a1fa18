/**
 * Firing due timers without the queue: what the promotion pass does while
 * the queue (Redis) is unreachable, so deadlines are still told, at most one
 * promotion interval late. fireTimer decides in the database exactly as for a
 * job (row lock, pending, same revision, due, clock running), so a timer this
 * fires and a job that runs later for it cannot both fire it.
 */
import { fireTimer, listTimersDueBefore, type EngineDeps, type FireOutcome } from '@esa-flow/engine';
import { runLimited } from '../mail/run-limited';

export async function fireDueTimers(
  deps: EngineDeps,
  opts: { limit: number; concurrency: number; firedBy: string },
): Promise<Record<FireOutcome, number>> {
  const due = await listTimersDueBefore(deps, deps.clock.now(), opts.limit);
  const outcomes = await runLimited(due, opts.concurrency, (t) => fireTimer(deps, t.id, { revision: t.revision, firedBy: opts.firedBy }));
  const counts: Record<FireOutcome, number> = { fired: 0, busy: 0, stale: 0, not_due: 0 };
  for (const o of outcomes) counts[o] += 1;
  return counts;
}
