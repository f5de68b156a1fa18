/**
 * The words of academic standing (วิทยฐานะ): levels, positions, disciplinary
 * penalties and kinds of evidence, each as a stable code with its Thai and
 * English label. Codes are what data and guards use; labels are what people
 * read (Thai first).
 */
import type { Label } from '@esa-flow/engine';

/** The four levels, lowest first (Act ม.42; ว 9/2564). */
export const LEVELS = ['professional', 'senior_professional', 'expert', 'senior_expert'] as const;
export type Level = (typeof LEVELS)[number];

/** A person's level today: one of the four, or none yet (ครู without วิทยฐานะ). */
export const CURRENT_LEVELS = ['none', ...LEVELS] as const;
export type CurrentLevel = (typeof CURRENT_LEVELS)[number];

export const LEVEL_LABELS: Readonly<Record<CurrentLevel, Label>> = Object.freeze({
  none: { th: 'ไม่มีวิทยฐานะ', en: 'No academic standing' },
  professional: { th: 'ชำนาญการ', en: 'Professional' },
  senior_professional: { th: 'ชำนาญการพิเศษ', en: 'Senior professional' },
  expert: { th: 'เชี่ยวชาญ', en: 'Expert' },
  senior_expert: { th: 'เชี่ยวชาญพิเศษ', en: 'Senior expert' },
});

/** The level one may apply for from a current level: always the next one up. */
export function nextLevel(current: CurrentLevel): Level | null {
  const i = CURRENT_LEVELS.indexOf(current);
  return (CURRENT_LEVELS[i + 1] as Level | undefined) ?? null;
}

/**
 * Positions that hold academic standing (seed-004 §3: "ตำแหน่งครู ตำแหน่งผู้บริหารสถานศึกษา
 * ตำแหน่งศึกษานิเทศก์ และตำแหน่งผู้บริหารการศึกษา").
 */
export const POSITIONS = ['teacher', 'deputy_school_director', 'school_director', 'supervisor', 'education_administrator'] as const;
export type Position = (typeof POSITIONS)[number];

/** Full names, and the short prefix the reports put before a level ("ผู้อำนวยการเชี่ยวชาญ"). */
export const POSITION_LABELS: Readonly<Record<Position, Label & { shortTh: string; shortEn: string }>> = Object.freeze({
  teacher: { th: 'ครู', en: 'Teacher', shortTh: 'ครู', shortEn: 'Teacher' },
  deputy_school_director: { th: 'รองผู้อำนวยการสถานศึกษา', en: 'Deputy school director', shortTh: 'รองผู้อำนวยการ', shortEn: 'Deputy director' },
  school_director: { th: 'ผู้อำนวยการสถานศึกษา', en: 'School director', shortTh: 'ผู้อำนวยการ', shortEn: 'Director' },
  supervisor: { th: 'ศึกษานิเทศก์', en: 'Supervisor', shortTh: 'ศึกษานิเทศก์', shortEn: 'Supervisor' },
  education_administrator: {
    th: 'ผู้บริหารการศึกษา',
    en: 'Education administrator',
    shortTh: 'ผู้บริหารการศึกษา',
    shortEn: 'Education administrator',
  },
});

/** "ครูชำนาญการ", "ผู้อำนวยการเชี่ยวชาญ": how the reports name a position at a level. */
export function positionAtLevel(position: Position, level: Level): Label {
  const p = POSITION_LABELS[position];
  return { th: `${p.shortTh}${LEVEL_LABELS[level].th}`, en: `${p.shortEn}, ${LEVEL_LABELS[level].en.toLowerCase()}` };
}

/**
 * Disciplinary penalties, lightest first (Act ม.100: ภาคทัณฑ์, ตัดเงินเดือน,
 * ลดเงินเดือน, ปลดออก, ไล่ออก). The order is what "heavier than ภาคทัณฑ์" compares.
 */
export const PENALTIES = ['probation', 'salary_cut', 'salary_reduction', 'discharge', 'dismissal'] as const;
export type Penalty = (typeof PENALTIES)[number];

export const PENALTY_LABELS: Readonly<Record<Penalty, Label>> = Object.freeze({
  probation: { th: 'ภาคทัณฑ์', en: 'probation' },
  salary_cut: { th: 'ตัดเงินเดือน', en: 'salary cut' },
  salary_reduction: { th: 'ลดเงินเดือน', en: 'salary reduction' },
  discharge: { th: 'ปลดออก', en: 'discharge' },
  dismissal: { th: 'ไล่ออก', en: 'dismissal' },
});

export function penaltyRank(p: Penalty): number {
  return PENALTIES.indexOf(p);
}

/** Evidence an application may carry; which ones a level needs is policy (see policy.ts). */
export const EVIDENCE_KINDS = ['pa_results', 'lesson_plans', 'teaching_video', 'development_certificate', 'academic_work'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const EVIDENCE_LABELS: Readonly<Record<EvidenceKind, Label>> = Object.freeze({
  pa_results: { th: 'ผลการประเมินการพัฒนางานตามข้อตกลง (PA)', en: 'Performance agreement (PA) results' },
  lesson_plans: { th: 'แผนการจัดการเรียนรู้', en: 'Lesson plans' },
  teaching_video: { th: 'คลิปวิดีโอการจัดการเรียนรู้', en: 'Teaching video clips' },
  development_certificate: { th: 'หลักฐานการผ่านการพัฒนาก่อนแต่งตั้ง', en: 'Pre-appointment development certificate' },
  academic_work: { th: 'ผลงานทางวิชาการ', en: 'Academic work' },
});

/** The two aspects an evaluation committee scores (seed-004 §2.1 steps 3–6). */
export const ASPECTS = [1, 2] as const;
export type Aspect = (typeof ASPECTS)[number];
