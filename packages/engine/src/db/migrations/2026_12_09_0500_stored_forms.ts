/**
 * The forms of what the engine stores derived from the program's rules, by
 * fingerprint: `holder_keys` — the rule that wrote `cases.waiting_for` and
 * `waiting_keys` (access/holder-keys-form.ts). `pnpm migrate` compares it with
 * the program's and, when they differ, has the active cases' holders written
 * again (case/refresh-stored-holders.ts). Empty here: the first `pnpm migrate`
 * after this migration records it (and writes the holders once more).
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table stored_forms (
    name text primary key,
    fingerprint text not null,
    recorded_at timestamptz not null
  )`.execute(db);
  await sql`comment on table stored_forms is ${sql.lit(
    'the fingerprint of the program rule each derived stored form was written by (holder_keys: cases.waiting_for/waiting_keys); pnpm migrate rewrites the form when the program brings another',
  )}`.execute(db);
}
