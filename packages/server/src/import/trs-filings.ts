/**
 * The TRS import template of a transfer round as a file (docs/workflows/transfer.md
 * "Importing requests filed in TRS"): an .xlsx workbook whose first sheet
 * has one column per field of a request as TRS exports it (Thai headers;
 * the choices as drop-downs; the citizen id, dates and the filing moment as
 * text) and one column per preference (a drop-down of the schools with a
 * vacancy in the round, by name and code), a second sheet listing those
 * choices, a third what to write in each column; and the rows read back by
 * header (Thai or English) into `TrsImportRow`s the workflow imports.
 */
import ExcelJS from 'exceljs';
import { EsaError } from '@esa-flow/engine';
import { transfer } from '@esa-flow/workflows';
import type { SheetRows } from '../spreadsheet/sheet-rows';

export const REQUESTS_SHEET = 'คำขอย้ายจาก TRS';
export const CHOICES_SHEET = 'รายการให้เลือก';
export const NOTES_SHEET = 'คำอธิบาย';
const TEXT_COLUMNS = new Set(['trsRef', 'filedAt', 'citizenId', 'swapWith', 'currentSchoolSince', 'firstAppointedOn', 'marriageRegisteredOn']);

const columnName = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : columnName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/** The workbook of a round's TRS import template (no rows: TRS's export is pasted in). */
export async function writeTrsTemplate(layout: transfer.TrsTemplateLayout): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(REQUESTS_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const choices = book.addWorksheet(CHOICES_SHEET);
  const notes = book.addWorksheet(NOTES_SHEET);

  // the choices: one column per drop-down, its list under its header
  const lists: { header: string; items: string[] }[] = [
    ...layout.columns.filter((c) => c.options).map((c) => ({ header: c.label.th, items: c.options!.map((o) => o.text) })),
    { header: 'โรงเรียนที่มีตำแหน่งว่างในรอบ', items: layout.schools.map((s) => s.text) },
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

  const headers = [...layout.columns.map((c) => c.label.th), ...Array.from({ length: layout.preferences }, (_, i) => transfer.preferenceLabel(i + 1).th)];
  sheet.columns = headers.map((h) => ({ header: h, width: Math.max(16, Math.min(40, h.length + 6)) }));
  sheet.getRow(1).font = { bold: true };
  // drop-downs and text formats on the rows TRS's export is pasted into
  const ROWS = 300;
  layout.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    if (TEXT_COLUMNS.has(c.id)) col.numFmt = '@';
    if (!c.options) return;
    for (let r = 2; r <= ROWS + 1; r++) {
      sheet.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [ranges.get(c.label.th)!], showErrorMessage: true, errorTitle: 'ตัวเลือกไม่ถูกต้อง', error: `เลือกจากรายการในแผ่นงาน "${CHOICES_SHEET}"` };
    }
  });
  const schools = ranges.get('โรงเรียนที่มีตำแหน่งว่างในรอบ')!;
  for (let p = 0; p < layout.preferences; p++) {
    for (let r = 2; r <= ROWS + 1; r++) {
      sheet.getCell(r, layout.columns.length + p + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [schools], showErrorMessage: false };
    }
  }

  notes.columns = [{ header: 'คอลัมน์', width: 40 }, { header: 'จำเป็น', width: 10 }, { header: 'วิธีกรอก', width: 90 }];
  notes.getRow(1).font = { bold: true };
  notes.addRow([`รอบการย้าย ${layout.roundLabel}: ${layout.roundTitle}`, '', 'หนึ่งแถวต่อหนึ่งคำขอที่ครูยื่นในระบบ TRS ส่งไฟล์เดิมซ้ำได้ คำขอที่นำเข้าแล้วจะไม่ถูกสร้างซ้ำ (ตรวจจากเลขที่คำขอ TRS)']);
  for (const c of layout.columns) notes.addRow([c.label.th, c.required ? 'ใช่' : '', c.hint.th]);
  for (let p = 1; p <= layout.preferences; p++) notes.addRow([transfer.preferenceLabel(p).th, p === 1 ? 'ใช่*' : '', 'ชื่อโรงเรียนหรือรหัสโรงเรียนที่มีตำแหน่งว่างในรอบ (เลือกจากรายการ) *ยกเว้นย้ายสับเปลี่ยน']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The rows of an uploaded template; a sheet lacking a required column is 400 (naming it). */
export function readTrsRows(sheet: SheetRows): transfer.TrsImportRow[] {
  const [header, ...body] = sheet.rows;
  const names = (header?.cells ?? []).map(squash);
  const find = (l: { th: string; en: string }) => names.findIndex((n) => n === squash(l.th) || n === squash(l.en));
  const cols = transfer.TRS_COLUMNS.map((c) => ({ id: c.id, col: find(c.label) }));
  const prefs: { id: string; col: number }[] = [];
  for (let n = 1; n <= 20; n++) {
    const col = find(transfer.preferenceLabel(n));
    if (col >= 0) prefs.push({ id: `pref${n}`, col });
  }
  const missing = transfer.TRS_COLUMNS.filter((c, i) => c.required && cols[i]!.col < 0).map((c) => c.label.th);
  if (missing.length > 0) {
    throw new EsaError('INVALID_PAYLOAD', {
      issues: missing.map((m) => ({ path: 'header', code: 'missing_column', message: `ไม่พบคอลัมน์ "${m}" ในแถวแรก ดาวน์โหลดแบบฟอร์มนำเข้าของรอบแล้วกรอกในไฟล์นั้น / the header lacks the column "${m}": use the round's template as downloaded` })),
    });
  }
  return body.map((r) => ({
    row: r.row,
    cells: Object.fromEntries([...cols, ...prefs].map((c) => [c.id, c.col >= 0 ? (r.cells[c.col] ?? '').trim() : ''])),
  }));
}
