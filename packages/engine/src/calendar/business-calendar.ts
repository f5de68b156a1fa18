/**
 * The business calendar of one office: Monday–Friday minus the official
 * holidays, the cabinet special days and the office's own closures.
 * Built once (it precomputes a working-day index), then answers every
 * question in constant time; it never reads the clock.
 */
import { epochDayOf, isWeekend, localDateOfEpochDay, toEpochDay, type LocalDate } from './bangkok-time';
import { DEFAULT_CABINET_SPECIAL_DAYS, extraDaySchema, type ExtraDay } from './extra-days';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from './thai-holiday-data';
import { officialThaiHolidays, type Holiday } from './thai-holidays';
import { WorkingDayIndex } from './working-day-index';
import { z } from 'zod';

export type BusinessCalendarOptions = {
  /**
   * Extra days off: cabinet special days and office closures (validated).
   * Days outside the supported years are ignored: nothing can be counted there.
   */
  extraDays?: readonly z.input<typeof extraDaySchema>[];
  /** The office this calendar is for; closures of other offices are left out. */
  officeId?: string;
  /** Include DEFAULT_CABINET_SPECIAL_DAYS. @defaultValue true */
  includeDefaultSpecialDays?: boolean;
};

export class BusinessCalendar {
  /** The O(1) working-day index, used by the deadline and office-time functions. */
  readonly index: WorkingDayIndex;
  readonly officeId: string | undefined;
  /** First and last date the calendar can count on. */
  readonly range: { readonly first: LocalDate; readonly last: LocalDate };
  private readonly byDay = new Map<number, Holiday[]>();

  constructor(options: BusinessCalendarOptions = {}) {
    this.officeId = options.officeId;
    const firstDay = epochDayOf(FIRST_SUPPORTED_YEAR, 1, 1);
    const lastDay = epochDayOf(LAST_SUPPORTED_YEAR, 12, 31);
    this.range = { first: localDateOfEpochDay(firstDay), last: localDateOfEpochDay(lastDay) };

    for (let year = FIRST_SUPPORTED_YEAR; year <= LAST_SUPPORTED_YEAR; year += 1) {
      for (const h of officialThaiHolidays(year)) this.add(toEpochDay(h.date), h);
    }
    const extras: ExtraDay[] = [
      ...(options.includeDefaultSpecialDays === false ? [] : DEFAULT_CABINET_SPECIAL_DAYS),
      ...z.array(extraDaySchema).parse(options.extraDays ?? []),
    ];
    for (const extra of extras) {
      if (extra.officeId !== undefined && extra.officeId !== this.officeId) continue;
      const day = toEpochDay(extra.date);
      if (day < firstDay || day > lastDay) continue;
      this.add(day, { ...extra });
    }
    this.index = new WorkingDayIndex(firstDay, lastDay, (day) => isWeekend(day) || this.byDay.has(day));
  }

  private add(day: number, holiday: Holiday): void {
    const list = this.byDay.get(day);
    if (list) list.push(holiday);
    else this.byDay.set(day, [holiday]);
  }

  /** Monday–Friday and not a holiday, special day or closure of this office. */
  isWorkingDay(date: LocalDate | Date): boolean {
    return this.index.isWorkingDay(toEpochDay(date));
  }

  /** Every holiday, special day or closure on `date` (empty on an ordinary day or a plain weekend). */
  holidaysOn(date: LocalDate | Date): readonly Holiday[] {
    const day = toEpochDay(date);
    this.index.offset(day);
    return this.byDay.get(day) ?? [];
  }

  /** All days off of a Common Era year for this office (official, special, closures), by date. */
  holidaysInYear(year: number): readonly Holiday[] {
    const first = this.index.offset(epochDayOf(year, 1, 1)) + this.index.firstDay;
    const last = this.index.offset(epochDayOf(year, 12, 31)) + this.index.firstDay;
    const out: Holiday[] = [];
    for (let day = first; day <= last; day += 1) out.push(...(this.byDay.get(day) ?? []));
    return out;
  }

  /** The first working day on or after `date`. */
  workingDayOnOrAfter(date: LocalDate | Date): LocalDate {
    return localDateOfEpochDay(this.index.workingDayOnOrAfter(toEpochDay(date)));
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: LocalDate | Date): LocalDate {
    return this.addWorkingDays(date, 1);
  }

  /** See the free function `addWorkingDays`. */
  addWorkingDays(date: LocalDate | Date, n: number): LocalDate {
    return localDateOfEpochDay(this.index.addWorkingDays(toEpochDay(date), n));
  }

  /** See the free function `countWorkingDays`. */
  countWorkingDays(from: LocalDate | Date, to: LocalDate | Date): number {
    return this.index.countWorkingDays(toEpochDay(from), toEpochDay(to));
  }
}

/** Build the business calendar of an office (or of every office, without `officeId`). */
export function createBusinessCalendar(options: BusinessCalendarOptions = {}): BusinessCalendar {
  return new BusinessCalendar(options);
}

/**
 * The `n`-th working day after `from` (a date, or the Bangkok date of an
 * instant): day one is the first working day after `from` (ป.พ.พ. ม.193/3).
 * `n = 0` returns `from` itself.
 */
export function addWorkingDays(from: LocalDate | Date, n: number, calendar: BusinessCalendar): LocalDate {
  return calendar.addWorkingDays(from, n);
}

/**
 * Working days `d` with `from < d <= to`, so that
 * `countWorkingDays(d, addWorkingDays(d, n)) === n`. Negative when `to < from`.
 */
export function countWorkingDays(from: LocalDate | Date, to: LocalDate | Date, calendar: BusinessCalendar): number {
  return calendar.countWorkingDays(from, to);
}
