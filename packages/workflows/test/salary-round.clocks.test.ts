/**
 * salary-round@2 (issue 18): every phase of the round's schedule
 * (`schedule.*DueOn`) opens an SLA clock read from the round's data, and the
 * grievance window's clock ends where the notices say. A round walked
 * through its dates with an injected clock: the reminder, due-today, overdue
 * and escalation of the appraisal at their exact moments (the office
 * calendar's holiday of 13 Oct 2568 skipped), each later phase due at 16:30
 * of its date. Real PostgreSQL, the worker's timer path.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import { createEngine, fireDueTimerBatch, publishWorkflows, engineDeps } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { salaryWorkflows } from '../src/salary/index';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
const committee: Actor = { kind: 'committee', id: randomUUID(), officeId: '' };
const clock = new ManualClock('2025-10-01T02:00:00Z');
const SCHEDULE = {
  appraisalDueOn: '2025-10-15',
  screeningDueOn: '2025-10-31',
  budgetDueOn: '2025-11-14',
  approvalDueOn: '2025-11-28',
  ordersDueOn: '2025-12-12',
};
const resolution = {
  meetingId: randomUUID(),
  itemId: randomUUID(),
  resolution: 'approve',
  note: null,
  tally: { approve: 5, reject: 0, defer: 0, abstain: 0, recused: 0 },
};
const DIGEST = 'a'.repeat(64);

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([...salaryWorkflows]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db, 'C');
  hr = await actorOf(tdb.db, office.users.hr);
  (committee as { officeId: string }).officeId = office.officeId;
});
afterAll(() => tdb.drop());

const clockOf = (caseId: string, step: string) =>
  tdb.db
    .selectFrom('sla_clocks')
    .select(['id', 'due_at', 'status'])
    .where('case_id', '=', caseId)
    .where('step', '=', step)
    .executeTakeFirstOrThrow();
/** The notifications written by timers, as kind → recipients, since a moment. */
async function fire(): Promise<{ kind: string; recipient: string }[]> {
  const before = new Date(clock.now().getTime() - 1);
  await fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: 'test' });
  return (
    await tdb.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_user_id'])
      .where('timer_id', 'is not', null)
      .where('created_at', '>', before)
      .orderBy('kind')
      .execute()
  ).map((n) => ({ kind: n.kind, recipient: n.recipient_user_id }));
}

describe('salary-round@2: the schedule’s dates are clocks', () => {
  it('walks a round through its schedule: reminders, due, overdue and escalation at their moments, each phase due at its date', async () => {
    const { caseId } = await engine.startCase({
      actor: hr,
      workflowId: 'salary-round',
      version: 2,
      officeId: office.officeId,
      title: 'รอบ 2/2568',
      input: { fiscalYearBe: 2568, round: 2, schedule: SCHEDULE },
    });
    expect(
      (await tdb.db.selectFrom('cases').select('workflow_version').where('id', '=', caseId).executeTakeFirstOrThrow()).workflow_version,
    ).toBe(2);
    const send = (type: string, payload: unknown, actor: Actor = hr) => engine.dispatch({ actor, caseId, type, payload });
    await send('ANNOUNCE_CRITERIA', { announcementRef: 'ประกาศ', announcedOn: '2025-10-01' });
    await send('BEGIN_APPRAISAL', { considered: 10, ineligible: [] });

    const appraising = await clockOf(caseId, 'appraising');
    expect(appraising.due_at).toEqual(new Date('2025-10-15T09:30:00Z')); // 16:30 on 15 Oct 2568
    const timers = await tdb.db
      .selectFrom('sla_timers')
      .select(['kind', 'fire_at'])
      .where('clock_id', '=', appraising.id)
      .where('status', '=', 'pending')
      .orderBy('fire_at')
      .execute();
    // 2 working days before Wed 15 Oct: Tue 14, then Fri 10 (Mon 13 Oct is วันนวมินทรมหาราช)
    expect(timers.map((t) => [t.kind, t.fire_at.toISOString()])).toEqual([
      ['reminder', '2025-10-10T01:30:00.000Z'],
      ['due_today', '2025-10-15T01:30:00.000Z'],
      ['overdue', '2025-10-15T09:30:00.000Z'],
      ['escalation', '2025-10-16T09:30:00.000Z'],
    ]);

    clock.set('2025-10-10T01:29:59Z');
    expect(await fire()).toEqual([]);
    clock.set('2025-10-10T01:30:00Z');
    expect(await fire()).toEqual([{ kind: 'reminder', recipient: office.users.hr.userId }]);
    clock.set('2025-10-15T01:30:00Z');
    expect(await fire()).toEqual([{ kind: 'due', recipient: office.users.hr.userId }]);
    clock.set('2025-10-15T09:29:59Z');
    expect(await fire()).toEqual([]);
    clock.set('2025-10-15T09:30:00Z');
    expect(await fire()).toEqual([{ kind: 'overdue', recipient: office.users.hr.userId }]);
    clock.set('2025-10-16T09:30:00Z'); // escalation 1: 16:30, one working day after the due day
    expect(await fire()).toEqual([{ kind: 'escalation', recipient: office.users.group.userId }]);

    clock.set('2025-10-17T02:00:00Z');
    await send('APPRAISAL_CLOSED', {});
    expect(await clockOf(caseId, 'appraising')).toMatchObject({ status: 'breached' });
    expect(await clockOf(caseId, 'screening')).toMatchObject({ due_at: new Date('2025-10-31T09:30:00Z'), status: 'running' });
    await send('SCREENING_APPROVED', resolution, committee);
    expect(await clockOf(caseId, 'screening')).toMatchObject({ status: 'met' });
    await send('APPRAISAL_RESULTS_NOTIFIED', {});
    await send('ALLOCATION_PROPOSED', {
      policy: { kind: 'percentage_pool', poolBp: 300, capBp: 600 },
      considered: 10,
      raisedCount: 9,
      eligibleSalaryTotalSatang: 30_000_000,
      poolSatang: 900_000,
      allocatedSatang: 899_000,
      digest: DIGEST,
    });
    expect(await clockOf(caseId, 'budgetReview')).toMatchObject({ due_at: new Date('2025-11-14T09:30:00Z') });
    await send('BUDGET_APPROVED', resolution, committee);
    expect(await clockOf(caseId, 'approval')).toMatchObject({ due_at: new Date('2025-11-28T09:30:00Z') });
    await send('ROUND_APPROVED', resolution, committee);
    await send('RESULTS_PUBLISHED', { announcementRef: 'ประกาศรายชื่อ', digest: DIGEST, listed: {}, windowEndsAt: '2025-11-17T09:30:00Z' });
    expect(await clockOf(caseId, 'ordering')).toMatchObject({ due_at: new Date('2025-12-12T09:30:00Z') });
    await send('ORDERS_ISSUED', {
      orders: [{ ref: 'คำสั่ง 1/2568', issuedOn: '2025-10-20', authority: 'area_director', schoolId: null, count: 9 }],
    });
    expect(await clockOf(caseId, 'ordering')).toMatchObject({ status: 'met' });
    expect(await clockOf(caseId, 'grievanceWindow')).toMatchObject({ due_at: new Date('2025-11-17T09:30:00Z'), status: 'running' });
  });
});
