/**
 * One CSV cell, safe to open in a spreadsheet (OWASP "CSV injection").
 *
 * The rule: a text cell whose first character is `=`, `+`, `-`, `@`, TAB or
 * CR would be read as a formula (or a DDE call) by Excel, LibreOffice and
 * Google Sheets, so it is written with a leading apostrophe (`'=1+1`),
 * which spreadsheets show as the literal text. Numbers are never changed:
 * a JavaScript number, and a text cell that is exactly a plain decimal
 * number (`-12.5`, `+66`, `-0.25`, digits with an optional sign and
 * fraction, nothing else), is written as it is, so numeric exports keep
 * their values. Quoting (RFC 4180) follows: a cell with `"`, `,`, CR or LF is
 * quoted and its quotes doubled.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

export function neutraliseCsvText(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function csvCell(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : neutraliseCsvText(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
