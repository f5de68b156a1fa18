/**
 * Money and percentages as integers: satang (1 baht = 100 satang) and basis
 * points (1 bp = 0.01 %). Sums of integers are exact, so "the raises never
 * exceed the pool" is checked on the very numbers that are paid.
 */

/** floor(n / d) for non-negative safe integers, exactly (no floating division). */
export function divFloor(n: number, d: number): number {
  return (n - (n % d)) / d;
}

/** ceil(n / d) for non-negative safe integers, exactly. */
export function divCeil(n: number, d: number): number {
  const q = divFloor(n, d);
  return n % d === 0 ? q : q + 1;
}

/**
 * base × bp / 10,000 rounded to a multiple of `unit` satang. The product
 * stays a safe integer for any salary below 900 billion satang.
 */
export function percentOf(baseSatang: number, pctBp: number, unit: number, mode: 'up' | 'down' | 'nearest'): number {
  const n = baseSatang * pctBp;
  const d = 10_000 * unit;
  const units = mode === 'up' ? divCeil(n, d) : mode === 'down' ? divFloor(n, d) : divFloor(2 * n + d, 2 * d);
  return units * unit;
}

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 2998000 → "29,980.00" */
export function formatBaht(satang: number): string {
  const sign = satang < 0 ? '-' : '';
  const abs = Math.abs(satang);
  return `${sign}${group(String(divFloor(abs, 100)))}.${String(abs % 100).padStart(2, '0')}`;
}

/** 380 → "3.80" (per cent, two decimals) */
export function formatPct(bp: number): string {
  return `${divFloor(bp, 100)}.${String(bp % 100).padStart(2, '0')}`;
}

/** A score kept as hundredths of a point: 8745 → "87.45". */
export function formatScore(centi: number): string {
  return formatPct(centi);
}

/** A weight in thousandths: 850 → "0.850". */
export function formatWeight(milli: number): string {
  return `${divFloor(milli, 1000)}.${String(milli % 1000).padStart(3, '0')}`;
}

/** A score 0–100 with at most two decimals as an integer of hundredths. */
export function scoreToCenti(score: number): number {
  return Math.round(score * 100);
}
