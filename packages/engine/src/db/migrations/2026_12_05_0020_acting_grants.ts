/**
 * Acting for an office holder (รักษาราชการแทน, docs/access.md "Acting for"):
 * - role_assignments.acting_for: the grant is held while acting for the
 *   holder of the position (an order appoints the acting person for a time);
 *   it acts exactly as the role, and what is done under it says so;
 * - case_history.acting: the roles an event was sent under only through
 *   acting grants ({ roles }); null for every other row.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('role_assignments')
    .addColumn('acting_for', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable('case_history').addColumn('acting', 'jsonb').execute();
  const comments: readonly (readonly [string, string])[] = [
    [
      'role_assignments.acting_for',
      'true: held while acting for the holder of the position (รักษาราชการแทน); history marks what is done under it',
    ],
    ['case_history.acting', 'the event was sent under acting grants only (รักษาราชการแทน): { roles }; null otherwise'],
  ];
  for (const [column, text] of comments) await sql`comment on column ${sql.ref(column)} is ${sql.lit(text)}`.execute(db);
}
