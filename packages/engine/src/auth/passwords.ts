/**
 * A user changes their own password (the policy and the hashing are the
 * server's `changePassword`). The user's row is locked while `decide` checks
 * the current password and hashes the new one, so two identical requests at
 * once cannot both pass: the second checks against the new hash and is
 * refused. The new hash is stored, the "must change" mark cleared, and every
 * other session and token of the user revoked; the one making the change
 * stays signed in.
 */
import type { Database } from '../db/database';
import { revokeOtherSessions } from './sessions';

export async function changeOwnPassword(
  db: Database,
  args: { userId: string; keepSessionId: string | undefined; now: Date },
  /** the new password's hash, or throws (wrong current password, policy unmet): nothing is written */
  decide: (user: { id: string; username: string; passwordHash: string | null }) => Promise<string>,
): Promise<{ revokedSessions: number }> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'username', 'password_hash'])
      .where('id', '=', args.userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const hash = await decide({ id: user.id, username: user.username, passwordHash: user.password_hash });
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, failed_sign_ins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    return { revokedSessions: await revokeOtherSessions(trx, user.id, args.keepSessionId, args.now) };
  });
}
