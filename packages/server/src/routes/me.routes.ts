import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addWorkingMinutes, inboxPage, ownAccount, OFFICE_MINUTES_PER_DAY, type InboxCursor } from '@esa-flow/engine';
import { changePassword } from '../auth/password-change';
import { actorOf } from '../http/authenticate';
import { problems, Label, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  lang: z.enum(['th', 'en']),
  person: z.object({ id: z.string(), nameTh: z.string(), nameEn: z.string().nullable() }).nullable(),
  grants: z.array(z.object({ role: z.string(), officeId: z.string(), schoolId: z.string().nullable() })),
  /** the password was set by someone else: until it is changed, only me, the password change and sign-out answer */
  mustChangePassword: z.boolean(),
  /** the password policy's minimum length (PASSWORD_MIN_LENGTH), for the password form */
  passwordMinLength: z.number().int(),
});

const InboxItem = z.object({
  caseId: z.string(),
  title: z.string(),
  workflowId: z.string(),
  step: z.string(),
  stepLabel: Label.nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** due within one working day of office time */
  atRisk: z.boolean(),
});

/** A page's `next`: the last item's place in the order, as one opaque URL-safe string. */
function encodeCursor(c: InboxCursor): string {
  return Buffer.from(JSON.stringify([c.dueAt?.toISOString() ?? null, c.caseId, c.step])).toString('base64url');
}

/** `after`: a `next` this API gave out (400 INVALID_PAYLOAD otherwise). */
const InboxAfter = z
  .string()
  .max(400)
  .transform((s, ctx): InboxCursor => {
    try {
      const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
      if (
        Array.isArray(v) &&
        v.length === 3 &&
        (v[0] === null || typeof v[0] === 'string') &&
        typeof v[1] === 'string' &&
        typeof v[2] === 'string'
      ) {
        const dueAt = v[0] === null ? null : new Date(v[0]);
        if ((dueAt === null || !Number.isNaN(dueAt.getTime())) && Uuid.safeParse(v[1]).success) return { dueAt, caseId: v[1], step: v[2] };
      }
    } catch {
      // not JSON: falls through
    }
    ctx.addIssue({ code: 'custom', message: 'ไม่ใช่ตำแหน่งหน้าถัดไปที่ระบบให้ / not a `next` this API gave' });
    return z.NEVER;
  });

export function meRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;
  const { clock } = engine;

  r.get(
    '/api/me',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['me'], operationId: 'getMe', summary: 'ข้อมูลของฉัน / Me', response: { 200: MeSchema, ...problems() } },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await ownAccount(engine, actor.id);
      return {
        id: user.id,
        username: user.username,
        lang: user.lang,
        person: user.person,
        grants: actor.grants.map((g) => ({ role: g.role, officeId: g.officeId, schoolId: g.schoolId })),
        mustChangePassword: user.mustChangePassword,
        passwordMinLength: ctx.config.PASSWORD_MIN_LENGTH,
      };
    },
  );

  r.post(
    '/api/me/password',
    {
      config: { beforePasswordChange: true, rateLimit: { max: ctx.config.RATE_LIMIT_SIGN_IN_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        operationId: 'changeMyPassword',
        tags: ['me'],
        summary: 'เปลี่ยนรหัสผ่านของฉัน / Change my password (other sessions and tokens are revoked; this one stays)',
        body: z.object({ currentPassword: z.string().min(1).max(500), newPassword: z.string().min(1).max(500) }).strict(),
        response: { 200: z.object({ revokedSessions: z.number().int() }), ...problems('CURRENT_PASSWORD_WRONG', 'PASSWORD_POLICY_UNMET') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return changePassword(engine, ctx.config, { userId: actor.id, sessionId: request.sessionId, ...request.body }, clock.now());
    },
  );

  r.get(
    '/api/inbox',
    {
      schema: {
        operationId: 'getInbox',
        tags: ['me'],
        summary:
          'งานของฉัน / My inbox: cases awaiting my action, soonest due first, a page at a time (`next` → `after`); counts over all of it',
        querystring: z
          .object({
            limit: z.coerce.number().int().min(1).max(2000).default(50),
            offset: z.coerce.number().int().min(0).default(0),
            /** the `next` of the previous page: the page after it */
            after: InboxAfter.optional(),
            /** overdue: due before now; atRisk: due within one working day (not overdue) */
            filter: z.enum(['all', 'overdue', 'atRisk']).default('all'),
            /** only the items whose title or step name contains this (ignoring case) */
            q: z.string().max(200).optional(),
          })
          .strict(),
        response: {
          200: z.object({
            total: z.number(),
            overdue: z.number(),
            atRisk: z.number(),
            /** the items of the filter that match `q`, over every page */
            matched: z.number(),
            items: z.array(InboxItem),
            /** where the next page starts (send it as `after`); null on the last page */
            next: z.string().nullable(),
            now: z.string(),
          }),
          ...problems(),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = clock.now();
      const { limit, offset, after, filter, q } = request.query;
      const page = await inboxPage(ctx.engine, {
        userId: actor.id,
        // the grants the session has just read (valid now): not read again
        actor,
        now,
        limit,
        offset,
        after,
        filter,
        search: q,
        // at risk: due within one working day of office time — before the first moment a minute past it
        // (calendar/office-time.ts); the office's calendar as this process holds it, its revision checked by the page's statement
        atRiskBefore: {
          officeId: actor.grants[0]?.officeId ?? null,
          from: (calendar) => addWorkingMinutes(now, OFFICE_MINUTES_PER_DAY + 1 / 60_000, calendar),
        },
      });
      const { atRiskBefore } = page;
      return {
        total: page.total,
        overdue: page.overdue,
        atRisk: page.atRisk,
        matched: page.matched,
        items: page.items.map((i) => ({
          caseId: i.caseId,
          title: i.title,
          workflowId: i.workflowId,
          step: i.step,
          stepLabel: i.stepLabel,
          dueAt: i.dueAt?.toISOString() ?? null,
          overdue: i.overdue,
          atRisk: !i.overdue && i.dueAt !== null && i.dueAt.getTime() < atRiskBefore.getTime(),
        })),
        next: page.next === null ? null : encodeCursor(page.next),
        now: now.toISOString(),
      };
    },
  );
}
