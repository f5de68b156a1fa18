/**
 * Date guards of events (docs/sla.md "Date guards"): after the moment an
 * event's guard names, the engine refuses it (`refuse`) or accepts it and
 * marks the history row late (`mark_late`). The same verdict leaves refused
 * events out of `availableEvents`, so the web never offers them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { CaseRecord } from '../case/case.repository';
import type { LateMark } from '../case/history-hash';
import { lastStepChangeAt } from '../case/history.repository';
import { eventsAtStep } from '../workflow/state-paths';
import type { EventDateGuard, Label, WorkflowDefinition } from '../workflow/types';
import type { CalendarSource } from './calendar-source';
import { momentOfSpec } from './data-moment';

export type GuardVerdict = { kind: 'ok' } | { kind: 'refuse'; until: Date; rule: Label } | { kind: 'late'; mark: LateMark };

/** The moment a guard names for this case now; null when there is none (no running clock, no data). */
async function guardMoment(
  db: Kysely<DB>,
  calendars: CalendarSource,
  def: WorkflowDefinition,
  record: CaseRecord,
  type: string,
  guard: EventDateGuard,
  context: unknown,
): Promise<Date | null> {
  const paths = record.state.split(',').filter((p) => eventsAtStep(def.machine, p).includes(type));
  if (guard.until === 'step_deadline') {
    if (paths.length === 0) return null;
    const clocks = await db
      .selectFrom('sla_clocks')
      .select('due_at')
      .where('case_id', '=', record.id)
      .where('status', '=', 'running')
      .where('step', 'in', paths)
      .execute();
    const dues = clocks.flatMap((c) => (c.due_at ? [c.due_at.getTime()] : []));
    return dues.length === 0 ? null : new Date(Math.max(...dues));
  }
  const calendar = await calendars.forOffice(db, record.officeId);
  const enteredAt = (await lastStepChangeAt(db, record.id)) ?? record.createdAt;
  return momentOfSpec(guard.until, { context, triggerAt: enteredAt, calendar }).dueAt;
}

export async function evaluateDateGuard(
  db: Kysely<DB>,
  calendars: CalendarSource,
  args: { def: WorkflowDefinition; record: CaseRecord; type: string; context: unknown; now: Date },
): Promise<GuardVerdict> {
  const guard = args.def.events[args.type]?.dateGuard;
  if (!guard) return { kind: 'ok' };
  const until = await guardMoment(db, calendars, args.def, args.record, args.type, guard, args.context);
  if (!until || args.now.getTime() <= until.getTime()) return { kind: 'ok' };
  if (guard.mode === 'refuse') return { kind: 'refuse', until, rule: guard.rule };
  const lateMinutes = Math.ceil((args.now.getTime() - until.getTime()) / 60_000);
  return { kind: 'late', mark: { until: until.toISOString(), lateMinutes, rule: { th: guard.rule.th, en: guard.rule.en } } };
}
