/**
 * Office-hours arithmetic (08:30–16:30 on working days, Asia/Bangkok) for SLA
 * clocks that pause and resume: measure what is left, then add it back.
 *
 *   const left = workingMinutesBetween(pausedAt, dueAt, calendar);
 *   const newDueAt = addWorkingMinutes(resumedAt, left, calendar);
 */
import { MS_PER_MINUTE } from './bangkok-time';
import type { BusinessCalendar } from './business-calendar';

/**
 * Office-hours minutes between two instants: time on working days between
 * 08:30 and 16:30 only. Negative when `to` is before `from`.
 */
export function workingMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const index = calendar.index;
  return (index.officeMsBefore(to.getTime()) - index.officeMsBefore(from.getTime())) / MS_PER_MINUTE;
}

/**
 * The earliest instant at which `minutes` of office time have passed since
 * `from`. A result at the end of a working day is 16:30 of that day, not
 * 08:30 of the next. `minutes` may have fractions; it is rounded to the
 * millisecond. Zero returns `from`.
 */
export function addWorkingMinutes(from: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Office minutes must be a finite non-negative number, got ${minutes}`);
  }
  const start = calendar.index.officeMsBefore(from.getTime());
  const ms = Math.round(minutes * MS_PER_MINUTE);
  if (ms === 0) return new Date(from.getTime());
  return calendar.index.instantAtOfficeMs(start + ms);
}
