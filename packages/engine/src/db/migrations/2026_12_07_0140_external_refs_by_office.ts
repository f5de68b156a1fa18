/**
 * References of another system kept for an office, not only for a cycle
 * (issue 21, docs/cycles.md "Children imported from another system"; second
 * user: academic-standing requests filed in the OTEPC DPA system, imported by
 * the office's HR officer — those cases have no round). `cycle_external_refs`
 * gets the office of every row (filled from the parent case for the rows
 * already there) and the parent becomes optional:
 *
 * - a row with a parent (a TRS number in a transfer round) stays unique per
 *   parent, source and reference, as before;
 * - a row without one (a DPA request number) is unique per office, source and
 *   reference, so an import sent again finds the case it opened.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table cycle_external_refs add column office_id uuid references offices (id)`.execute(db);
  await sql`update cycle_external_refs x set office_id = c.office_id from cases c where c.id = x.parent_case_id`.execute(db);
  await sql`alter table cycle_external_refs alter column office_id set not null`.execute(db);
  await sql`alter table cycle_external_refs drop constraint cycle_external_refs_pk`.execute(db);
  await sql`alter table cycle_external_refs alter column parent_case_id drop not null`.execute(db);
  await sql`create unique index cycle_external_refs_in_cycle on cycle_external_refs (parent_case_id, source, ref) where parent_case_id is not null`.execute(
    db,
  );
  await sql`create unique index cycle_external_refs_in_office on cycle_external_refs (office_id, source, ref) where parent_case_id is null`.execute(
    db,
  );
  for (const [column, text] of COMMENTS) {
    if (column === null) await sql`comment on table cycle_external_refs is ${sql.lit(text)}`.execute(db);
    else await sql`comment on column ${sql.ref(`cycle_external_refs.${column}`)} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [column: string | null, text: string])[] = [
  [
    null,
    'Cases imported from another system: one per reference of that system, per cycle (a TRS request number in a transfer round) or, without a cycle, per office (a DPA request number of an academic-standing case)',
  ],
  ['office_id', 'the office the reference was imported into (the cycle’s office when there is a cycle)'],
  [
    'parent_case_id',
    'the cycle (parent case) the child was imported into; null for a case imported without a cycle (unique per office, source and ref)',
  ],
  ['source', "the other system, e.g. 'TRS' (the national transfer system) or 'DPA' (OTEPC's DPA system)"],
  ['child_case_id', 'the case the import opened (or recorded the reference on)'],
];
