/**
 * Teacher transfer rounds over HTTP (docs/workflows/transfer.md, docs/api.md):
 * only the two host functions that have no generic equivalent. Everything
 * else a round needs — opening it, posting vacancies, phase events, the
 * director's certification, scores, orders — is a plain case event
 * (`POST /api/cases/:caseId/events`), and the committees decide through the
 * committee routes. Rules (eligibility, who may file or match, the round's
 * phase) are the workflow's; these routes only translate. A round of an
 * office where the caller holds no role is 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EsaError, findCycleChild, presentedSchema } from '@esa-flow/engine';
import { transfer, WORKFLOW_LABELS } from '@esa-flow/workflows';
import { actorOf } from '../http/authenticate';
import { commonErrors, IdempotencyHeaders, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

const TAGS = ['transfers'];

const FiledResult = z.object({
  caseId: z.string(),
  revision: z.number(),
  state: z.string(),
  replayed: z.boolean(),
  eligibility: z.object({ cutoff: z.string(), monthsAtCurrentSchool: z.number() }),
});

const MatchingResult = z.object({
  summary: z.object({ requests: z.number(), placed: z.number(), swapped: z.number(), unplaced: z.number(), seats: z.number(), seatsFilled: z.number() }),
  digest: z.string(),
  /** the run's number in the round (version 3 rounds keep every run; null for older rounds, whose matching is published at once) */
  runNo: z.number().nullable(),
  /** true when the proposals were sent to the requests (publish; older rounds' run) */
  published: z.boolean(),
  proposals: z.array(z.object({ caseId: z.string(), placed: z.boolean() })),
});

export function transferRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { engine } = ctx;
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };
  const RoundParams = z.object({ caseId: z.string().max(100) });

  /** A round of an office the caller holds no role in does not exist for them. */
  const assertRoundVisible = async (actor: ReturnType<typeof actorOf>, caseId: string) => {
    const row = Uuid.safeParse(caseId).success ? await engine.deps.db.selectFrom('cases').select(['office_id', 'workflow_id']).where('id', '=', caseId).executeTakeFirst() : undefined;
    if (!row || row.workflow_id !== 'transfer-round' || !actor.grants.some((g) => g.officeId === row.office_id)) throw new EsaError('CASE_NOT_FOUND', { caseId });
  };

  r.get(
    '/api/transfer-rounds/open',
    {
      schema: {
        tags: TAGS,
        summary: 'รอบการย้ายที่เปิดรับคำขออยู่ในสำนักงานเขตของฉัน / Transfer rounds of my offices taking requests now: vacancies and the form of a request',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                caseId: z.string(),
                officeId: z.string(),
                title: z.string(),
                vacancies: z.array(z.object({ id: z.string(), schoolId: z.string(), schoolName: z.string(), subject: z.string(), count: z.number() })),
                requestsUntil: z.object({ date: z.string(), time: z.string(), phrase: z.string() }).nullable(),
                /** the request I have already filed in this round (one per teacher): the page links to it instead of offering the form */
                myRequest: z.object({ caseId: z.string() }).nullable(),
              }),
            ),
            submissionSchema: z.unknown(),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const offices = [...new Set(actor.grants.map((g) => g.officeId))];
      const rows =
        offices.length === 0
          ? []
          : await engine.deps.db
              .selectFrom('cases')
              .select(['id', 'office_id', 'title', 'snapshot'])
              .where('workflow_id', '=', 'transfer-round')
              .where('status', '=', 'active')
              .where('state', '=', 'requestsOpen')
              .where('office_id', 'in', offices)
              .orderBy('created_at', 'desc')
              .limit(20)
              .execute();
      const personId = actor.kind === 'user' ? actor.personId : null;
      const filedIn = async (roundId: string) => {
        if (personId === null) return null;
        const mine = await findCycleChild(engine.deps, roundId, personId); // requests are keyed by the teacher
        return mine && mine.state !== 'draft' ? { caseId: mine.caseId } : null;
      };
      return {
        items: await Promise.all(
          rows.map(async (row) => {
            const context = (row.snapshot as { context?: Partial<transfer.RoundContext> }).context ?? {};
            const vacancies = (context.vacancies ?? []).map((v) => ({ id: v.id, schoolId: v.schoolId, schoolName: v.schoolName, subject: v.subject, count: v.count }));
            return {
              caseId: row.id,
              officeId: row.office_id,
              title: row.title,
              vacancies,
              requestsUntil: context.params ? { date: context.params.phases.requestsUntil.date, time: context.params.phases.requestsUntil.time, phrase: context.params.phases.requestsUntil.phrase } : null,
              myRequest: await filedIn(row.id),
            };
          }),
        ),
        submissionSchema: presentedSchema(transfer.RequestSubmission, WORKFLOW_LABELS),
      };
    },
  );

  r.post(
    '/api/transfer-rounds/:caseId/requests',
    {
      config: writeLimit,
      schema: {
        tags: TAGS,
        summary: 'ครูยื่นคำขอย้ายในรอบ (ตรวจคุณสมบัติก่อน) / A teacher files their transfer request in a round; eligibility is checked first (Idempotency-Key)',
        params: RoundParams,
        headers: IdempotencyHeaders,
        body: z.object({ submission: z.unknown() }).strict(),
        response: { 201: FiledResult, 200: FiledResult, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await assertRoundVisible(actor, request.params.caseId);
      const key = request.headers['idempotency-key'];
      const filed = await transfer.fileTransferRequest(engine, actor, {
        roundCaseId: request.params.caseId,
        submission: request.body.submission,
        ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      });
      // a repeat with the same Idempotency-Key answers as the first did (201, the same case), marked replayed
      return reply
        .status(201)
        .header('etag', `"${filed.result.revision}"`)
        .send({
          caseId: filed.caseId,
          revision: filed.result.revision,
          state: filed.result.state,
          replayed: filed.result.replayed,
          eligibility: { cutoff: filed.eligibility.cutoff, monthsAtCurrentSchool: filed.eligibility.monthsAtCurrentSchool },
        });
    },
  );

  r.get(
    '/api/transfer-requests/:caseId/scoring-table',
    {
      schema: {
        tags: TAGS,
        summary: 'ตารางคะแนนของคำขอย้าย (องค์ประกอบที่บันทึกคะแนน) / The scoring table a transfer request is scored by: the entered components, each with its sub-criteria and points, and the entries given so far (anyone who may read the request)',
        params: RoundParams,
        response: {
          200: z.object({
            components: z.array(
              z.object({
                id: z.string(),
                label: z.object({ th: z.string(), en: z.string() }),
                subCriteria: z.array(z.object({ id: z.string(), label: z.object({ th: z.string(), en: z.string() }), points: z.number() })),
              }),
            ),
            entries: z.record(z.string(), z.string()),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const view = Uuid.safeParse(request.params.caseId).success ? await engine.getCase(actorOf(request), request.params.caseId) : null;
      if (!view || view.case.workflowId !== 'transfer-request') throw new EsaError('CASE_NOT_FOUND', { caseId: request.params.caseId });
      const context = (view.case.snapshot as { context: { params: { scoringTable: transfer.ScoringTable }; scores: { entries: Record<string, string> } | null } }).context;
      return {
        components: context.params.scoringTable.components
          .filter((c) => c.mode === 'entered')
          .map((c) => ({ id: c.id, label: c.label, subCriteria: c.subCriteria.map((x) => ({ id: x.id, label: x.label, points: x.points })) })),
        entries: context.scores?.entries ?? {},
      };
    },
  );

  r.post(
    '/api/transfer-rounds/:caseId/matching',
    {
      config: writeLimit,
      schema: {
        tags: TAGS,
        summary: 'ประมวลผลจัดลำดับและจับคู่ตำแหน่งว่างของรอบ / Rank and match the round’s verified requests and keep the run on the round (again until it is published); during screening, match the requests sent back to the seats left and propose at once (HR officer)',
        params: RoundParams,
        response: { 200: MatchingResult, ...commonErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await assertRoundVisible(actor, request.params.caseId);
      const result = await transfer.proposeRoundMatching(engine, actor, request.params.caseId);
      return {
        summary: { ...result.summary },
        digest: result.digest,
        runNo: result.runNo,
        published: result.published,
        proposals: result.explanations.map((e) => ({ caseId: e.key, placed: e.placement !== null })),
      };
    },
  );

  r.post(
    '/api/transfer-rounds/:caseId/matching/publish',
    {
      config: writeLimit,
      schema: {
        tags: TAGS,
        summary: 'เสนอผลการจับคู่ที่ใช้อยู่ต่อคณะกรรมการ / Publish the matching run in force to the committees: each request gets its proposal, the round moves to screening (HR officer)',
        params: RoundParams,
        body: z.object({ digest: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict(),
        response: { 200: MatchingResult, ...commonErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await assertRoundVisible(actor, request.params.caseId);
      const result = await transfer.publishRoundMatching(engine, actor, request.params.caseId, request.body.digest !== undefined ? { digest: request.body.digest } : {});
      return {
        summary: { ...result.summary },
        digest: result.digest,
        runNo: result.runNo,
        published: true,
        proposals: result.explanations.map((e) => ({ caseId: e.key, placed: e.placement !== null })),
      };
    },
  );
}
