/**
 * The committee's allocation of salary-round@3 (`band_ranges`, issue 22):
 * pools per group (and per school), a % range per band, each person's %
 * within the range with a suggestion explained in Thai and English, the
 * committee's decisions, the check per pool. Examples, the 1,091-person office
 * under a policy equal to the old one (identical results), and properties
 * over random populations, ranges and decisions.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  allocateRaises,
  BandRangesPolicy,
  poolGroupOf,
  rangeProblems,
  RoundParams,
  RoundParamsV3,
  StaffRecord,
  tierOf,
  tierRank,
  TIER_CODES,
  type AllocationOverride,
  type AllocationParams,
  type AllocationPerson,
  type BandRange,
} from '../src/salary/index';
import { syntheticRoster, syntheticScores } from './salary-fixtures';

const v3 = (policy: Record<string, unknown> = {}, over: Record<string, unknown> = {}) =>
  RoundParamsV3.parse({ fiscalYearBe: 2568, round: 1, policy: { kind: 'band_ranges', ...policy }, ...over });
const person = (key: string, score: number | null, position = 'ครู', over: Partial<AllocationPerson> = {}): AllocationPerson => ({
  key,
  schoolId: 's1',
  score,
  salarySatang: 30_000_00,
  baseSatang: 30_000_00,
  maxSalarySatang: null,
  serviceStartedOn: '2010-05-01',
  position,
  ...over,
});

describe('pools and ranges', () => {
  it('puts each position in its group (Act ม.38)', () => {
    expect(
      [
        'ครู',
        'ครูผู้ช่วย',
        'ผู้อำนวยการสถานศึกษา',
        'รองผู้อำนวยการสถานศึกษา',
        'นักทรัพยากรบุคคล',
        'ผู้อำนวยการกลุ่มบริหารงานบุคคล',
        'ศึกษานิเทศก์',
        'รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา',
      ].map((position) => poolGroupOf({ position })),
    ).toEqual(['teachers', 'teachers', 'school_administrators', 'school_administrators', 'staff_38c2', 'staff_38c2', 'others', 'others']);
  });

  it('refuses ranges that are inverted, above the cap, missing, for a band not raised, or below a lower band', () => {
    const p = v3();
    expect(rangeProblems(p.policy as BandRangesPolicy, p.tiers, p.noRaiseBelow)).toEqual([]);
    const bad: BandRange[] = [
      { tier: 'outstanding', minBp: 400, maxBp: 700 },
      { tier: 'very_good', minBp: 300, maxBp: 200 },
      { tier: 'good', minBp: 310, maxBp: 320 },
      { tier: 'needs_improvement', minBp: 0, maxBp: 10 },
    ];
    const problems = rangeProblems({ ranges: bad, capBp: 600 }, p.tiers, p.noRaiseBelow);
    expect(problems.map((x) => x.tier)).toEqual(['outstanding', 'very_good', 'needs_improvement', 'fair', 'very_good']);
    expect(problems[0]!.th).toBe('ระดับดีเด่น: ร้อยละสูงสุด 7.00 เกินเพดานร้อยละ 6.00');
    expect(() => v3({ ranges: bad })).toThrow();
  });

  it('splits the budget into the pools of each group, one per school where the office says so, each within its budget', () => {
    const people = [
      person('T1', 95, 'ครู', { schoolId: 's1' }),
      person('T2', 85, 'ครู', { schoolId: 's1' }),
      person('T3', 75, 'ครูผู้ช่วย', { schoolId: 's2', salarySatang: 20_000_00, baseSatang: 20_000_00 }),
      person('D1', 92, 'ผู้อำนวยการสถานศึกษา', { schoolId: 's1' }),
      person('O1', 88, 'นักทรัพยากรบุคคล', { schoolId: null }),
      person('O2', 50, 'นักทรัพยากรบุคคล', { schoolId: null }),
      person('S1', null, 'ศึกษานิเทศก์', { schoolId: null }),
    ];
    const a = allocateRaises(people, v3());
    expect(a.pools!.map((p) => [p.key, p.people, p.budgetSatang])).toEqual([
      ['teachers', 3, 2_400_00],
      ['school_administrators', 1, 900_00],
      ['staff_38c2', 2, 1_800_00],
      ['others', 1, 900_00],
    ]);
    for (const p of a.pools!) expect(p.usedSatang).toBeLessThanOrEqual(p.budgetSatang);
    expect(a.problems).toEqual([]);
    const bySchool = allocateRaises(people, v3({ bySchool: ['teachers'] }));
    expect(bySchool.pools!.map((p) => p.key)).toEqual(['teachers@s1', 'teachers@s2', 'school_administrators', 'staff_38c2', 'others']);
    const named = allocateRaises(people, { ...v3({ bySchool: ['teachers'] }), schoolNames: new Map([['s1', 'โรงเรียนบ้านนา']]) });
    expect(named.pools![0]!.label.th).toBe('ข้าราชการครู โรงเรียนบ้านนา');
    expect(named.pools![1]!.label.th).toBe('ข้าราชการครู สถานศึกษาของผู้นั้น');
  });

  it('suggests a % within each band’s range, explained per person in Thai; the committee decides another within the range, with its reason', () => {
    const people = [person('T1', 95), person('T2', 85), person('T3', 72), person('T4', 55)];
    const policy = {
      ranges: [
        { tier: 'outstanding', minBp: 400, maxBp: 600 },
        { tier: 'very_good', minBp: 300, maxBp: 399 },
        { tier: 'good', minBp: 200, maxBp: 299 },
        { tier: 'fair', minBp: 100, maxBp: 199 },
      ],
      poolBp: 400,
    };
    const a = allocateRaises(people, v3(policy));
    const [t1, t2, t3, t4] = a.people;
    expect(t1!.pctBp).toBeGreaterThanOrEqual(400);
    expect(t2!.pctBp).toBeGreaterThanOrEqual(300);
    expect(t2!.pctBp).toBeLessThanOrEqual(399);
    expect(t3!.pctBp).toBeGreaterThanOrEqual(200);
    expect(t4).toMatchObject({ raised: false, notRaised: 'below_minimum_tier', pctBp: 0 });
    expect(a.allocatedSatang).toBeLessThanOrEqual(a.poolSatang);
    expect(t1!.explanation.th.join('\n')).toContain('คณะกรรมการกำหนดช่วงร้อยละของระดับดีเด่น ร้อยละ 4.00–6.00');
    expect(t1!.explanation.th.join('\n')).toContain('กลุ่มวงเงิน: ข้าราชการครู เงินเดือนรวม 120,000.00 บาท × ร้อยละ 4.00 = วงเงิน 4,800.00 บาท');

    const overrides: AllocationOverride[] = [{ personnelNo: 'T3', pctBp: 250, reason: 'ผลงานดีเด่นด้านการสอนซ่อมเสริม' }];
    const b = allocateRaises(people, { ...v3(policy), overrides });
    const d3 = b.people.find((p) => p.key === 'T3')!;
    expect(d3).toMatchObject({ pctBp: 250, suggestedBp: 299, override: { pctBp: 250, reason: 'ผลงานดีเด่นด้านการสอนซ่อมเสริม' } });
    expect(d3.explanation.th.join('\n')).toMatch(
      /คณะกรรมการกำหนดร้อยละ 2\.50 \(ในช่วง 2\.00–2\.99\) แทนข้อเสนอร้อยละ 2\.99 เหตุผล: ผลงานดีเด่นด้านการสอนซ่อมเสริม/,
    );
    expect(b.allocatedSatang).toBeLessThanOrEqual(b.poolSatang);
    expect(b.digest).not.toBe(a.digest);
  });

  it('names a pool the committee’s decisions exceed, and by how much; refuses decisions outside the range or for people not raised', () => {
    const people = [person('T1', 95), person('T2', 95), person('O1', 95, 'นักทรัพยากรบุคคล', { schoolId: null })];
    const overrides: AllocationOverride[] = [
      { personnelNo: 'T1', pctBp: 600, reason: 'ก' },
      { personnelNo: 'T2', pctBp: 600, reason: 'ข' },
    ];
    const a = allocateRaises(people, { ...v3({ poolBp: 300 }), overrides });
    expect(a.problems).toEqual([
      {
        kind: 'pool_exceeded',
        pool: 'teachers',
        label: { th: 'ข้าราชการครู', en: 'Teachers' },
        budgetSatang: 1_800_00,
        usedSatang: 3_600_00,
        overBySatang: 1_800_00,
      },
    ]);
    const b = allocateRaises([...people, person('T3', 50)], {
      ...v3(),
      overrides: [
        { personnelNo: 'T1', pctBp: 150, reason: 'ต่ำกว่าช่วง' },
        { personnelNo: 'T3', pctBp: 100, reason: 'ไม่ได้เลื่อน' },
        { personnelNo: 'X9', pctBp: 100, reason: 'ไม่มีในรอบ' },
      ],
    });
    expect(b.problems).toEqual([
      { kind: 'override_unknown_person', personnelNo: 'X9' },
      { kind: 'override_out_of_range', personnelNo: 'T1', pctBp: 150, minBp: 200, maxBp: 600 },
      { kind: 'override_not_raisable', personnelNo: 'T3' },
    ]);
  });
});

describe('the 1,091 staff of สพป.พัทลุง เขต 1 (seed 004)', () => {
  const schools = Array.from({ length: 96 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const roster = syntheticRoster(1091, { seed: 4, schoolIds: schools, evaluationFrom: '2024-10-01' }).map((r) => StaffRecord.parse(r));
  const scores = syntheticScores(1091, 40);
  const people: AllocationPerson[] = roster.map((r, i) => ({
    key: r.personnelNo,
    schoolId: r.schoolId,
    score: i % 211 === 0 ? null : scores[i]!,
    salarySatang: r.salarySatang,
    baseSatang: r.baseSatang,
    maxSalarySatang: r.maxSalarySatang,
    serviceStartedOn: r.serviceStartedOn,
    position: r.position,
  }));

  it('a policy equal to the old one (one pool, every band 0 – cap) gives the very same %, amounts and digest as the percentage pool', () => {
    for (const poolBp of [300, 295]) {
      const old = allocateRaises(
        people,
        RoundParams.parse({ fiscalYearBe: 2568, round: 1, policy: { kind: 'percentage_pool', poolBp, capBp: 600 } }),
      );
      const ranges = TIER_CODES.filter((c) => c !== 'needs_improvement').map((tier) => ({ tier, minBp: 0, maxBp: 600 }));
      const now = allocateRaises(people, v3({ poolBp, capBp: 600, pooling: 'office', ranges }));
      expect(now.digest).toBe(old.digest);
      expect(now.people.map((p) => [p.key, p.pctBp, p.amountSatang, p.raised, p.notRaised, p.limitedBy])).toEqual(
        old.people.map((p) => [p.key, p.pctBp, p.amountSatang, p.raised, p.notRaised, p.limitedBy]),
      );
      expect(now.pools![0]!.rateMicroPct).toBe(old.rateMicroPct);
    }
  });

  it('by group and per school: every pool within its budget, every % within its band’s range', () => {
    const p = v3({ bySchool: ['teachers'] });
    const a = allocateRaises(people, p);
    expect(a.problems).toEqual([]);
    expect(a.pools!.length).toBe(96 + 2);
    expectInvariants(a, people, p, []);
    expect(a.unusedSatang).toBeLessThan(a.poolSatang / 50);
  });
});

function expectInvariants(
  a: ReturnType<typeof allocateRaises>,
  people: readonly AllocationPerson[],
  p: AllocationParams,
  overrides: readonly AllocationOverride[],
): void {
  const policy = p.policy as BandRangesPolicy;
  const byKey = new Map(people.map((x) => [x.key, x]));
  const minRank = tierRank(p.noRaiseBelow, p.tiers);
  const exceeded = new Set(a.problems!.filter((x) => x.kind === 'pool_exceeded').map((x) => x.pool));
  const decided = new Map(overrides.map((o) => [o.personnelNo, o]));
  const bad = new Set(a.problems!.flatMap((x) => (x.kind === 'pool_exceeded' ? [] : [x.personnelNo])));
  for (const pool of a.pools!) {
    const members = a.people.filter((x) => x.pool === pool.key);
    expect(pool.usedSatang).toBe(members.reduce((s, x) => s + x.amountSatang, 0));
    if (pool.usedSatang > pool.budgetSatang) {
      // only when the committee's decisions and every band's lowest % together do not fit
      expect(exceeded.has(pool.key)).toBe(true);
      for (const x of members) if (x.rangeBp && !x.override) expect(x.pctBp).toBe(x.rangeBp.minBp);
    } else expect(exceeded.has(pool.key)).toBe(false);
  }
  for (const x of a.people) {
    const src = byKey.get(x.key)!;
    expect(x.explanation.th.length).toBeGreaterThan(0);
    expect(x.explanation.en.length).toBe(x.explanation.th.length);
    expect(x.pctBp).toBeLessThanOrEqual(policy.capBp);
    if (src.score === null || tierRank(tierOf(src.score, p.tiers).code, p.tiers) < minRank) {
      expect(x).toMatchObject({ raised: false, pctBp: 0, amountSatang: 0 });
      continue;
    }
    const range = policy.ranges.find((r) => r.tier === x.tier)!;
    expect(x.rangeBp).toEqual({ minBp: range.minBp, maxBp: range.maxBp });
    expect(x.pctBp).toBeGreaterThanOrEqual(range.minBp);
    expect(x.pctBp).toBeLessThanOrEqual(range.maxBp);
    expect(x.suggestedBp).toBeGreaterThanOrEqual(range.minBp);
    expect(x.suggestedBp).toBeLessThanOrEqual(range.maxBp);
    const o = decided.get(x.key);
    if (o && !bad.has(x.key)) {
      expect(x.pctBp).toBe(o.pctBp);
      expect(x.explanation.th.join('\n')).toContain(`เหตุผล: ${o.reason}`);
    } else expect(x.pctBp).toBe(x.suggestedBp);
    if (src.maxSalarySatang !== null) expect(x.newSalarySatang).toBeLessThanOrEqual(Math.max(src.maxSalarySatang, src.salarySatang));
  }
}

describe('properties over random populations, ranges and decisions', () => {
  const arbRanges = fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 8, maxLength: 8 }).map((xs) => {
    // four (min, max) pairs, rising band by band
    const sorted = [...xs].sort((a, b) => a - b);
    const mins = [sorted[0]!, sorted[2]!, sorted[4]!, sorted[6]!];
    const maxs = [sorted[1]!, sorted[3]!, sorted[5]!, sorted[7]!];
    return { mins, maxs };
  });
  const arbPolicy = fc.record({
    poolBp: fc.integer({ min: 0, max: 800 }),
    capBp: fc.integer({ min: 0, max: 800 }),
    ranges: arbRanges,
    pooling: fc.constantFrom('by_group' as const, 'office' as const),
    bySchool: fc.subarray(['teachers', 'school_administrators', 'staff_38c2', 'others'] as const),
    noRaiseBelow: fc.constantFrom('fair' as const, 'good' as const),
    unitSatang: fc.constantFrom(1, 100, 1000),
    mode: fc.constantFrom('up' as const, 'down' as const, 'nearest' as const),
  });
  const arbPerson = fc.record({
    schoolId: fc.constantFrom('a', 'b', 'c', null),
    position: fc.constantFrom('ครู', 'ครูผู้ช่วย', 'ผู้อำนวยการสถานศึกษา', 'นักทรัพยากรบุคคล', 'ศึกษานิเทศก์'),
    score: fc.option(
      fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
      { nil: null, freq: 8 },
    ),
    salaryBaht: fc.integer({ min: 8_000, max: 80_000 }),
    baseBaht: fc.integer({ min: 8_000, max: 80_000 }),
    headroomBaht: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: null }),
  });
  const arbCase = fc
    .tuple(
      fc.array(arbPerson, { minLength: 0, maxLength: 50 }),
      arbPolicy,
      fc.array(fc.tuple(fc.nat(60), fc.integer({ min: 1, max: 800 })), { maxLength: 6 }),
    )
    .map(([rows, r, picks]) => {
      const people = rows.map((x, i): AllocationPerson => ({
        key: `K${String(i).padStart(3, '0')}`,
        schoolId: x.schoolId,
        score: x.score,
        salarySatang: x.salaryBaht * 100,
        baseSatang: x.baseBaht * 100,
        maxSalarySatang: x.headroomBaht === null ? null : (x.salaryBaht + x.headroomBaht) * 100,
        serviceStartedOn: '2005-06-01',
        position: x.position,
      }));
      const cap = r.capBp;
      const raised = ['outstanding', 'very_good', 'good', 'fair'].slice(0, r.noRaiseBelow === 'fair' ? 4 : 3);
      const ranges = raised.map((tier, i) => ({
        tier,
        minBp: Math.min(r.ranges.mins[3 - i]!, cap),
        maxBp: Math.min(r.ranges.maxs[3 - i]!, cap),
      }));
      const params = v3(
        { poolBp: r.poolBp, capBp: cap, ranges, pooling: r.pooling, bySchool: r.bySchool },
        { noRaiseBelow: r.noRaiseBelow, rounding: { unitSatang: r.unitSatang, mode: r.mode } },
      );
      // decisions: some within their band's range, some not (refused), some for people not there
      const overrides: AllocationOverride[] = [];
      const seen = new Set<string>();
      for (const [i, pct] of picks) {
        const key = `K${String(i).padStart(3, '0')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        overrides.push({ personnelNo: key, pctBp: pct, reason: `เหตุผล ${key}` });
      }
      return { people, params, overrides };
    });

  it('no pool exceeded unless its lowest %s alone do not fit (then named, by how much); every % within its band’s range and under the cap; every person explained; deterministic in any order', () => {
    fc.assert(
      fc.property(arbCase, fc.nat(), ({ people, params, overrides }, seed) => {
        const a = allocateRaises(people, { ...params, overrides });
        expectInvariants(a, people, params, overrides);
        for (const x of a.problems!) {
          if (x.kind === 'pool_exceeded') expect(x.overBySatang).toBe(x.usedSatang - x.budgetSatang);
        }
        const shuffled = [...people].sort(
          (x, y) => ((x.key.charCodeAt(2) * 31 + seed) % 7) - ((y.key.charCodeAt(2) * 31 + seed) % 7) || (x.key < y.key ? 1 : -1),
        );
        const b = allocateRaises(shuffled, { ...params, overrides: [...overrides].reverse() });
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('without decisions, no pool is exceeded whenever its bands’ lowest %s fit; and a higher score in a pool never gets a lower %', () => {
    fc.assert(
      fc.property(arbCase, ({ people, params }) => {
        const a = allocateRaises(people, params);
        const atMin = allocateRaises(people, {
          ...params,
          policy: {
            ...(params.policy as BandRangesPolicy),
            ranges: (params.policy as BandRangesPolicy).ranges.map((r) => ({ ...r, maxBp: r.minBp })),
          },
        });
        for (const pool of a.pools!) {
          const floor = atMin.pools!.find((p) => p.key === pool.key)!;
          if (floor.usedSatang <= floor.budgetSatang) expect(pool.usedSatang).toBeLessThanOrEqual(pool.budgetSatang);
          const members = a.people.filter((x) => x.pool === pool.key && x.score !== null).sort((x, y) => x.score! - y.score!);
          for (let i = 1; i < members.length; i++) expect(members[i]!.pctBp).toBeGreaterThanOrEqual(members[i - 1]!.pctBp);
        }
      }),
      { numRuns: 200 },
    );
  });
});
