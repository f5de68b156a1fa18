/**
 * Sessions and API tokens: a random secret handed to the client once, only
 * its sha256 stored. A cookie session lasts SESSION_TTL_HOURS at most and
 * ends after SESSION_IDLE_MINUTES unused; a token lasts until it expires or
 * is revoked, and is scoped: `read` (GET/HEAD only) or `full`.
 */
import { executeShape } from '../db/statement-shape';
import { createHash, randomBytes } from 'node:crypto';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Actor } from '../access/actor';
import { grantsOf } from '../access/load-actor';
import type { Database } from '../db/database';

export type TokenScope = 'read' | 'full';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
/** last_seen_at is written at most this often per session */
const SEEN_RESOLUTION_MS = 60_000;

export async function createSession(
  db: Database,
  args: { userId: string; kind: 'cookie' | 'token'; now: Date; ttlMs: number; name?: string; scope?: TokenScope },
): Promise<{ secret: string; sessionId: string; expiresAt: Date }> {
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(args.now.getTime() + args.ttlMs);
  const row = await db
    .insertInto('sessions')
    .values({
      user_id: args.userId,
      kind: args.kind,
      secret_hash: hashOf(secret),
      name: args.name ?? null,
      created_at: args.now,
      expires_at: expiresAt,
      last_seen_at: args.now,
      scope: args.kind === 'token' ? (args.scope ?? 'read') : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { secret, sessionId: row.id, expiresAt };
}

export interface ResolvedSession {
  userId: string;
  sessionId: string;
  kind: 'cookie' | 'token';
  /** what the session may do: a cookie session and a `full` token everything, a `read` token GET/HEAD only */
  scope: TokenScope;
  mustChangePassword: boolean;
}

/**
 * Whether a session row is live: for a cookie session, used within `idleMs`.
 * Marks it seen (at most once a minute).
 */
async function liveSession(
  db: Database,
  row: {
    id: string;
    user_id: string;
    kind: string;
    scope: string | null;
    created_at: Date;
    last_seen_at: Date | null;
    must_change_password: boolean;
  },
  now: Date,
  idleMs: number,
): Promise<ResolvedSession | undefined> {
  const lastSeen = row.last_seen_at ?? row.created_at;
  if (row.kind === 'cookie' && now.getTime() - lastSeen.getTime() >= idleMs) return undefined;
  if (now.getTime() - lastSeen.getTime() >= SEEN_RESOLUTION_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('id', '=', row.id)
      .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', now)]))
      .execute();
  }
  const kind = row.kind === 'token' ? 'token' : 'cookie';
  return {
    userId: row.user_id,
    sessionId: row.id,
    kind,
    scope: kind === 'token' && row.scope !== 'full' ? 'read' : 'full',
    mustChangePassword: row.must_change_password,
  };
}

/**
 * A request's caller in one statement: the live session behind the secret
 * (not revoked, not expired and, for a cookie session, used within `idleMs`;
 * marked seen at most once a minute), its user and the user's grants valid at `now` (as
 * `loadUserActor`) — one round trip where the two took three. `actor` is null
 * when the user is disabled (the caller answers UNAUTHENTICATED, as
 * `loadUserActor` would).
 */
export async function resolveSessionActor(
  db: Database,
  secret: string,
  now: Date,
  idleMs: number,
): Promise<{ session: ResolvedSession; actor: (Actor & { kind: 'user' }) | null } | undefined> {
  if (secret.length < 20 || secret.length > 200) return undefined;
  // every request asks it: compiled once and prepared (db/statement-shape.ts)
  const { rows } = await executeShape(db, 'resolve-session', { secretHash: hashOf(secret), now }, (v) =>
    db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id',
        's.user_id',
        's.kind',
        's.scope',
        's.created_at',
        's.last_seen_at',
        'u.must_change_password',
        'u.person_id',
        'u.disabled_at',
      ])
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('role_assignments as ra')
            .select(['ra.role', 'ra.office_id', 'ra.school_id', 'ra.acting_for'])
            .whereRef('ra.user_id', '=', 's.user_id')
            .where('ra.valid_from', '<=', v.now)
            .where((w) => w.or([w('ra.valid_until', 'is', null), w('ra.valid_until', '>', v.now)])),
        ).as('grants'),
      )
      .where('s.secret_hash', '=', v.secretHash)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', v.now),
  );
  const row = rows[0];
  if (!row) return undefined;
  const session = await liveSession(db, row, now, idleMs);
  if (!session) return undefined;
  const actor =
    row.disabled_at !== null ? null : { kind: 'user' as const, id: row.user_id, personId: row.person_id, grants: grantsOf(row.grants) };
  return { session, actor };
}

export async function revokeSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute();
}

/** Ends the cookie session behind a secret, if any (a new sign-in replaces the browser's earlier session). */
export async function revokeCookieSession(db: Database, secret: string, now: Date): Promise<void> {
  if (secret.length < 20 || secret.length > 200) return;
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('secret_hash', '=', hashOf(secret))
    .where('kind', '=', 'cookie')
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every live session and token of the user but the one given (after a password change). */
export async function revokeOtherSessions(db: Database, userId: string, keepSessionId: string | undefined, now: Date): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface TokenView {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
}

/** The user's live tokens (not revoked, not expired), newest first. */
export async function listTokens(db: Database, userId: string, now: Date): Promise<TokenView[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'name', 'scope', 'created_at', 'expires_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('kind', '=', 'token')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name ?? '',
    scope: r.scope === 'full' ? 'full' : 'read',
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    // minted counts as seen; only later use is "used"
    lastUsedAt: r.last_seen_at && r.last_seen_at.getTime() !== r.created_at.getTime() ? r.last_seen_at.toISOString() : null,
  }));
}

/** Revokes one live token of the user; false when there is none by that id. */
export async function revokeToken(db: Database, userId: string, tokenId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('kind', '=', 'token')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
