import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { createEngine, publishWorkflows } from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let b: OfficeFixture;
const clock = new ManualClock('2025-02-03T02:00:00Z');
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db, 'A');
  b = await seedOffice(tdb.db, 'B');
  for (const [k, u] of Object.entries(a.users)) actors[k] = await actorOf(tdb.db, u);
  for (const [k, u] of Object.entries(b.users)) actors[`b.${k}`] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

async function fileCase(amount = 100) {
  return engine.startCase({
    actor: actors.teacher!,
    workflowId: 'sample-approval',
    officeId: a.officeId,
    schoolId: a.schoolIds[0],
    subjectPersonId: a.users.teacher.personId,
    title: 'คำขอทดสอบ',
    input: { amount },
  });
}

async function counts(caseId: string) {
  const h = await tdb.db
    .selectFrom('case_history')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const n = await tdb.db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return { history: h.n, notifications: n.n };
}

describe('startCase', () => {
  it('opens a case at the first step, writes history and notifies the school director', async () => {
    const r = await fileCase();
    expect(r).toMatchObject({ revision: 1, state: 'schoolReview', status: 'active', historySeq: 1, replayed: false });
    const notes = await tdb.db.selectFrom('notifications').selectAll().where('case_id', '=', r.caseId).execute();
    expect(notes.map((n) => [n.recipient_user_id, n.kind, n.step])).toEqual([[a.users.director.userId, 'task', 'schoolReview']]);
    const view = await engine.getCase(actors.teacher!, r.caseId);
    expect(view.history.map((h) => h.eventType)).toEqual(['@start']);
    expect(view.history[0]!.payload).toEqual({ amount: 100 });
  });

  it('refuses a teacher filing for someone else, and invalid input, writing nothing', async () => {
    const before = await tdb.db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      engine.startCase({
        actor: actors.teacher!,
        workflowId: 'sample-approval',
        officeId: a.officeId,
        schoolId: a.schoolIds[0],
        subjectPersonId: a.users.teacher2.personId,
        title: 'x',
        input: { amount: 1 },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      engine.startCase({
        actor: actors.teacher!,
        workflowId: 'sample-approval',
        officeId: a.officeId,
        schoolId: a.schoolIds[0],
        subjectPersonId: a.users.teacher.personId,
        title: 'x',
        input: { amount: -5 },
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { issues: [expect.objectContaining({ path: 'amount' })] } });
    await expect(
      engine.startCase({
        actor: actors.hr!,
        workflowId: 'sample-approval',
        officeId: a.officeId,
        schoolId: b.schoolIds[0],
        subjectPersonId: null,
        title: 'x',
        input: { amount: 1 },
      }),
    ).rejects.toMatchObject({ code: 'SCHOOL_NOT_IN_OFFICE' });
    const after = await tdb.db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('dispatch', () => {
  it('walks a case to approval with history, outbox and revisions', async () => {
    const { caseId } = await fileCase();
    clock.advanceMs(60_000);
    await engine.dispatch({ actor: actors.director!, caseId, type: 'CERTIFY', payload: {} });
    await engine.dispatch({ actor: actors.hr!, caseId, type: 'CHECK', payload: { score: 75 } });
    const done = await engine.dispatch({ actor: actors.area!, caseId, type: 'APPROVE', payload: { orderNo: '12/2568' }, reason: 'ครบถ้วน' });
    expect(done).toMatchObject({ state: 'approved', status: 'done', revision: 4, historySeq: 4 });
    const view = await engine.getCase(actors.auditor!, caseId);
    expect(view.history.map((h) => [h.eventType, h.fromState, h.toState])).toEqual([
      ['@start', null, 'schoolReview'],
      ['CERTIFY', 'schoolReview', 'hrCheck'],
      ['CHECK', 'hrCheck', 'directorDecision'],
      ['APPROVE', 'directorDecision', 'approved'],
    ]);
    expect(view.history[3]!.reason).toBe('ครบถ้วน');
    expect(view.history[1]!.at.toISOString()).toBe('2025-02-03T02:01:00.000Z');
    expect(view.availableEvents).toEqual([]);
    const notes = await tdb.db
      .selectFrom('notifications')
      .select(['recipient_user_id', 'step'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    expect(notes).toEqual([
      { recipient_user_id: a.users.director.userId, step: 'schoolReview' },
      { recipient_user_id: a.users.hr.userId, step: 'hrCheck' },
      { recipient_user_id: a.users.area.userId, step: 'directorDecision' },
    ]);
    await expect(engine.dispatch({ actor: actors.area!, caseId, type: 'REJECT', payload: { note: 'x' } })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
  });

  it('lists only what the actor may send now', async () => {
    const { caseId } = await fileCase();
    expect((await engine.getCase(actors.director!, caseId)).availableEvents.map((e) => e.type)).toEqual(['CERTIFY', 'RETURN']);
    expect((await engine.getCase(actors.teacher!, caseId)).availableEvents.map((e) => e.type)).toEqual(['WITHDRAW']);
    const ret = (await engine.getCase(actors.director!, caseId)).availableEvents.find((e) => e.type === 'RETURN');
    expect(ret?.payloadSchema).toMatchObject({ type: 'object', required: ['note'] });
  });

  it('refuses a wrong role with FORBIDDEN and an invalid payload with INVALID_PAYLOAD, writing nothing', async () => {
    const { caseId } = await fileCase();
    const before = await counts(caseId);
    await expect(engine.dispatch({ actor: actors.hr!, caseId, type: 'CERTIFY', payload: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    await expect(engine.dispatch({ actor: actors.director!, caseId, type: 'RETURN', payload: { note: '' } })).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      status: 400,
      messageTh: 'ข้อมูลที่ส่งมาไม่ถูกต้อง',
    });
    await expect(
      engine.dispatch({ actor: actors.director!, caseId, type: 'RETURN', payload: { note: 'ok', extra: 1 } }),
    ).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    await expect(engine.dispatch({ actor: actors.director!, caseId, type: 'NOPE', payload: {} })).rejects.toMatchObject({
      code: 'UNKNOWN_EVENT',
    });
    await expect(engine.dispatch({ actor: actors.hr!, caseId, type: 'CHECK', payload: { score: 90 } })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
    await expect(engine.dispatch({ actor: actors.director2!, caseId, type: 'CERTIFY', payload: {} })).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    await expect(engine.dispatch({ actor: actors.teacher2!, caseId, type: 'WITHDRAW', payload: {} })).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    expect(await counts(caseId)).toEqual(before);
    const row = await tdb.db.selectFrom('cases').select(['revision', 'state']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ revision: 1, state: 'schoolReview' });
  });

  it('enforces guards: a third return is not allowed', async () => {
    const { caseId } = await fileCase();
    for (let i = 0; i < 2; i++) {
      await engine.dispatch({ actor: actors.director!, caseId, type: 'RETURN', payload: { note: `แก้ไขครั้งที่ ${i + 1}` } });
      await engine.dispatch({ actor: actors.teacher!, caseId, type: 'RESUBMIT', payload: {} });
    }
    await expect(engine.dispatch({ actor: actors.director!, caseId, type: 'RETURN', payload: { note: 'อีกครั้ง' } })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
  });

  it('refuses a stale expected revision with REVISION_CONFLICT', async () => {
    const { caseId } = await fileCase();
    await engine.dispatch({ actor: actors.director!, caseId, type: 'CERTIFY', payload: {}, expectedRevision: 1 });
    await expect(
      engine.dispatch({ actor: actors.hr!, caseId, type: 'CHECK', payload: { score: 80 }, expectedRevision: 1 }),
    ).rejects.toMatchObject({
      code: 'REVISION_CONFLICT',
      details: { expected: 1, actual: 2 },
    });
  });
});

describe('idempotency', () => {
  it('turns a retried dispatch into a no-op returning the first result', async () => {
    const { caseId } = await fileCase();
    const first = await engine.dispatch({ actor: actors.director!, caseId, type: 'CERTIFY', payload: {}, idempotencyKey: 'k-1' });
    const again = await engine.dispatch({ actor: actors.director!, caseId, type: 'CERTIFY', payload: {}, idempotencyKey: 'k-1' });
    expect(again).toEqual({ ...first, replayed: true });
    expect((await counts(caseId)).history).toBe(2);
    await expect(
      engine.dispatch({ actor: actors.director!, caseId, type: 'RETURN', payload: { note: 'x' }, idempotencyKey: 'k-1' }),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('refuses a key used before on another case, or on a case that does not exist, and answers a missing case with the key unused', async () => {
    const { caseId } = await fileCase();
    const other = await fileCase();
    await engine.dispatch({ actor: actors.director!, caseId, type: 'CERTIFY', payload: {}, idempotencyKey: 'k-3' });
    await expect(
      engine.dispatch({ actor: actors.director!, caseId: other.caseId, type: 'CERTIFY', payload: {}, idempotencyKey: 'k-3' }),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    await expect(
      engine.dispatch({
        actor: actors.director!,
        caseId: '00000000-0000-4000-8000-000000000000',
        type: 'CERTIFY',
        payload: {},
        idempotencyKey: 'k-3',
      }),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(
      engine.dispatch({
        actor: actors.director!,
        caseId: '00000000-0000-4000-8000-000000000000',
        type: 'CERTIFY',
        payload: {},
        idempotencyKey: 'k-4',
      }),
    ).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    await expect(
      engine.dispatch({ actor: actors.director!, caseId: 'not-a-case', type: 'CERTIFY', payload: {}, idempotencyKey: 'k-4' }),
    ).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    expect(await tdb.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'k-4').execute()).toEqual([]);
    expect((await counts(other.caseId)).history).toBe(1);
  });

  it('turns a retried start into a no-op', async () => {
    const cmd = {
      actor: actors.hr!,
      workflowId: 'sample-approval',
      officeId: a.officeId,
      schoolId: a.schoolIds[1],
      subjectPersonId: null,
      title: 'เปิดโดยเจ้าหน้าที่',
      input: { amount: 7 },
      idempotencyKey: 'start-1',
    };
    const [x, y] = await Promise.all([engine.startCase(cmd), engine.startCase(cmd)]);
    expect(x.caseId).toBe(y.caseId);
    expect([x.replayed, y.replayed].sort()).toEqual([false, true]);
  });

  it('does not keep a key whose command failed, so a corrected retry proceeds', async () => {
    const { caseId } = await fileCase();
    await expect(engine.dispatch({ actor: actors.hr!, caseId, type: 'CERTIFY', payload: {}, idempotencyKey: 'k-2' })).rejects.toMatchObject(
      { code: 'FORBIDDEN' },
    );
    const key = await tdb.db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'k-2').execute();
    expect(key).toEqual([]);
  });
});

describe('scoped reads', () => {
  it('hides another office’s cases completely', async () => {
    const { caseId } = await fileCase();
    await expect(engine.getCase(actors['b.hr']!, caseId)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND', status: 404 });
    await expect(engine.dispatch({ actor: actors['b.area']!, caseId, type: 'CERTIFY', payload: {} })).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    const listed = await engine.listCases(actors['b.hr']!, {});
    expect(listed.some((c) => c.id === caseId)).toBe(false);
    expect((await engine.listCases(actors.hr!, { step: 'schoolReview' })).some((c) => c.id === caseId)).toBe(true);
  });

  it('shows a teacher only their own cases and a director only their school', async () => {
    const own = await fileCase();
    const mine = await engine.listCases(actors.teacher!, { limit: 500 });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.subjectPersonId === a.users.teacher.personId)).toBe(true);
    expect(await engine.listCases(actors.teacher2!, {})).toEqual([]);
    expect((await engine.listCases(actors.director2!, {})).some((c) => c.id === own.caseId)).toBe(false);
    await expect(engine.getCase(actors.teacher2!, own.caseId)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    await expect(engine.getCase(actors.hr!, 'not-a-uuid')).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
  });
});
