/**
 * Dates as people here type them into a form, and as the form shows them
 * back: day, Thai month and พ.ศ. year ('1 ต.ค. 2563', '1/10/2563',
 * '๑ ต.ค. ๒๕๖๓'), times as '13.30 น.'. The reading is the engine's
 * `parseThaiDate` (the same parser the server's imports use); this module
 * adds what a form needs on top: a year that is implausible for an HR
 * record is refused, a date-time is a Bangkok wall time turned into an
 * instant by arithmetic (Asia/Bangkok is UTC+7 all year), never by the
 * browser's time zone, and every refusal comes in Thai and English.
 *
 * Values kept in the form are what the API expects: 'YYYY-MM-DD' for a
 * date, an ISO instant ('2020-10-01T06:30:00.000Z') for a date-time.
 */
import {
  BUDDHIST_ERA_OFFSET,
  ENGLISH_MONTHS,
  formatThaiDate,
  fromThaiDigits,
  isLocalDate,
  pad2,
  parseThaiDate,
  type ParsedThaiDate,
} from '@esa-flow/engine/thai-dates';
import type { Label } from './api';
import type { Lang } from './lang';

/** The years (พ.ศ.) a date in an HR record may fall in: a typo such as 3106 or 1563 is refused, not stored. */
export const MIN_BE_YEAR = 2400;
export const MAX_BE_YEAR = 2600;

const BANGKOK_OFFSET_MS = 7 * 3_600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

export type Reading = { ok: true; value: string } | { ok: false; message: Label };

const EXAMPLE_DATE = { th: '1 ต.ค. 2563 หรือ 1/10/2563', en: '1 Oct 2563 or 1/10/2563' };
const EXAMPLE_DATE_TIME = { th: '1 ต.ค. 2563 13.30 น.', en: '1 Oct 2563 13:30' };

/** The format hint under a field: what to type. */
export function dateExample(kind: 'date' | 'datetime'): Label {
  return kind === 'date' ? EXAMPLE_DATE : EXAMPLE_DATE_TIME;
}

/** `year`: as typed (4 digits; พ.ศ. from 2400, as the parser reads it) or as read (พ.ศ.) */
const yearOutOfRange = (year: number | null): Label => {
  const range = `${MIN_BE_YEAR}–${MAX_BE_YEAR}`;
  if (year === null) return { th: `ปีไม่อยู่ในช่วงที่เป็นไปได้ (พ.ศ. ${range})`, en: `The year is out of range (B.E. ${range})` };
  const be = year >= MIN_BE_YEAR;
  return {
    th: `ปี ${be ? 'พ.ศ. ' : ''}${year} ไม่อยู่ในช่วงที่เป็นไปได้ (พ.ศ. ${range})`,
    en: `The year ${be ? 'B.E. ' : ''}${year} is out of range (B.E. ${range})`,
  };
};

/** The last 4-digit number typed: the year, to name it in the message. */
function typedYear(text: string): number | null {
  const all = fromThaiDigits(text).match(/\d{4}/g);
  return all ? Number(all[all.length - 1]) : null;
}

function refusal(parsed: Exclude<ParsedThaiDate, { ok: true }>, kind: 'date' | 'datetime', text: string): Label {
  const ex = dateExample(kind);
  switch (parsed.error) {
    case 'invalid_date':
      return { th: 'ไม่มีวันที่นี้ในปฏิทิน', en: 'There is no such date' };
    case 'year_out_of_range':
      return yearOutOfRange(typedYear(text));
    default:
      return {
        th: `อ่านวันที่ไม่ได้ กรุณากรอกวัน เดือน ปี พ.ศ. เช่น ${ex.th}`,
        en: `Not a date: type the day, month and B.E. year, e.g. ${ex.en}`,
      };
  }
}

const beYearOf = (isoDate: string) => Number(isoDate.slice(0, 4)) + BUDDHIST_ERA_OFFSET;
const plausible = (isoDate: string) => beYearOf(isoDate) >= MIN_BE_YEAR && beYearOf(isoDate) <= MAX_BE_YEAR;

/** A typed date → 'YYYY-MM-DD', or why not. */
export function readDate(text: string): Reading {
  const parsed = parseThaiDate(text);
  if (!parsed.ok) return { ok: false, message: refusal(parsed, 'date', text) };
  if (parsed.time !== null)
    return {
      ok: false,
      message: { th: `ช่องนี้รับเฉพาะวันที่ ไม่ต้องกรอกเวลา เช่น ${EXAMPLE_DATE.th}`, en: `A date only, without a time, e.g. ${EXAMPLE_DATE.en}` },
    };
  if (!plausible(parsed.date)) return { ok: false, message: yearOutOfRange(beYearOf(parsed.date)) };
  return { ok: true, value: parsed.date };
}

/** A typed Bangkok date and time → the instant (ISO, UTC), or why not. */
export function readDateTime(text: string): Reading {
  const parsed = parseThaiDate(text);
  if (!parsed.ok) return { ok: false, message: refusal(parsed, 'datetime', text) };
  if (parsed.time === null)
    return { ok: false, message: { th: `กรุณากรอกเวลาด้วย เช่น ${EXAMPLE_DATE_TIME.th}`, en: `Add the time, e.g. ${EXAMPLE_DATE_TIME.en}` } };
  if (!plausible(parsed.date)) return { ok: false, message: yearOutOfRange(beYearOf(parsed.date)) };
  const [y, m, d] = parsed.date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = parsed.time.split(':').map(Number) as [number, number];
  return { ok: true, value: new Date(Date.UTC(y, m - 1, d, hh, mm) - BANGKOK_OFFSET_MS).toISOString() };
}

export const isIsoDate = (v: unknown): v is string => typeof v === 'string' && ISO_DATE.test(v) && isLocalDate(v);
export const isIsoInstant = (v: unknown): v is string => typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));

/** The Bangkok calendar date of an instant. */
function bangkokDateOf(instant: string): string {
  const d = new Date(Date.parse(instant) + BANGKOK_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** '1 ต.ค. 2563' / '1 Oct 2563': what a date field shows, and reads back the same. */
export function showDate(isoDate: string, lang: Lang): string {
  if (lang === 'th') return formatThaiDate(isoDate, 'th', { style: 'short' });
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${(ENGLISH_MONTHS[m - 1] ?? '').slice(0, 3)} ${y + BUDDHIST_ERA_OFFSET}`;
}

/** '1 ต.ค. 2563 13.30 น.' / '1 Oct 2563 13:30', Bangkok time whatever the browser's zone. */
export function showDateTime(instant: string, lang: Lang): string {
  if (lang === 'th') return formatThaiDate(new Date(instant), 'th', { style: 'short', withTime: true });
  const minutes = Math.floor((Date.parse(instant) + BANGKOK_OFFSET_MS) / 60_000) % 1440;
  return `${showDate(bangkokDateOf(instant), 'en')} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Why a form value for a date field cannot be sent (null: it can). The value is the typed text while it does not read as a date. */
export function checkDate(value: unknown): Label | null {
  if (isIsoDate(value)) return plausible(value) ? null : yearOutOfRange(beYearOf(value));
  const r = readDate(String(value));
  return r.ok ? null : r.message;
}

export function checkDateTime(value: unknown): Label | null {
  if (isIsoInstant(value)) {
    const day = bangkokDateOf(value);
    return plausible(day) ? null : yearOutOfRange(beYearOf(day));
  }
  const r = readDateTime(String(value));
  return r.ok ? null : r.message;
}
