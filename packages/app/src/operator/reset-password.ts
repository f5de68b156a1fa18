/**
 * `pnpm esa admin reset-password <username>`: a new one-time password, shown
 * once, that its owner must change at the next sign-in; the lockout is cleared
 * and every session and token of the user is revoked.
 */
import { EsaError, resetUserPassword, type Engine } from '@esa-flow/engine';
import { hashPassword } from '@esa-flow/server';
import { oneTimePassword } from './one-time-password';

export async function resetPassword(engine: Engine, username: string, now: Date, given?: string): Promise<{ password: string }> {
  if (given !== undefined && given.length < 10) {
    throw new EsaError('INVALID_PAYLOAD', {
      issues: [{ path: 'ESA_FLOW_ADMIN_PASSWORD', message: 'รหัสผ่านอย่างน้อย 10 ตัว / at least 10 characters' }],
    });
  }
  const password = given ?? oneTimePassword();
  const hash = await hashPassword(password);
  await resetUserPassword(engine, username, hash, now);
  return { password };
}
