/**
 * Clocks anchored where the sources count from (issue 18), with an injected
 * clock and real PostgreSQL:
 * - sop-award-selection@2: "ภายใน 2 หลังจากครบกำหนดการรับสมัคร" counts from the
 *   close of applications the selection calendar set, not from the officer's
 *   click;
 * - pre-appointment-development@2: the school's "ภายในวันที่ ๕ ของทุกเดือน" is a
 *   clock on the school's side with a reminder, and recording the result
 *   "ภายใน 1 วัน นับจากสถาบันอุดมศึกษาแจ้งผล" counts from when the university
 *   reported (`occurredAt`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import { createEngine, fireDueTimerBatch, publishWorkflows, engineDeps } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { preAppointmentDevelopmentV2, type DevelopmentContext } from '../src/academic-standing/index';
import { sopAwardSelectionV2 } from '../src/sops/index';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
let director: Actor;
const clock = new ManualClock('2025-05-02T02:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sopAwardSelectionV2, preAppointmentDevelopmentV2]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db, 'N');
  [hr, director] = await Promise.all([actorOf(tdb.db, office.users.hr), actorOf(tdb.db, office.users.director)]);
});
afterAll(() => tdb.drop());

const clockOf = (caseId: string, step: string) =>
  tdb.db
    .selectFrom('sla_clocks')
    .select(['id', 'due_at', 'status', 'started_at'])
    .where('case_id', '=', caseId)
    .where('step', '=', step)
    .executeTakeFirstOrThrow();
async function fire(caseId?: string): Promise<{ kind: string; recipient: string; step: string }[]> {
  const before = new Date(clock.now().getTime() - 1);
  await fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: 'test' });
  return (
    await tdb.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_user_id', 'step', 'case_id'])
      .where('timer_id', 'is not', null)
      .where('created_at', '>', before)
      .orderBy('kind')
      .execute()
  )
    .filter((n) => caseId === undefined || n.case_id === caseId)
    .map((n) => ({ kind: n.kind, recipient: n.recipient_user_id, step: n.step }));
}

describe('sop-award-selection@2: the 2 days after the close of applications', () => {
  it('count from the calendar’s applicationsCloseOn, so a close recorded late is overdue at once', async () => {
    // Fri 2 May 2568, 09:00: the notice arrives; the calendar closes applications on Fri 9 May
    const { caseId } = await engine.startCase({
      actor: hr,
      workflowId: 'sop-award-selection',
      officeId: office.officeId,
      title: 'ครูดีเด่น 2568',
      input: { awardName: 'ครูดีเด่น', letterNo: 'ศธ 04009/ว 77' },
    });
    await engine.dispatch({ actor: hr, caseId, type: 'CALENDAR_SET', payload: { applicationsCloseOn: '2025-05-09' } });
    await engine.dispatch({ actor: hr, caseId, type: 'CRITERIA_ANNOUNCED', payload: {} });
    // the officer records the close on Wed 14 May, 10:00
    clock.set('2025-05-14T03:00:00Z');
    await engine.dispatch({ actor: hr, caseId, type: 'APPLICATIONS_CLOSED', payload: { applications: 4 } });
    // day 2 after 9 May is Sun 11 May, วันวิสาขบูชา, and Mon 12 its substitution day: Tue 13 May 16:30 (from the click it would be Fri 16 May)
    for (const step of ['afterClosing.documents.checkingDocuments', 'afterClosing.committee.appointingCommittee']) {
      expect(await clockOf(caseId, step)).toMatchObject({
        due_at: new Date('2025-05-13T09:30:00Z'),
        status: 'running',
        started_at: new Date('2025-05-14T03:00:00Z'),
      });
    }
    // already past due: the next pass of the worker marks both overdue and tells the officer
    expect(
      (await fire())
        .filter((n) => n.kind === 'overdue')
        .map((n) => n.step)
        .sort(),
    ).toEqual(['afterClosing.committee.appointingCommittee', 'afterClosing.documents.checkingDocuments']);
  });
});

describe('pre-appointment-development@2', () => {
  it('the school’s “by the 5th” is a clock with a reminder; the 1 day to record counts from the university’s report', async () => {
    // Tue 1 Jul 2568, 09:00: the school opens the request
    clock.set('2025-07-01T02:00:00Z');
    const { caseId, state } = await engine.startCase({
      actor: director,
      workflowId: 'pre-appointment-development',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title: 'พัฒนาก่อนแต่งตั้ง',
      input: { targetLevel: 'senior_professional', formReference: 'คำขอ 12/2568', university: 'มหาวิทยาลัยนเรศวร' },
    });
    expect(state).toBe('schoolSubmission');
    // the 5th is a Saturday: due Mon 7 Jul 16:30; reminded 2 working days before, Thu 3 Jul 08:30
    const school = await clockOf(caseId, 'schoolSubmission');
    expect(school.due_at).toEqual(new Date('2025-07-07T09:30:00Z'));
    clock.set('2025-07-03T01:29:59Z');
    expect(await fire(caseId)).toEqual([]);
    clock.set('2025-07-03T01:30:00Z');
    expect(await fire(caseId)).toEqual([{ kind: 'reminder', recipient: office.users.director.userId, step: 'schoolSubmission' }]);

    clock.set('2025-07-04T03:00:00Z');
    await engine.dispatch({ actor: director, caseId, type: 'SEND_TO_AREA', payload: {} });
    expect(await clockOf(caseId, 'schoolSubmission')).toMatchObject({ status: 'met' });
    // the area's 1 day counts from the school's sending: Sat 5 → Mon 7 Jul 16:30
    expect(await clockOf(caseId, 'areaCheck')).toMatchObject({ due_at: new Date('2025-07-07T09:30:00Z') });
    await engine.dispatch({ actor: hr, caseId, type: 'PRESENT_TO_SUPERIORS', payload: {} });
    clock.set('2025-07-08T03:00:00Z');
    await engine.dispatch({
      actor: hr,
      caseId,
      type: 'FORWARD_TO_UNIVERSITY',
      payload: { university: 'มหาวิทยาลัยนเรศวร', letterNo: 'ศธ 04088/123' },
    });

    // the university's letter reached the area on Mon 18 Aug, 10:00; the officer records it on Wed 20 Aug
    clock.set('2025-08-20T03:00:00Z');
    const report = (occurredAt: string) =>
      engine.dispatch({ actor: hr, caseId, type: 'UNIVERSITY_REPORTED', payload: { passed: true, letterNo: 'มน 0601/77', occurredAt } });
    await expect(report('2025-07-07T03:00:00Z')).rejects.toMatchObject({ code: 'OCCURRED_AT_TOO_EARLY' });
    await expect(report('2025-08-21T03:00:00Z')).rejects.toMatchObject({ code: 'OCCURRED_AT_IN_FUTURE' });
    await report('2025-08-18T03:00:00Z');
    // 1 day from the report: Tue 19 Aug 16:30, already past when it is typed in
    expect(await clockOf(caseId, 'recordingResult')).toMatchObject({
      due_at: new Date('2025-08-19T09:30:00Z'),
      started_at: new Date('2025-08-20T03:00:00Z'),
    });
    const ctx = (
      (await tdb.db.selectFrom('cases').select('snapshot').where('id', '=', caseId).executeTakeFirstOrThrow()).snapshot as {
        context: DevelopmentContext;
      }
    ).context;
    expect(ctx).toMatchObject({
      submittedAt: '2025-07-04T03:00:00.000Z',
      submittedLate: false,
      result: { passed: true, reportedAt: '2025-08-18T03:00:00Z' },
    });
  });
});
