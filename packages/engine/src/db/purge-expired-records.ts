/**
 * Retention: rows that only matter for a while are deleted by the worker's
 * periodic maintenance (`withRecordPurge`), so the tables do not grow
 * without bound (docs/operations.md "Retention").
 *
 * - sessions and tokens a day after they expired or were revoked;
 * - idempotency keys after 7 days (a client retries within minutes);
 * - sign-in attempts after 90 days (the audit trail of sign-ins);
 * - sign-in back-off rows untouched for 30 days and no longer blocking;
 * - rate-limit windows older than a day.
 */
import type { Database } from './database';
import type { Engine } from '../engine';
import { dbOf } from '../door';

export const RETENTION_DAYS = Object.freeze({ sessions: 1, idempotencyKeys: 7, signInAttempts: 90, signInThrottle: 30, rateLimitHits: 1 });

export interface PurgeOutcome {
  sessions: number;
  idempotencyKeys: number;
  signInAttempts: number;
  signInThrottle: number;
  rateLimitHits: number;
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);
const count = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);

export async function purgeExpiredRecords(
  db: Database,
  now: Date,
  retention: typeof RETENTION_DAYS = RETENTION_DAYS,
): Promise<PurgeOutcome> {
  const sessionsBefore = daysBefore(now, retention.sessions);
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', sessionsBefore), eb('revoked_at', '<', sessionsBefore)]))
    .executeTakeFirst();
  const idempotencyKeys = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', daysBefore(now, retention.idempotencyKeys))
    .executeTakeFirst();
  const signInAttempts = await db
    .deleteFrom('sign_in_attempts')
    .where('at', '<', daysBefore(now, retention.signInAttempts))
    .executeTakeFirst();
  const signInThrottle = await db
    .deleteFrom('sign_in_throttle')
    .where('updated_at', '<', daysBefore(now, retention.signInThrottle))
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)]))
    .executeTakeFirst();
  const rateLimitHits = await db
    .deleteFrom('rate_limit_hits')
    .where('window_start', '<', daysBefore(now, retention.rateLimitHits))
    .executeTakeFirst();
  return {
    sessions: count(sessions),
    idempotencyKeys: count(idempotencyKeys),
    signInAttempts: count(signInAttempts),
    signInThrottle: count(signInThrottle),
    rateLimitHits: count(rateLimitHits),
  };
}

/** The worker's maintenance with the purge run alongside: one place to compose it (packages/app). */
export function withRecordPurge<T>(
  maintenance: (engine: Engine) => Promise<T>,
): (engine: Engine) => Promise<{ maintenance: T; purged: PurgeOutcome }> {
  return async (engine) => {
    const purged = await purgeExpiredRecords(dbOf(engine), engine.clock.now());
    return { maintenance: await maintenance(engine), purged };
  };
}
