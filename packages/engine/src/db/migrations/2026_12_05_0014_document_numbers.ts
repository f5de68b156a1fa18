/**
 * The document-number registers (ทะเบียนคำสั่ง, ทะเบียนหนังสือส่ง, ทะเบียนประกาศ):
 * docs/document-numbers.md.
 *
 * `document_registers` holds the last number given per office, register and
 * Buddhist-era year; issuing locks that row and increments it in the same
 * transaction that writes the `document_numbers` row, so numbers are
 * consecutive with no gap (a rolled-back issue rolls the counter back too)
 * and no duplicate (the unique key). A cancelled number keeps its row
 * (who, when, why) and is never given again. One live number per subject
 * (`subject_key`, e.g. the order of one case): asking again returns it.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_registers')
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('register', 'text', (c) => c.notNull().check(sql`register in ('order', 'outgoing', 'announcement')`))
    .addColumn('be_year', 'integer', (c) => c.notNull().check(sql`be_year between 2400 and 2700`))
    .addColumn('last_number', 'integer', (c) => c.notNull().check(sql`last_number >= 0`))
    .addPrimaryKeyConstraint('document_registers_pk', ['office_id', 'register', 'be_year'])
    .execute();
  await db.schema
    .createTable('document_numbers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('office_id', 'uuid', (c) => c.notNull())
    .addColumn('register', 'text', (c) => c.notNull())
    .addColumn('be_year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('case_id', 'uuid', (c) => c.references('cases.id'))
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cancelled_by', 'text')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('cancel_reason', 'text')
    .addForeignKeyConstraint('document_numbers_register_fk', ['office_id', 'register', 'be_year'], 'document_registers', [
      'office_id',
      'register',
      'be_year',
    ])
    .addUniqueConstraint('document_numbers_number_uq', ['office_id', 'register', 'be_year', 'number'])
    .addCheckConstraint(
      'document_numbers_cancel_ck',
      sql`(cancelled_at is null) = (cancelled_by is null) and (cancelled_at is null) = (cancel_reason is null)`,
    )
    .execute();
  await sql`create unique index document_numbers_live_subject_uq on document_numbers (office_id, register, subject_key) where cancelled_at is null`.execute(
    db,
  );
  await db.schema
    .createIndex('document_numbers_case_idx')
    .on('document_numbers')
    .column('case_id')
    .where(sql.ref('case_id'), 'is not', null)
    .execute();
  await sql`comment on table document_registers is 'The last document number given per office, register and Buddhist-era year (docs/document-numbers.md).'`.execute(
    db,
  );
  await sql`comment on table document_numbers is 'Every document number given: consecutive, never reused; a cancelled one keeps its row (docs/document-numbers.md).'`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('forward-only migrations: add a new migration instead of rolling back');
}
