/**
 * The policy parameters of one teacher transfer round (รอบการย้ายข้าราชการครู),
 * as data: the round case's input, validated here, kept in the round's
 * context and copied into every request filed in the round. Phase dates
 * change every round (an officer sets them when opening it); every number the
 * sources do not fix is a parameter with a default, and `PARAMETER_NOTES`
 * says where each default comes from. Nothing here is a constant in a guard.
 */
import { bangkokInstant, localDateSchema } from '@esa-flow/engine';
import { z } from 'zod';
import { DEFAULT_SCORING_TABLE, SCHOOL_ADMINISTRATOR_SCORING_TABLE, ScoringTable, ScoringTableV2 } from './scoring-table';

/**
 * A moment of the round's calendar: a Bangkok date and time with the phrase
 * and the source it was read from (e.g. 6 ก.พ. 2568 เวลา 15.00 น., from the
 * ก.ค.ศ. notice of round 1/2568). It is a `fixed` deadline: exactly then, not
 * moved for holidays, because an authority chose it.
 */
export const PhaseMoment = z
  .object({
    date: localDateSchema,
    /** HH:MM, 24-hour; @defaultValue '16:30' (close of office hours) */
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (24-hour)')
      .default('16:30'),
    /** the calendar's own words, verbatim */
    phrase: z.string().trim().min(1),
    /** where the date comes from (the round's published calendar, a notice) */
    source: z.string().trim().min(1),
  })
  .strict();
export type PhaseMoment = z.infer<typeof PhaseMoment>;

/** The instant of a phase moment. */
export function phaseInstant(m: Pick<PhaseMoment, 'date' | 'time'>): Date {
  return bangkokInstant(m.date, m.time);
}

/** The phase moments as a `fixed` DeadlineSpec (what the engine's calendar understands). */
export function phaseSpec(m: PhaseMoment): { kind: 'fixed'; date: string; time: string; phrase: string; source: string } {
  return { kind: 'fixed', date: m.date, time: m.time, phrase: m.phrase, source: m.source };
}

/**
 * The dated phases of a round, in order (regulations.md §1.2, §1.5; round
 * 2/2568: vacancies 1–15 Jul, requests 16–31 Jul, round closes 31 Oct).
 * Each `…Until` is the end of its phase.
 */
export const RoundPhases = z
  .object({
    /** the area records its vacancies (ตำแหน่งว่าง) until then */
    vacanciesUntil: PhaseMoment,
    /** teachers file from then … */
    requestsFrom: PhaseMoment,
    /** … until then: the last day of the request window; months at the current school are counted to this day */
    requestsUntil: PhaseMoment,
    /** school directors certify or return requests until then */
    schoolReviewUntil: PhaseMoment,
    /** a request returned for correction must be fixed by then, or it lapses at that moment (round 1/2568: 6 ก.พ. 2568 15.00 น.) */
    correctionUntil: PhaseMoment,
    /** working groups T1–T3 check, score and verify until then */
    scoringUntil: PhaseMoment,
    /** the screening committee reviews the proposed matching until then */
    screeningUntil: PhaseMoment,
    /** อ.ก.ค.ศ. เขต decides until then */
    approvalUntil: PhaseMoment,
    /** orders are signed and the round closes then */
    ordersUntil: PhaseMoment,
  })
  .strict()
  .superRefine((p, ctx) => {
    const order: (keyof typeof p)[][] = [
      ['vacanciesUntil', 'requestsFrom'],
      ['requestsFrom', 'requestsUntil'],
      ['requestsUntil', 'schoolReviewUntil'],
      ['requestsUntil', 'correctionUntil'],
      ['schoolReviewUntil', 'scoringUntil'],
      ['correctionUntil', 'scoringUntil'],
      ['scoringUntil', 'screeningUntil'],
      ['screeningUntil', 'approvalUntil'],
      ['approvalUntil', 'ordersUntil'],
    ];
    for (const [a, b] of order) {
      if (phaseInstant(p[a!]).getTime() > phaseInstant(p[b!]).getTime()) {
        ctx.addIssue({ code: 'custom', path: [b!], message: `${b} must not be before ${a}` });
      }
    }
  });
export type RoundPhases = z.infer<typeof RoundPhases>;

/** How ties in the total score are broken, in order; the case id is always the last resort. */
export const TIE_BREAKS = ['longer_service_at_current_school', 'earlier_filing', 'longer_total_service', 'higher_pa_score'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

/** The round's parameters: what an officer sets when opening a round. */
export const TransferRoundParams = z
  .object({
    /** ครั้งที่ (1 or 2 a year) */
    roundNo: z.int().min(1).max(4),
    /** the Buddhist-era year of the round, e.g. 2568 */
    yearBe: z.int().min(2560).max(2700),
    /** the ก.ค.ศ. rules the round runs under; @defaultValue see PARAMETER_NOTES.legalRef */
    legalRef: z.string().min(1).default('ก.ค.ศ. ว 24/2567 (แนวปฏิบัติการย้ายผ่านระบบ TRS) — unverified'),
    phases: RoundPhases,
    /** at most this many preferred schools per request; @defaultValue 5 (configurable: the number is unknown) */
    maxPreferences: z.int().min(1).max(20).default(5),
    /** months at the current school, counted to the last day of the request window; @defaultValue 24 */
    minMonthsAtCurrentSchool: z.int().min(0).max(240).default(24),
    /** the spouse reason needs a marriage registered at least this many years; @defaultValue 1 */
    spouseMarriageMinYears: z.int().min(0).max(20).default(1),
    /** calendar days after the decision within which a teacher not moved may file a grievance; @defaultValue 30 */
    grievanceWindowDays: z.int().min(1).max(365).default(30),
    /** ties in the total score; @defaultValue ['longer_service_at_current_school', 'earlier_filing'] */
    tieBreak: z
      .array(z.enum(TIE_BREAKS))
      .max(TIE_BREAKS.length)
      .refine((t) => new Set(t).size === t.length, 'each tie-break at most once')
      .default(['longer_service_at_current_school', 'earlier_filing']),
    /** special-reason requests are ranked before normal ones for a vacancy; @defaultValue true (configurable, unverified) */
    specialRequestsFirst: z.boolean().default(true),
    /** the scoring table of the round's year (versioned data; see scoring-table.ts) */
    scoringTable: ScoringTable.default(DEFAULT_SCORING_TABLE),
  })
  .strict();
export type TransferRoundParams = z.infer<typeof TransferRoundParams>;
export type TransferRoundParamsInput = z.input<typeof TransferRoundParams>;

/** What happens to a request the school never certified by `schoolReviewUntil`. */
export const NOT_CERTIFIED_OUTCOMES = ['lapse', 'forward'] as const;

/**
 * The parameters of `transfer-round@3` (and of the requests of
 * `transfer-request@4`): those above, plus what happens to a request the
 * school never certified by `schoolReviewUntil` — `lapse` (it ends as not
 * moved; the teacher is told and may file a grievance) or `forward` (it goes
 * on to the working group marked as not certified; the teacher is told).
 */
export const TransferRoundParamsV3 = TransferRoundParams.extend({
  /** @defaultValue 'lapse' (TRS: a request the director has not certified is not sent on; the rule is not written down) */
  notCertified: z.enum(NOT_CERTIFIED_OUTCOMES).default('lapse'),
}).strict();
export type TransferRoundParamsV3 = z.infer<typeof TransferRoundParamsV3>;

/** Who a round is for: teachers (ครู / ครูผู้ช่วย) or school administrators (ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา, seed-003 §2.2). */
export const ROUND_APPLICANTS = ['teachers', 'school_administrators'] as const;
export type RoundApplicants = (typeof ROUND_APPLICANTS)[number];

/** The default scoring table of a round for its applicants. */
export function defaultScoringTableFor(applicants: RoundApplicants): ScoringTable {
  return applicants === 'school_administrators' ? SCHOOL_ADMINISTRATOR_SCORING_TABLE : DEFAULT_SCORING_TABLE;
}

/**
 * The parameters of `transfer-round@5` (and of the requests of
 * `transfer-request@8`): those of version 3, plus who the round is for
 * (`applicants`, default `teachers`: a round opened without it is the
 * teachers' round it always was). A round of school administrators
 * (seed-003 §2.2) takes requests of directors and deputy directors only,
 * for administrator posts, and is scored by its own table
 * (`obec_school_administrator`) unless the officer gives another.
 */
const ParamsV4Shape = TransferRoundParamsV3.extend({
  /** @defaultValue 'teachers' */
  applicants: z.enum(ROUND_APPLICANTS).default('teachers'),
  /** @defaultValue the table of the round's applicants (`obec_teacher_normal` or `obec_school_administrator`) */
  scoringTable: ScoringTableV2.optional(),
});
const withDefaultTable = <P extends { applicants: RoundApplicants; scoringTable?: ScoringTable | undefined }>(p: P): P => ({
  ...p,
  scoringTable: p.scoringTable ?? defaultScoringTableFor(p.applicants),
});
const ParamsV4Schema = ParamsV4Shape.strict().overwrite(withDefaultTable);
/** The parsed parameters: the scoring table always there (the one given, or the applicants' default). */
export type TransferRoundParamsV4 = Omit<z.output<typeof ParamsV4Schema>, 'scoringTable'> & { scoringTable: ScoringTable };
export type TransferRoundParamsV4Input = z.input<typeof ParamsV4Schema>;
export const TransferRoundParamsV4 = ParamsV4Schema as unknown as z.ZodType<TransferRoundParamsV4, TransferRoundParamsV4Input>;

/**
 * Who checks and certifies one request (the applicant's ผู้บังคับบัญชา), set
 * when it is filed: the director of the teacher's school, or the area
 * director (ผอ.สพท.) for a school administrator, whose own school's director
 * is themselves (the engine's assigned steps, docs/access.md).
 */
export const RequestReviewer = z
  .object({ role: z.enum(['school_director', 'area_director']), schoolId: z.uuid().nullable() })
  .strict()
  .refine((r) => (r.role === 'school_director') === (r.schoolId !== null), {
    message: 'a school director reviews for one school, the area director for the office',
  });
export type RequestReviewer = z.infer<typeof RequestReviewer>;

/** The parameters a `transfer-request@8` keeps: the round's (version 5), and who reviews the request. */
const RequestParamsV8Schema = ParamsV4Shape.extend({ reviewer: RequestReviewer }).strict().overwrite(withDefaultTable);
export type RequestParamsV8 = TransferRoundParamsV4 & { reviewer: RequestReviewer };
export const RequestParamsV8 = RequestParamsV8Schema as unknown as z.ZodType<RequestParamsV8, z.input<typeof RequestParamsV8Schema>>;

/** Who reviews a request of a round: the area director for a school administrator, else the director of the applicant's school. */
export function reviewerFor(applicants: RoundApplicants, schoolId: string): RequestReviewer {
  return applicants === 'school_administrators' ? { role: 'area_director', schoolId: null } : { role: 'school_director', schoolId };
}

/** The round's applicants; a round opened before version 5 is a teachers' round. */
export function roundApplicants(p: { readonly phases: unknown; readonly applicants?: RoundApplicants }): RoundApplicants {
  return p.applicants ?? 'teachers';
}

/** Where each default comes from; shown in docs/workflows/transfer.md. */
export const PARAMETER_NOTES: Readonly<Record<string, { default: string; status: 'statute' | 'secondary' | 'gap'; source: string }>> = {
  phases: {
    default: 'none: set per round',
    status: 'secondary',
    source: 'regulations.md §1.2 (TRS calendar 2/2568: 1–15 Jul vacancies, 16–31 Jul requests, closes 31 Oct)',
  },
  correctionUntil: {
    default: 'none: set per round',
    status: 'secondary',
    source: 'regulations.md §1.2 (1/2568: return after 31 Jan, fix by 6 Feb 2568 15.00 น.)',
  },
  maxPreferences: { default: '5', status: 'gap', source: 'regulations.md §1.4 "Number of preferred destination schools: [GAP]"' },
  minMonthsAtCurrentSchool: {
    default: '24',
    status: 'secondary',
    source: 'regulations.md §1.3 (kruchiangrai 2025-01-16; counting cut-off [GAP]: last day of the request window)',
  },
  spouseMarriageMinYears: { default: '1', status: 'secondary', source: 'regulations.md §1.3 (low-medium confidence)' },
  grievanceWindowDays: { default: '30', status: 'gap', source: 'regulations.md §3.6 (ม.123; window in กฎ ก.ค.ศ., 30 days unverified)' },
  tieBreak: {
    default: 'longer service at the current school, then earlier filing',
    status: 'gap',
    source: 'regulations.md §1.4 "Tie-break rules: [GAP]"; domain.md §1',
  },
  specialRequestsFirst: { default: 'true', status: 'gap', source: 'regulations.md §1.3 (ย้ายกรณีพิเศษ exists; its priority is not stated)' },
  notCertified: {
    default: 'lapse (round 3 and later)',
    status: 'gap',
    source: 'regulations.md §1.5 step 2 (the director certifies in TRS; what happens to a request never certified is not stated)',
  },
  legalRef: { default: 'ว 24/2567 (unverified)', status: 'secondary', source: 'regulations.md §1.1' },
  scoringTable: {
    default: 'OBEC 2567 components, points configurable',
    status: 'gap',
    source: 'regulations.md §1.4 (weights [GAP]); seed-003 §2.1 T1–T3',
  },
  applicants: {
    default: 'teachers (round 5 and later; a school administrators’ round is scored by obec_school_administrator, points configurable)',
    status: 'gap',
    source: 'seed-003 §2.2 A1–A5 (components and committees named; points, levels and rules not given)',
  },
};

/** "1/2568". */
export function roundLabel(p: Pick<TransferRoundParams, 'roundNo' | 'yearBe'>): string {
  return `${p.roundNo}/${p.yearBe}`;
}
