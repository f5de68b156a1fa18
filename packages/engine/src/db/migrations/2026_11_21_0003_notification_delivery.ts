/**
 * Delivering the notification outbox as e-mail (packages/worker/src/mail):
 * - notifications gain a claim ('claimed' status, claim_token, claimed_at) so
 *   several deliverers can share the outbox, the record of what was sent
 *   (message_id, smtp_response, sent_to) and of why it failed
 *   (last_error_code, failed_at);
 * - captured_mail holds the messages "sent" while no SMTP server is
 *   configured, so the UI can show them as a mailbox.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('notifications')
    .addColumn('claim_token', 'uuid')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('message_id', 'text')
    .addColumn('smtp_response', 'text')
    .addColumn('sent_to', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('failed_at', 'timestamptz')
    .execute();

  // 'claimed': a deliverer took the row and is sending it right now.
  await db.schema.alterTable('notifications').dropConstraint('notifications_status_check').execute();
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint('notifications_status_check', sql`status in ('pending', 'claimed', 'sent', 'failed')`)
    .execute();
  // A claim is whole or absent: every later write checks the token.
  await db.schema
    .alterTable('notifications')
    .addCheckConstraint(
      'notifications_claim_whole',
      sql`(status = 'claimed') = (claim_token is not null and claimed_at is not null)
          and (claim_token is null) = (claimed_at is null)`,
    )
    .execute();

  // The reaper looks for claims older than its threshold; the admin view lists failures.
  await db.schema
    .createIndex('notifications_claimed_idx')
    .on('notifications')
    .column('claimed_at')
    .where(sql.ref('status'), '=', 'claimed')
    .execute();
  await db.schema
    .createIndex('notifications_failed_idx')
    .on('notifications')
    .column('failed_at')
    .where(sql.ref('status'), '=', 'failed')
    .execute();

  await db.schema
    .createTable('captured_mail')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('notification_id', 'bigint', (c) => c.references('notifications.id'))
    .addColumn('to', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    // Message-IDs are stable per notification: capturing a re-sent one is a no-op.
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('captured_mail_to_idx').on('captured_mail').columns(['to', 'created_at']).execute();
  await db.schema.createIndex('captured_mail_notification_idx').on('captured_mail').column('notification_id').execute();
}
