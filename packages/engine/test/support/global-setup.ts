/**
 * Jest globalSetup: migrate one template database per test run. Each test
 * file then clones it (CREATE DATABASE … TEMPLATE …), which takes a few
 * milliseconds and isolates files from each other completely.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { ADMIN_DATABASE_URL, TEMPLATE_ENV, urlForDatabase } from './database-url';

export default async function globalSetup(): Promise<void> {
  const name = `esa_flow_tpl_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await dropStaleTemplates(admin);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const db = createDatabase({ connectionString: urlForDatabase(name), maxConnections: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  process.env[TEMPLATE_ENV] = name;
}

/** Databases left behind by runs that crashed more than a day ago. */
async function dropStaleTemplates(admin: pg.Client): Promise<void> {
  const { rows } = await admin
    .query<{ datname: string }>(
      `select d.datname from pg_database d
      where (d.datname like 'esa_flow_tpl_%' or d.datname like 'esa_flow_t_%')
        and (pg_stat_file('base/' || d.oid || '/PG_VERSION', true)).modification < now() - interval '1 day'`,
    )
    .catch(() => ({ rows: [] as { datname: string }[] }));
  for (const { datname } of rows) {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(datname)} with (force)`).catch(() => undefined);
  }
}
