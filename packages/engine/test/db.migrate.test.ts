import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { KNOWN_MIGRATIONS } from '../src/index';
import { createDatabase, migrateToLatest, type Database } from '../src/internal';
import { ADMIN_DATABASE_URL, urlForDatabase } from './support/database-url';

const name = `esa_flow_t_${randomBytes(6).toString('hex')}`;
let dbs: Database[] = [];

async function admin(text: string) {
  const c = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await admin(`create database ${name}`);
  dbs = [0, 1, 2].map(() => createDatabase({ connectionString: urlForDatabase(name), maxConnections: 2 }));
});
afterAll(async () => {
  await Promise.all(dbs.map((d) => d.destroy()));
  await admin(`drop database if exists ${name} with (force)`);
});

describe('migrations', () => {
  it('run once even when three processes start at the same moment', async () => {
    const applied = await Promise.all(dbs.map((db) => migrateToLatest(db)));
    expect(applied.flat().sort()).toEqual([...KNOWN_MIGRATIONS].sort());
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(dbs[0]!);
    expect(rows.rows.map((r) => r.name)).toEqual([...KNOWN_MIGRATIONS]);
    expect(await migrateToLatest(dbs[1]!)).toEqual([]);
  });

  it('refuse a schema migrated by a newer program', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('2099_01_01_0001_from_the_future', now()::text)`.execute(dbs[0]!);
    await expect(migrateToLatest(dbs[2]!)).rejects.toMatchObject({
      code: 'SCHEMA_TOO_NEW',
      details: { unknownMigrations: ['2099_01_01_0001_from_the_future'] },
    });
  });
});
