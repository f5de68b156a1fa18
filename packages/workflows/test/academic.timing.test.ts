/**
 * Time in academic standing, through the engine on real dates of 2568:
 * the evaluation clock pauses while the teacher revises the academic work
 * and resumes with the office time it had left; an unrevised case fails at
 * the moment its window passes (the overdue timer fires, then the system
 * sends REVISION_LAPSED as the worker would); the grievance window; who may
 * score; the effective date of an order; and the monthly pre-appointment
 * development batch (the 5th, 1 day, the 10th, 1 day).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addWorkingMinutes,
  createBusinessCalendar,
  ManualClock,
  SYSTEM_ACTOR,
  WorkflowRegistry,
  workingMinutesBetween,
  type Actor,
  type Engine,
} from '@esa-flow/engine';
import { createEngine, fireDueTimerBatch, fireTimer, publishWorkflows, engineDeps } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase, engineOn } from '../../engine/test/support/index';
import {
  academicStandingV1Timed,
  developmentBatchStatus,
  forwardDevelopmentBatch,
  latestDevelopmentPass,
  preAppointmentDevelopment,
  teacherStatus,
  type AcademicContext,
  type Application,
  type DevelopmentContext,
  type Evaluator,
} from '../src/academic-standing/index';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
const clock = new ManualClock('2025-06-02T03:00:00.000Z');
const who: Record<string, Actor> = {};
const evaluators: Evaluator[] = [];
const asEvaluator = new Map<string, Actor>();
let outsider: Actor;
let committee: Actor;

let passes = 0;
/** One pass of the worker's timer path: the system events it fired. */
async function systemEventsFired(): Promise<{ caseId: string; event: string }[]> {
  const tag = `academic-${++passes}`;
  for (let k = 0; k < 20; k++) if ((await fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: tag })).outcomes.size === 0) break;
  const rows = await tdb.db
    .selectFrom('sla_timers')
    .select(['case_id', 'event'])
    .where('fired_by', '=', tag)
    .where('kind', '=', 'system_event')
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, event: r.event! }));
}

/** Bangkok wall time → ISO instant. */
const bkk = (local: string) => new Date(`${local}+07:00`).toISOString();

beforeAll(async () => {
  tdb = await createTestDatabase();
  // version 1, whose closing events are its retrofitted timed system events (no poller)
  const registry = new WorkflowRegistry([academicStandingV1Timed, preAppointmentDevelopment]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(office.users)) who[k] = await actorOf(tdb.db, u);
  for (let i = 1; i <= 7; i++) {
    const person = await tdb.db
      .insertInto('people')
      .values({ first_name_th: `ผู้ประเมิน${i}`, last_name_th: 'ทดสอบ', office_id: office.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await tdb.db
      .insertInto('users')
      .values({ username: `ev-${i}-${randomUUID().slice(0, 8)}`, person_id: person.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tdb.db
      .insertInto('role_assignments')
      .values({ user_id: user.id, role: 'committee_member', office_id: office.officeId, school_id: null, valid_from: '2020-01-01' })
      .execute();
    const actor = await actorOf(tdb.db, { userId: user.id });
    if (i === 7) outsider = actor;
    else {
      evaluators.push({ userId: user.id, personId: person.id, name: `ผู้ประเมิน${i} ทดสอบ` });
      asEvaluator.set(user.id, actor);
    }
  }
  committee = { kind: 'committee', id: randomUUID(), officeId: office.officeId };
});
afterAll(() => tdb.drop());

const resolution = (r: 'approve' | 'reject') => ({
  meetingId: randomUUID(),
  itemId: randomUUID(),
  resolution: r,
  note: null,
  tally: { approve: r === 'approve' ? 5 : 0, reject: r === 'reject' ? 5 : 0, defer: 0, abstain: 0, recused: 0 },
});

function expertApplication(over: Partial<Application> = {}): Application {
  return {
    position: 'supervisor',
    currentLevel: 'senior_professional',
    currentLevelSince: '2019-10-01',
    targetLevel: 'expert',
    paResults: [2565, 2566, 2567].map((fiscalYear) => ({ fiscalYear, evaluatorPercents: [85, 80, 90] })),
    penalties: [],
    development: { passedOn: '2025-03-12' },
    evidence: [
      { kind: 'pa_results', title: 'PA' },
      { kind: 'development_certificate', title: 'วุฒิบัตร' },
      { kind: 'academic_work', title: 'ผลงานทางวิชาการ' },
    ],
    ...over,
  };
}

async function at(local: string) {
  clock.set(bkk(local));
}
const send = (actor: Actor, caseId: string, type: string, payload: unknown = {}) => engine.dispatch({ actor, caseId, type, payload });
const contextOf = async (caseId: string) =>
  (
    (await tdb.db.selectFrom('cases').select('snapshot').where('id', '=', caseId).executeTakeFirstOrThrow()).snapshot as unknown as {
      context: AcademicContext;
    }
  ).context;
const stateOf = async (caseId: string) =>
  (await tdb.db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirstOrThrow()).state;
const clocksOf = (caseId: string) => tdb.db.selectFrom('sla_clocks').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

/** Files an expert request on Mon 2 Jun 2568 10:00 and takes it to evaluation (committees approved Tue 3 Jun 10:00). */
async function toEvaluation(app: Application = expertApplication()): Promise<string> {
  await at('2025-06-02T10:00:00');
  const { caseId } = await engine.startCase({
    actor: who.teacher!,
    workflowId: 'academic-standing',
    officeId: office.officeId,
    schoolId: office.schoolIds[0],
    subjectPersonId: office.users.teacher.personId,
    title: 'ขอเลื่อนเป็นวิทยฐานะศึกษานิเทศก์เชี่ยวชาญ',
    input: app,
  });
  await send(who.hr!, caseId, 'ACCEPT_ELIGIBLE');
  await send(who.hr!, caseId, 'PROPOSE_COMMITTEES', { aspect1: evaluators.slice(0, 3), aspect2: evaluators.slice(3, 6) });
  await at('2025-06-03T10:00:00');
  await send(committee, caseId, 'COMMITTEES_APPROVED', resolution('approve'));
  return caseId;
}

const score = (caseId: string, e: Evaluator, aspect: 1 | 2, percent: number) =>
  send(asEvaluator.get(e.userId)!, caseId, 'SUBMIT_SCORE', { aspect, percent });

describe('revising the academic work', () => {
  let revised: string;

  it('pauses the evaluation clock, keeping its office time, and resumes it when the revised work comes in', async () => {
    revised = await toEvaluation();
    const [evaluation] = await clocksOf(revised);
    // 60 days from Tue 3 Jun: Sat 2 Aug, moved to Mon 4 Aug 2568 16:30 (ม.193/8)
    expect(evaluation).toMatchObject({ step: 'evaluation', status: 'running' });
    expect(evaluation!.due_at!.toISOString()).toBe(bkk('2025-08-04T16:30:00'));

    await at('2025-06-10T10:00:00');
    await score(revised, evaluators[3]!, 2, 80);
    await send(asEvaluator.get(evaluators[4]!.userId)!, revised, 'REQUEST_REVISION', { note: 'ปรับปรุงบทที่ 3 และภาคผนวก' });
    expect(await stateOf(revised)).toBe('revision');
    expect(teacherStatus(await stateOf(revised))).toBe('under_revision');

    const cal = createBusinessCalendar();
    const left = workingMinutesBetween(new Date(bkk('2025-06-10T10:00:00')), new Date(bkk('2025-08-04T16:30:00')), cal);
    const clocks = await clocksOf(revised);
    expect(clocks.find((c) => c.step === 'evaluation')).toMatchObject({ status: 'paused', remaining_minutes: left });
    // the teacher's window: 90 days from Tue 10 Jun → Mon 8 Sep 2568 16:30, in the SLA clock and in the case alike
    expect(clocks.find((c) => c.step === 'revision')!.due_at!.toISOString()).toBe(bkk('2025-09-08T16:30:00'));
    const ctx = await contextOf(revised);
    expect(ctx.revisions[0]!.dueAt).toBe(bkk('2025-09-08T16:30:00'));
    // the requester's aspect is scored again on the revised work
    expect(ctx.scores).toEqual([]);

    await at('2025-06-30T10:00:00');
    await send(who.teacher!, revised, 'SUBMIT_REVISION', { evidenceTitle: 'ผลงานทางวิชาการ ฉบับปรับปรุง' });
    const resumed = (await clocksOf(revised)).find((c) => c.step === 'evaluation')!;
    expect(resumed.status).toBe('running');
    expect(resumed.due_at!.toISOString()).toBe(addWorkingMinutes(new Date(bkk('2025-06-30T10:00:00')), left, cal).toISOString());
    expect(resumed.due_at!.getTime()).toBeGreaterThan(new Date(bkk('2025-08-04T16:30:00')).getTime());
    expect((await clocksOf(revised)).find((c) => c.step === 'revision')!.status).toBe('met');
  });

  it('passes the revised case; the order takes effect on the day the revised work came in (the default rule)', async () => {
    await at('2025-07-07T10:00:00');
    for (const [i, e] of evaluators.entries()) await score(revised, e, i < 3 ? 1 : 2, 75 + i);
    expect(await stateOf(revised)).toBe('aspect1Approval');
    await send(committee, revised, 'ASPECT1_APPROVED', resolution('approve'));
    await send(committee, revised, 'ASPECT2_APPROVED', resolution('approve'));
    expect(await stateOf(revised)).toBe('certification');
    expect(teacherStatus('certification')).toBe('passed');
    await send(who.hr!, revised, 'CERTIFY_RESULT', { dpaReference: 'DPA-2568-0042' });
    await send(who.hr!, revised, 'PREPARE_ORDER', { orderNumber: '245/2568' });
    expect((await contextOf(revised)).order).toMatchObject({ number: '245/2568', effectiveDate: '2025-06-30', signedAt: null });
    await expect(send(who.hr!, revised, 'SIGN_ORDER')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await send(who.area!, revised, 'SIGN_ORDER');
    expect(await stateOf(revised)).toBe('kksReport');
    const { historySeq } = await send(who.hr!, revised, 'KKS_REPORTED', { letterNo: 'ศธ 04xxx/777' });
    expect(await stateOf(revised)).toBe('appointed');
    const told = await tdb.db
      .selectFrom('notifications')
      .select('recipient_user_id')
      .where('case_id', '=', revised)
      .where('history_seq', '=', historySeq)
      .execute();
    expect(told.map((n) => n.recipient_user_id)).toEqual([office.users.teacher.userId]);
  });

  it('fails an unrevised case at the moment its window passes: the overdue timer fires, then the system sends REVISION_LAPSED', async () => {
    const lapsing = await toEvaluation();
    await at('2025-06-10T10:00:00');
    await send(asEvaluator.get(evaluators[3]!.userId)!, lapsing, 'REQUEST_REVISION', { note: 'ปรับปรุงทั้งเล่ม' });
    await expect(send(asEvaluator.get(evaluators[3]!.userId)!, lapsing, 'REQUEST_REVISION', { note: 'x' })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });

    // one minute before: nothing lapses, and the system may not close it early
    await at('2025-09-08T16:29:00');
    expect((await systemEventsFired()).filter((o) => o.caseId === lapsing)).toEqual([]);
    await expect(send(SYSTEM_ACTOR, lapsing, 'REVISION_LAPSED')).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    await expect(send(who.hr!, lapsing, 'REVISION_LAPSED')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // 16:31: the overdue timer of the revision step fires (the worker's job) and the teacher is told
    await at('2025-09-08T16:31:00');
    const revisionClock = (await clocksOf(lapsing)).find((c) => c.step === 'revision')!;
    const overdue = await tdb.db
      .selectFrom('sla_timers')
      .selectAll()
      .where('clock_id', '=', revisionClock.id)
      .where('kind', '=', 'overdue')
      .executeTakeFirstOrThrow();
    expect(overdue.fire_at.toISOString()).toBe(bkk('2025-09-08T16:30:00'));
    expect(await fireTimer(engineDeps(engine), overdue.id, { firedBy: 'test-worker' })).toBe('fired');
    expect(
      await tdb.db.selectFrom('notifications').select(['recipient_user_id', 'kind']).where('timer_id', '=', overdue.id).execute(),
    ).toEqual([{ recipient_user_id: office.users.teacher.userId, kind: 'overdue' }]);
    // too late to hand in the revision now
    await expect(send(who.teacher!, lapsing, 'SUBMIT_REVISION', { evidenceTitle: 'ช้าไป' })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
    // … and the worker's timer path sends the closing event as the system (a timed system event), once
    expect(await systemEventsFired()).toContainEqual({ caseId: lapsing, event: 'REVISION_LAPSED' });
    expect(await stateOf(lapsing)).toBe('failureReport');
    expect(teacherStatus('failureReport')).toBe('failed');
    expect((await contextOf(lapsing)).outcome).toEqual({ result: 'failed', at: bkk('2025-09-08T16:31:00'), reason: 'revision_lapsed' });
    const last = (await engine.getCase(who.hr!, lapsing)).history.at(-1)!;
    expect(last).toMatchObject({ eventType: 'REVISION_LAPSED', actorKind: 'system', actorRoles: ['system'] });
    expect((await systemEventsFired()).filter((o) => o.caseId === lapsing)).toEqual([]);

    // the failure is recorded with the committee's recommendations and a supervisor as adviser; refile from the next semester
    await at('2025-09-09T10:00:00');
    await send(who.hr!, lapsing, 'RECORD_FAILURE', {
      recommendations: 'ปรับปรุงผลงานให้สอดคล้องกับมาตรฐานตำแหน่ง',
      adviser: { name: 'นางสาวตัวอย่าง ศึกษานิเทศก์' },
    });
    const ctx = await contextOf(lapsing);
    expect(ctx.failure).toMatchObject({ refileFrom: '2025-11-01', adviser: { name: 'นางสาวตัวอย่าง ศึกษานิเทศก์' } });
    expect(ctx.grievanceDueAt).toBe(bkk('2025-10-09T16:30:00')); // 30 days from Tue 9 Sep
    await at('2025-10-01T10:00:00');
    await send(who.teacher!, lapsing, 'FILE_GRIEVANCE', { grounds: 'ขอขยายเวลาเนื่องจากเจ็บป่วย' });
    await send(committee, lapsing, 'GRIEVANCE_DISMISSED', resolution('reject'));
    expect(await stateOf(lapsing)).toBe('closedNotPassed');
  });
});

describe('the grievance window after a decision', () => {
  it('is open for 30 days (a parameter) and is closed by the system once it has passed', async () => {
    await at('2025-06-02T11:00:00');
    const { caseId } = await engine.startCase({
      actor: who.teacher!,
      workflowId: 'academic-standing',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title: 'ขอเลื่อนวิทยฐานะ (ไม่มีคุณสมบัติ)',
      input: expertApplication({ penalties: [{ kind: 'salary_reduction', date: '2023-01-15' }] }),
    });
    const ctx0 = await contextOf(caseId);
    expect(ctx0.eligibility.eligible).toBe(false);
    expect(ctx0.eligibility.reasons.filter((r) => !r.ok).map((r) => r.th)).toEqual([
      'ถูกลงโทษทางวินัยที่หนักกว่าโทษภาคทัณฑ์ในช่วง 4 ปีย้อนหลัง: ลดเงินเดือน (15 มกราคม 2566)',
    ]);
    // the officer cannot pass what the check fails
    await expect(send(who.hr!, caseId, 'ACCEPT_ELIGIBLE')).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    await send(who.hr!, caseId, 'REJECT_INELIGIBLE', { note: 'ถูกลงโทษลดเงินเดือนเมื่อ 15 ม.ค. 2566' });
    expect((await contextOf(caseId)).grievanceDueAt).toBe(bkk('2025-07-02T16:30:00'));
    expect(teacherStatus(await stateOf(caseId))).toBe('failed');

    await at('2025-07-02T16:31:00');
    await expect(send(who.teacher!, caseId, 'FILE_GRIEVANCE', { grounds: 'ช้าไป' })).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    expect(await systemEventsFired()).toContainEqual({ caseId, event: 'GRIEVANCE_WINDOW_CLOSED' });
    expect(await stateOf(caseId)).toBe('closedNotEligible');
  });

  it('closes every window that has passed in one pass of the worker, however many cases wait at the step, and none that has not', async () => {
    const ineligible = async (at_: string) => {
      await at(at_);
      const { caseId } = await engine.startCase({
        actor: who.teacher!,
        workflowId: 'academic-standing',
        officeId: office.officeId,
        schoolId: office.schoolIds[0],
        subjectPersonId: office.users.teacher.personId,
        title: 'ขอเลื่อนวิทยฐานะ (ไม่มีคุณสมบัติ)',
        input: expertApplication({ penalties: [{ kind: 'salary_reduction', date: '2023-01-15' }] }),
      });
      await send(who.hr!, caseId, 'REJECT_INELIGIBLE', { note: 'ถูกลงโทษลดเงินเดือน' });
      return caseId;
    };
    const due: string[] = [];
    const notYet: string[] = [];
    for (let i = 0; i < 4; i++) due.push(await ineligible('2025-06-03T10:00:00')); // windows close Thu 3 Jul 16:30
    for (let i = 0; i < 3; i++) notYet.push(await ineligible('2025-06-30T10:00:00')); // windows close at the end of July
    await at('2025-07-04T09:00:00');
    // each window is a timer row: the due ones are picked by their moment, whatever else waits at the step
    const outcomes = (await systemEventsFired()).filter((o) => due.includes(o.caseId) || notYet.includes(o.caseId));
    expect(outcomes.map((o) => o.caseId).sort()).toEqual([...due].sort());
    for (const caseId of due) expect(await stateOf(caseId)).toBe('closedNotEligible');
    for (const caseId of notYet) expect(await stateOf(caseId)).toBe('notEligible');
  });

  it('sends an upheld grievance back to a fresh evaluation', async () => {
    await at('2025-06-02T11:00:00');
    const { caseId } = await engine.startCase({
      actor: who.teacher!,
      workflowId: 'academic-standing',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title: 'ขอเลื่อนวิทยฐานะ',
      input: expertApplication(),
    });
    await send(who.hr!, caseId, 'REJECT_INELIGIBLE', { note: 'ผลงานไม่ตรงสาขา' });
    await at('2025-06-20T10:00:00');
    await send(who.teacher!, caseId, 'FILE_GRIEVANCE', { grounds: 'ผลงานตรงสาขาตามหลักฐานแนบ' });
    expect(teacherStatus(await stateOf(caseId))).toBe('failed');
    await send(committee, caseId, 'GRIEVANCE_UPHELD', resolution('approve'));
    expect(await stateOf(caseId)).toBe('committeeProposal');
    expect((await contextOf(caseId)).outcome).toBeNull();
  });
});

describe('who may score', () => {
  it('only an appointed evaluator, on their own aspect, once; the committees are the policy’s size and leave the applicant out', async () => {
    await at('2025-06-02T10:00:00');
    const { caseId } = await engine.startCase({
      actor: who.teacher!,
      workflowId: 'academic-standing',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title: 'ขอเลื่อนวิทยฐานะ',
      input: expertApplication(),
    });
    await send(who.hr!, caseId, 'ACCEPT_ELIGIBLE');
    await expect(
      send(who.hr!, caseId, 'PROPOSE_COMMITTEES', { aspect1: evaluators.slice(0, 2), aspect2: evaluators.slice(3, 6) }),
    ).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    const self = { userId: office.users.teacher.userId, personId: office.users.teacher.personId, name: 'ผู้ยื่นเอง' };
    await expect(
      send(who.hr!, caseId, 'PROPOSE_COMMITTEES', { aspect1: [self, ...evaluators.slice(1, 3)], aspect2: evaluators.slice(3, 6) }),
    ).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    await send(who.hr!, caseId, 'PROPOSE_COMMITTEES', { aspect1: evaluators.slice(0, 3), aspect2: evaluators.slice(3, 6) });
    await send(committee, caseId, 'COMMITTEES_APPROVED', resolution('approve'));

    await expect(send(outsider, caseId, 'SUBMIT_SCORE', { aspect: 1, percent: 90 })).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    await expect(score(caseId, evaluators[0]!, 2, 90)).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    await expect(send(who.hr!, caseId, 'SUBMIT_SCORE', { aspect: 1, percent: 90 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(score(caseId, evaluators[0]!, 1, 101)).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    await score(caseId, evaluators[0]!, 1, 90);
    await expect(score(caseId, evaluators[0]!, 1, 95)).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    expect((await contextOf(caseId)).scores).toHaveLength(1);
  });

  it('lets no evaluator send back the work of a level without academic work (ชำนาญการ)', async () => {
    await at('2025-06-02T10:00:00');
    const app: Application = {
      position: 'teacher',
      currentLevel: 'none',
      currentLevelSince: '2019-05-16',
      targetLevel: 'professional',
      paResults: [2565, 2566, 2567].map((fiscalYear) => ({ fiscalYear, evaluatorPercents: [80, 80, 80] })),
      penalties: [],
      evidence: [
        { kind: 'pa_results', title: 'PA' },
        { kind: 'lesson_plans', title: 'แผน' },
        { kind: 'teaching_video', title: 'คลิป' },
      ],
    };
    const { caseId } = await engine.startCase({
      actor: who.teacher!,
      workflowId: 'academic-standing',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title: 'ขอมีวิทยฐานะครูชำนาญการ',
      input: app,
    });
    await send(who.hr!, caseId, 'ACCEPT_ELIGIBLE');
    await send(who.hr!, caseId, 'PROPOSE_COMMITTEES', { aspect1: evaluators.slice(0, 3), aspect2: evaluators.slice(3, 6) });
    await send(committee, caseId, 'COMMITTEES_APPROVED', resolution('approve'));
    await expect(send(asEvaluator.get(evaluators[3]!.userId)!, caseId, 'REQUEST_REVISION', { note: 'ปรับปรุง' })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
  });
});

describe('the monthly pre-appointment development batch (seed-002 §3.4)', () => {
  const TSU = 'มหาวิทยาลัยทักษิณ';
  const request = (title: string) =>
    engine.startCase({
      actor: who.director!,
      workflowId: 'pre-appointment-development',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title,
      input: { targetLevel: 'senior_professional', formReference: title, university: TSU },
    });
  const devContext = async (id: string) =>
    (
      (await tdb.db.selectFrom('cases').select('snapshot').where('id', '=', id).executeTakeFirstOrThrow()).snapshot as unknown as {
        context: DevelopmentContext;
      }
    ).context;
  let onTime: string;
  let late: string;

  it('checks each request within 1 day of the school sending it, and marks one sent after the 5th', async () => {
    await at('2025-06-05T10:00:00'); // Thu 5 Jun 2568, before the cutoff
    onTime = (await request('แบบคำขอ 1/2568')).caseId;
    const missed = (await request('แบบคำขอ 2/2568')).caseId;
    expect((await clocksOf(onTime))[0]!.due_at!.toISOString()).toBe(bkk('2025-06-06T16:30:00'));
    expect((await devContext(onTime)).submittedLate).toBe(false);

    await at('2025-06-06T10:00:00'); // Fri 6 Jun: after the 5th
    late = (await request('แบบคำขอ 3/2568')).caseId;
    expect((await devContext(late)).submittedLate).toBe(true);
    // 1 day from Fri 6 Jun is Sat 7 Jun → Mon 9 Jun 16:30
    expect((await clocksOf(late))[0]!.due_at!.toISOString()).toBe(bkk('2025-06-09T16:30:00'));

    await send(who.hr!, onTime, 'PRESENT_TO_SUPERIORS');
    await at('2025-06-09T09:00:00');
    await send(who.hr!, late, 'PRESENT_TO_SUPERIORS');
    // forwarding by the 10th of the month: Tue 10 Jun 2568 16:30
    expect((await clocksOf(onTime)).find((c) => c.step === 'forwarding')!.due_at!.toISOString()).toBe(bkk('2025-06-10T16:30:00'));
    expect(await developmentBatchStatus(engineOn(tdb.db), office.officeId, '2025-06')).toEqual({
      batchMonth: '2025-06',
      byState: { forwarding: 2 },
      late: 1,
      total: 2,
    });

    // the request nobody checked: overdue at Fri 6 Jun 16:30, escalated to the group director at Mon 9 Jun 16:30
    const [check] = await clocksOf(missed);
    const timers = await tdb.db.selectFrom('sla_timers').selectAll().where('clock_id', '=', check!.id).orderBy('fire_at').execute();
    const overdue = timers.find((t) => t.kind === 'overdue')!;
    expect(overdue.fire_at.toISOString()).toBe(bkk('2025-06-06T16:30:00'));
    expect(await fireTimer(engineDeps(engine), overdue.id, { firedBy: 'test' })).toBe('fired');
    const escalation = timers.find((t) => t.kind === 'escalation')!;
    expect(escalation.fire_at.toISOString()).toBe(bkk('2025-06-09T16:30:00'));
    await at('2025-06-09T16:30:00');
    expect(await fireTimer(engineDeps(engine), escalation.id, { firedBy: 'test' })).toBe('fired');
    expect(await tdb.db.selectFrom('notifications').select('recipient_user_id').where('timer_id', '=', escalation.id).execute()).toEqual([
      { recipient_user_id: office.users.group.userId },
    ]);
  });

  it('forwards the whole batch to the university in one letter, by the 10th', async () => {
    await at('2025-06-10T11:00:00');
    const moved = await forwardDevelopmentBatch(engine, who.hr!, {
      officeId: office.officeId,
      batchMonth: '2025-06',
      university: TSU,
      letterNo: 'ศธ 04xxx/1234',
    });
    expect(moved.sort()).toEqual([onTime, late].sort());
    expect(await developmentBatchStatus(engineOn(tdb.db), office.officeId, '2025-06')).toMatchObject({ byState: { atUniversity: 2 } });
    const forwarding = (await clocksOf(onTime)).find((c) => c.step === 'forwarding')!;
    expect(forwarding.status).toBe('met');
    expect(
      await forwardDevelopmentBatch(engine, who.hr!, {
        officeId: office.officeId,
        batchMonth: '2025-06',
        university: TSU,
        letterNo: 'ศธ 04xxx/1234',
      }),
    ).toEqual([]);
  });

  it('records the university’s result within 1 day and tells the school, the staffing unit and the teacher; the pass feeds eligibility', async () => {
    await at('2025-08-08T10:00:00'); // Fri 8 Aug 2568
    await send(who.hr!, onTime, 'UNIVERSITY_REPORTED', { passed: true, letterNo: 'มทษ 0601/88' });
    // 1 day from Fri 8 Aug: Sat 9, Sun 10, Mon 11 (cabinet special day), Tue 12 (Mother's Day) → Wed 13 Aug 16:30
    expect((await clocksOf(onTime)).find((c) => c.step === 'recordingResult')!.due_at!.toISOString()).toBe(bkk('2025-08-13T16:30:00'));
    await at('2025-08-13T09:00:00');
    const { historySeq } = await send(who.hr!, onTime, 'RECORD_RESULT');
    const told = await tdb.db
      .selectFrom('notifications')
      .select('recipient_user_id')
      .where('case_id', '=', onTime)
      .where('history_seq', '=', historySeq)
      .execute();
    expect(told.map((n) => n.recipient_user_id).sort()).toEqual(
      [office.users.director.userId, office.users.hr.userId, office.users.teacher.userId].sort(),
    );

    await send(who.hr!, late, 'UNIVERSITY_REPORTED', { passed: false, letterNo: 'มทษ 0601/89' });
    await send(who.hr!, late, 'RECORD_RESULT');
    expect(await stateOf(late)).toBe('notDeveloped');

    const development = await latestDevelopmentPass(engineOn(tdb.db), office.officeId, office.users.teacher.personId);
    expect(development).toEqual({ passedOn: '2025-08-08', caseId: onTime });
    const app: Application = {
      position: 'teacher',
      currentLevel: 'professional',
      currentLevelSince: '2020-04-01',
      targetLevel: 'senior_professional',
      paResults: [2566, 2567, 2568].map((fiscalYear) => ({ fiscalYear, evaluatorPercents: [80, 80, 80] })),
      penalties: [],
      evidence: [
        { kind: 'pa_results', title: 'PA' },
        { kind: 'lesson_plans', title: 'แผน' },
        { kind: 'teaching_video', title: 'คลิป' },
        { kind: 'development_certificate', title: 'วุฒิบัตร' },
      ],
    };
    await at('2025-10-15T10:00:00'); // FY 2569: the last three PA years are 2566–2568
    const withIt = await engine.startCase({
      actor: who.teacher!,
      workflowId: 'academic-standing',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title: 'ขอเลื่อนเป็นวิทยฐานะครูชำนาญการพิเศษ',
      input: { ...app, development: { passedOn: development!.passedOn, caseId: development!.caseId } },
    });
    const without = await engine.startCase({
      actor: who.teacher!,
      workflowId: 'academic-standing',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title: 'ขอเลื่อนเป็นวิทยฐานะครูชำนาญการพิเศษ',
      input: app,
    });
    expect((await contextOf(withIt.caseId)).eligibility.eligible).toBe(true);
    expect((await contextOf(without.caseId)).eligibility.reasons.filter((r) => !r.ok).map((r) => r.criterion)).toEqual(['development']);
  });
});
