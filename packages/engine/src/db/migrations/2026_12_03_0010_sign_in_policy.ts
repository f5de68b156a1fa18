/**
 * Sign-in policy and sessions (docs/access.md "Signing in"): back-off per
 * (username, source) instead of a lock on the account, rate-limit counters
 * shared by every API process, scoped bearer tokens, and indexes for the
 * purge of expired sessions, old idempotency keys and sign-in attempts.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_until', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('sign_in_throttle_pk', ['username', 'source'])
    .execute();
  await db.schema.createIndex('sign_in_throttle_updated_idx').on('sign_in_throttle').column('updated_at').execute();

  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_limit_hits_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_limit_hits_window_idx').on('rate_limit_hits').column('window_start').execute();

  await db.schema
    .alterTable('sessions')
    .addColumn('scope', 'text', (c) => c.check(sql`scope in ('read', 'full')`))
    .execute();
  // tokens issued before scopes could do everything
  await sql`update sessions set scope = 'full' where kind = 'token'`.execute(db);
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
  await db.schema.createIndex('sign_in_attempts_at_idx').on('sign_in_attempts').column('at').execute();
}
