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
import {
  actingRolesFor,
  caseOfficeOf,
  casesWaitingAt,
  EsaError,
  findCycleChild,
  presentedSchema,
  swapPartnerByCitizenId,
} from '@esa-flow/engine';
import { transfer, WORKFLOW_LABELS } from '@esa-flow/workflows';
import { actorOf } from '../http/authenticate';
import { problems, IdempotencyHeaders, Uuid } from '../http/schemas';
import { rawBody } from '../http/raw-body';
import { acceptMultipartSpreadsheet, acceptSpreadsheetBodies, sheetOf, XLSX_TYPE } from '../http/spreadsheet-body';
import { readScoreSheetRows, writeScoreSheet } from '../import/score-sheet';
import { readTrsRows, writeTrsTemplate } from '../import/trs-filings';
import { contentDisposition } from '../http/content-disposition';
import { rankingWorkbookSheets } from '../export/ranking-workbook';
import { streamWorkbook } from '../spreadsheet/write-xlsx';
import type { RouteContext } from './route-context';
import { transferExchangeRoutes } from './transfer-exchange.routes';

const TAGS = ['transfers'];

const FiledResult = z.object({
  caseId: z.string(),
  revision: z.number(),
  state: z.string(),
  replayed: z.boolean(),
  eligibility: z.object({ cutoff: z.string(), monthsAtCurrentSchool: z.number() }),
});

const MatchingResult = z.object({
  summary: z.object({
    requests: z.number(),
    placed: z.number(),
    swapped: z.number(),
    unplaced: z.number(),
    seats: z.number(),
    seatsFilled: z.number(),
  }),
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
  // moves to another area between offices on esa-flow (transfer exchanges)
  transferExchangeRoutes(app, ctx);

  /** A round of an office the caller holds no role in does not exist for them. */
  const assertRoundVisible = async (actor: ReturnType<typeof actorOf>, caseId: string) => {
    const row = Uuid.safeParse(caseId).success ? await caseOfficeOf(engine, caseId) : undefined;
    if (!row || row.workflowId !== 'transfer-round' || !actor.grants.some((g) => g.officeId === row.officeId))
      throw new EsaError('CASE_NOT_FOUND', { caseId });
  };

  r.get(
    '/api/transfer-rounds/:caseId/swap-partner',
    {
      schema: {
        operationId: 'findSwapPartner',
        tags: TAGS,
        summary:
          'ครูผู้ขอสับเปลี่ยน ค้นด้วยเลขประจำตัวประชาชน (ชื่อและโรงเรียนเท่านั้น) / The teacher a swap request names, found by their citizen id: name and school only',
        description:
          'For the filing form of a swap (issue 21): the two teachers exchange their citizen ids; the form names the partner by the person found. A teacher of the round’s office holding the teacher role now; anyone else, another office’s person or yourself: 404 SWAP_PARTNER_NOT_FOUND.',
        params: RoundParams,
        querystring: z.object({ citizenId: z.string().regex(/^\d{13}$/) }).strict(),
        response: {
          200: z.object({ personId: z.string(), name: z.string(), schoolName: z.string().nullable() }),
          ...problems('CASE_NOT_FOUND', 'SWAP_PARTNER_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await assertRoundVisible(actor, request.params.caseId);
      const found = await swapPartnerByCitizenId(engine, request.params.caseId, request.query.citizenId, engine.clock.now());
      if (!found || (actor.kind === 'user' && found.personId === actor.personId)) throw new EsaError('SWAP_PARTNER_NOT_FOUND');
      return { personId: found.personId, name: found.nameTh, schoolName: found.schoolName };
    },
  );

  r.get(
    '/api/transfer-rounds/open',
    {
      schema: {
        operationId: 'listOpenTransferRounds',
        tags: TAGS,
        summary:
          'รอบการย้ายที่เปิดรับคำขออยู่ในสำนักงานเขตของฉัน / Transfer rounds of my offices taking requests now: vacancies and the form of a request',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                caseId: z.string(),
                officeId: z.string(),
                title: z.string(),
                /** `areaName`: a vacancy of another area (a request for it names that area's schools only, and goes to that area) */
                vacancies: z.array(
                  z.object({
                    id: z.string(),
                    schoolId: z.string(),
                    schoolName: z.string(),
                    subject: z.string(),
                    count: z.number(),
                    areaName: z.string().nullable(),
                  }),
                ),
                requestsUntil: z.object({ date: z.string(), time: z.string(), phrase: z.string() }).nullable(),
                /** who the round is for: the form offers the positions it takes */
                applicants: z.enum(transfer.ROUND_APPLICANTS),
                /** the request I have already filed in this round (one per teacher): the page links to it instead of offering the form */
                myRequest: z.object({ caseId: z.string() }).nullable(),
              }),
            ),
            submissionSchema: z.unknown(),
          }),
          ...problems(),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const offices = [...new Set(actor.grants.map((g) => g.officeId))];
      const rows = await casesWaitingAt(engine, {
        workflowId: 'transfer-round',
        state: 'requestsOpen',
        officeIds: offices,
        limit: 20,
      });
      const personId = actor.kind === 'user' ? actor.personId : null;
      const filedIn = async (roundId: string) => {
        if (personId === null) return null;
        const mine = await findCycleChild(engine, roundId, personId); // requests are keyed by the teacher
        return mine && mine.state !== 'draft' ? { caseId: mine.caseId } : null;
      };
      return {
        items: await Promise.all(
          rows.map(async (row) => {
            const context = (row.snapshot as { context?: Partial<transfer.RoundContext> }).context ?? {};
            const vacancies = (context.vacancies ?? []).map((v) => ({
              id: v.id,
              schoolId: v.schoolId,
              schoolName: v.schoolName,
              subject: v.subject,
              count: v.count,
              areaName: v.area?.name ?? null,
            }));
            return {
              caseId: row.id,
              officeId: row.officeId,
              title: row.title,
              vacancies,
              requestsUntil: context.params
                ? {
                    date: context.params.phases.requestsUntil.date,
                    time: context.params.phases.requestsUntil.time,
                    phrase: context.params.phases.requestsUntil.phrase,
                  }
                : null,
              applicants: context.params ? transfer.roundApplicants(context.params) : ('teachers' as const),
              myRequest: await filedIn(row.id),
            };
          }),
        ),
        submissionSchema: presentedSchema(transfer.RequestSubmissionV8, WORKFLOW_LABELS),
      };
    },
  );

  r.post(
    '/api/transfer-rounds/:caseId/requests',
    {
      config: writeLimit,
      schema: {
        operationId: 'fileTransferRequest',
        tags: TAGS,
        summary:
          'ครูยื่นคำขอย้ายในรอบ (ตรวจคุณสมบัติก่อน) / A teacher files their transfer request in a round; eligibility is checked first (Idempotency-Key)',
        params: RoundParams,
        headers: IdempotencyHeaders,
        body: z.object({ submission: z.unknown() }).strict(),
        response: {
          201: FiledResult,
          200: FiledResult,
          ...problems('CASE_NOT_FOUND', 'CYCLE_CLOSED', 'FILE_NOT_FOUND', 'FORBIDDEN', 'IDEMPOTENCY_KEY_REUSED'),
        },
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
        operationId: 'getTransferScoringTable',
        tags: TAGS,
        summary:
          'ตารางคะแนนของคำขอย้าย (องค์ประกอบที่บันทึกคะแนน) / The scoring table a transfer request is scored by: the entered components, each with its sub-criteria and points, and the entries given so far (anyone who may read the request)',
        params: RoundParams,
        response: {
          200: z.object({
            /** the table's name (teachers' or school administrators') */
            title: z.object({ th: z.string(), en: z.string() }),
            components: z.array(
              z.object({
                id: z.string(),
                label: z.object({ th: z.string(), en: z.string() }),
                /** who gives it (seed-003: T1, T3, A2, A4), in words */
                by: z.object({ th: z.string(), en: z.string() }),
                subCriteria: z.array(z.object({ id: z.string(), label: z.object({ th: z.string(), en: z.string() }), points: z.number() })),
              }),
            ),
            entries: z.record(z.string(), z.string()),
          }),
          ...problems('CASE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const view = Uuid.safeParse(request.params.caseId).success ? await engine.getCase(actorOf(request), request.params.caseId) : null;
      if (!view || view.case.workflowId !== 'transfer-request') throw new EsaError('CASE_NOT_FOUND', { caseId: request.params.caseId });
      const context = (
        view.case.snapshot as {
          context: { params: { scoringTable: transfer.ScoringTable }; scores: { entries: Record<string, string> } | null };
        }
      ).context;
      const table = transfer.scoringTableView(context.params.scoringTable);
      return {
        title: table.title,
        components: context.params.scoringTable.components
          .filter((c) => c.mode === 'entered')
          .map((c) => ({
            id: c.id,
            label: c.label,
            by: table.components.find((v) => v.id === c.id)!.by,
            subCriteria: c.subCriteria.map((x) => ({ id: x.id, label: x.label, points: x.points })),
          })),
        entries: context.scores?.entries ?? {},
      };
    },
  );

  r.post(
    '/api/transfer-rounds/:caseId/matching',
    {
      config: writeLimit,
      schema: {
        operationId: 'runTransferMatching',
        tags: TAGS,
        summary:
          'ประมวลผลจัดลำดับและจับคู่ตำแหน่งว่างของรอบ / Rank and match the round’s verified requests and keep the run on the round (again until it is published); during screening, match the requests sent back to the seats left and propose at once (HR officer)',
        params: RoundParams,
        response: { 200: MatchingResult, ...problems('CASE_NOT_FOUND', 'EVENT_NOT_ALLOWED', 'FORBIDDEN') },
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
        // this round's own requests (those forwarded by other offices are theirs: GET …/exchanges)
        proposals: result.explanations
          .filter((e) => !result.fromOtherAreas.includes(e.key))
          .map((e) => ({ caseId: e.key, placed: e.placement !== null })),
      };
    },
  );

  r.post(
    '/api/transfer-rounds/:caseId/matching/publish',
    {
      config: writeLimit,
      schema: {
        operationId: 'publishTransferMatching',
        tags: TAGS,
        summary:
          'เสนอผลการจับคู่ที่ใช้อยู่ต่อคณะกรรมการ / Publish the matching run in force to the committees: each request gets its proposal, the round moves to screening (HR officer)',
        params: RoundParams,
        body: z
          .object({
            digest: z
              .string()
              .regex(/^[0-9a-f]{64}$/)
              .optional(),
          })
          .strict(),
        response: { 200: MatchingResult, ...problems('CASE_NOT_FOUND', 'FORBIDDEN', 'MATCHING_STALE') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await assertRoundVisible(actor, request.params.caseId);
      const result = await transfer.publishRoundMatching(
        engine,
        actor,
        request.params.caseId,
        request.body.digest !== undefined ? { digest: request.body.digest } : {},
      );
      return {
        summary: { ...result.summary },
        digest: result.digest,
        runNo: result.runNo,
        published: true,
        // this round's own requests (those forwarded by other offices are theirs: GET …/exchanges)
        proposals: result.explanations
          .filter((e) => !result.fromOtherAreas.includes(e.key))
          .map((e) => ({ caseId: e.key, placed: e.placement !== null })),
      };
    },
  );

  const Label = z.object({ th: z.string(), en: z.string() });
  const Summary = z.object({
    requests: z.number(),
    placed: z.number(),
    swapped: z.number(),
    unplaced: z.number(),
    seats: z.number(),
    seatsFilled: z.number(),
  });
  const Run = z.object({ runNo: z.number(), at: z.string(), requestedByName: z.string().nullable(), summary: Summary, digest: z.string() });
  const ScoringTableView = z.object({
    id: z.string(),
    title: Label,
    year: z.number(),
    version: z.number(),
    source: z.string(),
    pointsUnverified: z.boolean(),
    components: z.array(
      z.object({
        id: z.string(),
        label: Label,
        mode: z.enum(['computed', 'entered']),
        by: Label,
        levels: z.array(z.object({ label: Label, points: z.number() })),
      }),
    ),
  });
  r.get(
    '/api/transfer-rounds/:caseId/administration',
    {
      schema: {
        operationId: 'getTransferRoundAdministration',
        tags: TAGS,
        summary:
          'ภาพรวมการดำเนินการรอบการย้าย / A transfer round as the office runs it: its dated phases, vacancies, every request by state, the matching runs and the result per vacancy with explanations, and what the reader may do now',
        params: RoundParams,
        response: {
          200: z.object({
            round: z.object({
              caseId: z.string(),
              officeId: z.string(),
              title: z.string(),
              label: z.string(),
              state: z.string(),
              status: z.enum(['active', 'done']),
              workflowVersion: z.number(),
            }),
            /** who the round is for: teachers, or school administrators (round version 5 on) */
            applicants: z.object({ kind: z.enum(transfer.ROUND_APPLICANTS), label: Label }),
            scoringTable: ScoringTableView,
            phases: z.array(z.object({ key: z.string(), label: Label, date: z.string(), time: z.string() })),
            vacancies: z.array(
              z.object({
                id: z.string(),
                schoolId: z.string(),
                schoolName: z.string(),
                subject: z.string(),
                count: z.number(),
                crossArea: z.boolean(),
              }),
            ),
            requests: z.array(
              z.object({
                caseId: z.string(),
                teacherName: z.string(),
                currentSchoolName: z.string(),
                state: z.string(),
                stateLabel: Label,
                status: z.enum(['active', 'done']),
                scoreTotal: z.number().nullable(),
                scoredByName: z.string().nullable(),
                scoredByMe: z.boolean(),
                placedAt: z.string().nullable(),
              }),
            ),
            byState: z.array(z.object({ state: z.string(), label: Label, count: z.number() })),
            matching: z.object({
              runs: z.array(Run),
              inForce: Run.nullable(),
              published: z.object({ runNo: z.number(), at: z.string(), requestedByName: z.string().nullable() }).nullable(),
              current: z.boolean(),
              results: z.array(
                z.object({
                  vacancyId: z.string(),
                  schoolName: z.string(),
                  subject: z.string(),
                  seats: z.number(),
                  filled: z.number(),
                  applicants: z.array(
                    z.object({
                      caseId: z.string(),
                      teacherName: z.string(),
                      rank: z.number().nullable(),
                      applicants: z.number(),
                      score: z.number().nullable(),
                      preference: z.number(),
                      result: z.enum(['placed', 'outranked', 'no_vacancy', 'below_placement']),
                      why: Label,
                    }),
                  ),
                }),
              ),
              explanations: z.array(
                z.object({ caseId: z.string(), teacherName: z.string(), placedAt: z.string().nullable(), text: Label }),
              ),
            }),
            may: z.object({
              postVacancies: z.boolean(),
              openRequests: z.boolean(),
              runMatching: z.boolean(),
              publish: z.boolean(),
              scoreSheet: z.boolean(),
              trsImport: z.boolean(),
              /** the phase-closing event the caller may send now (POST /api/cases/:caseId/events), with its label */
              closePhase: z.object({ type: z.string(), label: Label }).nullable(),
            }),
          }),
          ...problems('CASE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await assertRoundVisible(actor, request.params.caseId);
      return transfer.roundAdministration(engine, actor, request.params.caseId);
    },
  );

  r.get(
    '/api/transfer-rounds/:caseId/ranking.xlsx',
    {
      schema: {
        operationId: 'exportTransferRankingXlsx',
        tags: TAGS,
        summary: 'ผลการจัดลำดับและจับคู่ของรอบเป็นไฟล์ Excel / The round’s ranking and matching as an Excel workbook',
        description:
          'Whoever may read the round, once the matching has run (before: 409 DOCUMENT_NOT_READY). Sheet 1: per vacancy (school, subject, seats) each applicant in rank order with the score, which preference it was and the result in words; sheet 2: every request with its school, step, total score, where it is placed and why. The run in force (its number and time in the file name).',
        params: RoundParams,
        response: { 200: z.string().describe('the .xlsx workbook'), ...problems('CASE_NOT_FOUND', 'DOCUMENT_NOT_READY') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await assertRoundVisible(actor, request.params.caseId);
      const admin = await transfer.roundAdministration(engine, actor, request.params.caseId);
      const run = admin.matching.inForce;
      if (run === null)
        throw new EsaError('DOCUMENT_NOT_READY', { caseId: request.params.caseId, document: 'ranking', state: admin.round.state });
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition('attachment', `ผลการจัดลำดับ-${admin.round.label}-ครั้งที่ ${run.runNo}.xlsx`))
        .header('cache-control', 'no-store')
        .send(rawBody(streamWorkbook(rankingWorkbookSheets(admin))));
    },
  );

  /** The score sheet is the working group's: HR officers and the group director of the round's office (403 for the office's others). */
  const scoreSheetRound = async (actor: ReturnType<typeof actorOf>, caseId: string) => {
    await assertRoundVisible(actor, caseId);
    const view = await engine.getCase(actor, caseId);
    if (actingRolesFor(actor, view.case, ['hr_officer', 'group_director']).length === 0)
      throw new EsaError('FORBIDDEN', { action: 'score sheet', caseId });
    return view;
  };

  r.get(
    '/api/transfer-rounds/:caseId/score-sheet.xlsx',
    {
      schema: {
        operationId: 'downloadTransferScoreSheet',
        tags: TAGS,
        summary:
          'ดาวน์โหลดตารางคะแนนของรอบ (Excel) / Download the round’s score sheet: one row per request waiting for scores or their verification, one column per scoring component; the options with their points in the second sheet',
        description:
          'Sheet "คะแนน": ลำดับ, เลขประจำตัวประชาชน (text), ชื่อ-นามสกุล, โรงเรียนปัจจุบัน, ขั้นตอน, one column per entered component (a drop-down of its options, the levels entered so far filled in), ยืนยันคะแนน (ใส่ "ใช่"), หมายเหตุ. Sheet "ตัวเลือกคะแนน": องค์ประกอบ, ตัวเลือก, คะแนน.',
        params: RoundParams,
        response: { 200: z.string().describe('the .xlsx workbook'), ...problems('CASE_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await scoreSheetRound(actor, request.params.caseId);
      const layout = await transfer.scoreSheetLayout(engine, actor, request.params.caseId);
      const name = `ตารางคะแนน ${layout.roundTitle}.xlsx`.replace(/[\\/:*?"<>|]/g, ' ');
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="score-sheet.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'no-store')
        .send(rawBody(await writeScoreSheet(layout)));
    },
  );

  /** The TRS import is the HR officers' of the round's office (403 for the office's others). */
  const trsImportRound = async (actor: ReturnType<typeof actorOf>, caseId: string) => {
    await assertRoundVisible(actor, caseId);
    const view = await engine.getCase(actor, caseId);
    if (actingRolesFor(actor, view.case, ['hr_officer']).length === 0)
      throw new EsaError('FORBIDDEN', { action: 'import TRS requests', caseId });
  };

  r.get(
    '/api/transfer-rounds/:caseId/trs-template.xlsx',
    {
      schema: {
        tags: TAGS,
        operationId: 'downloadTransferTrsTemplate',
        summary: 'ดาวน์โหลดแบบฟอร์มนำเข้าคำขอย้ายจากระบบ TRS (Excel) / Download the round’s template for importing requests filed in TRS',
        description:
          'Sheet "คำขอย้ายจาก TRS": one column per field of a request as TRS exports it (Thai headers; docs/workflows/transfer.md "Importing requests filed in TRS"), drop-downs for the choices, then one column per preference (ความประสงค์ลำดับที่ 1…N, N = the round’s maxPreferences) with a drop-down of the schools with a vacancy, by name and code. Sheet "รายการให้เลือก": the lists. Sheet "คำอธิบาย": what to write in each column. Errors: CASE_NOT_FOUND (404), FORBIDDEN (403: not an HR officer of the round’s office).',
        params: RoundParams,
        response: { 200: z.string().describe('the .xlsx workbook'), ...problems('CASE_NOT_FOUND', 'FORBIDDEN') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await trsImportRound(actor, request.params.caseId);
      const layout = await transfer.trsTemplateLayout(engine, actor, request.params.caseId);
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          contentDisposition('attachment', `แบบนำเข้าคำขอย้ายจาก TRS รอบ ${layout.roundLabel}.xlsx`.replace(/[\\/:*?"<>|]/g, ' ')),
        )
        .header('cache-control', 'no-store')
        .send(rawBody(await writeTrsTemplate(layout)));
    },
  );

  app.register(async (scope) => {
    acceptSpreadsheetBodies(scope, ctx.config.IMPORT_MAX_BYTES);
    acceptMultipartSpreadsheet(scope, ctx.config.IMPORT_MAX_BYTES);
    const rs = scope.withTypeProvider<ZodTypeProvider>();
    const Reason = z.object({ code: z.string(), th: z.string(), en: z.string(), details: z.array(Label) });
    rs.post(
      '/api/transfer-rounds/:caseId/score-sheet',
      {
        config: writeLimit,
        bodyLimit: ctx.config.IMPORT_MAX_BYTES,
        schema: {
          tags: TAGS,
          operationId: 'uploadTransferScoreSheet',
          summary:
            'ส่งตารางคะแนนที่กรอกแล้ว / Upload the filled score sheet: each row becomes the same scoring (and verification) command as the case page’s form, with a report per row (Idempotency-Key: a retry replays the rows already taken)',
          description: `Body: the workbook as downloaded (${XLSX_TYPE}), filled in — as the body itself, or as the file part of multipart/form-data (e.g. curl -F file=@sheet.xlsx). A row names its request by the citizen id; its levels are entered (ENTER_SCORES) when the request waits for scores, and it is verified (VERIFY_SCORES) when its verify column says "ใช่" — four eyes: not by whoever entered the scores. A refused row does not stop the others.`,
          consumes: [XLSX_TYPE, 'text/csv', 'multipart/form-data'],
          params: RoundParams,
          headers: IdempotencyHeaders,
          body: z.any().describe('the filled score sheet (.xlsx)'),
          response: {
            200: z.object({
              rows: z.array(
                z.object({
                  row: z.number(),
                  teacherName: z.string(),
                  outcome: z.enum(['accepted', 'refused', 'skipped']),
                  done: z.array(z.enum(['scored', 'verified'])),
                  replayed: z.boolean(),
                  scoreTotal: z.number().nullable(),
                  reason: Reason.nullable(),
                }),
              ),
              totals: z.object({
                rows: z.number(),
                accepted: z.number(),
                refused: z.number(),
                skipped: z.number(),
                scored: z.number(),
                verified: z.number(),
              }),
              message: Label,
            }),
            ...problems('CASE_NOT_FOUND'),
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const view = await scoreSheetRound(actor, request.params.caseId);
        const layout = transfer.enteredComponents((view.case.snapshot as { context: transfer.RoundContext }).context.params.scoringTable);
        const sheet = await sheetOf(request.body, { maxRows: ctx.config.IMPORT_MAX_ROWS, maxColumns: ctx.config.IMPORT_MAX_COLUMNS });
        const rows = readScoreSheetRows(sheet, layout);
        const key = request.headers['idempotency-key'];
        return transfer.applyScoreSheet(engine, actor, request.params.caseId, rows, typeof key === 'string' ? { idempotencyKey: key } : {});
      },
    );
    const TrsReport = z.object({
      rows: z.array(
        z.object({
          row: z.number(),
          trsRef: z.string(),
          teacherName: z.string(),
          outcome: z.enum(['imported', 'replayed', 'refused', 'skipped']),
          caseId: z.string().nullable(),
          stateLabel: Label.nullable(),
          reason: Reason.nullable(),
        }),
      ),
      totals: z.object({ rows: z.number(), imported: z.number(), replayed: z.number(), refused: z.number(), skipped: z.number() }),
      message: Label,
    });
    rs.post(
      '/api/transfer-rounds/:caseId/trs-import',
      {
        config: writeLimit,
        bodyLimit: ctx.config.IMPORT_MAX_BYTES,
        schema: {
          tags: TAGS,
          operationId: 'importTransferTrsRequests',
          summary:
            'นำเข้าคำขอย้ายที่ครูยื่นในระบบ TRS / Import requests filed in TRS: each row opens the teacher’s request in the round, recorded as filed in TRS (RECORD_EXTERNAL_FILING), at the school’s review; a report per row',
          description: `Body: the round's template (GET …/trs-template.xlsx) with TRS's export pasted in (${XLSX_TYPE}; or CSV; or the file part of multipart/form-data). A row names the teacher by citizen id (the office's personnel records; their current school is the request's) and the preferences by the schools of the round's vacancies (name or code). Each row is its own command: a refused row writes nothing and does not stop the others. The TRS request number is unique per round: the same file sent again replays the rows already imported (outcome "replayed", the same request), never files twice. 200 with the report whenever the file was read — also when rows were refused (those wrote nothing; the good rows are imported; totals.refused counts them and the message says so): fix the refused rows and send the same file again. Row refusals (reason.code): TRS_ROW_INVALID (cells, named in reason.details), TRS_TEACHER_UNKNOWN, TRS_REF_TAKEN (the number was imported for another teacher), TRANSFER_NOT_ELIGIBLE (as of the filing moment: outside the request window, months at the school, preferences… in reason.details), OCCURRED_AT_IN_FUTURE, OCCURRED_AT_TOO_EARLY, SWAP_PARTNER_NOT_FOUND, CYCLE_CLOSED (the round is past the school review). Errors: CASE_NOT_FOUND (404), FORBIDDEN (403: not an HR officer of the round's office), INVALID_PAYLOAD (400: a required column missing, an empty file — nothing written).`,
          consumes: [XLSX_TYPE, 'text/csv', 'multipart/form-data'],
          params: RoundParams,
          headers: IdempotencyHeaders,
          body: z.any().describe('the filled TRS import template (.xlsx)'),
          response: { 200: TrsReport, ...problems('CASE_NOT_FOUND', 'FORBIDDEN') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await trsImportRound(actor, request.params.caseId);
        const sheet = await sheetOf(request.body, { maxRows: ctx.config.IMPORT_MAX_ROWS, maxColumns: ctx.config.IMPORT_MAX_COLUMNS });
        return transfer.importTrsFilings(engine, actor, request.params.caseId, readTrsRows(sheet));
      },
    );
  });
}
