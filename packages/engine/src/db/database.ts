import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

// timestamptz comes back as Date (pg's default); bigint ids stay strings.
export interface DatabaseOptions {
  connectionString: string;
  /** pool size; default 10 */
  maxConnections?: number;
  applicationName?: string;
}

export type Database = Kysely<DB>;

export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'esa-flow',
  });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
