/**
 * The allocation of `salary-round@3` (issue 22): the committee's way. The
 * budget is split into POOLS, one per group of people — teachers; school
 * administrators; staff under Act ม.38 ค.(2); others — and, where the office
 * decides so, per school; each pool's budget is `poolBp` of the salaries of
 * its people as of the round's base date (1 March / 1 September). The
 * committee sets a % RANGE for each band (ดีเด่น … พอใช้); each person's % lies
 * within their band's range and under the cap; a computed suggestion is
 * shown, and the committee may decide another % within the range (an
 * override, with its reason). Nothing may exceed its pool.
 *
 * This module holds the policy's shape and its checks; allocate-pools.ts the
 * computation. `RoundParams` (versions 1 and 2) is unchanged: version 3 reads
 * `RoundParamsV3`, whose policy is `band_ranges` (default) or the seed-001
 * headcount quota.
 */
import { z } from 'zod';
import { formatPct } from './money';
import { HeadcountQuotaPolicy, RoundParams, TIER_CODES, type TierBand, type TierCode } from './round-params';
import { tierRank } from './tiers';

/** The groups a round's budget is pooled by (seed-003 §2.7: the committees for administrators and for 38 ค.(2) staff). */
export const POOL_GROUPS = ['teachers', 'school_administrators', 'staff_38c2', 'others'] as const;
export type PoolGroup = (typeof POOL_GROUPS)[number];

export const POOL_GROUP_LABELS: Record<PoolGroup, { th: string; en: string }> = {
  teachers: { th: 'ข้าราชการครู', en: 'Teachers' },
  school_administrators: { th: 'ผู้บริหารสถานศึกษา', en: 'School administrators' },
  staff_38c2: { th: 'บุคลากรทางการศึกษาอื่น ตามมาตรา 38 ค.(2)', en: 'Other educational staff (Act s.38 ค.(2))' },
  others: { th: 'ศึกษานิเทศก์และผู้บริหารการศึกษา', en: 'Supervisors and education administrators' },
};

const SCHOOL_ADMINISTRATOR = /^(รอง)?ผู้อำนวยการ(สถานศึกษา|โรงเรียน)/;
/** Act ม.38 ข.: the office's ผู้บริหารการศึกษา (area director and deputies) and ศึกษานิเทศก์. */
const EDUCATION_ADMINISTRATOR_OR_SUPERVISOR = /^(ศึกษานิเทศก์|(รอง)?ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา)/;

/**
 * The pool group of a person, from their position (Act ม.38): ครู and
 * ครูผู้ช่วย → teachers; (deputy) school directors → school administrators;
 * ศึกษานิเทศก์ and the area director and deputies (ม.38 ข.) → others; every
 * other position (office staff, group directors, school support staff: ม.38
 * ค.(2)) → staff_38c2.
 */
export function poolGroupOf(person: { position: string }): PoolGroup {
  const p = person.position.trim();
  if (p.startsWith('ครู')) return 'teachers';
  if (SCHOOL_ADMINISTRATOR.test(p)) return 'school_administrators';
  if (EDUCATION_ADMINISTRATOR_OR_SUPERVISOR.test(p)) return 'others';
  return 'staff_38c2';
}

const bp = z.int().min(0).max(10_000);

/** The % range of one band, in basis points (350 = 3.50 %). */
export const BandRange = z.object({ tier: z.enum(TIER_CODES), minBp: bp, maxBp: bp }).strict();
export type BandRange = z.infer<typeof BandRange>;

/** Unverified defaults: the committee sets its own each round. */
export const DEFAULT_BAND_RANGES: readonly BandRange[] = [
  { tier: 'outstanding', minBp: 200, maxBp: 600 },
  { tier: 'very_good', minBp: 150, maxBp: 400 },
  { tier: 'good', minBp: 100, maxBp: 300 },
  { tier: 'fair', minBp: 50, maxBp: 200 },
];

export const BandRangesPolicy = z
  .object({
    kind: z.literal('band_ranges'),
    /** each pool's budget: this share of the salaries of its people on the base date */
    poolBp: bp.default(300),
    /** nobody above this % of their calculation base */
    capBp: bp.default(600),
    /** one range per band that is raised (noRaiseBelow and above) */
    ranges: z
      .array(BandRange)
      .max(10)
      .default([...DEFAULT_BAND_RANGES]),
    /** `by_group`: one pool per group; `office`: one pool for everybody */
    pooling: z.enum(['by_group', 'office']).default('by_group'),
    /** the groups the office pools per school (by_group only) */
    bySchool: z.array(z.enum(POOL_GROUPS)).max(4).default([]),
  })
  .strict();
export type BandRangesPolicy = z.infer<typeof BandRangesPolicy>;
export type BandRangesPolicyInput = z.input<typeof BandRangesPolicy>;

export const RaisePolicyV3 = z.discriminatedUnion('kind', [BandRangesPolicy, HeadcountQuotaPolicy]);
export type RaisePolicyV3 = z.infer<typeof RaisePolicyV3>;

export interface RangeProblem {
  tier: TierCode | null;
  th: string;
  en: string;
}

/**
 * What is wrong with a set of ranges for these bands: every band that is
 * raised has exactly one range, none below; 0 ≤ min ≤ max ≤ cap; a higher band
 * neither starts nor ends below a lower one (so a higher score never gets a
 * lower suggested %). Empty: the ranges are usable.
 */
export function rangeProblems(
  policy: Pick<BandRangesPolicy, 'ranges' | 'capBp'>,
  tiers: readonly TierBand[],
  noRaiseBelow: TierCode,
): RangeProblem[] {
  const problems: RangeProblem[] = [];
  const band = (code: TierCode) => tiers.find((t) => t.code === code);
  const minRank = tierRank(noRaiseBelow, tiers);
  const seen = new Set<TierCode>();
  for (const r of policy.ranges) {
    const b = band(r.tier);
    if (!b) {
      problems.push({ tier: r.tier, th: `ไม่มีระดับ ${r.tier} ในรอบนี้`, en: `the round has no band ${r.tier}` });
      continue;
    }
    if (seen.has(r.tier)) problems.push({ tier: r.tier, th: `ระดับ${b.th} มีช่วงร้อยละซ้ำ`, en: `band ${b.en} has two ranges` });
    seen.add(r.tier);
    if (tierRank(r.tier, tiers) < minRank)
      problems.push({
        tier: r.tier,
        th: `ระดับ${b.th} ไม่ได้เลื่อนเงินเดือนในรอบนี้ จึงกำหนดช่วงร้อยละไม่ได้`,
        en: `band ${b.en} is not raised in this round: it takes no range`,
      });
    if (r.minBp > r.maxBp)
      problems.push({
        tier: r.tier,
        th: `ระดับ${b.th}: ร้อยละต่ำสุด ${formatPct(r.minBp)} มากกว่าร้อยละสูงสุด ${formatPct(r.maxBp)}`,
        en: `band ${b.en}: the lowest % ${formatPct(r.minBp)} is above the highest ${formatPct(r.maxBp)}`,
      });
    if (r.maxBp > policy.capBp)
      problems.push({
        tier: r.tier,
        th: `ระดับ${b.th}: ร้อยละสูงสุด ${formatPct(r.maxBp)} เกินเพดานร้อยละ ${formatPct(policy.capBp)}`,
        en: `band ${b.en}: the highest % ${formatPct(r.maxBp)} is above the ${formatPct(policy.capBp)} % cap`,
      });
  }
  for (const t of tiers) {
    if (tierRank(t.code, tiers) >= minRank && !seen.has(t.code))
      problems.push({ tier: t.code, th: `ระดับ${t.th} ยังไม่มีช่วงร้อยละ`, en: `band ${t.en} has no range` });
  }
  const ordered = [...policy.ranges].filter((r) => band(r.tier)).sort((a, b) => tierRank(a.tier, tiers) - tierRank(b.tier, tiers));
  for (let i = 1; i < ordered.length; i++) {
    const lower = ordered[i - 1]!;
    const higher = ordered[i]!;
    if (higher.minBp < lower.minBp || higher.maxBp < lower.maxBp) {
      const h = band(higher.tier)!;
      const l = band(lower.tier)!;
      problems.push({
        tier: higher.tier,
        th: `ช่วงร้อยละของระดับ${h.th} (${formatPct(higher.minBp)}–${formatPct(higher.maxBp)}) ต่ำกว่าของระดับ${l.th} (${formatPct(lower.minBp)}–${formatPct(lower.maxBp)})`,
        en: `the range of band ${h.en} (${formatPct(higher.minBp)}–${formatPct(higher.maxBp)}) lies below that of band ${l.en} (${formatPct(lower.minBp)}–${formatPct(lower.maxBp)})`,
      });
    }
  }
  return problems;
}

/**
 * The input of `salary-round@3`: the parameters of versions 1–2, with the
 * policy `band_ranges` (default) or `headcount_quota` (seed 001).
 */
export const RoundParamsV3 = z
  .object({ ...RoundParams.shape, policy: RaisePolicyV3.default(BandRangesPolicy.parse({ kind: 'band_ranges' })) })
  .strict()
  .superRefine((p, ctx) => {
    // the checks of versions 1–2 (round-params.ts), and the ranges
    const codes = new Set(p.tiers.map((t) => t.code));
    if (!codes.has(p.noRaiseBelow)) ctx.addIssue({ code: 'custom', path: ['noRaiseBelow'], message: 'not one of the tiers' });
    if (p.policy.kind === 'headcount_quota' && !codes.has(p.policy.quotaMinTier))
      ctx.addIssue({ code: 'custom', path: ['policy', 'quotaMinTier'], message: 'not one of the tiers' });
    for (const code of p.publishTiers)
      if (!codes.has(code)) ctx.addIssue({ code: 'custom', path: ['publishTiers'], message: `${code} is not one of the tiers` });
    if (p.policy.kind !== 'band_ranges' || !codes.has(p.noRaiseBelow)) return;
    for (const problem of rangeProblems(p.policy, p.tiers, p.noRaiseBelow))
      ctx.addIssue({ code: 'custom', path: ['policy', 'ranges'], message: problem.en });
  });
export type RoundParamsV3 = z.infer<typeof RoundParamsV3>;
export type RoundParamsV3Input = z.input<typeof RoundParamsV3>;

/** A committee's decision for one person: a % within the band's range, with its reason. */
export const AllocationOverride = z
  .object({
    personnelNo: z.string().trim().min(1).max(50),
    /** more than 0: a person the committee gives nothing is not raised by their band (noRaiseBelow), not by a decision */
    pctBp: z.int().min(1).max(10_000),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();
export type AllocationOverride = z.infer<typeof AllocationOverride>;
