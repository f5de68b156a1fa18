import type { Database } from '../db/database';

export interface ClaimedNotification {
  id: string;
  /** attempts started, this one included */
  attempts: number;
}

/**
 * Takes up to `limit` notifications that are due (`status = 'pending'`,
 * `available_at <= now`) in ONE statement: a CTE selects them
 * `FOR UPDATE SKIP LOCKED` and the UPDATE marks them 'claimed' with this
 * deliverer's token. Deliverers running at once get disjoint rows and never
 * wait for each other; a row another deliverer is claiming is skipped, and
 * one it has claimed is no longer 'pending'. Uses `notifications_pending_idx`.
 *
 * Locks: row locks on the claimed rows until the statement commits.
 */
export async function claimDueNotifications(
  db: Database,
  args: { now: Date; limit: number; claimToken: string },
): Promise<ClaimedNotification[]> {
  const rows = await db
    .with('due', (qb) =>
      qb
        .selectFrom('notifications')
        .select('id')
        .where('status', '=', 'pending')
        .where('available_at', '<=', args.now)
        .orderBy('available_at')
        .orderBy('id')
        .limit(args.limit)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('notifications')
    .from('due')
    .set((eb) => ({
      status: 'claimed',
      claim_token: args.claimToken,
      claimed_at: args.now,
      attempts: eb('notifications.attempts', '+', 1),
    }))
    .whereRef('notifications.id', '=', 'due.id')
    .returning(['notifications.id', 'notifications.attempts'])
    .execute();
  return rows.map((r) => ({ id: r.id, attempts: r.attempts }));
}
