/**
 * The TRS import template of a transfer round as a file (docs/workflows/transfer.md
 * "Importing requests filed in TRS"): an .xlsx workbook (import-template.ts) whose
 * first sheet has one column per field of a request as TRS exports it (Thai
 * headers; the choices as drop-downs; the citizen id, dates and the filing
 * moment as text) and one column per preference (a drop-down of the schools
 * with a vacancy in the round, by name and code), a second sheet listing
 * those choices, a third what to write in each column; and the rows read
 * back by header (Thai or English) into `TrsImportRow`s the workflow imports.
 */
import { transfer } from '@esa-flow/workflows';
import type { SheetRows } from '../spreadsheet/sheet-rows';
import { readImportRows, writeImportTemplate } from './import-template';

export { CHOICES_SHEET, NOTES_SHEET } from './import-template';
export const REQUESTS_SHEET = 'คำขอย้ายจาก TRS';
const TEXT_COLUMNS = new Set([
  'trsRef',
  'filedAt',
  'citizenId',
  'swapWith',
  'currentSchoolSince',
  'firstAppointedOn',
  'marriageRegisteredOn',
]);
const SCHOOLS = 'โรงเรียนที่มีตำแหน่งว่างในรอบ';

/** The workbook of a round's TRS import template (no rows: TRS's export is pasted in). */
export async function writeTrsTemplate(layout: transfer.TrsTemplateLayout): Promise<Buffer> {
  return writeImportTemplate({
    sheet: REQUESTS_SHEET,
    columns: layout.columns,
    textColumns: TEXT_COLUMNS,
    lists: [{ header: SCHOOLS, items: layout.schools.map((s) => s.text) }],
    extraColumns: Array.from({ length: layout.preferences }, (_, i) => ({
      header: transfer.preferenceLabel(i + 1).th,
      list: SCHOOLS,
      required: i === 0 ? 'ใช่*' : '',
      hint: 'ชื่อโรงเรียนหรือรหัสโรงเรียนที่มีตำแหน่งว่างในรอบ (เลือกจากรายการ) *ยกเว้นย้ายสับเปลี่ยน',
    })),
    notesTitle: `รอบการย้าย ${layout.roundLabel}: ${layout.roundTitle}`,
    notesIntro: 'หนึ่งแถวต่อหนึ่งคำขอที่ครูยื่นในระบบ TRS ส่งไฟล์เดิมซ้ำได้ คำขอที่นำเข้าแล้วจะไม่ถูกสร้างซ้ำ (ตรวจจากเลขที่คำขอ TRS)',
  });
}

/** The rows of an uploaded template; a sheet lacking a required column is 400 (naming it). */
export function readTrsRows(sheet: SheetRows): transfer.TrsImportRow[] {
  return readImportRows(sheet, transfer.TRS_COLUMNS, {
    extra: Array.from({ length: 20 }, (_, i) => ({ id: `pref${i + 1}`, label: transfer.preferenceLabel(i + 1) })),
    whose: { th: 'ของรอบ', en: "the round's" },
  });
}
