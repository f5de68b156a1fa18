import { csvCell } from '@esa-flow/engine';

/**
 * CSV for spreadsheets: UTF-8 with a BOM (Excel then reads Thai correctly),
 * CRLF, quoted where needed. Text starting with = + - @ TAB or CR gets a
 * leading apostrophe (it would run as a formula); numbers, and text that is
 * exactly a plain number such as -12.5 or +66, are kept (engine csv/csv-cell.ts).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** One CSV line (CRLF-terminated) of `toCsv`'s form, for answers streamed a row at a time. */
export function csvLine(row: readonly (string | number | null)[]): string {
  return `${row.map(csvCell).join(',')}\r\n`;
}
