/**
 * Cycles (a salary raise round, a transfer round): a parent case that opens
 * child cases in bulk.
 * - cases gain `parent_case_id` (the cycle) and `cycle_key` (the child's key
 *   within it, e.g. the teacher's personnel number): both set or both null;
 *   one child per (parent, key), which is what makes a re-run of a crashed
 *   opening create only the children still missing;
 * - an index to count a cycle's children by workflow, state and status
 *   without reading the rows (index-only);
 * - cycle_runs: one row per opening of children, with its progress, so a
 *   crashed opening is visible and is resumed, and at most one opening of a
 *   parent for one workflow is unfinished at a time.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('parent_case_id', 'uuid', (c) => c.references('cases.id'))
    .addColumn('cycle_key', 'text', (c) => c.check(sql`length(cycle_key) between 1 and 200`))
    .execute();
  await db.schema
    .alterTable('cases')
    .addCheckConstraint('cases_cycle_child_whole', sql`(parent_case_id is null) = (cycle_key is null)`)
    .execute();
  await sql`create unique index cases_cycle_child_key on cases (parent_case_id, cycle_key) where parent_case_id is not null`.execute(db);
  await sql`create index cases_cycle_children_state_idx on cases (parent_case_id, workflow_id, state, status) where parent_case_id is not null`.execute(
    db,
  );

  await db.schema
    .createTable('cycle_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('parent_case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('workflow_version', 'integer', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().check(sql`total >= 0`))
    .addColumn('rejected', 'integer', (c) => c.notNull().check(sql`rejected >= 0`))
    .addColumn('created', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`created >= 0`),
    )
    .addColumn('attempts', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`attempts >= 1`),
    )
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('parent_history_seq', 'integer')
    .execute();
  await sql`create unique index cycle_runs_unfinished_key on cycle_runs (parent_case_id, workflow_id) where finished_at is null`.execute(
    db,
  );
  await db.schema.createIndex('cycle_runs_parent_idx').on('cycle_runs').columns(['parent_case_id', 'started_at']).execute();
}
