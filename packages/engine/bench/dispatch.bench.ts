/**
 * Dispatch throughput: engine transitions per second at concurrency 1, 8 and 32,
 * against a raw floor measured in the same run — the same rows (idempotency key,
 * locked case read, hash-chained history row, outbox row, case update) written
 * with plain `pg` in one transaction per transition, with no engine in between.
 */
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, systemClock, WorkflowRegistry, type Actor } from '../src/index';
import { createEngine, loadUserActor, publishWorkflows, type Database } from '../src/internal';
import { createBenchDatabase } from './bench-database';
import type { BenchResult } from './bench-result';

const Note = z.object({ note: z.string().max(200) }).strict();
/** The bench's workflow: two steps and an event each way. */
export const pingPong = defineWorkflow({
  id: 'bench-ping-pong',
  version: 1,
  title: { th: 'ทดสอบความเร็ว', en: 'Benchmark ping-pong' },
  machine: setup({ types: { events: {} as { type: 'PING' | 'PONG'; payload: { note: string } } } }).createMachine({
    id: 'bench-ping-pong',
    initial: 'a',
    states: { a: { on: { PING: 'b' } }, b: { on: { PONG: 'a' } } },
  }),
  input: z.object({}),
  starters: ['hr_officer'],
  steps: {
    a: { label: { th: 'ก', en: 'A' }, roles: ['hr_officer'], source: 'benchmark' },
    b: { label: { th: 'ข', en: 'B' }, roles: ['hr_officer'], source: 'benchmark' },
  },
  events: {
    PING: { label: { th: 'ส่ง', en: 'Ping' }, payload: Note, roles: ['hr_officer'] },
    PONG: { label: { th: 'ตอบ', en: 'Pong' }, payload: Note, roles: ['hr_officer'] },
  },
});

/** The bench's office and its HR officer (who starts and moves the ping-pong cases). */
export async function seedBenchOfficer(db: Database): Promise<{ office: { id: string }; actor: Actor }> {
  const office = await db
    .insertInto('offices')
    .values({ code: 'bench', name_th: 'สพป.ทดสอบ', name_en: 'Bench', level: 'primary' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db.insertInto('users').values({ username: 'bench-hr' }).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role: 'hr_officer', office_id: office.id, school_id: null, valid_from: '2020-01-01' })
    .execute();
  return { office, actor: await loadUserActor(db, user.id, new Date()) };
}

export interface DispatchBenchOptions {
  concurrencies?: number[];
  transitionsPerRun?: number;
  onProgress?: (message: string) => void;
}

export async function benchDispatch(options: DispatchBenchOptions = {}): Promise<BenchResult[]> {
  const concurrencies = options.concurrencies ?? [1, 8, 32];
  const total = options.transitionsPerRun ?? 3000;
  const progress = options.onProgress ?? (() => {});
  const bench = await createBenchDatabase(Math.max(...concurrencies) + 2);
  const raw = new pg.Pool({ connectionString: bench.url, max: Math.max(...concurrencies) + 2 });
  try {
    const registry = new WorkflowRegistry([pingPong]);
    await publishWorkflows(bench.db, registry);
    const engine = createEngine({ db: bench.db, registry, clock: systemClock });
    const { office, actor } = await seedBenchOfficer(bench.db);

    const openCases = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        ids.push((await engine.startCase({ actor, workflowId: pingPong.id, officeId: office.id, title: `bench ${i}`, input: {} })).caseId);
      }
      return ids;
    };

    const engineFlips = async (caseId: string, n: number) => {
      for (let i = 0; i < n; i++) {
        await engine.dispatch({ actor, caseId, type: i % 2 === 0 ? 'PING' : 'PONG', payload: { note: 'x' }, idempotencyKey: randomUUID() });
      }
    };
    const rawFlips = async (caseId: string, n: number) => {
      for (let i = 0; i < n; i++) await rawTransition(raw, caseId, actor.id, i % 2 === 0 ? 'b' : 'a');
    };
    // 500 of each first, not counted: the engine's code compiled and its statements prepared, as in a process that
    // has served for a while (and the floor's the same), before the first concurrency is measured
    const [warmEngine, warmRaw] = await openCases(2);
    await engineFlips(warmEngine!, 500);
    await rawFlips(warmRaw!, 500);

    const results: BenchResult[] = [];
    for (const concurrency of concurrencies) {
      // each worker owns one case and flips it back and forth; contention is on the database, not one row
      const engineCases = await openCases(concurrency);
      const rawCases = await openCases(concurrency);
      const perWorker = Math.ceil(total / concurrency);

      const engineRate = await timed(concurrency * perWorker, () =>
        Promise.all(engineCases.map((caseId) => engineFlips(caseId, perWorker))),
      );
      progress(`engine  c=${concurrency}: ${engineRate.toFixed(0)} transitions/s`);

      const floorRate = await timed(concurrency * perWorker, () => Promise.all(rawCases.map((caseId) => rawFlips(caseId, perWorker))));
      progress(`raw pg  c=${concurrency}: ${floorRate.toFixed(0)} transitions/s`);
      results.push({
        name: `dispatch, concurrency ${concurrency}`,
        unit: 'transitions/s',
        value: engineRate,
        baselineName: 'raw pg floor',
        baseline: floorRate,
        ratio: engineRate / floorRate,
        note: `${concurrency * perWorker} transitions each`,
      });
    }
    return results;
  } finally {
    await raw.end();
    await bench.drop();
  }
}

async function timed(count: number, run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return count / seconds;
}

/** The same writes as one engine dispatch, by hand: the floor no engine can beat. */
async function rawTransition(pool: pg.Pool, caseId: string, userId: string, to: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const key = randomUUID();
    await client.query(
      `insert into idempotency_keys (actor_id, key, command, request_hash) values ($1, $2, 'dispatch', $3) on conflict do nothing`,
      [userId, key, 'h'],
    );
    const { rows } = await client.query<{ state: string; revision: number; history_length: number; history_head: string }>(
      'select state, revision, history_length, history_head from cases where id = $1 for update',
      [caseId],
    );
    const c = rows[0]!;
    const seq = c.history_length + 1;
    const at = new Date();
    const hash = createHash('sha256').update(`${caseId}|${seq}|${at.toISOString()}|${c.history_head}`).digest('hex');
    await client.query(
      `insert into case_history (case_id, seq, at, actor_kind, actor_id, actor_roles, event_type, payload, reason, from_state, to_state, prev_hash, hash)
       values ($1, $2, $3, 'user', $4, '["hr_officer"]', $5, '{"note":"x"}', null, $6, $7, $8, $9)`,
      [caseId, seq, at, userId, to === 'b' ? 'PING' : 'PONG', c.state, to, c.history_head, hash],
    );
    await client.query(
      `insert into notifications (case_id, history_seq, recipient_user_id, kind, step, payload, available_at, created_at)
       values ($1, $2, $3, 'task', $4, '{}', $5, $5)`,
      [caseId, seq, userId, to, at],
    );
    await client.query(
      `update cases set state = $2, snapshot = $3, revision = revision + 1, history_length = $4, history_head = $5, updated_at = $6 where id = $1`,
      [caseId, to, JSON.stringify({ value: to, context: {}, status: 'active' }), seq, hash, at],
    );
    await client.query(`update idempotency_keys set response = $3, case_id = $4 where actor_id = $1 and key = $2`, [
      userId,
      key,
      JSON.stringify({ caseId, seq }),
      caseId,
    ]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}
