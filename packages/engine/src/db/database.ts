import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PreparingClient } from './prepared-statements';
import type { DB } from './schema';

// timestamptz comes back as Date (pg's default); bigint ids stay strings.
export interface DatabaseOptions {
  connectionString: string;
  /** pool size; default 10 */
  maxConnections?: number;
  applicationName?: string;
  /** told when an idle pooled connection fails; the pool replaces it */
  onIdleError?: (error: Error) => void;
  /**
   * PostgreSQL `statement_timeout` of every pooled connection, in
   * milliseconds: a query running longer is cancelled (SQLSTATE 57014, which
   * the API answers 503 QUERY_TIMEOUT). Unset: no limit (migrations, the CLI).
   */
  statementTimeoutMs?: number;
}

export type Database = Kysely<DB>;

const DATE_OID = 1082;
/** `date` columns stay 'YYYY-MM-DD' strings: a Bangkok calendar date is not an instant. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'esa-flow',
    types,
    // the hot path's fixed statement texts go as named prepared statements (prepared-statements.ts)
    Client: PreparingClient,
    ...(options.statementTimeoutMs !== undefined && options.statementTimeoutMs > 0
      ? { statement_timeout: options.statementTimeoutMs }
      : {}),
  });
  // An idle client can lose its connection (server restart, admin termination).
  // pg emits that on the pool; unhandled it would crash the process. The pool
  // drops the client and the next query gets a fresh connection.
  pool.on('error', (error) => options.onIdleError?.(error));
  // pg-pool listens for errors only while a client is idle in the pool; a
  // connection that dies while checked out (the server restarted or ended it)
  // would otherwise emit an unhandled 'error' and bring the process down. The
  // query in flight fails on its own; this only keeps the process alive.
  pool.on('connect', (client) => client.on('error', (error) => options.onIdleError?.(error)));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
