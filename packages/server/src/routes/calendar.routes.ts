import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addCalendarDay, listCalendarDays, removeCalendarDay, CalendarDayInput, formatThaiDate, EsaError } from '@esa-flow/engine';
import { actorOf } from '../http/authenticate';
import { commonErrors, Uuid } from '../http/schemas';
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

export function calendarRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = ctx.engine.deps;
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };

  r.get(
    '/api/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: 'วันหยุดพิเศษและวันปิดสำนักงาน / Special holidays and closures my office observes',
        querystring: z.object({ officeId: Uuid, year: z.coerce.number().int().min(2023).max(2035).optional() }).strict(),
        response: { 200: z.object({ items: z.array(DayView) }), ...commonErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.grants.some((g) => g.officeId === request.query.officeId)) throw new EsaError('OFFICE_NOT_FOUND', { officeId: request.query.officeId });
      const days = await listCalendarDays(deps, request.query.officeId, request.query.year);
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
        tags: ['calendar'],
        summary: 'บันทึกวันปิดสำนักงาน / Record an office closure (office admins); nationwide cabinet days are recorded by operators',
        body: CalendarDayInput,
        response: { 201: z.object({ id: z.string(), recomputedClocks: z.number(), unchanged: z.boolean() }), ...commonErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await addCalendarDay(deps, actorOf(request), request.body)),
  );

  r.delete(
    '/api/calendar/days/:id',
    {
      config: writeLimit,
      schema: {
        tags: ['calendar'],
        summary: 'ยกเลิกวันปิดสำนักงาน / Remove a closure',
        params: z.object({ id: z.string().max(30) }),
        response: { 200: z.object({ id: z.string(), recomputedClocks: z.number(), unchanged: z.boolean() }), ...commonErrors },
      },
    },
    async (request) => removeCalendarDay(deps, actorOf(request), request.params.id),
  );
}
