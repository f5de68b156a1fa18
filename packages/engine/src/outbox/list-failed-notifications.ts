import type { Database } from '../db/database';

/** A notification that will not be delivered, for the supervisor/admin view. */
export interface FailedNotification {
  id: string;
  kind: string;
  caseId: string | null;
  caseTitle: string | null;
  step: string;
  recipientUserId: string;
  recipientUsername: string;
  attempts: number;
  /** an ErrorCode: NOTIFICATION_NO_ADDRESS, MAIL_REJECTED, MAIL_DEFERRED (gave up), … */
  lastErrorCode: string | null;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date;
}

/**
 * Failed notifications of one office, newest first: those about its cases,
 * and digests to its people. `before` pages through older ones.
 */
export async function listFailedNotifications(
  db: Database,
  args: { officeId: string; limit?: number; before?: Date },
): Promise<FailedNotification[]> {
  let q = db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.recipient_user_id')
    .leftJoin('people as p', 'p.id', 'u.person_id')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .select([
      'n.id',
      'n.kind',
      'n.case_id',
      'c.title as case_title',
      'n.step',
      'n.recipient_user_id',
      'u.username',
      'n.attempts',
      'n.last_error_code',
      'n.last_error',
      'n.created_at',
      'n.failed_at',
    ])
    .where('n.status', '=', 'failed')
    .where((eb) => eb(eb.fn.coalesce('c.office_id', 'p.office_id'), '=', args.officeId))
    .orderBy('n.failed_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(Math.min(Math.max(args.limit ?? 100, 1), 1000));
  if (args.before) q = q.where('n.failed_at', '<', args.before);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    caseId: r.case_id,
    caseTitle: r.case_title,
    step: r.step,
    recipientUserId: r.recipient_user_id,
    recipientUsername: r.username,
    attempts: r.attempts,
    lastErrorCode: r.last_error_code,
    lastError: r.last_error,
    createdAt: r.created_at,
    failedAt: r.failed_at ?? r.created_at,
  }));
}
