/**
 * A salary round's lists as an office keeps them in a spreadsheet (issue 20,
 * "the salary round's lists"): the names rated ดีเด่น and ดีมาก as announced,
 * and every person each issued order raises — money as numbers in baht, the
 * percentage as a number with its decimals, the personnel number as text.
 */
import type { salary } from '@esa-flow/workflows';
import type { SheetCell, SheetColumn, SheetSpec } from '../spreadsheet/write-xlsx';

export const PUBLISHED_COLUMNS: readonly SheetColumn[] = [
  { header: 'ผลการประเมิน', kind: 'text', width: 16 },
  { header: 'ลำดับ', kind: 'number', width: 8 },
  { header: 'เลขประจำตัว', kind: 'citizenId', width: 16 },
  { header: 'ชื่อ', kind: 'text', width: 32 },
  { header: 'สถานศึกษา', kind: 'text', width: 32 },
  { header: 'คะแนน', kind: 'decimal', width: 10 },
  { header: 'ร้อยละที่ได้เลื่อน', kind: 'decimal', width: 14 },
];

export const RAISE_COLUMNS: readonly SheetColumn[] = [
  { header: 'คำสั่งที่', kind: 'text', width: 14 },
  { header: 'สั่ง ณ วันที่', kind: 'date', width: 16 },
  { header: 'เลขประจำตัว', kind: 'citizenId', width: 16 },
  { header: 'ชื่อ', kind: 'text', width: 32 },
  { header: 'ตำแหน่ง', kind: 'text', width: 32 },
  { header: 'สถานศึกษา', kind: 'text', width: 32 },
  { header: 'เงินเดือนเดิม (บาท)', kind: 'baht', width: 16 },
  { header: 'ฐานในการคำนวณ (บาท)', kind: 'baht', width: 18 },
  { header: 'ร้อยละ', kind: 'decimal', width: 10 },
  { header: 'จำนวนเงินที่ได้เลื่อน (บาท)', kind: 'baht', width: 20 },
  { header: 'เงินเดือนใหม่ (บาท)', kind: 'baht', width: 16 },
  { header: 'หมายเหตุ', kind: 'text', width: 36 },
];

const baht = (satang: number) => satang / 100;
const pct = (bp: number | null) => (bp === null ? null : bp / 100);
const OFFICE = 'สำนักงานเขตพื้นที่การศึกษา';

export function salaryWorkbookSheets(
  lists: readonly salary.PublicationList[],
  orders: readonly salary.IssuedRaiseOrder[],
  schools: ReadonlyMap<string, string>,
): SheetSpec[] {
  const published: SheetCell[][] = lists.flatMap((l) =>
    l.entries.map((e, i) => [l.th, i + 1, e.personnelNo, e.nameTh, e.schoolName ?? OFFICE, e.score, pct(e.pctBp)]),
  );
  const raised: SheetCell[][] = orders.flatMap((o) =>
    o.lines.map((line) => [
      o.ref,
      o.issuedOn,
      line.personnelNo,
      line.nameTh,
      line.position,
      line.schoolId === null ? OFFICE : (schools.get(line.schoolId) ?? ''),
      baht(line.salarySatang),
      baht(line.baseSatang),
      pct(line.pctBp),
      baht(line.amountSatang),
      baht(line.newSalarySatang),
      line.note ?? '',
    ]),
  );
  const sheets: SheetSpec[] = [{ name: 'ประกาศรายชื่อดีเด่นและดีมาก', columns: PUBLISHED_COLUMNS, rows: published }];
  if (orders.length > 0) sheets.push({ name: 'บัญชีการเลื่อนเงินเดือน', columns: RAISE_COLUMNS, rows: raised });
  return sheets;
}
