import { EsaError } from '@esa-flow/engine';
import type { MailConfig } from './mail-config';
import type { OutgoingMail } from './mail-transport';
import type { NotificationForMail } from './notification-content';
import { renderNotificationMail } from './render-notification-mail';

/**
 * The Message-ID of a notification's mail. The same on every attempt, so a
 * mail sent twice (at-least-once delivery) is recognisably one message.
 */
export function notificationMessageId(notificationId: string): string {
  return `<notification-${notificationId}@esa-flow>`;
}

/**
 * The complete mail for one notification; NOTIFICATION_RECIPIENT_DISABLED when
 * the recipient's account is disabled, NOTIFICATION_NO_ADDRESS when it has
 * nowhere to go (both permanent: the notification fails, never retried).
 */
export function composeNotificationMail(n: NotificationForMail, config: Pick<MailConfig, 'from' | 'baseUrl'>, now: Date): OutgoingMail {
  if (n.recipient.disabled) throw new EsaError('NOTIFICATION_RECIPIENT_DISABLED', { notificationId: n.id, userId: n.recipient.userId });
  const to = n.recipient.address?.trim();
  if (!to) throw new EsaError('NOTIFICATION_NO_ADDRESS', { notificationId: n.id, userId: n.recipient.userId });
  return {
    notificationId: n.id,
    from: config.from,
    to,
    ...renderNotificationMail(n, config.baseUrl),
    messageId: notificationMessageId(n.id),
    date: now,
    headers: {
      // RFC 3834: machine-sent; out-of-office replies stay away.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'Content-Language': n.recipient.lang,
      'X-Esa-Flow-Notification': `${n.kind}; id=${n.id}`,
    },
  };
}
