/**
 * Committees (screening, the area approval body อ.ก.ค.ศ. เขต, evaluation
 * committees …), their members by seat and term, meetings with their agenda,
 * attendance, recusals, votes and resolutions.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('committees')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('quorum', 'jsonb', (c) => c.notNull())
    .addColumn('notice_working_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`notice_working_days between 0 and 30`),
    )
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('committees_office_kind_idx').on('committees').columns(['office_id', 'kind']).execute();

  await db.schema
    .createTable('committee_members')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('committee_id', 'uuid', (c) => c.notNull().references('committees.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('seat', 'text', (c) => c.notNull().check(sql`seat in ('chair', 'secretary', 'member')`))
    .addColumn('term_from', 'date', (c) => c.notNull())
    .addColumn('term_until', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('committee_members_committee_idx').on('committee_members').column('committee_id').execute();
  await db.schema.createIndex('committee_members_person_idx').on('committee_members').column('person_id').execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('committee_id', 'uuid', (c) => c.notNull().references('committees.id'))
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled', 'open', 'closed', 'cancelled')`))
    .addColumn('opened_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_committee_idx').on('meetings').columns(['committee_id', 'scheduled_at']).execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('listed', 'decided', 'deferred', 'applied', 'removed')`))
    .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('approve', 'reject', 'defer')`))
    .addColumn('resolution_note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('applied_seq', 'integer')
    .addUniqueConstraint('agenda_items_meeting_case_key', ['meeting_id', 'case_id'])
    .execute();
  // A case is on at most one agenda that has not been dealt with yet.
  await sql`create unique index agenda_items_live_case_key on agenda_items (case_id) where status in ('listed', 'decided')`.execute(db);

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('committee_members.id'))
    .addColumn('present', 'boolean', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_attendance_pkey', ['meeting_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('agenda_recusals')
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('committee_members.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('agenda_recusals_pkey', ['item_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('agenda_votes')
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('agenda_items.id'))
    .addColumn('member_id', 'uuid', (c) => c.notNull().references('committee_members.id'))
    .addColumn('vote', 'text', (c) => c.notNull().check(sql`vote in ('approve', 'reject', 'defer', 'abstain')`))
    .addColumn('cast_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('agenda_votes_pkey', ['item_id', 'member_id'])
    .execute();

  await db.schema
    .alterTable('notifications')
    .addColumn('meeting_id', 'uuid', (c) => c.references('meetings.id'))
    .execute();
  await sql`create unique index notifications_meeting_once_key on notifications (meeting_id, recipient_user_id, kind) where meeting_id is not null`.execute(
    db,
  );
}
