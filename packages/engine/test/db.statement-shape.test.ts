/**
 * The hot path's statements compiled once per shape (db/statement-shape.ts)
 * are exactly what building them with Kysely each time gives, for every
 * shape and for values other than the first ones; and they go to PostgreSQL
 * as named prepared statements (db/prepared-statements.ts) that keep working
 * when a table gains a column.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql, type Compilable, type Transaction } from 'kysely';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { createEngine, publishWorkflows, type DB } from '../src/internal';
import { commandWriteStatement, type CommandWrite } from '../src/case/command-write';
import { claimAndLockStatement } from '../src/case/idempotency';
import { findCaseById, lockCaseById } from '../src/case/case.repository';
import { compileShape, type ShapeValues } from '../src/db/statement-shape';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let trx: Transaction<DB>;
let a: OfficeFixture;
let engine: Engine;
const clock = new ManualClock('2025-02-03T02:00:00Z');
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  // one connection: the prepared statements a dispatch leaves are on it
  tdb = await createTestDatabase({ maxConnections: 1 });
  trx = tdb.db as unknown as Transaction<DB>;
  const registry = new WorkflowRegistry([sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db, 'A');
  for (const [k, u] of Object.entries(a.users)) actors[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

/** Compiled as a shape and built as before give the same text and parameters. */
function expectSameAsBuilt<V extends ShapeValues>(s: { key: string; values: V; build: (v: V) => Compilable<unknown> }) {
  const built = s.build(s.values).compile();
  const shaped = compileShape(s.key, s.values, s.build);
  expect(shaped.sql).toBe(built.sql);
  expect(shaped.parameters).toEqual(built.parameters);
}

const history = (n: number, extra: Partial<CommandWrite['history']> = {}): CommandWrite['history'] => ({
  caseId: `00000000-0000-4000-8000-00000000000${n}`,
  seq: n,
  at: new Date(Date.UTC(2025, 1, n)),
  actorKind: 'user',
  actorId: `10000000-0000-4000-8000-00000000000${n}`,
  actorRoles: n % 2 ? ['hr_officer'] : ['school_director', 'teacher'],
  eventType: `E${n}`,
  payload: { n, note: 'x'.repeat(n) },
  reason: n % 2 ? null : `why ${n}`,
  fromState: n % 2 ? null : `s${n - 1}`,
  toState: `s${n}`,
  prevHash: n % 2 ? null : `h${n - 1}`,
  hash: `h${n}`,
  ...extra,
});

const scope = (n: number) => ({
  officeId: `20000000-0000-4000-8000-00000000000${n}`,
  schoolId: n % 2 ? null : `30000000-0000-4000-8000-00000000000${n}`,
  subjectPersonId: n % 2 ? `40000000-0000-4000-8000-00000000000${n}` : null,
});

const updateOf = (n: number): CommandWrite => ({
  caseId: `00000000-0000-4000-8000-00000000000${n}`,
  caseRow: {
    kind: 'update',
    set: {
      state: `s${n}`,
      status: n % 2 ? 'active' : 'done',
      snapshot: JSON.stringify({ value: `s${n}` }),
      waiting_for: JSON.stringify({ [`s${n}`]: [`k${n}`] }),
      waiting_keys: [`k${n}`, `l${n}`].slice(0, n),
      revision: n,
      history_length: n,
      history_head: `h${n}`,
      updated_at: new Date(Date.UTC(2025, 2, n)),
    },
  },
  history: history(
    n,
    n > 2
      ? { late: { until: `2025-0${n}-01T00:00:00Z`, lateMinutes: n, rule: { th: 'ก', en: 'a' } }, acting: { roles: ['hr_officer'] } }
      : {},
  ),
  outbox: [
    {
      kind: 'task',
      step: `s${n}`,
      roles: n % 2 ? ['hr_officer'] : ['school_director', 'applicant'],
      scope: scope(n),
      payloadJson: `{"n":${n}}`,
    },
    { kind: 'notice', step: `t${n}`, roles: ['teacher'], scope: scope(n + 1), payloadJson: `{"m":${n}}` },
    // nobody's roles: no rows, and not in the statement
    { kind: 'notice', step: `u${n}`, roles: ['nobody'], scope: scope(n), payloadJson: '{}' },
  ],
  at: new Date(Date.UTC(2025, 3, n)),
  answer: { actorId: `10000000-0000-4000-8000-00000000000${n}`, key: `key-${n}`, response: { n, replayed: false } },
});

const start = () =>
  engine.startCase({
    actor: actors.teacher!,
    workflowId: 'sample-approval',
    officeId: a.officeId,
    schoolId: a.schoolIds[0],
    subjectPersonId: a.users.teacher.personId,
    title: 'คำขอทดสอบ',
    input: { amount: 100 },
  });

describe('a statement compiled once per shape', () => {
  it('the write of a command: an update with outbox, answer, late and acting marks, for other values than the first', () => {
    for (const n of [1, 2, 3, 4]) expectSameAsBuilt(commandWriteStatement(trx, updateOf(n)));
  });

  it('the write of a command: without outbox or answer, and the columns another command sets', () => {
    for (const n of [1, 2]) {
      const { answer: _answer, ...w } = updateOf(n);
      expectSameAsBuilt(commandWriteStatement(trx, { ...w, outbox: [] }));
      expectSameAsBuilt(
        commandWriteStatement(trx, {
          ...w,
          outbox: [],
          caseRow: { kind: 'update', set: { revision: n, history_length: n, history_head: `h${n}` } },
        }),
      );
    }
  });

  it('the write of a new case', () => {
    for (const n of [1, 2]) {
      const w = updateOf(n);
      expectSameAsBuilt(
        commandWriteStatement(trx, {
          ...w,
          caseRow: {
            kind: 'insert',
            record: {
              id: w.caseId,
              workflowId: `wf${n}`,
              workflowVersion: n,
              ...scope(n),
              title: `เรื่อง ${n}`,
              state: `s${n}`,
              status: 'active',
              revision: 1,
              historyLength: 1,
              historyHead: `h${n}`,
              createdBy: `10000000-0000-4000-8000-00000000000${n}`,
              createdAt: new Date(Date.UTC(2025, 4, n)),
              updatedAt: new Date(Date.UTC(2025, 4, n)),
            },
            snapshotJson: `{"value":"s${n}"}`,
            waiting: { waiting_for: '{}', waiting_keys: n % 2 ? [] : ['k'] },
          },
        }),
      );
    }
  });

  it('the lock of a case without a key', async () => {
    const opened = await start();
    const row = await tdb.db.transaction().execute((t) => lockCaseById(t, opened.caseId));
    expect(row).toEqual(await findCaseById(tdb.db, opened.caseId));
  });

  it('the claim of a key with the lock of its case', () => {
    for (const n of [1, 2])
      expectSameAsBuilt(
        claimAndLockStatement(
          trx,
          { actorId: `1000000${n}-0000-4000-8000-000000000000`, key: `k${n}`, command: `c${n}`, requestHash: `r${n}` },
          `0000000${n}-0000-4000-8000-000000000000`,
        ),
      );
  });
});

describe('named prepared statements', () => {
  it('a dispatch leaves its claim and its write prepared on the connection, and they still work after a column is added', async () => {
    const opened = await start();
    const first = await engine.dispatch({
      actor: actors.director!,
      caseId: opened.caseId,
      type: 'CERTIFY',
      payload: {},
      idempotencyKey: 'k-1',
    });
    const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(tdb.db);
    const texts = prepared.rows.filter((r) => r.name.startsWith('esa_')).map((r) => r.statement);
    expect(texts.some((t) => t.startsWith('with "claim" as (insert into "idempotency_keys"'))).toBe(true);
    expect(texts.some((t) => t.startsWith('with "history_row" as (insert into "case_history"'))).toBe(true);

    await sql`alter table cases add column statement_shape_probe int`.execute(tdb.db);
    try {
      const next = await engine.dispatch({
        actor: actors.hr!,
        caseId: opened.caseId,
        type: 'CHECK',
        payload: { score: 80 },
        idempotencyKey: 'k-2',
      });
      expect(next).toMatchObject({ replayed: false, historySeq: first.historySeq + 1 });
      const again = await engine.dispatch({
        actor: actors.hr!,
        caseId: opened.caseId,
        type: 'CHECK',
        payload: { score: 80 },
        idempotencyKey: 'k-2',
      });
      expect(again).toMatchObject({ replayed: true, historySeq: next.historySeq });
      expect(await engine.verifyHistory(opened.caseId)).toMatchObject({ ok: true });
    } finally {
      await sql`alter table cases drop column statement_shape_probe`.execute(tdb.db);
    }
  });
});
