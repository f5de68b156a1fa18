/**
 * API latency and throughput under concurrent load (autocannon over loopback):
 * the inbox of an officer with 2,000 cases waiting (a page of 100), and dispatching an event,
 * each against a trivial route (`/healthz`) measured in the same run; and the
 * inbox's latency against the one SQL query that returns that page (counts
 * and the first 100, soonest due first, from `case_waiting`), with 2,000 cases in the office and
 * again with 50,000 (48,000 of them waiting on someone else). Every workflow
 * of the product is registered, as in production: the inbox reads them all.
 */
import autocannon from 'autocannon';
import { setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow } from '@esa-flow/engine';
import { workflows as productWorkflows } from '@esa-flow/workflows';
import { createBenchDatabase } from '../../engine/bench/bench-database';
import type { BenchResult } from '../../engine/bench/bench-result';
import { percentile } from '../../engine/bench/percentile';
import { openRawPool } from '../../engine/bench/row-floor';
import { buildApp, loadServerConfig } from '../src/index';
import { openBenchOffice, signInCookie } from './bench-office';

export const noteWorkflow = defineWorkflow({
  id: 'bench-notes',
  version: 1,
  title: { th: 'บันทึกย่อ (ทดสอบความเร็ว)', en: 'Notes (benchmark)' },
  machine: setup({ types: { events: {} as { type: 'NOTE'; payload: { note: string } } } }).createMachine({
    id: 'bench-notes',
    initial: 'open',
    states: { open: { on: { NOTE: { target: 'open', reenter: false } } } },
  }),
  input: z.object({}),
  starters: ['hr_officer'],
  steps: { open: { label: { th: 'รอดำเนินการ', en: 'Open' }, roles: ['hr_officer'], source: 'benchmark' } },
  events: { NOTE: { label: { th: 'บันทึก', en: 'Note' }, payload: z.object({ note: z.string().max(100) }).strict(), roles: ['hr_officer'] } },
});

interface Load {
  p50: number;
  p99: number;
  rps: number;
}

/**
 * Five seconds of load, after two seconds of the same load not counted: the process's code compiled and its
 * statements prepared, as in a process that has served for a while (cold, the first seconds' compiling raised
 * the inbox's p99 from 15–19 to 22–35 ms).
 */
async function load(opts: autocannon.Options): Promise<Load> {
  await autocannon({ ...opts, duration: 2 });
  const result = await autocannon({ duration: 5, ...opts });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${opts.title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

/** A workflow whose one step waits on a school's director: cases of the office that are not the officer's. */
const otherWorkflow = defineWorkflow({
  id: 'bench-other',
  version: 1,
  title: { th: 'เรื่องของโรงเรียน (ทดสอบความเร็ว)', en: 'School matters (benchmark)' },
  machine: setup({ types: { events: {} as { type: 'NOTE'; payload: { note: string } } } }).createMachine({
    id: 'bench-other',
    initial: 'open',
    states: { open: { on: { NOTE: { target: 'open', reenter: false } } } },
  }),
  input: z.object({}),
  starters: ['hr_officer'],
  steps: { open: { label: { th: 'รอโรงเรียน', en: 'With the school' }, roles: ['school_director'], source: 'benchmark' } },
  events: {
    NOTE: { label: { th: 'บันทึก', en: 'Note' }, payload: z.object({ note: z.string().max(100) }).strict(), roles: ['school_director'] },
  },
});

/**
 * The page of the inbox in one hand-written statement: the counts and the first 100 waiting cases, soonest due
 * first — read from `case_waiting` by the officer's one grant key (`<office>/hr_officer`), as the inbox reads it.
 */
const PAGE_SQL = `
  with mine as (select w.case_id, w.step, w.due_at from case_waiting w where w.holder_key = $1 || '/hr_officer')
  select (select count(*) from mine) as total, (select count(*) from mine where due_at < now()) as overdue,
         (select json_agg(p) from (
            select w.case_id, w.step, w.due_at, c.title from (
              select * from case_waiting w where w.holder_key = $1 || '/hr_officer' order by w.due_at, w.case_id, w.step limit 100) w
            join cases c on c.id = w.case_id order by w.due_at, w.case_id, w.step) p) as items`;

/** `connections` loops sending the statement for `seconds`: requests per second and latency percentiles, as autocannon reports them. */
async function sqlLoad(url: string, officeId: string, connections: number, seconds: number): Promise<Load> {
  const pool = openRawPool(url, connections);
  try {
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const t = performance.now();
          await pool.query(PAGE_SQL, [officeId]);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const at = (p: number) => Math.round(percentile(latencies, p) * 10) / 10;
    return { p50: at(50), p99: at(99), rps: latencies.length / seconds };
  } finally {
    await pool.end();
  }
}

export async function benchApi(opts: { cases?: number; onProgress?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const cases = opts.cases ?? 2000;
  const progress = opts.onProgress ?? (() => {});
  const bench = await createBenchDatabase(40);
  try {
    const { engine, officeId, actor } = await openBenchOffice(bench.db, [noteWorkflow, otherWorkflow, ...productWorkflows]);
    const ids: string[] = [];
    for (let i = 0; i < cases; i++)
      ids.push((await engine.startCase({ actor, workflowId: 'bench-notes', officeId, title: `เรื่องที่ ${i + 1}`, input: {} })).caseId);
    progress(`${cases} cases open`);

    const app = await buildApp({
      engine,
      config: loadServerConfig({ COOKIE_SECURE: 'false', RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000' }),
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const cookie = await signInCookie(url);
      const results: BenchResult[] = [];
      // BENCH_API_ONLY=inbox: only the inbox against its page's query (2,000 and 50,000 cases in the office), while iterating
      const onlyInbox = process.env.BENCH_API_ONLY === 'inbox';
      for (const connections of onlyInbox ? [] : [8, 32]) {
        const trivial = await load({ url: `${url}/healthz`, connections, title: 'healthz' });
        progress(`c=${connections} /healthz ${trivial.rps.toFixed(0)} req/s p99 ${trivial.p99} ms`);
        const inbox = await load({ url: `${url}/api/inbox?limit=100`, connections, headers: { cookie }, title: 'inbox' });
        progress(`c=${connections} /api/inbox ${inbox.rps.toFixed(0)} req/s p99 ${inbox.p99} ms`);
        let n = 0;
        const dispatch = await load({
          url,
          connections,
          title: 'dispatch',
          requests: [
            {
              method: 'POST',
              headers: { cookie, origin: url, 'content-type': 'application/json' },
              setupRequest: (req) => ({
                ...req,
                path: `/api/cases/${ids[n++ % ids.length]}/events`,
                body: JSON.stringify({ type: 'NOTE', payload: { note: 'x' } }),
              }),
            },
          ],
        });
        progress(`c=${connections} dispatch ${dispatch.rps.toFixed(0)} req/s p99 ${dispatch.p99} ms`);
        for (const [name, m] of [
          [`GET /api/inbox (${cases} cases waiting)`, inbox],
          ['POST /api/cases/:id/events', dispatch],
        ] as const) {
          results.push({
            name: `${name}, ${connections} connections`,
            unit: 'req/s',
            value: m.rps,
            baselineName: 'GET /healthz',
            baseline: trivial.rps,
            ratio: m.rps / trivial.rps,
            note: `p50 ${m.p50} ms, p99 ${m.p99} ms (healthz p50 ${trivial.p50} ms, p99 ${trivial.p99} ms)`,
          });
        }
      }
      // the inbox against the one statement that returns its page, at 8 connections: 2,000 cases in the office, then 50,000
      for (const inOffice of [cases, 50_000]) {
        if (inOffice > cases) {
          const template = await engine.startCase({ actor, workflowId: 'bench-other', officeId, title: 'เรื่องของโรงเรียน', input: {} });
          const columns = (await bench.db
            .selectFrom('information_schema.columns' as never)
            .select('column_name' as never)
            .where('table_name' as never, '=', 'cases' as never)
            .where('column_name' as never, '!=', 'id' as never)
            .execute()) as { column_name: string }[];
          const list = columns.map((c) => `"${c.column_name}"`).join(', ');
          const raw = openRawPool(bench.url);
          await raw.query(`insert into cases (${list}) select ${list} from cases, generate_series(1, $2) where id = $1`, [
            template.caseId,
            inOffice - cases - 1,
          ]);
          await raw.query('analyze cases');
          await raw.end();
          progress(`${inOffice} cases in the office`);
        }
        const inbox = await load({ url: `${url}/api/inbox?limit=100`, connections: 8, headers: { cookie }, title: 'inbox' });
        await sqlLoad(bench.url, officeId, 8, 2); // warm-up, as load()'s
        const floor = await sqlLoad(bench.url, officeId, 8, 5);
        progress(
          `${inOffice} in the office: /api/inbox p50 ${inbox.p50} ms p99 ${inbox.p99} ms; the page's SQL p50 ${floor.p50} ms p99 ${floor.p99} ms`,
        );
        results.push({
          name: `GET /api/inbox, ${cases} waiting of ${inOffice.toLocaleString('en')} in the office, 8 connections`,
          unit: 'req/s',
          value: inbox.rps,
          baselineName: 'the one SQL query of that page',
          baseline: floor.rps,
          ratio: inbox.rps / floor.rps,
          note: `p50 ${inbox.p50} ms, p99 ${inbox.p99} ms (the query: p50 ${floor.p50} ms, p99 ${floor.p99} ms)`,
        });
      }
      return results;
    } finally {
      await app.close();
    }
  } finally {
    await bench.drop();
  }
}
