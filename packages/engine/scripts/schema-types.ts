/**
 * The database's table types, generated from a migrated database by
 * kysely-codegen (configuration: .kysely-codegenrc.json) into
 * packages/engine/src/db/schema.generated.ts, and the whole schema as SQL
 * (schema-dump.ts) into packages/engine/src/db/schema.sql.
 *
 *   pnpm run schema:types          regenerate both files after adding a migration
 *   pnpm run check:schema-types    fail when either differs from what the migrations make
 *                                  (schema.sql: compared when this server's major version printed it)
 *
 * A throwaway database is created on DATABASE_URL's server (default: the local
 * trust-auth PostgreSQL), migrated, introspected and dropped.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import { printedByAnotherVersion, schemaDump } from './schema-dump';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const target = join(root, 'packages/engine/src/db/schema.generated.ts');
const dumpTarget = join(root, 'packages/engine/src/db/schema.sql');
const check = process.argv.includes('--check');
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `esa_flow_schema_${randomBytes(5).toString('hex')}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;

async function admin(statement: string): Promise<void> {
  const db = createDatabase({ connectionString: adminUrl, maxConnections: 1 });
  try {
    await sql.raw(statement).execute(db);
  } finally {
    await db.destroy();
  }
}

await admin(`create database ${name}`);
const dir = mkdtempSync(join(tmpdir(), 'esa-schema-'));
try {
  const db = createDatabase({ connectionString: url.toString(), maxConnections: 1 });
  let dump: string;
  try {
    await migrateToLatest(db);
    dump = await schemaDump(db);
  } finally {
    await db.destroy();
  }
  const out = join(dir, 'schema.generated.ts');
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/kysely-codegen/dist/cli/bin.js'),
      '--config-file',
      join(root, '.kysely-codegenrc.json'),
      '--url',
      url.toString(),
      '--exclude-pattern',
      'kysely_migration*',
      '--out-file',
      out,
      '--log-level',
      'error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const generated = readFileSync(out, 'utf8');
  const current = readOrEmpty(target);
  compareDump(dump, readOrEmpty(dumpTarget));
  if (check) {
    if (generated !== current) {
      console.error(
        'packages/engine/src/db/schema.generated.ts differs from what the migrations create.\n' +
          'Run `pnpm run schema:types` and commit the result (a migration and its types land together).',
      );
      process.exitCode = 1;
    } else {
      console.log('schema types match the migrations.');
    }
  } else if (generated !== current) {
    writeFileSync(target, generated);
    console.log('packages/engine/src/db/schema.generated.ts written.');
  } else {
    console.log('packages/engine/src/db/schema.generated.ts is up to date.');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await admin(`drop database if exists ${name} with (force)`);
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** schema.sql: written, or (--check) compared — only when the file was printed by a server of this major version. */
function compareDump(dump: string, current: string): void {
  const header = dump.slice(0, dump.indexOf('\n'));
  if (check) {
    if (current === dump) return void console.log('schema.sql matches the migrations.');
    if (printedByAnotherVersion(current, header)) {
      console.log(`packages/engine/src/db/schema.sql was printed by another PostgreSQL major version than this server's: not compared.`);
      return;
    }
    console.error(
      'packages/engine/src/db/schema.sql differs from what the migrations create.\n' +
        'Run `pnpm run schema:types` and commit the result (a migration and its schema land together).',
    );
    process.exitCode = 1;
  } else if (current !== dump) {
    writeFileSync(dumpTarget, dump);
    console.log('packages/engine/src/db/schema.sql written.');
  }
}
