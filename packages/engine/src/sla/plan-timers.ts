/**
 * Which moments a clock must act at, from its due moment and its policy.
 * Pure: the same inputs always plan the same timers.
 */
import { bangkokInstant, localDateOfInstant, type LocalDate } from '../calendar/bangkok-time';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { ResolvedSlaPolicy } from './sla-policy';

export type TimerKind = 'reminder' | 'due_today' | 'overdue' | 'escalation';

export interface PlannedTimer {
  kind: TimerKind;
  /** reminders: working days before due (0 = the low end of a range); escalations: 1, 2, …; else 0 */
  level: number;
  fireAt: Date;
}

const OFFICE_OPENS = '08:30';
const OFFICE_CLOSES = '16:30';

/** The working day `n` working days before `date` (n ≥ 1). */
export function workingDayBefore(calendar: BusinessCalendar, date: LocalDate, n: number): LocalDate {
  let day = date;
  let left = n;
  while (left > 0) {
    day = shiftDate(day, -1);
    if (calendar.isWorkingDay(day)) left -= 1;
  }
  return day;
}

function shiftDate(date: LocalDate, days: number): LocalDate {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Escalation `level` happens at 16:30, `level × every` working days after the due day. */
export function escalationAt(dueAt: Date, level: number, policy: ResolvedSlaPolicy, calendar: BusinessCalendar): Date {
  const day = calendar.addWorkingDays(localDateOfInstant(dueAt), level * policy.escalateEveryWorkingDays);
  return bangkokInstant(day, OFFICE_CLOSES);
}

export function planTimers(args: {
  startedAt: Date;
  dueAt: Date | null;
  remindAt: Date | null;
  policy: ResolvedSlaPolicy;
  calendar: BusinessCalendar;
}): PlannedTimer[] {
  const { startedAt, dueAt, remindAt, policy, calendar } = args;
  if (!dueAt) return [];
  const dueDate = localDateOfInstant(dueAt);
  const timers: PlannedTimer[] = [];
  const add = (kind: TimerKind, level: number, fireAt: Date) => {
    // Warnings only make sense ahead of the deadline and after the start; the overdue notice and the
    // escalations are always planned (a recomputed deadline already past fires them at once).
    const warning = kind === 'reminder' || kind === 'due_today';
    if (!warning || (fireAt.getTime() > startedAt.getTime() && fireAt < dueAt)) {
      timers.push({ kind, level, fireAt });
    }
  };
  for (const n of policy.remindWorkingDaysBefore) {
    add('reminder', n, bangkokInstant(workingDayBefore(calendar, dueDate, n), OFFICE_OPENS));
  }
  if (remindAt) add('reminder', 0, remindAt);
  if (policy.dueTodayNotice) add('due_today', 0, bangkokInstant(dueDate, OFFICE_OPENS));
  add('overdue', 0, dueAt);
  if (policy.maxEscalations > 0 && policy.escalationChain.length > 0) add('escalation', 1, escalationAt(dueAt, 1, policy, calendar));
  return timers.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
}
