/**
 * `pnpm esa history verify` against the attacks of someone who can write the
 * database as its owner, one test per attack, each found by the operator
 * function behind the command (the compiled command is run on a forged chain
 * in production.processes.test.ts):
 *  1. an UPDATE of a history row with the append-only trigger disabled → the chain;
 *  2. a row's payload edited and every hash recomputed forward, the case's head
 *     moved along → the signed checkpoint;
 *  3. the case row's state/snapshot edited (flipped to "approved") → the replay.
 * And the false alarms it must not raise: every case of the demo data (every
 * procedure, cycles and committees included) replays to its stored state.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ManualClock, WorkflowRegistry, type Actor, type Engine, type HistoryEntry } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import { createRegistry } from '@esa-flow/workflows';
import {
  actorOf,
  createTestDatabase,
  sampleApproval,
  seedOffice,
  type OfficeFixture,
  type TestDatabase,
  engineOn,
} from '../../engine/test/support/index';
import { historyRowHash } from '../../engine/src/case/history-hash';
import { readHistory } from '../../engine/src/case/history.repository';
import { seedDemo } from '../src/demo/seed-demo';
import { CHECKPOINT_INDEX, writeCheckpoint, type CheckpointConfig } from '../src/operator/history-checkpoint';
import { verifyAllHistory } from '../src/operator/verify-all-history';

const KEY = 'a-checkpoint-key-of-at-least-32-bytes-long!';
let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let dir: string;
let checkpoints: CheckpointConfig;
const who: Record<string, Actor> = {};
const clock = new ManualClock('2026-11-20T03:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([...createRegistry().list(), sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  await seedDemo(engineOn(tdb.db, registry), registry, clock.now());
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
  dir = mkdtempSync(join(tmpdir(), 'esa-checkpoints-'));
  checkpoints = { dir, key: Buffer.from(KEY) };
});
afterAll(async () => {
  await tdb?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function approvedCase(): Promise<string> {
  const { caseId } = await engine.startCase({
    actor: who.teacher!,
    workflowId: 'sample-approval',
    officeId: a.officeId,
    schoolId: a.schoolIds[0],
    subjectPersonId: a.users.teacher.personId,
    title: 'ขออนุมัติ',
    input: { amount: 3 },
  });
  await engine.dispatch({ actor: who.director!, caseId, type: 'CERTIFY', payload: {} });
  await engine.dispatch({ actor: who.hr!, caseId, type: 'CHECK', payload: { score: 40 } });
  return caseId; // rejected on the low score: done
}

/** As the owner, with the append-only trigger off for the session (what the application role may not do). */
async function asOwnerWithoutTrigger(body: (run: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
  await tdb.db.connection().execute(async (conn) => {
    await sql`set session_replication_role = replica`.execute(conn);
    try {
      await body(async (text) => void (await sql.raw(text).execute(conn)));
    } finally {
      await sql`set session_replication_role = origin`.execute(conn);
    }
  });
}

const verify = () => verifyAllHistory(engine, { checkpoints });

describe('pnpm esa history verify', () => {
  it('finds nothing wrong in untouched data: every demo case replays to its state; a checkpoint is written and matches', async () => {
    await approvedCase();
    const none = await verifyAllHistory(engine, { checkpoints: null, pageSize: 7 }); // several pages
    expect(none).toMatchObject({ ok: true, checkpoints: 0 });
    expect((none as { cases: number }).cases).toBeGreaterThan(20);
    const line = await writeCheckpoint(engineOn(tdb.db), checkpoints, clock.now());
    expect(line.cases).toBe((none as { cases: number }).cases);
    expect(await verify()).toMatchObject({ ok: true, checkpoints: 1 });
  });

  it('(1) finds a history row updated with the trigger disabled, as the owner', async () => {
    const caseId = await approvedCase();
    await asOwnerWithoutTrigger((run) => run(`update case_history set payload = '{"score": 95}' where case_id = '${caseId}' and seq = 3`));
    expect(await verify()).toMatchObject({ ok: false, kind: 'chain', caseId, seq: 3, problem: 'hash_mismatch' });
    await asOwnerWithoutTrigger((run) => run(`update case_history set payload = '{"score": 40}' where case_id = '${caseId}' and seq = 3`));
    expect(await verify()).toMatchObject({ ok: true });
  });

  describe('(2) a chain recomputed forward, with the case head moved along', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = await approvedCase();
      await writeCheckpoint(engineOn(tdb.db), checkpoints, clock.now());
      // the forger puts someone else's name on the decision (the replay is
      // the same: who decided does not change the state), recomputes each
      // hash from there on and stores the new head: the chain alone is satisfied
      const rows = await readHistory(tdb.db, caseId);
      const forged: HistoryEntry[] = [];
      let prev: string | null = null;
      for (const row of rows) {
        const edited = row.seq === 2 ? { ...row, actorId: who.area!.id, reason: 'ลงนามแทน' } : row;
        const entry = { ...edited, prevHash: prev };
        const hash = historyRowHash(entry);
        forged.push({ ...entry, hash });
        prev = hash;
      }
      await asOwnerWithoutTrigger(async (run) => {
        for (const f of forged) {
          await run(
            `update case_history set actor_id = '${f.actorId}', reason = ${f.reason ? `'${f.reason}'` : 'null'}, prev_hash = ${f.prevHash ? `'${f.prevHash}'` : 'null'}, hash = '${f.hash}' where case_id = '${caseId}' and seq = ${f.seq}`,
          );
        }
        await run(`update cases set history_head = '${prev}' where id = '${caseId}'`);
      });
      expect(await engine.verifyHistory(caseId)).toEqual({ ok: true, length: 3 });
      expect(await engine.replayHistory(caseId)).toMatchObject({ ok: true });
    });

    it('is found by the signed checkpoint', async () => {
      expect(await verify()).toMatchObject({ ok: false, kind: 'checkpoint', problem: 'history_rewritten', caseId, seq: 3 });
      // and the replay alone does not see it: only the checkpoint does
      expect(await verifyAllHistory(engine, { checkpoints: null })).toMatchObject({ ok: true });
    });

    it('a checkpoint edited to match the forgery fails its signature; one signed with another key too', async () => {
      const index = join(dir, CHECKPOINT_INDEX);
      const original = readFileSync(index, 'utf8');
      try {
        const lines = original.trim().split('\n');
        const last = JSON.parse(lines.pop()!);
        writeFileSync(index, [...lines, JSON.stringify({ ...last, cases: last.cases + 1 })].join('\n') + '\n');
        expect(await verify()).toMatchObject({ ok: false, kind: 'checkpoint', problem: 'checkpoint_signature' });
        writeFileSync(index, original);
        expect(
          await verifyAllHistory(engine, { checkpoints: { dir, key: Buffer.from('another-key-of-at-least-32-bytes-long!!') } }),
        ).toMatchObject({
          ok: false,
          kind: 'checkpoint',
          problem: 'checkpoint_signature',
        });
      } finally {
        writeFileSync(index, original);
      }
    });

    it('a history cut back (rows deleted, head moved back) is found by the checkpoint too', async () => {
      const other = await approvedCase();
      await writeCheckpoint(engineOn(tdb.db), checkpoints, clock.now());
      const rows = await readHistory(tdb.db, other);
      await asOwnerWithoutTrigger(async (run) => {
        await run(`delete from case_history where case_id = '${other}' and seq = 3`);
        await run(
          `update cases set history_length = 2, history_head = '${rows[1]!.hash}', state = '${rows[1]!.toState}' where id = '${other}'`,
        );
      });
      expect(await engine.verifyHistory(other)).toEqual({ ok: true, length: 2 });
      const found = await verifyAllHistory(engine, { checkpoints, replay: false });
      expect(found).toMatchObject({ ok: false, kind: 'checkpoint' });
    });
  });
});

describe('(3) a case row edited behind the engine', () => {
  let tdb3: TestDatabase;
  let engine3: Engine;
  beforeAll(async () => {
    // a database of its own: the forged chain above stays forged
    tdb3 = await createTestDatabase();
    const registry = new WorkflowRegistry([sampleApproval]);
    await publishWorkflows(tdb3.db, registry);
    engine3 = createEngine({ db: tdb3.db, registry, clock });
    const b = await seedOffice(tdb3.db);
    for (const [k, u] of Object.entries(b.users)) who[`b.${k}`] = await actorOf(tdb3.db, u);
    const { caseId } = await engine3.startCase({
      actor: who['b.teacher']!,
      workflowId: 'sample-approval',
      officeId: b.officeId,
      schoolId: b.schoolIds[0],
      subjectPersonId: b.users.teacher.personId,
      title: 'ขออนุมัติ',
      input: { amount: 3 },
    });
    await engine3.dispatch({ actor: who['b.director']!, caseId, type: 'CERTIFY', payload: {} });
  });
  afterAll(() => tdb3?.drop());

  it('is found by the replay: a state flipped to approved, or only the snapshot changed', async () => {
    const row = await tdb3.db.selectFrom('cases').select(['id', 'state', 'snapshot']).executeTakeFirstOrThrow();
    expect(await verifyAllHistory(engine3)).toMatchObject({ ok: true });
    await tdb3.db
      .updateTable('cases')
      .set({ state: 'approved', status: 'done', snapshot: JSON.stringify({ ...row.snapshot, value: 'approved', status: 'done' }) })
      .where('id', '=', row.id)
      .execute();
    expect(await engine3.verifyHistory(row.id)).toMatchObject({ ok: true });
    expect(await verifyAllHistory(engine3)).toMatchObject({ ok: false, kind: 'replay', caseId: row.id, problem: 'state_mismatch' });
    const snapshot = row.snapshot as { context: Record<string, unknown> };
    await tdb3.db
      .updateTable('cases')
      .set({ state: row.state, status: 'active', snapshot: JSON.stringify({ ...snapshot, context: { ...snapshot.context, amount: 999 } }) })
      .where('id', '=', row.id)
      .execute();
    expect(await verifyAllHistory(engine3)).toMatchObject({ ok: false, kind: 'replay', caseId: row.id, problem: 'snapshot_mismatch' });
    await tdb3.db
      .updateTable('cases')
      .set({ snapshot: JSON.stringify(row.snapshot) })
      .where('id', '=', row.id)
      .execute();
    expect(await verifyAllHistory(engine3)).toMatchObject({ ok: true });
  });
});
