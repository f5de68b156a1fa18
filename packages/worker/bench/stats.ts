/** Small numeric helpers shared by the timer benchmarks. */
import { percentile } from '../../engine/bench/percentile';

export interface LagSummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarizeLags(lagsMs: Float64Array): LagSummary {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of lagsMs) if (v > max) max = v;
  return { count: lagsMs.length, p50Ms: percentile(lagsMs, 50), p99Ms: percentile(lagsMs, 99), maxMs: max };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export const mib = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MiB`;

/** 12345 → "12,345" */
export const count = (n: number): string => Math.round(n).toLocaleString('en-US');
