/**
 * Moves to another area between offices on this esa-flow over HTTP (issue
 * 21, Act ม.59; docs/workflows/transfer.md "Moves to another area",
 * docs/api.md): the vacancies other offices offer, a round's exchanges (the
 * requests forwarded to it and those it forwarded), the receiving office's
 * decision and order. The forwarding and the ranking are the rounds' own
 * matching (`…/matching`, `…/matching/publish`). Rules and scoping are the
 * workflow's (exchange-service.ts): each office reads only its side, the
 * receiving office only what it needs to rank and order.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EsaError } from '@esa-flow/engine';
import { transfer } from '@esa-flow/workflows';
import { actorOf } from '../http/authenticate';
import { problems, IdempotencyHeaders, Label, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

const TAGS = ['transfers'];
const RoundParams = z.object({ caseId: z.string().max(100) });
const ExchangeParams = z.object({ exchangeId: z.string().max(100) });

const ExchangeState = z.enum(['forwarded', 'ranked', 'decided', 'returned']);
const Incoming = z.object({
  exchangeId: z.string(),
  fromOfficeName: z.string(),
  teacherName: z.string(),
  currentSchoolName: z.string(),
  major: z.string(),
  academicStanding: z.string(),
  kind: z.enum(['normal', 'special', 'swap']),
  score: z.number(),
  schools: z.array(z.object({ preference: z.number(), schoolName: z.string() })),
  state: ExchangeState,
  forwardedAt: z.string(),
  ranked: z
    .object({ placedAt: z.string().nullable(), rank: z.number().nullable(), applicants: z.number().nullable(), text: Label })
    .nullable(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  resolutionRef: z.string().nullable(),
  decidedOn: z.string().nullable(),
  orderDue: z.boolean(),
  requiredSigner: z.enum(['school_director', 'area_director']),
  may: z.object({ decide: z.boolean(), signOrder: z.boolean() }),
});
const Outgoing = z.object({
  exchangeId: z.string(),
  requestCaseId: z.string(),
  teacherName: z.string(),
  toOfficeName: z.string(),
  state: ExchangeState,
  forwardedAt: z.string(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  resolutionRef: z.string().nullable(),
  decidedOn: z.string().nullable(),
  returnedAt: z.string().nullable(),
  placedAt: z.string().nullable(),
});

/** An exchange id that is not a UUID names no exchange. */
const exchangeIdOf = (id: string) => {
  if (!Uuid.safeParse(id).success) throw new EsaError('TRANSFER_EXCHANGE_NOT_FOUND', { exchangeId: id });
  return id;
};

export function transferExchangeRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { engine } = ctx;
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };

  r.get(
    '/api/transfer-rounds/:caseId/cross-area-vacancies',
    {
      schema: {
        tags: TAGS,
        operationId: 'listCrossAreaVacancies',
        summary:
          'ตำแหน่งว่างที่เขตพื้นที่อื่นในระบบเปิดรับย้าย / Vacancies other offices on esa-flow offer in their rounds, to post in this round as vacancies of another area',
        description:
          'For an HR officer of the round’s office (else 403; a round of another office 404): the rounds of other offices still posting vacancies or taking requests, each with its office (code, name) and its own vacancies. Posted in this round with `area: { code, name }` (POST_VACANCIES), a teacher may name them; a request naming them is forwarded to that office by this round’s matching.',
        params: RoundParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                roundCaseId: z.string(),
                officeCode: z.string(),
                officeName: z.string(),
                roundLabel: z.string(),
                vacancies: z.array(z.object({ schoolId: z.string(), schoolName: z.string(), subject: z.string(), count: z.number() })),
              }),
            ),
          }),
          ...problems('CASE_NOT_FOUND', 'FORBIDDEN'),
        },
      },
    },
    async (request) => ({ items: await transfer.offeredCrossAreaVacancies(engine, actorOf(request), request.params.caseId) }),
  );

  r.get(
    '/api/transfer-rounds/:caseId/exchanges',
    {
      schema: {
        tags: TAGS,
        operationId: 'listTransferRoundExchanges',
        summary:
          'คำร้องย้ายจากเขตอื่นและคำขอที่ส่งไปเขตอื่นของรอบ / A round’s cross-area exchanges: the requests other offices forwarded to it, and those it forwarded',
        description:
          'Whoever may read the round (its office). `incoming`: each request another office forwarded to this round — the teacher’s name, office, current school, major, academic standing, kind, verified score and the schools of this office named; its state (forwarded, ranked by a published run of this round, decided/returned), the rank, the resolution; `may.decide` for an HR officer while it is ranked. Nothing else of the other office’s request. `outgoing`: this round’s requests forwarded to other offices, with the office, the state and the decision returned.',
        params: RoundParams,
        response: { 200: z.object({ incoming: z.array(Incoming), outgoing: z.array(Outgoing) }), ...problems('CASE_NOT_FOUND') },
      },
    },
    async (request) => transfer.roundExchanges(engine, actorOf(request), request.params.caseId),
  );

  r.get(
    '/api/transfer-requests/:caseId/exchange',
    {
      schema: {
        tags: TAGS,
        operationId: 'getTransferRequestExchange',
        summary: 'คำขอที่ส่งไปเขตพื้นที่อื่น / Where a request was forwarded and what that office decided (null when it was not forwarded)',
        params: RoundParams,
        response: { 200: z.object({ exchange: Outgoing.nullable() }), ...problems('CASE_NOT_FOUND') },
      },
    },
    async (request) => ({ exchange: await transfer.requestExchange(engine, actorOf(request), request.params.caseId) }),
  );

  r.get(
    '/api/transfer-exchanges/orders-to-sign',
    {
      schema: {
        tags: TAGS,
        operationId: 'listTransferExchangeOrdersToSign',
        summary: 'คำสั่งย้ายจากเขตอื่นที่รอผู้มีอำนาจลงนาม / Moves from other areas whose order I sign now (the ม.53 authority over the post)',
        description:
          'The area director (teachers from ชำนาญการ up) or the director of the school the teacher moves to (ครู/ครูผู้ช่วย without standing), of the receiving office: the forwarded requests both areas approved, waiting for their order.',
        response: { 200: z.object({ items: z.array(Incoming) }), ...problems() },
      },
    },
    async (request) => ({ items: await transfer.ordersToSign(engine, actorOf(request)) }),
  );

  r.post(
    '/api/transfer-exchanges/:exchangeId/decision',
    {
      config: writeLimit,
      schema: {
        tags: TAGS,
        operationId: 'decideTransferExchange',
        summary:
          'บันทึกมติ อ.ก.ค.ศ. เขตที่รับย้าย ส่งกลับเขตต้นทาง / Record the receiving office’s อ.ก.ค.ศ. resolution on a forwarded request and return it to the sending request',
        description:
          'An HR officer of the receiving office, once the round’s published matching ranked the request (else 409 TRANSFER_EXCHANGE_NOT_RANKED). In one transaction the system sends RECEIVING_AREA_DECIDED to the sending request: approved with the ranking’s placement it goes to the sending office’s committees; approved without one, or rejected, it ends as not moved. The same decision again answers as the first (`replayed: true`), with or without an Idempotency-Key; another decision: 409 TRANSFER_EXCHANGE_DECIDED. The sending office’s people: 403; anyone else: 404 TRANSFER_EXCHANGE_NOT_FOUND. `decidedOn` not after today (400).',
        params: ExchangeParams,
        headers: IdempotencyHeaders,
        body: transfer.ExchangeDecision,
        response: {
          200: z.object({ exchangeId: z.string(), state: ExchangeState, requestState: z.string(), replayed: z.boolean() }),
          ...problems('FORBIDDEN', 'TRANSFER_EXCHANGE_DECIDED', 'TRANSFER_EXCHANGE_NOT_FOUND', 'TRANSFER_EXCHANGE_NOT_RANKED'),
        },
      },
    },
    async (request) => transfer.decideExchange(engine, actorOf(request), exchangeIdOf(request.params.exchangeId), request.body),
  );

  r.post(
    '/api/transfer-exchanges/:exchangeId/order',
    {
      config: writeLimit,
      schema: {
        tags: TAGS,
        operationId: 'signTransferExchangeOrder',
        summary:
          'ลงนามคำสั่งย้ายของผู้ย้ายมาจากเขตอื่น / Sign the order of a move from another area (the ม.53 authority over the post being filled)',
        description:
          'The receiving office’s area director (a teacher from ชำนาญการ up, ม.53(3)) or the director of the school the teacher moves to (ม.53(4)); anyone else 403 ORDER_SIGNER_MISMATCH. The request must wait for its order (both areas approved; else 409 TRANSFER_EXCHANGE_NOT_AT_ORDER). Recorded on the sending request by the system (RECORD_RECEIVING_ORDER): the teacher then reports for duty. The same order number again answers as the first (`replayed: true`). A report-by moment not after now: 400 REPORT_BY_NOT_FUTURE.',
        params: ExchangeParams,
        headers: IdempotencyHeaders,
        body: transfer.SignOrderPayload,
        response: {
          200: z.object({ exchangeId: z.string(), requestState: z.string(), replayed: z.boolean() }),
          ...problems('ORDER_SIGNER_MISMATCH', 'TRANSFER_EXCHANGE_NOT_AT_ORDER', 'TRANSFER_EXCHANGE_NOT_FOUND'),
        },
      },
    },
    async (request) => transfer.signExchangeOrder(engine, actorOf(request), exchangeIdOf(request.params.exchangeId), request.body),
  );
}
