/**
 * The template of an import of requests filed in another system, as a file,
 * and its rows read back (the TRS import of a transfer round, trs-filings.ts;
 * the DPA import of an office's academic-standing requests, dpa-filings.ts):
 * an .xlsx workbook whose first sheet has one column per field (Thai
 * headers; the choices as drop-downs; numbers, dates and moments as text),
 * then any further columns the import adds (a round's preferences), a second
 * sheet listing the drop-downs' choices, a third what to write in each
 * column; read back by header (Thai or English) into rows of cells by
 * column id.
 */
import ExcelJS from 'exceljs';
import { EsaError } from '@esa-flow/engine';
import type { SheetRows } from '../spreadsheet/sheet-rows';

type Label = { th: string; en: string };
interface Column {
  id: string;
  label: Label;
  required: boolean;
  hint: Label;
  options?: { text: string }[];
}

export const CHOICES_SHEET = 'รายการให้เลือก';
export const NOTES_SHEET = 'คำอธิบาย';
/** Rows of the first sheet given drop-downs and text formats (the other system's export is pasted in). */
const ROWS = 300;

export interface ImportTemplate {
  /** the first sheet's name */
  sheet: string;
  columns: readonly Column[];
  /** the columns kept as text (numbers with leading zeros, dates, moments) */
  textColumns: ReadonlySet<string>;
  /** further lists for the choices sheet, by header */
  lists?: { header: string; items: string[] }[];
  /** further columns after `columns`: the header, the list of its drop-down, and its line in the notes */
  extraColumns?: { header: string; list: string; required: string; hint: string }[];
  /** the notes sheet's first line: what the file is for */
  notesTitle: string;
  notesIntro: string;
}

const columnName = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : columnName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/** The workbook of a template (no rows). */
export async function writeImportTemplate(t: ImportTemplate): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const choices = book.addWorksheet(CHOICES_SHEET);
  const notes = book.addWorksheet(NOTES_SHEET);

  // the choices: one column per drop-down, its list under its header
  const lists: { header: string; items: string[] }[] = [
    ...t.columns.filter((c) => c.options).map((c) => ({ header: c.label.th, items: c.options!.map((o) => o.text) })),
    ...(t.lists ?? []),
  ];
  const ranges = new Map<string, string>();
  lists.forEach((l, i) => {
    const col = columnName(i + 1);
    choices.getCell(`${col}1`).value = l.header;
    choices.getCell(`${col}1`).font = { bold: true };
    choices.getColumn(i + 1).width = Math.max(20, Math.min(60, Math.max(l.header.length, ...l.items.map((x) => x.length)) + 4));
    l.items.forEach((item, k) => (choices.getCell(`${col}${k + 2}`).value = item));
    ranges.set(l.header, `'${CHOICES_SHEET}'!$${col}$2:$${col}$${Math.max(2, l.items.length + 1)}`);
  });

  const extra = t.extraColumns ?? [];
  const headers = [...t.columns.map((c) => c.label.th), ...extra.map((e) => e.header)];
  sheet.columns = headers.map((h) => ({ header: h, width: Math.max(16, Math.min(40, h.length + 6)) }));
  sheet.getRow(1).font = { bold: true };
  t.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    if (t.textColumns.has(c.id)) col.numFmt = '@';
    if (!c.options) return;
    for (let r = 2; r <= ROWS + 1; r++) {
      sheet.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [ranges.get(c.label.th)!],
        showErrorMessage: true,
        errorTitle: 'ตัวเลือกไม่ถูกต้อง',
        error: `เลือกจากรายการในแผ่นงาน "${CHOICES_SHEET}"`,
      };
    }
  });
  extra.forEach((e, k) => {
    for (let r = 2; r <= ROWS + 1; r++) {
      sheet.getCell(r, t.columns.length + k + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [ranges.get(e.list)!],
        showErrorMessage: false,
      };
    }
  });

  notes.columns = [
    { header: 'คอลัมน์', width: 40 },
    { header: 'จำเป็น', width: 10 },
    { header: 'วิธีกรอก', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  notes.addRow([t.notesTitle, '', t.notesIntro]);
  for (const c of t.columns) notes.addRow([c.label.th, c.required ? 'ใช่' : '', c.hint.th]);
  for (const e of extra) notes.addRow([e.header, e.required, e.hint]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The rows of an uploaded template by column id (`extra`: further columns
 * found by header when present); a sheet lacking a required column is 400
 * `INVALID_PAYLOAD` naming it (`whose`: whose template to download, e.g.
 * "ของรอบ" / "the round's").
 */
export function readImportRows(
  sheet: SheetRows,
  columns: readonly Column[],
  opts: { extra?: { id: string; label: Label }[]; whose: Label },
): { row: number; cells: Record<string, string> }[] {
  const [header, ...body] = sheet.rows;
  const names = (header?.cells ?? []).map(squash);
  const find = (l: Label) => names.findIndex((n) => n === squash(l.th) || n === squash(l.en));
  const cols = columns.map((c) => ({ id: c.id, col: find(c.label) }));
  const extra = (opts.extra ?? []).map((e) => ({ id: e.id, col: find(e.label) })).filter((e) => e.col >= 0);
  const missing = columns.filter((c, i) => c.required && cols[i]!.col < 0).map((c) => c.label.th);
  if (missing.length > 0) {
    throw new EsaError('INVALID_PAYLOAD', {
      issues: missing.map((m) => ({
        path: 'header',
        code: 'missing_column',
        message: `ไม่พบคอลัมน์ "${m}" ในแถวแรก ดาวน์โหลดแบบฟอร์มนำเข้า${opts.whose.th}แล้วกรอกในไฟล์นั้น / the header lacks the column "${m}": use ${opts.whose.en} template as downloaded`,
      })),
    });
  }
  return body.map((r) => ({
    row: r.row,
    cells: Object.fromEntries([...cols, ...extra].map((c) => [c.id, c.col >= 0 ? (r.cells[c.col] ?? '').trim() : ''])),
  }));
}
