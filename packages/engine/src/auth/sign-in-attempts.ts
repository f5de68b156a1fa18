/**
 * What sign-in reads and writes (docs/access.md "Signing in"); the policy —
 * which limit applies, when to answer what — is the server's `signIn`.
 *
 * - the back-off of one (username, source): its failures in a row, until
 *   when it waits, and when it last signed in;
 * - the user a username names, with what a sign-in checks;
 * - one row per attempt, whatever its outcome.
 *
 * Counters are single atomic statements (`… + 1 returning`): N parallel
 * guesses count N failures.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../db/database';

/** the back-off doubles at most this many times before the cap (`maxMinutes`) applies anyway */
const MAX_DOUBLINGS = 20;

export type SignInOutcome = 'success' | 'bad_credentials' | 'locked' | 'disabled';

/** The back-off state of (username, source), if it has any. */
export async function signInThrottleOf(
  db: Database,
  key: string,
  source: string,
): Promise<{ blockedUntil: Date | null; lastSuccessAt: Date | null } | undefined> {
  const row = await db
    .selectFrom('sign_in_throttle')
    .select(['blocked_until', 'last_success_at'])
    .where('username', '=', key)
    .where('source', '=', source)
    .executeTakeFirst();
  return row ? { blockedUntil: row.blocked_until, lastSuccessAt: row.last_success_at } : undefined;
}

/** The user signing in by this username, exactly as typed. */
export async function userSigningIn(
  db: Database,
  username: string,
): Promise<{ id: string; passwordHash: string | null; disabledAt: Date | null; mustChangePassword: boolean } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at', 'must_change_password'])
    .where('username', '=', username)
    .executeTakeFirst();
  return row
    ? { id: row.id, passwordHash: row.password_hash, disabledAt: row.disabled_at, mustChangePassword: row.must_change_password }
    : undefined;
}

export async function recordSignInAttempt(
  db: Database,
  attempt: { username: string; userId: string | null; at: Date; outcome: SignInOutcome; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values({
      username: attempt.username.slice(0, 200),
      user_id: attempt.userId,
      at: attempt.at,
      outcome: attempt.outcome,
      ip: attempt.ip,
      user_agent: attempt.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
}

/**
 * One failure for (username, source), atomically; from `threshold` on, the
 * source backs off `minutes`, doubling each time, at most `maxMinutes`.
 */
export async function countSignInFailure(
  db: Database,
  policy: { threshold: number; minutes: number; maxMinutes: number },
  key: string,
  source: string,
  now: Date,
): Promise<{ failures: number; blockedUntil: Date | null }> {
  const backOff = (failures: RawBuilder<number>) => sql<Date | null>`case when ${failures} >= ${policy.threshold}
      then ${now}::timestamptz + interval '1 minute' * least(${policy.minutes}::float8 * power(2, least(${failures} - ${policy.threshold}, ${MAX_DOUBLINGS})), ${policy.maxMinutes}::float8)
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

/** A wrong password for an existing user: their failure count goes up by one. */
export async function countUserFailedSignIn(db: Database, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_sign_ins: sql<number>`failed_sign_ins + 1` })
    .where('id', '=', userId)
    .execute();
}

/** A successful sign-in from `source`: its back-off ends and it becomes known to the per-username limit. */
export async function clearSignInBackOff(db: Database, key: string, source: string, now: Date): Promise<void> {
  await db
    .insertInto('sign_in_throttle')
    .values({ username: key, source, failures: 0, blocked_until: null, last_success_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['username', 'source']).doUpdateSet({ failures: 0, blocked_until: null, last_success_at: now, updated_at: now }),
    )
    .execute();
}

/**
 * A successful sign-in of the user: their failures are cleared and, when
 * `rehash` is given, the password's hash replaced — unless the password was
 * changed meanwhile (the stored hash is no longer `rehash.from`): then it
 * keeps its new hash.
 */
export async function clearUserFailedSignIns(db: Database, userId: string, rehash?: { from: string; to: string }): Promise<void> {
  let q = db
    .updateTable('users')
    .set({ failed_sign_ins: 0, locked_until: null, ...(rehash ? { password_hash: rehash.to } : {}) })
    .where('id', '=', userId);
  if (rehash) q = q.where('password_hash', '=', rehash.from);
  await q.execute();
}
