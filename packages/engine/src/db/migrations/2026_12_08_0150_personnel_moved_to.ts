/**
 * The person record's `moved_to` field (docs/personnel.md): with `left_on`,
 * the office of OBEC the person moved to — a move, not leaving service. The
 * field is data (no constraint lists the fields); only the column's comment
 * changes.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`comment on column personnel_entries.field is ${sql.lit(
    'position_no, position, level, salary, base, max_salary, academic_standing, academic_standing_on, school, school_since, service_started_on, left_on, moved_to (with left_on: the office of OBEC moved to), suspended, leave (of the half-year starting effective_on), penalty (on effective_on)',
  )}`.execute(db);
}
