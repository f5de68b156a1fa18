/**
 * Dated steps with an injected clock: moments read from the case's data open
 * clocks (reminders, due, overdue, escalation at the exact moments), timed
 * system events fire once at their moment through the timer path, date
 * guards refuse or mark late, `availableEvents` leaves refused events out,
 * `occurredAt` anchors a clock, and an extension moves the clock, its timers
 * and its system events.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isEsaError, ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { createEngine, publishWorkflows, engineDeps } from '../src/internal';
import { fireDueTimerBatch } from '../src/sla/fire-timer';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';
import { REVIEW_RULE, sampleDated } from './support/sample-dated';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
const clock = new ManualClock('2025-02-03T02:00:00Z'); // Mon 3 Feb 2568, 09:00 in Bangkok
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleDated]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

// the round's date: 6 Feb 2568 15.00 น. = 08:00Z
const REVIEW_UNTIL = { date: '2025-02-06', time: '15:00' };

async function open(at = '2025-02-03T02:00:00Z', reviewUntil = REVIEW_UNTIL): Promise<string> {
  clock.set(at);
  const r = await engine.startCase({
    actor: who.hr!,
    workflowId: 'sample-dated',
    officeId: a.officeId,
    schoolId: a.schoolIds[0],
    subjectPersonId: a.users.teacher.personId,
    title: 'คำขอ',
    input: { reviewUntil },
  });
  return r.caseId;
}

const timersOf = (caseId: string) =>
  tdb.db
    .selectFrom('sla_timers')
    .select(['id', 'kind', 'level', 'fire_at', 'status', 'event', 'step'])
    .where('case_id', '=', caseId)
    .orderBy('fire_at')
    .orderBy('kind')
    .execute();
const clocksOf = (caseId: string) =>
  tdb.db.selectFrom('sla_clocks').selectAll().where('case_id', '=', caseId).orderBy('started_at').execute();
const fireAll = async (firedBy = 'test') => (await fireDueTimerBatch(engineDeps(engine), { limit: 1000, firedBy })).outcomes;
const stateOf = async (caseId: string) =>
  await tdb.db.selectFrom('cases').select(['state', 'status']).where('id', '=', caseId).executeTakeFirstOrThrow();
const offered = async (actor: Actor, caseId: string) => (await engine.getCase(actor, caseId)).availableEvents.map((e) => e.type);

describe('a deadline read from the case data', () => {
  it('opens a clock due at the round date, with reminders, overdue and escalation at the exact moments, and a system event one second after', async () => {
    const caseId = await open();
    const [c] = await clocksOf(caseId);
    expect(c).toMatchObject({ step: 'review', status: 'running' });
    expect(c!.due_at!.toISOString()).toBe('2025-02-06T08:00:00.000Z');
    expect(c!.due_basis).toEqual({ kind: 'data', readAt: '2025-02-03T02:00:00.000Z', dueAt: '2025-02-06T08:00:00.000Z' });
    expect((await timersOf(caseId)).map((t) => [t.kind, t.fire_at.toISOString(), t.event])).toEqual([
      ['reminder', '2025-02-05T01:30:00.000Z', null], // 08:30 Wed 5 Feb, one working day before
      ['due_today', '2025-02-06T01:30:00.000Z', null],
      ['overdue', '2025-02-06T08:00:00.000Z', null], // 15.00 น. on the day
      ['system_event', '2025-02-06T08:00:01.000Z', 'EXPIRE'],
      ['escalation', '2025-02-07T09:30:00.000Z', null],
    ]);
  });

  it('walks the dates: reminder, due, overdue, the guard refuses, the system closes the step once', async () => {
    const caseId = await open();
    clock.set('2025-02-05T01:29:59Z');
    expect([...(await fireAll()).values()].length).toBe(0);
    clock.set('2025-02-05T01:30:00Z');
    await fireAll();
    clock.set('2025-02-06T01:30:00Z');
    await fireAll();
    clock.set('2025-02-06T07:59:59Z');
    await fireAll();
    expect(await offered(who.director!, caseId)).toEqual(['CERTIFY', 'RETURN']);
    clock.set('2025-02-06T08:00:00Z');
    await fireAll();
    const notes = await tdb.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_user_id', 'created_at'])
      .where('case_id', '=', caseId)
      .where('timer_id', 'is not', null)
      .orderBy('id')
      .execute();
    expect(notes.map((n) => [n.kind, n.created_at.toISOString()])).toEqual([
      ['reminder', '2025-02-05T01:30:00.000Z'],
      ['due', '2025-02-06T01:30:00.000Z'],
      ['overdue', '2025-02-06T08:00:00.000Z'],
    ]);
    expect(await stateOf(caseId)).toEqual({ state: 'review', status: 'active' }); // the system event waits its second

    // one second after the moment the director is no longer offered CERTIFY, and sending it is refused by name
    clock.set('2025-02-06T08:00:00.500Z');
    expect(await offered(who.director!, caseId)).toEqual(['RETURN']);
    const refused = await engine.dispatch({ actor: who.director!, caseId, type: 'CERTIFY', payload: {} }).catch((e: unknown) => e);
    expect(isEsaError(refused, 'DEADLINE_PASSED')).toBe(true);
    expect((refused as { details: unknown }).details).toMatchObject({ rule: REVIEW_RULE, until: '2025-02-06T08:00:00.000Z' });

    clock.set('2025-02-06T08:00:01Z');
    const expire = (await timersOf(caseId)).find((t) => t.event === 'EXPIRE')!.id;
    const [o1, o2] = await Promise.all([fireAll('w1'), fireAll('w2')]);
    expect([o1.get(expire), o2.get(expire)].filter((o) => o === 'fired')).toHaveLength(1);
    expect(await stateOf(caseId)).toEqual({ state: 'expired', status: 'done' });
    const history = (await engine.getCase(who.hr!, caseId)).history;
    expect(history.map((h) => [h.eventType, h.actorKind, h.at.toISOString()])).toEqual([
      ['@start', 'user', '2025-02-03T02:00:00.000Z'],
      ['EXPIRE', 'system', '2025-02-06T08:00:01.000Z'],
    ]);
    expect((await clocksOf(caseId))[0]).toMatchObject({ status: 'breached' });
    expect((await timersOf(caseId)).filter((t) => t.status === 'pending')).toEqual([]);
    expect(await fireAll()).toEqual(new Map());
  });

  it("a correction: its clock at the director's fix-by moment, LAPSE one second after; a resubmission in time cancels it", async () => {
    const lapsing = await open();
    const fixed = await open();
    clock.set('2025-02-04T03:00:00Z');
    for (const caseId of [lapsing, fixed]) {
      await engine.dispatch({ actor: who.director!, caseId, type: 'RETURN', payload: { fixBy: '2025-02-05T08:00:00Z' } });
    }
    const corr = (await clocksOf(lapsing)).find((c) => c.step === 'correction')!;
    expect(corr.due_at!.toISOString()).toBe('2025-02-05T08:00:00.000Z');
    const lapse = (await timersOf(lapsing)).find((t) => t.event === 'LAPSE')!;
    expect(lapse.fire_at.toISOString()).toBe('2025-02-05T08:00:01.000Z');
    // the review's own system event went with the step
    expect((await timersOf(lapsing)).find((t) => t.event === 'EXPIRE')!.status).toBe('cancelled');

    clock.set('2025-02-05T07:00:00Z');
    await engine.dispatch({ actor: who.teacher!, caseId: fixed, type: 'RESUBMIT', payload: {} });
    expect(
      (await timersOf(fixed)).filter((t) => t.status === 'pending' && t.event !== null).map((t) => [t.event, t.fire_at.toISOString()]),
    ).toEqual([
      ['EXPIRE', '2025-02-06T08:00:01.000Z'], // back at review: a new one
    ]);

    clock.set('2025-02-05T08:00:01Z');
    await fireAll();
    expect(await stateOf(lapsing)).toEqual({ state: 'lapsed', status: 'done' });
    expect(await stateOf(fixed)).toEqual({ state: 'review', status: 'active' });
  });
});

describe('occurredAt and lateness', () => {
  it('counts the appeal window from the day the teacher was notified, refuses a moment in the future or before the step, and marks a late appeal', async () => {
    const caseId = await open();
    clock.set('2025-02-04T03:00:00Z');
    await engine.dispatch({ actor: who.director!, caseId, type: 'CERTIFY', payload: {} });
    clock.set('2025-02-10T03:00:00Z');
    const future = await engine
      .dispatch({ actor: who.hr!, caseId, type: 'ACK', payload: { occurredAt: '2025-02-11T03:00:00Z' } })
      .catch((e: unknown) => e);
    expect(isEsaError(future, 'OCCURRED_AT_IN_FUTURE')).toBe(true);
    const early = await engine
      .dispatch({ actor: who.hr!, caseId, type: 'ACK', payload: { occurredAt: '2025-02-04T02:59:00Z' } })
      .catch((e: unknown) => e);
    expect(isEsaError(early, 'OCCURRED_AT_TOO_EARLY')).toBe(true);
    // notified on Wed 5 Feb; recorded on Mon 10 Feb
    await engine.dispatch({ actor: who.hr!, caseId, type: 'ACK', payload: { occurredAt: '2025-02-05T03:00:00Z' } });
    const appeal = (await clocksOf(caseId)).find((c) => c.step === 'appealWindow')!;
    // 5 days counted from 5 Feb: 10 Feb (a Monday), 16:30
    expect(appeal.due_at!.toISOString()).toBe('2025-02-10T09:30:00.000Z');
    expect(appeal.due_basis).toEqual({ kind: 'spec', triggerAt: '2025-02-05T03:00:00.000Z', enteredAt: '2025-02-10T03:00:00.000Z' });
    const ack = (await engine.getCase(who.hr!, caseId)).history.find((h) => h.eventType === 'ACK')!;
    expect([ack.at.toISOString(), (ack.payload as { occurredAt: string }).occurredAt]).toEqual([
      '2025-02-10T03:00:00.000Z',
      '2025-02-05T03:00:00Z',
    ]);

    clock.set('2025-02-11T02:00:00Z');
    expect(await offered(who.teacher!, caseId)).toEqual(['APPEAL']); // accepted late: still offered
    await engine.dispatch({ actor: who.teacher!, caseId, type: 'APPEAL', payload: {} });
    const view = await engine.getCase(who.hr!, caseId);
    expect(view.history.at(-1)!.late).toEqual({
      until: '2025-02-10T09:30:00.000Z',
      lateMinutes: 990,
      rule: sampleDated.events.APPEAL!.dateGuard!.rule,
    });
    expect(await engine.verifyHistory(caseId)).toMatchObject({ ok: true });
  });
});

describe('extending a deadline (ขยายเวลา)', () => {
  it('moves the clock, its timers and its system event; only the role the step names, with a later moment and a reason', async () => {
    const caseId = await open();
    clock.set('2025-02-06T03:00:00Z');
    const forbidden = await engine
      .extendDeadline({ actor: who.director!, caseId, newDueAt: '2025-02-13T08:00:00Z', reason: 'ขอขยาย' })
      .catch((e: unknown) => e);
    expect(isEsaError(forbidden, 'FORBIDDEN')).toBe(true);
    for (const bad of [
      { newDueAt: '2025-02-06T07:00:00Z', reason: 'ก่อนกำหนดเดิม' },
      { newDueAt: '2025-02-13T08:00:00Z', reason: ' ' },
    ]) {
      const e = await engine.extendDeadline({ actor: who.group!, caseId, ...bad }).catch((x: unknown) => x);
      expect(isEsaError(e, 'INVALID_EXTENSION')).toBe(true);
    }
    expect((await engine.getCase(who.group!, caseId)).deadlines[0]).toMatchObject({ step: 'review', canExtend: true });
    await engine.extendDeadline({ actor: who.group!, caseId, newDueAt: '2025-02-13T08:00:00Z', reason: 'โรงเรียนปิดเนื่องจากน้ำท่วม' });

    const [c] = await clocksOf(caseId);
    expect(c!.due_at!.toISOString()).toBe('2025-02-13T08:00:00.000Z');
    expect(c!.extensions).toMatchObject([
      { from: '2025-02-06T08:00:00.000Z', to: '2025-02-13T08:00:00.000Z', reason: 'โรงเรียนปิดเนื่องจากน้ำท่วม', role: 'group_director' },
    ]);
    const pending = (await timersOf(caseId)).filter((t) => t.status === 'pending').map((t) => [t.kind, t.fire_at.toISOString()]);
    expect(pending).toEqual([
      ['reminder', '2025-02-11T01:30:00.000Z'], // one working day before Thu 13 Feb: Wed 12 is มาฆบูชา
      ['due_today', '2025-02-13T01:30:00.000Z'],
      ['overdue', '2025-02-13T08:00:00.000Z'],
      ['system_event', '2025-02-13T08:00:00.000Z'],
      ['escalation', '2025-02-14T09:30:00.000Z'],
    ]);
    const view = await engine.getCase(who.director!, caseId);
    expect(view.history.at(-1)).toMatchObject({
      eventType: '@deadline.extended',
      reason: 'โรงเรียนปิดเนื่องจากน้ำท่วม',
      fromState: 'review',
      toState: 'review',
    });
    clock.set('2025-02-07T03:00:00Z'); // after the old moment: certifying is offered and accepted again
    expect(view.availableEvents.map((e) => e.type)).toContain('CERTIFY');
    await engine.dispatch({ actor: who.director!, caseId, type: 'CERTIFY', payload: {} });
    expect(await engine.replayHistory(caseId)).toMatchObject({ ok: true });
  });
});
