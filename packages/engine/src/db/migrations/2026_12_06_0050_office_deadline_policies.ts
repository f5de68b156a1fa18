/**
 * The office's day-count policy (docs/sla.md "The office's day-count
 * policy"): whether the SOP steps whose sources say only "วัน" count
 * calendar days or working days. Append-only and effective-dated: each
 * change is a new version with who, when, why and from when it applies; the
 * version in force at a moment is the highest one whose effective_from is
 * not after it. No row: calendar days (the sources' reading, regulations.md
 * §4.1).
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('office_deadline_policies')
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('day_count', 'text', (c) => c.notNull().check(sql`day_count in ('calendar_days', 'working_days')`))
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(trim(reason)) > 0`))
    .addColumn('changed_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('office_deadline_policies_pk', ['office_id', 'version'])
    .execute();
  for (const [column, text] of COMMENTS) {
    const target = column === null ? sql`table office_deadline_policies` : sql`column ${sql.ref(`office_deadline_policies.${column}`)}`;
    await sql`comment on ${target} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [column: string | null, text: string])[] = [
  [
    null,
    "An office's day-count policy for the steps whose sources say only วัน, one row per change (never updated); in force at a moment: the highest version whose effective_from is not after it; no row: calendar days.",
  ],
  ['day_count', "'calendar_days' | 'working_days': how an office_days deadline counts its days"],
  ['effective_from', 'from when this version applies to clocks opened (clocks already open keep what they read)'],
  ['reason', 'why the office changed it (e.g. the area director’s order)'],
  ['changed_by', 'the office admin who made this change'],
];
