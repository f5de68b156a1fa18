import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCapturedMail } from '@esa-flow/worker';
import { actorOf } from '../http/authenticate';
import { problems } from '../http/schemas';
import type { RouteContext } from './route-context';

/** Embedded mode: mail captured instead of sent, readable by the user it was for. */
export function mailboxRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;
  r.get(
    '/api/mailbox',
    {
      schema: {
        operationId: 'listCapturedMail',
        tags: ['me'],
        summary: 'กล่องจดหมาย (โหมดในเครื่อง) / My captured mail (embedded mode)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }).strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                to: z.string(),
                subject: z.string(),
                text: z.string(),
                html: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
          }),
          ...problems(),
        },
      },
    },
    async (request) => {
      // the mail of my own notifications (their recipient user), never by address: addresses are not unique
      const mail = await listCapturedMail(engine, { recipientUserId: actorOf(request).id, limit: request.query.limit ?? 50 });
      return {
        items: mail.map((m) => ({
          id: String(m.id),
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html ?? null,
          createdAt: new Date(m.createdAt).toISOString(),
        })),
      };
    },
  );
}
