/**
 * Who is considered in a round (ผู้มีสิทธิ์ได้รับการพิจารณาเลื่อนเงินเดือน): the
 * roster of the office checked against the round's eligibility rules (months
 * served in the half-year, leave, penalties, suspension). Pure. Each person
 * not considered gets the reasons, because the Act (ม.73) requires that a
 * person not raised be told why.
 */
import { z } from 'zod';
import { formatThaiDate, localDateSchema } from '@esa-flow/engine';
import type { EligibilityRules } from './round-params';

export const ACADEMIC_STANDINGS = ['none', 'ชำนาญการ', 'ชำนาญการพิเศษ', 'เชี่ยวชาญ', 'เชี่ยวชาญพิเศษ'] as const;
export const PENALTY_KINDS = ['reprimand', 'salary_cut', 'salary_reduction', 'removal', 'dismissal'] as const;

/** One person of the office's roster, as HR keeps it (salaries as of the round's base date). */
export const StaffRecord = z
  .object({
    personnelNo: z.string().trim().min(1).max(50),
    personId: z.string().uuid().nullable(),
    schoolId: z.string().uuid().nullable(),
    nameTh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().max(200).nullable().default(null),
    position: z.string().trim().min(1).max(100),
    academicStanding: z.enum(ACADEMIC_STANDINGS).default('none'),
    salarySatang: z.int().min(1).max(100_000_000),
    /** ฐานในการคำนวณ: the mid-point of the person's band, published by ก.ค.ศ. each round */
    baseSatang: z.int().min(1).max(100_000_000),
    /** the top of the person's salary scale; a raise never passes it */
    maxSalarySatang: z.int().min(1).max(100_000_000).nullable().default(null),
    /** entered government service on (counts months served and seniority) */
    serviceStartedOn: localDateSchema,
    /** left the office on (retired, transferred out) inside the half-year, if so */
    leftOn: localDateSchema.nullable().default(null),
    leave: z
      .object({
        sickOccasions: z.int().min(0).default(0),
        sickDays: z.number().min(0).default(0),
        personalOccasions: z.int().min(0).default(0),
        personalDays: z.number().min(0).default(0),
        lateTimes: z.int().min(0).default(0),
      })
      .strict()
      .default({ sickOccasions: 0, sickDays: 0, personalOccasions: 0, personalDays: 0, lateTimes: 0 }),
    penalties: z.array(z.object({ kind: z.enum(PENALTY_KINDS), on: localDateSchema }).strict()).default([]),
    suspended: z.boolean().default(false),
    /**
     * Moved between offices of OBEC (สพฐ.) inside the half-year: `in` — came to
     * this office on `on` from `otherOffice`; `out` — went on `on` to
     * `otherOffice`. Not "left service": still in government service, the
     * months count whole; appraised and raised where they served longest.
     */
    transfer: z
      .object({
        direction: z.enum(['in', 'out']),
        on: localDateSchema,
        /** null: not known (a move into the office read from the person records, which name no office before it) */
        otherOffice: z.string().trim().min(1).max(200).nullable(),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type StaffRecord = z.infer<typeof StaffRecord>;
export type StaffRecordInput = z.input<typeof StaffRecord>;

export type IneligibilityCode =
  'months_served' | 'left_service' | 'leave_occasions' | 'leave_days' | 'late_times' | 'penalty' | 'suspended' | 'appraised_elsewhere';

export interface Reason {
  code: IneligibilityCode;
  th: string;
  en: string;
}

export interface EligibilityVerdict {
  personnelNo: string;
  eligible: boolean;
  monthsServed: number;
  reasons: Reason[];
}

/** Whole months from `from` up to the end of `to` (inclusive). */
export function wholeMonthsBetween(from: string, to: string): number {
  if (from > to) return 0;
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
  const y2 = end.getUTCFullYear();
  const m2 = end.getUTCMonth() + 1;
  const d2 = end.getUTCDate();
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  return Math.max(0, months);
}

const HEAVIER_THAN_REPRIMAND = new Set<string>(['salary_cut', 'salary_reduction', 'removal', 'dismissal']);

const DAY_MS = 86_400_000;
/** The other office of a move when the records do not name it. */
const UNNAMED_OFFICE = { th: 'หน่วยงานอื่นในสังกัด สพฐ.', en: 'another office within OBEC' } as const;
const daysFromTo = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1);

/**
 * A move within OBEC inside the half-year: days served here and at the other
 * office, and whether this office appraises (office policy: where the person
 * served longest; on a tie, the office they are at when the half-year ends).
 * Null when there is no move inside the period.
 */
export function transferSplit(
  person: Pick<StaffRecord, 'transfer'>,
  period: { from: string; to: string },
): { daysHere: number; daysThere: number; appraisedHere: boolean } | null {
  const t = person.transfer;
  if (!t || t.on <= period.from || t.on > period.to) return null;
  const before = daysFromTo(period.from, new Date(Date.parse(`${t.on}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10));
  const after = daysFromTo(t.on, period.to);
  const daysHere = t.direction === 'in' ? after : before;
  const daysThere = t.direction === 'in' ? before : after;
  return { daysHere, daysThere, appraisedHere: t.direction === 'in' ? daysHere >= daysThere : daysHere > daysThere };
}

export function checkEligibility(person: StaffRecord, rules: EligibilityRules, period: { from: string; to: string }): EligibilityVerdict {
  const reasons: Reason[] = [];
  const split = transferSplit(person, period);
  const start = person.serviceStartedOn > period.from ? person.serviceStartedOn : period.from;
  // a move within OBEC is not leaving service: the months count to the end of the half-year
  const leftOn = split ? null : person.leftOn;
  const end = leftOn !== null && leftOn < period.to ? leftOn : period.to;
  const monthsServed = wholeMonthsBetween(start, end);
  if (split && !split.appraisedHere) {
    const t = { ...person.transfer!, otherOffice: person.transfer!.otherOffice ?? UNNAMED_OFFICE.th };
    const otherEn = person.transfer!.otherOffice ?? UNNAMED_OFFICE.en;
    const days = `${split.daysThere} วัน (ที่นี่ ${split.daysHere} วัน)`;
    reasons.push(
      t.direction === 'out'
        ? {
            code: 'appraised_elsewhere',
            th: `ย้ายไป ${t.otherOffice} เมื่อ ${formatThaiDate(t.on, 'th')} ปฏิบัติราชการที่นั่นนานกว่าในรอบการประเมิน ${days} จึงประเมินและพิจารณาเลื่อนเงินเดือนที่ ${t.otherOffice}`,
            en: `moved to ${otherEn} on ${formatThaiDate(t.on, 'en')} and served there longer in the half-year (${split.daysThere} days, ${split.daysHere} here): appraised and considered for a raise there`,
          }
        : {
            code: 'appraised_elsewhere',
            th: `ย้ายมาจาก ${t.otherOffice} เมื่อ ${formatThaiDate(t.on, 'th')} ปฏิบัติราชการที่เดิมนานกว่าในรอบการประเมิน ${days} จึงประเมินและพิจารณาเลื่อนเงินเดือนที่ ${t.otherOffice}`,
            en: `came from ${otherEn} on ${formatThaiDate(t.on, 'en')} and served there longer in the half-year (${split.daysThere} days, ${split.daysHere} here): appraised and considered for a raise there`,
          },
    );
  }
  if (leftOn !== null && leftOn < period.to) {
    reasons.push({
      code: 'left_service',
      th: `พ้นจากสังกัดเมื่อ ${formatThaiDate(leftOn, 'th')} ก่อนสิ้นรอบการประเมิน`,
      en: `left the office on ${formatThaiDate(leftOn, 'en')}, before the end of the evaluation period`,
    });
  }
  if (monthsServed < rules.minMonthsServed) {
    reasons.push({
      code: 'months_served',
      th: `ปฏิบัติราชการในรอบการประเมิน ${monthsServed} เดือน น้อยกว่าที่กำหนด ${rules.minMonthsServed} เดือน`,
      en: `served ${monthsServed} months of the half-year, fewer than the ${rules.minMonthsServed} required`,
    });
  }
  const occasions = person.leave.sickOccasions + person.leave.personalOccasions;
  if (rules.maxLeaveOccasions !== null && occasions > rules.maxLeaveOccasions) {
    reasons.push({
      code: 'leave_occasions',
      th: `ลาป่วยและลากิจรวม ${occasions} ครั้ง เกินกว่าที่กำหนด ${rules.maxLeaveOccasions} ครั้ง`,
      en: `${occasions} occasions of sick and personal leave, more than the ${rules.maxLeaveOccasions} allowed`,
    });
  }
  const days = person.leave.sickDays + person.leave.personalDays;
  if (rules.maxLeaveDays !== null && days > rules.maxLeaveDays) {
    reasons.push({
      code: 'leave_days',
      th: `ลาป่วยและลากิจรวม ${days} วัน เกินกว่าที่กำหนด ${rules.maxLeaveDays} วัน`,
      en: `${days} days of sick and personal leave, more than the ${rules.maxLeaveDays} allowed`,
    });
  }
  if (rules.maxLateTimes !== null && person.leave.lateTimes > rules.maxLateTimes) {
    reasons.push({
      code: 'late_times',
      th: `มาทำงานสาย ${person.leave.lateTimes} ครั้ง เกินกว่าที่กำหนด ${rules.maxLateTimes} ครั้ง`,
      en: `late ${person.leave.lateTimes} times, more than the ${rules.maxLateTimes} allowed`,
    });
  }
  const heavy = person.penalties.filter((p) => HEAVIER_THAN_REPRIMAND.has(p.kind) && p.on >= period.from && p.on <= period.to);
  if (rules.penaltyBarsRaise && heavy.length > 0) {
    reasons.push({
      code: 'penalty',
      th: `ถูกลงโทษทางวินัยที่หนักกว่าโทษภาคทัณฑ์ในรอบการประเมิน (${heavy.map((p) => formatThaiDate(p.on, 'th')).join(', ')})`,
      en: `a disciplinary penalty heavier than a reprimand in the half-year (${heavy.map((p) => formatThaiDate(p.on, 'en')).join(', ')})`,
    });
  }
  if (rules.suspensionBarsRaise && person.suspended) {
    reasons.push({ code: 'suspended', th: 'อยู่ระหว่างถูกสั่งพักราชการ', en: 'suspended from duty' });
  }
  return { personnelNo: person.personnelNo, eligible: reasons.length === 0, monthsServed, reasons };
}

/**
 * Who signs the person's salary order (Act ม.73 → ม.53): the school director
 * for ครูผู้ช่วย and ครู without วิทยฐานะ in a school (ม.53(4)); the area
 * director otherwise (ม.53(3)).
 */
export function orderAuthorityOf(
  person: Pick<StaffRecord, 'position' | 'academicStanding' | 'schoolId'>,
): 'school_director' | 'area_director' {
  const teacher = person.position === 'ครู' || person.position === 'ครูผู้ช่วย';
  return teacher && person.academicStanding === 'none' && person.schoolId !== null ? 'school_director' : 'area_director';
}

/** School administrators (ผู้บริหารสถานศึกษา): the director and deputy directors of a school. */
const SCHOOL_ADMINISTRATOR = /^(รอง)?ผู้อำนวยการ(สถานศึกษา|โรงเรียน)/;
/** The office's own administrators: deputy area directors and group directors (ผู้อำนวยการกลุ่ม/หน่วย). */
const OFFICE_ADMINISTRATOR = /^(รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา|ผู้อำนวยการกลุ่ม|ผู้อำนวยการหน่วย)/;

export interface AppraiserChoice {
  role: 'school_director' | 'area_director' | 'group_director';
  /** the school whose director appraises; null: an office-wide role */
  schoolId: string | null;
  /** why, for the round's page and the docs */
  basis: { th: string; en: string };
}

/**
 * The person's appraiser: their ผู้บังคับบัญชา by the line of command (Act
 * ม.72; seed-000 step 5). Teachers and staff of a school: the school's
 * director. School directors and deputies: the area director (ผอ.สพท.). The
 * office's deputy area directors and group directors: the area director.
 * Other office staff: their group director. Nobody is their own appraiser:
 * a school's director is never appraised at the school.
 */
export function appraiserOf(person: Pick<StaffRecord, 'position' | 'schoolId'>): AppraiserChoice {
  if (person.schoolId !== null && !SCHOOL_ADMINISTRATOR.test(person.position)) {
    return {
      role: 'school_director',
      schoolId: person.schoolId,
      basis: { th: 'ผู้อำนวยการสถานศึกษาที่สังกัด', en: "the director of the person's school" },
    };
  }
  if (person.schoolId !== null || OFFICE_ADMINISTRATOR.test(person.position)) {
    return {
      role: 'area_director',
      schoolId: null,
      basis: { th: 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา (ผู้บริหาร)', en: 'the area director (for administrators)' },
    };
  }
  return {
    role: 'group_director',
    schoolId: null,
    basis: { th: 'ผู้อำนวยการกลุ่มในสำนักงานเขตพื้นที่การศึกษา', en: 'a group director of the office' },
  };
}
