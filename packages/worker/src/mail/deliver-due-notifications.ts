import { randomUUID } from 'node:crypto';
import {
  claimDueNotifications,
  EsaError,
  loadNotificationsForMail,
  markNotificationFailed,
  markNotificationSent,
  reclaimStaleClaims,
  releaseUnsentClaim,
  scheduleNotificationRetry,
  type ClaimedNotification,
  type Clock,
  type Engine,
} from '@esa-flow/engine';
import { classifySendFailure, type SendFailure } from './classify-send-failure';
import { composeNotificationMail } from './compose-notification-mail';
import type { MailConfig } from './mail-config';
import type { MailTransport, OutgoingMail, SendReceipt } from './mail-transport';
import type { NotificationForMail } from './notification-content';
import { retryDelayMs } from './retry-backoff';
import { runLimited } from './run-limited';

export interface DeliveryDeps {
  engine: Engine;
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
  const { engine, clock, config } = deps;
  const reaped = await reclaimStaleClaims(engine, {
    now: clock.now(),
    olderThanMs: config.claimTimeoutMs,
    maxAttempts: config.maxAttempts,
  });
  const claimToken = randomUUID();
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? config.batchSize), 1), 1000);
  // Until a mail of this claim is handed to the SMTP server, a database error
  // gives the claim back at once (by its token: the claim may have committed
  // although its answer never arrived), instead of leaving the rows 'claimed'
  // for the reaper's MAIL_CLAIM_TIMEOUT_SECONDS. Best effort: with the database
  // still away the reaper does it later.
  const giveBack = async (error: unknown): Promise<never> => {
    await retryOnDatabaseError(() => releaseUnsentClaim(engine, claimToken)).catch(() => undefined);
    throw error;
  };
  const claimed = await claimDueNotifications(engine, { now: clock.now(), limit, claimToken }).catch(giveBack);
  const report: DeliveryReport = {
    claimed: claimed.length,
    sent: 0,
    retried: 0,
    failed: reaped.failed,
    reclaimed: reaped.reclaimed,
    lost: 0,
  };
  if (claimed.length === 0) return report;
  const forMail = await loadNotificationsForMail(
    engine,
    claimed.map((c) => c.id),
  ).catch(giveBack);
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
  const sentAt = deps.clock.now();
  const marked = await retryOnDatabaseError(() =>
    markNotificationSent(deps.engine, {
      id: claimed.id,
      claimToken,
      now: sentAt,
      messageId: receipt.messageId || mail.messageId,
      response: receipt.response,
      sentTo: mail.to,
    }),
  );
  return marked ? 'sent' : 'lost';
}

/**
 * Pauses between the tries of writing down what happened to a claim: about
 * five seconds in all, what a PostgreSQL restart or failover takes.
 */
const RECORD_RETRY_PAUSES_MS = [100, 200, 400, 800, 1_600, 2_000];

/**
 * Writes down an outcome (or gives a claim back), trying again while the
 * database fails, for about five seconds. The mail has already gone (or been
 * refused): a connection the database dropped a moment ago (a restart,
 * pg_terminate_backend) must not leave the row 'claimed' until the reaper
 * sends it again. The update is token-checked, so a try whose commit went
 * through although its answer was lost makes the next try find no claim:
 * that counts as 'lost', and nothing is written twice. After the last try
 * the error goes up and the claim is left to the reaper.
 */
async function retryOnDatabaseError<T>(record: () => Promise<T>): Promise<T> {
  for (const pauseMs of RECORD_RETRY_PAUSES_MS) {
    try {
      return await record();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  return record();
}

async function recordFailure(deps: DeliveryDeps, claimToken: string, claimed: ClaimedNotification, failure: SendFailure): Promise<Outcome> {
  const { engine, clock, config } = deps;
  const now = clock.now();
  if (failure.permanent || claimed.attempts >= config.maxAttempts) {
    const error = failure.permanent ? failure.detail : `gave up after ${claimed.attempts} attempts: ${failure.detail}`;
    const marked = await retryOnDatabaseError(() =>
      markNotificationFailed(engine, { id: claimed.id, claimToken, now, errorCode: failure.code, error }),
    );
    return marked ? 'failed' : 'lost';
  }
  const availableAt = new Date(now.getTime() + retryDelayMs(claimed.attempts, config, deps.random));
  const marked = await retryOnDatabaseError(() =>
    scheduleNotificationRetry(engine, {
      id: claimed.id,
      claimToken,
      now,
      availableAt,
      errorCode: failure.code,
      error: failure.detail,
    }),
  );
  return marked ? 'retried' : 'lost';
}
