/**
 * Cycles over HTTP (docs/cycles.md): the active rounds of my offices, a
 * round's progress, and opening its children from a posted population.
 * Authorization is the engine's: reading a round is reading its parent case
 * (404 otherwise); opening needs a starter role of the child workflow for
 * the parent's office as a whole (403 otherwise).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { canReadCase, EsaError, cycleProgress, MAX_CYCLE_BATCH_SIZE, openCycleChildren, ROLE_READ_SCOPE } from '@esa-flow/engine';
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
    z.object({ index: z.number(), key: z.string(), code: z.string(), issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })) }),
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
  const deps = ctx.engine.deps;
  const CaseParams = z.object({ caseId: z.string().max(100) });

  r.get(
    '/api/cycles',
    {
      schema: {
        operationId: 'listCycles',
        tags: TAGS,
        summary: 'รอบดำเนินการที่ยังไม่ปิดของสำนักงานเขตของฉัน / Active cycles of my offices: rounds that opened children, and transfer rounds (from their opening)',
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
      const rows = await deps.db
        .selectFrom('cases as p')
        .select(['p.id', 'p.office_id', 'p.school_id', 'p.subject_person_id', 'p.workflow_id', 'p.workflow_version', 'p.title', 'p.state', 'p.updated_at'])
        .select((eb) => [
          eb.selectFrom('cases as c').select(sql<number>`count(*)::int`.as('n')).whereRef('c.parent_case_id', '=', 'p.id').as('children'),
          eb.selectFrom('cases as c').select(sql<number>`count(*)::int`.as('n')).whereRef('c.parent_case_id', '=', 'p.id').where('c.status', '=', 'done').as('children_done'),
          eb.exists(eb.selectFrom('cycle_runs as u').select('u.id').whereRef('u.parent_case_id', '=', 'p.id').where('u.finished_at', 'is', null)).as('opening'),
        ])
        .where('p.status', '=', 'active')
        .where(sql<boolean>`p.office_id = any(${offices}::uuid[])`)
        // a round that opened children in bulk, or a transfer round (its requests are opened one by one as teachers file: no opening run)
        .where((eb) => eb.or([eb.exists(eb.selectFrom('cycle_runs as u').select('u.id').whereRef('u.parent_case_id', '=', 'p.id')), eb('p.workflow_id', '=', 'transfer-round')]))
        .orderBy('p.updated_at', 'desc')
        .orderBy('p.id')
        .limit(request.query.limit)
        .execute();
      return {
        items: rows
          .filter((p) => canReadCase(actor, { officeId: p.office_id, schoolId: p.school_id, subjectPersonId: p.subject_person_id }))
          .map((p) => ({
            id: p.id,
            officeId: p.office_id,
            workflowId: p.workflow_id,
            workflowVersion: p.workflow_version,
            title: p.title,
            state: p.state,
            children: p.children ?? 0,
            childrenDone: p.children_done ?? 0,
            openingInProgress: Boolean(p.opening),
            updatedAt: p.updated_at.toISOString(),
          })),
      };
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
      const p = await cycleProgress(deps, actorOf(request), request.params.caseId);
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
                  z.object({ personnelNo: z.string(), nameTh: z.string(), nameEn: z.string().nullable(), schoolName: z.string().nullable(), score: z.number().nullable(), pctBp: z.number().nullable() }),
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
      const row = await deps.db.selectFrom('cases').select(['office_id']).where('id', '=', request.params.caseId).executeTakeFirst();
      const schools = row ? await deps.db.selectFrom('schools').select(['id', 'name_th']).where('office_id', '=', row.office_id).execute() : [];
      const published = await salary.publishedLists(ctx.engine, actor, request.params.caseId, new Map(schools.map((s) => [s.id, s.name_th])));
      if (!published) return { publication: null, lists: [] };
      return {
        publication: published.publication,
        lists: published.lists.map((l) => ({
          tier: l.tier,
          th: l.th,
          en: l.en,
          entries: l.entries.map((e) => ({ personnelNo: e.personnelNo, nameTh: e.nameTh, nameEn: e.nameEn ?? null, schoolName: e.schoolName, score: e.score ?? null, pctBp: e.pctBp })),
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
        const row = Uuid.safeParse(caseId).success ? await deps.db.selectFrom('cases').select('office_id').where('id', '=', caseId).executeTakeFirst() : undefined;
        if (!row || !actorOf(request).grants.some((g) => g.officeId === row.office_id)) throw new EsaError('CASE_NOT_FOUND', { caseId });
        return payload;
      },
      schema: {
        operationId: 'openCycleChildren',
        tags: TAGS,
        summary: 'เปิดเรื่องย่อยของรอบจากรายชื่อ (สูงสุด 50,000 แถว) / Open the children of a cycle from a population of up to 50,000 rows; bad rows are reported, the rest opened; calling again opens only what is missing',
        params: CaseParams,
        body: OpeningBody,
        response: { 200: OpeningResult, ...problems('CASE_NOT_FOUND', 'CYCLE_CLOSED', 'FORBIDDEN') },
      },
    },
    async (request) => {
      const b = request.body;
      const result = await openCycleChildren(deps, actorOf(request), {
        parentCaseId: request.params.caseId,
        workflowId: b.workflowId,
        ...(b.version !== undefined ? { version: b.version } : {}),
        ...(b.batchSize !== undefined ? { batchSize: b.batchSize } : {}),
        ...(b.whileParentAt !== undefined ? { whileParentAt: b.whileParentAt } : {}),
        population: b.population.map((row) => ({ key: row.key, subjectPersonId: row.subjectPersonId, schoolId: row.schoolId, title: row.title, input: row.input })),
      });
      return {
        ...result,
        rejected: result.rejected.map((x) => ({ index: x.index, key: x.key, code: x.code, issues: x.issues.map((i) => ({ ...i })) })),
      };
    },
  );
}
