/**
 * The inbox with 2,000 cases in a real browser (headless Chromium): how long
 * from opening the page until its first page (50 rows) is on screen, and how long a
 * search (asked of the API) takes to narrow the list, each against a baseline measured in the
 * same run on the same browser — a plain server-written HTML table of the
 * same 2,000 rows, and a hand-written DOM filter over it. The API and the
 * built pages are served as in production (`pnpm build:web` first).
 */
import { setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow } from '@esa-flow/engine';
import { createBenchDatabase } from '../../engine/bench/bench-database';
import type { BenchResult } from '../../engine/bench/bench-result';
import { percentile } from '../../engine/bench/percentile';
import { buildApp, loadServerConfig } from '../../server/src/index';
import { BENCH_PASSWORD, BENCH_USERNAME, openBenchOffice } from '../../server/bench/bench-office';
import { launchBrowser, signInThroughPage } from '../test/support/browser';

const waiting = defineWorkflow({
  id: 'bench-inbox',
  version: 1,
  title: { th: 'เรื่องรอดำเนินการ (ทดสอบความเร็ว)', en: 'Waiting (benchmark)' },
  machine: setup({ types: { events: {} as { type: 'DONE'; payload: Record<string, never> } } }).createMachine({
    id: 'bench-inbox',
    initial: 'open',
    states: { open: { on: { DONE: 'done' } }, done: { type: 'final' } },
  }),
  input: z.object({}),
  starters: ['hr_officer'],
  steps: {
    open: {
      label: { th: 'ตรวจสอบเอกสาร', en: 'Review' },
      roles: ['hr_officer'],
      deadline: { kind: 'working_days', days: 3, phrase: 'ภายใน 3 วันทำการ' },
      source: 'benchmark',
    },
  },
  events: { DONE: { label: { th: 'เสร็จ', en: 'Done' }, payload: z.object({}).strict(), roles: ['hr_officer'] } },
});

const median = (xs: number[]) => percentile(xs, 50);

export async function benchInbox(opts: { cases?: number; runs?: number; onProgress?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const cases = opts.cases ?? 2000;
  const runs = opts.runs ?? 5;
  const progress = opts.onProgress ?? (() => {});
  const bench = await createBenchDatabase(10);
  const browser = await launchBrowser();
  try {
    const { engine, officeId, actor } = await openBenchOffice(bench.db, [waiting]);
    for (let i = 0; i < cases; i++)
      await engine.startCase({ actor, workflowId: 'bench-inbox', officeId, title: `คำขอตรวจสอบเอกสาร เลขที่ ${i + 1}`, input: {} });
    progress(`${cases} cases waiting`);

    const app = await buildApp({ engine, config: loadServerConfig({ COOKIE_SECURE: 'false', RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000' }) });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const base = address.replace('127.0.0.1', 'localhost');
    try {
      const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto('/');
      await signInThroughPage(page, BENCH_USERNAME, BENCH_PASSWORD);
      await page.getByTestId('inbox').waitFor();
      const inbox = (await (await page.request.get('/api/inbox?limit=2000')).json()) as { items: { title: string; dueAt: string }[] };
      if (inbox.items.length !== cases) throw new Error(`inbox has ${inbox.items.length} items, expected ${cases}`);

      const firstRows: number[] = [];
      const search: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t0 = Date.now();
        await page.goto('/');
        await page.locator('[data-testid=inbox] tbody tr').nth(49).waitFor();
        firstRows.push(Date.now() - t0);
        const t1 = Date.now();
        await page.getByLabel('ค้นหาในงานของฉัน').fill(`เลขที่ ${cases - r}`);
        await page
          .locator('[data-testid=inbox] tbody tr')
          .filter({ hasText: `เลขที่ ${cases - r}` })
          .first()
          .waitFor();
        await page.waitForFunction("document.querySelectorAll('[data-testid=inbox] tbody tr').length === 1");
        search.push(Date.now() - t1);
      }
      progress(`app: first rows ${median(firstRows)} ms, search ${median(search)} ms`);

      // baseline: the same rows as a plain HTML table written by the server, and a DOM filter over it
      const rows = inbox.items
        .map((i) => `<tr><td><a href="#">${i.title}</a></td><td>ตรวจสอบเอกสาร</td><td>${i.dueAt}</td><td>ทันเวลา</td></tr>`)
        .join('');
      const html = `<!doctype html><html lang="th"><meta charset="utf-8"><input id="q" aria-label="q"><table id="t"><tbody>${rows}</tbody></table>
<script>document.getElementById('q').addEventListener('input', (e) => { const q = e.target.value; for (const tr of document.querySelectorAll('#t tbody tr')) tr.style.display = tr.textContent.includes(q) ? '' : 'none'; });</script></html>`;
      // delivered by the browser's own router (no server round trip): the baseline pays no API call, the app does
      await context.route('**/bench-baseline', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      );
      const plainRows: number[] = [];
      const plainSearch: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t0 = Date.now();
        await page.goto('/bench-baseline');
        await page.locator('#t tbody tr').nth(49).waitFor();
        plainRows.push(Date.now() - t0);
        const t1 = Date.now();
        await page.locator('#q').fill(`เลขที่ ${cases - r}`);
        await page.waitForFunction("[...document.querySelectorAll('#t tbody tr')].filter((tr) => tr.style.display !== 'none').length <= 2");
        plainSearch.push(Date.now() - t1);
      }
      progress(`plain table: first rows ${median(plainRows)} ms, search ${median(plainSearch)} ms`);
      await context.close();
      const a = median(firstRows);
      const b = median(plainRows);
      const s = median(search);
      const p = median(plainSearch);
      return [
        {
          name: `inbox of ${cases}: page opened → first 50 rows (its first page) on screen (median of ${runs})`,
          unit: 'ms',
          value: a,
          baselineName: `plain HTML table of ${cases} rows`,
          baseline: b,
          ratio: b / a,
          note: 'ratio > 1: the app is faster than the baseline',
        },
        {
          name: `search typed → list narrowed to the match (median of ${runs})`,
          unit: 'ms',
          value: s,
          baselineName: 'DOM filter over the plain table',
          baseline: p,
          ratio: p / s,
        },
      ];
    } finally {
      await app.close();
    }
  } finally {
    await browser.close();
    await bench.drop();
  }
}
