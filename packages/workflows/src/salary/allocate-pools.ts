/**
 * The committee's allocation (`band_ranges`, salary-round@3): pools per group
 * (and per school where the office decides so), a % range per band, each
 * person's % within their band's range with a computed suggestion, the
 * committee's decisions per person, and a check per pool. Pure and
 * deterministic (integers only: satang, basis points; the same people,
 * policy and decisions give the same result and digest in any order).
 *
 * The suggestion, per pool: one rate r (millionths of a % for a score of 100
 * at band weight 1.000) for the pool's people the committee has not decided;
 * each gets clamp(floor₀.₀₁(r × band weight × score / 100), band min, band
 * max). r is the largest rate at which the pool's raises — the committee's
 * decisions first — stay within the pool's budget. When even every band's
 * minimum does not fit, r is 0 and the pool is reported exceeded
 * (`problems`), with by how much: the host refuses such ranges or decisions.
 *
 * With one pool for the office (`pooling: 'office'`), ranges of 0 – cap for
 * every band raised and no decisions, this is exactly the percentage pool of
 * versions 1–2 (the same %, amounts and digest).
 */
import { createHash } from 'node:crypto';
import { formatThaiDate } from '@esa-flow/engine';
import { divFloor, formatBaht, formatPct, formatScore, formatWeight, percentOf } from './money';
import { POOL_GROUP_LABELS, POOL_GROUPS, poolGroupOf, type BandRange, type BandRangesPolicy, type PoolGroup } from './band-ranges';
import type {
  Allocation,
  AllocationParams,
  AllocationPerson,
  AllocationProblem,
  NotRaisedCode,
  PersonRaise,
  PoolUse,
} from './allocation-types';
import type { TierBand } from './round-params';
import { tierOf, tierRank } from './tiers';
import { amountLines, explainNotRaised, join, scoreLine, type ExplainFacts, type Lines } from './explain-raise';

const MICRO_PER_BP = 10_000n; // rate unit: 10^-6 % = 10^-4 bp
const G_SCALE = 10_000_000n; // weight (10^3) × score (10^4)

interface Prepared {
  person: AllocationPerson;
  band: TierBand | null;
  range: BandRange | null;
  /** band weight (thousandths) × score (hundredths) */
  g: number;
  pool: string;
  override: { pctBp: number; reason: string } | null;
}

interface PoolDef {
  key: string;
  group: PoolGroup | null;
  schoolId: string | null;
  label: { th: string; en: string };
}

/** The pool a person's money comes from. */
export function poolOf(
  person: Pick<AllocationPerson, 'position' | 'schoolId'>,
  policy: Pick<BandRangesPolicy, 'pooling' | 'bySchool'>,
  schoolNames?: ReadonlyMap<string, string>,
): PoolDef {
  if (policy.pooling === 'office')
    return { key: 'office', group: null, schoolId: null, label: { th: 'วงเงินรวมของสำนักงานเขตพื้นที่การศึกษา', en: "The office's single pool" } };
  const group = poolGroupOf({ position: person.position ?? '' });
  const g = POOL_GROUP_LABELS[group];
  if (!policy.bySchool.includes(group)) return { key: group, group, schoolId: null, label: { th: g.th, en: g.en } };
  const name = person.schoolId === null ? null : (schoolNames?.get(person.schoolId) ?? null);
  const where =
    person.schoolId === null
      ? { th: 'สำนักงานเขตพื้นที่การศึกษา', en: 'the office' }
      : name
        ? { th: name, en: name }
        : { th: 'สถานศึกษาของผู้นั้น', en: "the person's school" };
  return {
    key: `${group}@${person.schoolId ?? 'office'}`,
    group,
    schoolId: person.schoolId,
    label: { th: `${g.th} ${where.th}`, en: `${g.en}, ${where.en}` },
  };
}

function amountFor(p: AllocationPerson, pctBp: number, params: AllocationParams): { amount: number; ceilingHit: boolean } {
  const raw = percentOf(p.baseSatang, pctBp, params.rounding.unitSatang, params.rounding.mode);
  if (p.maxSalarySatang === null) return { amount: raw, ceilingHit: false };
  const room = Math.max(0, p.maxSalarySatang - p.salarySatang);
  return raw > room ? { amount: room, ceilingHit: true } : { amount: raw, ceilingHit: false };
}

/** The unclamped % (bp) the rate gives, before the band's range. */
function rawBp(g: number, rate: bigint): bigint {
  return g === 0 ? 0n : (rate * BigInt(g)) / (G_SCALE * MICRO_PER_BP);
}

function suggestAt(x: Prepared, rate: bigint): number {
  if (!x.range) return 0;
  const raw = rawBp(x.g, rate);
  if (raw < BigInt(x.range.minBp)) return x.range.minBp;
  if (raw > BigInt(x.range.maxBp)) return x.range.maxBp;
  return Number(raw);
}

const poolOrder = (a: PoolDef, b: PoolDef) => {
  const ga = a.group === null ? -1 : POOL_GROUPS.indexOf(a.group);
  const gb = b.group === null ? -1 : POOL_GROUPS.indexOf(b.group);
  if (ga !== gb) return ga - gb;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
};

export function allocateByBands(people: readonly AllocationPerson[], params: AllocationParams): Allocation {
  const policy = params.policy;
  if (policy.kind !== 'band_ranges') throw new Error('not a band_ranges policy');
  const sorted = [...people].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.key === sorted[i - 1]!.key) throw new Error(`duplicate person key ${sorted[i]!.key}`);
  const minRank = tierRank(params.noRaiseBelow, params.tiers);
  const problems: AllocationProblem[] = [];
  const overrides = new Map<string, { pctBp: number; reason: string }>();
  const known = new Set(sorted.map((p) => p.key));
  for (const o of [...(params.overrides ?? [])].sort((a, b) =>
    a.personnelNo < b.personnelNo ? -1 : a.personnelNo > b.personnelNo ? 1 : 0,
  )) {
    if (!known.has(o.personnelNo)) problems.push({ kind: 'override_unknown_person', personnelNo: o.personnelNo });
    else overrides.set(o.personnelNo, { pctBp: o.pctBp, reason: o.reason });
  }
  const pools = new Map<string, PoolDef>();
  const prepared: Prepared[] = sorted.map((person) => {
    const def = poolOf(person, policy, params.schoolNames);
    if (!pools.has(def.key)) pools.set(def.key, def);
    const band = person.score === null ? null : tierOf(person.score, params.tiers);
    const raisable = band !== null && tierRank(band.code, params.tiers) >= minRank;
    const range = raisable ? (policy.ranges.find((r) => r.tier === band.code) ?? null) : null;
    if (raisable && !range) throw new Error(`band ${band.code} has no range`);
    const g = band && range ? band.weight * Math.round(person.score! * 100) : 0;
    let override = overrides.get(person.key) ?? null;
    if (override && !range) {
      problems.push({ kind: 'override_not_raisable', personnelNo: person.key });
      override = null;
    } else if (override && range && (override.pctBp < range.minBp || override.pctBp > range.maxBp || override.pctBp > policy.capBp)) {
      problems.push({
        kind: 'override_out_of_range',
        personnelNo: person.key,
        pctBp: override.pctBp,
        minBp: range.minBp,
        maxBp: Math.min(range.maxBp, policy.capBp),
      });
      override = null;
    }
    return { person, band, range, g, pool: def.key, override };
  });

  const results = new Map<string, PersonRaise>();
  const uses: PoolUse[] = [];
  for (const def of [...pools.values()].sort(poolOrder)) {
    const members = prepared.filter((x) => x.pool === def.key);
    const salaryTotal = members.reduce((s, x) => s + x.person.salarySatang, 0);
    const budget = divFloor(salaryTotal * policy.poolBp, 10_000);
    const decidedAmount = members.reduce((s, x) => s + (x.override ? amountFor(x.person, x.override.pctBp, params).amount : 0), 0);
    const flexible = members.filter((x) => x.range && !x.override);
    const totalAt = (rate: bigint) =>
      decidedAmount + flexible.reduce((s, x) => s + amountFor(x.person, suggestAt(x, rate), params).amount, 0);
    const gMin = flexible.reduce((m, x) => (x.g > 0 && x.g < m ? x.g : m), Number.MAX_SAFE_INTEGER);
    const maxMax = flexible.reduce((m, x) => Math.max(m, x.range!.maxBp), 0);
    let rate = 0n;
    if (gMin !== Number.MAX_SAFE_INTEGER && maxMax > 0) {
      // the smallest rate at which everybody reaches the top of their range: no reason to go higher
      const everyoneAtMax = (BigInt(maxMax) * G_SCALE * MICRO_PER_BP + BigInt(gMin) - 1n) / BigInt(gMin);
      if (totalAt(everyoneAtMax) <= budget) rate = everyoneAtMax;
      else if (totalAt(0n) <= budget) {
        let lo = 0n; // fits
        let hi = everyoneAtMax; // does not fit
        while (hi - lo > 1n) {
          const mid = (lo + hi) / 2n;
          if (totalAt(mid) <= budget) lo = mid;
          else hi = mid;
        }
        rate = lo;
      }
    }
    const facts: ExplainFacts = { params, poolSatang: budget, eligibleSalaryTotalSatang: salaryTotal };
    let used = 0;
    for (const x of members) {
      const r = personRaise(x, rate, def, facts, params, policy);
      used += r.amountSatang;
      results.set(x.person.key, r);
    }
    uses.push({
      key: def.key,
      group: def.group,
      schoolId: def.schoolId,
      label: def.label,
      people: members.length,
      salaryTotalSatang: salaryTotal,
      budgetSatang: budget,
      usedSatang: used,
      leftSatang: budget - used,
      rateMicroPct: Number(rate),
    });
    if (used > budget)
      problems.push({
        kind: 'pool_exceeded',
        pool: def.key,
        label: def.label,
        budgetSatang: budget,
        usedSatang: used,
        overBySatang: used - budget,
      });
  }
  const out = sorted.map((p) => results.get(p.key)!);
  const poolTotal = uses.reduce((s, u) => s + u.budgetSatang, 0);
  const allocated = out.reduce((s, p) => s + p.amountSatang, 0);
  const rows = out.map((p) => [p.key, p.pctBp, p.amountSatang]);
  const digestInput =
    uses.length === 1 && uses[0]!.key === 'office' ? { pool: poolTotal, rows } : { pools: uses.map((u) => [u.key, u.budgetSatang]), rows };
  return {
    policy: 'band_ranges',
    people: out,
    eligibleSalaryTotalSatang: sorted.reduce((s, p) => s + p.salarySatang, 0),
    poolSatang: poolTotal,
    allocatedSatang: allocated,
    unusedSatang: poolTotal - allocated,
    raisedCount: out.filter((p) => p.raised).length,
    rateMicroPct: null,
    quotaScale: null,
    quotas: [],
    digest: createHash('sha256').update(JSON.stringify(digestInput)).digest('hex'),
    pools: uses,
    problems,
  };
}

function personRaise(
  x: Prepared,
  rate: bigint,
  def: PoolDef,
  facts: ExplainFacts,
  params: AllocationParams,
  policy: BandRangesPolicy,
): PersonRaise {
  const base = {
    key: x.person.key,
    schoolId: x.person.schoolId,
    score: x.person.score,
    tier: x.band?.code ?? null,
    quotaPlace: false,
    pool: def.key,
  };
  if (!x.range) {
    const code: NotRaisedCode = x.band === null ? 'not_appraised' : 'below_minimum_tier';
    return {
      ...base,
      raised: false,
      pctBp: 0,
      amountSatang: 0,
      newSalarySatang: x.person.salarySatang,
      limitedBy: null,
      notRaised: code,
      explanation: explainNotRaised(facts, x.person, x.band, code),
      rangeBp: null,
      suggestedBp: 0,
      override: null,
    };
  }
  const suggested = suggestAt(x, rate);
  const pct = x.override ? x.override.pctBp : suggested;
  const { amount, ceilingHit } = amountFor(x.person, pct, params);
  const limitedBy = ceilingHit ? 'salary_ceiling' : pct === policy.capBp ? 'cap' : null;
  const code: NotRaisedCode | null =
    amount > 0 ? null : ceilingHit ? 'salary_at_ceiling' : x.g === 0 && pct === 0 ? 'zero_weight' : 'pool_too_small';
  return {
    ...base,
    raised: code === null,
    pctBp: pct,
    amountSatang: amount,
    newSalarySatang: x.person.salarySatang + amount,
    limitedBy,
    notRaised: code,
    explanation: explainBands(x, rate, suggested, pct, amount, limitedBy, def, facts, policy),
    rangeBp: { minBp: x.range.minBp, maxBp: x.range.maxBp },
    suggestedBp: suggested,
    override: x.override,
  };
}

function rateText(rate: bigint): string {
  return `${rate / 1_000_000n}.${String(rate % 1_000_000n).padStart(6, '0')}`;
}

function explainBands(
  x: Prepared,
  rate: bigint,
  suggested: number,
  pct: number,
  amount: number,
  limitedBy: PersonRaise['limitedBy'],
  def: PoolDef,
  f: ExplainFacts,
  policy: BandRangesPolicy,
): Lines {
  const band = x.band!;
  const range = x.range!;
  const d = f.params.explainDates;
  const centi = Math.round(x.person.score! * 100);
  const rt = rateText(rate);
  const raw = rawBp(x.g, rate);
  // the exact product in 10^-4 %, before rounding down to 0.01 %
  const product = x.g === 0 ? 0n : (rate * BigInt(x.g)) / G_SCALE / 100n;
  const productText = `${product / 10_000n}.${String(product % 10_000n).padStart(4, '0')}`;
  const formula = `${rt} × ${formatWeight(band.weight)} × ${formatScore(centi)}/100 = ${productText}`;
  const rangeText = `${formatPct(range.minBp)}–${formatPct(range.maxBp)}`;
  const suggestion: Lines =
    raw < BigInt(range.minBp)
      ? {
          th: [`ร้อยละที่คำนวณได้ = ${formula} ต่ำกว่าช่วง จึงเสนอร้อยละต่ำสุดของช่วง ${formatPct(suggested)}`],
          en: [`Computed % = ${formula}, below the range, so the suggestion is its lowest, ${formatPct(suggested)} %`],
        }
      : raw > BigInt(range.maxBp)
        ? {
            th: [`ร้อยละที่คำนวณได้ = ${formula} สูงกว่าช่วง จึงเสนอร้อยละสูงสุดของช่วง ${formatPct(suggested)}`],
            en: [`Computed % = ${formula}, above the range, so the suggestion is its highest, ${formatPct(suggested)} %`],
          }
        : {
            th: [`ร้อยละที่คำนวณได้ = ${formula} → ปัดลงทศนิยมสองตำแหน่ง เสนอร้อยละ ${formatPct(suggested)}`],
            en: [`Computed % = ${formula}, rounded down to two decimals: suggested ${formatPct(suggested)} %`],
          };
  const decided: Lines = x.override
    ? {
        th: [
          `คณะกรรมการกำหนดร้อยละ ${formatPct(pct)} (ในช่วง ${rangeText}) แทนข้อเสนอร้อยละ ${formatPct(suggested)} เหตุผล: ${x.override.reason}`,
        ],
        en: [
          `The committee decided ${formatPct(pct)} % (within ${rangeText}) instead of the suggested ${formatPct(suggested)} %. Reason: ${x.override.reason}`,
        ],
      }
    : { th: [`ได้ร้อยละ ${formatPct(pct)} ตามข้อเสนอ`], en: [`Decided: ${formatPct(pct)} %, as suggested`] };
  return join(
    scoreLine(x.person, band, f.params),
    {
      th: [
        `กลุ่มวงเงิน: ${def.label.th} เงินเดือนรวม ${formatBaht(f.eligibleSalaryTotalSatang)} บาท${d ? ` ณ วันที่ ${formatThaiDate(d.baseDateOn, 'th')}` : ''} × ร้อยละ ${formatPct(policy.poolBp)} = วงเงิน ${formatBaht(f.poolSatang)} บาท`,
        `คณะกรรมการกำหนดช่วงร้อยละของระดับ${band.th} ร้อยละ ${rangeText} (เพดานร้อยละ ${formatPct(policy.capBp)} ของฐานในการคำนวณ)`,
        `อัตราของกลุ่มวงเงิน ร้อยละ ${rt} ต่อคะแนน 100 ที่น้ำหนัก 1.000 เป็นอัตราสูงสุดที่ยอดรวมการเลื่อนของกลุ่มไม่เกินวงเงินของกลุ่ม`,
      ],
      en: [
        `Pool: ${def.label.en}, salaries ${formatBaht(f.eligibleSalaryTotalSatang)} baht${d ? ` on ${formatThaiDate(d.baseDateOn, 'en')}` : ''} × ${formatPct(policy.poolBp)} % = budget ${formatBaht(f.poolSatang)} baht`,
        `The committee's range for band ${band.en}: ${rangeText} % (cap ${formatPct(policy.capBp)} % of the calculation base)`,
        `The pool's rate is ${rt} % for a score of 100 at weight 1.000: the highest rate at which the pool's raises together stay within its budget`,
      ],
    },
    suggestion,
    decided,
    amountLines(f, x.person, pct, amount, limitedBy),
  );
}
