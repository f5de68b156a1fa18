/**
 * Writing data into a document's HTML: every text is escaped, and with the
 * office's Thai-digit option every ASCII digit becomes ๐–๙ (numbers, dates,
 * document numbers alike). Dates are the engine's Thai dates (พ.ศ., Thai
 * month names).
 */
import { formatThaiDate, toThaiDigits, type LocalDate } from '@esa-flow/engine';

export interface DigitsOption {
  /** write numbers with Thai digits ๐–๙ (an office's choice) */
  thaiDigits: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const BAHT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * The plain writer of one document: digits as the option says, "เขต 1" kept on
 * one line (a no-break space), dates the Thai way — not escaped (a DOCX, or
 * a model the HTML writer escapes later).
 */
export function plainWriterFor(option: DigitsOption) {
  const digits = (text: string) => {
    const kept = text.replace(/เขต (?=[0-9])/g, 'เขต\u00a0');
    return option.thaiDigits ? toThaiDigits(kept) : kept;
  };
  const dateOpts = { digits: option.thaiDigits ? ('thai' as const) : ('arabic' as const) };
  return {
    t: (value: string | number): string => digits(String(value)),
    /** '6 กุมภาพันธ์ 2569' (or with Thai digits) */
    date: (value: Date | LocalDate): string => formatThaiDate(value, 'th', dateOpts),
    /** an amount in satang as baht: '12,345.00' (or with Thai digits) */
    baht: (satang: number): string => digits(BAHT.format(satang / 100)),
    /** basis points as a percentage: 350 → '3.50' */
    percent: (bp: number): string => digits((bp / 100).toFixed(2)),
    /** '6 กุมภาพันธ์ 2569 เวลา 09.30 น.' */
    dateTime: (value: Date): string => formatThaiDate(value, 'th', { withTime: true, ...dateOpts }),
  };
}
export type PlainWriter = ReturnType<typeof plainWriterFor>;

/** The writer of one document's HTML: as `plainWriterFor`, every text escaped. */
export function writerFor(option: DigitsOption) {
  const p = plainWriterFor(option);
  return {
    t: (value: string | number): string => escapeHtml(p.t(value)),
    date: (value: Date | LocalDate): string => escapeHtml(p.date(value)),
    baht: (satang: number): string => escapeHtml(p.baht(satang)),
    percent: (bp: number): string => escapeHtml(p.percent(bp)),
    dateTime: (value: Date): string => escapeHtml(p.dateTime(value)),
  };
}
export type Writer = ReturnType<typeof writerFor>;

/** The Buddhist-era year of a date or instant (Asia/Bangkok). */
export function buddhistYearOf(value: Date | LocalDate): number {
  const text = formatThaiDate(value, 'th');
  return Number(text.slice(text.lastIndexOf(' ') + 1));
}

/**
 * A phrase followed by a name: "รายงานการประชุม" + "คณะกรรมการ…" joined as
 * Thai writes them, with a space before a name that starts with an
 * abbreviation ("รายงานการประชุม อ.ก.ค.ศ. …").
 */
export function beforeName(phrase: string, name: string): string {
  return /^[\u0e01-\u0e2e]\./.test(name) ? `${phrase} ${name}` : `${phrase}${name}`;
}
