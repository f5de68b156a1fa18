/**
 * Who is calling: a session cookie (the UI) or `Authorization: Bearer <token>`
 * (integrations). Deny by default: every route but sign-in, health and docs
 * requires an actor. A user whose password was set by someone else
 * (`users.must_change_password`) reaches only the routes marked
 * `beforePasswordChange` (me, password change, sign-out) until they change it.
 *
 * A state-changing request (POST, PUT, PATCH, DELETE) made with the cookie
 * must come from the application's own pages: an `Origin` of PUBLIC_BASE_URL
 * or of the Host it was sent to, or `Sec-Fetch-Site: same-origin`; otherwise
 * 403 CSRF_REFUSED. Bearer tokens are not sent by browsers on their own, so
 * they are exempt; a `read` token may only GET/HEAD (403 TOKEN_READ_ONLY).
 */
import '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import { EsaError, resolveSessionActor, type Actor, type Clock, type TokenScope, type Engine } from '@esa-flow/engine';

/** The session cookie's name: `__Host-` (Secure, no Domain, Path=/) on https, plain for http://localhost development. */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-esa_session' : 'esa_session');

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor & { kind: 'user' };
    sessionId?: string;
    /** how the caller authenticated: the UI's cookie or a bearer token */
    sessionKind?: 'cookie' | 'token';
    tokenScope?: TokenScope;
    /** the user's password was set by someone else: only the routes marked `beforePasswordChange` answer */
    mustChangePassword?: boolean;
  }
}

export interface AuthenticationOptions {
  cookieName: string;
  idleMs: number;
  /** PUBLIC_BASE_URL's origin */
  publicOrigin: string;
}

function credentialsOf(request: FastifyRequest, cookieName: string): { secret: string; via: 'bearer' | 'cookie' } | undefined {
  const header = request.headers.authorization;
  if (header && /^bearer /i.test(header)) {
    const secret = header.slice('bearer '.length).trim();
    return secret ? { secret, via: 'bearer' } : undefined;
  }
  const cookie = request.cookies?.[cookieName];
  return cookie ? { secret: cookie, via: 'cookie' } : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a cookie request comes from the application's own origin. */
export function sameOrigin(request: FastifyRequest, publicOrigin: string): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    if (origin === publicOrigin) return true;
    const host = request.headers.host;
    if (!host) return false;
    try {
      const from = new URL(origin);
      return from.host === new URL(`${from.protocol}//${host}`).host;
    } catch {
      return false;
    }
  }
  return request.headers['sec-fetch-site'] === 'same-origin';
}

export async function authenticate(request: FastifyRequest, engine: Engine, clock: Clock, options: AuthenticationOptions): Promise<void> {
  const credentials = credentialsOf(request, options.cookieName);
  if (!credentials) throw new EsaError('UNAUTHENTICATED');
  const now = clock.now();
  const caller = await resolveSessionActor(engine, credentials.secret, now, options.idleMs);
  const session = caller?.session;
  // a token secret in a cookie, or a cookie secret as a bearer, is not what it claims to be
  if (!session || (session.kind === 'token') !== (credentials.via === 'bearer')) throw new EsaError('UNAUTHENTICATED');
  if (!SAFE_METHODS.has(request.method)) {
    if (session.kind === 'cookie' && !sameOrigin(request, options.publicOrigin)) throw new EsaError('CSRF_REFUSED');
    if (session.kind === 'token' && session.scope === 'read') throw new EsaError('TOKEN_READ_ONLY');
  }
  if (!caller?.actor) throw new EsaError('UNAUTHENTICATED'); // a disabled user
  request.actor = caller.actor;
  request.sessionId = session.sessionId;
  request.sessionKind = session.kind;
  request.tokenScope = session.scope;
  request.mustChangePassword = session.mustChangePassword;
}

export function actorOf(request: FastifyRequest): Actor & { kind: 'user' } {
  if (!request.actor) throw new EsaError('UNAUTHENTICATED');
  return request.actor;
}
