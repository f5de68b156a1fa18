import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { ADMIN_DATABASE_URL, TEMPLATE_ENV, urlForDatabase } from './database-url';

export interface TestDatabase {
  db: Database;
  /** connection string of this file's own database, for extra raw connections */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file, cloned from the run's template.
 * Call in `beforeAll`, and `drop()` in `afterAll`.
 *
 * `serverUrl`: on another PostgreSQL server (one the test runs itself, e.g.
 * to stop it): the run's template lives on the shared one, so this database
 * is created empty and migrated, which takes a few seconds more.
 */
export async function createTestDatabase(options: { maxConnections?: number; serverUrl?: string } = {}): Promise<TestDatabase> {
  const admin = options.serverUrl ?? ADMIN_DATABASE_URL;
  const name = `esa_flow_t_${randomBytes(6).toString('hex')}`;
  if (options.serverUrl) {
    await adminQuery(`create database ${name}`, admin);
  } else {
    const template = process.env[TEMPLATE_ENV];
    if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run tests through jest (globalSetup)`);
    await adminQuery(`create database ${name} template ${pg.escapeIdentifier(template)}`, admin);
  }
  const url = urlForDatabase(name, admin);
  const db = createDatabase({ connectionString: url, maxConnections: options.maxConnections ?? 10 });
  if (options.serverUrl) await migrateToLatest(db);
  return {
    db,
    url,
    name,
    async drop() {
      await db.destroy();
      await adminQuery(`drop database if exists ${name} with (force)`, admin);
    },
  };
}

async function adminQuery(text: string, url: string = ADMIN_DATABASE_URL): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/**
 * An empty database (no schema at all), as an operator's fresh PostgreSQL:
 * for the tests of `pnpm migrate` and of processes started before it.
 */
export async function createEmptyTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `esa_flow_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  return { url: urlForDatabase(name), name, drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}
