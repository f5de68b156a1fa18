/**
 * `pnpm esa admin reset-password <username>`: a new one-time password, shown
 * once, that its owner must change at the next sign-in; the lockout is cleared
 * and every session and token of the user is revoked.
 */
import { EsaError, type Database } from '@esa-flow/engine';
import { hashPassword } from '@esa-flow/server';
import { oneTimePassword } from './one-time-password';

export async function resetPassword(db: Database, username: string, now: Date, given?: string): Promise<{ password: string }> {
  if (given !== undefined && given.length < 10) {
    throw new EsaError('INVALID_PAYLOAD', { issues: [{ path: 'ESA_FLOW_ADMIN_PASSWORD', message: 'รหัสผ่านอย่างน้อย 10 ตัว / at least 10 characters' }] });
  }
  const password = given ?? oneTimePassword();
  const hash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: true, failed_sign_ins: 0, locked_until: null })
      .where('username', '=', username)
      .returning('id')
      .executeTakeFirst();
    if (!user) throw new EsaError('USER_NOT_FOUND', { username });
    await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    return { password };
  });
}
