/**
 * The office's document-number registers (docs/document-numbers.md):
 * list a register's numbers for a year, give a number by hand (an outgoing
 * letter, an announcement), and cancel one. Numbers that documents of a case
 * need (a transfer order) are given by the document's own route through the
 * same engine function, so both share one counter.
 *
 * Who: the office's HR officers, group and area directors and admins read
 * and give numbers; auditors read. Another office is 404; a role that is
 * not enough is 403.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  beYearOf,
  cancelDocumentNumber,
  DOCUMENT_REGISTER_LABELS,
  DOCUMENT_REGISTERS,
  formatDocumentNumber,
  formatThaiDate,
  formatThaiTime,
  issueDocumentNumber,
  listDocumentNumbers,
  type IssuedNumber,
  type Role,
} from '@esa-flow/engine';
import { actorOf } from '../http/authenticate';
import { assertOfficeRole, officesWithRole } from '../http/office-scope';
import { problems, IdempotencyHeaders, Label, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

const TAGS = ['documents'];
const READERS: readonly Role[] = ['hr_officer', 'group_director', 'area_director', 'admin', 'auditor'];
const ISSUERS: readonly Role[] = ['hr_officer', 'group_director', 'area_director', 'admin'];

const RegisterParam = z.enum(DOCUMENT_REGISTERS);

const NumberView = z.object({
  id: z.string(),
  register: RegisterParam,
  registerLabel: Label,
  number: z.number().int(),
  beYear: z.number().int(),
  text: z.string().describe('as printed: "12/2569"'),
  textThai: z.string().describe('with Thai digits: "๑๒/๒๕๖๙"'),
  title: z.string(),
  caseId: z.string().nullable(),
  issuedAt: z.string(),
  issuedAtTh: z.string().describe('"2 มี.ค. 2569 10.00 น."'),
  issuedByName: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelledAtTh: z.string().nullable(),
  cancelledByName: z.string().nullable(),
  cancelReason: z.string().nullable(),
});

const thaiMoment = (d: Date) => `${formatThaiDate(d, 'th')} ${formatThaiTime(d, 'th')}`;

function view(n: IssuedNumber & { issuedByName?: string | null; cancelledByName?: string | null }): z.infer<typeof NumberView> {
  return {
    id: n.id,
    register: n.register,
    registerLabel: DOCUMENT_REGISTER_LABELS[n.register],
    number: n.number,
    beYear: n.beYear,
    text: formatDocumentNumber(n),
    textThai: formatDocumentNumber(n, { thaiDigits: true }),
    title: n.title,
    caseId: n.caseId,
    issuedAt: n.issuedAt.toISOString(),
    issuedAtTh: thaiMoment(n.issuedAt),
    issuedByName: n.issuedByName ?? null,
    cancelledAt: n.cancelledAt?.toISOString() ?? null,
    cancelledAtTh: n.cancelledAt ? thaiMoment(n.cancelledAt) : null,
    cancelledByName: n.cancelledByName ?? null,
    cancelReason: n.cancelReason,
  };
}

export function registerRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;
  const { clock } = engine;
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };

  r.get(
    '/api/offices/:officeId/registers/:register',
    {
      schema: {
        tags: TAGS,
        operationId: 'listDocumentNumbers',
        summary: 'ทะเบียนเลขที่หนังสือ / A register’s numbers for a Buddhist-era year, newest first',
        params: z.object({ officeId: Uuid, register: RegisterParam }).strict(),
        querystring: z.object({ beYear: z.coerce.number().int().min(2500).max(2600).optional() }).strict(),
        response: {
          200: z.object({ beYear: z.number().int(), registerLabel: Label, items: z.array(NumberView) }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { officeId, register } = request.params;
      assertOfficeRole(actor, officeId, READERS, 'read_register');
      const beYear = request.query.beYear ?? beYearOf(clock.now());
      const items = await listDocumentNumbers(engine, { officeId, register, beYear });
      return { beYear, registerLabel: DOCUMENT_REGISTER_LABELS[register], items: items.map(view) };
    },
  );

  r.post(
    '/api/offices/:officeId/registers/:register',
    {
      config: writeLimit,
      schema: {
        tags: TAGS,
        operationId: 'issueDocumentNumber',
        summary: 'ออกเลขที่หนังสือ / Give the next number of a register (an outgoing letter, an announcement)',
        description:
          'The next number of the register for the current Buddhist-era year (Asia/Bangkok). Retrying with the same `Idempotency-Key` returns the same number. Orders of a case take their number from the case’s document route instead.',
        params: z.object({ officeId: Uuid, register: RegisterParam }).strict(),
        headers: IdempotencyHeaders,
        body: z.object({ title: z.string().trim().min(1).max(500).describe('เรื่อง: what the number is given for') }).strict(),
        response: { 201: NumberView, ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { officeId, register } = request.params;
      assertOfficeRole(actor, officeId, ISSUERS, 'issue_document_number');
      const key = request.headers['idempotency-key'];
      const issued = await issueDocumentNumber(engine, {
        officeId,
        register,
        // one live number per key: a retried request gets the number it already has
        subjectKey: key ? `manual:${actor.id}:${key}` : `manual:${actor.id}:${crypto.randomUUID()}`,
        title: request.body.title,
        issuedBy: actor.id,
        issuedAt: clock.now(),
      });
      const [named] = await listDocumentNumbers(engine, { officeId, register, beYear: issued.beYear, id: issued.id });
      return reply.status(201).send(view(named ?? issued));
    },
  );

  r.post(
    '/api/registers/numbers/:id/cancel',
    {
      config: writeLimit,
      schema: {
        tags: TAGS,
        operationId: 'cancelDocumentNumber',
        summary: 'ยกเลิกเลขที่หนังสือ / Cancel a number: recorded with who, when and why; never given again',
        params: z.object({ id: Uuid }).strict(),
        body: z.object({ reason: z.string().trim().min(1).max(1000) }).strict(),
        response: { 200: NumberView, ...problems('DOCUMENT_NUMBER_CANCELLED', 'DOCUMENT_NUMBER_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const cancelled = await cancelDocumentNumber(engine, {
        id: request.params.id,
        officeIds: officesWithRole(actor, ISSUERS),
        cancelledBy: actor.id,
        reason: request.body.reason,
        at: clock.now(),
      });
      return view(cancelled);
    },
  );
}
