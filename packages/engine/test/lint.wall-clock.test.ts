/**
 * The lint rule that keeps the suite deterministic (eslint.config.js): test
 * files may not read the wall clock — no `performance.now()`, `Date.now()` or
 * `process.hrtime` — while benches may, and so may the bounded wait helper.
 * ESLint's Node API with the project's own config, on sample text.
 */
import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const timing = [
  'const started = performance.now();',
  'const ms = Date.now() - started;',
  'const ns = process.hrtime.bigint();',
  'const t = process.hrtime();',
  'expect(ms + Number(ns) + t[0]).toBeLessThan(2000);',
].join('\n');

async function refusals(filePath: string, text: string): Promise<{ line: number; message: string }[]> {
  const [result] = await eslint.lintText(`import { expect } from '@jest/globals';\n${text}\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => ({ line: m.line - 1, message: m.message }));
}

describe('no wall clock in tests (lint)', () => {
  it('refuses performance.now, Date.now and process.hrtime in a test file, pointing to the benches', async () => {
    const found = await refusals('packages/workflows/test/sample.test.ts', timing);
    expect(found.map((f) => f.line)).toEqual([1, 2, 3, 4]);
    expect(found.every((f) => f.message.includes('pnpm bench') && f.message.includes('injected clock'))).toBe(true);
  });

  it('refuses it in test support files too, except the bounded wait', async () => {
    expect(await refusals('packages/worker/test/support/sample.ts', timing)).toHaveLength(4);
    expect(await refusals('packages/engine/test/support/wait-until.ts', timing)).toEqual([]);
  });

  it('lets benches and sources time things, and lets tests use injected clocks and dates', async () => {
    expect(await refusals('packages/engine/bench/sample.bench.ts', timing)).toEqual([]);
    expect(
      await refusals(
        'packages/workflows/test/sample.test.ts',
        "const clock = { now: () => new Date('2025-04-01T02:00:00Z') };\nexpect(clock.now().getTime()).toBe(Date.parse('2025-04-01T02:00:00Z'));",
      ),
    ).toEqual([]);
  });
});
