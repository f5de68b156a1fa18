/**
 * The fields of the person record (docs/personnel.md), each with its kind and
 * its Thai and English name. Every field is effective-dated: a value holds
 * from its date until the next value of the same field. Two fields are
 * lists rather than values: `leave` (one value per half-year, dated by the
 * half-year's first day) and `penalty` (one per disciplinary penalty, dated
 * by its order).
 */
export const PERSONNEL_FIELDS = {
  position_no: { kind: 'text', th: 'เลขที่ตำแหน่ง', en: 'position number' },
  position: { kind: 'text', th: 'ตำแหน่ง', en: 'position' },
  level: { kind: 'text', th: 'ระดับ (ค.ศ.)', en: 'level (ค.ศ.)' },
  salary: { kind: 'satang', th: 'เงินเดือน', en: 'salary' },
  base: { kind: 'satang', th: 'ฐานในการคำนวณ', en: 'calculation base' },
  max_salary: { kind: 'satang', th: 'เงินเดือนสูงสุดของอันดับ', en: 'top of the scale' },
  academic_standing: { kind: 'text', th: 'วิทยฐานะ', en: 'academic standing' },
  academic_standing_on: { kind: 'date', th: 'วันที่ได้รับวิทยฐานะ', en: 'academic standing since' },
  school: { kind: 'school', th: 'โรงเรียน', en: 'school' },
  school_since: { kind: 'date', th: 'วันที่เริ่มปฏิบัติงานที่โรงเรียน', en: 'at the school since' },
  service_started_on: { kind: 'date', th: 'วันเริ่มรับราชการ', en: 'service started on' },
  left_on: { kind: 'date', th: 'วันที่พ้นจากสำนักงาน', en: 'left the office on' },
  /** with `left_on`: the person moved to another office within OBEC that day (not leaving service) */
  moved_to: { kind: 'text', th: 'ย้ายไปสังกัด (ภายใน สพฐ.)', en: 'moved to (an office within OBEC)' },
  suspended: { kind: 'boolean', th: 'ถูกสั่งพักราชการ', en: 'suspended' },
  leave: { kind: 'leave', th: 'การลาในครึ่งปี', en: 'leave in the half-year' },
  penalty: { kind: 'penalty', th: 'โทษทางวินัย', en: 'disciplinary penalty' },
} as const;

export type PersonnelField = keyof typeof PERSONNEL_FIELDS;
export const PERSONNEL_FIELD_NAMES = Object.keys(PERSONNEL_FIELDS) as PersonnelField[];
/** the fields that hold one value at a time */
export type ScalarPersonnelField = Exclude<PersonnelField, 'leave' | 'penalty'>;

export interface LeaveValue {
  sickOccasions: number;
  sickDays: number;
  personalOccasions: number;
  personalDays: number;
  lateTimes: number;
}

export interface PenaltyValue {
  kind: string;
  /** a penalty recorded by mistake, or withdrawn: kept in the history, no longer counted */
  cancelled?: boolean;
}

export const isPersonnelField = (f: string): f is PersonnelField => f in PERSONNEL_FIELDS;
