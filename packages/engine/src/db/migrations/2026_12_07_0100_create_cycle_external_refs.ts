/**
 * Children of a cycle imported from another system (issue 21, docs/cycles.md
 * "Children imported from another system"; first user: transfer requests
 * filed in the national transfer system, TRS, imported into a round): one
 * row per reference of that system per cycle, naming the child case it
 * became. The unique key makes an import idempotent: the same file sent again
 * finds its rows here and replays them instead of opening twice, and a
 * reference already taken by another child is refused.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cycle_external_refs')
    .addColumn('parent_case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source ~ '^[A-Z][A-Z0-9_]{0,19}$'`))
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('child_case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('cycle_external_refs_pk', ['parent_case_id', 'source', 'ref'])
    .execute();
  await sql`create unique index cycle_external_refs_child on cycle_external_refs (child_case_id, source)`.execute(db);
  for (const [column, text] of COMMENTS) {
    if (column === null) await sql`comment on table cycle_external_refs is ${sql.lit(text)}`.execute(db);
    else await sql`comment on column ${sql.ref(`cycle_external_refs.${column}`)} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [column: string | null, text: string])[] = [
  [
    null,
    'Children of a cycle imported from another system: one per reference of that system per cycle (e.g. a TRS request number in a transfer round)',
  ],
  ['parent_case_id', 'the cycle (parent case) the child was imported into'],
  ['source', "the other system, e.g. 'TRS' (the national transfer system)"],
  ['ref', 'the reference as the other system shows it; unique within the cycle and source'],
  ['child_case_id', 'the child case the import opened (or recorded the reference on)'],
  ['recorded_by', 'the user whose import recorded it'],
  ['recorded_at', 'when it was recorded (the engine clock)'],
];
