/** The SQL of the SLA ledger, one operation per function. Callers hold the case lock. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, SlaClocksTable } from '../db/schema';
import type { PlannedTimer } from './plan-timers';

export type ClockStatus = 'running' | 'paused' | 'met' | 'breached' | 'cancelled';

/** What due_at was computed from, so it can be computed again when the calendar changes. */
export type DueBasis =
  /** counted from `triggerAt`: the moment of entry, or the `occurredAt` of the event (then `enteredAt` is the moment of entry) */
  | { kind: 'spec'; triggerAt: string; enteredAt?: string }
  | { kind: 'resumed'; resumedAt: string; remainingMinutes: number }
  /** read from the case's data when the step was entered (`from_data`); null: the data held no moment */
  | { kind: 'data'; readAt: string; dueAt: string | null }
  /** moved by an extension (ขยายเวลา): the new moment, and what it replaced */
  | { kind: 'extended'; dueAt: string; previous: DueBasis };

export interface ClockRow {
  id: string;
  caseId: string;
  officeId: string;
  step: string;
  status: ClockStatus;
  spec: Record<string, unknown>;
  policy: Record<string, unknown>;
  startedAt: Date;
  dueAt: Date | null;
  remindAt: Date | null;
  dueBasis: DueBasis;
  remainingMinutes: number | null;
  revision: number;
}

export async function findOpenClocks(trx: Kysely<DB>, caseId: string): Promise<ClockRow[]> {
  const rows = await trx
    .selectFrom('sla_clocks')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', 'in', ['running', 'paused'])
    .execute();
  return rows.map(toClockRow);
}

export function toClockRow(r: Selectable<SlaClocksTable>): ClockRow {
  return {
    id: r.id,
    caseId: r.case_id,
    officeId: r.office_id,
    step: r.step,
    status: r.status as ClockStatus,
    spec: r.spec,
    policy: r.policy,
    startedAt: r.started_at,
    dueAt: r.due_at,
    remindAt: r.remind_at,
    dueBasis: r.due_basis as unknown as DueBasis,
    remainingMinutes: r.remaining_minutes,
    revision: r.revision,
  };
}

export async function insertClock(
  trx: Transaction<DB>,
  clock: Omit<ClockRow, 'id' | 'status' | 'remainingMinutes' | 'revision'> & { openedSeq: number },
): Promise<string> {
  const row = await trx
    .insertInto('sla_clocks')
    .values({
      case_id: clock.caseId,
      office_id: clock.officeId,
      step: clock.step,
      opened_seq: clock.openedSeq,
      spec: JSON.stringify(clock.spec),
      policy: JSON.stringify(clock.policy),
      status: 'running',
      started_at: clock.startedAt,
      due_at: clock.dueAt,
      remind_at: clock.remindAt,
      due_basis: JSON.stringify(clock.dueBasis),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Schedules timers; a live timer of the same (clock, kind, level) is moved instead (revision + 1). */
export async function upsertTimers(
  trx: Kysely<DB>,
  clockId: string,
  caseId: string,
  timers: readonly PlannedTimer[],
  now: Date,
): Promise<void> {
  if (timers.length === 0) return;
  await trx
    .insertInto('sla_timers')
    .values(
      timers.map((t) => ({
        clock_id: clockId,
        case_id: caseId,
        kind: t.kind,
        level: t.level,
        fire_at: t.fireAt,
        status: 'pending',
        created_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['clock_id', 'kind', 'level'])
        .where('status', '=', 'pending')
        .doUpdateSet((eb) => ({ fire_at: eb.ref('excluded.fire_at'), revision: eb(eb.ref('sla_timers.revision'), '+', 1) })),
    )
    .execute();
}

export async function cancelPendingTimers(trx: Kysely<DB>, clockIds: readonly string[]): Promise<void> {
  if (clockIds.length === 0) return;
  await trx
    .updateTable('sla_timers')
    .set({ status: 'cancelled' })
    .where('clock_id', 'in', clockIds)
    .where('status', '=', 'pending')
    .execute();
}

export async function closeClock(
  trx: Transaction<DB>,
  clockId: string,
  status: 'met' | 'breached' | 'cancelled',
  now: Date,
  seq: number | null,
): Promise<void> {
  await trx.updateTable('sla_clocks').set({ status, closed_at: now, closed_seq: seq, paused_at: null }).where('id', '=', clockId).execute();
}

export async function pauseClock(trx: Transaction<DB>, clockId: string, now: Date, remainingMinutes: number): Promise<void> {
  await trx
    .updateTable('sla_clocks')
    .set((eb) => ({ status: 'paused', paused_at: now, remaining_minutes: remainingMinutes, revision: eb(eb.ref('revision'), '+', 1) }))
    .where('id', '=', clockId)
    .execute();
}

export async function setClockDue(
  trx: Kysely<DB>,
  clockId: string,
  due: { dueAt: Date | null; remindAt: Date | null; dueBasis: DueBasis; status: 'running' },
): Promise<void> {
  await trx
    .updateTable('sla_clocks')
    .set((eb) => ({
      status: due.status,
      due_at: due.dueAt,
      remind_at: due.remindAt,
      due_basis: JSON.stringify(due.dueBasis),
      paused_at: null,
      remaining_minutes: null,
      revision: eb(eb.ref('revision'), '+', 1),
    }))
    .where('id', '=', clockId)
    .execute();
}

/** Timers already fired for a clock, by kind and level: never planned again. */
export async function firedTimerKeys(trx: Kysely<DB>, clockId: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('sla_timers')
    .select(['kind', 'level'])
    .where('clock_id', '=', clockId)
    .where('status', '=', 'fired')
    .execute();
  return new Set(rows.map((r) => `${r.kind}:${r.level}`));
}
