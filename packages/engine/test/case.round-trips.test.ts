/**
 * The statements a command sends inside its transaction (besides BEGIN and
 * COMMIT): the one pipeline claims its key with the lock or the scope check,
 * then writes the case row, history, outbox and the key's answer in one
 * statement. A change that adds a round trip to the hot path fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KyselyPlugin } from 'kysely';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { createEngine, publishWorkflows } from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
const clock = new ManualClock('2025-02-03T02:00:00Z');
const actors: Record<string, Actor> = {};
let statements: string[] = [];

/** Sees every statement the engine sends through Kysely, by kind and first table. */
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    statements.push(args.node.kind);
    return args.node;
  },
  transformResult: async (args) => args.result,
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db.withPlugin(counter), registry, clock });
  a = await seedOffice(tdb.db, 'A');
  for (const [k, u] of Object.entries(a.users)) actors[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

async function counted<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  statements = [];
  const result = await run();
  return { result, statements: [...statements] };
}

const start = (key?: string) =>
  engine.startCase({
    actor: actors.teacher!,
    workflowId: 'sample-approval',
    officeId: a.officeId,
    schoolId: a.schoolIds[0],
    subjectPersonId: a.users.teacher.personId,
    title: 'คำขอทดสอบ',
    input: { amount: 100 },
    ...(key ? { idempotencyKey: key } : {}),
  });

describe('the statements of a command', () => {
  it('a start with a key: the claim with the scope check, then one write (and its outbox row is there)', async () => {
    const { result, statements: s } = await counted(() => start('k-start-1'));
    expect(s).toEqual(['SelectQueryNode', 'InsertQueryNode']);
    const notes = await tdb.db.selectFrom('notifications').select('recipient_user_id').where('case_id', '=', result.caseId).execute();
    expect(notes.map((n) => n.recipient_user_id)).toEqual([a.users.director.userId]);
  });

  it('a start without a key: the scope check, then one write', async () => {
    const { statements: s } = await counted(() => start());
    expect(s).toEqual(['SelectQueryNode', 'InsertQueryNode']);
  });

  it('an event with or without a key: the claim with the lock, then one write; a replay reads the key once more', async () => {
    const opened = await start();
    const first = await counted(() =>
      engine.dispatch({ actor: actors.director!, caseId: opened.caseId, type: 'CERTIFY', payload: {}, idempotencyKey: 'k-certify' }),
    );
    expect(first.statements).toEqual(['SelectQueryNode', 'UpdateQueryNode']);
    const replay = await counted(() =>
      engine.dispatch({ actor: actors.director!, caseId: opened.caseId, type: 'CERTIFY', payload: {}, idempotencyKey: 'k-certify' }),
    );
    expect(replay.result).toMatchObject({ replayed: true, historySeq: first.result.historySeq });
    expect(replay.statements).toEqual(['SelectQueryNode', 'SelectQueryNode']);
    const next = await counted(() => engine.dispatch({ actor: actors.hr!, caseId: opened.caseId, type: 'CHECK', payload: { score: 80 } }));
    expect(next.result).toMatchObject({ replayed: false, historySeq: 3 });
    expect(next.statements).toEqual(['SelectQueryNode', 'UpdateQueryNode']);
  });
});
