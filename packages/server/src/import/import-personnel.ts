/**
 * Importing the person records of an office (docs/personnel.md): one row per
 * person and date — the values that hold from that date (position and its
 * number, level ค.ศ., salary and calculation base, วิทยฐานะ and its date,
 * school and the start there, start of service, leave of a half-year, a
 * penalty with its date). A blank cell says nothing about its field (the
 * record keeps what it had); a value is kept in the history with who, when and
 * the file it came from. People are named by citizen id and must be of the
 * office (import the staff first); schools by code.
 *
 * Idempotent by key: a row's values already in force for that person, field
 * and date write nothing ("unchanged"), so the same file twice changes
 * nothing; a different value for the same key is a correction ("updated").
 * The leave columns count the half-year named in ครึ่งปีของการลา as
 * round/fiscal year (2/2568). Any rejected row is reported with its column and reason; the valid rows are
 * written in one transaction (the engine's `recordPersonnelChanges`).
 */
import { z } from 'zod';
import { personIdsByCitizenId, recordPersonnelChanges, schoolIdsByCode, type PersonnelChange, type Engine } from '@esa-flow/engine';
import { bahtCell, countCell, dateCell, PENALTIES, STANDINGS } from './import-roster';
import {
  checkRow,
  duplicateRows,
  isScientificNotation,
  readTable,
  reason,
  summarise,
  textCell,
  type ImportColumn,
  type ImportReport,
  type RowReport,
} from './import-table';
import { citizenIdProblem, normaliseCitizenId } from './thai-citizen-id';
import type { SheetRows } from '../spreadsheet/sheet-rows';

const col = (key: string, th: string, en: string, required: boolean, ...headers: string[]): ImportColumn => ({
  key,
  th,
  en,
  required,
  headers: [th, en, ...headers],
});

export const PERSONNEL_COLUMNS: readonly ImportColumn[] = [
  col('citizen_id', 'เลขประจำตัวประชาชน', 'citizen id', true, 'national id', 'เลขบัตรประชาชน'),
  col('effective_on', 'มีผลตั้งแต่วันที่', 'effective from', true, 'วันที่มีผล', 'effective on'),
  col('position_no', 'เลขที่ตำแหน่ง', 'position number', false, 'ตำแหน่งเลขที่', 'personnel no'),
  col('position', 'ตำแหน่ง', 'position', false),
  col('level', 'ระดับ (ค.ศ.)', 'level', false, 'ระดับ'),
  col('salary', 'เงินเดือน (บาท)', 'salary (baht)', false, 'เงินเดือน', 'salary'),
  col('base', 'ฐานในการคำนวณ (บาท)', 'calculation base (baht)', false, 'ฐานในการคำนวณ', 'base'),
  col('max_salary', 'เงินเดือนสูงสุดของอันดับ (บาท)', 'top of the scale (baht)', false, 'เงินเดือนสูงสุด'),
  col('academic_standing', 'วิทยฐานะ', 'academic standing', false),
  col('academic_standing_on', 'วันที่ได้รับวิทยฐานะ', 'academic standing since', false),
  col('school_code', 'รหัสโรงเรียน', 'school code', false, 'โรงเรียน (รหัส)'),
  col('school_since', 'วันที่เริ่มปฏิบัติงานที่โรงเรียน', 'at the school since', false),
  col('service_started_on', 'วันเริ่มรับราชการ', 'service started on', false),
  col('left_on', 'วันที่พ้นจากสำนักงาน', 'left on', false),
  col('moved_to', 'ย้ายไปสังกัด (ภายใน สพฐ.)', 'moved to (within OBEC)', false, 'ย้ายไปสังกัด', 'moved to'),
  col('suspended', 'ถูกสั่งพักราชการ', 'suspended', false),
  // no "/" in the names: a template header is "ไทย/English", split at its "/"
  col('leave_half_year', 'ครึ่งปีของการลา', 'leave half-year', false, 'การลาของครึ่งปี', 'การลาของครึ่งปี (ครั้งที่/ปีงบประมาณ)'),
  col('sick_occasions', 'ลาป่วย (ครั้ง)', 'sick leave (times)', false),
  col('sick_days', 'ลาป่วย (วัน)', 'sick leave (days)', false),
  col('personal_occasions', 'ลากิจ (ครั้ง)', 'personal leave (times)', false),
  col('personal_days', 'ลากิจ (วัน)', 'personal leave (days)', false),
  col('late_times', 'มาสาย (ครั้ง)', 'late (times)', false),
  col('penalty', 'โทษทางวินัย', 'penalty', false),
  col('penalty_on', 'วันที่ลงโทษ', 'penalty on', false),
];
const column = (key: string) => PERSONNEL_COLUMNS.find((c) => c.key === key)!;

/** ระดับ of a teacher (ข้าราชการครู): ครูผู้ช่วย, then คศ.1 to คศ.5; written คศ.1, ค.ศ.1, คศ. ๑ … */
const LEVELS = ['ครูผู้ช่วย', 'คศ.1', 'คศ.2', 'คศ.3', 'คศ.4', 'คศ.5'] as const;
const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
function levelOf(v: string): string | null {
  const s = v
    .trim()
    .replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)))
    .replace(/\s+/g, '');
  const m = /^(?:ค\.?ศ\.?|k)([1-5])$/i.exec(s);
  const level = m ? `คศ.${m[1]}` : s;
  return (LEVELS as readonly string[]).includes(level) ? level : null;
}

/** "2/2568": the half-year of round 2 of fiscal year 2568 (1 Apr – 30 Sep 2025) → its first day */
function halfYearStart(v: string): string | null {
  const m = /^([12])\s*\/\s*(\d{4})$/.exec(v.trim().replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d))));
  if (!m) return null;
  const ce = Number(m[2]) - 543;
  if (ce < 2000 || ce > 2200) return null;
  return m[1] === '1' ? `${ce - 1}-10-01` : `${ce}-04-01`;
}

const flag = z.string().superRefine((v, ctx) => {
  if (v !== '' && !YES_NO.has(v.trim().toLowerCase())) ctx.addIssue({ code: 'custom', message: 'invalid_format' });
});
const YES = new Set(['ใช่', 'yes', 'true', '1', 'y', '✓']);
const YES_NO = new Set([...YES, 'ไม่', 'ไม่ใช่', 'no', 'false', '0', 'n', '-']);

const PersonnelRow = z.object({
  citizen_id: z
    .string()
    .superRefine((v, ctx) => {
      if (v === '') ctx.addIssue({ code: 'custom', message: 'required' });
      else if (isScientificNotation(v)) ctx.addIssue({ code: 'custom', message: 'citizen_id_scientific' });
      else {
        const problem = citizenIdProblem(normaliseCitizenId(v));
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    })
    .transform(normaliseCitizenId),
  effective_on: dateCell(true),
  position_no: textCell({ required: false, max: 50 }),
  position: textCell({ required: false, max: 100 }),
  level: z.string().superRefine((v, ctx) => {
    if (v !== '' && levelOf(v) === null) ctx.addIssue({ code: 'custom', message: 'level_unknown' });
  }),
  salary: bahtCell(false),
  base: bahtCell(false),
  max_salary: bahtCell(false),
  academic_standing: z.string().superRefine((v, ctx) => {
    if (!(v.trim() in STANDINGS)) ctx.addIssue({ code: 'custom', message: 'academic_standing_unknown' });
  }),
  academic_standing_on: dateCell(false),
  school_code: textCell({ required: false, max: 40 }),
  school_since: dateCell(false),
  service_started_on: dateCell(false),
  left_on: dateCell(false),
  moved_to: textCell({ required: false, max: 200 }),
  suspended: flag,
  leave_half_year: z.string().superRefine((v, ctx) => {
    if (v !== '' && halfYearStart(v) === null) ctx.addIssue({ code: 'custom', message: 'half_year_invalid' });
  }),
  sick_occasions: z.string(),
  sick_days: z.string(),
  personal_occasions: z.string(),
  personal_days: z.string(),
  late_times: z.string(),
  penalty: z.string().superRefine((v, ctx) => {
    if (v !== '' && !(v.trim().toLowerCase() in PENALTIES)) ctx.addIssue({ code: 'custom', message: 'penalty_kind_unknown' });
  }),
  penalty_on: dateCell(false),
});
type PersonnelValue = z.output<typeof PersonnelRow>;
const LEAVE_COLUMNS = ['sick_occasions', 'sick_days', 'personal_occasions', 'personal_days', 'late_times'] as const;

export interface PersonnelImportOptions {
  now: Date;
  /** the importing user */
  userId: string;
  /** the file's name, kept as the source of each value */
  fileName: string | null;
}

/** The changes one valid row makes, without the person (filled in once resolved). */
function changesOf(v: PersonnelValue, schoolId: string | null): Omit<PersonnelChange, 'personId'>[] {
  const on = v.effective_on!;
  const out: Omit<PersonnelChange, 'personId'>[] = [];
  const put = (field: PersonnelChange['field'], value: unknown, effectiveOn = on) => {
    if (value !== null && value !== undefined && value !== '') out.push({ field, effectiveOn, value });
  };
  put('position_no', v.position_no);
  put('position', v.position);
  put('level', v.level === '' ? null : levelOf(v.level));
  put('salary', v.salary);
  put('base', v.base);
  put('max_salary', v.max_salary);
  put('academic_standing', v.academic_standing.trim() === '' ? null : STANDINGS[v.academic_standing.trim()]);
  put('academic_standing_on', v.academic_standing_on);
  put('school', schoolId);
  put('school_since', v.school_since);
  put('service_started_on', v.service_started_on);
  put('left_on', v.left_on);
  put('moved_to', v.moved_to);
  if (v.suspended.trim() !== '') put('suspended', YES.has(v.suspended.trim().toLowerCase()));
  const half = v.leave_half_year === '' ? null : halfYearStart(v.leave_half_year);
  if (half) {
    const n = (k: (typeof LEAVE_COLUMNS)[number]) => countCell.parse(v[k]);
    put(
      'leave',
      {
        sickOccasions: n('sick_occasions'),
        sickDays: n('sick_days'),
        personalOccasions: n('personal_occasions'),
        personalDays: n('personal_days'),
        lateTimes: n('late_times'),
      },
      half,
    );
  }
  if (v.penalty !== '') put('penalty', { kind: PENALTIES[v.penalty.trim().toLowerCase()]! }, v.penalty_on!);
  return out;
}

export async function importPersonnel(
  engine: Engine,
  officeId: string,
  sheet: SheetRows,
  dryRun: boolean,
  opts: PersonnelImportOptions,
  maxRows: number,
): Promise<ImportReport> {
  const source = readTable(sheet, PERSONNEL_COLUMNS, maxRows);
  const reports: RowReport[] = [];
  const keyOf = (cells: Record<string, string>) => `${normaliseCitizenId(cells.citizen_id ?? '')} ${cells.effective_on ?? ''}`;
  const dupes = duplicateRows(
    source.filter((r) => r.cells.citizen_id && r.cells.effective_on).map((r) => ({ row: r.row, key: keyOf(r.cells) })),
  );
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
  const accepted: { row: number; key: string; personId: string; changes: Omit<PersonnelChange, 'personId'>[] }[] = [];
  for (const row of source) {
    const checked = checkRow(PersonnelRow, row, PERSONNEL_COLUMNS);
    const reasons = 'reasons' in checked ? [...checked.reasons] : [];
    const others = dupes.get(row.row);
    if (others)
      reasons.push(
        reason('duplicate_in_file', column('effective_on'), { th: `(แถวที่ ${others.join(', ')})`, en: `(rows ${others.join(', ')})` }),
      );
    const code = row.cells.school_code ?? '';
    if (code !== '' && !schools.has(code)) reasons.push(reason('school_code_unknown', column('school_code')));
    const key = normaliseCitizenId(row.cells.citizen_id ?? '');
    if ('value' in checked) {
      const v = checked.value;
      const leaveGiven = LEAVE_COLUMNS.some((k) => v[k] !== '');
      if (leaveGiven && v.leave_half_year === '') reasons.push(reason('required', column('leave_half_year')));
      for (const k of LEAVE_COLUMNS) if (!countCell.safeParse(v[k]).success) reasons.push(reason('number_invalid', column(k)));
      // a move names the day the person left the office
      if (v.moved_to && v.left_on === null) reasons.push(reason('required', column('left_on')));
      if (v.penalty !== '' && v.penalty_on === null) reasons.push(reason('required', column('penalty_on')));
      if (v.penalty === '' && v.penalty_on !== null) reasons.push(reason('required', column('penalty')));
      // a citizen id of another office (or of nobody) reads the same: no oracle across offices
      if (!people.has(v.citizen_id)) reasons.push(reason('person_not_in_office', column('citizen_id')));
    }
    if (reasons.length > 0 || 'reasons' in checked) {
      reports.push({ row: row.row, key, status: 'rejected', reasons });
      continue;
    }
    const v = checked.value;
    accepted.push({ row: row.row, key, personId: people.get(v.citizen_id)!, changes: changesOf(v, code ? schools.get(code)! : null) });
  }
  const changes: PersonnelChange[] = accepted.flatMap((a) => a.changes.map((c) => ({ ...c, personId: a.personId })));
  const { written, hadRecord } = await recordPersonnelChanges(engine, {
    officeId,
    changes,
    source: { kind: 'import', ref: opts.fileName },
    recordedBy: opts.userId,
    now: opts.now,
    dryRun,
  });
  let i = 0;
  const seen = new Set<string>();
  for (const a of accepted) {
    const mine = written.slice(i, i + a.changes.length);
    i += a.changes.length;
    const status = !mine.some(Boolean) ? 'unchanged' : hadRecord.has(a.personId) || seen.has(a.personId) ? 'updated' : 'created';
    seen.add(a.personId);
    reports.push({ row: a.row, key: a.key, status, reasons: [] });
  }
  return summarise('personnel', dryRun, reports);
}
