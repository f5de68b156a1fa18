/**
 * Thai government time: Asia/Bangkok is UTC+7 all year (no daylight saving),
 * so every conversion here is plain arithmetic and never depends on the
 * process's TZ setting.
 *
 * Two representations are used throughout the calendar:
 * - an instant is a JS `Date` (UTC milliseconds);
 * - a Bangkok calendar day is a `LocalDate` string `YYYY-MM-DD`, or internally
 *   an "epoch day": the number of days between 1970-01-01 and that date.
 */

/** A Bangkok calendar date written `YYYY-MM-DD` (Common Era). */
export type LocalDate = string;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
/** Asia/Bangkok offset from UTC. */
export const BANGKOK_OFFSET_MS = 7 * 60 * MS_PER_MINUTE;
/** Office hours start at 08:30 (minutes after local midnight). */
export const OFFICE_OPENS_MINUTE = 8 * 60 + 30;
/** Office hours end at 16:30; a deadline counted in days ends then. */
export const OFFICE_CLOSES_MINUTE = 16 * 60 + 30;
/** Length of one working day of office hours: 480 minutes. */
export const OFFICE_MINUTES_PER_DAY = OFFICE_CLOSES_MINUTE - OFFICE_OPENS_MINUTE;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of the Bangkok calendar date on which `instant` falls. */
export function epochDayOfInstant(instant: Date): number {
  return Math.floor((instant.getTime() + BANGKOK_OFFSET_MS) / MS_PER_DAY);
}

/** Minutes (with fractions) since Bangkok midnight of `instant`. */
export function bangkokMinuteOfDay(instant: Date): number {
  const local = instant.getTime() + BANGKOK_OFFSET_MS;
  return (local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE;
}

/** The instant of `minuteOfDay` Bangkok time on epoch day `day`. */
export function instantAt(day: number, minuteOfDay: number): Date {
  return new Date(day * MS_PER_DAY - BANGKOK_OFFSET_MS + minuteOfDay * MS_PER_MINUTE);
}

/** Epoch day of a Gregorian date (month 1–12); no validation. */
export function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/**
 * Year, month (1–12) and day of month of an epoch day, by integer arithmetic
 * (H. Hinnant's civil_from_days) rather than a Date allocation: it sits on the
 * hot path of every deadline computed.
 */
export function ymdOfEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day of week of an epoch day: 0 = Sunday … 6 = Saturday. */
export function weekdayOfEpochDay(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const w = weekdayOfEpochDay(day);
  return w === 0 || w === 6;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** Epoch day of a `YYYY-MM-DD` string; throws on a malformed or impossible date. */
export function epochDayOfLocalDate(value: LocalDate): number {
  const m = ISO_DATE.exec(value);
  if (!m || !isLocalDate(value)) throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return epochDayOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function localDateOfEpochDay(day: number): LocalDate {
  const { year, month, day: dom } = ymdOfEpochDay(day);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(dom)}`;
}

/** Bangkok calendar date on which `instant` falls. */
export function localDateOfInstant(instant: Date): LocalDate {
  return localDateOfEpochDay(epochDayOfInstant(instant));
}

/** Epoch day of either a `LocalDate` or the Bangkok date of an instant. */
export function toEpochDay(value: LocalDate | Date): number {
  return typeof value === 'string' ? epochDayOfLocalDate(value) : epochDayOfInstant(value);
}

/**
 * The instant of a Bangkok wall-clock time, e.g. `bangkokInstant('2025-02-06', '15:00')`.
 * Handy in tests and data files; throws on malformed input.
 */
export function bangkokInstant(date: LocalDate, time = '00:00'): Date {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  const hours = Number(m?.[1]);
  const minutes = Number(m?.[2]);
  if (!m || hours > 23 || minutes > 59) throw new RangeError(`Not a time (HH:MM): ${JSON.stringify(time)}`);
  return instantAt(epochDayOfLocalDate(date), hours * 60 + minutes);
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
