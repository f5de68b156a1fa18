/**
 * A transfer round's score sheet as a file (docs/workflows/transfer.md "The
 * score sheet"): written as an .xlsx workbook — the first sheet one row per
 * request waiting for scores or their verification (teacher, citizen id as
 * text, current school, step, one column per entered component with a
 * drop-down of its options, a verify column, a note), the second sheet the
 * options of every component with their points — and read back into rows
 * (`ScoreSheetRow`) that the transfer workflow applies one by one. Headers
 * are Thai (the English labels are accepted too); no code name is shown.
 */
import ExcelJS from 'exceljs';
import { EsaError } from '@esa-flow/engine';
import { transfer } from '@esa-flow/workflows';
import type { SheetRows } from '../spreadsheet/sheet-rows';

export const OPTIONS_SHEET = 'ตัวเลือกคะแนน';
export const SCORES_SHEET = 'คะแนน';
const H = {
  no: { th: 'ลำดับ', en: 'No.' },
  citizenId: { th: 'เลขประจำตัวประชาชน', en: 'Citizen id' },
  name: { th: 'ชื่อ-นามสกุล', en: 'Name' },
  school: { th: 'โรงเรียนปัจจุบัน', en: 'Current school' },
  step: { th: 'ขั้นตอน', en: 'Step' },
  verify: { th: 'ยืนยันคะแนน (ใส่ "ใช่")', en: 'Verify (write "yes")' },
  note: { th: 'หมายเหตุ', en: 'Note' },
} as const;
const STEP_TEXT = { scoring: 'รอบันทึกคะแนน', verification: 'รอยืนยันคะแนน (ผู้ตรวจต้องไม่ใช่ผู้บันทึก)' } as const;
const YES = new Set(['ใช่', 'yes', 'y', 'true', '✓', '1', 'ยืนยัน']);

/** The workbook of a round's score sheet. */
export async function writeScoreSheet(layout: transfer.ScoreSheetLayout): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(SCORES_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  const options = workbook.addWorksheet(OPTIONS_SHEET);

  // the options: one block of rows per component; each component's drop-down reads its block
  options.columns = [
    { header: 'องค์ประกอบ', width: 48 },
    { header: 'ตัวเลือก (ใส่ในตารางคะแนนตามนี้)', width: 60 },
    { header: 'คะแนน', width: 10 },
  ];
  options.getRow(1).font = { bold: true };
  const ranges = new Map<string, string>();
  let at = 2;
  for (const c of layout.components) {
    const first = at;
    for (const o of c.options) {
      options.addRow([c.label.th, transfer.optionText(o), o.points]);
      at += 1;
    }
    ranges.set(c.id, `'${OPTIONS_SHEET}'!$B$${first}:$B$${at - 1}`);
  }

  const headers = [
    H.no.th,
    H.citizenId.th,
    H.name.th,
    H.school.th,
    H.step.th,
    ...layout.components.map((c) => c.label.th),
    H.verify.th,
    H.note.th,
  ];
  sheet.columns = headers.map((h, i) => ({
    header: h,
    width: i === 0 ? 8 : i === 1 ? 18 : i < 5 ? 30 : Math.max(24, Math.min(48, h.length + 4)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(2).numFmt = '@';
  layout.requests.forEach((r, i) => {
    const byId = (cid: string) => {
      const c = layout.components.find((x) => x.id === cid)!;
      const o = c.options.find((x) => x.id === r.entries[cid]);
      return o ? transfer.optionText(o) : '';
    };
    const row = sheet.addRow([
      i + 1,
      r.citizenId ?? '',
      r.teacherName,
      r.currentSchoolName,
      STEP_TEXT[r.step],
      ...layout.components.map((c) => byId(c.id)),
      '',
      '',
    ]);
    row.getCell(2).value = r.citizenId ?? '';
    row.getCell(2).numFmt = '@';
    layout.components.forEach((c, k) => {
      row.getCell(6 + k).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [ranges.get(c.id)!],
        showErrorMessage: true,
        errorTitle: 'ตัวเลือกไม่ถูกต้อง',
        error: `เลือกจากรายการในแผ่นงาน "${OPTIONS_SHEET}"`,
      };
    });
    row.getCell(6 + layout.components.length).dataValidation = { type: 'list', allowBlank: true, formulae: ['"ใช่"'] };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The rows of an uploaded score sheet; a sheet without the citizen id column or any component column is 400. */
export function readScoreSheetRows(sheet: SheetRows, components: readonly transfer.ScoreSheetComponent[]): transfer.ScoreSheetRow[] {
  const [header, ...body] = sheet.rows;
  const names = (header?.cells ?? []).map(squash);
  const find = (l: { th: string; en: string }) => names.findIndex((n) => n === squash(l.th) || n === squash(l.en));
  const citizenCol = find(H.citizenId);
  const nameCol = find(H.name);
  const verifyCol = names.findIndex((n) => n.startsWith(squash('ยืนยันคะแนน')) || n.startsWith('verify'));
  const noteCol = find(H.note);
  const componentCols = components.map((c) => ({ id: c.id, col: find(c.label) }));
  const missing = [
    ...(citizenCol < 0 ? [H.citizenId.th] : []),
    ...components.filter((_, i) => componentCols[i]!.col < 0).map((c) => c.label.th),
  ];
  if (missing.length > 0) {
    throw new EsaError('INVALID_PAYLOAD', {
      issues: missing.map((m) => ({
        path: 'header',
        code: 'missing_column',
        message: `ไม่พบคอลัมน์ "${m}" ในแถวแรก ดาวน์โหลดตารางคะแนนของรอบแล้วกรอกในไฟล์นั้น / the header lacks the column "${m}": fill in the round's score sheet as downloaded`,
      })),
    });
  }
  const cell = (cells: string[], col: number) => (col >= 0 ? (cells[col] ?? '').trim() : '');
  return body.map((r) => ({
    row: r.row,
    citizenId: cell(r.cells, citizenCol).replace(/\D/g, ''),
    name: cell(r.cells, nameCol),
    cells: Object.fromEntries(componentCols.map((c) => [c.id, cell(r.cells, c.col)])),
    verify: YES.has(squash(cell(r.cells, verifyCol))),
    ...(cell(r.cells, noteCol) ? { note: cell(r.cells, noteCol) } : {}),
  }));
}
