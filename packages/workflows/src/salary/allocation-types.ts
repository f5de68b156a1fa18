/**
 * The shapes of a raise allocation (the people in, the raises out), apart from
 * the computation (allocate-raises.ts) and its explanations (explain-raise.ts),
 * which both read them.
 */
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
}

export type AllocationParams = Pick<RoundParams, 'tiers' | 'noRaiseBelow' | 'policy' | 'rounding'> & {
  /** shown in the explanations, when known */
  explainDates?: { baseDateOn: string; effectiveOn: string };
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
}

export interface SchoolQuota {
  schoolId: string | null;
  staff: number;
  places: number;
}

export interface Allocation {
  policy: RaisePolicy['kind'];
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
}
