/**
 * Who holds the steps a case stands at, stored on its row (the stored form of
 * the rule of access/role-holders.ts, docs/benchmarks.md "inbox"): the engine
 * writes `waiting_for` and `waiting_keys` with every write of a case's state,
 * data or scope, and "งานของฉัน" looks the user's grant keys up in the GIN
 * index instead of evaluating the rule for every case of the office. A case
 * that is done waits on nobody (set here); an active case written before this
 * migration is filled by `pnpm migrate` (`fillCaseWaiting`, which has the
 * workflows' metadata) right after the workflows are published — null means
 * "not filled yet".
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table cases add column waiting_for jsonb, add column waiting_keys text[]`.execute(db);
  await sql`update cases set waiting_for = '{}'::jsonb, waiting_keys = '{}' where status <> 'active'`.execute(db);
  // fastupdate off: a case row carries a few keys, written in place; a pending list would leave the index
  // unused (the planner counts its pages) until a vacuum merges it — after a cycle opened 50,000 children
  await sql`create index cases_waiting_keys_idx on cases using gin (waiting_keys) with (fastupdate = off) where status = 'active'`.execute(
    db,
  );
  await sql`create index cases_waiting_unfilled_idx on cases (id) where waiting_for is null`.execute(db);
  await sql`comment on column cases.waiting_for is ${sql.lit(
    'who holds the steps the case stands at: each active step someone holds → its holder keys ("<office>/<role>" office-wide, "<office>/<role>/<school>" for one school, "subject" for the case\'s subject); {} when done; null until pnpm migrate fills it (access/role-holders.ts stepHolderKeys)',
  )}`.execute(db);
  await sql`comment on column cases.waiting_keys is ${sql.lit(
    'the grant keys of waiting_for, all steps together (not "subject"): what the inbox looks a user\'s grants up by',
  )}`.execute(db);
}
