/**
 * Uploaded files (docs/files.md). The bytes are content-addressed: one
 * `file_contents` row per distinct SHA-256, its bytes in 256 KiB
 * `file_chunks`; an upload is a `files` row (name, type, uploader, office)
 * pointing at its content, so the same bytes uploaded twice are stored once.
 * `case_files` says which case a file is attached to, by whom and when, and
 * when (and by whom) it was removed: a removal is also a history row of the
 * case, never a deleted row.
 *
 * Chunks are written while the upload streams in, under a staging key
 * (`staging_id`) because the hash is known only at the end; the last step
 * either adopts them for a new content or drops them (the content existed).
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('file_contents')
    .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('chunk_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('file_chunks')
    .addColumn('staging_id', 'uuid', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.references('file_contents.sha256'))
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_chunks_pk', ['staging_id', 'idx'])
    .execute();
  await db.schema.createIndex('file_chunks_content_idx').on('file_chunks').columns(['content_sha256', 'idx']).execute();
  await db.schema
    .createTable('files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('file_contents.sha256'))
    .addColumn('size', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_uploader_idx').on('files').columns(['uploaded_by', 'uploaded_at']).execute();
  await db.schema
    .createTable('case_files')
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('files.id'))
    .addColumn('attached_by', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attached_seq', 'integer', (c) => c.notNull())
    .addColumn('removed_by', 'text')
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_seq', 'integer')
    .addPrimaryKeyConstraint('case_files_pk', ['case_id', 'file_id'])
    .execute();
  await db.schema.createIndex('case_files_file_idx').on('case_files').column('file_id').execute();
  for (const [table, column, text] of COMMENTS) {
    const target = column === null ? sql`table ${sql.table(table)}` : sql`column ${sql.ref(`${table}.${column}`)}`;
    await sql`comment on ${target} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [table: string, column: string | null, text: string])[] = [
  ['file_contents', null, 'Distinct file bytes, by SHA-256 (docs/files.md): stored once however often uploaded.'],
  ['file_chunks', 'staging_id', 'the upload that wrote the chunk; its content is known (content_sha256 set) once the upload finished'],
  ['file_chunks', 'content_sha256', 'null while the upload streams in; set when the chunk belongs to a stored content'],
  ['file_chunks', 'data', 'at most 256 KiB of the content, in order of idx'],
  [
    'files',
    null,
    'One upload: its name and sniffed type; it belongs to the office of its uploader and is readable by the uploader alone until attached to a case.',
  ],
  ['files', 'kind', "what the upload is for (the limits it met): 'evidence'"],
  ['files', 'media_type', 'sniffed from the bytes (magic numbers), never taken from the name'],
  ['case_files', null, 'Which file is attached to which case, by whom and when; a removal sets removed_* and writes a history row.'],
  ['case_files', 'attached_seq', 'the history row whose payload named the file'],
  ['case_files', 'removed_seq', 'the @file_removed history row'],
];
