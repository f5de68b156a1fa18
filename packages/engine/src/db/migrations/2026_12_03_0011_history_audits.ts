/**
 * The worker's daily audit of the case histories (chain, replay, signed
 * checkpoint): one row per Bangkok day, claimed by the first worker that
 * starts it, so it runs at most once a day however many workers there are;
 * its outcome stays here for the operator (and the alert in the worker's log).
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('history_audits')
    .addColumn('day', 'date', (c) => c.primaryKey())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('ok', 'boolean')
    .addColumn('cases', 'integer')
    .addColumn('finding', 'jsonb')
    .addColumn('checkpoint', 'text')
    .addColumn('claimed_by', 'text', (c) => c.notNull().defaultTo(sql`''`))
    .execute();
}
