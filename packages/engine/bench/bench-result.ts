/** One line of `pnpm bench`: the thing measured, its baseline from the same run, and the ratio. */
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baselineName: string;
  baseline: number;
  /** value / baseline: above 1 means faster than the baseline */
  ratio: number;
  note?: string;
}

export function formatResults(title: string, results: readonly BenchResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baselineName}: ${fmt(r.baseline)} ${r.unit} | ×${r.ratio.toFixed(2)} | ${r.note ?? ''} |`,
  );
  return [`## ${title}`, '', '| measured | value | baseline (same run) | ratio | note |', '|---|---|---|---|---|', ...rows].join('\n');
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}
