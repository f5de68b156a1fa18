/**
 * Opening a cycle: `openCycleChildren` for N children (default 50,000) against a
 * raw floor measured in the same run — the same rows (cases, their `@start`
 * history rows with a sha256 each, SLA clocks, timers, task notifications)
 * written with plain `pg` multi-row INSERTs in batches of the same size, one
 * transaction per batch, with no engine logic (no validation, no XState, no
 * authorization, no deadline computation, no recipient lookup, no resume
 * bookkeeping).
 */
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import {
  defineWorkflow,
  systemClock,
  WorkflowRegistry,
  type Actor,
  type CycleChildSpec,
  type Engine,
  type EngineEvent,
  type EngineInput,
} from '../src/index';
import { createEngine, loadUserActor, openCycleChildren, publishWorkflows, engineDeps } from '../src/internal';
import { createBenchDatabase } from './bench-database';
import type { BenchResult } from './bench-result';

const Empty = z.object({}).strict();
const RaiseInput = z.object({ personnelNo: z.string().regex(/^\d{6}$/), salary: z.number().int().positive() }).strict();
const source = 'benchmark';

/** A salary raise request: the HR officer reviews within 5 working days, the area director decides. */
const raise = defineWorkflow({
  id: 'bench-raise',
  version: 1,
  title: { th: 'เลื่อนเงินเดือน (ทดสอบความเร็ว)', en: 'Salary raise (benchmark)' },
  machine: setup({
    types: {
      context: {} as { salary: number; step: number | null },
      events: {} as EngineEvent<'PROPOSE' | 'APPROVE', { step?: number }>,
      input: {} as EngineInput<z.infer<typeof RaiseInput>>,
    },
  }).createMachine({
    id: 'bench-raise',
    initial: 'hrReview',
    context: ({ input }) => ({ salary: input.data.salary, step: null }),
    states: {
      hrReview: { on: { PROPOSE: { target: 'decision', actions: assign({ step: ({ event }) => event.payload.step ?? null }) } } },
      decision: { on: { APPROVE: 'raised' } },
      raised: { type: 'final' },
    },
  }),
  input: RaiseInput,
  starters: ['hr_officer'],
  steps: {
    hrReview: {
      label: { th: 'กลุ่มบริหารงานบุคคลตรวจสอบ', en: 'HR review' },
      roles: ['hr_officer'],
      deadline: { kind: 'working_days', days: 5, phrase: 'ภายใน 5 วันทำการ' },
      source,
    },
    decision: { label: { th: 'ผอ.สพท. พิจารณา', en: 'Area director decides' }, roles: ['area_director'], source },
  },
  events: {
    PROPOSE: { label: { th: 'เสนอ', en: 'Propose' }, payload: z.object({ step: z.number().optional() }).strict(), roles: ['hr_officer'] },
    APPROVE: { label: { th: 'อนุมัติ', en: 'Approve' }, payload: Empty, roles: ['area_director'] },
  },
});

const roundWorkflow = defineWorkflow({
  id: 'bench-round',
  version: 1,
  title: { th: 'รอบเลื่อนเงินเดือน (ทดสอบความเร็ว)', en: 'Raise round (benchmark)' },
  machine: setup({ types: { events: {} as EngineEvent<'CLOSE', Record<string, never>>, input: {} as EngineInput } }).createMachine({
    id: 'bench-round',
    initial: 'collecting',
    states: { collecting: { on: { CLOSE: 'closed' } }, closed: { type: 'final' } },
  }),
  input: z.object({}).strict(),
  starters: ['hr_officer'],
  steps: { collecting: { label: { th: 'รวบรวม', en: 'Collecting' }, roles: ['hr_officer'], source } },
  events: { CLOSE: { label: { th: 'ปิดรอบ', en: 'Close' }, payload: Empty, roles: ['system', 'hr_officer'] } },
});

const TABLES = ['cases', 'case_history', 'sla_clocks', 'sla_timers', 'notifications'] as const;
const BATCH = 1000;

export interface CycleBenchOptions {
  /** children in the measured opening; default 50,000 */
  children?: number;
  onProgress?: (message: string) => void;
}

/**
 * Each measured run gets a fresh database (same schema, same people, same
 * grants) and starts after a CHECKPOINT, so neither inherits the other's
 * table sizes or dirty buffers. A warm-up of 2,000 children of each kind runs
 * first in its own database (JIT, caches), unmeasured.
 */
export async function benchCycleOpening(opts: CycleBenchOptions = {}): Promise<BenchResult[]> {
  const n = opts.children ?? 50_000;
  const progress = opts.onProgress ?? (() => {});
  const report = (label: string, total: number) => (done: number) => {
    if (done % 10_000 === 0 || done === total) progress(`${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
  };

  await withWorld(Math.min(2000, n), async (w) => {
    await runFloor(w, report('warm-up floor', w.population.length));
    await runEngine(w, report('warm-up engine', w.population.length));
  });
  const floor = await withWorld(n, (w) => runFloor(w, report('raw floor', n)));
  const eng = await withWorld(n, (w) => runEngine(w, report('engine', n)));

  if (TABLES.some((t) => floor.rows[t] !== eng.rows[t])) {
    throw new Error(`the floor and the engine wrote different rows: ${JSON.stringify({ floor: floor.rows, engine: eng.rows })}`);
  }
  const rows = total(eng.rows);
  const value = rows / eng.seconds;
  const baseline = rows / floor.seconds;
  progress(`engine ${eng.seconds.toFixed(2)} s, floor ${floor.seconds.toFixed(2)} s, ${rows} rows each`);
  return [
    {
      name: `open a cycle of ${n.toLocaleString('en-US')} children`,
      unit: 'rows/s',
      value,
      baselineName: 'raw multi-row INSERT floor',
      baseline,
      ratio: value / baseline,
      note: `${rows.toLocaleString('en-US')} rows (${TABLES.map((t) => `${t} ${eng.rows[t].toLocaleString('en-US')}`).join(', ')}); engine ${eng.seconds.toFixed(1)} s = ${Math.round(n / eng.seconds).toLocaleString('en-US')} children/s, floor ${floor.seconds.toFixed(1)} s; batches of ${BATCH}`,
    },
  ];
}

interface World {
  raw: pg.Pool;
  engine: Engine;
  actor: Actor;
  officeId: string;
  hrUsers: string[];
  population: CycleChildSpec[];
  openRound(): Promise<string>;
}

/** A fresh database with one office, two schools, two HR officers and `n` teachers. */
async function withWorld<T>(n: number, run: (w: World) => Promise<T>): Promise<T> {
  const bench = await createBenchDatabase(4);
  const raw = new pg.Pool({ connectionString: bench.url, max: 2 });
  try {
    const registry = new WorkflowRegistry([raise, roundWorkflow]);
    await publishWorkflows(bench.db, registry);
    const engine = createEngine({ db: bench.db, registry, clock: systemClock });
    const office = await bench.db
      .insertInto('offices')
      .values({ code: 'bench-cycle', name_th: 'สพป.ทดสอบ', name_en: 'Bench', level: 'primary' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const schools = await bench.db
      .insertInto('schools')
      .values([1, 2].map((i) => ({ office_id: office.id, code: `bench-cycle-${i}`, name_th: `โรงเรียน ${i}`, name_en: `School ${i}` })))
      .returning('id')
      .execute();
    const hrUsers: string[] = [];
    for (const name of ['bench-hr-1', 'bench-hr-2']) {
      const u = await bench.db.insertInto('users').values({ username: name }).returning('id').executeTakeFirstOrThrow();
      await bench.db
        .insertInto('role_assignments')
        .values({ user_id: u.id, role: 'hr_officer', office_id: office.id, school_id: null, valid_from: '2020-01-01' })
        .execute();
      hrUsers.push(u.id);
    }
    const actor: Actor = await loadUserActor(bench.db, hrUsers[0]!, new Date());
    const { rows: people } = await raw.query<{ id: string; school_id: string }>(
      `insert into people (first_name_th, last_name_th, office_id, school_id)
       select 'ครู' || i, 'ทดสอบ', $1, (array[$2, $3]::uuid[])[1 + i % 2] from generate_series(0, $4::int - 1) i
       order by i returning id, school_id`,
      [office.id, schools[0]!.id, schools[1]!.id, n],
    );
    const population: CycleChildSpec[] = people.map((p, i) => ({
      key: `P${String(i).padStart(6, '0')}`,
      subjectPersonId: p.id,
      schoolId: p.school_id,
      title: `เลื่อนเงินเดือน ครั้งที่ 1/2569 — ครูคนที่ ${i}`,
      input: { personnelNo: String(100000 + i), salary: 18_000 + (i % 20_000) },
    }));
    const openRound = async () =>
      (await engine.startCase({ actor, workflowId: roundWorkflow.id, officeId: office.id, title: 'รอบเลื่อนเงินเดือน', input: {} })).caseId;
    await raw.query('vacuum analyze');
    await raw.query('checkpoint');
    return await run({ raw, engine, actor, officeId: office.id, hrUsers, population, openRound });
  } finally {
    await raw.end();
    await bench.drop();
  }
}

async function runEngine(w: World, onBatch: (done: number) => void): Promise<{ seconds: number; rows: Counts }> {
  const parentId = await w.openRound();
  const started = process.hrtime.bigint();
  const result = await openCycleChildren(engineDeps(w.engine), w.actor, {
    parentCaseId: parentId,
    workflowId: raise.id,
    population: w.population,
    batchSize: BATCH,
    onProgress: (p) => onBatch(p.done),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.created !== w.population.length) throw new Error(`engine created ${result.created} of ${w.population.length}`);
  return { seconds, rows: await rowCounts(w.raw, parentId) };
}

async function runFloor(w: World, onBatch: (done: number) => void): Promise<{ seconds: number; rows: Counts }> {
  const parentId = await w.openRound();
  const started = process.hrtime.bigint();
  await rawFloor(w.raw, { parentId, officeId: w.officeId, actorId: w.actor.id, recipients: w.hrUsers, rows: w.population, onBatch });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, rows: await rowCounts(w.raw, parentId) };
}

type Counts = Record<(typeof TABLES)[number], number>;

function total(c: Counts): number {
  return TABLES.reduce((s, t) => s + c[t], 0);
}

async function rowCounts(pool: pg.Pool, parentId: string): Promise<Counts> {
  const out = {} as Counts;
  for (const t of TABLES) {
    const q =
      t === 'cases'
        ? `select count(*)::int as n from cases where parent_case_id = $1`
        : `select count(*)::int as n from ${t} x join cases c on c.id = x.case_id where c.parent_case_id = $1`;
    out[t] = (await pool.query<{ n: number }>(q, [parentId])).rows[0]!.n;
  }
  return out;
}

/** The floor: the same rows by hand, one multi-row INSERT per table per batch, one transaction per batch. */
async function rawFloor(
  pool: pg.Pool,
  a: { parentId: string; officeId: string; actorId: string; recipients: string[]; rows: CycleChildSpec[]; onBatch: (done: number) => void },
): Promise<void> {
  const client = await pool.connect();
  try {
    for (let first = 0; first < a.rows.length; first += BATCH) {
      const batch = a.rows.slice(first, first + BATCH);
      const now = new Date().toISOString();
      const due = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const fireAts = [1, 6, 7, 8].map((d) => new Date(Date.now() + d * 86_400_000).toISOString());
      const kinds = [
        ['reminder', 2],
        ['due_today', 0],
        ['overdue', 0],
        ['escalation', 1],
      ] as const;
      const cases: unknown[][] = [];
      const history: unknown[][] = [];
      const clocks: unknown[][] = [];
      const timers: unknown[][] = [];
      const notes: unknown[][] = [];
      for (const r of batch) {
        const id = randomUUID();
        const input = r.input as { salary: number };
        const payload = JSON.stringify(r.input);
        const hash = createHash('sha256').update(`${id}|1|${now}|${payload}`).digest('hex');
        cases.push([
          id,
          'bench-raise',
          1,
          a.officeId,
          r.schoolId,
          r.subjectPersonId,
          r.title,
          'hrReview',
          'active',
          `{"value":"hrReview","context":{"salary":${input.salary},"step":null},"status":"active"}`,
          1,
          1,
          hash,
          a.actorId,
          now,
          now,
          a.parentId,
          r.key,
        ]);
        history.push([id, 1, now, 'user', a.actorId, '["hr_officer"]', '@start', payload, null, null, 'hrReview', null, hash]);
        const clockId = randomUUID();
        clocks.push([
          clockId,
          id,
          a.officeId,
          'hrReview',
          1,
          '{"kind":"working_days","days":5}',
          '{"maxEscalations":5}',
          'running',
          now,
          due,
          null,
          `{"kind":"spec","triggerAt":"${now}"}`,
        ]);
        kinds.forEach(([kind, level], k) => timers.push([clockId, id, kind, level, fireAts[k], 'pending', now]));
        for (const user of a.recipients)
          notes.push([id, 1, user, 'task', 'hrReview', `{"workflow":"bench-raise@1","title":${JSON.stringify(r.title)}}`, now, now]);
      }
      await client.query('begin');
      await insert(
        client,
        'cases',
        [
          'id',
          'workflow_id',
          'workflow_version',
          'office_id',
          'school_id',
          'subject_person_id',
          'title',
          'state',
          'status',
          'snapshot',
          'revision',
          'history_length',
          'history_head',
          'created_by',
          'created_at',
          'updated_at',
          'parent_case_id',
          'cycle_key',
        ],
        cases,
      );
      await insert(
        client,
        'case_history',
        [
          'case_id',
          'seq',
          'at',
          'actor_kind',
          'actor_id',
          'actor_roles',
          'event_type',
          'payload',
          'reason',
          'from_state',
          'to_state',
          'prev_hash',
          'hash',
        ],
        history,
      );
      await insert(
        client,
        'sla_clocks',
        ['id', 'case_id', 'office_id', 'step', 'opened_seq', 'spec', 'policy', 'status', 'started_at', 'due_at', 'remind_at', 'due_basis'],
        clocks,
      );
      await insert(client, 'sla_timers', ['clock_id', 'case_id', 'kind', 'level', 'fire_at', 'status', 'created_at'], timers);
      await insert(
        client,
        'notifications',
        ['case_id', 'history_seq', 'recipient_user_id', 'kind', 'step', 'payload', 'available_at', 'created_at'],
        notes,
      );
      await client.query('commit');
      a.onBatch(first + batch.length);
    }
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function insert(client: pg.PoolClient, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perStatement = Math.floor(65_000 / columns.length);
  for (let first = 0; first < rows.length; first += perStatement) {
    const chunk = rows.slice(first, first + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(',')})`);
    await client.query(`insert into ${table} (${columns.join(',')}) values ${tuples.join(',')}`, params);
  }
}
