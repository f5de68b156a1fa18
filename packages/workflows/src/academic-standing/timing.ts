/**
 * Time as the academic-standing machines need it, all pure: the due moment
 * of a window set by policy (a revision window, the grievance window), the
 * start of the next semester, fiscal years and whole years between dates.
 *
 * Windows set by policy are counted on the nationwide business calendar
 * (official holidays and cabinet special days). The SLA clock of the same
 * step is counted by the engine on the office's calendar, which may add the
 * office's own closures; so the clock can only be due later than the window,
 * never earlier (docs/workflows/academic-standing.md, "Deadlines").
 */
import {
  computeDeadline,
  createBusinessCalendar,
  deadlineSpecSchema,
  localDateOfInstant,
  type BusinessCalendar,
  type DeadlineSpecInput,
  type LocalDate,
} from '@esa-flow/engine';

let national: BusinessCalendar | undefined;

/** The nationwide calendar, built once per process (it is pure data). */
function nationalCalendar(): BusinessCalendar {
  national ??= createBusinessCalendar();
  return national;
}

/** When a window that opens at `at` closes (ISO instant), or null for kinds without a due moment. */
export function windowDueAt(spec: DeadlineSpecInput, at: string): string | null {
  const due = computeDeadline(deadlineSpecSchema.parse(spec), new Date(at), nationalCalendar()).dueAt;
  return due ? due.toISOString() : null;
}

/** The Bangkok date of an instant. */
export function dateOf(at: string): LocalDate {
  return localDateOfInstant(new Date(at));
}

/** A month and day on which a semester starts (ภาคเรียนที่ 1, 2). */
export interface SemesterStart {
  readonly month: number;
  readonly day: number;
}

/** The first day of the semester after `date`: the earliest start strictly later than it. */
export function nextSemesterStart(date: LocalDate, starts: readonly SemesterStart[]): LocalDate {
  const year = Number(date.slice(0, 4));
  const candidates = [year, year + 1]
    .flatMap((y) => starts.map((s) => `${y}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`))
    .filter((d) => d > date)
    .sort();
  return candidates[0]!;
}

/** The fiscal year (พ.ศ.) of a date: 1 Oct – 30 Sep, named by the year it ends in. */
export function fiscalYearBE(date: LocalDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return (month >= 10 ? year + 1 : year) + 543;
}

/** Whole years from `from` to `to` (a birthday-style count: 2021-06-01 → 2025-05-31 is 3). */
export function wholeYearsBetween(from: LocalDate, to: LocalDate): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}

/** The date `years` years before `date` (29 Feb → 28 Feb when needed). */
export function yearsBefore(date: LocalDate, years: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y - years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
