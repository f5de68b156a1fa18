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
      `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baselineName}: ${fmt(r.baseline)} ${r.unit} | ${fmtRatio(r.ratio)} | ${r.note ?? ''} |`,
  );
  return [`## ${title}`, '', '| measured | value | baseline (same run) | ratio | note |', '|---|---|---|---|---|', ...rows].join('\n');
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

/** Ratios below 0.01 would print as ×0.00: the figure follows in scientific notation. */
function fmtRatio(ratio: number): string {
  return ratio > 0 && ratio < 0.01 ? `×0.00 (${ratio.toExponential(1)})` : `×${ratio.toFixed(2)}`;
}
