/**
 * How an office prints its official documents (docs/documents.md "Office
 * settings"): its emblem (ครุฑ) as an uploaded image, and Thai or Arabic
 * digits. Append-only: each change is a new version with who and when, so
 * what a document was printed with can always be told; the highest version
 * is in force.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('office_document_settings')
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('emblem_file_id', 'uuid', (c) => c.references('files.id'))
    .addColumn('thai_digits', 'boolean', (c) => c.notNull())
    .addColumn('changed_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('office_document_settings_pk', ['office_id', 'version'])
    .execute();
  for (const [column, text] of COMMENTS) {
    const target = column === null ? sql`table office_document_settings` : sql`column ${sql.ref(`office_document_settings.${column}`)}`;
    await sql`comment on ${target} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [column: string | null, text: string])[] = [
  [null, 'How an office prints its documents, one row per change (never updated); the highest version is in force.'],
  [
    'emblem_file_id',
    'the office emblem (ครุฑ) printed on orders, announcements and memos: an uploaded PNG or JPEG of kind office-emblem; null prints none',
  ],
  ['thai_digits', 'numbers and dates in Thai digits (๐–๙) rather than 0–9'],
  ['changed_by', 'the office admin who made this change'],
];
