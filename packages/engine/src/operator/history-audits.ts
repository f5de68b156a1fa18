/**
 * The day's row of `history_audits`: the worker's daily audit of the case
 * histories claims it (the first worker that day, or one taking over a claim
 * left unfinished for 6 hours) and records its outcome there.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';

/** Claims `day` for this process; false when another run has it. */
export async function claimHistoryAuditDay(db: Database, args: { day: string; now: Date; claimedBy: string }): Promise<boolean> {
  const { day, now, claimedBy } = args;
  const claim = await sql<{ day: string }>`
    insert into history_audits (day, started_at, claimed_by) values (${day}, ${now}, ${claimedBy})
    on conflict (day) do update set started_at = excluded.started_at, claimed_by = excluded.claimed_by
      where history_audits.finished_at is null and history_audits.started_at < ${now}::timestamptz - interval '6 hours'
    returning day`.execute(db);
  return claim.rows.length > 0;
}

/** The day's outcome: tampering found (the finding, as JSON), or passed (the checkpoint written, if any). */
export async function finishHistoryAuditDay(
  db: Database,
  day: string,
  outcome: { finishedAt: Date; cases: number } & ({ ok: false; finding: string } | { ok: true; checkpoint: string | null }),
): Promise<void> {
  await db
    .updateTable('history_audits')
    .set(
      outcome.ok
        ? { finished_at: outcome.finishedAt, ok: true, cases: outcome.cases, checkpoint: outcome.checkpoint }
        : { finished_at: outcome.finishedAt, ok: false, cases: outcome.cases, finding: outcome.finding },
    )
    .where('day', '=', day)
    .execute();
}
