/**
 * Splitting a round's budget into raises (การจัดสรรวงเงินเลื่อนเงินเดือน). Pure
 * and deterministic: integers only (satang, basis points), the same people
 * and parameters always give the same raises and the same digest, whatever
 * order the people come in.
 *
 * Percentage pool (`percentage_pool`): pool = poolBp of the eligible salary
 * total. Each person's "weight" g = band weight × score. The round uses ONE
 * rate r (% for a perfect score at weight 1.000) for everybody:
 * pct = min(cap, floor₀.₀₁(r × weight × score / 100)); r is the largest rate
 * (in steps of 0.000001 %) whose rounded raises still fit the pool. Since g
 * never falls as the score rises, a higher score never gets a lower %; nobody
 * in a band below `noRaiseBelow` is raised; equal scores get equal %, so no
 * tie-break is needed.
 *
 * Headcount quota (`headcount_quota`, seed 001): each school gets
 * quotaShare × its staff as quota places (rounded per `quotaRounding`); the
 * best-scored in the school who reach `quotaMinTier` take them (ties:
 * `tieBreak`) at quotaRaiseBp, the others who pass get standardRaiseBp. If
 * that would exceed the pool, both rates shrink by one common factor.
 */
import { createHash } from 'node:crypto';
import { divFloor, percentOf } from './money';
import type { TierBand } from './round-params';
import type { Allocation, AllocationParams, AllocationPerson, NotRaisedCode, PersonRaise, SchoolQuota } from './allocation-types';
import { tierOf, tierRank } from './tiers';
import { explainNotRaised, explainPercentage, explainQuota, type ExplainFacts } from './explain-raise';
import { allocateByBands } from './allocate-pools';

export type {
  Allocation,
  AllocationParams,
  AllocationPerson,
  AllocationProblem,
  NotRaisedCode,
  PersonRaise,
  PoolUse,
  SchoolQuota,
} from './allocation-types';
export { allocateByBands, poolOf } from './allocate-pools';

interface Prepared {
  person: AllocationPerson;
  band: TierBand | null;
  raisable: boolean;
  /** band weight (thousandths) × score (hundredths): at most 10^7 */
  g: number;
}

export function allocateRaises(people: readonly AllocationPerson[], params: AllocationParams): Allocation {
  if (params.policy.kind === 'band_ranges') return allocateByBands(people, params);
  const sorted = [...people].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.key === sorted[i - 1]!.key) throw new Error(`duplicate person key ${sorted[i]!.key}`);
  const minRank = tierRank(params.noRaiseBelow, params.tiers);
  const prepared: Prepared[] = sorted.map((person) => {
    if (person.score === null) return { person, band: null, raisable: false, g: 0 };
    const band = tierOf(person.score, params.tiers);
    const g = band.weight * Math.round(person.score * 100);
    const raisable = tierRank(band.code, params.tiers) >= minRank && g > 0;
    return { person, band, raisable, g: raisable ? g : 0 };
  });
  const total = sorted.reduce((s, p) => s + p.salarySatang, 0);
  const pool = divFloor(total * params.policy.poolBp, 10_000);
  const facts: ExplainFacts = { params, poolSatang: pool, eligibleSalaryTotalSatang: total };
  const result =
    params.policy.kind === 'percentage_pool' ? byPercentage(prepared, params, pool, facts) : byQuota(prepared, params, pool, facts);
  const allocated = result.people.reduce((s, p) => s + p.amountSatang, 0);
  if (allocated > pool) throw new Error('allocation exceeds the pool'); // cannot happen: both searches only accept totals within the pool
  return {
    policy: params.policy.kind,
    people: result.people,
    eligibleSalaryTotalSatang: total,
    poolSatang: pool,
    allocatedSatang: allocated,
    unusedSatang: pool - allocated,
    raisedCount: result.people.filter((p) => p.raised).length,
    rateMicroPct: result.rateMicroPct,
    quotaScale: result.quotaScale,
    quotas: result.quotas,
    digest: digestOf(result.people, pool),
  };
}

/** The amount a % gives a person: rounded per the round, never past the top of the scale. */
function amountFor(p: AllocationPerson, pctBp: number, params: AllocationParams): { amount: number; ceilingHit: boolean } {
  const raw = percentOf(p.baseSatang, pctBp, params.rounding.unitSatang, params.rounding.mode);
  if (p.maxSalarySatang === null) return { amount: raw, ceilingHit: false };
  const room = Math.max(0, p.maxSalarySatang - p.salarySatang);
  return raw > room ? { amount: room, ceilingHit: true } : { amount: raw, ceilingHit: false };
}

const MICRO_PER_BP = 10_000n; // rate unit: 10^-6 % = 10^-4 bp
const G_SCALE = 10_000_000n; // weight (10^3) × score (10^4)

function pctAtRate(g: number, rate: bigint, capBp: number): number {
  if (g === 0) return 0;
  const bp = (rate * BigInt(g)) / (G_SCALE * MICRO_PER_BP);
  return bp >= BigInt(capBp) ? capBp : Number(bp);
}

interface PolicyResult {
  people: PersonRaise[];
  rateMicroPct: number | null;
  quotaScale: number | null;
  quotas: SchoolQuota[];
}

function byPercentage(prepared: Prepared[], params: AllocationParams, pool: number, facts: ExplainFacts): PolicyResult {
  const cap = params.policy.capBp;
  const totalAt = (rate: bigint) =>
    prepared.reduce((s, x) => s + (x.raisable ? amountFor(x.person, pctAtRate(x.g, rate, cap), params).amount : 0), 0);
  const gMin = prepared.reduce((m, x) => (x.raisable && x.g < m ? x.g : m), Number.MAX_SAFE_INTEGER);
  let rate = 0n;
  if (gMin !== Number.MAX_SAFE_INTEGER && cap > 0) {
    // the smallest rate at which everybody reaches the cap: no reason to go higher
    const everyoneCapped = (BigInt(cap) * G_SCALE * MICRO_PER_BP + BigInt(gMin) - 1n) / BigInt(gMin);
    if (totalAt(everyoneCapped) <= pool) rate = everyoneCapped;
    else {
      let lo = 0n; // fits
      let hi = everyoneCapped; // does not fit
      while (hi - lo > 1n) {
        const mid = (lo + hi) / 2n;
        if (totalAt(mid) <= pool) lo = mid;
        else hi = mid;
      }
      rate = lo;
    }
  }
  const rateMicroPct = Number(rate);
  const people = prepared.map((x): PersonRaise => {
    if (!x.raisable) return notRaised(x, notRaisableCode(x, params), facts);
    const pct = pctAtRate(x.g, rate, cap);
    const { amount, ceilingHit } = amountFor(x.person, pct, params);
    const limitedBy = ceilingHit ? 'salary_ceiling' : pct === cap ? 'cap' : null;
    const explanation = explainPercentage({ ...facts, rateMicroPct }, x.person, x.band!, pct, amount, limitedBy);
    return decided(x, pct, amount, limitedBy, false, explanation);
  });
  return { people, rateMicroPct, quotaScale: null, quotas: [] };
}

function byQuota(prepared: Prepared[], params: AllocationParams, pool: number, facts: ExplainFacts): PolicyResult {
  const policy = params.policy;
  if (policy.kind !== 'headcount_quota') throw new Error('not a quota policy');
  const quotas = quotaPlaces(prepared, policy.quotaShareBp, policy.quotaRounding);
  const minQuotaRank = tierRank(policy.quotaMinTier, params.tiers);
  const holders = new Set<Prepared>();
  for (const q of quotas) {
    const candidates = prepared
      .filter((x) => x.person.schoolId === q.schoolId && x.raisable && tierRank(x.band!.code, params.tiers) >= minQuotaRank)
      .sort((a, b) => compareForQuota(a, b, policy.tieBreak));
    for (const x of candidates.slice(0, q.places)) holders.add(x);
  }
  const nominal = (x: Prepared) => (!x.raisable ? 0 : holders.has(x) ? policy.quotaRaiseBp : policy.standardRaiseBp);
  const scaled = (x: Prepared, s: number) => Math.floor((nominal(x) * s) / 10_000);
  const totalAt = (s: number) => prepared.reduce((sum, x) => sum + (x.raisable ? amountFor(x.person, scaled(x, s), params).amount : 0), 0);
  let scale = 10_000;
  if (totalAt(scale) > pool) {
    let lo = 0;
    let hi = 10_000;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (totalAt(mid) <= pool) lo = mid;
      else hi = mid;
    }
    scale = lo;
  }
  const schoolOf = new Map(quotas.map((q) => [q.schoolId, q]));
  const people = prepared.map((x): PersonRaise => {
    if (!x.raisable) return notRaised(x, notRaisableCode(x, params), facts);
    const pct = scaled(x, scale);
    const { amount, ceilingHit } = amountFor(x.person, pct, params);
    const quota = schoolOf.get(x.person.schoolId)!;
    const limitedBy = ceilingHit ? 'salary_ceiling' : pct === policy.capBp ? 'cap' : null;
    const explanation = explainQuota(
      facts,
      x.person,
      x.band!,
      { quota, holder: holders.has(x), nominalBp: nominal(x), scale },
      pct,
      amount,
      limitedBy,
    );
    return decided(x, pct, amount, limitedBy, holders.has(x), explanation);
  });
  return { people, rateMicroPct: null, quotaScale: scale, quotas };
}

function compareForQuota(a: Prepared, b: Prepared, tieBreak: 'longer_service_first' | 'personnel_number'): number {
  const byScore = Math.round((b.person.score ?? 0) * 100) - Math.round((a.person.score ?? 0) * 100);
  if (byScore !== 0) return byScore;
  if (tieBreak === 'longer_service_first') {
    const sa = a.person.serviceStartedOn ?? '9999-12-31';
    const sb = b.person.serviceStartedOn ?? '9999-12-31';
    if (sa !== sb) return sa < sb ? -1 : 1;
  }
  return a.person.key < b.person.key ? -1 : a.person.key > b.person.key ? 1 : 0;
}

/** Quota places per school from the share of its staff (everyone considered in the round counts). */
export function quotaPlaces(
  prepared: readonly { person: AllocationPerson }[],
  shareBp: number,
  rounding: 'floor' | 'round' | 'ceil' | 'pooled',
): SchoolQuota[] {
  const staff = new Map<string | null, number>();
  for (const x of prepared) staff.set(x.person.schoolId, (staff.get(x.person.schoolId) ?? 0) + 1);
  const schools = [...staff.entries()].sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0));
  const exact = (n: number) => n * shareBp; // places × 10,000
  const per = (n: number) =>
    rounding === 'floor'
      ? Math.floor(exact(n) / 10_000)
      : rounding === 'ceil'
        ? Math.ceil(exact(n) / 10_000)
        : Math.floor((exact(n) + 5_000) / 10_000);
  if (rounding !== 'pooled') return schools.map(([schoolId, n]) => ({ schoolId, staff: n, places: per(n) }));
  const all = schools.reduce((s, [, n]) => s + n, 0);
  const office = Math.floor((exact(all) + 5_000) / 10_000);
  const rows = schools.map(([schoolId, n]) => ({
    schoolId,
    staff: n,
    places: Math.floor(exact(n) / 10_000),
    remainder: exact(n) % 10_000,
  }));
  let left = office - rows.reduce((s, r) => s + r.places, 0);
  const order = [...rows].sort(
    (a, b) => b.remainder - a.remainder || b.staff - a.staff || ((a.schoolId ?? '') < (b.schoolId ?? '') ? -1 : 1),
  );
  for (const r of order) {
    if (left <= 0 || r.remainder === 0) break;
    r.places += 1;
    left -= 1;
  }
  return rows.map(({ schoolId, staff: n, places }) => ({ schoolId, staff: n, places }));
}

function base(x: Prepared): Pick<PersonRaise, 'key' | 'schoolId' | 'score' | 'tier' | 'quotaPlace' | 'notRaised'> {
  return {
    key: x.person.key,
    schoolId: x.person.schoolId,
    score: x.person.score,
    tier: x.band?.code ?? null,
    quotaPlace: false,
    notRaised: null,
  };
}

/**
 * A decided % and the amount it gives. The % stays what the score earned even
 * when the top of the scale leaves no room for the amount (ค่าตอบแทนพิเศษ is
 * outside this round), so the % still never falls as the score rises.
 */
function decided(
  x: Prepared,
  pct: number,
  amount: number,
  limitedBy: PersonRaise['limitedBy'],
  quotaPlace: boolean,
  explanation: PersonRaise['explanation'],
): PersonRaise {
  const code: NotRaisedCode | null = amount > 0 ? null : limitedBy === 'salary_ceiling' ? 'salary_at_ceiling' : 'pool_too_small';
  return {
    ...base(x),
    raised: code === null,
    pctBp: pct,
    amountSatang: amount,
    newSalarySatang: x.person.salarySatang + amount,
    limitedBy,
    quotaPlace,
    notRaised: code,
    explanation,
  };
}

function notRaisableCode(x: Prepared, params: AllocationParams): NotRaisedCode {
  if (x.band === null) return 'not_appraised';
  return tierRank(x.band.code, params.tiers) < tierRank(params.noRaiseBelow, params.tiers) ? 'below_minimum_tier' : 'zero_weight';
}

function notRaised(x: Prepared, code: NotRaisedCode, facts: ExplainFacts): PersonRaise {
  return {
    ...base(x),
    raised: false,
    pctBp: 0,
    amountSatang: 0,
    newSalarySatang: x.person.salarySatang,
    limitedBy: null,
    notRaised: code,
    explanation: explainNotRaised(facts, x.person, x.band, code),
  };
}

function digestOf(people: readonly PersonRaise[], pool: number): string {
  const rows = people.map((p) => [p.key, p.pctBp, p.amountSatang]);
  return createHash('sha256').update(JSON.stringify({ pool, rows })).digest('hex');
}
