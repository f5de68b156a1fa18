import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { createEngine, publishWorkflows } from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock: new ManualClock('2025-06-02T03:00:00Z') });
  a = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

/** A case with four history rows: @start, CERTIFY, CHECK, APPROVE. */
async function approvedCase(): Promise<string> {
  const { caseId } = await engine.startCase({
    actor: who.teacher!,
    workflowId: 'sample-approval',
    officeId: a.officeId,
    schoolId: a.schoolIds[0],
    subjectPersonId: a.users.teacher.personId,
    title: 'ตรวจประวัติ',
    input: { amount: 3 },
  });
  await engine.dispatch({ actor: who.director!, caseId, type: 'CERTIFY', payload: {} });
  await engine.dispatch({ actor: who.hr!, caseId, type: 'CHECK', payload: { score: 88 } });
  await engine.dispatch({ actor: who.area!, caseId, type: 'APPROVE', payload: { orderNo: '5/2568' } });
  return caseId;
}

/** Tampering as someone with direct SQL access would: the append-only trigger switched off for the session. */
async function tamper(sqlText: string, params: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: tdb.url });
  await client.connect();
  try {
    await client.query('set session_replication_role = replica');
    await client.query(sqlText, params);
  } finally {
    await client.end();
  }
}

describe('verifyHistory', () => {
  it('accepts an untouched history', async () => {
    expect(await engine.verifyHistory(await approvedCase())).toEqual({ ok: true, length: 4 });
  });

  it('refuses updates and deletes through the append-only trigger', async () => {
    const caseId = await approvedCase();
    const client = new pg.Client({ connectionString: tdb.url });
    await client.connect();
    try {
      await expect(client.query(`update case_history set reason = 'x' where case_id = $1`, [caseId])).rejects.toMatchObject({
        code: '42501',
      });
      await expect(client.query(`delete from case_history where case_id = $1`, [caseId])).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }
  });

  it.each([
    ['the payload', `update case_history set payload = '{"score": 99}' where case_id = $1 and seq = $2`],
    ['the actor', `update case_history set actor_id = 'someone-else' where case_id = $1 and seq = $2`],
    ['the time', `update case_history set at = at - interval '1 day' where case_id = $1 and seq = $2`],
    ['the reason', `update case_history set reason = 'แก้ไขย้อนหลัง' where case_id = $1 and seq = $2`],
    ['the target state', `update case_history set to_state = 'rejected' where case_id = $1 and seq = $2`],
  ])('reports the row whose %s was edited', async (_what, statement) => {
    for (const seq of [1, 3]) {
      const caseId = await approvedCase();
      await tamper(statement, [caseId, seq]);
      expect(await engine.verifyHistory(caseId)).toEqual({ ok: false, seq, problem: 'hash_mismatch' });
    }
  });

  it('reports an edited row even when the forger recomputed its hash', async () => {
    const caseId = await approvedCase();
    await tamper(`update case_history set payload = '{"score": 99}', hash = md5('x') where case_id = $1 and seq = 3`, [caseId]);
    // the forged row no longer matches its own hash…
    expect(await engine.verifyHistory(caseId)).toEqual({ ok: false, seq: 3, problem: 'hash_mismatch' });
  });

  it('reports a deleted row in the middle and at the end', async () => {
    const middle = await approvedCase();
    await tamper(`delete from case_history where case_id = $1 and seq = 2`, [middle]);
    expect(await engine.verifyHistory(middle)).toEqual({ ok: false, seq: 2, problem: 'missing_row' });
    const last = await approvedCase();
    await tamper(`delete from case_history where case_id = $1 and seq = 4`, [last]);
    expect(await engine.verifyHistory(last)).toEqual({ ok: false, seq: 4, problem: 'head_mismatch' });
  });

  it('reports a row whose predecessor was replaced', async () => {
    const caseId = await approvedCase();
    await tamper(`update case_history set prev_hash = md5('y') where case_id = $1 and seq = 2`, [caseId]);
    expect(await engine.verifyHistory(caseId)).toEqual({ ok: false, seq: 2, problem: 'chain_broken' });
  });
});
