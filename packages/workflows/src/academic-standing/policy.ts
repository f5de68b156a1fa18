/**
 * The policy parameters of academic-standing evaluation, per level and per
 * effective date, as data. The sources fix almost none of these numbers
 * (research/regulations.md §2.2–2.5: the ว 9/2564 text itself was not found),
 * so every one is a parameter with a default, and `POLICY_NOTES` says where
 * each default comes from. An office (or a new circular) sets its own by
 * adding a `PolicyVersion` with a later `effectiveFrom`; a case keeps the
 * policy it was filed under (it is copied into the case's context).
 */
import { deadlineSpecSchema, localDateSchema, type DeadlineSpecInput, type LocalDate } from '@esa-flow/engine';
import { z } from 'zod';
import { EVIDENCE_KINDS, LEVELS, PENALTIES, type Level } from './vocabulary';

/**
 * How an aspect's scores make a pass. `every_evaluator_at_least` (the
 * default): every evaluator gives at least `minPercent`; `average_at_least`:
 * the mean does; `majority_at_least`: more than half of the evaluators do.
 */
export const PassRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('every_evaluator_at_least'), minPercent: z.number().min(0).max(100) }).strict(),
  z.object({ kind: z.literal('average_at_least'), minPercent: z.number().min(0).max(100) }).strict(),
  z.object({ kind: z.literal('majority_at_least'), minPercent: z.number().min(0).max(100) }).strict(),
]);
export type PassRule = z.infer<typeof PassRule>;

/**
 * Which date an appointment takes effect from. `filing_or_revision_date`
 * (default): the day the complete request was filed, or the day the revised
 * academic work was submitted when it had to be revised; `filing_date`;
 * `approval_date`: the day the approval body approved the results.
 */
export const EFFECTIVE_DATE_RULES = ['filing_or_revision_date', 'filing_date', 'approval_date'] as const;
export type EffectiveDateRule = (typeof EFFECTIVE_DATE_RULES)[number];

/**
 * What ก.ค.ศ. does after a pass. `report`: the area director signs the order
 * (Act ม.53(3)) and the area sends it to ก.ค.ศ. (seed-004 §2.1 step 7);
 * `approval`: ก.ค.ศ. itself must approve before the appointment (ม.53(1),
 * เชี่ยวชาญพิเศษ); `none`: the signed order ends the case.
 */
export const KKS_ROLES = ['none', 'report', 'approval'] as const;
export type KksRole = (typeof KKS_ROLES)[number];

export const LevelPolicy = z
  .object({
    /** continuous years at the current level (or in the position, for a first level); @defaultValue 4 */
    minYearsAtCurrentLevel: z.number().min(0).max(20),
    /** yearly PA cycles (fiscal years) looked back on; @defaultValue 3 */
    paCyclesRequired: z.int().min(0).max(10),
    /** every evaluator's score in each of those cycles, at least (percent); @defaultValue 70 */
    paMinPercentPerEvaluator: z.number().min(0).max(100),
    /** years looked back on for disciplinary penalties; @defaultValue 4 */
    penaltyLookbackYears: z.number().min(0).max(20),
    /** the heaviest penalty that does not bar the request; @defaultValue 'probation' (ภาคทัณฑ์) */
    heaviestAllowedPenalty: z.enum(PENALTIES),
    /** the monthly pre-appointment development must have been passed (seed-002 §3.4) */
    requiresPreAppointmentDevelopment: z.boolean(),
    /** evidence the request must carry */
    requiredEvidence: z.array(z.enum(EVIDENCE_KINDS)).max(EVIDENCE_KINDS.length),
    /** evaluators on each aspect's committee; @defaultValue 3 */
    evaluatorsPerAspect: z.int().min(1).max(9),
    /** how an aspect passes; @defaultValue every evaluator ≥ 70 % */
    passRule: PassRule,
    revision: z
      .object({
        /** an evaluator may send the academic work back for revision */
        allowed: z.boolean(),
        /** how many times; @defaultValue 1 */
        maxRounds: z.int().min(0).max(5),
        /** the teacher's window to submit the revised work */
        window: deadlineSpecSchema,
      })
      .strict(),
    effectiveDateRule: z.enum(EFFECTIVE_DATE_RULES),
    kks: z.enum(KKS_ROLES),
  })
  .strict();
export type LevelPolicy = z.infer<typeof LevelPolicy>;

const SemesterStart = z.object({ month: z.int().min(1).max(12), day: z.int().min(1).max(31) }).strict();

/** One version of the whole policy: every level, from a date on. */
export const PolicyVersion = z
  .object({
    effectiveFrom: localDateSchema,
    /** the circular it follows, e.g. 'ว 9/2564' */
    legalRef: z.string().min(1).max(200),
    levels: z.object(Object.fromEntries(LEVELS.map((l) => [l, LevelPolicy])) as Record<Level, typeof LevelPolicy>).strict(),
    /** the window to file a grievance (ร้องทุกข์) after a decision */
    grievanceWindow: deadlineSpecSchema,
    /** when semesters start: a failed teacher may refile from the next one */
    semesterStarts: z.array(SemesterStart).min(1).max(4),
  })
  .strict();
export type PolicyVersion = z.infer<typeof PolicyVersion>;

/** The policy one case runs under: its level's parameters plus the version-wide ones. */
export const CasePolicy = LevelPolicy.extend({
  level: z.enum(LEVELS),
  effectiveFrom: localDateSchema,
  legalRef: z.string().min(1).max(200),
  grievanceWindow: deadlineSpecSchema,
  semesterStarts: z.array(SemesterStart).min(1).max(4),
}).strict();
export type CasePolicy = z.infer<typeof CasePolicy>;

/**
 * The default revision window (unverified: regulations.md §2.5 "can be sent
 * back for revision once within a fixed period"). The `revision` step of the
 * workflow carries the same spec as its SLA deadline.
 */
export const DEFAULT_REVISION_WINDOW = {
  kind: 'calendar_days',
  days: 90,
  phrase: 'ภายใน 90 วัน นับแต่วันที่ได้รับแจ้งให้ปรับปรุงผลงานทางวิชาการ',
  source: 'esa-flow default (policy parameter); research/regulations.md §2.5 [UNVERIFIED]',
  note: 'Not a verbatim phrase of a source: ว 9/2564 was not found. The window is a policy parameter per level.',
} as const satisfies DeadlineSpecInput;

/**
 * The default grievance window: 30 days from learning of the decision
 * (unverified: regulations.md §3.6, กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์; the Act's
 * verified 30-day windows, ม.121–122, are for disciplinary appeals).
 */
export const DEFAULT_GRIEVANCE_WINDOW = {
  kind: 'calendar_days',
  days: 30,
  phrase: 'ภายใน 30 วัน นับแต่วันที่ทราบผลการพิจารณา',
  source: 'Act ม.123–124; research/regulations.md §3.6 [UNVERIFIED: กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์]',
  note: 'Not a verbatim phrase: the กฎ ก.ค.ศ. text was not found. The window is a policy parameter.',
} as const satisfies DeadlineSpecInput;

const base = {
  minYearsAtCurrentLevel: 4,
  paCyclesRequired: 3,
  paMinPercentPerEvaluator: 70,
  penaltyLookbackYears: 4,
  heaviestAllowedPenalty: 'probation',
  evaluatorsPerAspect: 3,
  passRule: { kind: 'every_evaluator_at_least', minPercent: 70 },
  effectiveDateRule: 'filing_or_revision_date',
} as const;

const noRevision = { allowed: false, maxRounds: 0, window: DEFAULT_REVISION_WINDOW };
const oneRevision = { allowed: true, maxRounds: 1, window: DEFAULT_REVISION_WINDOW };

/**
 * The defaults, effective from 1 Jul 2564 (ว 9/2564 is cited as the current
 * teacher framework; its exact effective date is unverified). Every number is
 * a default an office may replace; see `POLICY_NOTES`.
 */
export const DEFAULT_POLICY: PolicyVersion = PolicyVersion.parse({
  effectiveFrom: '2021-07-01',
  legalRef: 'ว 9/2564',
  levels: {
    professional: {
      ...base,
      requiresPreAppointmentDevelopment: false,
      requiredEvidence: ['pa_results', 'lesson_plans', 'teaching_video'],
      revision: noRevision,
      kks: 'report',
    },
    senior_professional: {
      ...base,
      requiresPreAppointmentDevelopment: true,
      requiredEvidence: ['pa_results', 'lesson_plans', 'teaching_video', 'development_certificate'],
      revision: noRevision,
      kks: 'report',
    },
    expert: {
      ...base,
      requiresPreAppointmentDevelopment: true,
      requiredEvidence: ['pa_results', 'development_certificate', 'academic_work'],
      revision: oneRevision,
      kks: 'report',
    },
    senior_expert: {
      ...base,
      requiresPreAppointmentDevelopment: false,
      requiredEvidence: ['pa_results', 'academic_work'],
      revision: oneRevision,
      kks: 'approval',
    },
  },
  grievanceWindow: DEFAULT_GRIEVANCE_WINDOW,
  semesterStarts: [
    { month: 5, day: 16 },
    { month: 11, day: 1 },
  ],
});

/** Where each default comes from. `[UNVERIFIED]` marks a default no source here confirms. */
export const POLICY_NOTES: Readonly<Record<string, string>> = Object.freeze({
  minYearsAtCurrentLevel:
    '4 — regulations.md §2.2 (secondary source summarising ว 9/2564); shorter periods for higher degrees not found [GAP]',
  paCyclesRequired: '3 — regulations.md §2.2 ("ย้อนหลัง 3 รอบการประเมิน")',
  paMinPercentPerEvaluator: '70 — regulations.md §2.2–2.3 ("ไม่ต่ำกว่าร้อยละ 70" per evaluator)',
  penaltyLookbackYears: '4 — regulations.md §2.2 ("ในช่วงระยะเวลา 4 ปีย้อนหลัง")',
  heaviestAllowedPenalty: 'ภาคทัณฑ์ — regulations.md §2.2 ("ไม่เคยถูกลงโทษทางวินัยที่หนักกว่าโทษภาคทัณฑ์")',
  requiresPreAppointmentDevelopment: 'ชำนาญการพิเศษ and เชี่ยวชาญ — seed-002 §3.4 (the SOP names only these two levels)',
  requiredEvidence:
    'PA results for every level; videos/lesson plans and academic work per level [UNVERIFIED] — seed-004 §2.1 (video clips), regulations.md §2.5',
  evaluatorsPerAspect: '3 — domain.md §2 ("they evaluate (3 evaluators)"); regulations.md §2.5 [UNVERIFIED]',
  passRule: 'every evaluator ≥ 70 % on each aspect — regulations.md §2.3 (the PA pass rule, applied by analogy) [UNVERIFIED per level]',
  revision:
    'allowed once for เชี่ยวชาญ and เชี่ยวชาญพิเศษ (academic work), window 90 days [UNVERIFIED] — regulations.md §2.5; seed-004 §3.2 (a ศน.เชี่ยวชาญ case "อยู่ระหว่างการปรับปรุงผลงานวิชาการ")',
  effectiveDateRule: 'filing date, or the revision date after a revision [UNVERIFIED] — regulations.md §2.5',
  kks: 'report for ชำนาญการ–เชี่ยวชาญ (seed-004 §2.1 step 7; Act ม.53(3)); approval for เชี่ยวชาญพิเศษ (Act ม.53(1))',
  grievanceWindow: '30 days [UNVERIFIED] — Act ม.123–124, regulations.md §3.6',
  semesterStarts: '16 May and 1 Nov (the usual OBEC semester starts) — seed-004 §2.3 "ในภาคเรียนถัดไป"; dates are a parameter',
});

/** The version in force on `date`: the latest whose `effectiveFrom` is not after it. */
export function policyVersionOn(date: LocalDate, versions: readonly PolicyVersion[] = [DEFAULT_POLICY]): PolicyVersion {
  const inForce = versions.filter((v) => v.effectiveFrom <= date).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
  const v = inForce[0];
  if (!v) throw new RangeError(`no academic-standing policy is in force on ${date}`);
  return v;
}

/** The policy a case for `level` filed on `date` runs under. */
export function casePolicyFor(level: Level, date: LocalDate, versions: readonly PolicyVersion[] = [DEFAULT_POLICY]): CasePolicy {
  const v = policyVersionOn(date, versions);
  return {
    ...v.levels[level],
    level,
    effectiveFrom: v.effectiveFrom,
    legalRef: v.legalRef,
    grievanceWindow: v.grievanceWindow,
    semesterStarts: v.semesterStarts,
  };
}
