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
 * - Counters are single atomic statements (the engine's `countSignInFailure`,
 *   `takeRateLimit`): N parallel guesses count N failures.
 * - A password hashed with older parameters is re-hashed after a successful
 *   sign-in.
 */
import {
  clearSignInBackOff,
  clearUserFailedSignIns,
  countSignInFailure,
  countUserFailedSignIn,
  EsaError,
  recordSignInAttempt,
  signInThrottleOf,
  takeRateLimit,
  userSigningIn,
  type SignInOutcome,
  type Engine,
} from '@esa-flow/engine';
import type { ServerConfig } from '../config';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password';

export type SignInPolicy = Pick<
  ServerConfig,
  | 'LOCKOUT_THRESHOLD'
  | 'LOCKOUT_MINUTES'
  | 'LOCKOUT_MAX_MINUTES'
  | 'RATE_LIMIT_SIGN_IN_PER_MINUTE'
  | 'RATE_LIMIT_SIGN_IN_PER_USERNAME_PER_MINUTE'
>;

/** a source that signed in as the user within this long is "known" to the per-username limit */
const KNOWN_SOURCE_DAYS = 30;

export async function signIn(
  engine: Engine,
  config: SignInPolicy,
  attempt: { username: string; password: string; ip: string | null; userAgent: string | null },
  now: Date,
): Promise<{ userId: string; mustChangePassword: boolean }> {
  const key = attempt.username.trim().toLowerCase().slice(0, 200);
  const source = (attempt.ip ?? 'unknown').slice(0, 100);

  const throttle = await signInThrottleOf(engine, key, source);
  const knownSource = throttle?.lastSuccessAt != null && throttle.lastSuccessAt.getTime() > now.getTime() - KNOWN_SOURCE_DAYS * 86_400_000;
  if (!(await takeRateLimit(engine, `sign-in:ip:${source}`, config.RATE_LIMIT_SIGN_IN_PER_MINUTE, 60_000, now)))
    throw new EsaError('RATE_LIMITED');
  if (!knownSource && !(await takeRateLimit(engine, `sign-in:user:${key}`, config.RATE_LIMIT_SIGN_IN_PER_USERNAME_PER_MINUTE, 60_000, now)))
    throw new EsaError('RATE_LIMITED');

  const user = await userSigningIn(engine, attempt.username);
  const record = (outcome: SignInOutcome) =>
    recordSignInAttempt(engine, {
      username: attempt.username,
      userId: user?.id ?? null,
      at: now,
      outcome,
      ip: attempt.ip,
      userAgent: attempt.userAgent,
    });

  // backing off: the same answer as a wrong password, for known and unknown usernames alike, and no scrypt spent on it
  if (throttle?.blockedUntil && throttle.blockedUntil > now) {
    await record('locked');
    throw new EsaError('SIGN_IN_FAILED');
  }

  const ok = await verifyPassword(attempt.password, user?.passwordHash ?? dummyHash());
  if (!user || !user.passwordHash || !ok) {
    await record('bad_credentials');
    await countSignInFailure(
      engine,
      { threshold: config.LOCKOUT_THRESHOLD, minutes: config.LOCKOUT_MINUTES, maxMinutes: config.LOCKOUT_MAX_MINUTES },
      key,
      source,
      now,
    );
    if (user) await countUserFailedSignIn(engine, user.id);
    throw new EsaError('SIGN_IN_FAILED');
  }
  if (user.disabledAt) {
    await record('disabled');
    throw new EsaError('SIGN_IN_FAILED');
  }
  await clearSignInBackOff(engine, key, source, now);
  const rehashed = needsRehash(user.passwordHash) ? await hashPassword(attempt.password) : undefined;
  // a password changed meanwhile keeps its new hash
  await clearUserFailedSignIns(engine, user.id, rehashed ? { from: user.passwordHash, to: rehashed } : undefined);
  await record('success');
  return { userId: user.id, mustChangePassword: user.mustChangePassword };
}
