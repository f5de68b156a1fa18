/**
 * A salary round's roster from the office's spreadsheet (xlsx or CSV): one row
 * per person as HR keeps them at the round's base date — personnel number,
 * name, school, position, วิทยฐานะ, salary, calculation base, the top of the
 * scale, the start of service, leave taken in the half-year, a suspension.
 * Each row is checked and turned into the round's staff record; a rejected
 * row names the column and the reason. Schools are named by their code and
 * people by their citizen id (both of this office).
 *
 * A penalty (โทษทางวินัย) is one per row, with its date (the same columns as
 * the person record's import).
 */
import { z } from 'zod';
import { parseThaiDate, personIdsByCitizenId, schoolIdsByCode, type Engine } from '@esa-flow/engine';
import { salary } from '@esa-flow/workflows';
import { checkRow, duplicateRows, readTable, reason, textCell, type ImportColumn, type RejectionReason } from './import-table';
import { citizenIdProblem, normaliseCitizenId } from './thai-citizen-id';
import type { SheetRows } from '../spreadsheet/sheet-rows';

const col = (key: string, th: string, en: string, required: boolean, ...headers: string[]): ImportColumn => ({
  key,
  th,
  en,
  required,
  headers: [th, en, ...headers],
});

export const ROSTER_COLUMNS: readonly ImportColumn[] = [
  col('personnel_no', 'เลขที่ตำแหน่ง', 'personnel no', true, 'ตำแหน่งเลขที่', 'position number'),
  col('citizen_id', 'เลขประจำตัวประชาชน', 'citizen id', false, 'national id'),
  col('name_th', 'ชื่อ-นามสกุล', 'name', true, 'ชื่อ', 'ชื่อ - นามสกุล'),
  col('school_code', 'รหัสโรงเรียน', 'school code', false, 'โรงเรียน (รหัส)'),
  col('position', 'ตำแหน่ง', 'position', true),
  col('academic_standing', 'วิทยฐานะ', 'academic standing', false),
  col('salary', 'เงินเดือน (บาท)', 'salary (baht)', true, 'เงินเดือน', 'salary'),
  col('base', 'ฐานในการคำนวณ (บาท)', 'calculation base (baht)', true, 'ฐานในการคำนวณ', 'base'),
  col('max_salary', 'เงินเดือนสูงสุดของอันดับ (บาท)', 'top of the scale (baht)', false, 'เงินเดือนสูงสุด'),
  col('service_started_on', 'วันเริ่มรับราชการ', 'service started on', true),
  col('left_on', 'วันที่พ้นจากสำนักงาน', 'left on', false),
  col('sick_occasions', 'ลาป่วย (ครั้ง)', 'sick leave (times)', false),
  col('sick_days', 'ลาป่วย (วัน)', 'sick leave (days)', false),
  col('personal_occasions', 'ลากิจ (ครั้ง)', 'personal leave (times)', false),
  col('personal_days', 'ลากิจ (วัน)', 'personal leave (days)', false),
  col('late_times', 'มาสาย (ครั้ง)', 'late (times)', false),
  col('suspended', 'ถูกสั่งพักราชการ', 'suspended', false),
  col('transfer', 'ย้ายภายใน สพฐ. ในรอบ (ย้ายมา/ย้ายไป)', 'moved within OBEC (in/out)', false, 'ย้ายภายใน สพฐ.'),
  col('transfer_on', 'วันที่ย้าย', 'moved on', false),
  col('transfer_office', 'สำนักงานที่ย้ายมาหรือย้ายไป', 'the other office', false),
  col('penalty', 'โทษทางวินัย', 'penalty', false),
  col('penalty_on', 'วันที่ลงโทษ', 'penalty on', false),
];

const column = (key: string) => ROSTER_COLUMNS.find((c) => c.key === key)!;

/** baht with separators and up to two decimals → satang; empty → null */
export const bahtCell = (required: boolean) =>
  z
    .string()
    .superRefine((v, ctx) => {
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: 'required' });
      } else if (!/^\d{1,9}(\.\d{1,2})?$/.test(v.replace(/,/g, ''))) ctx.addIssue({ code: 'custom', message: 'number_invalid' });
    })
    .transform((v) => (v === '' ? null : Math.round(Number(v.replace(/,/g, '')) * 100)));

export const countCell = z
  .string()
  .superRefine((v, ctx) => {
    if (v !== '' && !/^\d{1,4}(\.\d)?$/.test(v)) ctx.addIssue({ code: 'custom', message: 'number_invalid' });
  })
  .transform((v) => (v === '' ? 0 : Number(v)));

/** 16 พ.ค. 2553, 16/05/2553, or a real date cell of the workbook (read as YYYY-MM-DD; a year past 2400 is taken as พ.ศ.) */
export const dateCell = (required: boolean) =>
  z
    .string()
    .superRefine((v, ctx) => {
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: 'required' });
      } else if (!/^\d{4}-\d{2}-\d{2}$/.test(v) && !parseThaiDate(v).ok) ctx.addIssue({ code: 'custom', message: 'date_invalid' });
    })
    .transform((v) => {
      if (v === '') return null;
      // a date cell whose year is past 2400: the พ.ศ. year typed into a Gregorian date (10/9/2568 read as the year 2568)
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return Number(v.slice(0, 4)) > 2400 ? `${Number(v.slice(0, 4)) - 543}${v.slice(4)}` : v;
      const parsed = parseThaiDate(v);
      return parsed.ok ? parsed.date : null;
    });

export const STANDINGS: Record<string, (typeof salary.ACADEMIC_STANDINGS)[number]> = {
  '': 'none',
  ไม่มี: 'none',
  '-': 'none',
  none: 'none',
  ชำนาญการ: 'ชำนาญการ',
  ชำนาญการพิเศษ: 'ชำนาญการพิเศษ',
  เชี่ยวชาญ: 'เชี่ยวชาญ',
  เชี่ยวชาญพิเศษ: 'เชี่ยวชาญพิเศษ',
};

const RosterRow = z.object({
  personnel_no: textCell({ required: true, max: 50 }),
  citizen_id: z.string().superRefine((v, ctx) => {
    const problem = v === '' ? null : citizenIdProblem(normaliseCitizenId(v));
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  name_th: textCell({ required: true, max: 200 }),
  school_code: textCell({ required: false, max: 40 }),
  position: textCell({ required: true, max: 100 }),
  academic_standing: z.string().superRefine((v, ctx) => {
    if (!(v.trim() in STANDINGS)) ctx.addIssue({ code: 'custom', message: 'academic_standing_unknown' });
  }),
  salary: bahtCell(true),
  base: bahtCell(true),
  max_salary: bahtCell(false),
  service_started_on: dateCell(true),
  left_on: dateCell(false),
  sick_occasions: countCell,
  sick_days: countCell,
  personal_occasions: countCell,
  personal_days: countCell,
  late_times: countCell,
  suspended: z.string().transform((v) => ['ใช่', 'yes', 'true', '1', 'y', '✓'].includes(v.trim().toLowerCase())),
  transfer: z.string().superRefine((v, ctx) => {
    if (!(v.trim().toLowerCase() in TRANSFER_DIRECTIONS)) ctx.addIssue({ code: 'custom', message: 'transfer_direction_unknown' });
  }),
  transfer_on: dateCell(false),
  transfer_office: textCell({ required: false, max: 200 }),
  penalty: z.string().superRefine((v, ctx) => {
    if (v !== '' && !(v.trim().toLowerCase() in PENALTIES)) ctx.addIssue({ code: 'custom', message: 'penalty_kind_unknown' });
  }),
  penalty_on: dateCell(false),
});

/** a disciplinary penalty as the sheet names it (Thai or the code) */
export const PENALTIES: Record<string, (typeof salary.PENALTY_KINDS)[number]> = {
  ภาคทัณฑ์: 'reprimand',
  reprimand: 'reprimand',
  ตัดเงินเดือน: 'salary_cut',
  salary_cut: 'salary_cut',
  ลดขั้นเงินเดือน: 'salary_reduction',
  ลดเงินเดือน: 'salary_reduction',
  salary_reduction: 'salary_reduction',
  ปลดออก: 'removal',
  removal: 'removal',
  ไล่ออก: 'dismissal',
  dismissal: 'dismissal',
};

/** the move within OBEC: ย้ายมา (came to this office) or ย้ายไป (went to another); blank: none */
const TRANSFER_DIRECTIONS: Record<string, 'in' | 'out' | null> = {
  '': null,
  '-': null,
  ย้ายมา: 'in',
  รับย้าย: 'in',
  in: 'in',
  ย้ายไป: 'out',
  ย้ายออก: 'out',
  out: 'out',
};

export interface RosterRowReport {
  row: number;
  key: string;
  reasons: RejectionReason[];
}

export interface ReadRoster {
  /** the rows as the round's staff records, in the sheet's order */
  records: (salary.StaffRecordInput & { row: number })[];
  rejected: RosterRowReport[];
}

/** Reads and checks every row; schools and people are looked up in the office. */
export async function readRoster(engine: Engine, officeId: string, sheet: SheetRows, maxRows: number): Promise<ReadRoster> {
  const source = readTable(sheet, ROSTER_COLUMNS, maxRows);
  const dupes = duplicateRows(source.filter((r) => r.cells.personnel_no).map((r) => ({ row: r.row, key: r.cells.personnel_no! })));
  const schools = await schoolIdsByCode(
    engine,
    officeId,
    source.map((r) => r.cells.school_code ?? '').filter((c) => c !== ''),
  );
  const people = await personIdsByCitizenId(
    engine,
    officeId,
    source.map((r) => normaliseCitizenId(r.cells.citizen_id ?? '')).filter((c) => c !== ''),
  );
  const records: ReadRoster['records'] = [];
  const rejected: RosterRowReport[] = [];
  for (const row of source) {
    const checked = checkRow(RosterRow, row, ROSTER_COLUMNS);
    const reasons = 'reasons' in checked ? [...checked.reasons] : [];
    const others = dupes.get(row.row);
    if (others)
      reasons.push(
        reason('duplicate_in_file', column('personnel_no'), { th: `(แถวที่ ${others.join(', ')})`, en: `(rows ${others.join(', ')})` }),
      );
    const code = row.cells.school_code ?? '';
    if (code !== '' && !schools.has(code)) reasons.push(reason('school_code_unknown', column('school_code')));
    if (!('reasons' in checked)) {
      const direction = TRANSFER_DIRECTIONS[checked.value.transfer.trim().toLowerCase()] ?? null;
      // a move needs its date and the other office; a date or office without a move is a mistake too
      if (direction !== null && checked.value.transfer_on === null) reasons.push(reason('required', column('transfer_on')));
      if (direction !== null && !checked.value.transfer_office) reasons.push(reason('required', column('transfer_office')));
      if (direction === null && (checked.value.transfer_on !== null || checked.value.transfer_office))
        reasons.push(reason('required', column('transfer')));
      // a penalty needs its date, a date its penalty
      if (checked.value.penalty !== '' && checked.value.penalty_on === null) reasons.push(reason('required', column('penalty_on')));
      if (checked.value.penalty === '' && checked.value.penalty_on !== null) reasons.push(reason('required', column('penalty')));
    }
    const citizenId = normaliseCitizenId(row.cells.citizen_id ?? '');
    if (citizenId !== '' && !('reasons' in checked) && !people.has(citizenId))
      reasons.push(reason('person_not_in_office', column('citizen_id')));
    if (reasons.length > 0 || 'reasons' in checked) {
      rejected.push({ row: row.row, key: row.cells.personnel_no ?? '', reasons });
      continue;
    }
    const v = checked.value;
    records.push({
      row: row.row,
      personnelNo: v.personnel_no!,
      personId: citizenId ? (people.get(citizenId) ?? null) : null,
      schoolId: code ? (schools.get(code) ?? null) : null,
      nameTh: v.name_th!,
      position: v.position!,
      academicStanding: STANDINGS[v.academic_standing.trim()]!,
      salarySatang: v.salary!,
      baseSatang: v.base!,
      maxSalarySatang: v.max_salary,
      serviceStartedOn: v.service_started_on!,
      leftOn: v.left_on,
      leave: {
        sickOccasions: v.sick_occasions,
        sickDays: v.sick_days,
        personalOccasions: v.personal_occasions,
        personalDays: v.personal_days,
        lateTimes: v.late_times,
      },
      suspended: v.suspended,
      penalties: v.penalty !== '' ? [{ kind: PENALTIES[v.penalty.trim().toLowerCase()]!, on: v.penalty_on! }] : [],
      transfer: (() => {
        const direction = TRANSFER_DIRECTIONS[v.transfer.trim().toLowerCase()] ?? null;
        return direction === null ? null : { direction, on: v.transfer_on!, otherOffice: v.transfer_office! };
      })(),
    });
  }
  return { records, rejected };
}
