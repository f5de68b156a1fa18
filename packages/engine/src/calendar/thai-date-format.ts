/**
 * Dates and times as people read them: Thai first, in the Buddhist era
 * (พ.ศ.), with English beside it. Instants are shown in Asia/Bangkok time,
 * whatever the server's time zone.
 *
 *   formatThaiDate(d)                              '6 กุมภาพันธ์ 2568'
 *   formatThaiDate(d, 'th', { style: 'short' })    '6 ก.พ. 2568'
 *   formatThaiDate(d, 'th', { withTime: true })    '6 กุมภาพันธ์ 2568 15.00 น.'
 *   formatThaiDate(d, 'en')                        '6 February 2025'
 *   formatThaiDate(d, 'en', { era: 'be' })         '6 February B.E. 2568'
 */
import { bangkokMinuteOfDay, pad2, toEpochDay, weekdayOfEpochDay, ymdOfEpochDay, type LocalDate } from './bangkok-time';
import { toThaiDigits } from './thai-digits';
import { BUDDHIST_ERA_OFFSET, ENGLISH_MONTHS, ENGLISH_WEEKDAYS, THAI_MONTHS, THAI_MONTHS_SHORT, THAI_WEEKDAYS } from './thai-months';

export type DateLocale = 'th' | 'en';

export type FormatThaiDateOptions = {
  /** `long`: full month name; `short`: 'ก.พ.' / 'Feb'. @defaultValue 'long' */
  style?: 'long' | 'short';
  /** Append the Bangkok time ('15.00 น.' / '15:00'); instants only. @defaultValue false */
  withTime?: boolean;
  /** @defaultValue 'be' for Thai, 'ce' for English */
  era?: 'be' | 'ce';
  /** Write Thai digits ๐–๙ (Thai only). @defaultValue 'arabic' */
  digits?: 'arabic' | 'thai';
  /** Start with the day of the week: 'วันพฤหัสบดีที่ 6 …' / 'Thursday 6 …'. @defaultValue false */
  weekday?: boolean;
};

/** '15.00 น.' (Thai) or '15:00' (English), Bangkok time. */
export function formatThaiTime(instant: Date, locale: DateLocale = 'th'): string {
  const minutes = Math.floor(bangkokMinuteOfDay(instant));
  const hh = pad2(Math.floor(minutes / 60));
  const mm = pad2(minutes % 60);
  return locale === 'th' ? `${hh}.${mm} น.` : `${hh}:${mm}`;
}

/** A date (or the Bangkok date of an instant) for people; see the module comment. */
export function formatThaiDate(value: Date | LocalDate, locale: DateLocale = 'th', options: FormatThaiDateOptions = {}): string {
  const day = toEpochDay(value);
  const { year, month, day: dom } = ymdOfEpochDay(day);
  const short = options.style === 'short';
  const era = options.era ?? (locale === 'th' ? 'be' : 'ce');
  const monthIndex = month - 1;
  const weekday = weekdayOfEpochDay(day);
  let text: string;
  if (locale === 'th') {
    const yearText = era === 'be' ? String(year + BUDDHIST_ERA_OFFSET) : `ค.ศ. ${year}`;
    const monthText = (short ? THAI_MONTHS_SHORT : THAI_MONTHS)[monthIndex] ?? '';
    text = `${dom} ${monthText} ${yearText}`;
    if (options.weekday) text = `วัน${THAI_WEEKDAYS[weekday] ?? ''}ที่ ${text}`;
  } else {
    const yearText = era === 'be' ? `B.E. ${year + BUDDHIST_ERA_OFFSET}` : String(year);
    const fullMonth = ENGLISH_MONTHS[monthIndex] ?? '';
    text = `${dom} ${short ? fullMonth.slice(0, 3) : fullMonth} ${yearText}`;
    if (options.weekday) {
      const name = ENGLISH_WEEKDAYS[weekday] ?? '';
      text = `${short ? name.slice(0, 3) : name} ${text}`;
    }
  }
  if (options.withTime) {
    if (typeof value === 'string') throw new TypeError('withTime needs an instant (Date), not a date string');
    text = locale === 'th' ? `${text} ${formatThaiTime(value, 'th')}` : `${text}, ${formatThaiTime(value, 'en')}`;
  }
  return locale === 'th' && options.digits === 'thai' ? toThaiDigits(text) : text;
}
