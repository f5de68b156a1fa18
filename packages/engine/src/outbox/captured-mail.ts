import type { Database } from '../db/database';

/** What the capture keeps of an outgoing mail (the worker's capture transport, MAIL_TRANSPORT=capture). */
export interface MailToCapture {
  /** the notification the mail delivers; null for mail about no notification */
  notificationId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/** Keeps one captured mail; the same Message-ID again is a no-op. */
export async function insertCapturedMail(db: Database, mail: MailToCapture & { capturedAt: Date }): Promise<void> {
  await db
    .insertInto('captured_mail')
    .values({
      notification_id: mail.notificationId,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      message_id: mail.messageId,
      created_at: mail.capturedAt,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

export interface CapturedMail {
  id: string;
  notificationId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  createdAt: Date;
}

/**
 * The local mailbox, newest first; `to` narrows it to one address,
 * `recipientUserId` to the mail of that user's notifications (what a user
 * reads: addresses are not unique, so never by address).
 */
export async function listCapturedMail(
  db: Database,
  args: { to?: string; recipientUserId?: string; limit?: number } = {},
): Promise<CapturedMail[]> {
  let q = db
    .selectFrom('captured_mail')
    .selectAll('captured_mail')
    .orderBy('captured_mail.created_at', 'desc')
    .orderBy('captured_mail.id', 'desc')
    .limit(Math.min(Math.max(args.limit ?? 50, 1), 500));
  if (args.to !== undefined) q = q.where('captured_mail.to', '=', args.to);
  const userId = args.recipientUserId;
  if (userId !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('notifications as n')
          .select('n.id')
          .whereRef('n.id', '=', 'captured_mail.notification_id')
          .where('n.recipient_user_id', '=', userId),
      ),
    );
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    notificationId: r.notification_id,
    to: r.to,
    subject: r.subject,
    text: r.text,
    html: r.html,
    messageId: r.message_id,
    createdAt: r.created_at,
  }));
}
