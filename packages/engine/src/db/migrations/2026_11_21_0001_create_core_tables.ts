/**
 * Offices, schools, people, users and their scoped roles; published workflow
 * versions; cases with their append-only, hash-chained history; idempotency
 * keys; and the notification outbox.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('offices')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('primary', 'secondary')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('schools')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('schools_id_office_key', ['id', 'office_id'])
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('citizen_id', 'text', (c) => c.unique().check(sql`citizen_id ~ '^[0-9]{13}$'`))
    .addColumn('title_th', 'text')
    .addColumn('first_name_th', 'text', (c) => c.notNull())
    .addColumn('last_name_th', 'text', (c) => c.notNull())
    .addColumn('first_name_en', 'text')
    .addColumn('last_name_en', 'text')
    .addColumn('email', 'text')
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('school_id', 'uuid')
    .addColumn('position', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('people_school_in_office', ['school_id', 'office_id'], 'schools', ['id', 'office_id'])
    .execute();
  await db.schema.createIndex('people_office_idx').on('people').columns(['office_id', 'school_id']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.unique().references('people.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('email', 'text')
    .addColumn('preferred_lang', 'text', (c) =>
      c
        .notNull()
        .defaultTo('th')
        .check(sql`preferred_lang in ('th', 'en')`),
    )
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('school_id', 'uuid')
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('valid_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('role_school_in_office', ['school_id', 'office_id'], 'schools', ['id', 'office_id'])
    .execute();
  await db.schema.createIndex('role_assignments_user_idx').on('role_assignments').column('user_id').execute();
  await db.schema.createIndex('role_assignments_scope_idx').on('role_assignments').columns(['office_id', 'role', 'school_id']).execute();

  await db.schema
    .createTable('workflow_versions')
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('description', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('workflow_versions_pkey', ['workflow_id', 'version'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('workflow_version', 'integer', (c) => c.notNull())
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('school_id', 'uuid')
    .addColumn('subject_person_id', 'uuid', (c) => c.references('people.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'done')`))
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('history_length', 'integer', (c) => c.notNull())
    .addColumn('history_head', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addForeignKeyConstraint('cases_workflow_version_fkey', ['workflow_id', 'workflow_version'], 'workflow_versions', [
      'workflow_id',
      'version',
    ])
    .addForeignKeyConstraint('cases_school_in_office', ['school_id', 'office_id'], 'schools', ['id', 'office_id'])
    .execute();
  await db.schema.createIndex('cases_office_state_idx').on('cases').columns(['office_id', 'workflow_id', 'state']).execute();
  await db.schema.createIndex('cases_school_idx').on('cases').columns(['school_id']).where(sql.ref('school_id'), 'is not', null).execute();
  await db.schema.createIndex('cases_subject_idx').on('cases').columns(['subject_person_id']).execute();
  await db.schema
    .createIndex('cases_live_version_idx')
    .on('cases')
    .columns(['workflow_id', 'workflow_version'])
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema
    .createTable('case_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq > 0`))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('user', 'committee', 'system')`))
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_roles', 'jsonb', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text')
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_history_case_seq_key', ['case_id', 'seq'])
    .execute();

  // Append-only: the application never updates or deletes history. Someone with
  // enough rights can still disable this trigger; the hash chain is what detects that.
  await sql`
    create function case_history_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case_history is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger case_history_no_change before update or delete on case_history
    for each row execute function case_history_append_only()`.execute(db);

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().check(sql`length(key) between 1 and 200`))
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('case_id', 'uuid')
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['actor_id', 'key'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('history_seq', 'integer', (c) => c.notNull())
    .addColumn('recipient_user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addUniqueConstraint('notifications_once_key', ['case_id', 'history_seq', 'recipient_user_id', 'kind', 'step'])
    .execute();
  await db.schema
    .createIndex('notifications_pending_idx')
    .on('notifications')
    .column('available_at')
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('notifications_recipient_idx').on('notifications').columns(['recipient_user_id', 'created_at']).execute();
}
