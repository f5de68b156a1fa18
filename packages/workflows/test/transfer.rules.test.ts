/**
 * The pure parts of the transfer round: parameters and their defaults,
 * eligibility with reasons, the scoring table, ranking with tie-breaks, and
 * matching with its explanation, on small hand-made examples.
 */
import { describe, expect, it } from '@jest/globals';
import {
  checkEligibility,
  correctionDue,
  DEFAULT_SCORING_TABLE,
  fullMonthsBetween,
  grievanceWindowNominalEnd,
  matchRound,
  ordinal,
  rankFor,
  requiredSigner,
  scoreRequest,
  scoringTableFor,
  TransferRoundParams,
  type Candidate,
  type EligibilityContext,
  type RequestSubmission,
  type Vacancy,
} from '../src/transfer/index';
import { ROUND_1_2568, submission } from './transfer.fixtures';

const params = TransferRoundParams.parse(ROUND_1_2568);
const vacancies: Vacancy[] = [
  { id: 'V01', schoolId: 'S-NA', schoolName: 'โรงเรียนบ้านนา', subject: 'คณิตศาสตร์', count: 1 },
  { id: 'V02', schoolId: 'S-KHAO', schoolName: 'โรงเรียนบ้านเขา', subject: 'คณิตศาสตร์', count: 2 },
];
const ctx = { params, vacancies, currentSchoolId: 'S-HOME', applicantPersonId: 'P1', at: '2025-01-20T03:00:00Z' };
const codes = (s: RequestSubmission, c: EligibilityContext = ctx) => checkEligibility(s, c).reasons.map((r) => r.code);

describe('round parameters', () => {
  it('fills the configurable defaults and keeps the dated phases an officer set', () => {
    expect(params).toMatchObject({
      roundNo: 1,
      yearBe: 2568,
      maxPreferences: 5,
      minMonthsAtCurrentSchool: 24,
      spouseMarriageMinYears: 1,
      grievanceWindowDays: 30,
      tieBreak: ['longer_service_at_current_school', 'earlier_filing'],
      specialRequestsFirst: true,
    });
    expect(params.scoringTable).toEqual(DEFAULT_SCORING_TABLE);
    expect(params.phases.correctionUntil).toMatchObject({ date: '2025-02-06', time: '15:00' });
  });

  it('refuses phases out of order', () => {
    const bad = {
      ...ROUND_1_2568,
      phases: { ...ROUND_1_2568.phases, requestsUntil: { ...ROUND_1_2568.phases.requestsUntil, date: '2024-12-01' } },
    };
    const r = TransferRoundParams.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('phases.requestsUntil');
  });

  it('refuses an impossible date (2027-02-30) as a schema issue, without the phase-order check throwing on it', () => {
    const bad = {
      ...ROUND_1_2568,
      phases: { ...ROUND_1_2568.phases, requestsUntil: { ...ROUND_1_2568.phases.requestsUntil, date: '2027-02-30' } },
    };
    const r = TransferRoundParams.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['phases.requestsUntil.date']);
  });
});

describe('eligibility', () => {
  it('counts whole months to the last day of the request window', () => {
    expect(fullMonthsBetween('2023-01-31', '2025-01-31')).toBe(24);
    expect(fullMonthsBetween('2023-02-01', '2025-01-31')).toBe(23);
    expect(fullMonthsBetween('2023-01-31', '2025-02-28')).toBe(24);
    expect(codes(submission({ facts: { currentSchoolSince: '2023-01-31' } }))).toEqual([]);
    const late = checkEligibility(submission({ facts: { currentSchoolSince: '2023-02-01' } }), ctx);
    expect(late.eligible).toBe(false);
    expect(late.reasons).toEqual([
      {
        code: 'months_at_current_school',
        th: 'ดำรงตำแหน่งในสถานศึกษาปัจจุบัน 23 เดือน (นับถึง 2025-01-31) ไม่ถึง 24 เดือน',
        en: '23 months at the current school (counted to 2025-01-31); 24 required',
      },
    ]);
    // the minimum is the round's
    expect(
      codes(submission({ facts: { currentSchoolSince: '2023-02-01' } }), { ...ctx, params: { ...params, minMonthsAtCurrentSchool: 12 } }),
    ).toEqual([]);
  });

  it('needs a marriage registered at least a year for the spouse reason', () => {
    expect(codes(submission({ reason: 'live_with_spouse', facts: { marriageRegisteredOn: '2024-01-31' } }))).toEqual([]);
    expect(codes(submission({ reason: 'live_with_spouse', facts: { marriageRegisteredOn: '2024-02-01' } }))).toEqual([
      'spouse_marriage_too_recent',
    ]);
    expect(codes(submission({ reason: 'live_with_spouse' }))).toEqual(['spouse_marriage_too_recent']);
  });

  it('shows every reason at once: window, one per round, preferences, swap, evidence', () => {
    const s = submission({ preferences: ['S-NA', 'S-NA', 'S-HOME', 'S-X', 'S-KHAO', 'S-Y'], evidence: [] });
    expect(codes(s, { ...ctx, at: '2025-02-01T03:00:00Z', alreadyFiled: true })).toEqual([
      'outside_request_window',
      'already_filed',
      'preferences_count',
      'preferences_duplicate',
      'preference_is_current_school',
      'preference_without_vacancy',
      'evidence_missing',
    ]);
    expect(codes(submission({ kind: 'swap', preferences: ['S-NA'] }))).toEqual(['swap_partner_missing', 'swap_with_preferences']);
    expect(codes(submission({ kind: 'special' }))).toEqual(['special_reason_missing']);
    expect(codes(submission({ facts: { major: 'ภาษาไทย' } }))).toEqual(['preference_without_vacancy']);
  });
});

describe('scoring table', () => {
  it('is versioned per year: a year without its own table uses the latest earlier one', () => {
    expect(scoringTableFor(2568)).toBe(DEFAULT_SCORING_TABLE);
    const t2569 = { ...DEFAULT_SCORING_TABLE, year: 2569, version: 1 };
    expect(scoringTableFor(2570, [DEFAULT_SCORING_TABLE, t2569])).toBe(t2569);
    expect(scoringTableFor(2568, [DEFAULT_SCORING_TABLE, t2569])).toBe(DEFAULT_SCORING_TABLE);
    expect(() => scoringTableFor(2566)).toThrow(RangeError);
    expect(DEFAULT_SCORING_TABLE.components.map((c) => [c.id, c.mode])).toEqual([
      ['reason', 'entered'],
      ['hardship', 'computed'],
      ['years_at_school', 'computed'],
      ['workload', 'entered'],
      ['development', 'entered'],
    ]);
  });

  it('computes hardship and years from data and takes the entered components from the working group', () => {
    const r = scoreRequest(
      DEFAULT_SCORING_TABLE,
      { currentSchoolHardship: true, yearsAtCurrentSchool: 12 },
      { reason: 'home_district', workload: 'medium', development: 'good' },
    );
    expect(r).toEqual({
      ok: true,
      sheet: {
        table: { id: 'obec_teacher_normal', year: 2567, version: 1 },
        lines: [
          { componentId: 'reason', mode: 'entered', subCriterionId: 'home_district', points: 20 },
          { componentId: 'hardship', mode: 'computed', subCriterionId: 'special_area', points: 10 },
          { componentId: 'years_at_school', mode: 'computed', subCriterionId: 'ten_or_more', points: 10 },
          { componentId: 'workload', mode: 'entered', subCriterionId: 'medium', points: 7 },
          { componentId: 'development', mode: 'entered', subCriterionId: 'good', points: 7 },
        ],
        total: 54,
      },
    });
    const few = scoreRequest(
      DEFAULT_SCORING_TABLE,
      { currentSchoolHardship: false, yearsAtCurrentSchool: 3 },
      { reason: 'other', workload: 'low', development: 'basic' },
    );
    expect(few.ok && few.sheet.total).toBe(5 + 5 + 5 + 4 + 4);
  });

  it('refuses a sheet with a missing, unknown or computed-but-entered component', () => {
    expect(
      scoreRequest(
        DEFAULT_SCORING_TABLE,
        { currentSchoolHardship: false, yearsAtCurrentSchool: 3 },
        { reason: 'nope', hardship: 'special_area', extra: 'x' },
      ),
    ).toEqual({
      ok: false,
      problems: [
        'reason: unknown sub-criterion "nope"',
        'hardship: computed from data, not entered',
        'workload: missing',
        'development: missing',
        'extra: not a component of obec_teacher_normal@2567v1',
      ],
    });
  });
});

const cand = (key: string, over: Partial<Candidate> = {}): Candidate => ({
  key,
  personId: `P-${key}`,
  name: `ครู ${key}`,
  kind: 'normal',
  major: 'คณิตศาสตร์',
  currentSchoolId: `S-${key}`,
  currentSchoolName: `โรงเรียน ${key}`,
  preferences: ['S-NA', 'S-KHAO'],
  score: 50,
  currentSchoolSince: '2020-05-01',
  firstAppointedOn: '2015-05-01',
  filedAt: '2025-01-20T03:00:00Z',
  paScore: 80,
  ...over,
});

describe('ranking per vacancy', () => {
  it('puts special requests first, then the higher score, then the round’s tie-breaks, then the case id', () => {
    const list = [
      cand('k1', { score: 60 }),
      cand('k2', { score: 50, currentSchoolSince: '2018-05-01' }),
      cand('k3', { score: 50, currentSchoolSince: '2018-05-01', filedAt: '2025-01-19T03:00:00Z' }),
      cand('k4', { score: 40, kind: 'special' }),
      cand('k5', { score: 50 }),
      cand('k0', { score: 50 }),
    ];
    const policy = { tieBreak: params.tieBreak, specialRequestsFirst: true };
    expect(rankFor(vacancies[0]!, list, policy).map((c) => c.key)).toEqual(['k4', 'k1', 'k3', 'k2', 'k0', 'k5']);
    expect(rankFor(vacancies[0]!, list, { tieBreak: ['earlier_filing'], specialRequestsFirst: false }).map((c) => c.key)).toEqual([
      'k1',
      'k3',
      'k0',
      'k2',
      'k5',
      'k4',
    ]);
  });
});

describe('matching', () => {
  it('places by preference and rank, and explains who was ahead', () => {
    const list = [
      cand('a', { score: 70 }),
      cand('b', { score: 60 }),
      cand('c', { score: 50, preferences: ['S-NA'] }),
      cand('d', { score: 40, preferences: ['S-KHAO', 'S-NA'] }),
    ];
    const r = matchRound({ candidates: list, vacancies, policy: params });
    expect(r.byVacancy).toEqual({ V01: ['a'], V02: ['b', 'd'] });
    const b = r.explanations.find((e) => e.key === 'b')!;
    expect(b.placement).toMatchObject({ kind: 'vacancy', vacancyId: 'V02', preference: 2, rank: 2, crossArea: false });
    expect(b.text.en).toBe(
      'placed at โรงเรียนบ้านเขา (preference 2), ranked 2nd of 3; ranked 2nd for โรงเรียนบ้านนา (1 seat) behind ครู a (1st)',
    );
    expect(b.text.th).toContain('ลำดับที่ 2 ของ โรงเรียนบ้านนา (1 อัตรา) รองจาก ครู a (ลำดับที่ 1)');
    const c = r.explanations.find((e) => e.key === 'c')!;
    expect(c.placement).toBeNull();
    expect(c.text.en).toBe('not placed; ranked 3rd for โรงเรียนบ้านนา (1 seat) behind ครู a (1st)');
    expect(r.summary).toEqual({ requests: 4, placed: 3, swapped: 0, unplaced: 1, seats: 3, seatsFilled: 3 });
  });

  it('matches swaps as pairs, and not at all when the partner did not file the matching request', () => {
    const x = cand('x', { kind: 'swap', preferences: [], swapWithPersonId: 'P-y' });
    const y = cand('y', { kind: 'swap', preferences: [], swapWithPersonId: 'P-x' });
    const z = cand('z', { kind: 'swap', preferences: [], swapWithPersonId: 'P-q' });
    const w = cand('w', { kind: 'swap', preferences: [], swapWithPersonId: 'P-x', major: 'ภาษาไทย' });
    const r = matchRound({ candidates: [x, y, z, w], vacancies, policy: params });
    const by = Object.fromEntries(r.explanations.map((e) => [e.key, e]));
    expect(by.x!.placement).toEqual({
      kind: 'swap',
      partnerKey: 'y',
      partnerPersonId: 'P-y',
      partnerName: 'ครู y',
      schoolId: 'S-y',
      schoolName: 'โรงเรียน y',
    });
    expect(by.y!.placement).toMatchObject({ kind: 'swap', partnerKey: 'x', schoolId: 'S-x' });
    expect(by.z!.swapProblem).toBe('swap_partner_missing');
    expect(by.w!.swapProblem).toBe('swap_partner_not_mutual');
    expect(r.summary).toMatchObject({ swapped: 2, unplaced: 2, seatsFilled: 0 });
  });

  it('writes ordinals in English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 112].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '112th',
    ]);
  });
});

describe('request rules', () => {
  it('takes the round’s correction moment, or the director’s earlier one, never a later or past one', () => {
    expect(correctionDue(params, '2025-02-03T03:00:00Z')).toEqual(params.phases.correctionUntil);
    expect(correctionDue(params, '2025-02-03T03:00:00Z', { date: '2025-02-05', time: '12:00' })).toMatchObject({
      date: '2025-02-05',
      time: '12:00',
    });
    expect(correctionDue(params, '2025-02-03T03:00:00Z', { date: '2025-02-07', time: '12:00' })).toBeNull();
    expect(correctionDue(params, '2025-02-06T08:00:00Z')).toBeNull();
  });

  it('ends the grievance window no earlier than 16:30 of day N after the decision; names the ม.53 signer', () => {
    expect(grievanceWindowNominalEnd('2025-03-20T07:00:00Z', 30).toISOString()).toBe('2025-04-19T09:30:00.000Z');
    expect(requiredSigner('none')).toBe('school_director');
    expect(requiredSigner('professional')).toBe('area_director');
    expect(requiredSigner('senior_expert')).toBe('area_director');
  });
});
