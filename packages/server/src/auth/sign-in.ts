/**
 * Sign-in by username and password (docs/access.md "Signing in"). Every
 * attempt is recorded. The answer never says whether the username exists,
 * nor whether a source is backing off: a wrong password, an unknown user, a
 * disabled user and a source in back-off all get the same 401 SIGN_IN_FAILED.
 *
 * - Rate limits in PostgreSQL, shared by all API processes: per client
 *   address (RATE_LIMIT_SIGN_IN_PER_MINUTE) and per username from sources
 *   that have not signed in as that user before
 *   (RATE_LIMIT_SIGN_IN_PER_USERNAME_PER_MINUTE): 429.
 * - Back-off per (username, source): after LOCKOUT_THRESHOLD failures in a
 *   row from one source, that source waits LOCKOUT_MINUTES, doubling with
 *   every further failure up to LOCKOUT_MAX_MINUTES. The account itself is
 *   never locked, so an attacker elsewhere cannot lock out its owner.
 * - Counters are single atomic statements (`… + 1 returning`): N parallel
 *   guesses count N failures.
 * - A password hashed with older parameters is re-hashed after a successful
 *   sign-in.
 */
import { sql, type RawBuilder } from 'kysely';
import { EsaError, type Database } from '@esa-flow/engine';
import type { ServerConfig } from '../config';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password';
import { takeRateLimit } from './rate-limit-store';

export type SignInPolicy = Pick<
  ServerConfig,
  'LOCKOUT_THRESHOLD' | 'LOCKOUT_MINUTES' | 'LOCKOUT_MAX_MINUTES' | 'RATE_LIMIT_SIGN_IN_PER_MINUTE' | 'RATE_LIMIT_SIGN_IN_PER_USERNAME_PER_MINUTE'
>;

/** a source that signed in as the user within this long is "known" to the per-username limit */
const KNOWN_SOURCE_DAYS = 30;
/** the back-off doubles at most this many times before LOCKOUT_MAX_MINUTES caps it anyway */
const MAX_DOUBLINGS = 20;

export async function signIn(
  db: Database,
  config: SignInPolicy,
  attempt: { username: string; password: string; ip: string | null; userAgent: string | null },
  now: Date,
): Promise<{ userId: string; mustChangePassword: boolean }> {
  const key = attempt.username.trim().toLowerCase().slice(0, 200);
  const source = (attempt.ip ?? 'unknown').slice(0, 100);

  const throttle = await db
    .selectFrom('sign_in_throttle')
    .select(['blocked_until', 'last_success_at'])
    .where('username', '=', key)
    .where('source', '=', source)
    .executeTakeFirst();
  const knownSource = throttle?.last_success_at != null && throttle.last_success_at.getTime() > now.getTime() - KNOWN_SOURCE_DAYS * 86_400_000;
  if (!(await takeRateLimit(db, `sign-in:ip:${source}`, config.RATE_LIMIT_SIGN_IN_PER_MINUTE, 60_000, now))) throw new EsaError('RATE_LIMITED');
  if (!knownSource && !(await takeRateLimit(db, `sign-in:user:${key}`, config.RATE_LIMIT_SIGN_IN_PER_USERNAME_PER_MINUTE, 60_000, now))) throw new EsaError('RATE_LIMITED');

  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at', 'must_change_password'])
    .where('username', '=', attempt.username)
    .executeTakeFirst();
  const record = (outcome: 'success' | 'bad_credentials' | 'locked' | 'disabled') =>
    db
      .insertInto('sign_in_attempts')
      .values({ username: attempt.username.slice(0, 200), user_id: user?.id ?? null, at: now, outcome, ip: attempt.ip, user_agent: attempt.userAgent?.slice(0, 500) ?? null })
      .execute();

  // backing off: the same answer as a wrong password, for known and unknown usernames alike, and no scrypt spent on it
  if (throttle?.blocked_until && throttle.blocked_until > now) {
    await record('locked');
    throw new EsaError('SIGN_IN_FAILED');
  }

  const ok = await verifyPassword(attempt.password, user?.password_hash ?? dummyHash());
  if (!user || !user.password_hash || !ok) {
    await record('bad_credentials');
    await countFailure(db, config, key, source, now);
    if (user) await db.updateTable('users').set({ failed_sign_ins: sql<number>`failed_sign_ins + 1` }).where('id', '=', user.id).execute();
    throw new EsaError('SIGN_IN_FAILED');
  }
  if (user.disabled_at) {
    await record('disabled');
    throw new EsaError('SIGN_IN_FAILED');
  }
  await db
    .insertInto('sign_in_throttle')
    .values({ username: key, source, failures: 0, blocked_until: null, last_success_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['username', 'source']).doUpdateSet({ failures: 0, blocked_until: null, last_success_at: now, updated_at: now }))
    .execute();
  const rehashed = needsRehash(user.password_hash) ? await hashPassword(attempt.password) : undefined;
  await db
    .updateTable('users')
    .set({ failed_sign_ins: 0, locked_until: null, ...(rehashed ? { password_hash: rehashed } : {}) })
    .where('id', '=', user.id)
    // a password changed meanwhile keeps its new hash
    .$if(rehashed !== undefined, (q) => q.where('password_hash', '=', user.password_hash))
    .execute();
  await record('success');
  return { userId: user.id, mustChangePassword: user.must_change_password };
}

/** One failure for (username, source), atomically; from LOCKOUT_THRESHOLD on, the source backs off, doubling each time. */
async function countFailure(db: Database, config: SignInPolicy, key: string, source: string, now: Date): Promise<{ failures: number; blockedUntil: Date | null }> {
  const backOff = (failures: RawBuilder<number>) => sql<Date | null>`case when ${failures} >= ${config.LOCKOUT_THRESHOLD}
      then ${now}::timestamptz + interval '1 minute' * least(${config.LOCKOUT_MINUTES}::float8 * power(2, least(${failures} - ${config.LOCKOUT_THRESHOLD}, ${MAX_DOUBLINGS})), ${config.LOCKOUT_MAX_MINUTES}::float8)
      else null end`;
  const row = await db
    .insertInto('sign_in_throttle')
    .values({ username: key, source, failures: 1, blocked_until: backOff(sql<number>`1`), last_success_at: null, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['username', 'source']).doUpdateSet({
        failures: sql<number>`sign_in_throttle.failures + 1`,
        blocked_until: backOff(sql<number>`(sign_in_throttle.failures + 1)`),
        updated_at: now,
      }),
    )
    .returning(['failures', 'blocked_until'])
    .executeTakeFirstOrThrow();
  return { failures: row.failures, blockedUntil: row.blocked_until };
}
