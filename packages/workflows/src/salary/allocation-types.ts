/**
 * The shapes of a raise allocation (the people in, the raises out), apart from
 * the computation (allocate-raises.ts) and its explanations (explain-raise.ts),
 * which both read them.
 */
import type { AllocationOverride, BandRangesPolicy, PoolGroup } from './band-ranges';
import type { RaisePolicy, RoundParams, TierCode } from './round-params';

export interface AllocationPerson {
  /** personnel number: the key of the person in the round */
  key: string;
  schoolId: string | null;
  /** the screened appraisal score, 0–100 with two decimals; null: not appraised */
  score: number | null;
  salarySatang: number;
  /** ฐานในการคำนวณ */
  baseSatang: number;
  maxSalarySatang: number | null;
  serviceStartedOn: string | null;
  /** the position (band_ranges: it decides the person's pool group) */
  position?: string;
}

export type AllocationParams = Pick<RoundParams, 'tiers' | 'noRaiseBelow' | 'rounding'> & {
  /** versions 1–2: percentage pool or quota; version 3: band ranges or quota */
  policy: RaisePolicy | BandRangesPolicy;
  /** shown in the explanations, when known */
  explainDates?: { baseDateOn: string; effectiveOn: string };
  /** band_ranges: the committee's decisions per person (a % within the band's range, with the reason) */
  overrides?: readonly AllocationOverride[];
  /** band_ranges: the names of schools, for the names of pools split per school */
  schoolNames?: ReadonlyMap<string, string>;
};

export type NotRaisedCode = 'not_appraised' | 'below_minimum_tier' | 'zero_weight' | 'salary_at_ceiling' | 'pool_too_small';

export interface PersonRaise {
  key: string;
  schoolId: string | null;
  score: number | null;
  tier: TierCode | null;
  raised: boolean;
  pctBp: number;
  amountSatang: number;
  newSalarySatang: number;
  /** what limited the raise, if anything */
  limitedBy: 'cap' | 'salary_ceiling' | null;
  /** quota policy: holds one of the school's quota places */
  quotaPlace: boolean;
  notRaised: NotRaisedCode | null;
  explanation: { th: string[]; en: string[] };
  /** band_ranges: the person's pool, band range, the computed suggestion and the committee's decision if any */
  pool?: string;
  rangeBp?: { minBp: number; maxBp: number } | null;
  suggestedBp?: number;
  override?: { pctBp: number; reason: string } | null;
}

export interface SchoolQuota {
  schoolId: string | null;
  staff: number;
  places: number;
}

/** band_ranges: one pool of the budget (a group, or a group of one school, or the whole office) */
export interface PoolUse {
  key: string;
  group: PoolGroup | null;
  schoolId: string | null;
  label: { th: string; en: string };
  people: number;
  salaryTotalSatang: number;
  budgetSatang: number;
  usedSatang: number;
  /** negative when the pool is exceeded */
  leftSatang: number;
  /** the pool's rate (millionths of a % for a perfect score at weight 1.000) */
  rateMicroPct: number;
}

/** A reason the committee's ranges or decisions cannot stand (the host refuses them, naming it). */
export type AllocationProblem =
  | {
      kind: 'pool_exceeded';
      pool: string;
      label: { th: string; en: string };
      budgetSatang: number;
      usedSatang: number;
      overBySatang: number;
    }
  | { kind: 'override_unknown_person'; personnelNo: string }
  | { kind: 'override_not_raisable'; personnelNo: string }
  | { kind: 'override_out_of_range'; personnelNo: string; pctBp: number; minBp: number; maxBp: number };

export interface Allocation {
  policy: RaisePolicy['kind'] | 'band_ranges';
  people: PersonRaise[];
  eligibleSalaryTotalSatang: number;
  poolSatang: number;
  allocatedSatang: number;
  unusedSatang: number;
  raisedCount: number;
  /** percentage pool: the round's rate in millionths of a per cent (for a perfect score at weight 1.000) */
  rateMicroPct: number | null;
  /** headcount quota: the common factor applied to fit the pool, in 1/10,000 (10,000 = none) */
  quotaScale: number | null;
  quotas: SchoolQuota[];
  /** sha256 over (key, %, amount) of every person and the pool: what committees approve */
  digest: string;
  /** band_ranges: each pool's budget and use */
  pools?: PoolUse[];
  /** band_ranges: what is wrong (empty: within every pool, every decision within its range) */
  problems?: AllocationProblem[];
}
