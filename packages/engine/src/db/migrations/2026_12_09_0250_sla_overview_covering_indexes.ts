/**
 * The supervisor's overview from indexes alone (docs/benchmarks.md "SLA
 * overview", issue 17): one office's open clocks, its closed clocks and its
 * cases, each read as one contiguous range of an index that holds every column
 * the overview needs, and the clocks matched to their cases by a hash join —
 * instead of one heap page of `sla_clocks` and four pages of `cases` for each
 * clock (an office's rows are spread over the whole table, in the order cases
 * arrived from every office).
 *
 * - `sla_clocks_office_open_cover_idx` and `sla_clocks_office_closed_cover_idx`
 *   replace the two indexes of 2026_12_06_0071 (same keys and conditions, with
 *   the columns the overview reads);
 * - `cases_office_cover_key`: a case's office and the columns the overview and
 *   "who must act" read, unique on (office_id, id) so that
 * - `sla_clocks_case_office_fk` can say what the engine always wrote: a clock's
 *   office is its case's office (a case never changes office). The overview
 *   joins a clock to its case by both, which lets it read only the office's
 *   cases;
 * - a read is index-only for the pages the visibility map marks all-visible:
 *   vacuum these two tables after 2 % of their rows changed, not 20 %.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index sla_clocks_office_open_cover_idx on sla_clocks (office_id, step) include (case_id, status, due_at)
    where status in ('running', 'paused')`.execute(db);
  await sql`create index sla_clocks_office_closed_cover_idx on sla_clocks (office_id, closed_at) include (case_id, step, status, started_at)
    where status in ('met', 'breached')`.execute(db);
  await sql`drop index sla_clocks_office_open_idx`.execute(db);
  await sql`drop index sla_clocks_office_closed_idx`.execute(db);
  await sql`create unique index cases_office_cover_key on cases (office_id, id)
    include (workflow_id, workflow_version, school_id, subject_person_id, status, state)`.execute(db);
  await sql`alter table sla_clocks add constraint sla_clocks_case_office_fk foreign key (office_id, case_id) references cases (office_id, id)`.execute(
    db,
  );
  await sql`alter table sla_clocks set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02)`.execute(db);
  await sql`alter table cases set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02)`.execute(db);
}
