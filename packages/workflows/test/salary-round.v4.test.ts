/**
 * salary-round@4 (issue 22): a new round opens at version 4 and opens its
 * children as salary-raise@4 — each person's grievance window counts from the
 * day THAT person was notified (ม.121/122/123), for the round's own
 * `grievanceWindowDays` — while a round running at version 3 keeps opening
 * salary-raise@3. Through the host functions (startSalaryRound,
 * openRoundAppraisal), injected clock, real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, SYSTEM_ACTOR, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { LATEST_SALARY_ROUND_VERSION, openRoundAppraisal, roundChildren, salaryWorkflows, startSalaryRound } from '../src/salary/index';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
let director: Actor;
// Tue 1 Oct 2567 (2024), 09:00 Bangkok: round 1 of FY 2568 is opened
const clock = new ManualClock('2024-10-01T02:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([...salaryWorkflows]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db, 'V4');
  [hr, director] = await Promise.all([actorOf(tdb.db, office.users.hr), actorOf(tdb.db, office.users.director)]);
});
afterAll(() => tdb.drop());

const roster = () => [
  {
    personnelNo: 'P000401',
    personId: office.users.teacher.personId,
    schoolId: office.schoolIds[0],
    nameTh: 'นางสาวทดสอบ ใจดี',
    position: 'ครู',
    salarySatang: 3_000_000,
    baseSatang: 2_998_000,
    serviceStartedOn: '2012-05-16',
  },
];
let v4Child = '';
const caseRow = (id: string) =>
  tdb.db.selectFrom('cases').select(['state', 'workflow_version', 'snapshot']).where('id', '=', id).executeTakeFirstOrThrow();

/** Opens a round (at the given version, or the default) and its appraisal: its one child. */
async function openedRound(
  params: { fiscalYearBe: number; round: 1 | 2; grievanceWindowDays?: number },
  version?: 3,
): Promise<{ roundId: string; childId: string }> {
  const { caseId: roundId } = await startSalaryRound(engine, hr, { officeId: office.officeId, params, ...(version ? { version } : {}) });
  await engine.dispatch({
    actor: hr,
    caseId: roundId,
    type: 'ANNOUNCE_CRITERIA',
    payload: { announcementRef: 'ประกาศ สพป.', announcedOn: '2024-10-01' },
  });
  const opened = await openRoundAppraisal(engine, hr, { roundCaseId: roundId, roster: roster() });
  expect(opened).toMatchObject({ invalidRows: [], ineligible: [], opening: { total: 1 } });
  const [child] = await roundChildren(engine, hr, roundId);
  return { roundId, childId: child!.caseId };
}

describe('salary-round@4: a new round’s children are salary-raise@4', () => {
  it('a new round opens at version 4; its child at salary-raise@4 with the round’s grievance window; a round at version 3 keeps salary-raise@3', async () => {
    expect(LATEST_SALARY_ROUND_VERSION).toBe(4);
    const v4 = await openedRound({ fiscalYearBe: 2568, round: 1, grievanceWindowDays: 23 });
    expect((await caseRow(v4.roundId)).workflow_version).toBe(4);
    const child = await caseRow(v4.childId);
    expect(child.workflow_version).toBe(4);
    v4Child = v4.childId;
    expect((child.snapshot as { context: unknown }).context).toMatchObject({
      grievanceWindowDays: 23,
      grievanceWindowFrom: null,
      person: { appraiser: { role: 'school_director', schoolId: office.schoolIds[0] } },
    });

    // a round opened at version 3 (a running one) opens its children as before
    const v3 = await openedRound({ fiscalYearBe: 2568, round: 2 }, 3);
    expect([(await caseRow(v3.roundId)).workflow_version, (await caseRow(v3.childId)).workflow_version]).toEqual([3, 3]);
    expect(((await caseRow(v3.childId)).snapshot as { context: Record<string, unknown> }).context).not.toHaveProperty(
      'grievanceWindowFrom',
    );
  });

  it('the child’s grievance window counts from the day the person was notified, for the round’s days', async () => {
    const childId = v4Child;
    // Tue 1 Apr 2568: appraised, confirmed, the raise decided and published in the app
    clock.set('2025-04-01T02:00:00Z');
    await engine.dispatch({ actor: director, caseId: childId, type: 'SUBMIT_SCORE', payload: { score: 91 } });
    await engine.dispatch({
      actor: SYSTEM_ACTOR,
      caseId: childId,
      type: 'APPRAISAL_CONFIRMED',
      payload: { score: 91, tier: 'outstanding' },
    });
    const decision = {
      raised: true,
      pctBp: 350,
      amountSatang: 105_000,
      newSalarySatang: 3_105_000,
      notRaised: null,
      limitedBy: null,
      quotaPlace: false,
      explanation: { th: ['บรรทัด'], en: ['line'] },
      digest: 'c'.repeat(64),
    };
    await engine.dispatch({ actor: SYSTEM_ACTOR, caseId: childId, type: 'RAISE_DECIDED', payload: decision });
    expect((await caseRow(childId)).state).toBe('raiseNotified');

    // Wed 23 Apr: HR records that the person received the notice by letter on Mon 21 Apr, 10:00
    clock.set('2025-04-23T02:00:00Z');
    await engine.dispatch({
      actor: hr,
      caseId: childId,
      type: 'NOTICE_RECEIVED',
      payload: { occurredAt: '2025-04-21T03:00:00Z', how: 'letter', ref: 'ศธ 04xxx/88' },
    });
    const after = await caseRow(childId);
    expect(after.state).toBe('raiseWindow');
    expect((after.snapshot as { context: unknown }).context).toMatchObject({
      grievanceWindowFrom: '2025-04-21T03:00:00Z',
      grievanceWindowDays: 23,
    });
    // Mon 21 Apr + the round's 23 days = Wed 14 May 2568, 16:30 (not the publication's 1 Apr, not the default 30 days)
    const windowClock = await tdb.db
      .selectFrom('sla_clocks')
      .select(['due_at', 'status'])
      .where('case_id', '=', childId)
      .where('step', '=', 'raiseWindow')
      .executeTakeFirstOrThrow();
    expect(windowClock).toEqual({ due_at: new Date('2025-05-14T09:30:00Z'), status: 'running' });
  });
});
