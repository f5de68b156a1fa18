/**
 * `stableStringify` writes its text directly; it must give exactly the text
 * of the way it was first written (a sorted copy, then `JSON.stringify`):
 * stored hashes depend on it.
 */
import { describe, expect, it } from '@jest/globals';
import { stableStringify } from '../src/workflow/stable-json';

/** the first implementation, kept as the reference */
function reference(value: unknown): string {
  const normalize = (v: unknown, seen: WeakSet<object>): unknown => {
    if (typeof v === 'function') return `[function ${v.toString()}]`;
    if (v === undefined || typeof v === 'symbol') return undefined;
    if (typeof v === 'bigint') return v.toString();
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof Date) return v.toISOString();
    if (seen.has(v)) return '[circular]';
    seen.add(v);
    let out: unknown;
    if (Array.isArray(v)) out = v.map((x) => normalize(x, seen) ?? null);
    else {
      out = Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, normalize((v as Record<string, unknown>)[k], seen)] as const)
          .filter(([, x]) => x !== undefined),
      );
    }
    seen.delete(v);
    return out;
  };
  return JSON.stringify(normalize(value, new WeakSet()));
}

/** a small deterministic generator of values of every kind */
function* values(): Generator<unknown> {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const leaves: (() => unknown)[] = [
    () => null,
    () => undefined,
    () => true,
    () => false,
    () => 0,
    () => -0,
    () => 1.5e-7,
    () => -42,
    () => NaN,
    () => Infinity,
    () => 12345678901234567890n,
    () => '',
    () => 'ไทย "คำพูด" \\ \n\u0000\u2028',
    () => '😀',
    () => new Date('2025-04-01T01:05:00Z'),
    () => Symbol('s'),
    () =>
      function named(a: number) {
        return a + 1;
      },
    () => (x: number) => x * 2,
    () => new String('ab'),
    () => new Map([[1, 2]]),
  ];
  const build = (depth: number): unknown => {
    const r = rnd();
    if (depth === 0 || r < 0.4) return leaves[Math.floor(rnd() * leaves.length)]!();
    if (r < 0.7) {
      const a: unknown[] = Array.from({ length: Math.floor(rnd() * 5) }, () => build(depth - 1));
      if (rnd() < 0.2) a[a.length + 1] = 1; // holes
      return a;
    }
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 6); i > 0; i--)
      o[['b', 'a', 'ข', 'ก', 'A', '10', '2', '01', '4294967295', '4294967294', '__proto__x', 'toJSON', 'z y'][Math.floor(rnd() * 13)]!] =
        build(depth - 1);
    return o;
  };
  for (let i = 0; i < 3000; i++) yield build(4);
}

describe('stableStringify', () => {
  it('gives the reference text for values of every kind', () => {
    let n = 0;
    for (const v of values()) {
      expect(stableStringify(v)).toBe(reference(v));
      n += 1;
    }
    expect(n).toBe(3000);
  });

  it('writes a value met again inside itself as "[circular]", and a shared one in full', () => {
    const shared = { x: 1 };
    const loop: Record<string, unknown> = { shared, again: shared, list: [shared] };
    loop.self = loop;
    expect(stableStringify(loop)).toBe(reference(loop));
    expect(stableStringify(loop)).toBe('{"again":{"x":1},"list":[{"x":1}],"self":"[circular]","shared":{"x":1}}');
  });

  it('sorts keys by their UTF-16 code units, as before', () => {
    const v = { b: 1, a: 2, ข: 3, ก: 4, B: 5, '10': 6, '2': 7, '01': 8, '4294967295': 9, '4294967294': 10, '-1': 11 };
    expect(stableStringify(v)).toBe(reference(v));
  });
});
