/**
 * Office administration: an office's admins manage the users and role
 * assignments of THAT office only (docs/api.md). Deny by default: only an
 * office-wide `admin` grant counts (403 otherwise); another office, and any
 * user, person, school or assignment of it, is 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EsaError, listOfficeUsers, officeSchools, ROLES, setUserDisabled } from '@esa-flow/engine';
import { PEOPLE_SEARCH_LIMIT, searchOfficeDirectory, searchOfficePeople } from '../admin/office-people';
import { createOfficeUser, grantRole, loadOfficeUser, revokeRole, setUserPassword } from '../admin/office-users';
import { actorOf } from '../http/authenticate';
import { assertOfficeRole, assertOfficeVisible } from '../http/office-scope';
import { problems, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

const TAGS = ['admin'];

/** Initial passwords: long enough to resist guessing; the user should change it at first sign-in. */
const Password = z.string().min(12, 'at least 12 characters').max(200);

const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  preferredLang: z.string(),
  disabledAt: z.string().nullable(),
  hasPassword: z.boolean().describe('false: the staff import created the account; nobody signs in until an admin sets a password'),
  person: z.object({ id: z.string(), nameTh: z.string(), schoolId: z.string().nullable(), position: z.string().nullable() }),
  grants: z.array(
    z.object({
      id: z.string(),
      role: z.string(),
      schoolId: z.string().nullable(),
      validFrom: z.string(),
      validUntil: z.string().nullable(),
      active: z.boolean(),
      actingFor: z.boolean(),
    }),
  ),
});

export function adminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;
  const { clock } = engine;
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };
  const OfficeParams = z.object({ officeId: Uuid });
  const UserParams = OfficeParams.extend({ userId: Uuid });

  /** The caller is an admin of the office (else 404/403), and, when given, the user is of that office (else 404). */
  const guard = async (request: { params: { officeId: string; userId?: string } }, caller: ReturnType<typeof actorOf>, action: string) => {
    assertOfficeRole(caller, request.params.officeId, ['admin'], action);
    return request.params.userId !== undefined ? loadOfficeUser(engine, request.params.officeId, request.params.userId) : null;
  };

  r.get(
    '/api/offices/:officeId/schools',
    {
      schema: {
        operationId: 'listSchools',
        tags: TAGS,
        summary: 'โรงเรียนในสังกัด / Schools of my office (anyone holding a role in it)',
        params: OfficeParams,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), code: z.string(), nameTh: z.string(), nameEn: z.string().nullable() })),
          }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      assertOfficeVisible(actorOf(request), request.params.officeId);
      return { items: await officeSchools(engine, request.params.officeId) };
    },
  );

  r.get(
    '/api/offices/:officeId/directory/people',
    {
      schema: {
        operationId: 'searchOfficeDirectory',
        tags: TAGS,
        summary:
          "ค้นหาบุคลากรของสำนักงานเขตด้วยชื่อ (ช่องเลือกบุคคลในแบบฟอร์ม) / Find people of my office by name, for the forms' person pickers (anyone holding a role in the office)",
        description: `At most ${PEOPLE_SEARCH_LIMIT} people by name (Thai or English, any part); \`more\` tells there are others. Neither searched by nor showing citizen ids. \`userId\`: the person's enabled account, if any.`,
        params: OfficeParams,
        querystring: z.object({ q: z.string().trim().min(1).max(100) }).strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                nameTh: z.string(),
                nameEn: z.string().nullable(),
                position: z.string().nullable(),
                school: z.object({ id: z.string(), nameTh: z.string(), nameEn: z.string().nullable() }).nullable(),
                userId: z.string().nullable(),
              }),
            ),
            more: z.boolean(),
          }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      assertOfficeVisible(actorOf(request), request.params.officeId);
      return searchOfficeDirectory(engine, request.params.officeId, request.query.q);
    },
  );

  r.get(
    '/api/offices/:officeId/people',
    {
      schema: {
        operationId: 'listOfficePeople',
        tags: TAGS,
        summary:
          'ค้นหาบุคลากรของสำนักงานเขตด้วยชื่อหรือเลขประจำตัวประชาชน / Find people of my office by name (Thai or English, any part) or citizen id (whole or its first digits) (office admins)',
        description: `At most ${PEOPLE_SEARCH_LIMIT} people (\`more\` tells there are others: type more), with their school and their user account, if any.`,
        params: OfficeParams,
        querystring: z.object({ q: z.string().trim().min(1).max(100) }).strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                nameTh: z.string(),
                nameEn: z.string().nullable(),
                citizenId: z.string().nullable(),
                position: z.string().nullable(),
                school: z.object({ id: z.string(), nameTh: z.string(), nameEn: z.string().nullable() }).nullable(),
                user: z.object({ id: z.string(), username: z.string(), disabled: z.boolean() }).nullable(),
              }),
            ),
            more: z.boolean(),
          }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      await guard(request, actorOf(request), 'admin.people.search');
      return searchOfficePeople(engine, request.params.officeId, request.query.q);
    },
  );

  r.get(
    '/api/offices/:officeId/users',
    {
      schema: {
        operationId: 'listOfficeUsers',
        tags: TAGS,
        summary: 'ผู้ใช้ของสำนักงานเขต / Users of my office with their roles (office admins)',
        params: OfficeParams,
        querystring: z
          .object({ q: z.string().trim().min(1).max(100).optional(), includeDisabled: z.enum(['true', 'false']).default('true') })
          .strict(),
        response: { 200: z.object({ items: z.array(UserSchema) }), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      await guard(request, actorOf(request), 'admin.users.list');
      const items = await listOfficeUsers(engine, request.params.officeId, clock.now(), {
        ...(request.query.q ? { q: request.query.q } : {}),
        includeDisabled: request.query.includeDisabled === 'true',
      });
      return { items };
    },
  );

  r.post(
    '/api/offices/:officeId/users',
    {
      config: writeLimit,
      schema: {
        operationId: 'createOfficeUser',
        tags: TAGS,
        summary: 'สร้างบัญชีผู้ใช้ให้บุคลากรของสำนักงานเขต / Create a user for a person of my office, with an initial password (office admins)',
        params: OfficeParams,
        body: z
          .object({
            personId: Uuid,
            username: z
              .string()
              .trim()
              .min(3)
              .max(100)
              .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ -'),
            password: Password,
            email: z.email().max(300).nullable().optional(),
            preferredLang: z.enum(['th', 'en']).optional(),
          })
          .strict(),
        response: { 201: z.object({ userId: z.string() }), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND', 'ROUTE_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      await guard(request, actorOf(request), 'admin.users.create');
      return reply.status(201).send(await createOfficeUser(engine, request.params.officeId, request.body));
    },
  );

  for (const [path, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(
      `/api/offices/:officeId/users/:userId/${path}`,
      {
        config: writeLimit,
        schema: {
          tags: TAGS,
          operationId: disabled ? 'disableOfficeUser' : 'enableOfficeUser',
          summary: disabled
            ? 'ระงับบัญชีผู้ใช้ (ออกจากระบบทุกอุปกรณ์) / Disable a user of my office; their sessions and tokens are revoked (office admins)'
            : 'เปิดใช้บัญชีผู้ใช้อีกครั้ง / Enable a disabled user of my office again (office admins)',
          params: UserParams,
          response: {
            200: z.object({ userId: z.string(), disabledAt: z.string().nullable() }),
            ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND', 'ROUTE_NOT_FOUND'),
          },
        },
      },
      async (request) => {
        const caller = actorOf(request);
        const user = (await guard(request, caller, `admin.users.${path}`))!;
        if (disabled && user.id === caller.id) throw new EsaError('FORBIDDEN', { action: 'admin.users.disable', reason: 'self' });
        const { disabledAt } = await setUserDisabled(engine, user.id, disabled, clock.now());
        return { userId: user.id, disabledAt: disabledAt?.toISOString() ?? null };
      },
    );
  }

  r.post(
    '/api/offices/:officeId/users/:userId/password',
    {
      config: writeLimit,
      schema: {
        operationId: 'resetOfficeUserPassword',
        tags: TAGS,
        summary:
          'ตั้งรหัสผ่านใหม่ให้ผู้ใช้ (บัญชีที่นำเข้ายังไม่มีรหัสผ่าน) / Set a user’s password: accounts the staff import creates have none; their sessions and tokens are revoked (office admins)',
        params: UserParams,
        body: z.object({ password: Password }).strict(),
        response: { 200: z.object({ userId: z.string() }), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND', 'ROUTE_NOT_FOUND') },
      },
    },
    async (request) => {
      const user = (await guard(request, actorOf(request), 'admin.users.password'))!;
      await setUserPassword(engine, user.id, request.body.password, clock.now());
      return { userId: user.id };
    },
  );

  r.post(
    '/api/offices/:officeId/users/:userId/roles',
    {
      config: writeLimit,
      schema: {
        operationId: 'grantRole',
        tags: TAGS,
        summary: 'มอบบทบาทในสำนักงานเขตหรือโรงเรียนในสังกัด / Grant a role for my office, or for one of its schools (office admins)',
        params: UserParams,
        body: z
          .object({
            role: z.enum(ROLES),
            schoolId: Uuid.nullable().default(null),
            validFrom: z.iso.datetime({ offset: true }).optional(),
            validUntil: z.iso.datetime({ offset: true }).nullable().optional(),
            /** held while acting for the holder of the position (รักษาราชการแทน): history marks what is done under it */
            actingFor: z.boolean().default(false),
          })
          .strict(),
        response: {
          201: z.object({ assignmentId: z.string() }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND', 'ROLE_NEEDS_SCHOOL', 'ROLE_TAKES_NO_SCHOOL', 'ROUTE_NOT_FOUND'),
        },
      },
    },
    async (request, reply) => {
      const user = (await guard(request, actorOf(request), 'admin.roles.grant'))!;
      const b = request.body;
      const validFrom = b.validFrom ? new Date(b.validFrom) : clock.now();
      const validUntil = b.validUntil ? new Date(b.validUntil) : null;
      if (validUntil !== null && validUntil <= validFrom) {
        throw new EsaError('INVALID_PAYLOAD', {
          issues: [{ path: 'validUntil', code: 'too_small', message: 'validUntil must be after validFrom' }],
        });
      }
      return reply.status(201).send(
        await grantRole(engine, request.params.officeId, user.id, {
          role: b.role,
          schoolId: b.schoolId,
          validFrom,
          validUntil,
          actingFor: b.actingFor,
        }),
      );
    },
  );

  r.delete(
    '/api/offices/:officeId/users/:userId/roles/:assignmentId',
    {
      config: writeLimit,
      schema: {
        operationId: 'revokeRole',
        tags: TAGS,
        summary: 'เพิกถอนบทบาท (สิ้นสุดทันที เก็บประวัติไว้) / Revoke a role now; the assignment stays on record with its end (office admins)',
        params: UserParams.extend({ assignmentId: Uuid }),
        response: {
          200: z.object({ assignmentId: z.string(), validUntil: z.string() }),
          ...problems('FORBIDDEN', 'LAST_ADMIN_GRANT', 'OFFICE_NOT_FOUND', 'ROUTE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const caller = actorOf(request);
      const user = (await guard(request, caller, 'admin.roles.revoke'))!;
      const { validUntil } = await revokeRole(engine, request.params.officeId, user.id, request.params.assignmentId, clock.now());
      return { assignmentId: request.params.assignmentId, validUntil: validUntil.toISOString() };
    },
  );
}
