import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { ErrorCode } from '../errors';

const INTERRUPTED: ErrorCode = 'MAIL_DELIVERY_INTERRUPTED';

/**
 * The reaper: claims older than `olderThanMs` belong to a deliverer that
 * crashed or hung, so they go back to 'pending' (due at once) and the next
 * claim sends them again. The mail may already have gone out: that re-send
 * is the at-least-once case, with the same Message-ID. A notification whose
 * attempts are used up becomes 'failed' instead, so a message that kills its
 * deliverer every time cannot loop forever. Uses `notifications_claimed_idx`.
 */
export async function reclaimStaleClaims(
  db: Database,
  args: { now: Date; olderThanMs: number; maxAttempts: number },
): Promise<{ reclaimed: number; failed: number }> {
  const cutoff = new Date(args.now.getTime() - args.olderThanMs);
  const exhausted = sql<boolean>`attempts >= ${args.maxAttempts}`;
  const rows = await db
    .updateTable('notifications')
    .set({
      status: sql<string>`case when ${exhausted} then 'failed' else 'pending' end`,
      failed_at: sql<Date | null>`case when ${exhausted} then ${args.now}::timestamptz else null end`,
      last_error_code: INTERRUPTED,
      last_error: sql<string>`'claim expired: claimed at ' || to_char(claimed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ', attempt ' || attempts`,
      claim_token: null,
      claimed_at: null,
    })
    .where('status', '=', 'claimed')
    .where('claimed_at', '<', cutoff)
    .returning('status')
    .execute();
  const failed = rows.filter((r) => r.status === 'failed').length;
  return { reclaimed: rows.length - failed, failed };
}
