/**
 * Dates and numbers as people here read them: the Buddhist era (พ.ศ.), the
 * Asia/Bangkok time zone, Thai month names in Thai and English ones in
 * English ("21 Nov 2569 BE"). One place, so every page agrees.
 */
import { formatThaiTime } from '@esa-flow/engine/thai-dates';
import type { Lang } from './lang';

const TZ = 'Asia/Bangkok';
const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB-u-ca-buddhist', { timeZone: TZ, ...options });
    cache.set(key, f);
  }
  return f;
}

/** 21 พ.ย. 2569 */
export function formatDate(value: string | Date | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  const d = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00+07:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return fmt(lang, { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
}

/** 21 พ.ย. 2569 14.30 น. (Thai: the time as Thai writes it, as the mails do) · 21 Nov 2569 BE, 14:30 */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  if (lang === 'th') return `${formatDate(d, 'th')} ${formatThaiTime(d, 'th')}`;
  return fmt(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

export function formatNumber(n: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    n,
  );
}

/** satang → "12,345.00 บาท" */
export function formatBaht(satang: number, lang: Lang): string {
  return `${formatNumber(satang / 100, lang, 2)} ${lang === 'th' ? 'บาท' : 'THB'}`;
}

/** working-time distance in words: "เกิน 2 วัน", "in 3 h" */
export function formatDue(dueAt: string | null, now: Date, lang: Lang): string {
  if (!dueAt) return lang === 'th' ? 'ไม่มีกำหนด' : 'No deadline';
  const ms = new Date(dueAt).getTime() - now.getTime();
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const span =
    days > 0 ? (lang === 'th' ? `${days} วัน` : `${days} d`) : lang === 'th' ? `${Math.max(1, hours)} ชม.` : `${Math.max(1, hours)} h`;
  if (ms < 0) return lang === 'th' ? `เกินกำหนด ${span}` : `${span} overdue`;
  return lang === 'th' ? `อีก ${span}` : `in ${span}`;
}
