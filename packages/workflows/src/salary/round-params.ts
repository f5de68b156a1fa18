/**
 * The policy parameters of one salary raise round (รอบการเลื่อนเงินเดือน), as
 * data: the round's input, validated here, kept in the round's context and in
 * its `@start` history row. Every number the sources do not fix is a
 * parameter with a default, and `PARAMETER_NOTES` says where each default
 * comes from — most are marked *unverified* (research/regulations.md §3.7)
 * and an office sets its own per round.
 */
import { z } from 'zod';
import { localDateSchema } from '@esa-flow/engine';

/** Basis points: 1 bp = 0.01 %, so 300 = 3.00 %. Integers only, so sums are exact. */
const bp = (max: number) => z.int().min(0).max(max);

export const TIER_CODES = ['outstanding', 'very_good', 'good', 'fair', 'needs_improvement'] as const;
export type TierCode = (typeof TIER_CODES)[number];

/**
 * One band of the appraisal scale. `minScore` is the lowest score of the band
 * (a band reaches up to the next band's `minScore`); `weight` (thousandths)
 * scales the raise of the band in the percentage-pool policy.
 */
export const TierBand = z
  .object({
    code: z.enum(TIER_CODES),
    th: z.string().min(1),
    en: z.string().min(1),
    minScore: z.number().min(0).max(100),
    weight: z.int().min(0).max(1000),
  })
  .strict();
export type TierBand = z.infer<typeof TierBand>;

/** ดีเด่น 90–100, ดีมาก 80–89, ดี 70–79, พอใช้ 60–69, ต้องปรับปรุง < 60 (unverified; regulations.md §3.7). */
export const DEFAULT_TIERS: readonly TierBand[] = [
  { code: 'outstanding', th: 'ดีเด่น', en: 'Outstanding', minScore: 90, weight: 1000 },
  { code: 'very_good', th: 'ดีมาก', en: 'Very good', minScore: 80, weight: 850 },
  { code: 'good', th: 'ดี', en: 'Good', minScore: 70, weight: 700 },
  { code: 'fair', th: 'พอใช้', en: 'Fair', minScore: 60, weight: 500 },
  { code: 'needs_improvement', th: 'ต้องปรับปรุง', en: 'Needs improvement', minScore: 0, weight: 0 },
];

const Tiers = z
  .array(TierBand)
  .min(2)
  .max(10)
  .superRefine((tiers, ctx) => {
    const sorted = [...tiers].sort((a, b) => b.minScore - a.minScore);
    if (sorted.at(-1)?.minScore !== 0) ctx.addIssue({ code: 'custom', message: 'the lowest band must start at 0' });
    if (new Set(tiers.map((t) => t.code)).size !== tiers.length) ctx.addIssue({ code: 'custom', message: 'tier codes must be unique' });
    if (new Set(tiers.map((t) => t.minScore)).size !== tiers.length)
      ctx.addIssue({ code: 'custom', message: 'bands may not start at the same score' });
    for (let i = 1; i < sorted.length; i++) {
      // a higher band never weighs less: that is what keeps "a higher score never gets a lower %"
      if (sorted[i]!.weight > sorted[i - 1]!.weight)
        ctx.addIssue({ code: 'custom', message: `band ${sorted[i]!.code} weighs more than the band above it` });
    }
  });

const Rounding = z
  .object({
    /** round each raise to a multiple of this many satang; 1000 = ten baht */
    unitSatang: z.int().min(1).max(100_000).default(1000),
    mode: z.enum(['up', 'down', 'nearest']).default('up'),
  })
  .strict();

/** วงเงินร้อยละ: a pool of `poolBp` of the eligible salary total, split by score and tier, each raise at most `capBp` of the person's base. */
export const PercentagePoolPolicy = z
  .object({
    kind: z.literal('percentage_pool'),
    poolBp: bp(10_000).default(300),
    capBp: bp(10_000).default(600),
  })
  .strict();

/**
 * โควตา (seed 001): a share of the staff of each school gets the higher raise,
 * the rest who pass get the standard one; still within a money pool.
 */
export const HeadcountQuotaPolicy = z
  .object({
    kind: z.literal('headcount_quota'),
    poolBp: bp(10_000).default(300),
    capBp: bp(10_000).default(600),
    quotaShareBp: bp(10_000).default(1500),
    /** how a school's share becomes whole people: per school (floor/round/ceil), or pooled over the office by largest remainder */
    quotaRounding: z.enum(['floor', 'round', 'ceil', 'pooled']).default('pooled'),
    quotaRaiseBp: bp(10_000).default(500),
    standardRaiseBp: bp(10_000).default(250),
    /** the lowest tier that may hold a quota place */
    quotaMinTier: z.enum(TIER_CODES).default('very_good'),
    /** equal scores inside a school: longer service first, then personnel number */
    tieBreak: z.enum(['longer_service_first', 'personnel_number']).default('longer_service_first'),
  })
  .strict()
  .refine((p) => p.quotaRaiseBp >= p.standardRaiseBp, {
    message: 'the quota raise may not be below the standard raise',
    path: ['quotaRaiseBp'],
  })
  .refine((p) => p.quotaRaiseBp <= p.capBp, { message: 'the quota raise may not exceed the cap', path: ['quotaRaiseBp'] });

export const RaisePolicy = z.discriminatedUnion('kind', [PercentagePoolPolicy, HeadcountQuotaPolicy]);
export type RaisePolicy = z.infer<typeof RaisePolicy>;

export const EligibilityRules = z
  .object({
    /** months served in the evaluation half-year */
    minMonthsServed: z.int().min(0).max(6).default(4),
    /** sick + personal leave occasions in the half-year (other leave kinds do not count) */
    maxLeaveOccasions: z.int().min(0).max(200).nullable().default(10),
    /** sick + personal leave days in the half-year */
    maxLeaveDays: z.number().min(0).max(183).nullable().default(23),
    /** late arrivals in the half-year; null: not checked */
    maxLateTimes: z.int().min(0).max(200).nullable().default(null),
    /** a penalty heavier than ภาคทัณฑ์ in the half-year disqualifies */
    penaltyBarsRaise: z.boolean().default(true),
    /** a person suspended from duty (ถูกสั่งพักราชการ) is not considered */
    suspensionBarsRaise: z.boolean().default(true),
  })
  .strict();
export type EligibilityRules = z.infer<typeof EligibilityRules>;

/** Target dates of the round's phases; each defaults to the end of the evaluation period plus some days (unverified). */
export const RoundSchedule = z
  .object({
    appraisalDueOn: localDateSchema.optional(),
    screeningDueOn: localDateSchema.optional(),
    budgetDueOn: localDateSchema.optional(),
    approvalDueOn: localDateSchema.optional(),
    ordersDueOn: localDateSchema.optional(),
  })
  .strict();

export const SCHEDULE_DEFAULT_OFFSET_DAYS = {
  appraisalDueOn: 15,
  screeningDueOn: 30,
  budgetDueOn: 45,
  approvalDueOn: 60,
  ordersDueOn: 75,
} as const;

export const RoundParams = z
  .object({
    /** the fiscal year in พ.ศ. (FY2568 = 1 Oct 2024 – 30 Sep 2025) */
    fiscalYearBe: z.int().min(2560).max(2700),
    /** 1: evaluates 1 Oct – 31 Mar, raise on 1 April; 2: evaluates 1 Apr – 30 Sep, raise on 1 October */
    round: z.union([z.literal(1), z.literal(2)]),
    /** overrides of the dates derived from the fiscal year and round */
    dates: z
      .object({
        evaluationFrom: localDateSchema.optional(),
        evaluationTo: localDateSchema.optional(),
        effectiveOn: localDateSchema.optional(),
        baseDateOn: localDateSchema.optional(),
      })
      .strict()
      .default({}),
    eligibility: EligibilityRules.default(EligibilityRules.parse({})),
    tiers: Tiers.default([...DEFAULT_TIERS]),
    /** nobody in a tier below this one is raised */
    noRaiseBelow: z.enum(TIER_CODES).default('fair'),
    policy: RaisePolicy.default({ kind: 'percentage_pool', poolBp: 300, capBp: 600 }),
    rounding: Rounding.default({ unitSatang: 1000, mode: 'up' }),
    schedule: RoundSchedule.default({}),
    /** days (calendar, ม.193/3 and 193/8) from the individual notice in which a grievance may be filed */
    grievanceWindowDays: z.int().min(1).max(365).default(30),
    /** the tiers whose names are published for everyone (seed-000 rule 3.5) */
    publishTiers: z.array(z.enum(TIER_CODES)).default(['outstanding', 'very_good']),
    /** whether the public lists also show each person's % (seed-000 step 10 says so; rule 3.5 tells each person individually) */
    publicListShowsPercent: z.boolean().default(false),
  })
  .strict()
  .superRefine((p, ctx) => {
    const codes = new Set(p.tiers.map((t) => t.code));
    if (!codes.has(p.noRaiseBelow)) ctx.addIssue({ code: 'custom', path: ['noRaiseBelow'], message: 'not one of the tiers' });
    if (p.policy.kind === 'headcount_quota' && !codes.has(p.policy.quotaMinTier)) {
      ctx.addIssue({ code: 'custom', path: ['policy', 'quotaMinTier'], message: 'not one of the tiers' });
    }
    for (const code of p.publishTiers)
      if (!codes.has(code)) ctx.addIssue({ code: 'custom', path: ['publishTiers'], message: `${code} is not one of the tiers` });
  });
export type RoundParams = z.infer<typeof RoundParams>;
export type RoundParamsInput = z.input<typeof RoundParams>;

/** The dates a round runs on: derived from the fiscal year and round, unless overridden. */
export interface RoundDates {
  evaluationFrom: string;
  evaluationTo: string;
  effectiveOn: string;
  /** the salaries of this day make the pool (1 March / 1 September) */
  baseDateOn: string;
  appraisalDueOn: string;
  screeningDueOn: string;
  budgetDueOn: string;
  approvalDueOn: string;
  ordersDueOn: string;
}

export function roundDates(p: Pick<RoundParams, 'fiscalYearBe' | 'round' | 'dates' | 'schedule'>): RoundDates {
  const ce = p.fiscalYearBe - 543;
  const derived =
    p.round === 1
      ? { evaluationFrom: `${ce - 1}-10-01`, evaluationTo: `${ce}-03-31`, effectiveOn: `${ce}-04-01`, baseDateOn: `${ce}-03-01` }
      : { evaluationFrom: `${ce}-04-01`, evaluationTo: `${ce}-09-30`, effectiveOn: `${ce}-10-01`, baseDateOn: `${ce}-09-01` };
  const d = { ...derived, ...definedOnly(p.dates) };
  const after = (days: number) => addDays(d.evaluationTo, days);
  const s = SCHEDULE_DEFAULT_OFFSET_DAYS;
  return {
    ...d,
    appraisalDueOn: p.schedule.appraisalDueOn ?? after(s.appraisalDueOn),
    screeningDueOn: p.schedule.screeningDueOn ?? after(s.screeningDueOn),
    budgetDueOn: p.schedule.budgetDueOn ?? after(s.budgetDueOn),
    approvalDueOn: p.schedule.approvalDueOn ?? after(s.approvalDueOn),
    ordersDueOn: p.schedule.ordersDueOn ?? after(s.ordersDueOn),
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `YYYY-MM-DD` plus n calendar days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Where each default comes from: shown in docs/workflows/salary-round.md. */
export const PARAMETER_NOTES: readonly {
  path: string;
  default: string;
  status: 'seed' | 'issue default' | 'unverified';
  source: string;
}[] = [
  {
    path: 'round / dates',
    default: 'round 1: 1 Oct – 31 Mar → 1 Apr; round 2: 1 Apr – 30 Sep → 1 Oct',
    status: 'seed',
    source: 'seed-000 §2.1 (its "๓๐ มีนาคม" read as 31 March, regulations.md §3.2)',
  },
  { path: 'dates.baseDateOn', default: '1 March / 1 September', status: 'unverified', source: 'regulations.md §3.7' },
  { path: 'policy.poolBp', default: '300 (3 %)', status: 'unverified', source: 'regulations.md §3.7' },
  { path: 'policy.capBp', default: '600 (6 % of the calculation base)', status: 'unverified', source: 'regulations.md §3.7' },
  { path: 'tiers', default: 'ดีเด่น 90, ดีมาก 80, ดี 70, พอใช้ 60, ต้องปรับปรุง 0', status: 'unverified', source: 'regulations.md §3.7' },
  {
    path: 'tiers[].weight',
    default: '1000 / 850 / 700 / 500 / 0',
    status: 'unverified',
    source: 'this module: how much a band weighs in the pool split',
  },
  { path: 'noRaiseBelow', default: 'fair (พอใช้)', status: 'issue default', source: 'issue 8' },
  {
    path: 'policy (headcount_quota).quotaShareBp',
    default: '1500 (15 % of the staff of each school)',
    status: 'seed',
    source: 'seed-001 §2.1 "ร้อยละ ๑๕ ของจำนวนข้าราชการครู"',
  },
  {
    path: 'policy (headcount_quota).quotaRounding',
    default: 'pooled (largest remainder over the office)',
    status: 'unverified',
    source: 'seed-001 gives no rounding rule (§7 item 1)',
  },
  {
    path: 'policy (headcount_quota).quotaRaiseBp / standardRaiseBp',
    default: '500 / 250',
    status: 'unverified',
    source: 'none: the seed gives a head count, not amounts',
  },
  { path: 'policy (headcount_quota).quotaMinTier', default: 'very_good (ดีมาก)', status: 'unverified', source: 'none' },
  { path: 'rounding', default: 'up to ten baht', status: 'unverified', source: 'practice of the percentage system; not in the seeds' },
  { path: 'eligibility.minMonthsServed', default: '4', status: 'unverified', source: 'regulations.md §3.7' },
  {
    path: 'eligibility.maxLeaveOccasions / maxLeaveDays',
    default: '10 occasions / 23 days (sick + personal)',
    status: 'unverified',
    source: 'regulations.md §3.4, §3.7 (civil-service practice)',
  },
  {
    path: 'eligibility.penaltyBarsRaise',
    default: 'true: a penalty heavier than ภาคทัณฑ์',
    status: 'unverified',
    source: 'regulations.md §3.4 (secondary source)',
  },
  {
    path: 'schedule.*',
    default: 'end of evaluation + 15 / 30 / 45 / 60 / 75 days',
    status: 'unverified',
    source: 'seed-000 gives no dates: "ภายในระยะเวลาที่กำหนดไว้อย่างแน่นอน"',
  },
  {
    path: 'grievanceWindowDays',
    default: '30',
    status: 'unverified',
    source: 'issue 8; regulations.md §3.6 (กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์, not seen)',
  },
  { path: 'publishTiers', default: 'ดีเด่น, ดีมาก', status: 'seed', source: 'seed-000 rule 3.5' },
  {
    path: 'policy (band_ranges, version 3).ranges',
    default: 'ดีเด่น 2.00–6.00, ดีมาก 1.50–4.00, ดี 1.00–3.00, พอใช้ 0.50–2.00 (%)',
    status: 'unverified',
    source: 'none: the budget committee sets them each round (issue 22)',
  },
  {
    path: 'policy (band_ranges, version 3).pooling / bySchool',
    default: 'a pool per group (ข้าราชการครู; ผู้บริหารสถานศึกษา; 38 ค.(2); ศึกษานิเทศก์และผู้บริหารการศึกษา), none split per school',
    status: 'issue default',
    source: 'issue 22; seed-003 §2.7 (committees per group)',
  },
];
