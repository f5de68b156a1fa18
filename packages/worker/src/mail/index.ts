/**
 * Delivering the notification outbox as e-mail. See docs/notifications.md.
 */
export { deliverDueNotifications, type DeliveryDeps, type DeliveryReport } from './deliver-due-notifications';
export { loadMailConfig, type MailConfig } from './mail-config';
export type { MailTransport, OutgoingMail, SendReceipt } from './mail-transport';
export { createMailTransport } from './create-mail-transport';
export { createSmtpTransport, type SmtpTransportOptions } from './smtp-transport';
export { createCaptureTransport } from './capture-transport';
export { listCapturedMail, type CapturedMail } from '@esa-flow/engine';
export { listFailedNotifications, type FailedNotification } from '@esa-flow/engine';
export { reclaimStaleClaims } from '@esa-flow/engine';
export { composeNotificationMail, notificationMessageId } from './compose-notification-mail';
export { renderNotificationMail, type RenderedMail } from './render-notification-mail';
export { classifySendFailure, type SendFailure } from './classify-send-failure';
export { retryDelayMs } from './retry-backoff';
export {
  NOTIFICATION_KINDS,
  isNotificationKind,
  type NotificationKind,
  type NotificationForMail,
  type MailRecipient,
  type MailLang,
  type DigestItem,
} from './notification-content';
