import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSession, listDemoAccounts, revokeCookieSession, revokeSession } from '@esa-flow/engine';
import { DEMO_PASSWORD } from '../auth/demo-accounts';
import { signIn } from '../auth/sign-in';
import { actorOf, sessionCookieName } from '../http/authenticate';
import { Label, problems } from '../http/schemas';
import type { RouteContext } from './route-context';

const DemoAccountsSchema = z.object({
  /** the password every demo sign-in shares; null outside demo mode */
  passwordHint: z.string().nullable(),
  accounts: z.array(
    z.object({
      username: z.string(),
      role: z.string().nullable(),
      roleLabel: Label.nullable(),
      nameTh: z.string().nullable(),
      nameEn: z.string().nullable(),
    }),
  ),
});

export function authRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;
  const { clock } = engine;
  const cookieName = sessionCookieName(ctx.config.COOKIE_SECURE);

  r.post(
    '/api/auth/sign-in',
    {
      // rate limits per client address and per username are in PostgreSQL (auth/sign-in.ts), shared by every process
      config: { public: true },
      schema: {
        operationId: 'signIn',
        tags: ['auth'],
        summary:
          'เข้าสู่ระบบ / Sign in (sets an HTTP-only session cookie). A wrong password, an unknown or disabled user and a source backing off all answer 401 SIGN_IN_FAILED',
        body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(500) }).strict(),
        response: {
          200: z.object({ userId: z.string(), expiresAt: z.string(), mustChangePassword: z.boolean() }),
          ...problems('SIGN_IN_FAILED', 'RATE_LIMITED'),
        },
      },
    },
    async (request, reply) => {
      const now = clock.now();
      const { userId, mustChangePassword } = await signIn(
        engine,
        ctx.config,
        { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        now,
      );
      // the session cookie this browser had before, if any, ends: one browser, one session
      const previous = request.cookies?.[cookieName];
      if (previous) await revokeCookieSession(engine, previous, now);
      const s = await createSession(engine, { userId, kind: 'cookie', now, ttlMs: ctx.config.SESSION_TTL_HOURS * 3_600_000 });
      reply.setCookie(cookieName, s.secret, {
        httpOnly: true,
        secure: ctx.config.COOKIE_SECURE,
        sameSite: 'strict',
        path: '/',
        // relative, so a browser whose clock differs from the server's keeps it as long as the server does
        maxAge: Math.floor((s.expiresAt.getTime() - now.getTime()) / 1000),
      });
      return { userId, expiresAt: s.expiresAt.toISOString(), mustChangePassword };
    },
  );

  r.post(
    '/api/auth/sign-out',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['auth'], operationId: 'signOut', summary: 'ออกจากระบบ / Sign out', response: { 204: z.null(), ...problems() } },
    },
    async (request, reply) => {
      actorOf(request);
      if (request.sessionId) await revokeSession(engine, request.sessionId, clock.now());
      reply.clearCookie(cookieName, { path: '/', secure: ctx.config.COOKIE_SECURE, httpOnly: true, sameSite: 'strict' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/demo-accounts',
    {
      config: { public: true },
      schema: {
        operationId: 'listDemoAccounts',
        tags: ['auth'],
        summary: 'บัญชีสาธิต / The demo sign-ins, for the sign-in page (empty unless the server runs in demo mode, ESA_FLOW_DEMO=1)',
        querystring: z.object({}).strict(),
        response: { 200: DemoAccountsSchema, ...problems() },
      },
    },
    async () =>
      ctx.config.DEMO
        ? { passwordHint: DEMO_PASSWORD, accounts: await listDemoAccounts(engine, clock.now()) }
        : { passwordHint: null, accounts: [] },
  );
}
