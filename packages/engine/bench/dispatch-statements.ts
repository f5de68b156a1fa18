/**
 * Where a dispatch's time goes on the database side (not a bench: no
 * baseline). Dispatches the bench's ping-pong workflow (`dispatch.bench.ts`)
 * N times through a pool like `createDatabase`'s and prints each statement's
 * round trip as Kysely times it (median / mean), then PostgreSQL's planning and
 * execution time of the claim and the write (EXPLAIN (ANALYZE, SUMMARY), 300
 * times in rolled-back transactions; `plan`: also the plans).
 *
 *   node --import tsx packages/engine/bench/dispatch-statements.ts [N] [plan|sql]
 */
import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { systemClock, WorkflowRegistry } from '../src/index';
import { createEngine, publishWorkflows, type DB } from '../src/internal';
import { createBenchDatabase } from './bench-database';
import { pingPong, seedBenchOfficer } from './dispatch.bench';
import { PreparingClient } from '../src/db/prepared-statements';

const bench = await createBenchDatabase(4);
const pool = new pg.Pool({ connectionString: bench.url, max: 2, Client: PreparingClient });
let capture: LogEvent[] | null = null;
const durations = new Map<string, number[]>();
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  log: (e) => {
    capture?.push(e);
    const k = e.query.sql.replace(/\s+/g, ' ').slice(0, 40);
    durations.set(k, [...(durations.get(k) ?? []), e.queryDurationMillis]);
  },
});
try {
  const registry = new WorkflowRegistry([pingPong]);
  await publishWorkflows(bench.db, registry);
  const engine = createEngine({ db, registry, clock: systemClock });
  const { office, actor } = await seedBenchOfficer(bench.db);
  const { caseId } = await engine.startCase({ actor, workflowId: pingPong.id, officeId: office.id, title: 'probe', input: {} });
  const n = Number(process.argv[2] ?? 1000);
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    await engine.dispatch({ actor, caseId, type: i % 2 === 0 ? 'PING' : 'PONG', payload: { note: 'x' }, idempotencyKey: randomUUID() });
  }
  const perDispatch = Number(process.hrtime.bigint() - started) / 1e6 / n;
  console.log(`a dispatch took ${perDispatch.toFixed(3)} ms (mean of ${n}, one after another)`);
  console.log('round trips as Kysely times them (ms, median / mean) over', n, 'dispatches:');
  for (const [k, v] of durations) {
    const s = [...v].sort((a, b) => a - b);
    console.log(
      `  ${k.padEnd(42)} ${s[Math.floor(s.length / 2)]!.toFixed(3)} / ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(3)}  (${v.length})`,
    );
  }
  // the statements of one more dispatch, rolled back
  capture = [];
  await engine
    .transaction(async (tx) => {
      await tx.dispatch({ actor, caseId, type: n % 2 === 0 ? 'PING' : 'PONG', payload: { note: 'x' }, idempotencyKey: randomUUID() });
      throw new Error('rollback');
    })
    .catch(() => {});
  const stmts = capture.filter((e) => !/^(begin|commit|rollback)/i.test(e.query.sql.trim()));
  capture = null;
  const client = await pool.connect();
  const plan: number[][] = stmts.map(() => []);
  const exec: number[][] = stmts.map(() => []);
  for (let r = 0; r < 300; r++) {
    await client.query('begin');
    for (const [i, e] of stmts.entries()) {
      const res = await client.query(`explain (analyze, summary, format json) ${e.query.sql}`, e.query.parameters as unknown[]);
      const j = (res.rows[0] as { 'QUERY PLAN': { 'Planning Time': number; 'Execution Time': number }[] })['QUERY PLAN'][0]!;
      plan[i]!.push(j['Planning Time']);
      exec[i]!.push(j['Execution Time']);
    }
    await client.query('rollback');
  }
  const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!.toFixed(3);
  console.log('PostgreSQL, EXPLAIN ANALYZE (ms, median of 300): planning / execution');
  for (const [i, e] of stmts.entries())
    console.log(`  ${e.query.sql.replace(/\s+/g, ' ').slice(0, 40).padEnd(42)} ${med(plan[i]!)} / ${med(exec[i]!)}`);
  if (process.argv[3] === 'plan') {
    await client.query('begin');
    for (const e of stmts) {
      const res = await client.query(`explain (analyze, buffers, summary) ${e.query.sql}`, e.query.parameters as unknown[]);
      console.log(res.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
    await client.query('rollback');
  }
  if (process.argv[3] === 'sql') for (const e of stmts) console.log(e.query.sql, e.query.parameters);
  client.release();
} finally {
  await db.destroy();
  await bench.drop();
}
