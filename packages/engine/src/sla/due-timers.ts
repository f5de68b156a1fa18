import { sql } from 'kysely';
import type { Database } from '../db/database';

/**
 * How many timers are due and unfired at `now` (all processes), and the
 * moment of the oldest: what the worker's metrics tell Prometheus. One
 * indexed query on `sla_timers_pending_idx`.
 */
export async function dueTimersAt(db: Database, now: Date): Promise<{ due: number; oldest: Date | null }> {
  const r = await sql<{ due: number; oldest: Date | null }>`
        select count(*)::int as due, min(fire_at) as oldest from sla_timers where status = 'pending' and fire_at <= ${now}`.execute(db);
  const row = r.rows[0];
  return { due: row?.due ?? 0, oldest: row?.oldest ?? null };
}
