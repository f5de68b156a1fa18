/**
 * The Thai government business calendar and deadline specs (pure: no I/O,
 * no clock). See docs/calendar.md.
 */
export {
  bangkokInstant,
  localDateOfInstant,
  isLocalDate,
  OFFICE_OPENS_MINUTE,
  OFFICE_CLOSES_MINUTE,
  OFFICE_MINUTES_PER_DAY,
  type LocalDate,
} from './bangkok-time';
export { CalendarRangeError, type CalendarErrorCode } from './calendar-errors';
export { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR, THAI_HOLIDAY_YEAR_DATA, type HolidayYearData } from './thai-holiday-data';
export { officialThaiHolidays, type Holiday, type HolidayKind } from './thai-holidays';
export { DEFAULT_CABINET_SPECIAL_DAYS, extraDaySchema, localDateSchema, type ExtraDay } from './extra-days';
export {
  BusinessCalendar,
  createBusinessCalendar,
  addWorkingDays,
  countWorkingDays,
  type BusinessCalendarOptions,
} from './business-calendar';
export { workingMinutesBetween, addWorkingMinutes } from './office-time';
export {
  deadlineSpecSchema,
  stepDeadlineSpecSchema,
  parseDeadlineSpec,
  DEADLINE_KINDS,
  type DeadlineSpec,
  type DeadlineSpecInput,
  type StepDeadlineSpec,
  type StepDeadlineSpecInput,
  type DeadlineKind,
} from './deadline-spec';
export { computeDeadline, type DeadlineResult } from './compute-deadline';
export { formatThaiDate, formatThaiTime, type DateLocale, type FormatThaiDateOptions } from './thai-date-format';
export { parseThaiDate, type ParsedThaiDate } from './thai-date-parse';
export { toThaiDigits, fromThaiDigits } from './thai-digits';
