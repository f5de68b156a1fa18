/**
 * The SLA side of a command, inside its transaction: close the clocks of the
 * steps left (met or breached), pause them instead when the case now waits on
 * the applicant, resume a paused clock when its step is entered again, open a
 * clock for each step entered that has a deadline, and plan their timers.
 */
import type { Transaction } from 'kysely';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { workingMinutesBetween } from '../calendar/office-time';
import type { DB } from '../db/schema';
import { stepSystemEvents, type WorkflowDefinition } from '../workflow/types';
import type { CalendarSource } from './calendar-source';
import { computeDue } from './compute-due';
import { momentOfSpec } from './data-moment';
import { planStepClock } from './plan-step-clock';
import { cancelStepEvents, upsertStepEvents } from './system-events.repository';
import { planTimers } from './plan-timers';
import {
  cancelPendingTimers,
  closeClock,
  findOpenClocks,
  firedTimerKeys,
  insertClock,
  pauseClock,
  setClockDue,
  upsertTimers,
  type DueBasis,
} from './sla.repository';
import { resolveSlaPolicy, type ResolvedSlaPolicy } from './sla-policy';
import { dayCountPolicyAt, readsDayCountPolicy, type DayCount } from '../office/deadline-policy';

export interface SlaTransition {
  caseId: string;
  officeId: string;
  def: WorkflowDefinition;
  /** active steps before and after the event (before is empty when the case starts) */
  before: readonly string[];
  after: readonly string[];
  /** the history seq of the event */
  seq: number;
  now: Date;
  done: boolean;
  /** the case's context after the event: where `from_data` moments are read */
  context: unknown;
  /** where counted clocks of the steps entered start: the moment of entry, or the `occurredAt` the event carries */
  triggerAt?: Date;
}

export async function applySlaForTransition(trx: Transaction<DB>, calendars: CalendarSource, t: SlaTransition): Promise<void> {
  const left = t.before.filter((s) => !t.after.includes(s));
  const entered = t.after.filter((s) => !t.before.includes(s));
  await applySystemEvents(trx, calendars, t, left, entered);
  if (!Object.values(t.def.steps).some((s) => s.deadline !== undefined)) return;
  const needsClocks = entered.some((s) => t.def.steps[s]?.deadline !== undefined);
  if (left.length === 0 && !needsClocks && !t.done) return;

  const open = await findOpenClocks(trx, t.caseId);
  if (open.length === 0 && !needsClocks) return;
  const waiting = entered.some((s) => t.def.steps[s]?.waitsOnApplicant === true);
  const calendar = await calendars.forOffice(trx, t.officeId);

  for (const clock of open.filter((c) => c.status === 'running' && left.includes(c.step))) {
    if (waiting && !t.done && clock.dueAt) {
      await pauseClock(trx, clock.id, t.now, Math.max(0, workingMinutesBetween(t.now, clock.dueAt, calendar)));
    } else {
      const late = clock.dueAt !== null && t.now.getTime() > clock.dueAt.getTime();
      await closeClock(trx, clock.id, late ? 'breached' : 'met', t.now, t.seq);
    }
    await cancelPendingTimers(trx, [clock.id]);
  }

  let dayCount: { version: number; dayCount: DayCount } | undefined;
  for (const step of entered) {
    const meta = t.def.steps[step];
    if (meta?.deadline === undefined || t.done) continue;
    const policy = resolveSlaPolicy(meta.sla);
    const paused = open.find((c) => c.step === step && c.status === 'paused');
    if (paused) {
      const basis: DueBasis = { kind: 'resumed', resumedAt: t.now.toISOString(), remainingMinutes: paused.remainingMinutes ?? 0 };
      const due = computeDue(paused.spec, basis, calendar);
      await setClockDue(trx, paused.id, { ...due, dueBasis: basis, status: 'running' });
      const fired = await firedTimerKeys(trx, paused.id);
      await upsertPlanned(trx, paused.id, t, policy, due, calendar, fired);
      continue;
    }
    // "วัน" the source left open: the office's day-count policy in force now decides (read once per command)
    if (readsDayCountPolicy(meta.deadline)) dayCount ??= await dayCountPolicyAt(trx, t.officeId, t.now);
    const plan = planStepClock(meta, {
      calendar,
      now: t.now,
      context: t.context,
      ...(t.triggerAt ? { triggerAt: t.triggerAt } : {}),
      ...(dayCount ? { dayCount } : {}),
    })!;
    const clockId = await insertClock(trx, {
      caseId: t.caseId,
      officeId: t.officeId,
      step,
      openedSeq: t.seq,
      spec: plan.spec,
      policy: plan.policy,
      startedAt: t.now,
      dueAt: plan.dueAt,
      remindAt: plan.remindAt,
      dueBasis: plan.basis,
    });
    await upsertTimers(trx, clockId, t.caseId, plan.timers, t.now);
  }

  if (t.done) {
    const stillOpen = open.filter((c) => c.status === 'paused' || (c.status === 'running' && !left.includes(c.step)));
    for (const clock of stillOpen) await closeClock(trx, clock.id, 'cancelled', t.now, t.seq);
    await cancelPendingTimers(
      trx,
      stillOpen.map((c) => c.id),
    );
  }
}

async function upsertPlanned(
  trx: Transaction<DB>,
  clockId: string,
  t: SlaTransition,
  policy: ResolvedSlaPolicy,
  due: { dueAt: Date | null; remindAt: Date | null },
  calendar: BusinessCalendar,
  fired: Set<string>,
): Promise<void> {
  const timers = planTimers({ startedAt: t.now, dueAt: due.dueAt, remindAt: due.remindAt, policy, calendar }).filter(
    (x) => !fired.has(`${x.kind}:${x.level}`),
  );
  await upsertTimers(trx, clockId, t.caseId, timers, t.now);
}

/** Timed system events: planned for the steps entered, cancelled for the steps left (and all of them when the case ends). */
async function applySystemEvents(
  trx: Transaction<DB>,
  calendars: CalendarSource,
  t: SlaTransition,
  left: readonly string[],
  entered: readonly string[],
): Promise<void> {
  const cancelling = t.done ? [...new Set([...t.before, ...t.after])] : left;
  if (cancelling.some((s) => stepSystemEvents(t.def, s).length > 0)) await cancelStepEvents(trx, t.caseId, cancelling);
  if (t.done) return;
  const planned = entered.flatMap((step) => stepSystemEvents(t.def, step).map((se) => ({ step, ...se })));
  if (planned.length === 0) return;
  const calendar = await calendars.forOffice(trx, t.officeId);
  const rows = planned.flatMap(({ step, event, at }) => {
    const { dueAt } = momentOfSpec(at, { context: t.context, triggerAt: t.triggerAt ?? t.now, calendar });
    return dueAt ? [{ step, event, fireAt: dueAt }] : [];
  });
  await upsertStepEvents(trx, t.caseId, rows, t.now);
}
