/**
 * Who is calling: a session cookie (the UI) or `Authorization: Bearer <token>`
 * (integrations). Deny by default: every route but sign-in, health and docs
 * requires an actor. A user whose password was set by someone else
 * (`users.must_change_password`) reaches only the routes marked
 * `beforePasswordChange` (me, password change, sign-out) until they change it.
 */
import '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { EsaError, loadUserActor, type Actor, type Clock, type Database } from '@esa-flow/engine';
import { resolveSession } from '../auth/session-store';

export const SESSION_COOKIE = 'esa_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor & { kind: 'user' };
    sessionId?: string;
    /** the user's password was set by someone else: only the routes marked `beforePasswordChange` answer */
    mustChangePassword?: boolean;
  }
}

export function secretOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie || undefined;
}

export async function authenticate(request: FastifyRequest, db: Database, clock: Clock): Promise<void> {
  const secret = secretOf(request);
  if (!secret) throw new EsaError('UNAUTHENTICATED');
  const now = clock.now();
  const session = await resolveSession(db, secret, now);
  if (!session) throw new EsaError('UNAUTHENTICATED');
  request.actor = await loadUserActor(db, session.userId, now);
  request.sessionId = session.sessionId;
  request.mustChangePassword = session.mustChangePassword;
}

export function actorOf(request: FastifyRequest): Actor & { kind: 'user' } {
  if (!request.actor) throw new EsaError('UNAUTHENTICATED');
  return request.actor;
}
