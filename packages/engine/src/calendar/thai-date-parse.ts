/**
 * Parse dates the way people type them in Thai offices:
 *   '6 ก.พ. 2568', '6 กุมภาพันธ์ พ.ศ. 2568', '๖/๒/๒๕๖๘', '6/2/68', '06-02-2025',
 *   '2025-02-06', 'วันพฤหัสบดีที่ 6 ก.พ. 2568 เวลา 15.00 น.', '6 Feb 2025', 'February 6, 2025'.
 *
 * Numeric dates are day/month/year. Years: a 4-digit year from 2400 is
 * Buddhist era (พ.ศ.), below 2400 Common Era; a 2-digit year is read as พ.ศ.
 * 25xx ('68' → 2568), as Thai forms write it; 'พ.ศ.'/'ค.ศ.'/'B.E.'/'C.E.'/'A.D.'
 * make the era explicit.
 */
import { isLocalDate, pad2, type LocalDate } from './bangkok-time';
import { fromThaiDigits } from './thai-digits';
import { BUDDHIST_ERA_OFFSET, ENGLISH_MONTHS, THAI_MONTHS, THAI_MONTHS_SHORT } from './thai-months';

export type ParsedThaiDate =
  | { ok: true; date: LocalDate; /** 'HH:MM' when the input had a time */ time: string | null }
  | { ok: false; error: 'empty' | 'unrecognized' | 'invalid_date' | 'year_out_of_range'; message: string };

type Era = 'be' | 'ce' | null;

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** Month tokens without dots or spaces, lower case → month 1–12. */
const MONTH_TOKENS = new Map<string, number>();
const monthKey = (token: string): string => token.toLowerCase().replace(/[.\s,]/g, '');
THAI_MONTHS.forEach((name, i) => MONTH_TOKENS.set(monthKey(name), i + 1));
THAI_MONTHS_SHORT.forEach((name, i) => MONTH_TOKENS.set(monthKey(name), i + 1));
ENGLISH_MONTHS.forEach((name, i) => {
  MONTH_TOKENS.set(monthKey(name), i + 1);
  MONTH_TOKENS.set(monthKey(name.slice(0, 3)), i + 1);
});
MONTH_TOKENS.set('sept', 9);

const ERA = String.raw`(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|b\.?\s?e\.?|c\.?\s?e\.?|a\.?\s?d\.?)`;
const WEEKDAY_PREFIX = /^(?:วัน(?:อาทิตย์|จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์)?ที่\s*|(?:sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?,?\s+)/;
const TIME_SUFFIX = /,?\s+(?:เวลา|at)?\s*(\d{1,2})[.:](\d{2})(?:\s*(?:น\.?|นาฬิกา))?$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMERIC = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{2}|\d{4})$/;
const DAY_MONTH_YEAR = new RegExp(String.raw`^(\d{1,2})\s*([^\d\s][^\d]*?)\s*(?:${ERA}\s*)?(\d{2}|\d{4})(?:\s*${ERA})?$`);
const MONTH_DAY_YEAR = new RegExp(String.raw`^([a-z]+)\.?\s+(\d{1,2}),?\s+(?:${ERA}\s*)?(\d{4})(?:\s*${ERA})?$`);

function eraOf(token: string | undefined): Era {
  if (!token) return null;
  const t = monthKey(token);
  return t === 'พศ' || t === 'be' ? 'be' : 'ce';
}

function toCommonEraYear(digits: string, era: Era): number {
  const n = Number(digits);
  if (digits.length === 2) return era === 'ce' ? 2000 + n : 2500 + n - BUDDHIST_ERA_OFFSET;
  if (era === 'be' || (era === null && n >= 2400)) return n - BUDDHIST_ERA_OFFSET;
  return n;
}

function failure(error: Exclude<ParsedThaiDate, { ok: true }>['error'], input: string): ParsedThaiDate {
  const messages = {
    empty: 'No date was given',
    unrecognized: `Not a date this parser understands: ${JSON.stringify(input)}`,
    invalid_date: `No such date: ${JSON.stringify(input)}`,
    year_out_of_range: `Year out of range (${MIN_YEAR}–${MAX_YEAR} C.E.): ${JSON.stringify(input)}`,
  } as const;
  return { ok: false, error, message: messages[error] };
}

function build(year: number, month: number, day: number, time: string | null, input: string): ParsedThaiDate {
  if (year < MIN_YEAR || year > MAX_YEAR) return failure('year_out_of_range', input);
  const date = `${year}-${pad2(month)}-${pad2(day)}`;
  return isLocalDate(date) ? { ok: true, date, time } : failure('invalid_date', input);
}

/** Parse a date (and optional time) typed by a person; see the module comment. */
export function parseThaiDate(input: string): ParsedThaiDate {
  let text = fromThaiDigits(input.normalize('NFC')).trim().replace(/\s+/g, ' ').toLowerCase();
  if (text === '') return failure('empty', input);
  text = text.replace(WEEKDAY_PREFIX, '');

  let time: string | null = null;
  const t = TIME_SUFFIX.exec(text);
  if (t) {
    const hours = Number(t[1]);
    const minutes = Number(t[2]);
    if (hours > 23 || minutes > 59) return failure('invalid_date', input);
    time = `${pad2(hours)}:${pad2(minutes)}`;
    text = text.slice(0, t.index).trim();
  }

  let m = ISO.exec(text);
  if (m) return build(toCommonEraYear(m[1] ?? '', null), Number(m[2]), Number(m[3]), time, input);

  m = NUMERIC.exec(text);
  if (m) return build(toCommonEraYear(m[4] ?? '', null), Number(m[3]), Number(m[1]), time, input);

  m = DAY_MONTH_YEAR.exec(text);
  if (m) {
    const month = MONTH_TOKENS.get(monthKey(m[2] ?? ''));
    if (month === undefined) return failure('unrecognized', input);
    return build(toCommonEraYear(m[4] ?? '', eraOf(m[3] ?? m[5])), month, Number(m[1]), time, input);
  }

  m = MONTH_DAY_YEAR.exec(text);
  if (m) {
    const month = MONTH_TOKENS.get(monthKey(m[1] ?? ''));
    if (month === undefined) return failure('unrecognized', input);
    return build(toCommonEraYear(m[4] ?? '', eraOf(m[3] ?? m[5])), month, Number(m[2]), time, input);
  }
  return failure('unrecognized', input);
}
