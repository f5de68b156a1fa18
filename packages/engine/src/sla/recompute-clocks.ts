/**
 * After the calendar changed on `fromDate`: every running clock of the office
 * (or of every office, for a nationwide day) that is due on or after that day
 * gets its due moment computed again from what it was based on, and its
 * pending timers re-planned. Timers already fired are not planned again.
 */
import type { Transaction } from 'kysely';
import { bangkokInstant } from '../calendar/bangkok-time';
import type { EngineDeps } from '../case/engine-deps';
import type { DB } from '../db/schema';
import { computeDue } from './compute-due';
import { planTimers } from './plan-timers';
import { cancelPendingTimers, firedTimerKeys, setClockDue, toClockRow, upsertTimers } from './sla.repository';
import { resolveSlaPolicy } from './sla-policy';

export async function recomputeOpenClocks(
  trx: Transaction<DB>,
  deps: Pick<EngineDeps, 'calendars'>,
  change: { officeId: string | null; fromDate: string; now: Date },
): Promise<number> {
  let query = trx
    .selectFrom('sla_clocks')
    .selectAll()
    .where('status', '=', 'running')
    .where('due_at', '>=', bangkokInstant(change.fromDate, '00:00'));
  if (change.officeId !== null) query = query.where('office_id', '=', change.officeId);
  const clocks = (await query.orderBy('id').forUpdate().execute()).map(toClockRow);
  let moved = 0;
  for (const clock of clocks) {
    const calendar = await deps.calendars.forOffice(trx, clock.officeId);
    const due = computeDue(clock.spec, clock.dueBasis, calendar);
    if (due.dueAt?.getTime() === clock.dueAt?.getTime()) continue;
    moved += 1;
    await setClockDue(trx, clock.id, { ...due, dueBasis: clock.dueBasis, status: 'running' });
    await cancelPendingTimers(trx, [clock.id]);
    const fired = await firedTimerKeys(trx, clock.id);
    const policy = resolveSlaPolicy(clock.policy as never);
    const timers = planTimers({ startedAt: change.now, dueAt: due.dueAt, remindAt: due.remindAt, policy, calendar }).filter(
      (t) => !fired.has(`${t.kind}:${t.level}`),
    );
    await upsertTimers(trx, clock.id, clock.caseId, timers, change.now);
  }
  return moved;
}
