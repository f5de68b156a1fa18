import { sql } from 'kysely';
import type { Database } from '../db/database';

/**
 * Gives back every notification a mail claim took, before any of them was
 * sent: back to 'pending', the attempt the claim counted undone. For a claim
 * whose answer the deliverer never got (the connection died after the claim
 * committed) or whose rows it could not load: only the token knows those
 * rows, so without this they would wait for the reaper
 * (MAIL_CLAIM_TIMEOUT_SECONDS). Safe only because nothing of this claim has
 * gone to the SMTP server yet. Returns how many rows were given back.
 */
export async function releaseUnsentClaim(db: Database, claimToken: string): Promise<number> {
  const r = await db
    .updateTable('notifications')
    .set({ status: 'pending', claim_token: null, claimed_at: null, attempts: sql<number>`greatest(attempts - 1, 0)` })
    .where('status', '=', 'claimed')
    .where('claim_token', '=', claimToken)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
