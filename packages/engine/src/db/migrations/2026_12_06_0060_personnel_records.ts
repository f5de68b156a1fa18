/**
 * The person record (docs/personnel.md): effective-dated fields of each
 * person of an office, kept in history, and what the worker needs to open a
 * salary round's appraisals from it on its own.
 *
 * - personnel_entries: one row per value of one field from a date (position,
 *   position number, level, salary, calculation base, วิทยฐานะ, school, leave
 *   of a half-year, a penalty …); never updated nor deleted. A later row for
 *   the same person, field and date corrects the earlier one; reading "as of"
 *   a date takes, per field, the latest date on or before it.
 * - office_salary_round_settings: whether the worker opens the office's salary
 *   rounds from the records on 1 April / 1 October; one row per change.
 * - salary_round_openings: one row per office and round opened from the
 *   records (by the worker or by hand): the claim that makes it happen once,
 *   and its progress.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('personnel_entries')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'date', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('import', 'edit')`))
    .addColumn('source_ref', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index personnel_entries_person on personnel_entries (person_id, field, effective_on, id)`.execute(db);
  await sql`create index personnel_entries_office on personnel_entries (office_id, effective_on)`.execute(db);
  await sql`
    create function personnel_entries_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'personnel_entries is append-only';
    end $$`.execute(db);
  await sql`create trigger personnel_entries_append_only before update or delete on personnel_entries
    for each row execute function personnel_entries_append_only()`.execute(db);

  await db.schema
    .createTable('office_salary_round_settings')
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('auto_open', 'boolean', (c) => c.notNull())
    .addColumn('changed_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('office_salary_round_settings_pk', ['office_id', 'version'])
    .execute();

  await db.schema
    .createTable('salary_round_openings')
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('fiscal_year_be', 'integer', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().check(sql`round in (1, 2)`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed')`))
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('considered', 'integer')
    .addColumn('not_considered', 'integer')
    .addColumn('rejected', 'integer')
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addPrimaryKeyConstraint('salary_round_openings_pk', ['office_id', 'fiscal_year_be', 'round'])
    .execute();

  for (const [target, text] of COMMENTS) {
    const [table, column] = target.split('.');
    const what = column === undefined ? sql`table ${sql.ref(table!)}` : sql`column ${sql.ref(target)}`;
    await sql`comment on ${what} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [string, string])[] = [
  [
    'personnel_entries',
    'The person record: one value of one field of a person from a date, never updated; the latest row for a person, field and date is in force from that date.',
  ],
  [
    'personnel_entries.field',
    'position_no, position, level, salary, base, max_salary, academic_standing, academic_standing_on, school, school_since, service_started_on, left_on, suspended, leave (of the half-year starting effective_on), penalty (on effective_on)',
  ],
  [
    'personnel_entries.effective_on',
    'the value holds from this day (Asia/Bangkok); for leave the first day of the half-year, for a penalty its date',
  ],
  [
    'personnel_entries.value',
    'the value as JSON: text, satang as an integer, a date as YYYY-MM-DD, a school id, leave counts, a penalty { kind, cancelled }; null clears the field from the date',
  ],
  ['personnel_entries.source', 'import (an office spreadsheet) or edit (by hand)'],
  ['personnel_entries.source_ref', 'the import file’s name, or the reason of a hand edit'],
  ['personnel_entries.recorded_by', 'the user who imported or edited it'],
  [
    'office_salary_round_settings',
    'Whether the worker opens the office’s salary rounds from the person records, one row per change (never updated); the highest version is in force.',
  ],
  [
    'office_salary_round_settings.auto_open',
    'on 1 April / 1 October the worker opens the appraisals of the round at its evaluation from the records as of its base date',
  ],
  [
    'salary_round_openings',
    'A salary round whose appraisals were opened from the person records: the claim that opens it once, and its progress.',
  ],
  ['salary_round_openings.opened_by', 'the worker’s id, or user:<id> for an HR officer'],
  ['salary_round_openings.heartbeat_at', 'the last progress report; a running opening silent for ten minutes may be taken over'],
];
