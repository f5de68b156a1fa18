/**
 * salary-raise@4 (issue 18): the grievance window counts, per person, from the
 * day THAT person was notified of the order (ม.121/122/123 "นับแต่วันที่ได้รับแจ้ง"):
 * HR records the day a person received the notice (`NOTICE_RECEIVED.occurredAt`),
 * which opens that person's window (a clock; the system closes the step a day
 * after its end, once, with two workers racing); `FILE_GRIEVANCE` is refused and
 * not offered after it; a grievance received on paper is recorded with its
 * received date and judged by it; the decision's 90 days count from that date.
 * Injected clock, real PostgreSQL, the worker's timer path.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, SYSTEM_ACTOR, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import { createEngine, fireDueTimerBatch, publishWorkflows, engineDeps } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { SalaryRaiseInputV2, salaryWorkflows } from '../src/salary/index';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
let director: Actor;
let teacher: Actor;
// Tue 1 Apr 2568, 09:00 Bangkok: the results are published
const clock = new ManualClock('2025-04-01T02:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([...salaryWorkflows]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db, 'W');
  [hr, director, teacher] = await Promise.all([
    actorOf(tdb.db, office.users.hr),
    actorOf(tdb.db, office.users.director),
    actorOf(tdb.db, office.users.teacher),
  ]);
});
afterAll(() => tdb.drop());

const DIGEST = 'b'.repeat(64);
const decision = {
  raised: true,
  pctBp: 350,
  amountSatang: 105_000,
  newSalarySatang: 3_105_000,
  notRaised: null,
  limitedBy: null,
  quotaPlace: false,
  explanation: { th: ['บรรทัด'], en: ['line'] },
  digest: DIGEST,
};

/** A raise decided and published now (the round's RAISE_DECIDED): the person waits at raiseNotified. */
async function published(n: number): Promise<string> {
  const input = SalaryRaiseInputV2.parse({
    personnelNo: `P00010${n}`,
    nameTh: 'นางสาวทดสอบ ใจดี',
    position: 'ครู',
    salarySatang: 3_000_000,
    baseSatang: 2_998_000,
    serviceStartedOn: '2012-05-16',
    orderAuthority: 'school_director',
    appraiser: { role: 'school_director', schoolId: office.schoolIds[0] },
  });
  const { caseId } = await engine.startCase({
    actor: hr,
    workflowId: 'salary-raise',
    officeId: office.officeId,
    schoolId: office.schoolIds[0],
    subjectPersonId: office.users.teacher.personId,
    title: `เลื่อนเงินเดือน ${n}`,
    input,
  });
  await engine.dispatch({ actor: director, caseId, type: 'SUBMIT_SCORE', payload: { score: 91 } });
  await engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'APPRAISAL_CONFIRMED', payload: { score: 91, tier: 'outstanding' } });
  await engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'RAISE_DECIDED', payload: decision });
  return caseId;
}
const stateOf = async (caseId: string) =>
  await tdb.db.selectFrom('cases').select(['state', 'workflow_version', 'snapshot']).where('id', '=', caseId).executeTakeFirstOrThrow();
const clockOf = (caseId: string, step: string) =>
  tdb.db
    .selectFrom('sla_clocks')
    .select(['due_at', 'status', 'due_basis'])
    .where('case_id', '=', caseId)
    .where('step', '=', step)
    .executeTakeFirstOrThrow();
const offered = async (actor: Actor, caseId: string) => (await engine.getCase(actor, caseId)).availableEvents.map((e) => e.type);

let passes = 0;
/** One pass of two workers racing over the due timers: the system events fired. */
async function due(): Promise<{ caseId: string; type: string }[]> {
  const tag = `raise-${++passes}`;
  for (let k = 0; k < 20; k++) {
    const [a, b] = await Promise.all([
      fireDueTimerBatch(engineDeps(engine), { limit: 50, firedBy: `${tag}-a` }),
      fireDueTimerBatch(engineDeps(engine), { limit: 50, firedBy: `${tag}-b` }),
    ]);
    if (a.outcomes.size + b.outcomes.size === 0) break;
  }
  const fired = await tdb.db
    .selectFrom('sla_timers')
    .select(['case_id', 'event'])
    .where('fired_by', 'in', [`${tag}-a`, `${tag}-b`])
    .where('kind', '=', 'system_event')
    .execute();
  return fired.map((f) => ({ caseId: f.case_id, type: f.event! }));
}

const cases: Record<'late' | 'paper' | 'paperLate' | 'silent' | 'inApp', string> = {
  late: '',
  paper: '',
  paperLate: '',
  silent: '',
  inApp: '',
};

describe('salary-raise@4: the grievance window counts from the day each person was notified', () => {
  it('HR records the day a person received the notice; it opens that person’s window, 30 days from that day', async () => {
    for (const [i, k] of (['late', 'paper', 'paperLate', 'silent', 'inApp'] as const).entries()) cases[k] = await published(i);
    expect((await stateOf(cases.late)).workflow_version).toBe(4);
    expect(await offered(hr, cases.late)).toContain('NOTICE_RECEIVED');

    // Wed 23 Apr: HR records that three people received the notice by letter on Mon 21 Apr, 10:00
    clock.set('2025-04-23T02:00:00Z');
    const received = (caseId: string, occurredAt: string) =>
      engine.dispatch({ actor: hr, caseId, type: 'NOTICE_RECEIVED', payload: { occurredAt, how: 'letter', ref: 'ศธ 04xxx/77' } });
    await expect(received(cases.late, '2025-03-31T03:00:00Z')).rejects.toMatchObject({ code: 'OCCURRED_AT_TOO_EARLY' });
    await expect(received(cases.late, '2025-04-24T03:00:00Z')).rejects.toMatchObject({ code: 'OCCURRED_AT_IN_FUTURE' });
    await expect(
      engine.dispatch({
        actor: teacher,
        caseId: cases.late,
        type: 'NOTICE_RECEIVED',
        payload: { occurredAt: '2025-04-21T03:00:00Z', how: 'letter' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const k of ['late', 'paper', 'paperLate', 'silent'] as const) await received(cases[k], '2025-04-21T03:00:00Z');

    const s = await stateOf(cases.late);
    expect(s.state).toBe('raiseWindow');
    expect((s.snapshot as { context: unknown }).context).toMatchObject({
      grievanceWindowFrom: '2025-04-21T03:00:00Z',
      grievanceWindowDays: 30,
      noticeReceived: { at: '2025-04-21T03:00:00Z', recordedAt: '2025-04-23T02:00:00.000Z', how: 'letter' },
    });
    // Mon 21 Apr + 30 days = Wed 21 May 2568, 16:30 (not the publication's 1 Apr + 30)
    expect(await clockOf(cases.late, 'raiseWindow')).toMatchObject({ due_at: new Date('2025-05-21T09:30:00Z'), status: 'running' });
    const timer = await tdb.db
      .selectFrom('sla_timers')
      .select(['event', 'fire_at'])
      .where('case_id', '=', cases.late)
      .where('kind', '=', 'system_event')
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    // the step is closed a day after the window's end: time to record a letter received in time
    expect(timer).toEqual({ event: 'CLOSE_WINDOW', fire_at: new Date('2025-05-22T09:30:00Z') });
  });

  it('past the publication’s 30 days, the person notified later may still file; one told in the app at publication may not', async () => {
    clock.set('2025-05-10T03:00:00Z');
    expect(await offered(teacher, cases.late)).toContain('FILE_GRIEVANCE');
    expect(await offered(teacher, cases.inApp)).not.toContain('FILE_GRIEVANCE');
    await expect(
      engine.dispatch({ actor: teacher, caseId: cases.inApp, type: 'FILE_GRIEVANCE', payload: { grounds: 'ไม่เห็นด้วย' } }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
  });

  it('at the end of the window: offered until 16:30, refused at 16:30:01; a paper grievance is judged by its received date', async () => {
    clock.set('2025-05-21T09:30:00Z');
    expect(await offered(teacher, cases.late)).toContain('FILE_GRIEVANCE');
    expect((await due()).filter((f) => Object.values(cases).includes(f.caseId))).toEqual([]); // the closing is due a day later, not yet
    clock.set('2025-05-21T09:31:00Z');
    expect(await offered(teacher, cases.late)).not.toContain('FILE_GRIEVANCE');
    const refused = engine.dispatch({
      actor: teacher,
      caseId: cases.late,
      type: 'FILE_GRIEVANCE',
      payload: { grounds: 'คะแนนไม่ตรงกับผลงาน' },
    });
    await expect(refused).rejects.toMatchObject({ code: 'DEADLINE_PASSED', status: 409 });

    // a letter received at 15:00 on the last day, recorded the next morning at 08:30: in time; its decision's 90 days count from 15:00
    clock.set('2025-05-22T01:30:00Z');
    const paper = (caseId: string, occurredAt: string) =>
      engine.dispatch({
        actor: hr,
        caseId,
        type: 'RECORD_PAPER_GRIEVANCE',
        payload: { occurredAt, grounds: 'ร้องทุกข์เป็นหนังสือ', ref: 'รับที่ 1234' },
      });
    await paper(cases.paper, '2025-05-21T08:00:00Z');
    const p = await stateOf(cases.paper);
    expect(p.state).toBe('grievance');
    expect((p.snapshot as { context: unknown }).context).toMatchObject({
      grievance: {
        filedAt: '2025-05-21T08:00:00Z',
        onPaper: { receivedAt: '2025-05-21T08:00:00Z', recordedAt: '2025-05-22T01:30:00.000Z' },
      },
    });
    // 21 May + 90 calendar days = Tue 19 Aug 2568, 16:30
    expect(await clockOf(cases.paper, 'grievance')).toMatchObject({
      due_at: new Date('2025-08-19T09:30:00Z'),
      due_basis: { kind: 'spec', triggerAt: '2025-05-21T08:00:00.000Z', enteredAt: '2025-05-22T01:30:00.000Z' },
    });
    // one received at 16:45 of the last day is refused, whenever it is recorded
    await expect(paper(cases.paperLate, '2025-05-21T09:45:00Z')).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
  });

  it('the system closes each window once, a day after its end, with two workers racing', async () => {
    clock.set('2025-05-22T09:29:59Z');
    expect((await due()).filter((f) => Object.values(cases).includes(f.caseId))).toEqual([]);
    clock.set('2025-05-22T09:30:00Z');
    const fired = (await due()).filter((f) => Object.values(cases).includes(f.caseId));
    expect(fired.map((f) => f.caseId).sort()).toEqual([cases.late, cases.paperLate, cases.silent].sort());
    expect(fired.every((f) => f.type === 'CLOSE_WINDOW')).toBe(true);
    for (const k of ['late', 'paperLate', 'silent'] as const) {
      expect((await stateOf(cases[k])).state).toBe('raised');
      // the window's clock ends when the system closes the step, past its end
      expect(await clockOf(cases[k], 'raiseWindow')).toMatchObject({ status: 'breached' });
      const closings = await tdb.db
        .selectFrom('case_history')
        .select('event_type')
        .where('case_id', '=', cases[k])
        .where('event_type', '=', 'CLOSE_WINDOW')
        .execute();
      expect(closings).toHaveLength(1);
    }
    expect(await due()).toEqual([]);
    // the one waiting for the round is closed by the round, as before
    expect((await stateOf(cases.inApp)).state).toBe('raiseNotified');
  });
});
