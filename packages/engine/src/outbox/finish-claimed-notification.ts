import type { Updateable } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';

/**
 * The three ways a claimed notification leaves 'claimed'. Each writes only
 * while the claim is still this deliverer's (`claim_token` matches): false
 * means the claim was lost (the reaper took it back after the claim timeout)
 * and nothing was written.
 */
interface Claim {
  id: string;
  claimToken: string;
  now: Date;
}

/** The one token-checked update all three outcomes share; it also releases the claim. */
async function finishClaim(db: Database, claim: Claim, set: Updateable<DB['notifications']>): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ ...set, claim_token: null, claimed_at: null })
    .where('id', '=', claim.id)
    .where('status', '=', 'claimed')
    .where('claim_token', '=', claim.claimToken)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Sent: keeps what the server said and the Message-ID it went out with. */
export function markNotificationSent(
  db: Database,
  args: Claim & { messageId: string; response: string; sentTo: string },
): Promise<boolean> {
  return finishClaim(db, args, {
    status: 'sent',
    sent_at: args.now,
    message_id: args.messageId,
    smtp_response: args.response,
    sent_to: args.sentTo,
  });
}

/** A transient failure: back to 'pending', not before `availableAt`. */
export function scheduleNotificationRetry(
  db: Database,
  args: Claim & { availableAt: Date; errorCode: string; error: string },
): Promise<boolean> {
  return finishClaim(db, args, {
    status: 'pending',
    available_at: args.availableAt,
    last_error_code: args.errorCode,
    last_error: args.error,
  });
}

/** Given up: a permanent failure, or the last attempt failed. Never retried. */
export function markNotificationFailed(db: Database, args: Claim & { errorCode: string; error: string }): Promise<boolean> {
  return finishClaim(db, args, { status: 'failed', failed_at: args.now, last_error_code: args.errorCode, last_error: args.error });
}
