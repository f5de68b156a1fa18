import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addCalendarDay,
  changeDeadlinePolicy,
  deadlinePolicyOf,
  listCalendarDays,
  removeCalendarDay,
  CalendarDayInput,
  DAY_COUNTS,
  formatThaiDate,
  formatThaiTime,
  EsaError,
  type DeadlinePolicyVersion,
  type OfficeDeadlinePolicy,
} from '@esa-flow/engine';
import { actorOf } from '../http/authenticate';
import { problems, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

const DayView = z.object({
  id: z.string(),
  date: z.string(),
  dateTh: z.string(),
  kind: z.enum(['special', 'office_closure']),
  officeId: z.string().nullable(),
  nameTh: z.string(),
  nameEn: z.string(),
  source: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

const DAY_COUNT_LABEL = {
  calendar_days: { th: 'นับวันตามปฏิทิน', en: 'Calendar days' },
  working_days: { th: 'นับเฉพาะวันทำการ', en: 'Working days' },
} as const;

const PolicyVersionView = z.object({
  version: z.number().int().describe('0: the default (the office never set one)'),
  dayCount: z.enum(['calendar_days', 'working_days']),
  dayCountTh: z.string(),
  dayCountEn: z.string(),
  effectiveFrom: z.string().nullable().describe('ISO instant from which clocks opened use it; null for the default'),
  effectiveFromTh: z.string().nullable().describe('"5 ธ.ค. 2569 10.00 น."'),
  reason: z.string().nullable(),
  changedAt: z.string().nullable(),
  changedAtTh: z.string().nullable(),
  changedByName: z.string().nullable(),
});
const PolicyView = z.object({
  officeId: z.string(),
  current: PolicyVersionView.describe('in force now'),
  scheduled: z.array(PolicyVersionView).describe('set to take effect later, earliest first'),
  history: z.array(PolicyVersionView).describe('every version, newest first'),
});
const thaiMoment = (d: Date | null) => (d ? `${formatThaiDate(d, 'th')} ${formatThaiTime(d, 'th')}` : null);
const versionOut = (v: DeadlinePolicyVersion): z.infer<typeof PolicyVersionView> => ({
  version: v.version,
  dayCount: v.dayCount,
  dayCountTh: DAY_COUNT_LABEL[v.dayCount].th,
  dayCountEn: DAY_COUNT_LABEL[v.dayCount].en,
  effectiveFrom: v.effectiveFrom?.toISOString() ?? null,
  effectiveFromTh: thaiMoment(v.effectiveFrom),
  reason: v.reason,
  changedAt: v.changedAt?.toISOString() ?? null,
  changedAtTh: thaiMoment(v.changedAt),
  changedByName: v.changedByName,
});
const policyOut = (p: OfficeDeadlinePolicy): z.infer<typeof PolicyView> => ({
  officeId: p.officeId,
  current: versionOut(p.current),
  scheduled: p.scheduled.map(versionOut),
  history: p.history.map(versionOut),
});

export function calendarRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };

  r.get(
    '/api/calendar/days',
    {
      schema: {
        operationId: 'listCalendarDays',
        tags: ['calendar'],
        summary: 'วันหยุดพิเศษและวันปิดสำนักงาน / Special holidays and closures my office observes',
        querystring: z.object({ officeId: Uuid, year: z.coerce.number().int().min(2023).max(2035).optional() }).strict(),
        response: { 200: z.object({ items: z.array(DayView) }), ...problems('OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.grants.some((g) => g.officeId === request.query.officeId))
        throw new EsaError('OFFICE_NOT_FOUND', { officeId: request.query.officeId });
      const days = await listCalendarDays(engine, request.query.officeId, request.query.year);
      return {
        items: days.map((d) => ({ ...d, dateTh: formatThaiDate(d.date, 'th'), createdAt: d.createdAt.toISOString() })),
      };
    },
  );

  r.post(
    '/api/calendar/days',
    {
      config: writeLimit,
      schema: {
        operationId: 'addCalendarDay',
        tags: ['calendar'],
        summary: 'บันทึกวันปิดสำนักงาน / Record an office closure (office admins); nationwide cabinet days are recorded by operators',
        body: CalendarDayInput,
        response: { 201: z.object({ id: z.string(), recomputedClocks: z.number(), unchanged: z.boolean() }), ...problems('FORBIDDEN') },
      },
    },
    async (request, reply) => reply.status(201).send(await addCalendarDay(engine, actorOf(request), request.body)),
  );

  r.delete(
    '/api/calendar/days/:id',
    {
      config: writeLimit,
      schema: {
        operationId: 'removeCalendarDay',
        tags: ['calendar'],
        summary: 'ยกเลิกวันปิดสำนักงาน / Remove a closure',
        params: z.object({ id: z.string().max(30) }),
        response: {
          200: z.object({ id: z.string(), recomputedClocks: z.number(), unchanged: z.boolean() }),
          ...problems('CALENDAR_DAY_NOT_FOUND', 'FORBIDDEN'),
        },
      },
    },
    async (request) => removeCalendarDay(engine, actorOf(request), request.params.id),
  );

  r.get(
    '/api/offices/:officeId/deadline-policy',
    {
      schema: {
        tags: ['calendar'],
        operationId: 'getDeadlinePolicy',
        summary:
          'นโยบายการนับวันของสำนักงาน / How the office counts the “วัน” its SOP sources leave open: calendar or working days, with its history',
        description:
          'The SOP steps whose sources say only "วัน" (deadline kind `office_days`) count as the version in force when each clock opens. Until an admin sets one: calendar days (the sources’ reading). Every user of the office may read it.',
        params: z.object({ officeId: Uuid }).strict(),
        response: { 200: PolicyView, ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.grants.some((g) => g.officeId === request.params.officeId))
        throw new EsaError('OFFICE_NOT_FOUND', { officeId: request.params.officeId });
      return policyOut(await deadlinePolicyOf(engine, request.params.officeId, engine.clock.now()));
    },
  );

  r.put(
    '/api/offices/:officeId/deadline-policy',
    {
      config: writeLimit,
      schema: {
        tags: ['calendar'],
        operationId: 'changeDeadlinePolicy',
        summary: 'ตั้งนโยบายการนับวัน / Set the office’s day count (its admins; safe to retry)',
        description:
          'A new version, in force from `effectiveFrom` (now when left out; never in the past). Clocks already open keep what they read. Sending the latest version again changes nothing.',
        params: z.object({ officeId: Uuid }).strict(),
        body: z
          .object({
            dayCount: z.enum(DAY_COUNTS as ['calendar_days', 'working_days']),
            effectiveFrom: z.iso.datetime({ offset: true }).optional(),
            reason: z.string().trim().min(1).max(500),
          })
          .strict(),
        response: { 200: PolicyView.extend({ changed: z.boolean() }), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.grants.some((g) => g.officeId === request.params.officeId))
        throw new EsaError('OFFICE_NOT_FOUND', { officeId: request.params.officeId });
      const { policy, changed } = await changeDeadlinePolicy(engine, {
        actor,
        officeId: request.params.officeId,
        dayCount: request.body.dayCount,
        ...(request.body.effectiveFrom ? { effectiveFrom: new Date(request.body.effectiveFrom) } : {}),
        reason: request.body.reason,
        now: engine.clock.now(),
      });
      return { ...policyOut(policy), changed };
    },
  );
}
