/**
 * academic-standing version 2: the grievance window after a decision closes
 * by a timed system event of its step (a timer row fired by the worker's
 * timer path as the system), not by a poller. Version 1 gets the same timer
 * rows (retrofitted: its content unchanged), also a case already waiting at
 * the step when the release came (its row planned once at start).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import { createEngine, fireDueTimerBatch, publishWorkflows, engineDeps } from '@esa-flow/engine/internal';
import { planRetrofitTimers } from '../src/retrofit';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import {
  academicStanding,
  academicStandingV1Timed,
  academicStandingV2,
  academicStandingV3,
  preAppointmentDevelopment,
  type Application,
} from '../src/academic-standing/index';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
const clock = new ManualClock('2025-06-02T03:00:00.000Z');
const who: Record<string, Actor> = {};
const bkk = (local: string) => new Date(`${local}+07:00`).toISOString();

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([academicStandingV3, academicStandingV2, academicStandingV1Timed, preAppointmentDevelopment]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(office.users)) who[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

const application: Application = {
  position: 'supervisor',
  currentLevel: 'senior_professional',
  currentLevelSince: '2019-10-01',
  targetLevel: 'expert',
  paResults: [2565, 2566, 2567].map((fiscalYear) => ({ fiscalYear, evaluatorPercents: [85, 80, 90] })),
  penalties: [{ kind: 'salary_reduction', date: '2023-01-15' }],
  development: { passedOn: '2025-03-12' },
  evidence: [
    { kind: 'pa_results', title: 'PA' },
    { kind: 'development_certificate', title: 'วุฒิบัตร' },
    { kind: 'academic_work', title: 'ผลงานทางวิชาการ' },
  ],
};

async function ineligible(version: number): Promise<string> {
  clock.set(bkk('2025-06-02T11:00:00'));
  const { caseId } = await engine.startCase({
    actor: who.teacher!,
    workflowId: 'academic-standing',
    version,
    officeId: office.officeId,
    schoolId: office.schoolIds[0],
    subjectPersonId: office.users.teacher.personId,
    title: 'ขอเลื่อนวิทยฐานะ (ไม่มีคุณสมบัติ)',
    input: application,
  });
  await engine.dispatch({ actor: who.hr!, caseId, type: 'REJECT_INELIGIBLE', payload: { note: 'ถูกลงโทษลดเงินเดือน' } });
  return caseId;
}
const stateOf = async (caseId: string) =>
  (await tdb.db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirstOrThrow()).state;

describe('academic-standing 2: windows closed by timed system events', () => {
  it('closes the grievance window one second after its moment, once, through the timer path; version 1 too (retrofitted), also a case filed before the release', async () => {
    const timed = await ineligible(2);
    const old = await ineligible(1);
    // a version 1 case that was waiting at the step before this release: opened by an engine without the retrofit, so no row
    const before = createEngine({ db: tdb.db, registry: new WorkflowRegistry([academicStanding]), clock });
    clock.set(bkk('2025-06-02T11:00:00'));
    const waiting = (
      await before.startCase({
        actor: who.teacher!,
        workflowId: 'academic-standing',
        version: 1,
        officeId: office.officeId,
        schoolId: office.schoolIds[0],
        subjectPersonId: office.users.teacher.personId,
        title: 'ค้างอยู่ก่อน',
        input: application,
      })
    ).caseId;
    await before.dispatch({ actor: who.hr!, caseId: waiting, type: 'REJECT_INELIGIBLE', payload: { note: 'ถูกลงโทษลดเงินเดือน' } });
    const rowsOf = (caseId: string) =>
      tdb.db.selectFrom('sla_timers').selectAll().where('case_id', '=', caseId).where('kind', '=', 'system_event').execute();
    expect(await rowsOf(waiting)).toEqual([]);
    // the first maintenance pass of a process plans it, once
    expect(await planRetrofitTimers(engine)).toBe(1);
    expect(await planRetrofitTimers(engine)).toBe(0);

    const closing = new Date(Date.parse(bkk('2025-07-02T16:30:00')) + 1000).toISOString();
    const timers = [];
    for (const caseId of [timed, old, waiting]) {
      const rows = await rowsOf(caseId);
      expect(rows.map((t) => [t.step, t.event, t.fire_at.toISOString()])).toEqual([['notEligible', 'GRIEVANCE_WINDOW_CLOSED', closing]]);
      timers.push(rows[0]!.id);
    }

    clock.set(bkk('2025-07-02T16:30:00'));
    const early = await fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: 'w1' });
    expect(timers.map((id) => early.outcomes.get(id))).toEqual([undefined, undefined, undefined]);
    clock.set(bkk('2025-07-02T16:30:01'));
    const [a, b] = await Promise.all([
      fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: 'w1' }),
      fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: 'w2' }),
    ]);
    for (const id of timers) expect([a.outcomes.get(id), b.outcomes.get(id)].filter((o) => o === 'fired')).toHaveLength(1);
    for (const caseId of [timed, old, waiting]) {
      expect(await stateOf(caseId)).toBe('closedNotEligible');
      const closings = await tdb.db
        .selectFrom('case_history')
        .select('event_type')
        .where('case_id', '=', caseId)
        .where('event_type', '=', 'GRIEVANCE_WINDOW_CLOSED')
        .execute();
      expect(closings).toHaveLength(1);
    }
  });
});

describe('academic-standing 3: the grievance window counts from the day the teacher was notified', () => {
  const clockOf = (caseId: string, step: string) =>
    tdb.db
      .selectFrom('sla_clocks')
      .select(['due_at', 'started_at', 'status'])
      .where('case_id', '=', caseId)
      .where('step', '=', step)
      .executeTakeFirstOrThrow();

  it('opens the window at the recorded notification, refuses a late grievance, closes it one second after', async () => {
    const caseId = await ineligible(3);
    expect(await stateOf(caseId)).toBe('notEligible');
    expect(
      await tdb.db.selectFrom('sla_timers').select('id').where('case_id', '=', caseId).where('kind', '=', 'system_event').execute(),
    ).toEqual([]);
    // the teacher signed the notice on Thu 5 Jun 10:00; HR records it on Mon 9 Jun
    clock.set(bkk('2025-06-09T09:00:00'));
    await expect(
      engine.dispatch({
        actor: who.hr!,
        caseId,
        type: 'RESULT_NOTIFIED',
        payload: { occurredAt: bkk('2025-06-01T10:00:00'), how: 'letter' },
      }),
    ).rejects.toMatchObject({ code: 'OCCURRED_AT_TOO_EARLY' });
    await engine.dispatch({
      actor: who.hr!,
      caseId,
      type: 'RESULT_NOTIFIED',
      payload: { occurredAt: bkk('2025-06-05T10:00:00'), how: 'letter', ref: 'ที่ ศธ 04088/555' },
    });
    expect(await stateOf(caseId)).toBe('notEligibleNotified');
    // 30 days from the day after 5 Jun: Sat 5 Jul → Mon 7 Jul 16:30 (from the decision it would have been 2 Jul)
    expect(await clockOf(caseId, 'notEligibleNotified')).toMatchObject({ due_at: new Date(bkk('2025-07-07T16:30:00')), status: 'running' });
    clock.set(bkk('2025-07-07T16:30:01'));
    await expect(
      engine.dispatch({ actor: who.teacher!, caseId, type: 'FILE_GRIEVANCE', payload: { grounds: 'ไม่เป็นธรรม' } }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
    await expect(
      engine.dispatch({
        actor: who.hr!,
        caseId,
        type: 'RECORD_PAPER_GRIEVANCE',
        payload: { occurredAt: bkk('2025-07-07T16:30:01'), grounds: 'ไม่เป็นธรรม', ref: 'รับที่ 9/2568' },
      }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
    await fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: 'w3' });
    expect(await stateOf(caseId)).toBe('closedNotEligible');
  });

  it('records a grievance received on paper in time, though typed in after the window, and counts the 90 days from its receipt', async () => {
    const caseId = await ineligible(3);
    clock.set(bkk('2025-06-03T09:00:00'));
    await engine.dispatch({ actor: who.teacher!, caseId, type: 'RESULT_NOTIFIED', payload: { how: 'in_app' } }); // acknowledged in the app: now
    // window: 30 days from the day after 3 Jun → Thu 3 Jul 16:30; the letter arrived on 3 Jul 10:00, HR types it in half a second after the window (before the worker's pass)
    clock.set(bkk('2025-07-03T16:30:00.500'));
    await expect(
      engine.dispatch({ actor: who.teacher!, caseId, type: 'FILE_GRIEVANCE', payload: { grounds: 'คุณสมบัติครบ' } }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
    await engine.dispatch({
      actor: who.hr!,
      caseId,
      type: 'RECORD_PAPER_GRIEVANCE',
      payload: { occurredAt: bkk('2025-07-03T10:00:00'), grounds: 'คุณสมบัติครบ', ref: 'รับที่ 10/2568' },
    });
    expect(await stateOf(caseId)).toBe('grievance');
    // 90 calendar days from the day after 3 Jul: Wed 1 Oct 16:30
    expect(await clockOf(caseId, 'grievance')).toMatchObject({ due_at: new Date(bkk('2025-10-01T16:30:00')) });
  });
});
