/**
 * A precomputed index of working days over a fixed range of epoch days, so
 * that every day-level and office-time question is answered in O(1):
 * - `working[i]`: is day `first + i` a working day;
 * - `prefix[i]`: how many working days lie in `[first, first + i)`;
 * - `days[k]`: the k-th working day of the range (0-based).
 * Building it costs one pass over the range (about 4,400 days).
 */
import {
  instantAt,
  localDateOfEpochDay,
  MS_PER_DAY,
  MS_PER_MINUTE,
  BANGKOK_OFFSET_MS,
  OFFICE_MINUTES_PER_DAY,
  OFFICE_OPENS_MINUTE,
} from './bangkok-time';
import { CalendarRangeError } from './calendar-errors';

const OFFICE_MS_PER_DAY = OFFICE_MINUTES_PER_DAY * MS_PER_MINUTE;
const OPENS_MS = OFFICE_OPENS_MINUTE * MS_PER_MINUTE;

export class WorkingDayIndex {
  private readonly working: Uint8Array;
  private readonly prefix: Int32Array;
  private readonly days: Int32Array;

  constructor(
    readonly firstDay: number,
    readonly lastDay: number,
    isNonWorkingDay: (day: number) => boolean,
  ) {
    const length = lastDay - firstDay + 1;
    this.working = new Uint8Array(length);
    this.prefix = new Int32Array(length + 1);
    const days: number[] = [];
    for (let i = 0; i < length; i += 1) {
      const day = firstDay + i;
      const isWorking = !isNonWorkingDay(day);
      this.working[i] = isWorking ? 1 : 0;
      this.prefix[i + 1] = (this.prefix[i] ?? 0) + (isWorking ? 1 : 0);
      if (isWorking) days.push(day);
    }
    this.days = Int32Array.from(days);
  }

  /** Throws unless `day` lies within the indexed range. */
  offset(day: number): number {
    if (day < this.firstDay || day > this.lastDay || !Number.isInteger(day)) {
      throw this.rangeError(`Date ${Number.isInteger(day) ? localDateOfEpochDay(day) : String(day)} is outside the business calendar`);
    }
    return day - this.firstDay;
  }

  isWorkingDay(day: number): boolean {
    return this.working[this.offset(day)] === 1;
  }

  /** Working days in `[firstDay, day)`. */
  private before(day: number): number {
    return this.prefix[this.offset(day)] ?? 0;
  }

  private kth(k: number): number {
    const day = this.days[k];
    if (day === undefined) throw this.rangeError('The result falls after the end of the business calendar');
    return day;
  }

  /** The first working day on or after `day`. */
  workingDayOnOrAfter(day: number): number {
    return this.kth(this.before(day));
  }

  /** The `n`-th working day after `day` (day one is the next working day); `n = 0` gives `day`. */
  addWorkingDays(day: number, n: number): number {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a non-negative integer, got ${n}`);
    if (n === 0) {
      this.offset(day);
      return day;
    }
    return this.kth(this.before(day) + (this.isWorkingDay(day) ? 1 : 0) + n - 1);
  }

  /** Working days `d` with `from < d <= to`; negative when `to < from`. */
  countWorkingDays(from: number, to: number): number {
    const upTo = (day: number): number => this.before(day) + (this.isWorkingDay(day) ? 1 : 0);
    return upTo(to) - upTo(from);
  }

  /** Office-hours milliseconds between the start of the range and `instantMs`. */
  officeMsBefore(instantMs: number): number {
    const local = instantMs + BANGKOK_OFFSET_MS;
    const day = Math.floor(local / MS_PER_DAY);
    const i = this.offset(day);
    const full = (this.prefix[i] ?? 0) * OFFICE_MS_PER_DAY;
    if (this.working[i] !== 1) return full;
    const intoOffice = local - day * MS_PER_DAY - OPENS_MS;
    return full + Math.min(Math.max(intoOffice, 0), OFFICE_MS_PER_DAY);
  }

  /** The earliest instant at which `officeMsBefore` reaches `officeMs` (> 0). */
  instantAtOfficeMs(officeMs: number): Date {
    const k = Math.ceil(officeMs / OFFICE_MS_PER_DAY) - 1;
    const day = this.kth(k);
    return new Date(instantAt(day, OFFICE_OPENS_MINUTE).getTime() + (officeMs - k * OFFICE_MS_PER_DAY));
  }

  private rangeError(message: string): CalendarRangeError {
    const range = { first: localDateOfEpochDay(this.firstDay), last: localDateOfEpochDay(this.lastDay) };
    return new CalendarRangeError(`${message} (${range.first} to ${range.last})`, range);
  }
}
