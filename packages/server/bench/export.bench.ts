/**
 * Exporting the whole case list (GET /api/cases.xlsx, streamed through
 * exceljs' WorkbookWriter) against the same rows as CSV (GET /api/cases.csv)
 * in the same run: time, and how much the bench process's resident memory
 * grows while each answer is read (the server and the reading client share the
 * process; a buffered export would grow with the rows, a streamed one stays flat).
 * 50,000 cases by default (`BENCH_SCALE` multiplies it); the first is started
 * through the engine and the rest are copies of its row, so the setup takes
 * seconds, not minutes.
 */
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { createBenchDatabase } from '../../engine/bench/bench-database';
import type { BenchResult } from '../../engine/bench/bench-result';
import { buildApp, loadServerConfig } from '../src/index';
import { noteWorkflow } from './api.bench';
import { openBenchOffice, signInCookie } from './bench-office';

/** what issue 20 allows a 50,000-row export to take */
export const EXPORT_MEMORY_BUDGET_MB = 200;

interface Measured {
  ms: number;
  bytes: number;
  peakRssMb: number;
  rssBeforeMb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Reads the whole answer, sampling the process's RSS every 10 ms. */
async function measureDownload(url: string, cookie: string): Promise<{ measured: Measured; body: Buffer }> {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  try {
    const res = await fetch(url, { headers: { cookie } });
    if (res.status !== 200 || !res.body) throw new Error(`${url}: ${res.status}`);
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.fromWeb(res.body as never)) chunks.push(chunk as Buffer);
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    const body = Buffer.concat(chunks);
    return { measured: { ms, bytes: body.length, peakRssMb: mb(peak), rssBeforeMb: mb(rssBefore) }, body };
  } finally {
    clearInterval(sampler);
  }
}

async function xlsxRowCount(body: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([body]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
  });
  let rows = 0;
  for await (const sheet of reader) for await (const _row of sheet) rows += 1;
  return rows;
}

export async function benchExport(opts: { cases?: number; onProgress?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const cases = opts.cases ?? Math.max(1_000, Math.round(50_000 * scale));
  const progress = opts.onProgress ?? (() => {});
  const bench = await createBenchDatabase(10);
  try {
    const { engine, officeId, actor } = await openBenchOffice(bench.db, [noteWorkflow]);
    const first = await engine.startCase({ actor, workflowId: 'bench-notes', officeId, title: 'เรื่องที่ 1', input: {} });
    await sql`
      insert into cases (workflow_id, workflow_version, office_id, school_id, subject_person_id, title, state, status, snapshot, revision, history_length, history_head, created_by, created_at, updated_at)
      select workflow_id, workflow_version, office_id, school_id, subject_person_id, 'เรื่องที่ ' || g, state, status, snapshot, revision, history_length, history_head, created_by,
             created_at - g * interval '1 minute', updated_at - g * interval '1 minute'
      from cases, generate_series(2, ${cases}) g where id = ${first.caseId}`.execute(bench.db);
    await sql`analyze cases`.execute(bench.db);
    progress(`${cases.toLocaleString('en-US')} cases in the database`);

    const app = await buildApp({ engine, config: loadServerConfig({ COOKIE_SECURE: 'false', RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000' }) });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const cookie = await signInCookie(url);
      // warm both paths once on an empty list (every case is active), so neither pays for first-use compilation
      await measureDownload(`${url}/api/cases.csv?status=done`, cookie);
      await measureDownload(`${url}/api/cases.xlsx?status=done`, cookie);

      const csv = await measureDownload(`${url}/api/cases.csv`, cookie);
      const csvRows =
        csv.body
          .toString('utf8')
          .split('\n')
          .filter((l) => l.length > 0).length - 1;
      progress(
        `CSV: ${csvRows.toLocaleString('en-US')} rows, ${(csv.measured.bytes / 1e6).toFixed(1)} MB in ${(csv.measured.ms / 1000).toFixed(1)} s, peak RSS ${csv.measured.peakRssMb.toFixed(0)} MB`,
      );
      const xlsx = await measureDownload(`${url}/api/cases.xlsx`, cookie);
      const xlsxRows = (await xlsxRowCount(xlsx.body)) - 1;
      progress(
        `xlsx: ${xlsxRows.toLocaleString('en-US')} rows, ${(xlsx.measured.bytes / 1e6).toFixed(1)} MB in ${(xlsx.measured.ms / 1000).toFixed(1)} s, peak RSS ${xlsx.measured.peakRssMb.toFixed(0)} MB`,
      );
      if (csvRows !== cases || xlsxRows !== cases) throw new Error(`every row expected: ${cases}; CSV had ${csvRows}, xlsx ${xlsxRows}`);

      const n = cases.toLocaleString('en-US');
      return [
        {
          name: `export ${n} cases as xlsx: time`,
          unit: 's',
          value: xlsx.measured.ms / 1000,
          baselineName: 'the same rows as CSV',
          baseline: csv.measured.ms / 1000,
          ratio: xlsx.measured.ms / csv.measured.ms,
          note: `lower is better; every row in both (${n}); xlsx ${(xlsx.measured.bytes / 1e6).toFixed(1)} MB, CSV ${(csv.measured.bytes / 1e6).toFixed(1)} MB; ${(cases / (xlsx.measured.ms / 1000)).toFixed(0)} rows/s`,
        },
        {
          name: `export ${n} cases as xlsx: memory (peak RSS growth while sending)`,
          unit: 'MB',
          value: xlsx.measured.peakRssMb - xlsx.measured.rssBeforeMb,
          baselineName: 'the same rows as CSV',
          baseline: csv.measured.peakRssMb - csv.measured.rssBeforeMb,
          ratio: (xlsx.measured.peakRssMb - xlsx.measured.rssBeforeMb) / Math.max(1, csv.measured.peakRssMb - csv.measured.rssBeforeMb),
          note: `budget ${EXPORT_MEMORY_BUDGET_MB} MB (${xlsx.measured.peakRssMb - xlsx.measured.rssBeforeMb <= EXPORT_MEMORY_BUDGET_MB ? 'within' : 'OVER'}); the process (server and the reading client, which keeps the whole answer) went from ${xlsx.measured.rssBeforeMb.toFixed(0)} to ${xlsx.measured.peakRssMb.toFixed(0)} MB (CSV: ${csv.measured.rssBeforeMb.toFixed(0)} to ${csv.measured.peakRssMb.toFixed(0)} MB)`,
        },
      ];
    } finally {
      await app.close();
    }
  } finally {
    await bench.drop();
  }
}
