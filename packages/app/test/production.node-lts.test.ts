/**
 * The compiled processes run on the Node.js LTS releases too (22 and 24; the
 * rest of the suite runs on the machines' Node 20): `migrate`, `esa office
 * create`, `api` (ready, sign-in, a read) and `worker` (started on the
 * PostgreSQL queue backend), each with `node` of that release and nothing but
 * the built dist/ and node_modules.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createEmptyTestDatabase } from '../../engine/test/support/index';
import { waitUntil } from '../../engine/test/support/wait-until';
// @ts-expect-error: a plain ESM script of the repository (scripts/), without types
import { ensureNodeLts, NODE_LTS_VERSIONS } from '../../../scripts/ensure-node-lts.mjs';
import { freePort } from '../../engine/test/support/free-port';

const children: ChildProcess[] = [];
let runtimes: string[] = [];

beforeAll(() => {
  // .ci/run installs them beforehand; here only when a developer's machine lacks them
  runtimes = (ensureNodeLts as () => string[])();
});

afterAll(async () => {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
});

function env(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const { DATABASE_URL: _d, REDIS_URL: _r, SMTP_URL: _s, ESA_FLOW_DEMO: _demo, ...rest } = process.env as Record<string, string>;
  return { ...rest, DATABASE_URL: databaseUrl, COOKIE_SECURE: 'false', HOST: '127.0.0.1', ...extra };
}

function start(node: string, args: string[], environment: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(node, ['packages/app/bin/run.mjs', ...args], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

describe.each((NODE_LTS_VERSIONS as string[]).map((version, i) => ({ version, i })))('on Node.js $version', ({ version, i }) => {
  it('migrates, creates an office, serves the API and runs a worker', async () => {
    const node = runtimes[i]!;
    expect(execFileSync(node, ['--version']).toString().trim()).toBe(`v${version}`);
    const database = await createEmptyTestDatabase();
    try {
      const migrate = start(node, ['migrate'], env(database.url));
      expect(await new Promise((resolve) => migrate.child.once('exit', resolve))).toBe(0);
      const office = start(
        node,
        [
          'esa',
          'office',
          'create',
          '--code',
          `lts-${i}`,
          '--name-th',
          'สำนักงานทดสอบ',
          '--name-en',
          'Test office',
          '--admin',
          `admin.lts${i}`,
        ],
        env(database.url, { ESA_FLOW_ADMIN_PASSWORD: 'lts-admin-password' }),
      );
      expect(await new Promise((resolve) => office.child.once('exit', resolve))).toBe(0);

      const port = await freePort();
      const api = start(node, ['api'], env(database.url, { PORT: String(port) }));
      const base = `http://127.0.0.1:${port}`;
      await waitUntil(
        async () =>
          fetch(`${base}/readyz`).then(
            (r) => r.status === 200,
            () => false,
          ),
        () => `the API on Node ${version}:\n${api.output()}`,
        60_000,
        100,
      );
      const signIn = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `admin.lts${i}`, password: 'lts-admin-password' }),
      });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${base}/api/cases`, { headers: { cookie } })).status).toBe(200);

      const worker = start(node, ['worker'], env(database.url, { PROMOTION_INTERVAL_MS: '1000' }));
      await waitUntil(
        async () =>
          worker.output().includes('worker started') || (worker.child.exitCode !== null && Promise.reject(new Error(worker.output()))),
        () => `the worker on Node ${version}:\n${worker.output()}`,
        60_000,
        100,
      );
      for (const c of [api.child, worker.child]) {
        const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
        c.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    } finally {
      await database.drop();
    }
  });
});
