/**
 * The pure parts of the salary round: parameters, eligibility, the
 * allocation (examples, the 1,091-person office of seed 004, and properties
 * over random populations), the published lists and the notices.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  allocateRaises,
  buildPublicationLists,
  checkEligibility,
  decisionNotice,
  notConsideredNotice,
  orderAuthorityOf,
  PARAMETER_NOTES,
  percentOf,
  planOrders,
  quotaPlaces,
  RoundParams,
  roundDates,
  StaffRecord,
  tierOf,
  tierRank,
  TIER_CODES,
  transferSplit,
  wholeMonthsBetween,
  type Allocation,
  type AllocationParams,
  type AllocationPerson,
  type RoundParamsInput,
} from '../src/salary/index';
import { syntheticRoster, syntheticScores } from './salary-fixtures';

const params = (over: Partial<RoundParamsInput> = {}) => RoundParams.parse({ fiscalYearBe: 2568, round: 1, ...over });
const person = (key: string, score: number | null, salaryBaht = 30_000, over: Partial<AllocationPerson> = {}): AllocationPerson => ({
  key,
  schoolId: 's1',
  score,
  salarySatang: salaryBaht * 100,
  baseSatang: salaryBaht * 100,
  maxSalarySatang: null,
  serviceStartedOn: '2010-05-01',
  ...over,
});

describe('round parameters', () => {
  it('derive the dates of each round from the fiscal year (พ.ศ.)', () => {
    expect(roundDates(params())).toEqual({
      evaluationFrom: '2024-10-01',
      evaluationTo: '2025-03-31',
      effectiveOn: '2025-04-01',
      baseDateOn: '2025-03-01',
      appraisalDueOn: '2025-04-15',
      screeningDueOn: '2025-04-30',
      budgetDueOn: '2025-05-15',
      approvalDueOn: '2025-05-30',
      ordersDueOn: '2025-06-14',
    });
    expect(roundDates(params({ round: 2 }))).toMatchObject({
      evaluationFrom: '2025-04-01',
      evaluationTo: '2025-09-30',
      effectiveOn: '2025-10-01',
      baseDateOn: '2025-09-01',
    });
    expect(roundDates(params({ dates: { evaluationTo: '2025-03-30' }, schedule: { appraisalDueOn: '2025-04-10' } }))).toMatchObject({
      evaluationTo: '2025-03-30',
      appraisalDueOn: '2025-04-10',
    });
  });

  it('have defaults for every policy number, and refuse inconsistent ones', () => {
    const p = params();
    expect(p.policy).toEqual({ kind: 'percentage_pool', poolBp: 300, capBp: 600 });
    expect(p.grievanceWindowDays).toBe(30);
    expect(p.tiers.map((t) => [t.th, t.minScore])).toEqual([
      ['ดีเด่น', 90],
      ['ดีมาก', 80],
      ['ดี', 70],
      ['พอใช้', 60],
      ['ต้องปรับปรุง', 0],
    ]);
    expect(params({ policy: { kind: 'headcount_quota' } }).policy).toMatchObject({ quotaShareBp: 1500, quotaRounding: 'pooled' });
    // a higher band may not weigh less: that is what keeps the % monotonic
    const tiers = p.tiers.map((t) => (t.code === 'good' ? { ...t, weight: 900 } : t));
    expect(RoundParams.safeParse({ fiscalYearBe: 2568, round: 1, tiers }).success).toBe(false);
    expect(RoundParams.safeParse({ fiscalYearBe: 2568, round: 1, policy: { kind: 'headcount_quota', quotaRaiseBp: 700 } }).success).toBe(
      false,
    );
    for (const note of PARAMETER_NOTES) expect(note.source.length).toBeGreaterThan(0);
  });

  it('bands: a score falls in exactly one band', () => {
    const { tiers } = params();
    expect([100, 90, 89.99, 80, 79.99, 70, 60, 59.99, 0].map((s) => tierOf(s, tiers).th)).toEqual([
      'ดีเด่น',
      'ดีเด่น',
      'ดีมาก',
      'ดีมาก',
      'ดี',
      'ดี',
      'พอใช้',
      'ต้องปรับปรุง',
      'ต้องปรับปรุง',
    ]);
    expect(tierRank('outstanding', tiers)).toBe(4);
    expect(tierRank('needs_improvement', tiers)).toBe(0);
  });
});

describe('eligibility', () => {
  const rules = params().eligibility;
  const period = { from: '2024-10-01', to: '2025-03-31' };
  const record = (over: object = {}) =>
    StaffRecord.parse({
      personnelNo: 'P1',
      personId: null,
      schoolId: null,
      nameTh: 'ครู ก',
      position: 'ครู',
      salarySatang: 3_000_000,
      baseSatang: 3_000_000,
      serviceStartedOn: '2015-06-01',
      ...over,
    });

  it('counts whole months served in the half-year', () => {
    expect(wholeMonthsBetween('2024-10-01', '2025-03-31')).toBe(6);
    expect(wholeMonthsBetween('2024-12-15', '2025-03-31')).toBe(3);
    expect(wholeMonthsBetween('2024-12-01', '2025-03-31')).toBe(4);
    expect(wholeMonthsBetween('2025-04-01', '2025-03-31')).toBe(0);
  });

  it('gives every reason a person is not considered, in Thai and English', () => {
    expect(checkEligibility(record(), rules, period)).toEqual({ personnelNo: 'P1', eligible: true, monthsServed: 6, reasons: [] });
    const v = checkEligibility(
      record({
        serviceStartedOn: '2025-01-16',
        leave: { sickOccasions: 8, sickDays: 20, personalOccasions: 3, personalDays: 5 },
        penalties: [
          { kind: 'salary_cut', on: '2025-02-01' },
          { kind: 'reprimand', on: '2025-02-02' },
        ],
        suspended: true,
      }),
      rules,
      period,
    );
    expect(v.eligible).toBe(false);
    expect(v.reasons.map((r) => r.code)).toEqual(['months_served', 'leave_occasions', 'leave_days', 'penalty', 'suspended']);
    expect(v.reasons[0]!.th).toBe('ปฏิบัติราชการในรอบการประเมิน 2 เดือน น้อยกว่าที่กำหนด 4 เดือน');
    expect(v.reasons[3]!.th).toContain('1 กุมภาพันธ์ 2568');
    // a reprimand alone does not bar the raise; a penalty outside the half-year does not count
    expect(
      checkEligibility(
        record({
          penalties: [
            { kind: 'reprimand', on: '2025-01-01' },
            { kind: 'salary_cut', on: '2024-09-30' },
          ],
        }),
        rules,
        period,
      ).eligible,
    ).toBe(true);
    // rules are parameters
    expect(checkEligibility(record({ serviceStartedOn: '2025-01-16' }), { ...rules, minMonthsServed: 2 }, period).eligible).toBe(true);
  });

  it('a move within OBEC is not leaving service: appraised and raised where the person served longest', () => {
    const out = (on: string) => record({ leftOn: on, transfer: { direction: 'out', on, otherOffice: 'สพป.ตรัง เขต 1' } });
    const came = (on: string) => record({ transfer: { direction: 'in', on, otherOffice: 'สพป.สงขลา เขต 1' } });
    // left on 1 March 2025: 151 days here, 31 there — appraised here, all six months count, no "left service"
    expect(transferSplit(out('2025-03-01'), period)).toEqual({ daysHere: 151, daysThere: 31, appraisedHere: true });
    expect(checkEligibility(out('2025-03-01'), rules, period)).toEqual({ personnelNo: 'P1', eligible: true, monthsServed: 6, reasons: [] });
    // the same date without the move is leaving service
    expect(checkEligibility(record({ leftOn: '2025-03-01' }), rules, period).reasons.map((r) => r.code)).toEqual(['left_service']);
    // left on 1 November 2024: longer at the new office, which appraises; not a refusal
    const early = checkEligibility(out('2024-11-01'), rules, period);
    expect([early.eligible, early.reasons.map((r) => r.code)]).toEqual([false, ['appraised_elsewhere']]);
    expect(early.reasons[0]!.th).toBe(
      'ย้ายไป สพป.ตรัง เขต 1 เมื่อ 1 พฤศจิกายน 2567 ปฏิบัติราชการที่นั่นนานกว่าในรอบการประเมิน 151 วัน (ที่นี่ 31 วัน) จึงประเมินและพิจารณาเลื่อนเงินเดือนที่ สพป.ตรัง เขต 1',
    );
    // came on 1 November 2024: longer here, appraised here; came on 1 March 2025: the former office appraises
    expect(checkEligibility(came('2024-11-01'), rules, period).eligible).toBe(true);
    expect(checkEligibility(came('2025-03-01'), rules, period).reasons.map((r) => r.code)).toEqual(['appraised_elsewhere']);
    // a tie goes to the office at the end of the half-year; a move outside the half-year changes nothing
    expect(transferSplit(came('2024-12-31'), period)).toEqual({ daysHere: 91, daysThere: 91, appraisedHere: true });
    expect(transferSplit(out('2024-12-31'), period)).toEqual({ daysHere: 91, daysThere: 91, appraisedHere: false });
    expect(transferSplit(came('2024-09-01'), period)).toBeNull();
    // appraised here: raised from this office's pool like everyone else
    const a = allocateRaises([person('M001', 88), person('P2', 80)], params());
    expect(a.people.find((p) => p.key === 'M001')!.raised).toBe(true);
    // told where, without a ม.73 refusal
    const round = { fiscalYearBe: 2568, round: 1 as const, effectiveOn: '2025-04-01', windowEndsAt: null };
    const n = notConsideredNotice({ personnelNo: 'P1', personId: null, schoolId: null, nameTh: 'ครู ก', reasons: early.reasons }, round);
    expect(n.kind).toBe('appraised_elsewhere');
    expect(n.th).toContain('สพป.ตรัง เขต 1');
    expect(n.th).not.toContain('มาตรา 73');
  });

  it('knows who signs the order (Act ม.53)', () => {
    expect(orderAuthorityOf({ position: 'ครู', academicStanding: 'none', schoolId: 's' })).toBe('school_director');
    expect(orderAuthorityOf({ position: 'ครูผู้ช่วย', academicStanding: 'none', schoolId: 's' })).toBe('school_director');
    expect(orderAuthorityOf({ position: 'ครู', academicStanding: 'ชำนาญการ', schoolId: 's' })).toBe('area_director');
    expect(orderAuthorityOf({ position: 'ครู', academicStanding: 'none', schoolId: null })).toBe('area_director');
  });
});

describe('allocation: percentage pool', () => {
  it('finds the one rate that fills the pool, caps at 6 %, raises nobody below พอใช้, and explains it', () => {
    const people = [person('A', 95), person('B', 85), person('C', 75), person('D', 65), person('E', 55), person('F', null)];
    const a = allocateRaises(people, { ...params(), explainDates: { baseDateOn: '2025-03-01', effectiveOn: '2025-04-01' } });
    expect(a.eligibleSalaryTotalSatang).toBe(18_000_000);
    expect(a.poolSatang).toBe(540_000); // 3 % of 180,000 baht
    expect(a.allocatedSatang).toBeLessThanOrEqual(a.poolSatang);
    expect(a.people.map((p) => [p.key, p.tier, p.pctBp, p.amountSatang, p.notRaised])).toEqual([
      ['A', 'outstanding', 600, 180_000, null],
      ['B', 'very_good', 550, 165_000, null],
      ['C', 'good', 400, 120_000, null],
      ['D', 'fair', 247, 75_000, null],
      ['E', 'needs_improvement', 0, 0, 'below_minimum_tier'],
      ['F', null, 0, 0, 'not_appraised'],
    ]);
    expect(a.rateMicroPct).toBe(7_626_297);
    expect(a.allocatedSatang).toBe(540_000); // 1,800 + 1,650 + 1,200 + 750: the pool exactly
    expect(a.people[1]!.explanation.th).toEqual([
      'ผลการประเมิน 85.00 คะแนน อยู่ในระดับดีมาก (80.00–89.99 คะแนน) น้ำหนักระดับ 0.850',
      'วงเงินของรอบ ร้อยละ 3.00 ของเงินเดือนรวมของผู้มีสิทธิ์ 180,000.00 บาท ณ วันที่ 1 มีนาคม 2568 = 5,400.00 บาท',
      'อัตราของรอบ ร้อยละ 7.626297 ต่อคะแนน 100 ที่น้ำหนัก 1.000 เป็นอัตราสูงสุดที่ยอดรวมการเลื่อนทุกคนไม่เกินวงเงิน',
      'ร้อยละของท่าน = 7.626297 × 0.850 × 85.00/100 = 5.5099 → ปัดลงทศนิยมสองตำแหน่ง = ร้อยละ 5.50 (ไม่เกินเพดานร้อยละ 6.00)',
      'จำนวนเงิน = ฐานในการคำนวณ 30,000.00 บาท × ร้อยละ 5.50 = 1,650.00 บาท → ปัดขึ้นเป็นหลักสิบบาท',
      'ได้เลื่อนเงินเดือน 1,650.00 บาท เงินเดือนใหม่ 31,650.00 บาท มีผลตั้งแต่วันที่ 1 เมษายน 2568',
    ]);
    expect(a.people[0]!.explanation.en[3]).toBe(
      'Your % = 7.626297 × 1.000 × 95.00/100 = 7.2449, not below the cap, so 6.00 % (the cap: 6.00 % of the calculation base)',
    );
    expect(a.people[4]!.explanation.th.at(-1)).toBe(
      'ไม่ได้เลื่อนเงินเดือน: ผลการประเมินระดับต้องปรับปรุง ต่ำกว่าระดับพอใช้ (60.00 คะแนนขึ้นไป) ซึ่งเป็นระดับต่ำสุดที่ได้เลื่อนเงินเดือน',
    );
  });

  it('stops at the top of the salary scale, keeping the % the score earned', () => {
    const a = allocateRaises(
      [person('A', 95, 30_000, { maxSalarySatang: 3_010_000 }), person('B', 95, 30_000, { maxSalarySatang: 3_000_000 })],
      params(),
    );
    expect(a.people.map((p) => [p.pctBp, p.amountSatang, p.limitedBy, p.notRaised])).toEqual([
      [600, 10_000, 'salary_ceiling', null],
      [600, 0, 'salary_ceiling', 'salary_at_ceiling'],
    ]);
  });

  it('with a pool too small for anyone, raises nobody and says so', () => {
    const a = allocateRaises([person('A', 95), person('B', 70)], params({ policy: { kind: 'percentage_pool', poolBp: 1, capBp: 600 } }));
    expect(a.allocatedSatang).toBeLessThanOrEqual(a.poolSatang);
    expect(a.people.every((p) => !p.raised)).toBe(true);
  });
});

describe('allocation: headcount quota (seed 001: 15 % of the teachers of each school)', () => {
  const staff = (n: number, schoolId: string) =>
    Array.from({ length: n }, (_, i) => ({ person: person(`${schoolId}-${String(i).padStart(2, '0')}`, 80, 30_000, { schoolId }) }));

  it('turns the share into whole places: floor, round, ceil, or pooled over the office', () => {
    const rows = [...staff(20, 'a'), ...staff(7, 'b'), ...staff(4, 'c')];
    expect(quotaPlaces(rows, 1500, 'floor').map((q) => q.places)).toEqual([3, 1, 0]);
    expect(quotaPlaces(rows, 1500, 'round').map((q) => q.places)).toEqual([3, 1, 1]); // 0.6 rounds up
    expect(quotaPlaces(rows, 1500, 'ceil').map((q) => q.places)).toEqual([3, 2, 1]);
    // office: 31 × 15 % = 4.65 → 5 places; floors 3 + 1 + 0, the fifth by largest remainder: c (0.60) before b (0.05)
    expect(quotaPlaces(rows, 1500, 'pooled').map((q) => q.places)).toEqual([3, 1, 1]);
  });

  it('gives the places to the best scores of each school, ties to longer service', () => {
    const people = [
      person('a1', 95, 30_000, { schoolId: 'a' }),
      person('a2', 88, 30_000, { schoolId: 'a', serviceStartedOn: '2001-01-01' }),
      person('a3', 88, 30_000, { schoolId: 'a', serviceStartedOn: '1999-01-01' }),
      ...Array.from({ length: 7 }, (_, i) => person(`a${i + 4}`, 70, 30_000, { schoolId: 'a' })),
      person('b1', 79, 30_000, { schoolId: 'b' }), // below quotaMinTier ดีมาก: no place
      ...Array.from({ length: 9 }, (_, i) => person(`b${i + 2}`, 65, 30_000, { schoolId: 'b' })),
    ];
    const a = allocateRaises(people, params({ policy: { kind: 'headcount_quota', quotaRounding: 'round' } }));
    expect(a.quotas).toEqual([
      { schoolId: 'a', staff: 10, places: 2 },
      { schoolId: 'b', staff: 10, places: 2 },
    ]);
    expect(a.people.filter((p) => p.quotaPlace).map((p) => p.key)).toEqual(['a1', 'a3']);
    expect(a.people.find((p) => p.key === 'a1')!.pctBp).toBe(500);
    expect(a.people.find((p) => p.key === 'b1')!.pctBp).toBe(250);
    expect(a.quotaScale).toBe(10_000);
    expect(a.people.find((p) => p.key === 'a3')!.explanation.th[2]).toBe('หน่วยงานของท่านมีผู้มีสิทธิ์ 10 คน โควตาร้อยละ 15.00 = 2 คน');
  });

  it('shrinks both rates by one factor when they would exceed the pool', () => {
    const people = Array.from({ length: 10 }, (_, i) => person(`p${i}`, 90));
    const a = allocateRaises(people, params({ policy: { kind: 'headcount_quota', poolBp: 200, quotaRaiseBp: 600, standardRaiseBp: 400 } }));
    expect(a.quotaScale).toBeLessThan(10_000);
    expect(a.allocatedSatang).toBeLessThanOrEqual(a.poolSatang);
    expect(a.people.find((p) => !p.quotaPlace)!.explanation.en.join('\n')).toContain('All rates were scaled by');
  });
});

/** Checks every invariant the issue names on one allocation. */
function expectInvariants(a: Allocation, people: readonly AllocationPerson[], p: AllocationParams): void {
  expect(a.allocatedSatang).toBe(a.people.reduce((s, x) => s + x.amountSatang, 0));
  expect(a.allocatedSatang).toBeLessThanOrEqual(a.poolSatang);
  const minRank = tierRank(p.noRaiseBelow, p.tiers);
  const byKey = new Map(people.map((x) => [x.key, x]));
  for (const x of a.people) {
    const src = byKey.get(x.key)!;
    expect(x.pctBp).toBeLessThanOrEqual(p.policy.capBp);
    expect(x.amountSatang).toBeLessThanOrEqual(percentOf(src.baseSatang, p.policy.capBp, p.rounding.unitSatang, 'up'));
    if (src.maxSalarySatang !== null) expect(x.newSalarySatang).toBeLessThanOrEqual(Math.max(src.maxSalarySatang, src.salarySatang));
    if (src.score === null || tierRank(tierOf(src.score, p.tiers).code, p.tiers) < minRank) {
      expect([x.raised, x.pctBp, x.amountSatang]).toEqual([false, 0, 0]);
    }
    expect(x.raised).toBe(x.amountSatang > 0);
    expect(x.explanation.th.length).toBeGreaterThan(0);
    expect(x.explanation.en.length).toBe(x.explanation.th.length);
  }
  // a higher score never gets a lower % (per school under a quota: the quota is per school by design)
  expect(monotonicViolations(a, p.policy.kind === 'percentage_pool')).toEqual([]);
}

/** Pairs where a strictly higher score got a lower % (within one school unless `global`). */
function monotonicViolations(a: Allocation, global: boolean): string[] {
  const groups = new Map<string, PersonRaiseLite[]>();
  for (const x of a.people) {
    if (x.score === null) continue;
    const g = global ? '*' : (x.schoolId ?? '-');
    groups.set(g, [...(groups.get(g) ?? []), x]);
  }
  const bad: string[] = [];
  for (const members of groups.values()) {
    const sorted = [...members].sort((x, y) => x.score! - y.score!);
    let maxBelow = -1; // the highest % among strictly lower scores
    let i = 0;
    while (i < sorted.length) {
      let j = i;
      while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
      for (const x of sorted.slice(i, j)) if (x.pctBp < maxBelow) bad.push(`${x.key} (${x.score}) got ${x.pctBp} < ${maxBelow}`);
      for (const x of sorted.slice(i, j)) maxBelow = Math.max(maxBelow, x.pctBp);
      i = j;
    }
  }
  return bad;
}
type PersonRaiseLite = Allocation['people'][number];

describe('allocation over the 1,091 staff of สพป.พัทลุง เขต 1 (seed 004)', () => {
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
  }));

  it.each(['percentage_pool', 'headcount_quota'] as const)('%s: within the pool and the cap, tiers respected, deterministic', (kind) => {
    // how fast it is: `pnpm bench "allocation"`
    const p = params({ policy: { kind } });
    const a = allocateRaises(people, p);
    expectInvariants(a, people, p);
    // the percentage pool is used up: less than one per cent is left over (a quota pays fixed rates and may leave more)
    if (kind === 'percentage_pool') expect(a.unusedSatang).toBeLessThan(a.poolSatang / 100);
    expect(allocateRaises([...people].reverse(), p)).toEqual(a);
    expect(a.people).toHaveLength(1091);
  });
});

describe('properties over random populations', () => {
  const tierWeights = fc
    .tuple(
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 0, max: 1000 }),
    )
    .map((w) => [...w].sort((a, b) => b - a));
  const arbParams = fc
    .record({
      kind: fc.constantFrom('percentage_pool' as const, 'headcount_quota' as const),
      poolBp: fc.integer({ min: 0, max: 1000 }),
      capBp: fc.integer({ min: 0, max: 1500 }),
      weights: tierWeights,
      noRaiseBelow: fc.constantFrom(...TIER_CODES),
      unitSatang: fc.constantFrom(1, 100, 1000),
      mode: fc.constantFrom('up' as const, 'down' as const, 'nearest' as const),
      quotaShareBp: fc.integer({ min: 0, max: 10_000 }),
      quotaRounding: fc.constantFrom('floor' as const, 'round' as const, 'ceil' as const, 'pooled' as const),
      standard: fc.integer({ min: 0, max: 1500 }),
      extra: fc.integer({ min: 0, max: 1500 }),
    })
    .map((r): AllocationParams => {
      const base = params();
      const tiers = base.tiers.map((t, i) =>
        t.code === 'needs_improvement' ? { ...t, weight: Math.min(r.weights[3]!, 100) } : { ...t, weight: r.weights[i]! },
      );
      const standardRaiseBp = Math.min(r.standard, r.capBp);
      const quotaRaiseBp = Math.min(standardRaiseBp + r.extra, r.capBp);
      const policy =
        r.kind === 'percentage_pool'
          ? { kind: r.kind, poolBp: r.poolBp, capBp: r.capBp }
          : {
              kind: r.kind,
              poolBp: r.poolBp,
              capBp: r.capBp,
              quotaShareBp: r.quotaShareBp,
              quotaRounding: r.quotaRounding,
              quotaRaiseBp,
              standardRaiseBp,
              quotaMinTier: 'good' as const,
              tieBreak: 'longer_service_first' as const,
            };
      return RoundParams.parse({
        fiscalYearBe: 2568,
        round: 1,
        tiers,
        noRaiseBelow: r.noRaiseBelow,
        policy,
        rounding: { unitSatang: r.unitSatang, mode: r.mode },
      });
    });
  const arbPerson = fc.record({
    schoolId: fc.constantFrom('a', 'b', 'c', null),
    score: fc.option(
      fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100),
      { nil: null, freq: 8 },
    ),
    salaryBaht: fc.integer({ min: 8_000, max: 80_000 }),
    baseBaht: fc.integer({ min: 8_000, max: 80_000 }),
    headroomBaht: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: null }),
    serviceStartedOn: fc.constantFrom('1995-05-01', '2005-06-01', '2015-07-01'),
  });
  const arbPeople = fc.array(arbPerson, { minLength: 0, maxLength: 60 }).map((rows) =>
    rows.map((r, i): AllocationPerson => ({
      key: `K${String(i).padStart(3, '0')}`,
      schoolId: r.schoolId,
      score: r.score,
      salarySatang: r.salaryBaht * 100,
      baseSatang: r.baseBaht * 100,
      maxSalarySatang: r.headroomBaht === null ? null : (r.salaryBaht + r.headroomBaht) * 100,
      serviceStartedOn: r.serviceStartedOn,
    })),
  );

  it('never exceed the pool or the cap, respect tiers, and are deterministic whatever the order', () => {
    fc.assert(
      fc.property(arbPeople, arbParams, fc.nat(), (people, p, seed) => {
        const a = allocateRaises(people, p);
        expectInvariants(a, people, p);
        const shuffled = [...people].sort(
          (x, y) => ((x.key.charCodeAt(1) * 31 + seed) % 7) - ((y.key.charCodeAt(1) * 31 + seed) % 7) || (x.key < y.key ? 1 : -1),
        );
        const b = allocateRaises(shuffled, p);
        expect(b.digest).toBe(a.digest);
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('percentage pool: equal scores get equal %', () => {
    fc.assert(
      fc.property(arbPeople, arbParams, (people, p) => {
        if (p.policy.kind !== 'percentage_pool') return;
        const a = allocateRaises(people, p);
        const byScore = new Map<number, number>();
        for (const x of a.people) {
          if (x.score === null) continue;
          const seen = byScore.get(x.score);
          if (seen !== undefined) expect(x.pctBp).toBe(seen);
          byScore.set(x.score, x.pctBp);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('publication and notices', () => {
  it('lists ดีเด่น and ดีมาก by school, then personnel number; percentages only when the round says so', () => {
    const p = params();
    const people = [
      { personnelNo: 'P3', nameTh: 'ค', nameEn: null, schoolId: 's2', tier: 'outstanding' as const, score: 95, pctBp: 600 },
      { personnelNo: 'P1', nameTh: 'ก', nameEn: null, schoolId: 's2', tier: 'very_good' as const, score: 85, pctBp: 480 },
      { personnelNo: 'P2', nameTh: 'ข', nameEn: null, schoolId: 's1', tier: 'outstanding' as const, score: 91, pctBp: 590 },
      { personnelNo: 'P4', nameTh: 'ง', nameEn: null, schoolId: 's1', tier: 'good' as const, score: 75, pctBp: 350 },
    ];
    const names = new Map([
      ['s1', 'โรงเรียนบ้านนาหยา'],
      ['s2', 'โรงเรียนบ้านท่านางพรหม'],
    ]);
    const lists = buildPublicationLists(people, p, names);
    expect(lists.map((l) => [l.th, l.entries.map((e) => [e.personnelNo, e.schoolName, e.pctBp])])).toEqual([
      [
        'ดีเด่น',
        [
          ['P3', 'โรงเรียนบ้านท่านางพรหม', null],
          ['P2', 'โรงเรียนบ้านนาหยา', null],
        ],
      ],
      ['ดีมาก', [['P1', 'โรงเรียนบ้านท่านางพรหม', null]]],
    ]);
    expect(buildPublicationLists(people, { ...p, publicListShowsPercent: true }, names)[0]!.entries[0]!.pctBp).toBe(600);
  });

  it('groups the orders by who signs them', () => {
    expect(
      planOrders([
        { personnelNo: 'P2', schoolId: 's1', orderAuthority: 'school_director' },
        { personnelNo: 'P1', schoolId: 's1', orderAuthority: 'school_director' },
        { personnelNo: 'P3', schoolId: 's1', orderAuthority: 'area_director' },
        { personnelNo: 'P4', schoolId: null, orderAuthority: 'area_director' },
      ]),
    ).toEqual([
      { authority: 'area_director', schoolId: null, personnelNos: ['P3', 'P4'] },
      { authority: 'school_director', schoolId: 's1', personnelNos: ['P1', 'P2'] },
    ]);
  });

  it('tells a person not raised why (ม.73) and until when a grievance may be filed', () => {
    const a = allocateRaises([person('P1', 55), person('P2', 90)], params());
    const round = { fiscalYearBe: 2568, round: 1 as const, effectiveOn: '2025-04-01', windowEndsAt: new Date('2025-06-16T09:30:00Z') };
    const p1 = a.people[0]!;
    const notice = decisionNotice({ personnelNo: 'P1', nameTh: 'นางสาวทดสอบ ใจดี', nameEn: null }, { ...p1, digest: a.digest }, round);
    expect(notice.kind).toBe('not_raised');
    expect(notice.th.split('\n')).toEqual([
      'เรียน นางสาวทดสอบ ใจดี',
      'เรื่อง ผลการเลื่อนเงินเดือน ครั้งที่ 1 (1 เมษายน 2568) ปีงบประมาณ พ.ศ. 2568',
      ...p1.explanation.th,
      'แจ้งเหตุผลที่ไม่ได้เลื่อนเงินเดือนตามมาตรา 73 แห่งพระราชบัญญัติระเบียบข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. 2547',
      'หากไม่เห็นด้วย ท่านมีสิทธิ์ร้องทุกข์ต่อ อ.ก.ค.ศ. เขตพื้นที่การศึกษา ได้ภายในวันที่ 16 มิถุนายน 2568 ตามมาตรา 123',
    ]);
    const raised = decisionNotice({ personnelNo: 'P2', nameTh: 'นายสอง', nameEn: 'Mr Song' }, { ...a.people[1]!, digest: a.digest }, round);
    expect(raised.kind).toBe('raised');
    expect(raised.en).toContain('To Mr Song');
    expect(raised.th).not.toContain('มาตรา 73');
    const nc = notConsideredNotice(
      {
        personnelNo: 'P9',
        personId: null,
        schoolId: null,
        nameTh: 'นายเก้า',
        reasons: [{ code: 'suspended', th: 'อยู่ระหว่างถูกสั่งพักราชการ', en: 'suspended from duty' }],
      },
      round,
    );
    expect(nc.th).toContain('- อยู่ระหว่างถูกสั่งพักราชการ');
    expect(nc.en).toContain('section 73');
  });
});
