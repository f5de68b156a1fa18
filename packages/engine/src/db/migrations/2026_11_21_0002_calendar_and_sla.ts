/**
 * Thai government time and the SLA ledger:
 * - calendar_days: cabinet special holidays (nationwide) and office closures,
 *   added and removed by people, with the source; removal is a mark, not a delete;
 * - calendar_revision: one counter bumped by every change (from a sequence, never
 *   reused), so processes know when their cached calendars are stale;
 * - sla_clocks: one per visit to a step with a deadline (running, paused, met,
 *   breached, cancelled), with what its due moment was computed from;
 * - sla_timers: the moments something must happen (reminders, due today,
 *   overdue, escalations), the authority the queue workers execute;
 * - notifications may now be about no case (the daily digest).
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('office_id', 'uuid', (c) => c.references('offices.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('special', 'office_closure')`))
    .addColumn('name_th', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('removed_by', 'text')
    .addColumn('removed_at', 'timestamptz')
    .addCheckConstraint('calendar_days_scope', sql`(kind = 'special') = (office_id is null)`)
    .execute();
  await sql`create unique index calendar_days_live_key on calendar_days (date, coalesce(office_id, '00000000-0000-0000-0000-000000000000'::uuid)) where removed_at is null`.execute(
    db,
  );

  await db.schema
    .createTable('calendar_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into calendar_revision (id, revision) values (1, 0)`.execute(db);
  // Revisions come from a sequence so a rolled-back change never hands its number to the next one.
  await sql`create sequence calendar_revision_seq`.execute(db);

  await db.schema
    .createTable('sla_clocks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('opened_seq', 'integer', (c) => c.notNull())
    .addColumn('spec', 'jsonb', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'paused', 'met', 'breached', 'cancelled')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('remind_at', 'timestamptz')
    .addColumn('due_basis', 'jsonb', (c) => c.notNull())
    .addColumn('paused_at', 'timestamptz')
    .addColumn('remaining_minutes', 'double precision')
    .addColumn('overdue_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_seq', 'integer')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index sla_clocks_open_key on sla_clocks (case_id, step) where status in ('running', 'paused')`.execute(db);
  await sql`create index sla_clocks_running_due_idx on sla_clocks (office_id, due_at) where status = 'running'`.execute(db);
  await db.schema.createIndex('sla_clocks_case_idx').on('sla_clocks').column('case_id').execute();

  await db.schema
    .createTable('sla_timers')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('clock_id', 'uuid', (c) => c.notNull().references('sla_clocks.id'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('reminder', 'due_today', 'overdue', 'escalation')`))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('fire_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'fired', 'cancelled')`))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('fired_at', 'timestamptz')
    .addColumn('fired_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create unique index sla_timers_live_key on sla_timers (clock_id, kind, level) where status = 'pending'`.execute(db);
  await sql`create index sla_timers_pending_idx on sla_timers (fire_at) where status = 'pending'`.execute(db);
  await db.schema.createIndex('sla_timers_clock_idx').on('sla_timers').column('clock_id').execute();

  await db.schema
    .alterTable('notifications')
    .alterColumn('case_id', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('notifications')
    .alterColumn('history_seq', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .alterTable('notifications')
    .addColumn('timer_id', 'bigint', (c) => c.references('sla_timers.id'))
    .execute();
  await sql`create unique index notifications_timer_once_key on notifications (timer_id, recipient_user_id) where timer_id is not null`.execute(
    db,
  );
  await sql`create unique index notifications_digest_once_key on notifications (recipient_user_id, step) where kind = 'digest'`.execute(db);
}
