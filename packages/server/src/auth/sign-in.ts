/**
 * Sign-in by username and password. Every attempt is recorded; after
 * LOCKOUT_THRESHOLD failures in a row the account is locked for
 * LOCKOUT_MINUTES. The answer never says whether the username exists.
 */
import { EsaError, type Database } from '@esa-flow/engine';
import type { ServerConfig } from '../config';
import { DUMMY_HASH, verifyPassword } from './password';

export async function signIn(
  db: Database,
  config: Pick<ServerConfig, 'LOCKOUT_THRESHOLD' | 'LOCKOUT_MINUTES'>,
  attempt: { username: string; password: string; ip: string | null; userAgent: string | null },
  now: Date,
): Promise<{ userId: string; mustChangePassword: boolean }> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at', 'locked_until', 'failed_sign_ins', 'must_change_password'])
    .where('username', '=', attempt.username)
    .executeTakeFirst();
  const record = (outcome: string) =>
    db
      .insertInto('sign_in_attempts')
      .values({ username: attempt.username.slice(0, 200), user_id: user?.id ?? null, at: now, outcome, ip: attempt.ip, user_agent: attempt.userAgent?.slice(0, 500) ?? null })
      .execute();

  const ok = await verifyPassword(attempt.password, user?.password_hash ?? DUMMY_HASH);
  if (user && user.locked_until && user.locked_until > now) {
    await record('locked');
    throw new EsaError('ACCOUNT_LOCKED', { until: user.locked_until.toISOString() });
  }
  if (!user || !user.password_hash || !ok) {
    await record('bad_credentials');
    if (user) {
      const failed = user.failed_sign_ins + 1;
      const lock = failed >= config.LOCKOUT_THRESHOLD ? new Date(now.getTime() + config.LOCKOUT_MINUTES * 60_000) : null;
      await db
        .updateTable('users')
        .set({ failed_sign_ins: lock ? 0 : failed, locked_until: lock })
        .where('id', '=', user.id)
        .execute();
    }
    throw new EsaError('SIGN_IN_FAILED');
  }
  if (user.disabled_at) {
    await record('disabled');
    throw new EsaError('SIGN_IN_FAILED');
  }
  await db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', user.id).execute();
  await record('success');
  return { userId: user.id, mustChangePassword: user.must_change_password };
}
