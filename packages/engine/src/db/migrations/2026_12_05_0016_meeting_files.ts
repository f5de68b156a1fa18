/**
 * Committee papers (docs/files.md): which uploaded file is attached to which
 * meeting, by whom and when, and its removal — by whom, when and why. A
 * meeting has no history of its own, so the removal stays on this row
 * (never deleted); a case's files are `case_files` with a history row.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_files')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('files.id'))
    .addColumn('attached_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('attached_at', 'timestamptz', (c) => c.notNull())
    .addColumn('removed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_reason', 'text')
    .addPrimaryKeyConstraint('meeting_files_pk', ['meeting_id', 'file_id'])
    .addCheckConstraint('meeting_files_removed_whole', sql`(removed_at is null) = (removed_by is null)`)
    .execute();
  await db.schema.createIndex('meeting_files_file_idx').on('meeting_files').column('file_id').execute();
  for (const [column, text] of COMMENTS) {
    const target = column === null ? sql`table meeting_files` : sql`column ${sql.ref(`meeting_files.${column}`)}`;
    await sql`comment on ${target} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [column: string | null, text: string])[] = [
  [
    null,
    'Committee papers: which file is attached to which meeting, by whom and when; a removal sets removed_* (who, when, why) and keeps the row.',
  ],
  ['attached_by', 'the secretary, chair or HR officer who attached it'],
  ['removed_reason', 'why it was removed, as the person wrote it'],
];
