/**
 * The operator's `pnpm esa admin reset-password` in the database: the new
 * password hash (hashed by the caller), to be changed at the next sign-in,
 * the lockout cleared and every open session of the user revoked, in one
 * transaction. An unknown username is `USER_NOT_FOUND`.
 */
import type { Database } from '../db/database';
import { EsaError } from '../errors';

export async function resetUserPassword(db: Database, username: string, passwordHash: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: true, failed_sign_ins: 0, locked_until: null })
      .where('username', '=', username)
      .returning('id')
      .executeTakeFirst();
    if (!user) throw new EsaError('USER_NOT_FOUND', { username });
    await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
  });
}
