/**
 * Operating a real office: demo data is marked as such (never mistaken for an
 * office's own), and a password set by someone else (the operator's first
 * admin, an admin's reset) must be changed by its owner at first sign-in.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('offices')
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}
