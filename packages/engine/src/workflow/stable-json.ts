/**
 * JSON with object keys sorted at every level, so equal values always give
 * equal text. Used for content hashes and the history hash chain. Functions
 * are written as their source text (machine guards and actions are part of
 * what a workflow version means).
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(normalize(value, new WeakSet()));
}

function normalize(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'function') return `[function ${value.toString()}]`;
  if (value === undefined || typeof value === 'symbol') return undefined;
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((v) => normalize(v, seen) ?? null);
  } else {
    const entries = Object.keys(value)
      .sort()
      .map((k) => [k, normalize((value as Record<string, unknown>)[k], seen)] as const)
      .filter(([, v]) => v !== undefined);
    out = Object.fromEntries(entries);
  }
  seen.delete(value);
  return out;
}
