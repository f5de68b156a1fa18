/**
 * Sessions and API tokens: a random secret handed to the client once, only
 * its sha256 stored. A cookie session lasts hours; a token lasts until it
 * expires or is revoked.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@esa-flow/engine';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export async function createSession(
  db: Database,
  args: { userId: string; kind: 'cookie' | 'token'; now: Date; ttlMs: number; name?: string },
): Promise<{ secret: string; sessionId: string; expiresAt: Date }> {
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(args.now.getTime() + args.ttlMs);
  const row = await db
    .insertInto('sessions')
    .values({ user_id: args.userId, kind: args.kind, secret_hash: hashOf(secret), name: args.name ?? null, created_at: args.now, expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { secret, sessionId: row.id, expiresAt };
}

/** The user behind a secret, if it is live, and whether they must change their password before anything else. */
export async function resolveSession(db: Database, secret: string, now: Date): Promise<{ userId: string; sessionId: string; mustChangePassword: boolean } | undefined> {
  if (secret.length < 20 || secret.length > 200) return undefined;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 'u.must_change_password'])
    .where('s.secret_hash', '=', hashOf(secret))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  return row ? { userId: row.user_id, sessionId: row.id, mustChangePassword: row.must_change_password } : undefined;
}

export async function revokeSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute();
}

/** Revokes every live session and token of the user but the one given (after a password change). */
export async function revokeOtherSessions(db: Database, userId: string, keepSessionId: string | undefined, now: Date): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
