/**
 * What the health endpoints read (docs/operations.md): whether the database
 * answers, and the gauges of the work waiting — timers due and not fired,
 * clocks breached or overdue, notifications not yet sent.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';

/** Resolves when the database answers a trivial query; throws when it does not. */
export async function pingDatabase(db: Database): Promise<void> {
  await sql`select 1`.execute(db);
}

export interface HealthGauges {
  /** SLA timers due but not yet fired */
  timersDuePending: number;
  /** age in seconds of the oldest due timer not yet fired (0 when none; may be negative under clock skew) */
  timerLagSeconds: number;
  /** clocks closed after their due moment */
  breaches: number;
  /** running clocks past their due moment */
  overdueOpen: number;
  /** notifications waiting to be sent */
  outboxPending: number;
}

export async function healthGauges(db: Database, now: Date): Promise<HealthGauges> {
  const timers = await db
    .selectFrom('sla_timers')
    .select([
      sql<number>`count(*)::int`.as('pending'),
      sql<number>`coalesce(extract(epoch from (${now}::timestamptz - min(fire_at))), 0)::float`.as('lag'),
    ])
    .where('status', '=', 'pending')
    .where('fire_at', '<=', now)
    .executeTakeFirstOrThrow();
  const breaches = await db
    .selectFrom('sla_clocks')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('status', '=', 'breached')
    .executeTakeFirstOrThrow();
  const overdue = await db
    .selectFrom('sla_clocks')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('status', '=', 'running')
    .where('due_at', '<', now)
    .executeTakeFirstOrThrow();
  const outbox = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return {
    timersDuePending: timers.pending,
    timerLagSeconds: timers.lag,
    breaches: breaches.n,
    overdueOpen: overdue.n,
    outboxPending: outbox.n,
  };
}
