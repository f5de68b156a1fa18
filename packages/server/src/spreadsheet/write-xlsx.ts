/**
 * Writing a list as an .xlsx workbook, streamed (exceljs' WorkbookWriter):
 * each row is committed and leaves memory as soon as it is written, so a list
 * of any length costs the same memory (docs/benchmarks.md: 50,000 cases).
 *
 * Cells are typed as an office reads them: dates are real dates shown in the
 * Buddhist era with Thai month names (`[$-th-TH]d mmm bbbb`, Asia/Bangkok),
 * money is a number in baht with separators, counts are numbers, and a citizen
 * id is text (Excel would otherwise show 1.10123E+12 and lose digits on save).
 * Headers are Thai; no code name is written.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type SheetColumnKind = 'text' | 'date' | 'datetime' | 'baht' | 'number' | 'decimal' | 'citizenId';

export interface SheetColumn {
  header: string;
  kind: SheetColumnKind;
  /** width in characters */
  width?: number;
}

export type SheetCell = string | number | Date | null;

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const FORMATS: Record<SheetColumnKind, string | undefined> = {
  text: '@',
  citizenId: '@',
  date: '[$-th-TH]d mmm bbbb',
  datetime: '[$-th-TH]d mmm bbbb hh"."mm" น."',
  baht: '#,##0.00',
  number: '#,##0',
  /** a percentage or a score with its decimals (2.95, not 3) */
  decimal: '#,##0.00',
};

/** Excel's date cells have no time zone: a moment is written as its Bangkok wall-clock time; a date (YYYY-MM-DD) as that day. */
function cellValue(kind: SheetColumnKind, value: SheetCell): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === 'date' && typeof value === 'string') {
    const [y, m, d] = value.split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, d!));
  }
  if ((kind === 'date' || kind === 'datetime') && value instanceof Date) return new Date(value.getTime() + BANGKOK_OFFSET_MS);
  if (kind === 'citizenId' || kind === 'text') return String(value);
  return value;
}

export interface SheetSpec {
  name: string;
  columns: readonly SheetColumn[];
  rows: AsyncIterable<readonly SheetCell[]> | Iterable<readonly SheetCell[]>;
}

/**
 * A workbook of one sheet, streamed while `rows` is read. The returned stream
 * is what the HTTP answer sends; an error while reading rows destroys it.
 */
export function streamXlsx(sheetName: string, columns: readonly SheetColumn[], rows: SheetSpec['rows']): Readable {
  return streamWorkbook([{ name: sheetName, columns, rows }]);
}

/** A workbook of several sheets (a meeting's agenda and its attendance, say), each streamed in turn. */
export function streamWorkbook(sheets: readonly SheetSpec[]): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  void (async () => {
    for (const spec of sheets) {
      // Excel refuses a sheet name over 31 characters or with []:*?/\
      const sheet = workbook.addWorksheet(spec.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = spec.columns.map((c, i) => ({
        key: String(i),
        width: c.width ?? 18,
        style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {},
      }));
      const header = sheet.addRow(spec.columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for await (const row of spec.rows) {
        if (out.destroyed) return; // the reader went away: stop reading rows
        sheet.addRow(row.map((value, i) => cellValue(spec.columns[i]!.kind, value))).commit();
        if (out.writableNeedDrain) await once(out, 'drain'); // a slow reader slows the writing, memory stays flat
      }
      sheet.commit();
    }
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An empty import template: the header row, with each column's cells typed (the citizen id as text). */
export async function xlsxTemplate(sheetName: string, columns: readonly SheetColumn[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? 22,
    style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {},
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  // the style of the first thousand rows, so a citizen id typed or pasted into them stays text
  for (let r = 2; r <= 1001; r++) {
    columns.forEach((c, i) => {
      const format = FORMATS[c.kind];
      if (format) sheet.getCell(r, i + 1).numFmt = format;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
