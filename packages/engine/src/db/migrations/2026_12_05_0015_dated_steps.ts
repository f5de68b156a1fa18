/**
 * Dated steps (docs/sla.md "Moments from the case's data"):
 * - sla_timers may carry a timed system event of a step (`kind = 'system_event'`):
 *   no clock, the step and the event instead; fired by the same timer path, as
 *   the system, and cancelled when the step is left;
 * - case_history.late: an event accepted after the moment its date guard names
 *   (`mark_late`), with the moment and the rule; null for every other row;
 * - sla_clocks.extensions: the extensions (ขยายเวลา) applied to the clock.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('sla_timers')
    .alterColumn('clock_id', (c) => c.dropNotNull())
    .execute();
  await db.schema.alterTable('sla_timers').addColumn('step', 'text').execute();
  await db.schema.alterTable('sla_timers').addColumn('event', 'text').execute();
  await sql`alter table sla_timers drop constraint sla_timers_kind_check`.execute(db);
  await sql`alter table sla_timers add constraint sla_timers_kind_check check (kind in ('reminder', 'due_today', 'overdue', 'escalation', 'system_event'))`.execute(
    db,
  );
  await sql`alter table sla_timers add constraint sla_timers_system_event_shape check (
    case when kind = 'system_event' then clock_id is null and step is not null and event is not null
         else clock_id is not null and step is null and event is null end)`.execute(db);
  await sql`create unique index sla_timers_event_live_key on sla_timers (case_id, step, event) where status = 'pending' and kind = 'system_event'`.execute(
    db,
  );
  await db.schema.alterTable('case_history').addColumn('late', 'jsonb').execute();
  await db.schema
    .alterTable('sla_clocks')
    .addColumn('extensions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  const comments: readonly (readonly [string, string])[] = [
    ['sla_timers.kind', "'reminder' | 'due_today' | 'overdue' | 'escalation' | 'system_event' (a step's timed system event)"],
    ['sla_timers.clock_id', 'the clock the timer belongs to; null for a system event'],
    ['sla_timers.step', 'system events: the step whose event this is (cancelled when the step is left)'],
    ['sla_timers.event', 'system events: the event sent to the case as the system when the moment comes'],
    ['case_history.late', 'an event accepted after the moment of its date guard: { until, lateMinutes, rule: { th, en } }; null otherwise'],
    ['sla_clocks.extensions', 'extensions applied (ขยายเวลา): [{ by, role, at, from, to, reason, seq }]'],
  ];
  for (const [column, text] of comments) await sql`comment on column ${sql.ref(column)} is ${sql.lit(text)}`.execute(db);
}
