/**
 * Firing due timers without the queue: what the promotion pass does while
 * the queue (Redis) is unreachable, so deadlines are still told, at most one
 * promotion interval late. fireTimer decides in the database exactly as for a
 * job (row lock, pending, same revision, due, clock running; several timers
 * per transaction), so a timer this
 * fires and a job that runs later for it cannot both fire it.
 */
import { fireTimers, listTimersDueBefore, type EngineDeps, type FireOutcome } from '@esa-flow/engine';
import { runLimited } from '../mail/run-limited';

export async function fireDueTimers(
  deps: EngineDeps,
  opts: { limit: number; concurrency: number; batchSize: number; firedBy: string },
): Promise<Record<FireOutcome, number>> {
  const due = await listTimersDueBefore(deps, deps.clock.now(), opts.limit);
  const batches: { timerId: string; revision: number }[][] = [];
  for (let i = 0; i < due.length; i += opts.batchSize) batches.push(due.slice(i, i + opts.batchSize).map((t) => ({ timerId: t.id, revision: t.revision })));
  const outcomes = await runLimited(batches, opts.concurrency, (batch) => fireTimers(deps, batch, { firedBy: opts.firedBy }));
  const counts: Record<FireOutcome, number> = { fired: 0, busy: 0, stale: 0, not_due: 0 };
  for (const batch of outcomes) for (const o of batch.values()) counts[o] += 1;
  return counts;
}
