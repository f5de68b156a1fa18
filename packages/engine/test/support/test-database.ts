import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from '../../src/db/database';
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
 */
export async function createTestDatabase(options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run tests through jest (globalSetup)`);
  const name = `esa_flow_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name} template ${pg.escapeIdentifier(template)}`);
  const url = urlForDatabase(name);
  const db = createDatabase({ connectionString: url, maxConnections: options.maxConnections ?? 10 });
  return {
    db,
    url,
    name,
    async drop() {
      await db.destroy();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
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
