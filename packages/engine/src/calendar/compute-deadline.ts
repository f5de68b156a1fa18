/**
 * `computeDeadline`: the pure function from (spec, trigger instant, calendar)
 * to the due moment. It never reads the clock; store its inputs next to its
 * output so a deadline can be explained and recomputed.
 *
 * Every counted deadline ends at 16:30 (close of office hours) of its last
 * day. Day one is the day after the trigger (ป.พ.พ. ม.193/3); a last day that
 * is not a working day moves to the next working day (ม.193/8).
 */
import {
  bangkokInstant,
  bangkokMinuteOfDay,
  daysInMonth,
  epochDayOf,
  epochDayOfInstant,
  instantAt,
  localDateOfEpochDay,
  OFFICE_CLOSES_MINUTE,
  ymdOfEpochDay,
  type LocalDate,
} from './bangkok-time';
import type { BusinessCalendar } from './business-calendar';
import type { DeadlineKind, DeadlineSpec } from './deadline-spec';
import type { WorkingDayIndex } from './working-day-index';

export type DeadlineResult = {
  kind: DeadlineKind;
  /** When the step is due; `null` for kinds that set no timer (external, after_completion). */
  dueAt: Date | null;
  /** When to remind: the low end of a range; otherwise `null` (reminder policy lives with the SLA clock). */
  remindAt: Date | null;
  /** The Bangkok date of `dueAt`. */
  dueDate: LocalDate | null;
  /** The last day before ม.193/8 moved it (equal to `dueDate` when it did not move). */
  nominalDueDate: LocalDate | null;
  /** True when the nominal last day was not a working day and the deadline moved. */
  rolledForward: boolean;
};

type DayDeadline = { nominal: number; due: number };

const endOfOfficeDay = (day: number): Date => instantAt(day, OFFICE_CLOSES_MINUTE);

function untimed(kind: DeadlineKind): DeadlineResult {
  return { kind, dueAt: null, remindAt: null, dueDate: null, nominalDueDate: null, rolledForward: false };
}

function timed(kind: DeadlineKind, deadline: DayDeadline, remindAt: Date | null = null): DeadlineResult {
  return {
    kind,
    dueAt: endOfOfficeDay(deadline.due),
    remindAt,
    dueDate: localDateOfEpochDay(deadline.due),
    nominalDueDate: localDateOfEpochDay(deadline.nominal),
    rolledForward: deadline.due !== deadline.nominal,
  };
}

/** N days counted from the day after `day`, in calendar or working days. */
function countDays(ix: WorkingDayIndex, day: number, n: number, unit: 'calendar_days' | 'working_days'): DayDeadline {
  if (unit === 'working_days') {
    const due = ix.addWorkingDays(day, n);
    return { nominal: due, due };
  }
  const nominal = day + n;
  return { nominal, due: ix.workingDayOnOrAfter(nominal) };
}

/** The first of `nominals` (ascending) whose rolled-forward deadline is after `trigger`. */
function firstAfter(ix: WorkingDayIndex, trigger: Date, nominals: readonly number[]): DayDeadline {
  for (const nominal of nominals) {
    // Before the calendar's first day this throws CalendarRangeError rather
    // than guess whether the candidate rolls forward past the trigger.
    const due = ix.workingDayOnOrAfter(nominal);
    if (endOfOfficeDay(due).getTime() > trigger.getTime()) return { nominal, due };
  }
  // Unreachable for the candidate lists below (the second candidate is always later).
  throw new Error('No candidate deadline after the trigger');
}

function dayOfMonthNominals(triggerDay: number, dom: number): number[] {
  const { year, month } = ymdOfEpochDay(triggerDay);
  const out: number[] = [];
  for (let k = -1; k <= 1; k += 1) {
    const y = year + Math.floor((month - 1 + k) / 12);
    const m = ((month - 1 + k + 12) % 12) + 1;
    out.push(epochDayOf(y, m, Math.min(dom, daysInMonth(y, m))));
  }
  return out;
}

/** Last days of quarters from the one containing `triggerDay`; `endMonth` keeps only that quarter. */
function quarterEndNominals(triggerDay: number, endMonth?: number): number[] {
  const { year, month } = ymdOfEpochDay(triggerDay);
  const out: number[] = [];
  for (let q = Math.ceil(month / 3) * 3, y = year; out.length < 2; q += 3) {
    if (q > 12) {
      q -= 12;
      y += 1;
    }
    if (endMonth === undefined || q === endMonth) out.push(epochDayOf(y, q, daysInMonth(y, q)));
  }
  return out;
}

function fiscalYearEndNominals(triggerDay: number): number[] {
  const { year, month } = ymdOfEpochDay(triggerDay);
  const fiscalYear = month >= 10 ? year + 1 : year;
  return [epochDayOf(fiscalYear, 9, 30), epochDayOf(fiscalYear + 1, 9, 30)];
}

const COUNTED_KINDS: ReadonlySet<DeadlineKind> = new Set<DeadlineKind>([
  'calendar_days',
  'working_days',
  'range',
  'immediately',
  'day_of_month',
  'quarter_end',
  'fiscal_year_end',
]);

/** Fiscal quarter → the calendar month it ends in (Q1 Oct–Dec … Q4 Jul–Sep). */
const FISCAL_QUARTER_END_MONTH = { 1: 12, 2: 3, 3: 6, 4: 9 } as const;

/**
 * When a step with this deadline spec, entered at `triggerAt`, is due.
 * Throws `CalendarRangeError` when the count leaves the calendar's years.
 */
export function computeDeadline(spec: DeadlineSpec, triggerAt: Date, calendar: BusinessCalendar): DeadlineResult {
  if (Number.isNaN(triggerAt.getTime())) throw new RangeError('triggerAt is an invalid Date');
  const ix = calendar.index;
  const day = epochDayOfInstant(triggerAt);
  if (COUNTED_KINDS.has(spec.kind)) ix.offset(day); // the trigger must lie within the calendar
  switch (spec.kind) {
    case 'calendar_days':
    case 'working_days':
      return timed(spec.kind, countDays(ix, day, spec.days, spec.kind));
    case 'range': {
      const remind = countDays(ix, day, spec.minDays, spec.unit);
      return timed(spec.kind, countDays(ix, day, spec.maxDays, spec.unit), endOfOfficeDay(remind.due));
    }
    case 'immediately': {
      const sameDay = ix.isWorkingDay(day) && bangkokMinuteOfDay(triggerAt) < OFFICE_CLOSES_MINUTE;
      return timed(spec.kind, { nominal: day, due: sameDay ? day : ix.addWorkingDays(day, 1) });
    }
    case 'day_of_month':
      return timed(spec.kind, firstAfter(ix, triggerAt, dayOfMonthNominals(day, spec.day)));
    case 'quarter_end': {
      const endMonth = spec.fiscalQuarter === undefined ? undefined : FISCAL_QUARTER_END_MONTH[spec.fiscalQuarter];
      return timed(spec.kind, firstAfter(ix, triggerAt, quarterEndNominals(day, endMonth)));
    }
    case 'fiscal_year_end':
      return timed(spec.kind, firstAfter(ix, triggerAt, fiscalYearEndNominals(day)));
    case 'fixed': {
      const dueAt = bangkokInstant(spec.date, spec.time);
      return { kind: spec.kind, dueAt, remindAt: null, dueDate: spec.date, nominalDueDate: spec.date, rolledForward: false };
    }
    case 'external':
    case 'after_completion':
      return untimed(spec.kind);
  }
}
