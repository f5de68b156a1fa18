/**
 * The office's day-count policy (issue 18, docs/sla.md "The office's day-count
 * policy"): the SOP steps whose sources say only "วัน" count calendar days
 * or working days as the office decides — versioned, effective-dated data,
 * read when the clock opens — not a constant in the workflow code. Injected
 * clock, real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import {
  addCalendarDay,
  changeDeadlinePolicy,
  createEngine,
  dayCountPolicyAt,
  deadlinePolicyOf,
  fireDueTimerBatch,
  publishWorkflows,
  engineDeps,
} from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { sopAwardSelectionV3, sopDevelopmentPlan, sopDevelopmentPlanV2, sopLaterVersions } from '../src/sops/index';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
let admin: Actor;
// Thu 3 Jul 2568, 10:00 Bangkok
const clock = new ManualClock('2025-07-03T03:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sopDevelopmentPlan, sopDevelopmentPlanV2, sopAwardSelectionV3]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db, 'P');
  [hr, admin] = await Promise.all([actorOf(tdb.db, office.users.hr), actorOf(tdb.db, office.users.admin)]);
  // the office is closed on Mon 7 Jul 2568
  await addCalendarDay(engineDeps(engine), admin, {
    date: '2025-07-07',
    kind: 'office_closure',
    officeId: office.officeId,
    nameTh: 'ปิดสำนักงานย้ายอาคาร',
    nameEn: 'Office moving',
    source: 'คำสั่ง สพป. ที่ 1/2568',
  });
});
afterAll(() => tdb.drop());

const clockOf = (caseId: string, step: string) =>
  tdb.db
    .selectFrom('sla_clocks')
    .select(['due_at', 'spec', 'due_basis'])
    .where('case_id', '=', caseId)
    .where('step', '=', step)
    .executeTakeFirstOrThrow();

/** A development plan whose draft is finished now: `appointingCommittee` ("ภายใน 3 วัน หลังจาก…ร่าง…แล้วเสร็จ") opens its clock. */
async function draftFinished(): Promise<string> {
  const { caseId } = await engine.startCase({
    actor: hr,
    workflowId: 'sop-development-plan',
    officeId: office.officeId,
    title: 'แผนพัฒนาครู 2569',
    input: { fiscalYear: 2569 },
  });
  await engine.dispatch({ actor: hr, caseId, type: 'DATA_COLLECTED', payload: {} });
  await engine.dispatch({ actor: hr, caseId, type: 'PROJECTS_SELECTED', payload: { actionPlanApprovedOn: '2025-06-30', projectCount: 4 } });
  await engine.dispatch({ actor: hr, caseId, type: 'DRAFT_COMPLETED', payload: { dataComplete: true } });
  return caseId;
}

describe('the day-count policy of the SOP steps that say only “วัน”', () => {
  it('every later SOP version counts its open “วัน” as office_days; the published first versions keep calendar days', () => {
    expect(sopDevelopmentPlanV2.steps.appointingCommittee!.deadline).toMatchObject({
      kind: 'office_days',
      days: 3,
      phrase: 'ภายใน 3 วัน หลังจากดำเนินการจัดทำร่างแผนพัฒนาครูฯ แล้วเสร็จ',
    });
    expect(sopDevelopmentPlan.steps.appointingCommittee!.deadline).toMatchObject({ kind: 'calendar_days', days: 3 });
    expect(sopAwardSelectionV3.steps['afterClosing.documents.checkingDocuments']!.deadline).toMatchObject({
      kind: 'from_data',
      plus: { unit: 'office_days', days: 2 },
    });
    for (const def of sopLaterVersions.filter((d) => d.version > 1 && !(d.id === 'sop-award-selection' && d.version === 2))) {
      const kinds = Object.values(def.steps).map(
        (s) => (s.deadline as { kind?: string; unit?: string; plus?: { unit?: string } } | undefined) ?? {},
      );
      expect(kinds.filter((k) => k.kind === 'calendar_days' || k.unit === 'calendar_days' || k.plus?.unit === 'calendar_days')).toEqual([]);
    }
  });

  it('the same step opens a clock in calendar days under the default and in working days (weekend and office closure skipped) under the other', async () => {
    // default (no row): calendar days, what the sources imply
    expect(await dayCountPolicyAt(tdb.db, office.officeId, clock.now())).toEqual({ version: 0, dayCount: 'calendar_days' });
    const calendarCase = await draftFinished();
    // Thu 3 Jul + 3 calendar days = Sun 6 Jul → the next working day: Mon 7 is closed, so Tue 8 Jul 16:30
    const c1 = await clockOf(calendarCase, 'appointingCommittee');
    expect(c1.due_at).toEqual(new Date('2025-07-08T09:30:00Z'));
    expect(c1.spec).toMatchObject({ kind: 'calendar_days', days: 3, officePolicy: { dayCount: 'calendar_days', version: 0 } });

    // the office admin switches to working days, from now
    const { policy, changed } = await changeDeadlinePolicy(tdb.db, {
      actor: admin,
      officeId: office.officeId,
      dayCount: 'working_days',
      reason: 'คำสั่ง สพป. ที่ 12/2568',
      now: clock.now(),
    });
    expect(changed).toBe(true);
    expect(policy.current).toMatchObject({ version: 1, dayCount: 'working_days', reason: 'คำสั่ง สพป. ที่ 12/2568' });
    expect(policy.current.changedByName).toBeTruthy();

    const workingCase = await draftFinished();
    // Fri 4 (1), Sat–Sun off, Mon 7 closed, Tue 8 (2), Wed 9 (3): Wed 9 Jul 16:30
    const c2 = await clockOf(workingCase, 'appointingCommittee');
    expect(c2.due_at).toEqual(new Date('2025-07-09T09:30:00Z'));
    expect(c2.spec).toMatchObject({ kind: 'working_days', days: 3, officePolicy: { dayCount: 'working_days', version: 1 } });

    // a clock already open keeps what it read
    expect((await clockOf(calendarCase, 'appointingCommittee')).due_at).toEqual(new Date('2025-07-08T09:30:00Z'));
  });

  it('a change effective later applies from then on; who changed it when is kept; non-admins and bad input are refused', async () => {
    const later = new Date('2025-07-10T17:00:00Z'); // Fri 11 Jul 00:00 Bangkok
    await changeDeadlinePolicy(tdb.db, {
      actor: admin,
      officeId: office.officeId,
      dayCount: 'calendar_days',
      effectiveFrom: later,
      reason: 'กลับไปนับวันตามปฏิทิน',
      now: clock.now(),
    });
    const policy = await deadlinePolicyOf(tdb.db, office.officeId, clock.now());
    expect(policy.current).toMatchObject({ version: 1, dayCount: 'working_days' });
    expect(policy.scheduled).toEqual([expect.objectContaining({ version: 2, dayCount: 'calendar_days', effectiveFrom: later })]);
    expect(policy.history.map((v) => v.version)).toEqual([2, 1]);
    expect(await dayCountPolicyAt(tdb.db, office.officeId, later)).toEqual({ version: 2, dayCount: 'calendar_days' });
    // the same request again writes nothing
    expect(
      (
        await changeDeadlinePolicy(tdb.db, {
          actor: admin,
          officeId: office.officeId,
          dayCount: 'calendar_days',
          effectiveFrom: later,
          reason: 'ซ้ำ',
          now: clock.now(),
        })
      ).changed,
    ).toBe(false);

    await expect(
      changeDeadlinePolicy(tdb.db, { actor: hr, officeId: office.officeId, dayCount: 'calendar_days', reason: 'x', now: clock.now() }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      changeDeadlinePolicy(tdb.db, { actor: admin, officeId: office.officeId, dayCount: 'calendar_days', reason: '  ', now: clock.now() }),
    ).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    await expect(
      changeDeadlinePolicy(tdb.db, {
        actor: admin,
        officeId: office.officeId,
        dayCount: 'calendar_days',
        effectiveFrom: new Date('2025-07-01T00:00:00Z'),
        reason: 'ย้อนหลัง',
        now: clock.now(),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });

    // on Fri 11 Jul the scheduled version is in force: calendar days again
    clock.set('2025-07-11T03:00:00Z');
    const caseId = await draftFinished();
    // Fri 11 + 3 = Mon 14 Jul 16:30 (calendar), working days would give Wed 16
    expect(await clockOf(caseId, 'appointingCommittee')).toMatchObject({
      due_at: new Date('2025-07-14T09:30:00Z'),
      spec: expect.objectContaining({ officePolicy: { dayCount: 'calendar_days', version: 2 } }),
    });
  });

  it('a working-days clock reminds, is due, overdue and escalates at its exact moments (the office’s closure skipped)', async () => {
    const q = await seedOffice(tdb.db, 'Q');
    const [qAdmin, qHr] = await Promise.all([actorOf(tdb.db, q.users.admin), actorOf(tdb.db, q.users.hr)]);
    await addCalendarDay(engineDeps(engine), qAdmin, {
      date: '2025-07-16',
      kind: 'office_closure',
      officeId: q.officeId,
      nameTh: 'ปิดสำนักงาน',
      nameEn: 'Closed',
      source: 'คำสั่ง สพป. ที่ 2/2568',
    });
    clock.set('2025-07-14T03:00:00Z'); // Mon 14 Jul 2568, 10:00
    await changeDeadlinePolicy(tdb.db, {
      actor: qAdmin,
      officeId: q.officeId,
      dayCount: 'working_days',
      reason: 'คำสั่ง สพป. ที่ 3/2568',
      now: clock.now(),
    });
    const { caseId } = await engine.startCase({
      actor: qHr,
      workflowId: 'sop-development-plan',
      officeId: q.officeId,
      title: 'แผนพัฒนาครู',
      input: { fiscalYear: 2569 },
    });
    await engine.dispatch({ actor: qHr, caseId, type: 'DATA_COLLECTED', payload: {} });
    await engine.dispatch({
      actor: qHr,
      caseId,
      type: 'PROJECTS_SELECTED',
      payload: { actionPlanApprovedOn: '2025-06-30', projectCount: 2 },
    });
    await engine.dispatch({ actor: qHr, caseId, type: 'DRAFT_COMPLETED', payload: { dataComplete: true } });
    // Tue 15 (1), Wed 16 closed, Thu 17 (2), Fri 18 (3): due Fri 18 Jul 16:30
    expect((await clockOf(caseId, 'appointingCommittee')).due_at).toEqual(new Date('2025-07-18T09:30:00Z'));

    const firedAt = async (iso: string) => {
      clock.set(new Date(Date.parse(iso) - 1).toISOString());
      await fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: 'early' });
      const early = await tdb.db
        .selectFrom('notifications')
        .select('kind')
        .where('case_id', '=', caseId)
        .where('created_at', '>=', new Date(Date.parse(iso) - 1))
        .execute();
      clock.set(iso);
      await fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: 'on-time' });
      const rows = await tdb.db
        .selectFrom('notifications')
        .select(['kind', 'recipient_user_id'])
        .where('case_id', '=', caseId)
        .where('created_at', '=', new Date(iso))
        .where('timer_id', 'is not', null)
        .execute();
      return { early: early.length, told: rows.map((r) => [r.kind, r.recipient_user_id]) };
    };
    // the reminder 2 working days before the due day: Thu 17 (1), Tue 15 (2), 08:30
    expect(await firedAt('2025-07-15T01:30:00Z')).toEqual({ early: 0, told: [['reminder', q.users.hr.userId]] });
    expect(await firedAt('2025-07-18T01:30:00Z')).toEqual({ early: 0, told: [['due', q.users.hr.userId]] });
    expect(await firedAt('2025-07-18T09:30:00Z')).toEqual({ early: 0, told: [['overdue', q.users.hr.userId]] });
    // the first escalation, 1 working day after the due day: Mon 21 Jul 16:30, to the group director
    expect(await firedAt('2025-07-21T09:30:00Z')).toEqual({ early: 0, told: [['escalation', q.users.group.userId]] });
  });
});
