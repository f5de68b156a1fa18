/**
 * Reading the first worksheet of an .xlsx file (exceljs) into rows of text.
 *
 * Before exceljs unpacks anything, the zip's directory is checked with jszip:
 * an .xlsx is a zip, and a small file may claim gigabytes once inflated (a
 * zip bomb), so more than XLSX_MAX_INFLATED_BYTES in all, or more than
 * XLSX_MAX_ENTRIES parts, is 413 IMPORT_TOO_LARGE; a file that is not a
 * workbook is 400 INVALID_PAYLOAD.
 *
 * Cells become the text a person sees, with two exceptions that keep data
 * whole: a number is written out in full (a 13-digit citizen id that Excel
 * stored as a number, shown as 1.10123E+12, is read exactly: an .xlsx keeps
 * 15 significant digits), and a date is written as YYYY-MM-DD.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { EsaError } from '@esa-flow/engine';
import type { SheetRows } from './sheet-rows';

export const XLSX_MAX_INFLATED_BYTES = 100 * 1024 * 1024;
export const XLSX_MAX_ENTRIES = 2_000;

const notAWorkbook = () =>
  new EsaError('INVALID_PAYLOAD', {
    issues: [{ path: 'body', code: 'not_xlsx', message: 'ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้ / this is not a readable Excel (.xlsx) file' }],
  });

async function assertInflatedSize(bytes: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    throw notAWorkbook();
  }
  const entries = Object.values(zip.files);
  // jszip reads each entry's sizes from the central directory without inflating it
  const inflated = entries.reduce(
    (sum, f) => sum + ((f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0),
    0,
  );
  if (entries.length > XLSX_MAX_ENTRIES || inflated > XLSX_MAX_INFLATED_BYTES) {
    throw new EsaError('IMPORT_TOO_LARGE', {
      limit: 'inflated',
      max: XLSX_MAX_INFLATED_BYTES,
      issues: [
        {
          path: 'body',
          code: 'too_large_inflated',
          message: 'ไฟล์ Excel นี้ใหญ่เกินเมื่อคลายการบีบอัด / this Excel file is too large once unpacked',
        },
      ],
    });
  }
  if (!zip.file('xl/workbook.xml')) throw notAWorkbook();
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
    if ('error' in value) return '';
  }
  return String(value);
}

/** The rows of the first worksheet; `limits` are checked before the cells are read. */
export async function readXlsx(bytes: Buffer, limits: { maxRows: number; maxColumns: number }): Promise<SheetRows> {
  await assertInflatedSize(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw notAWorkbook();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw notAWorkbook();
  if (sheet.actualRowCount > limits.maxRows + 1 || sheet.actualColumnCount > limits.maxColumns) {
    const what = sheet.actualColumnCount > limits.maxColumns ? 'columns' : 'rows';
    const max = what === 'rows' ? limits.maxRows : limits.maxColumns;
    throw new EsaError('IMPORT_TOO_LARGE', {
      limit: what,
      max,
      issues: [
        {
          path: 'body',
          code: `too_many_${what}`,
          message: what === 'rows' ? `เกิน ${max} แถว / more than ${max} rows` : `เกิน ${max} คอลัมน์ / more than ${max} columns`,
        },
      ],
    });
  }
  const out: SheetRows = { format: 'xlsx', rows: [], unreadable: [] };
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((cell) => cell.trim() !== '')) out.rows.push({ row: rowNumber, cells });
  });
  return out;
}
