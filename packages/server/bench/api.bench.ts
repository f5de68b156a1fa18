/**
 * API latency and throughput under concurrent load (autocannon over loopback):
 * the inbox of an officer with 2,000 cases waiting, and dispatching an event,
 * each against a trivial route (`/healthz`) measured in the same run.
 */
import autocannon from 'autocannon';
import { setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow } from '@esa-flow/engine';
import { createBenchDatabase } from '../../engine/bench/bench-database';
import type { BenchResult } from '../../engine/bench/bench-result';
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

async function load(opts: autocannon.Options): Promise<Load> {
  const result = await autocannon({ duration: 5, ...opts });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${opts.title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average };
}

export async function benchApi(opts: { cases?: number; onProgress?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const cases = opts.cases ?? 2000;
  const progress = opts.onProgress ?? (() => {});
  const bench = await createBenchDatabase(40);
  try {
    const { engine, officeId, actor } = await openBenchOffice(bench.db, [noteWorkflow]);
    const ids: string[] = [];
    for (let i = 0; i < cases; i++) ids.push((await engine.startCase({ actor, workflowId: 'bench-notes', officeId, title: `เรื่องที่ ${i + 1}`, input: {} })).caseId);
    progress(`${cases} cases open`);

    const app = await buildApp({ engine, config: loadServerConfig({ COOKIE_SECURE: 'false', RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000' }) });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const cookie = await signInCookie(url);
      const results: BenchResult[] = [];
      for (const connections of [8, 32]) {
        const trivial = await load({ url: `${url}/healthz`, connections, title: 'healthz' });
        progress(`c=${connections} /healthz ${trivial.rps.toFixed(0)} req/s p99 ${trivial.p99} ms`);
        const inbox = await load({ url: `${url}/api/inbox`, connections, headers: { cookie }, title: 'inbox' });
        progress(`c=${connections} /api/inbox ${inbox.rps.toFixed(0)} req/s p99 ${inbox.p99} ms`);
        let n = 0;
        const dispatch = await load({
          url,
          connections,
          title: 'dispatch',
          requests: [
            {
              method: 'POST',
              headers: { cookie, 'content-type': 'application/json' },
              setupRequest: (req) => ({ ...req, path: `/api/cases/${ids[n++ % ids.length]}/events`, body: JSON.stringify({ type: 'NOTE', payload: { note: 'x' } }) }),
            },
          ],
        });
        progress(`c=${connections} dispatch ${dispatch.rps.toFixed(0)} req/s p99 ${dispatch.p99} ms`);
        for (const [name, m] of [[`GET /api/inbox (${cases} cases waiting)`, inbox], ['POST /api/cases/:id/events', dispatch]] as const) {
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
      return results;
    } finally {
      await app.close();
    }
  } finally {
    await bench.drop();
  }
}
