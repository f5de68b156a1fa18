/**
 * The pure rules of academic standing: the eligibility check with its reasons
 * in Thai and English, the pass rule, the policy per level and date, the
 * status words of the reports, the percentages, and the month arithmetic of
 * the pre-appointment development batch.
 */
import { describe, expect, it } from '@jest/globals';
import {
  aspectPasses,
  batchMonthOf,
  casePolicyFor,
  checkEligibility,
  DEFAULT_POLICY,
  evaluationVerdict,
  LEVELS,
  monthlyCutoff,
  nextSemesterStart,
  percentOf,
  PolicyVersion,
  policyVersionOn,
  STATUS_OF_STEP,
  summarizeCohort,
  TEACHER_STATUS_LABELS,
  academicStanding,
  academicStandingV3,
  type Application,
  type CohortRow,
} from '../src/academic-standing/index';

const FILED_ON = '2025-06-02';

/** A ครู without standing, 5 years in the position, three good PA years (FY 2565–2567). */
function application(over: Partial<Application> = {}): Application {
  return {
    position: 'teacher',
    currentLevel: 'none',
    currentLevelSince: '2020-05-16',
    targetLevel: 'professional',
    paResults: [2565, 2566, 2567].map((fiscalYear) => ({ fiscalYear, evaluatorPercents: [82, 75, 90] })),
    penalties: [],
    evidence: [
      { kind: 'pa_results', title: 'PA 2565–2567' },
      { kind: 'lesson_plans', title: 'แผนการจัดการเรียนรู้' },
      { kind: 'teaching_video', title: 'คลิปการสอน' },
    ],
    ...over,
  };
}

const policy = casePolicyFor('professional', FILED_ON);
const failing = (app: Application, p = policy) => checkEligibility(app, p, FILED_ON).reasons.filter((r) => !r.ok);

describe('eligibility check', () => {
  it('passes a complete request and lists every criterion with its reason in Thai and English', () => {
    const r = checkEligibility(application(), policy, FILED_ON);
    expect(r.eligible).toBe(true);
    expect(r.reasons.map((x) => x.criterion)).toEqual(['target_level', 'years_at_level', 'pa_results', 'penalties', 'evidence']);
    expect(r.reasons.find((x) => x.criterion === 'years_at_level')).toMatchObject({
      ok: true,
      th: 'ดำรงวิทยฐานะ/ตำแหน่งปัจจุบันมาแล้ว 5 ปี 0 เดือน (เกณฑ์ไม่น้อยกว่า 4 ปีติดต่อกัน)',
      en: 'Held the current level/position for 5 years 0 months (at least 4 continuous years required)',
    });
    expect(r.reasons.find((x) => x.criterion === 'pa_results')!.th).toBe(
      'ผลการประเมิน PA ย้อนหลัง 3 รอบ (ปีงบประมาณ 2565–2567) กรรมการทุกคนให้ไม่ต่ำกว่าร้อยละ 70: ผ่าน',
    );
  });

  it('counts years at the level to the day (default 4)', () => {
    expect(failing(application({ currentLevelSince: '2021-06-02' }))).toEqual([]);
    expect(failing(application({ currentLevelSince: '2021-06-03' }))).toEqual([
      expect.objectContaining({ criterion: 'years_at_level', th: expect.stringContaining('3 ปี 11 เดือน') }),
    ]);
  });

  it('needs the last 3 fiscal years of PA, every evaluator at least 70 %, and says which year and evaluator fell short', () => {
    const low = application({
      paResults: [
        { fiscalYear: 2565, evaluatorPercents: [82, 75, 90] },
        { fiscalYear: 2566, evaluatorPercents: [70, 69.5, 90] },
      ],
    });
    const [pa] = failing(low);
    expect(pa).toMatchObject({ criterion: 'pa_results', ok: false });
    expect(pa!.th).toContain('ปีงบประมาณ 2566 กรรมการคนที่ 2 ให้ร้อยละ 69.5');
    expect(pa!.th).toContain('ไม่มีผลการประเมินปีงบประมาณ 2567');
    expect(pa!.en).toContain('fiscal year 2566: evaluator 2 gave 69.5 %');
  });

  it('bars a penalty heavier than ภาคทัณฑ์ within 4 years, not ภาคทัณฑ์ itself nor an older one', () => {
    expect(failing(application({ penalties: [{ kind: 'probation', date: '2024-01-10' }] }))).toEqual([]);
    expect(failing(application({ penalties: [{ kind: 'salary_cut', date: '2021-06-01' }] }))).toEqual([]);
    const [p] = failing(application({ penalties: [{ kind: 'salary_cut', date: '2021-06-03' }] }));
    expect(p).toMatchObject({ criterion: 'penalties', th: 'ถูกลงโทษทางวินัยที่หนักกว่าโทษภาคทัณฑ์ในช่วง 4 ปีย้อนหลัง: ตัดเงินเดือน (3 มิถุนายน 2564)' });
  });

  it('asks for the pre-appointment development and the evidence the level needs', () => {
    const senior = casePolicyFor('senior_professional', FILED_ON);
    const app = application({ currentLevel: 'professional', targetLevel: 'senior_professional' });
    expect(failing(app, senior).map((r) => [r.criterion, r.th])).toEqual([
      ['development', 'ยังไม่ผ่านการพัฒนาก่อนแต่งตั้งให้มีหรือเลื่อนวิทยฐานะ'],
      ['evidence', 'หลักฐานไม่ครบ: หลักฐานการผ่านการพัฒนาก่อนแต่งตั้ง'],
    ]);
    const developed = {
      ...app,
      development: { passedOn: '2025-03-12' },
      evidence: [...app.evidence, { kind: 'development_certificate' as const, title: 'วุฒิบัตร' }],
    };
    expect(failing(developed, senior)).toEqual([]);
  });

  it('refuses a level that is not the next one, and a refiling before the next semester', () => {
    expect(failing(application({ targetLevel: 'senior_professional' }), { ...policy, level: 'senior_professional' })[0]).toMatchObject({
      criterion: 'target_level',
    });
    const [r] = failing(application({ previousAttempt: { refileFrom: '2025-11-01' } }));
    expect(r).toMatchObject({ criterion: 'refile', th: 'คำขอครั้งก่อนไม่ผ่าน ยื่นคำขอใหม่ได้ตั้งแต่ 1 พฤศจิกายน 2568 (ภาคเรียนถัดไป)' });
    expect(failing(application({ previousAttempt: { refileFrom: '2025-05-16' } }))).toEqual([]);
  });

  it('takes its thresholds from the policy, not from constants', () => {
    const strict = { ...policy, minYearsAtCurrentLevel: 6, paMinPercentPerEvaluator: 80, paCyclesRequired: 2 };
    expect(failing(application(), strict).map((r) => r.criterion)).toEqual(['years_at_level', 'pa_results']);
  });
});

describe('pass rule (a parameter per level)', () => {
  it('by default needs every evaluator at least 70 % on each aspect', () => {
    const rule = DEFAULT_POLICY.levels.professional.passRule;
    expect(rule).toEqual({ kind: 'every_evaluator_at_least', minPercent: 70 });
    expect(aspectPasses([70, 88, 95], rule)).toBe(true);
    expect(aspectPasses([69.99, 88, 95], rule)).toBe(false);
    expect(aspectPasses([], rule)).toBe(false);
    const scores = [1, 2, 3].flatMap((i) => [
      { aspect: 1 as const, evaluatorId: `a${i}`, percent: 80 },
      { aspect: 2 as const, evaluatorId: `b${i}`, percent: i === 3 ? 60 : 80 },
    ]);
    expect(evaluationVerdict(scores, rule)).toEqual({
      passed: false,
      aspects: [
        { aspect: 1, scores: [80, 80, 80], passed: true },
        { aspect: 2, scores: [80, 80, 60], passed: false },
      ],
    });
  });

  it('offers an average and a majority rule', () => {
    expect(aspectPasses([60, 75, 75], { kind: 'average_at_least', minPercent: 70 })).toBe(true);
    expect(aspectPasses([60, 75, 74], { kind: 'average_at_least', minPercent: 70 })).toBe(false);
    expect(aspectPasses([60, 75, 75], { kind: 'majority_at_least', minPercent: 70 })).toBe(true);
    expect(aspectPasses([60, 65, 75], { kind: 'majority_at_least', minPercent: 70 })).toBe(false);
  });
});

describe('policy per level and effective date', () => {
  it('has a default for every level, validated, with ก.ค.ศ. approval only for เชี่ยวชาญพิเศษ', () => {
    expect(PolicyVersion.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(LEVELS.map((l) => DEFAULT_POLICY.levels[l].kks)).toEqual(['report', 'report', 'report', 'approval']);
    expect(LEVELS.map((l) => DEFAULT_POLICY.levels[l].revision.allowed)).toEqual([false, false, true, true]);
    expect(LEVELS.map((l) => DEFAULT_POLICY.levels[l].requiresPreAppointmentDevelopment)).toEqual([false, true, true, false]);
  });

  it('picks the version in force on the filing day', () => {
    const later = PolicyVersion.parse({
      ...DEFAULT_POLICY,
      effectiveFrom: '2026-01-01',
      legalRef: 'ว ทดสอบ/2569',
      levels: { ...DEFAULT_POLICY.levels, professional: { ...DEFAULT_POLICY.levels.professional, minYearsAtCurrentLevel: 2 } },
    });
    const versions = [DEFAULT_POLICY, later];
    expect(policyVersionOn('2025-12-31', versions).legalRef).toBe('ว 9/2564');
    expect(policyVersionOn('2026-01-01', versions).legalRef).toBe('ว ทดสอบ/2569');
    expect(casePolicyFor('professional', '2026-03-01', versions)).toMatchObject({
      level: 'professional',
      minYearsAtCurrentLevel: 2,
      legalRef: 'ว ทดสอบ/2569',
    });
    expect(() => policyVersionOn('2020-01-01', versions)).toThrow(RangeError);
  });

  it('refuses a policy that makes no sense', () => {
    expect(
      PolicyVersion.safeParse({
        ...DEFAULT_POLICY,
        levels: { ...DEFAULT_POLICY.levels, expert: { ...DEFAULT_POLICY.levels.expert, evaluatorsPerAspect: 0 } },
      }).success,
    ).toBe(false);
  });

  it('lets a failed teacher refile from the next semester (16 May, 1 Nov by default)', () => {
    const s = DEFAULT_POLICY.semesterStarts;
    expect(nextSemesterStart('2025-06-20', s)).toBe('2025-11-01');
    expect(nextSemesterStart('2025-11-01', s)).toBe('2026-05-16');
    expect(nextSemesterStart('2025-12-30', s)).toBe('2026-05-16');
    expect(nextSemesterStart('2026-02-01', s)).toBe('2026-05-16');
  });
});

describe('the status a teacher sees', () => {
  it('uses the words of the real reports, for every step of the workflow', () => {
    // every step of every version a case may be at (version 3 adds the steps that wait for the notification)
    expect(Object.keys(STATUS_OF_STEP).sort()).toEqual(
      [...new Set([...academicStanding.leafSteps, ...academicStandingV3.leafSteps].map((s) => s.path))].sort(),
    );
    expect(TEACHER_STATUS_LABELS.passed.th).toBe('ผ่าน');
    expect(TEACHER_STATUS_LABELS.failed.th).toBe('ไม่ผ่าน');
    expect(TEACHER_STATUS_LABELS.under_evaluation.th).toBe('อยู่ระหว่างการประเมิน');
    expect(TEACHER_STATUS_LABELS.under_revision.th).toBe('อยู่ระหว่างการปรับปรุงผลงานวิชาการ');
    expect(STATUS_OF_STEP.revision).toBe('under_revision');
  });
});

describe('percentages', () => {
  it('rounds half up in integers: 96/99 is 96.97, not the 96.57 the document printed', () => {
    expect(percentOf(96, 99).text).toBe('96.97');
    expect(percentOf(3, 99).text).toBe('3.03');
    expect(percentOf(30, 33).text).toBe('90.91');
    expect(percentOf(3, 33).text).toBe('9.09');
    expect(percentOf(1, 8).text).toBe('12.50');
    expect(percentOf(1, 200).text).toBe('0.50');
    expect(percentOf(1, 400).text).toBe('0.25');
    expect(percentOf(1, 800).text).toBe('0.13');
    expect(percentOf(0, 0).text).toBe('0.00');
    expect(percentOf(4, 4).text).toBe('100.00');
    expect(() => percentOf(5, 4)).toThrow(RangeError);
  });

  it('groups a cohort by level and position, in the reports’ order', () => {
    const rows: CohortRow[] = [
      { position: 'supervisor', targetLevel: 'expert', status: 'under_revision' },
      { position: 'teacher', targetLevel: 'professional', status: 'passed' },
      { position: 'school_director', targetLevel: 'expert', status: 'failed' },
    ];
    expect(summarizeCohort(rows).groups.map((g) => g.label.th)).toEqual(['ครูชำนาญการ', 'ผู้อำนวยการเชี่ยวชาญ', 'ศึกษานิเทศก์เชี่ยวชาญ']);
  });
});

describe('the monthly batch of pre-appointment development', () => {
  it('closes the schools’ window on the 5th at 16:30, moved to a working day', () => {
    expect(monthlyCutoff('2025-06-01T03:00:00Z')).toBe('2025-06-05T09:30:00.000Z'); // Thu 5 Jun 2568
    expect(monthlyCutoff('2025-10-20T03:00:00Z')).toBe('2025-10-06T09:30:00.000Z'); // Sun 5 Oct → Mon 6 Oct
    expect(monthlyCutoff('2026-04-02T03:00:00Z')).toBe('2026-04-07T09:30:00.000Z'); // Sun 5 Apr; Mon 6 Apr is Chakri Day → Tue 7 Apr
  });

  it('puts a request in the batch of its forwarding deadline (the next 10th)', () => {
    expect(batchMonthOf('2025-06-06T03:00:00Z')).toBe('2025-06');
    expect(batchMonthOf('2025-06-10T10:00:00Z')).toBe('2025-07'); // after 16:30 on the 10th
    expect(batchMonthOf('2025-06-20T03:00:00Z')).toBe('2025-07');
  });
});
