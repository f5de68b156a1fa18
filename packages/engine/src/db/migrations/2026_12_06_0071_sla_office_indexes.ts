/**
 * The supervisor's overview reads one office's clocks (docs/sla.md "what to
 * watch", docs/benchmarks.md "SLA overview"): its open clocks (running or
 * paused) by step, and its closed ones (met or breached) by when they closed.
 * Without these, both are read by scanning every office's clocks — 2,000,000
 * rows for a national database of 1,000,000 cases.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index sla_clocks_office_open_idx on sla_clocks (office_id, step) where status in ('running', 'paused')`.execute(db);
  await sql`create index sla_clocks_office_closed_idx on sla_clocks (office_id, closed_at) where status in ('met', 'breached')`.execute(db);
}
