/**
 * The DPA import template of an office as a file (docs/workflows/academic-standing.md
 * "นำเข้าคำขอจากระบบ DPA"): an .xlsx workbook (import-template.ts) whose first
 * sheet has one column per field of an academic-standing request as DPA
 * lists it (Thai headers; position, current and requested standing as
 * drop-downs; the numbers, dates and the filing moment as text), a second
 * sheet with the choices, a third what to write; and the rows read back by
 * header (Thai or English) for the workflow's import.
 */
import { academicStanding } from '@esa-flow/workflows';
import type { SheetRows } from '../spreadsheet/sheet-rows';
import { readImportRows, writeImportTemplate } from './import-template';

export const DPA_REQUESTS_SHEET = 'คำขอวิทยฐานะจาก DPA';
const TEXT_COLUMNS = new Set([
  'dpaRef',
  'filedAt',
  'citizenId',
  'positionNo',
  'currentLevelSince',
  'pa1Percents',
  'pa2Percents',
  'pa3Percents',
  'developmentPassedOn',
  'refileFrom',
]);

/** The workbook of an office's DPA import template (no rows: DPA's list is pasted in). */
export async function writeDpaTemplate(layout: academicStanding.DpaTemplateLayout): Promise<Buffer> {
  return writeImportTemplate({
    sheet: DPA_REQUESTS_SHEET,
    columns: layout.columns,
    textColumns: TEXT_COLUMNS,
    notesTitle: `คำขอมีหรือเลื่อนวิทยฐานะที่ยื่นในระบบ DPA: ${layout.officeName}`,
    notesIntro: 'หนึ่งแถวต่อหนึ่งคำขอที่ยื่นในระบบ DPA ส่งไฟล์เดิมซ้ำได้ คำขอที่นำเข้าแล้วจะไม่ถูกสร้างซ้ำ (ตรวจจากเลขที่คำขอ DPA)',
  });
}

/** The rows of an uploaded template; a sheet lacking a required column is 400 (naming it). */
export function readDpaRows(sheet: SheetRows): { row: number; cells: Record<string, string> }[] {
  return readImportRows(sheet, academicStanding.DPA_COLUMNS, { whose: { th: 'คำขอจากระบบ DPA', en: 'the DPA import' } });
}
