/**
 * Bearer tokens for integrations (docs/api.md "Tokens"): issued only to a
 * user signed in with their password (the cookie session, never another
 * token), named, scoped (`read`: GET/HEAD only; `full`), with an expiry the
 * user chooses (90 days by default, TOKEN_MAX_DAYS at most), at most
 * RATE_LIMIT_TOKENS_PER_HOUR an hour. Their owner lists and revokes them
 * under /api/me/tokens; an office admin does so for the users of the office.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createSession, EsaError, listTokens, revokeToken, takeRateLimit } from '@esa-flow/engine';
import { loadOfficeUser } from '../admin/office-users';
import { actorOf } from '../http/authenticate';
import { assertOfficeRole } from '../http/office-scope';
import { problems, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

export const DEFAULT_TOKEN_DAYS = 90;

const TokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['read', 'full']),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export function tokenRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;
  const { clock } = engine;
  const maxDays = ctx.config.TOKEN_MAX_DAYS;

  r.post(
    '/api/auth/tokens',
    {
      schema: {
        operationId: 'createApiToken',
        tags: ['auth'],
        summary: `ออกโทเคนสำหรับระบบเชื่อมต่อ / Issue a bearer token for an integration (signed in with a password, not with a token; scope read = GET/HEAD only; ${DEFAULT_TOKEN_DAYS} days unless chosen, at most TOKEN_MAX_DAYS)`,
        body: z
          .object({
            name: z.string().trim().min(1).max(100),
            scope: z.enum(['read', 'full']).default('read'),
            expiresInDays: z.number().int().min(1).max(maxDays).optional(),
          })
          .strict(),
        response: {
          201: TokenSchema.extend({ token: z.string().describe('shown once: only its hash is stored') }),
          ...problems('TOKEN_NEEDS_SIGN_IN', 'RATE_LIMITED'),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.sessionKind !== 'cookie') throw new EsaError('TOKEN_NEEDS_SIGN_IN');
      const now = clock.now();
      if (!(await takeRateLimit(engine, `tokens:user:${actor.id}`, ctx.config.RATE_LIMIT_TOKENS_PER_HOUR, 3_600_000, now)))
        throw new EsaError('RATE_LIMITED');
      const days = request.body.expiresInDays ?? Math.min(DEFAULT_TOKEN_DAYS, maxDays);
      const s = await createSession(engine, {
        userId: actor.id,
        kind: 'token',
        now,
        ttlMs: days * 86_400_000,
        name: request.body.name,
        scope: request.body.scope,
      });
      return reply.status(201).send({
        id: s.sessionId,
        token: s.secret,
        name: request.body.name,
        scope: request.body.scope,
        createdAt: now.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        lastUsedAt: null,
      });
    },
  );

  r.get(
    '/api/me/tokens',
    {
      schema: {
        tags: ['me'],
        operationId: 'listMyApiTokens',
        summary: 'โทเคนของฉัน / My live tokens (never the secret)',
        response: { 200: z.object({ items: z.array(TokenSchema) }), ...problems() },
      },
    },
    async (request) => ({ items: await listTokens(engine, actorOf(request).id, clock.now()) }),
  );

  r.delete(
    '/api/me/tokens/:tokenId',
    {
      schema: {
        tags: ['me'],
        operationId: 'revokeMyApiToken',
        summary: 'ยกเลิกโทเคนของฉัน / Revoke one of my tokens',
        params: z.object({ tokenId: Uuid }),
        response: { 204: z.null(), ...problems('TOKEN_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      if (!(await revokeToken(engine, actorOf(request).id, request.params.tokenId, clock.now()))) throw new EsaError('TOKEN_NOT_FOUND');
      return reply.status(204).send(null);
    },
  );

  const UserParams = z.object({ officeId: Uuid, userId: Uuid });
  r.get(
    '/api/offices/:officeId/users/:userId/tokens',
    {
      schema: {
        operationId: 'listUserApiTokens',
        tags: ['admin'],
        summary: 'โทเคนของผู้ใช้ในสำนักงาน / A user’s live tokens (office admin)',
        params: UserParams,
        response: { 200: z.object({ items: z.array(TokenSchema) }), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND', 'ROUTE_NOT_FOUND') },
      },
    },
    async (request) => {
      assertOfficeRole(actorOf(request), request.params.officeId, ['admin'], 'list_tokens');
      const user = await loadOfficeUser(engine, request.params.officeId, request.params.userId);
      return { items: await listTokens(engine, user.id, clock.now()) };
    },
  );

  r.delete(
    '/api/offices/:officeId/users/:userId/tokens/:tokenId',
    {
      config: { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        operationId: 'revokeUserApiToken',
        tags: ['admin'],
        summary: 'ยกเลิกโทเคนของผู้ใช้ในสำนักงาน / Revoke a user’s token (office admin)',
        params: UserParams.extend({ tokenId: Uuid }),
        response: { 204: z.null(), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      assertOfficeRole(actorOf(request), request.params.officeId, ['admin'], 'revoke_token');
      const user = await loadOfficeUser(engine, request.params.officeId, request.params.userId);
      if (!(await revokeToken(engine, user.id, request.params.tokenId, clock.now()))) throw new EsaError('TOKEN_NOT_FOUND');
      return reply.status(204).send(null);
    },
  );
}
