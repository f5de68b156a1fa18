import { randomUUID } from 'node:crypto';
import { EsaError, type Clock, type Database } from '@esa-flow/engine';
import { classifySendFailure, type SendFailure } from './classify-send-failure';
import { composeNotificationMail } from './compose-notification-mail';
import type { MailConfig } from './mail-config';
import type { MailTransport, OutgoingMail, SendReceipt } from './mail-transport';
import type { NotificationForMail } from './notification-content';
import { retryDelayMs } from './retry-backoff';
import { runLimited } from './run-limited';
import { claimDueNotifications, type ClaimedNotification } from './sql/claim-due-notifications';
import { markNotificationFailed, markNotificationSent, scheduleNotificationRetry } from './sql/finish-claimed-notification';
import { loadNotificationsForMail } from './sql/load-notifications-for-mail';
import { reclaimStaleClaims } from './sql/reclaim-stale-claims';

export interface DeliveryDeps {
  db: Database;
  /** every "now" comes from here: claims, backoff, sent_at, the Date header */
  clock: Clock;
  transport: MailTransport;
  config: MailConfig;
  /** the jitter of retry delays; @defaultValue Math.random */
  random?: () => number;
}

export interface DeliveryReport {
  /** notifications this call claimed */
  claimed: number;
  sent: number;
  /** transient failures put back with a later available_at */
  retried: number;
  /** given up for good: permanent failures, attempts used up (the reaper's too) */
  failed: number;
  /** stale claims of other (dead) deliverers returned to 'pending' */
  reclaimed: number;
  /** claims this call lost to the reaper while sending; nothing recorded for them */
  lost: number;
}

type Outcome = 'sent' | 'retried' | 'failed' | 'lost';

/**
 * One pass over the outbox: reap stale claims, claim a batch of due
 * notifications, send each, record each outcome. Call it again and again
 * (the BullMQ job does); it returns quickly when nothing is due.
 *
 * Delivery is at least once: a crash between the SMTP server accepting a
 * mail and the 'sent' mark leaves the claim to expire, and the mail goes out
 * again with the same Message-ID. Outside that window, concurrent callers
 * never send a notification twice (see claimDueNotifications).
 *
 * Throws only when the database fails; claims it holds then expire and are
 * retried.
 */
export async function deliverDueNotifications(
  deps: DeliveryDeps,
  /** `limit`: notifications to claim, 1–1000; @defaultValue config.batchSize */
  options: { limit?: number } = {},
): Promise<DeliveryReport> {
  const { db, clock, config } = deps;
  const reaped = await reclaimStaleClaims(db, { now: clock.now(), olderThanMs: config.claimTimeoutMs, maxAttempts: config.maxAttempts });
  const claimToken = randomUUID();
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? config.batchSize), 1), 1000);
  const claimed = await claimDueNotifications(db, { now: clock.now(), limit, claimToken });
  const report: DeliveryReport = { claimed: claimed.length, sent: 0, retried: 0, failed: reaped.failed, reclaimed: reaped.reclaimed, lost: 0 };
  if (claimed.length === 0) return report;
  const forMail = await loadNotificationsForMail(db, claimed.map((c) => c.id));
  const outcomes = await runLimited(claimed, config.sendConcurrency, (c) => deliverClaimed(deps, claimToken, c, forMail.get(c.id)));
  for (const outcome of outcomes) report[outcome] += 1;
  return report;
}

async function deliverClaimed(
  deps: DeliveryDeps,
  claimToken: string,
  claimed: ClaimedNotification,
  notification: NotificationForMail | undefined,
): Promise<Outcome> {
  let mail: OutgoingMail;
  let receipt: SendReceipt;
  try {
    if (!notification) throw new EsaError('INTERNAL', { notificationId: claimed.id, reason: 'claimed row not found' });
    mail = composeNotificationMail(notification, deps.config, deps.clock.now());
    receipt = await deps.transport.send(mail);
  } catch (error) {
    return recordFailure(deps, claimToken, claimed, classifySendFailure(error));
  }
  const marked = await markNotificationSent(deps.db, {
    id: claimed.id,
    claimToken,
    now: deps.clock.now(),
    messageId: receipt.messageId || mail.messageId,
    response: receipt.response,
    sentTo: mail.to,
  });
  return marked ? 'sent' : 'lost';
}

async function recordFailure(deps: DeliveryDeps, claimToken: string, claimed: ClaimedNotification, failure: SendFailure): Promise<Outcome> {
  const { db, clock, config } = deps;
  const now = clock.now();
  if (failure.permanent || claimed.attempts >= config.maxAttempts) {
    const error = failure.permanent ? failure.detail : `gave up after ${claimed.attempts} attempts: ${failure.detail}`;
    const marked = await markNotificationFailed(db, { id: claimed.id, claimToken, now, errorCode: failure.code, error });
    return marked ? 'failed' : 'lost';
  }
  const availableAt = new Date(now.getTime() + retryDelayMs(claimed.attempts, config, deps.random));
  const marked = await scheduleNotificationRetry(db, {
    id: claimed.id,
    claimToken,
    now,
    availableAt,
    errorCode: failure.code,
    error: failure.detail,
  });
  return marked ? 'retried' : 'lost';
}
