import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { createDatabase, createEngine, publishWorkflows, type Database } from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let dbs: Database[];
let engines: Engine[];
let a: OfficeFixture;
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  // two separate pools: two independent sets of connections, as two server processes would have
  dbs = [
    createDatabase({ connectionString: tdb.url, maxConnections: 8 }),
    createDatabase({ connectionString: tdb.url, maxConnections: 8 }),
  ];
  engines = dbs.map((db) => createEngine({ db, registry, clock: new ManualClock('2025-06-02T03:00:00Z') }));
  a = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
});
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.destroy()));
  await tdb.drop();
});

async function newCase(): Promise<string> {
  const r = await engines[0]!.startCase({
    actor: who.hr!,
    workflowId: 'sample-approval',
    officeId: a.officeId,
    schoolId: a.schoolIds[0],
    subjectPersonId: a.users.teacher.personId,
    title: 'พร้อมกัน',
    input: { amount: 1 },
  });
  return r.caseId;
}

async function historyOf(caseId: string) {
  return tdb.db.selectFrom('case_history').select(['seq', 'event_type']).where('case_id', '=', caseId).orderBy('seq').execute();
}

describe('two connections dispatching to the same case at once', () => {
  it('serialises competing events: exactly one wins, the other finds the case moved on', async () => {
    for (let round = 0; round < 10; round++) {
      const caseId = await newCase();
      const results = await Promise.allSettled([
        engines[0]!.dispatch({ actor: who.director!, caseId, type: 'CERTIFY', payload: {} }),
        engines[1]!.dispatch({ actor: who.director!, caseId, type: 'RETURN', payload: { note: 'ไม่ครบ' } }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
      const history = await historyOf(caseId);
      expect(history.map((h) => h.seq)).toEqual([1, 2]);
      const row = await tdb.db
        .selectFrom('cases')
        .select(['revision', 'history_length'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ revision: 2, history_length: 2 });
      expect(await engines[0]!.verifyHistory(caseId)).toEqual({ ok: true, length: 2 });
    }
  });

  it('the same command sent twice at once with one idempotency key: one transition, the other answer is its replay', async () => {
    for (let round = 0; round < 10; round++) {
      const caseId = await newCase();
      const cmd = { actor: who.director!, caseId, type: 'CERTIFY', payload: {}, idempotencyKey: `twice-${round}` };
      const [x, y] = await Promise.all([engines[0]!.dispatch(cmd), engines[1]!.dispatch(cmd)]);
      expect([x.replayed, y.replayed].sort()).toEqual([false, true]);
      expect({ ...x, replayed: false }).toEqual({ ...y, replayed: false });
      expect((await historyOf(caseId)).map((h) => h.event_type)).toEqual(['@start', 'CERTIFY']);
    }
  });

  it('with the same expected revision, the loser gets REVISION_CONFLICT and nothing is lost', async () => {
    for (let round = 0; round < 10; round++) {
      const caseId = await newCase();
      await engines[0]!.dispatch({ actor: who.director!, caseId, type: 'RETURN', payload: { note: 'แก้' } });
      // both the applicant (resubmit) and… the applicant again from another device (withdraw), both seeing revision 2
      const results = await Promise.allSettled([
        engines[0]!.dispatch({ actor: who.teacher!, caseId, type: 'RESUBMIT', payload: {}, expectedRevision: 2 }),
        engines[1]!.dispatch({ actor: who.teacher!, caseId, type: 'WITHDRAW', payload: {}, expectedRevision: 2 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(loser.reason).toMatchObject({ code: 'REVISION_CONFLICT', details: { expected: 2, actual: 3 } });
      expect((await historyOf(caseId)).map((h) => h.seq)).toEqual([1, 2, 3]);
    }
  });

  it('applies many concurrent compatible events without a lost update', async () => {
    // 20 cases × 2 engines racing the full path; every case ends with exactly 4 rows and revision 4.
    const ids = await Promise.all(Array.from({ length: 20 }, () => newCase()));
    const step = (type: string, actor: Actor, payload: object) =>
      Promise.allSettled(ids.flatMap((caseId) => engines.map((e) => e.dispatch({ actor, caseId, type, payload }))));
    await step('CERTIFY', who.director!, {});
    await step('CHECK', who.hr!, { score: 70 });
    await step('APPROVE', who.area!, { orderNo: '1/2568' });
    const rows = await tdb.db
      .selectFrom('case_history')
      .select(['case_id', sql<number>`count(*)::int`.as('n')])
      .where('case_id', 'in', ids)
      .groupBy('case_id')
      .execute();
    expect(rows.every((r) => r.n === 4)).toBe(true);
    const cases = await tdb.db.selectFrom('cases').select(['state', 'revision']).where('id', 'in', ids).execute();
    expect(cases.every((c) => c.state === 'approved' && c.revision === 4)).toBe(true);
  });
});
