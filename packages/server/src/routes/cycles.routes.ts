/**
 * Cycles over HTTP (docs/cycles.md): the active rounds of my offices, a
 * round's progress, and opening its children from a posted population.
 * Authorization is the engine's: reading a round is reading its parent case
 * (404 otherwise); opening needs a starter role of the child workflow for
 * the parent's office as a whole (403 otherwise).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activeCycles,
  caseOfficeOf,
  EsaError,
  cycleProgress,
  MAX_CYCLE_BATCH_SIZE,
  openCycleChildren,
  ROLE_READ_SCOPE,
  schoolNamesOf,
} from '@esa-flow/engine';
import { salary } from '@esa-flow/workflows';
import { actorOf } from '../http/authenticate';
import { assertOfficeVisible } from '../http/office-scope';
import { problems, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

const TAGS = ['cycles'];

/** The largest population one request may carry; a round of a large office is about this size. */
export const MAX_POPULATION_ROWS = 50_000;

/**
 * One member of the population. Only the shape is checked here; the engine
 * checks each row (key, title, the child workflow's input, school and person
 * of the parent's office) and reports the bad ones without refusing the rest.
 */
const PopulationRow = z
  .object({
    key: z.string().max(1000),
    subjectPersonId: z.string().max(100).nullable().default(null),
    schoolId: z.string().max(100).nullable().default(null),
    title: z.string().max(1000),
    input: z.unknown(),
  })
  .strict();

const OpeningBody = z
  .object({
    workflowId: z.string().min(1).max(100),
    version: z.number().int().positive().optional(),
    batchSize: z.number().int().min(1).max(MAX_CYCLE_BATCH_SIZE).optional(),
    /** refuse unless the parent waits at one of these steps (the round's opening window) */
    whileParentAt: z.array(z.string().min(1).max(200)).min(1).max(50).optional(),
    population: z.array(PopulationRow).max(MAX_POPULATION_ROWS),
  })
  .strict();

const OpeningResult = z.object({
  runId: z.string().nullable(),
  parentCaseId: z.string(),
  workflow: z.string(),
  total: z.number(),
  created: z.number(),
  alreadyPresent: z.number(),
  rejected: z.array(
    z.object({
      index: z.number(),
      key: z.string(),
      code: z.string(),
      issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
    }),
  ),
  resumed: z.boolean(),
  parentHistorySeq: z.number().nullable(),
});

const ProgressSchema = z.object({
  parentCaseId: z.string(),
  total: z.number(),
  done: z.number(),
  active: z.number(),
  byState: z.array(z.object({ workflowId: z.string(), state: z.string(), status: z.enum(['active', 'done']), count: z.number() })),
  openings: z.array(
    z.object({
      runId: z.string(),
      workflowId: z.string(),
      workflowVersion: z.number(),
      total: z.number(),
      created: z.number(),
      rejected: z.number(),
      attempts: z.number(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
    }),
  ),
});

const CycleSummary = z.object({
  id: z.string(),
  officeId: z.string(),
  workflowId: z.string(),
  workflowVersion: z.number(),
  title: z.string(),
  state: z.string(),
  children: z.number(),
  childrenDone: z.number(),
  openingInProgress: z.boolean(),
  updatedAt: z.string(),
});

export function cycleRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;
  const CaseParams = z.object({ caseId: z.string().max(100) });

  r.get(
    '/api/cycles',
    {
      schema: {
        operationId: 'listCycles',
        tags: TAGS,
        summary:
          'รอบดำเนินการที่ยังไม่ปิดของสำนักงานเขตของฉัน / Active cycles of my offices: rounds that opened children, and transfer rounds (from their opening)',
        querystring: z.object({ officeId: Uuid.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict(),
        response: { 200: z.object({ items: z.array(CycleSummary) }), ...problems('OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (request.query.officeId) assertOfficeVisible(actor, request.query.officeId);
      const offices = request.query.officeId
        ? [request.query.officeId]
        : [...new Set(actor.grants.filter((g) => ROLE_READ_SCOPE[g.role] === 'office').map((g) => g.officeId))];
      if (offices.length === 0) return { items: [] };
      // a round that opened children in bulk, or a transfer round (its requests are opened one by one as teachers file: no opening run)
      const cycles = await activeCycles(engine, actor, {
        officeIds: offices,
        alsoWorkflowId: 'transfer-round',
        limit: request.query.limit,
      });
      return { items: cycles.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() })) };
    },
  );

  r.get(
    '/api/cycles/:caseId/progress',
    {
      schema: {
        operationId: 'getCycleProgress',
        tags: TAGS,
        summary: 'ความคืบหน้าของรอบดำเนินการ / Progress of a cycle: its children by state, and its openings',
        params: CaseParams,
        response: { 200: ProgressSchema, ...problems('CASE_NOT_FOUND') },
      },
    },
    async (request) => {
      const p = await cycleProgress(engine, actorOf(request), request.params.caseId);
      return {
        ...p,
        byState: [...p.byState],
        openings: p.openings.map((o) => ({ ...o, startedAt: o.startedAt.toISOString(), finishedAt: o.finishedAt?.toISOString() ?? null })),
      };
    },
  );

  r.get(
    '/api/cycles/:caseId/publication',
    {
      schema: {
        operationId: 'getCyclePublication',
        tags: TAGS,
        summary: 'รายชื่อที่ประกาศของรอบเลื่อนเงินเดือน / A salary round’s published lists (null before the results are published)',
        params: CaseParams,
        response: {
          200: z.object({
            publication: z.object({ announcementRef: z.string(), at: z.string(), windowEndsAt: z.string() }).nullable(),
            lists: z.array(
              z.object({
                tier: z.string(),
                th: z.string(),
                en: z.string(),
                entries: z.array(
                  z.object({
                    personnelNo: z.string(),
                    nameTh: z.string(),
                    nameEn: z.string().nullable(),
                    schoolName: z.string().nullable(),
                    score: z.number().nullable(),
                    pctBp: z.number().nullable(),
                  }),
                ),
              }),
            ),
          }),
          ...problems('CASE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!Uuid.safeParse(request.params.caseId).success) throw new EsaError('CASE_NOT_FOUND', { caseId: request.params.caseId });
      const row = await caseOfficeOf(engine, request.params.caseId);
      const published = await salary.publishedLists(
        ctx.engine,
        actor,
        request.params.caseId,
        row ? await schoolNamesOf(engine, row.officeId) : new Map<string, string>(),
      );
      if (!published) return { publication: null, lists: [] };
      return {
        publication: published.publication,
        lists: published.lists.map((l) => ({
          tier: l.tier,
          th: l.th,
          en: l.en,
          entries: l.entries.map((e) => ({
            personnelNo: e.personnelNo,
            nameTh: e.nameTh,
            nameEn: e.nameEn ?? null,
            schoolName: e.schoolName,
            score: e.score ?? null,
            pctBp: e.pctBp,
          })),
        })),
      };
    },
  );

  r.post(
    '/api/cycles/:caseId/children',
    {
      config: { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } },
      // 50,000 rows of JSON are larger than the API's usual 256 kB
      bodyLimit: 64 * 1024 * 1024,
      // before 64 MB are read and parsed: only someone with a role in the cycle's office can go on (the engine then checks the starter roles)
      preParsing: async (request, _reply, payload) => {
        const caseId = (request.params as { caseId?: string }).caseId ?? '';
        const row = Uuid.safeParse(caseId).success ? await caseOfficeOf(engine, caseId) : undefined;
        if (!row || !actorOf(request).grants.some((g) => g.officeId === row.officeId)) throw new EsaError('CASE_NOT_FOUND', { caseId });
        return payload;
      },
      schema: {
        operationId: 'openCycleChildren',
        tags: TAGS,
        summary:
          'เปิดเรื่องย่อยของรอบจากรายชื่อ (สูงสุด 50,000 แถว) / Open the children of a cycle from a population of up to 50,000 rows; bad rows are reported, the rest opened; calling again opens only what is missing',
        params: CaseParams,
        body: OpeningBody,
        response: { 200: OpeningResult, ...problems('CASE_NOT_FOUND', 'CYCLE_CLOSED', 'FORBIDDEN') },
      },
    },
    async (request) => {
      const b = request.body;
      const result = await openCycleChildren(engine, actorOf(request), {
        parentCaseId: request.params.caseId,
        workflowId: b.workflowId,
        ...(b.version !== undefined ? { version: b.version } : {}),
        ...(b.batchSize !== undefined ? { batchSize: b.batchSize } : {}),
        ...(b.whileParentAt !== undefined ? { whileParentAt: b.whileParentAt } : {}),
        population: b.population.map((row) => ({
          key: row.key,
          subjectPersonId: row.subjectPersonId,
          schoolId: row.schoolId,
          title: row.title,
          input: row.input,
        })),
      });
      return {
        ...result,
        rejected: result.rejected.map((x) => ({ index: x.index, key: x.key, code: x.code, issues: x.issues.map((i) => ({ ...i })) })),
      };
    },
  );
}
