/**
 * Seeding the demo data of `pnpm start` (`seedDemo`: the demo office, its
 * staff and committees, sample cases of every procedure, a transfer round and
 * a salary round part-way) into a fresh migrated database, against a raw floor
 * in the same run: the rows it wrote written again with plain multi-row
 * INSERTs (`row-floor.ts`). Three runs, each in its own database; the median.
 */
import { publishWorkflows } from '@esa-flow/engine/internal';
import { engineOn } from '@esa-flow/engine/testing';
import { createRegistry } from '@esa-flow/workflows';
import { createBenchDatabase } from '../../engine/bench/bench-database';
import type { BenchResult } from '../../engine/bench/bench-result';
import { openRawPool, rawRowFloor, rowsWritten, tableRowCounts, totalRows } from '../../engine/bench/row-floor';
import { seedDemo } from '../src/demo/seed-demo';

const registry = createRegistry();

interface Run {
  seedSeconds: number;
  floorSeconds: number;
  rows: number;
  tables: number;
}

async function once(now: Date): Promise<Run> {
  const bench = await createBenchDatabase(8);
  const pool = openRawPool(bench.url);
  try {
    await publishWorkflows(bench.db, createRegistry()); // as `pnpm start` does before seeding
    await pool.query('checkpoint');
    const before = await tableRowCounts(pool);
    const started = process.hrtime.bigint();
    const seeded = await seedDemo(engineOn(bench.db, registry), registry, now);
    const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (!seeded.created || seeded.skipped.length > 0) throw new Error(`the demo was not fully seeded: ${JSON.stringify(seeded)}`);
    const written = rowsWritten(before, await tableRowCounts(pool));
    const floorSeconds = await rawRowFloor(pool, written);
    return { seedSeconds, floorSeconds, rows: totalRows(written), tables: Object.keys(written).length };
  } finally {
    await pool.end();
    await bench.drop();
  }
}

export async function benchDemoSeed(opts: { runs?: number; onProgress?: (m: string) => void } = {}): Promise<BenchResult[]> {
  const progress = opts.onProgress ?? (() => {});
  const now = new Date('2026-11-20T03:00:00Z');
  const runs: Run[] = [];
  for (let i = 0; i < (opts.runs ?? 3); i++) {
    const r = await once(now);
    progress(`demo seed ${i + 1}: ${r.seedSeconds.toFixed(2)} s, floor ${r.floorSeconds.toFixed(3)} s, ${r.rows} rows`);
    runs.push(r);
  }
  const ratioOf = (r: Run) => r.floorSeconds / r.seedSeconds;
  const median = [...runs].sort((a, b) => ratioOf(a) - ratioOf(b))[Math.floor(runs.length / 2)]!;
  const value = median.rows / median.seedSeconds;
  const baseline = median.rows / median.floorSeconds;
  return [
    {
      name: 'seedDemo into a fresh database',
      unit: 'rows/s',
      value,
      baselineName: 'the same rows by raw multi-row INSERT',
      baseline,
      ratio: value / baseline,
      note: `seeding ${median.seedSeconds.toFixed(2)} s (runs: ${runs.map((r) => r.seedSeconds.toFixed(2)).join(', ')} s), floor ${median.floorSeconds.toFixed(3)} s; ${median.rows.toLocaleString('en-US')} rows in ${median.tables} tables; median of ${runs.length} by ratio`,
    },
  ];
}
