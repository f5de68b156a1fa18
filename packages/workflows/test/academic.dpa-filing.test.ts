/**
 * academic-standing version 4 (issue 21): the HR officer records a request
 * the teacher filed in OTEPC's DPA system (`RECORD_DPA_FILING`) — through
 * the engine, against real PostgreSQL: the case is opened by the system (the
 * import) and recorded by HR; the filing moment and the eligibility check
 * become DPA's (the evidence stays in DPA); once per case, not in the
 * future, not for a teacher, not on version 3. And the template's rows read
 * as the application (pure).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, SYSTEM_ACTOR, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { academicStandingWorkflows, casePolicyFor, parseDpaRow, type Application } from '../src/academic-standing/index';
import { createRegistry } from '../src/index';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
const clock = new ManualClock('2025-02-03T03:00:00.000Z');
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry(academicStandingWorkflows);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(office.users)) who[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

const application: Application = {
  position: 'teacher',
  currentLevel: 'none',
  currentLevelSince: '2021-01-20',
  targetLevel: 'professional',
  paResults: [2565, 2566, 2567].map((fiscalYear) => ({ fiscalYear, evaluatorPercents: [85, 80, 90] })),
  penalties: [],
  evidence: [],
};

async function open(version?: number): Promise<string> {
  return (
    await engine.startCase({
      actor: SYSTEM_ACTOR,
      workflowId: 'academic-standing',
      ...(version ? { version } : {}),
      officeId: office.officeId,
      schoolId: office.schoolIds[0]!,
      subjectPersonId: office.users.teacher.personId,
      title: 'ขอมีวิทยฐานะครูชำนาญการ',
      input: { ...application, policy: casePolicyFor('professional', '2025-01-15') },
    })
  ).caseId;
}
const contextOf = async (caseId: string) => (await engine.getCase(who.hr!, caseId)).case.snapshot as { context: Record<string, unknown> };
const record = (caseId: string, actor: Actor, payload: unknown) => engine.dispatch({ actor, caseId, type: 'RECORD_DPA_FILING', payload });

describe('academic-standing@4: a request filed in DPA, recorded by HR', () => {
  it('opens new cases on version 4, keeps 1–3, and only version 4 has the event, for HR', () => {
    const registry = createRegistry();
    expect(registry.latest('academic-standing').version).toBe(4);
    expect(registry.get('academic-standing', 3).events.RECORD_DPA_FILING).toBeUndefined();
    expect(registry.get('academic-standing', 4).events.RECORD_DPA_FILING!.roles).toEqual(['hr_officer']);
    expect(registry.get('academic-standing', 4).starters).toEqual(['teacher', 'system']);
  });

  it('records the DPA number and moment: the filing and the check become DPA’s, the evidence is in DPA; once per case', async () => {
    const caseId = await open();
    // opened on 3 Feb 2568: the 4 years at the level since 20 Jan 2564 are reached, the evidence is missing here —
    // but the day that counts is DPA's 15 Jan, and the evidence is in DPA
    const opened = (await contextOf(caseId)).context.eligibility as { reasons: { criterion: string; ok: boolean }[] };
    expect(opened.reasons.filter((r) => !r.ok).map((r) => r.criterion)).toEqual(['evidence']);
    await record(caseId, who.hr!, { dpaRef: 'DPA-68-1', occurredAt: '2025-01-15T02:30:00.000Z' });
    const { context } = await contextOf(caseId);
    expect(context.filedAt).toBe('2025-01-15T02:30:00.000Z');
    expect(context.dpaFiling).toMatchObject({
      system: 'DPA',
      ref: 'DPA-68-1',
      filedAt: '2025-01-15T02:30:00.000Z',
      recordedBy: office.users.hr.userId,
    });
    const eligibility = context.eligibility as { asOf: string; reasons: { criterion: string; ok: boolean; th: string }[] };
    expect(eligibility.asOf).toBe('2025-01-15');
    expect(eligibility.reasons.filter((r) => !r.ok).map((r) => r.criterion)).toEqual(['years_at_level']);
    expect(eligibility.reasons.find((r) => r.criterion === 'evidence')).toMatchObject({
      ok: true,
      th: 'หลักฐานประกอบคำขอยื่นไว้ในระบบ DPA (ตรวจในระบบ DPA)',
    });
    expect((await engine.getCase(who.hr!, caseId)).case.state).toBe('eligibilityCheck');
    await expect(record(caseId, who.hr!, { dpaRef: 'DPA-68-2', occurredAt: '2025-01-16T02:30:00.000Z' })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
  });

  it('refuses a moment in the future, a teacher recording it, and version 3', async () => {
    const caseId = await open();
    await expect(record(caseId, who.hr!, { dpaRef: 'DPA-68-3', occurredAt: '2025-02-04T02:30:00.000Z' })).rejects.toMatchObject({
      code: 'OCCURRED_AT_IN_FUTURE',
    });
    await expect(record(caseId, who.teacher!, { dpaRef: 'DPA-68-3', occurredAt: '2025-01-15T02:30:00.000Z' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const v3 = await engine.startCase({
      actor: who.teacher!,
      workflowId: 'academic-standing',
      version: 3,
      officeId: office.officeId,
      schoolId: office.schoolIds[0]!,
      subjectPersonId: office.users.teacher.personId,
      title: 'ขอมีวิทยฐานะครูชำนาญการ',
      input: application,
    });
    await expect(record(v3.caseId, who.hr!, { dpaRef: 'DPA-68-4', occurredAt: '2025-01-15T02:30:00.000Z' })).rejects.toMatchObject({
      code: 'UNKNOWN_EVENT',
    });
  });

  it('reads a template row as the application: the person by citizen id or position number, the PA results, the problems in words', () => {
    const cells = {
      dpaRef: 'DPA-68-9',
      filedAt: '15/1/2568 9:30',
      citizenId: '',
      positionNo: '4521',
      position: 'ครู',
      currentLevel: 'ชำนาญการ',
      currentLevelSince: '1/10/2562',
      targetLevel: 'Senior professional',
      pa1Year: '2567',
      pa1Percents: '85,90 ; 88',
      pa2Year: '',
      pa2Percents: '',
      developmentPassedOn: '12/3/2568',
    };
    const parsed = parseDpaRow({ row: 2, cells });
    expect(parsed.problems).toEqual([]);
    expect(parsed).toMatchObject({ dpaRef: 'DPA-68-9', filedAt: '2025-01-15T02:30:00.000Z', citizenId: null, positionNo: '4521' });
    expect(parsed.application).toEqual({
      position: 'teacher',
      currentLevel: 'professional',
      currentLevelSince: '2019-10-01',
      targetLevel: 'senior_professional',
      paResults: [{ fiscalYear: 2567, evaluatorPercents: [85, 90, 88] }],
      penalties: [],
      development: { passedOn: '2025-03-12' },
      evidence: [],
    });
    const bad = parseDpaRow({ row: 3, cells: { ...cells, positionNo: '', citizenId: '123', pa2Year: '67', pa2Percents: '101' } });
    expect(bad.problems.map((p) => p.th)).toEqual([
      'เลขประจำตัวประชาชนต้องมี 13 หลัก',
      '"ผล PA ปีงบประมาณ (พ.ศ.) รอบที่ 2": "67" ต้องเป็นปี พ.ศ. เช่น 2567',
      '"ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 2": "101" ต้องเป็นตัวเลข 0–100 คั่นด้วยจุลภาค เช่น 85, 90, 88',
    ]);
    expect(parseDpaRow({ row: 4, cells: { ...cells, positionNo: '' } }).problems.map((p) => p.en)).toEqual([
      'Give the citizen id or the position number',
    ]);
  });
});
