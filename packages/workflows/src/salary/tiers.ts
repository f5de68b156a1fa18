/**
 * The appraisal bands (ระดับผลการประเมิน) of a round: which band a score falls
 * in, and how bands compare. Bands are the round's data (round-params.ts).
 */
import { scoreToCenti } from './money';
import type { TierBand, TierCode } from './round-params';

/** Bands highest first. */
export function bandsHighestFirst(tiers: readonly TierBand[]): TierBand[] {
  return [...tiers].sort((a, b) => b.minScore - a.minScore);
}

/** The band a score (0–100, two decimals) falls in. */
export function tierOf(score: number, tiers: readonly TierBand[]): TierBand {
  const centi = scoreToCenti(score);
  const sorted = bandsHighestFirst(tiers);
  const band = sorted.find((t) => centi >= scoreToCenti(t.minScore)) ?? sorted.at(-1);
  if (!band) throw new Error('a round has at least two bands');
  return band;
}

/** 0 for the lowest band, rising: compares bands. */
export function tierRank(code: TierCode, tiers: readonly TierBand[]): number {
  const sorted = bandsHighestFirst(tiers);
  const i = sorted.findIndex((t) => t.code === code);
  return i < 0 ? -1 : sorted.length - 1 - i;
}

/** "80.00–89.99" (or "90.00–100.00", "< 60.00" wording left to the caller) */
export function bandRange(band: TierBand, tiers: readonly TierBand[]): { from: number; to: number } {
  const sorted = bandsHighestFirst(tiers);
  const i = sorted.findIndex((t) => t.code === band.code);
  const above = i > 0 ? sorted[i - 1] : undefined;
  return { from: band.minScore, to: above ? (scoreToCenti(above.minScore) - 1) / 100 : 100 };
}
