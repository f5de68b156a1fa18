/**
 * A user changes their own password: the current one must be right, the new
 * one must meet the policy (at least PASSWORD_MIN_LENGTH characters, not the
 * username, not the current password). The new scrypt hash is stored, the
 * "must change" mark set by an operator or an admin reset is cleared, and
 * every other session and token of the user is revoked; the one making the
 * change stays signed in.
 *
 * The user's row is locked while the current password is checked (the
 * engine's `changeOwnPassword`), so two identical requests at once cannot
 * both pass: the second checks against the new hash and is refused.
 */
import { changeOwnPassword, EsaError, type Engine } from '@esa-flow/engine';
import type { ServerConfig } from '../config';
import { hashPassword, verifyPassword } from './password';

export type PasswordPolicyReason = 'too_short' | 'same_as_username' | 'same_as_current';

const REASON_TEXT: Record<PasswordPolicyReason, (min: number) => { th: string; en: string }> = {
  too_short: (min) => ({ th: `รหัสผ่านใหม่ต้องยาวอย่างน้อย ${min} ตัวอักษร`, en: `The new password must be at least ${min} characters long.` }),
  same_as_username: () => ({ th: 'รหัสผ่านใหม่ต้องไม่เหมือนชื่อผู้ใช้', en: 'The new password must not be the username.' }),
  same_as_current: () => ({ th: 'รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน', en: 'The new password must differ from the current one.' }),
};

/** Characters as a person counts them (code points: a Thai vowel mark counts as one). */
const lengthOf = (s: string) => [...s].length;

/** What is wrong with a new password, empty when it meets the policy. */
export function passwordPolicyReasons(args: {
  newPassword: string;
  currentPassword: string;
  username: string;
  minLength: number;
}): PasswordPolicyReason[] {
  const reasons: PasswordPolicyReason[] = [];
  if (lengthOf(args.newPassword) < args.minLength) reasons.push('too_short');
  if (args.newPassword.trim().toLowerCase() === args.username.trim().toLowerCase()) reasons.push('same_as_username');
  if (args.newPassword === args.currentPassword) reasons.push('same_as_current');
  return reasons;
}

export async function changePassword(
  engine: Engine,
  config: Pick<ServerConfig, 'PASSWORD_MIN_LENGTH'>,
  args: { userId: string; sessionId: string | undefined; currentPassword: string; newPassword: string },
  now: Date,
): Promise<{ revokedSessions: number }> {
  return changeOwnPassword(engine, { userId: args.userId, keepSessionId: args.sessionId, now }, async (user) => {
    if (!user.passwordHash || !(await verifyPassword(args.currentPassword, user.passwordHash)))
      throw new EsaError('CURRENT_PASSWORD_WRONG');
    const reasons = passwordPolicyReasons({ ...args, username: user.username, minLength: config.PASSWORD_MIN_LENGTH });
    if (reasons.length > 0) {
      throw new EsaError('PASSWORD_POLICY_UNMET', {
        minLength: config.PASSWORD_MIN_LENGTH,
        reasons: reasons.map((code) => ({ code, ...REASON_TEXT[code](config.PASSWORD_MIN_LENGTH) })),
      });
    }
    return hashPassword(args.newPassword);
  });
}
