import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorNamesOf, caseClocks, nameText, type CaseRecord, type Engine } from '@esa-flow/engine';
import { actorOf } from '../http/authenticate';
import { problems, IdempotencyHeaders, Label, revisionFromIfMatch, Uuid } from '../http/schemas';
import { Readable } from 'node:stream';
import { csvLine } from '../http/csv';
import { rawBody } from '../http/raw-body';
import { CASE_EXPORT_COLUMNS, caseExportRows, csvMoment } from '../export/case-export';
import { streamXlsx } from '../spreadsheet/write-xlsx';
import type { RouteContext } from './route-context';
import { eventBodyDocument, startBodyDocument } from '../http/workflow-bodies';

const CaseSummary = z.object({
  id: z.string(),
  workflowId: z.string(),
  workflowVersion: z.number(),
  officeId: z.string(),
  schoolId: z.string().nullable(),
  subjectPersonId: z.string().nullable(),
  title: z.string(),
  state: z.string(),
  /** the active steps' labels, when the workflow names them */
  stepLabel: Label.nullable(),
  status: z.enum(['active', 'done']),
  revision: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const CaseQuery = z
  .object({
    officeId: Uuid.optional(),
    workflowId: z.string().max(100).optional(),
    step: z.string().max(200).optional(),
    status: z.enum(['active', 'done']).optional(),
    q: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    afterUpdatedAt: z.iso.datetime({ offset: true }).optional(),
    afterId: Uuid.optional(),
  })
  .strict();

const StartBody = z
  .object({
    workflowId: z.string().min(1).max(100),
    version: z.number().int().positive().optional(),
    officeId: Uuid,
    schoolId: Uuid.nullable().optional(),
    subjectPersonId: Uuid.nullable().optional(),
    title: nameText(300),
    input: z.unknown(),
  })
  .strict();

const EventReason = z.string().max(2000).nullable().optional();
const EventBody = z.object({ type: z.string().min(1).max(100), payload: z.unknown().optional(), reason: EventReason }).strict();

const CommandResult = z.object({
  caseId: z.string(),
  revision: z.number(),
  state: z.string(),
  status: z.enum(['active', 'done']),
  historySeq: z.number(),
  replayed: z.boolean(),
});

/** "a,b" → {th: 'ก, ข', en: 'A, B'} from the version's step labels; null when a step has none. */
function stepLabelOf(registry: Engine['registry'], c: CaseRecord): { th: string; en: string } | null {
  let def;
  try {
    def = registry.get(c.workflowId, c.workflowVersion);
  } catch {
    return null;
  }
  const labels = c.state.split(',').map((p) => def.steps[p]?.label);
  if (labels.some((l) => !l)) return null;
  return { th: labels.map((l) => l!.th).join(', '), en: labels.map((l) => l!.en).join(', ') };
}

/** A case as lists and the case page show it (with its step's label from the registry). */
const summaryOf = (registry: Engine['registry']) => (c: CaseRecord) => ({
  id: c.id,
  workflowId: c.workflowId,
  workflowVersion: c.workflowVersion,
  officeId: c.officeId,
  schoolId: c.schoolId,
  subjectPersonId: c.subjectPersonId,
  title: c.title,
  state: c.state,
  stepLabel: stepLabelOf(registry, c),
  status: c.status,
  revision: c.revision,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** Names for a history's actors: users by their person's Thai name, committees by theirs. */
async function actorNames(engine: Engine, history: readonly { actorKind: string; actorId: string }[]): Promise<Map<string, string>> {
  const idsOf = (kind: string) =>
    [...new Set(history.filter((h) => h.actorKind === kind).map((h) => h.actorId))].filter((id) => Uuid.safeParse(id).success);
  return actorNamesOf(engine, { userIds: idsOf('user'), committeeIds: idsOf('committee') });
}

export function caseRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { engine } = ctx;
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };

  const filterOf = (q: z.infer<typeof CaseQuery>) => ({
    ...(q.officeId ? { officeId: q.officeId } : {}),
    ...(q.workflowId ? { workflowId: q.workflowId } : {}),
    ...(q.step ? { step: q.step } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.afterUpdatedAt && q.afterId ? { after: { updatedAt: new Date(q.afterUpdatedAt), id: q.afterId } } : {}),
  });

  r.get(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        operationId: 'listCases',
        summary: 'ค้นหาเรื่อง / List and search cases (scoped to what I may see)',
        querystring: CaseQuery,
        response: { 200: z.object({ items: z.array(CaseSummary) }), ...problems() },
      },
    },
    async (request) => ({
      items: (await engine.listCases(actorOf(request), filterOf(request.query))).map(summaryOf(engine.registry)),
    }),
  );

  const exportQuery = CaseQuery.omit({ afterUpdatedAt: true, afterId: true, limit: true });
  const exportFilter = (q: z.infer<typeof exportQuery>) => filterOf(q);
  const attachment = (name: string, ext: string) =>
    `attachment; filename="${name}.${ext}"; filename*=UTF-8''${encodeURIComponent(`รายการเรื่อง.${ext}`)}`;

  r.get(
    '/api/cases.csv',
    {
      schema: {
        operationId: 'exportCasesCsv',
        tags: ['cases'],
        summary: 'ส่งออกรายการเรื่องเป็น CSV (ทุกเรื่องที่ตรงเงื่อนไข) / Export the whole case list as CSV',
        description:
          'Every case I may see that matches the filter (no page cut), newest change first; Thai headers, the procedure and step by name, dates in พ.ศ. (Asia/Bangkok). Streamed.',
        querystring: exportQuery,
        response: { 200: z.string(), ...problems() },
      },
    },
    async (request, reply) => {
      const rows = caseExportRows(engine, actorOf(request), exportFilter(request.query));
      const lines = async function* () {
        yield `\uFEFF${csvLine(CASE_EXPORT_COLUMNS.map((c) => c.header))}`;
        for await (const c of rows) yield csvLine([c.title, c.workflow, c.step, c.status, csvMoment(c.createdAt), csvMoment(c.updatedAt)]);
      };
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment('cases', 'csv'))
        .header('cache-control', 'no-store')
        .send(rawBody(Readable.from(lines())));
    },
  );

  r.get(
    '/api/cases.xlsx',
    {
      schema: {
        operationId: 'exportCasesXlsx',
        tags: ['cases'],
        summary: 'ส่งออกรายการเรื่องเป็นไฟล์ Excel (ทุกเรื่องที่ตรงเงื่อนไข) / Export the whole case list as an Excel workbook',
        description:
          'As /api/cases.csv, as an .xlsx workbook written while it is sent (memory stays flat): dates are real dates shown in พ.ศ. with Thai month names.',
        querystring: exportQuery,
        response: { 200: z.string().describe('the .xlsx workbook'), ...problems() },
      },
    },
    async (request, reply) => {
      const rows = caseExportRows(engine, actorOf(request), exportFilter(request.query));
      const cells = async function* () {
        for await (const c of rows) yield [c.title, c.workflow, c.step, c.status, c.createdAt, c.updatedAt];
      };
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment('cases', 'xlsx'))
        .header('cache-control', 'no-store')
        .send(rawBody(streamXlsx('รายการเรื่อง', CASE_EXPORT_COLUMNS, cells())));
    },
  );

  r.get(
    '/api/cases/:caseId',
    {
      schema: {
        operationId: 'getCase',
        tags: ['cases'],
        summary: 'รายละเอียดเรื่อง / A case: history, SLA clocks, and the actions I may take now',
        params: z.object({ caseId: z.string().max(100) }),
        response: {
          200: z.object({
            case: CaseSummary,
            workflow: z.object({ id: z.string(), version: z.number(), title: Label }),
            steps: z.array(z.object({ path: z.string(), label: Label.nullable() })),
            history: z.array(
              z.object({
                seq: z.number(),
                at: z.string(),
                actorKind: z.string(),
                actorId: z.string(),
                actorRoles: z.array(z.string()),
                /** the person's name (a user), the committee's name (a resolution); null for the system */
                actorName: z.string().nullable(),
                eventType: z.string(),
                payload: z.unknown(),
                reason: z.string().nullable(),
                fromState: z.string().nullable(),
                toState: z.string(),
                /** accepted after its date guard's moment: the moment, how late, the rule */
                late: z.object({ until: z.string(), lateMinutes: z.number(), rule: Label }).nullable(),
                /** sent while acting for the holder of the position (รักษาราชการแทน): the roles so held */
                acting: z.object({ roles: z.array(z.string()) }).nullable(),
              }),
            ),
            /** the open clocks of the steps the case waits at: their moment, who may extend them (ขยายเวลา), the extensions */
            deadlines: z.array(
              z.object({
                step: z.string(),
                stepLabel: Label.nullable(),
                status: z.string(),
                dueAt: z.string().nullable(),
                overdue: z.boolean(),
                phrase: z.string().nullable(),
                canExtend: z.boolean(),
                extensions: z.array(z.object({ at: z.string(), from: z.string().nullable(), to: z.string(), reason: z.string() })),
              }),
            ),
            clocks: z.array(
              z.object({
                step: z.string(),
                status: z.string(),
                startedAt: z.string(),
                dueAt: z.string().nullable(),
                closedAt: z.string().nullable(),
                phrase: z.string().nullable(),
              }),
            ),
            availableEvents: z.array(z.object({ type: z.string(), label: Label, payloadSchema: z.unknown() })),
            /** each history event type's label and labelled payload schema (`@start`: the input), for the timeline */
            eventSchemas: z.record(z.string(), z.object({ label: Label, payloadSchema: z.unknown() })),
            /** the server's time: clocks are judged against it, not the browser's */
            now: z.string(),
          }),
          ...problems('CASE_NOT_FOUND'),
        },
      },
    },
    async (request, reply) => {
      const view = await engine.getCase(actorOf(request), request.params.caseId);
      const clocks = await caseClocks(engine, view.case.id);
      const names = await actorNames(engine, view.history);
      reply.header('etag', `"${view.case.revision}"`);
      return {
        case: summaryOf(engine.registry)(view.case),
        workflow: view.workflow,
        steps: view.steps.map((s) => ({ path: s.path, label: s.meta?.label ?? null })),
        history: view.history.map((h) => ({
          seq: h.seq,
          at: h.at.toISOString(),
          actorKind: h.actorKind,
          actorId: h.actorId,
          actorRoles: [...h.actorRoles],
          actorName: names.get(`${h.actorKind}:${h.actorId}`) ?? null,
          eventType: h.eventType,
          payload: h.payload,
          reason: h.reason,
          fromState: h.fromState,
          toState: h.toState,
          late: h.late ?? null,
          acting: h.acting ? { roles: [...h.acting.roles] } : null,
        })),
        deadlines: view.deadlines.map((d) => ({
          step: d.step,
          stepLabel: d.stepLabel,
          status: d.status,
          dueAt: d.dueAt?.toISOString() ?? null,
          overdue: d.overdue,
          phrase: d.phrase,
          canExtend: d.canExtend,
          extensions: d.extensions.map((e) => ({ at: e.at, from: e.from, to: e.to, reason: e.reason })),
        })),
        clocks: clocks.map((c) => ({
          step: c.step,
          status: c.status,
          startedAt: c.startedAt.toISOString(),
          dueAt: c.dueAt?.toISOString() ?? null,
          closedAt: c.closedAt?.toISOString() ?? null,
          phrase: c.phrase,
        })),
        availableEvents: view.availableEvents,
        eventSchemas: view.eventSchemas,
        now: engine.clock.now().toISOString(),
      };
    },
  );

  r.post(
    '/api/cases',
    {
      config: writeLimit,
      schema: {
        operationId: 'startCase',
        tags: ['cases'],
        summary: 'เปิดเรื่องใหม่ / Open a case',
        headers: IdempotencyHeaders,
        description:
          "The body as documented: one shape per workflow (its versions' inputs); the engine validates `input` against the version the case opens on (400 INVALID_INPUT).",
        body: StartBody,
        documentedBody: startBodyDocument(engine.registry, StartBody),
        response: {
          201: CommandResult,
          200: CommandResult,
          ...problems(
            'FORBIDDEN',
            'IDEMPOTENCY_KEY_REUSED',
            'INVALID_INPUT',
            'OFFICE_NOT_FOUND',
            'PERSON_NOT_IN_OFFICE',
            'SCHOOL_NOT_IN_OFFICE',
            'WORKFLOW_NOT_FOUND',
          ),
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const key = request.headers['idempotency-key'];
      const result = await engine.startCase({
        actor: actorOf(request),
        workflowId: b.workflowId,
        ...(b.version !== undefined ? { version: b.version } : {}),
        officeId: b.officeId,
        schoolId: b.schoolId ?? null,
        subjectPersonId: b.subjectPersonId ?? null,
        title: b.title,
        input: b.input ?? {},
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      });
      return reply
        .status(result.replayed ? 200 : 201)
        .header('etag', `"${result.revision}"`)
        .send(result);
    },
  );

  r.post(
    '/api/cases/:caseId/events',
    {
      config: writeLimit,
      schema: {
        operationId: 'dispatchCaseEvent',
        tags: ['cases'],
        summary: 'ดำเนินการกับเรื่อง / Send an event (Idempotency-Key; If-Match: the revision you saw → 412 when it moved)',
        params: z.object({ caseId: z.string().max(100) }),
        headers: IdempotencyHeaders,
        description:
          "The body as documented: one shape per event type a person may send (`oneOf` by `type`), its payload from the workflows that have it; the engine validates the payload against the case's version (400 INVALID_PAYLOAD, UNKNOWN_EVENT).",
        body: EventBody,
        documentedBody: eventBodyDocument(engine.registry, EventReason),
        response: {
          200: CommandResult,
          ...problems(
            'CASE_NOT_FOUND',
            'CORRECTION_DUE_PASSED',
            'DEADLINE_PASSED',
            'EVENT_NOT_ALLOWED',
            'FIX_BY_OUT_OF_RANGE',
            'FORBIDDEN',
            'FORWARDED_LIST_MISSING',
            'IDEMPOTENCY_KEY_REUSED',
            'MATCHING_NOT_RUN',
            'MATCHING_STALE',
            'OCCURRED_AT_IN_FUTURE',
            'OCCURRED_AT_TOO_EARLY',
            'ORDER_SIGNER_MISMATCH',
            'PERSON_NOT_IN_OFFICE',
            'RECEIVING_AREA_BY_EXCHANGE',
            'REPORT_BY_NOT_FUTURE',
            'REPORT_DUE_PASSED',
            'REVISION_CONFLICT',
            'ROUND_PHASE_NOT_DUE',
            'SCHOOL_NOT_IN_OFFICE',
            'SCORES_INCOMPLETE',
            'SCORES_NEED_ANOTHER_USER',
            'SELF_DEALING_REFUSED',
            'SYSTEM_ONLY_EVENT',
            'TRANSFER_NOT_ELIGIBLE',
            'UNKNOWN_EVENT',
          ),
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const expected = revisionFromIfMatch(request.headers['if-match'] as string | undefined);
      const result = await engine.dispatch({
        actor: actorOf(request),
        caseId: request.params.caseId,
        type: request.body.type,
        payload: request.body.payload ?? {},
        reason: request.body.reason ?? null,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
        ...(expected !== undefined ? { expectedRevision: expected } : {}),
      });
      return reply.header('etag', `"${result.revision}"`).send(result);
    },
  );

  r.post(
    '/api/cases/:caseId/deadline-extensions',
    {
      config: writeLimit,
      schema: {
        operationId: 'extendCaseDeadline',
        tags: ['cases'],
        summary: 'ขยายเวลา / Extend the deadline of the step the case waits at (the role the step names; a later moment and a reason)',
        params: z.object({ caseId: z.string().max(100) }),
        headers: IdempotencyHeaders,
        body: z
          .object({
            /** the step whose deadline moves; default: the one running clock */
            step: z.string().min(1).max(200).optional(),
            newDueAt: z.iso.datetime({ offset: true }),
            reason: z.string().trim().min(1).max(2000),
          })
          .strict(),
        response: {
          200: CommandResult,
          ...problems(
            'CASE_NOT_FOUND',
            'FORBIDDEN',
            'IDEMPOTENCY_KEY_REUSED',
            'INVALID_EXTENSION',
            'NO_DEADLINE_TO_EXTEND',
            'REVISION_CONFLICT',
          ),
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const b = request.body;
      const result = await engine.extendDeadline({
        actor: actorOf(request),
        caseId: request.params.caseId,
        ...(b.step !== undefined ? { step: b.step } : {}),
        newDueAt: new Date(b.newDueAt).toISOString(),
        reason: b.reason,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      });
      return reply.header('etag', `"${result.revision}"`).send(result);
    },
  );
}
