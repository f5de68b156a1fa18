import type { Database } from '@esa-flow/engine';

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

/** Sent: keeps what the server said and the Message-ID it went out with. */
export async function markNotificationSent(
  db: Database,
  args: Claim & { messageId: string; response: string; sentTo: string },
): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({
      status: 'sent',
      sent_at: args.now,
      message_id: args.messageId,
      smtp_response: args.response,
      sent_to: args.sentTo,
      claim_token: null,
      claimed_at: null,
    })
    .where('id', '=', args.id)
    .where('status', '=', 'claimed')
    .where('claim_token', '=', args.claimToken)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** A transient failure: back to 'pending', not before `availableAt`. */
export async function scheduleNotificationRetry(
  db: Database,
  args: Claim & { availableAt: Date; errorCode: string; error: string },
): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({
      status: 'pending',
      available_at: args.availableAt,
      last_error_code: args.errorCode,
      last_error: args.error,
      claim_token: null,
      claimed_at: null,
    })
    .where('id', '=', args.id)
    .where('status', '=', 'claimed')
    .where('claim_token', '=', args.claimToken)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Given up: a permanent failure, or the last attempt failed. Never retried. */
export async function markNotificationFailed(
  db: Database,
  args: Claim & { errorCode: string; error: string },
): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({
      status: 'failed',
      failed_at: args.now,
      last_error_code: args.errorCode,
      last_error: args.error,
      claim_token: null,
      claimed_at: null,
    })
    .where('id', '=', args.id)
    .where('status', '=', 'claimed')
    .where('claim_token', '=', args.claimToken)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
