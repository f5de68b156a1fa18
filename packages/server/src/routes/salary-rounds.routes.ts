/**
 * The salary raise round's own steps (docs/workflows/salary-round.md "Running a
 * round"): what an HR officer does to take a round from the appraisal to its
 * close, each step one call, each safe to call again (it touches only the
 * people still waiting where it acts). The committees' steps (screening,
 * budget, approval) are resolutions on the committee pages; people's own
 * steps (scores, acknowledgements, grievances) go through their cases.
 *
 *   POST /api/offices/:officeId/salary-rounds   opens the round of a fiscal year and round (or returns the one open)
 *   roster                  evaluating → appraising: the roster sheet checked, one appraisal opened per eligible person
 *   close-appraisal         appraising → screening: when everyone is scored, or the date passed
 *   tell-results            notifyingAppraisal → allocating: each person told their score and band
 *   allocation              allocating → budgetReview: the allocation computed and put to the committee
 *   publish                 publishing → ordering: the announcement's number from the register, each person told
 *   orders                  ordering → grievanceWindow: one order per signer, each numbered from the register
 *   close-grievance-window  grievanceWindow → settling/closed: once the window has passed;
 *                           settling → closed: once the last grievance is decided
 *
 * The budget committee's allocation of a version-3 round (pools per group, a %
 * range per band, each person's % within it; round-allocation.ts):
 *   GET …/:caseId/allocation              the proposal: pools (budget/used/left), bands with ranges, people (suggestion, decided %)
 *   PUT …/:caseId/allocation/ranges       the ranges per band and the groups pooled per school
 *   PUT …/:caseId/allocation/overrides    the committee's % per person, each with its reason (the whole set)
 * by the office's HR officers and the members seated on its budget committee
 * (salary_budget); then `allocation` (above) proposes it as before.
 *
 * Read-only, for the appraisers and the round's readers:
 *   GET /api/salary-appraisals          the rounds where people wait on my appraisal
 *   GET …/:caseId/appraisals            the people I appraise in the round (bulk scoring)
 *   GET …/:caseId/people                the round's people: state, appraiser, acknowledgement
 *
 * Who (the steps): the HR officers of the round's office (403 for the office's others,
 * 404 for other offices). A step that does not apply yet is 409
 * `ROUND_STEP_NOT_READY` (with how many are settled) or `EVENT_NOT_ALLOWED`.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EsaError,
  formatDocumentNumber,
  formatThaiDate,
  issueDocumentNumber,
  localDateOfInstant,
  schoolNamesOf,
  type Actor,
  type Engine,
} from '@esa-flow/engine';
import { salary } from '@esa-flow/workflows';
import { actorOf } from '../http/authenticate';
import { assertOfficeRole } from '../http/office-scope';
import { acceptSpreadsheetBodies, sheetOf, XLSX_TYPE } from '../http/spreadsheet-body';
import { readRoster, ROSTER_COLUMNS } from '../import/import-roster';
import { REJECTION_REASONS } from '../import/import-table';
import { problems, IdempotencyHeaders, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

const TAGS = ['salary-rounds'];
const Params = z.object({ caseId: Uuid }).strict();
const Done = z.object({
  state: z.string().describe('the round’s state after the step'),
  message: z.object({ th: z.string(), en: z.string() }),
  counts: z.record(z.string(), z.number()),
});
type DoneView = z.infer<typeof Done>;

async function driven(engine: Engine, actor: Actor, caseId: string): Promise<salary.LoadedRound> {
  const round = await salary.loadRound(engine, actor, caseId);
  salary.assertMayDrive(actor, round, 'drive-salary-round');
  return round;
}

/** the staff record without the sheet's row number */
function withoutRow<T extends { row: number }>(r: T): Omit<T, 'row'> {
  const { row: _row, ...rest } = r;
  return rest;
}

function notReady(caseId: string, settled: number, total: number, extra: Record<string, unknown> = {}): EsaError {
  return new EsaError('ROUND_STEP_NOT_READY', { caseId, settled, total, ...extra });
}

export function salaryRoundRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { engine } = ctx;
  const { clock } = engine;
  const config = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };
  const state = async (caseId: string, actor: Actor) => (await salary.loadRound(engine, actor, caseId)).state;

  app.register(async (scope) => {
    acceptSpreadsheetBodies(scope, ctx.config.IMPORT_MAX_BYTES);
    const rs = scope.withTypeProvider<ZodTypeProvider>();
    const Reason = z.object({
      code: z.enum(Object.keys(REJECTION_REASONS) as [keyof typeof REJECTION_REASONS]),
      column: z.string().nullable(),
      th: z.string(),
      en: z.string(),
    });
    rs.post(
      '/api/salary-rounds/:caseId/roster',
      {
        config,
        bodyLimit: ctx.config.IMPORT_MAX_BYTES,
        schema: {
          tags: TAGS,
          operationId: 'openSalaryAppraisalFromRoster',
          summary:
            'เปิดการประเมินจากบัญชีรายชื่อบุคลากร / Open the appraisals from the office’s roster sheet (xlsx or CSV); ?dryRun=true only checks it',
          description: `Body: an Excel workbook (${XLSX_TYPE}) or text/csv, header row first. Columns (* required): ${ROSTER_COLUMNS.map((c) => `${c.th} / ${c.en}${c.required ? ' *' : ''}`).join(', ')}. Any rejected row opens nothing: fix the sheet and send it again. People who are not eligible (months served, leave, suspension) are listed with the reasons and get no appraisal; their notices say why.`,
          consumes: [XLSX_TYPE, 'text/csv'],
          params: Params,
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }).strict(),
          body: z.any().describe('the roster: an .xlsx workbook or CSV text'),
          response: {
            200: z.object({
              dryRun: z.boolean(),
              opened: z.boolean().describe('the appraisals were opened (never on a dry run, nor when a row is rejected)'),
              state: z.string(),
              totals: z.object({ rows: z.number(), considered: z.number(), notConsidered: z.number(), rejected: z.number() }),
              rejected: z.array(z.object({ row: z.number(), key: z.string(), reasons: z.array(Reason) })),
              notConsidered: z.array(
                z.object({
                  row: z.number(),
                  key: z.string(),
                  nameTh: z.string(),
                  reasons: z.array(z.object({ th: z.string(), en: z.string() })),
                }),
              ),
              message: z.object({ th: z.string(), en: z.string() }),
            }),
            ...problems('CASE_NOT_FOUND', 'EVENT_NOT_ALLOWED', 'FORBIDDEN'),
          },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const round = await driven(engine, actor, request.params.caseId);
        salary.expectState(round, 'evaluating');
        const dryRun = request.query.dryRun === 'true';
        const sheet = await sheetOf(request.body, { maxRows: ctx.config.IMPORT_MAX_ROWS, maxColumns: ctx.config.IMPORT_MAX_COLUMNS });
        const { records, rejected } = await readRoster(engine, round.officeId, sheet, ctx.config.IMPORT_MAX_ROWS);
        const period = { from: round.context.dates.evaluationFrom, to: round.context.dates.evaluationTo };
        const verdicts = records.map((rec) => ({
          rec,
          verdict: salary.checkEligibility(salary.StaffRecord.parse(withoutRow(rec)), round.context.params.eligibility, period),
        }));
        const notConsidered = verdicts
          .filter((v) => !v.verdict.eligible)
          .map((v) => ({
            row: v.rec.row,
            key: v.rec.personnelNo,
            nameTh: v.rec.nameTh,
            reasons: v.verdict.reasons.map((x) => ({ th: x.th, en: x.en })),
          }));
        const considered = records.length - notConsidered.length;
        const totals = {
          rows: records.length + rejected.length,
          considered,
          notConsidered: notConsidered.length,
          rejected: rejected.length,
        };
        const open = !dryRun && rejected.length === 0 && records.length > 0;
        if (open) await salary.openRoundAppraisal(engine, actor, { roundCaseId: round.id, roster: records.map(withoutRow) });
        const message = open
          ? {
              th: `เปิดการประเมินแล้ว ${considered} ราย ไม่ได้รับการพิจารณา ${notConsidered.length} ราย (แจ้งเหตุผลในหนังสือแจ้งผล)`,
              en: `${considered} appraisals opened; ${notConsidered.length} people not considered (their notices give the reasons).`,
            }
          : rejected.length > 0
            ? {
                th: `มี ${rejected.length} แถวที่ไม่ถูกต้อง ยังไม่ได้เปิดการประเมิน แก้ไขไฟล์แล้วส่งใหม่`,
                en: `${rejected.length} row(s) are not valid; nothing was opened. Fix the sheet and send it again.`,
              }
            : {
                th: `ตรวจแล้ว: จะเปิดการประเมิน ${considered} ราย ไม่ได้รับการพิจารณา ${notConsidered.length} ราย`,
                en: `Checked: ${considered} appraisals would open; ${notConsidered.length} people would not be considered.`,
              };
        return {
          dryRun,
          opened: open,
          state: await state(round.id, actor),
          totals,
          rejected: rejected.map((x) => ({ ...x, reasons: x.reasons.map((y) => ({ ...y })) })),
          notConsidered,
          message,
        };
      },
    );
  });

  // opening a round (the rounds page's form): one round per office, fiscal year and round, whoever asks
  r.post(
    '/api/offices/:officeId/salary-rounds',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'openSalaryRound',
        summary: 'เปิดรอบการเลื่อนเงินเดือน / Open a salary raise round (the latest version) for a fiscal year and round',
        description:
          'The office’s HR officers. Round 1 appraises 1 October–31 March for the raise on 1 April; round 2 appraises 1 April–30 September for 1 October. The round of that office, year and round already open (by anyone, or by the worker) is returned with `replayed: true` instead of a second one. The round then waits for its criteria to be announced (`ANNOUNCE_CRITERIA` on its case).',
        params: z.object({ officeId: Uuid }).strict(),
        body: z
          .object({
            fiscalYearBe: z.number().int().min(2560).max(2700).describe('ปีงบประมาณ พ.ศ.'),
            round: z.union([z.literal(1), z.literal(2)]),
          })
          .strict(),
        response: {
          200: z.object({ caseId: z.string(), replayed: z.boolean().describe('the round was open already') }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND', 'WORKFLOW_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOfficeRole(actor, request.params.officeId, ['hr_officer'], 'open-salary-round');
      const { caseId, replayed } = await salary.startSalaryRound(engine, actor, {
        officeId: request.params.officeId,
        params: request.body,
      });
      return { caseId, replayed };
    },
  );

  // the appraisers' side (docs/workflows/salary-round.md "Appraisers"): read-only; each score is its own command on the person's case
  const Band = z.object({ code: z.string(), th: z.string(), en: z.string() });
  r.get(
    '/api/salary-appraisals',
    {
      schema: {
        tags: TAGS,
        operationId: 'roundsIAppraise',
        summary: 'รอบเลื่อนเงินเดือนที่มีผู้รอให้ท่านประเมิน / Salary rounds in which people wait on my appraisal',
        response: {
          200: z.object({ items: z.array(z.object({ roundId: z.string(), title: z.string(), waiting: z.number() })) }),
          ...problems(),
        },
      },
    },
    async (request) => ({ items: await salary.roundsIAppraise(engine, actorOf(request)) }),
  );

  r.get(
    '/api/salary-rounds/:caseId/appraisals',
    {
      schema: {
        tags: TAGS,
        operationId: 'myAppraisalsInRound',
        summary: 'ผู้ที่ท่านประเมินในรอบนี้ / The people I appraise in this round (my line of command), with their scores and bands',
        description:
          'Who appraises whom is stored on each person’s case when the round opens (Act ม.72): a school’s director for its teachers and staff, the area director for school directors and deputies, a group director for office staff; never oneself. Send each score as SUBMIT_SCORE to POST /api/cases/{caseId}/events with its own Idempotency-Key and If-Match: the revision.',
        params: Params,
        response: {
          200: z.object({
            round: z.object({ id: z.string(), title: z.string(), state: z.string(), appraisalDueOn: z.string() }),
            bands: z.array(Band.extend({ minScore: z.number() })),
            items: z.array(
              z.object({
                caseId: z.string(),
                revision: z.number(),
                personnelNo: z.string(),
                nameTh: z.string(),
                nameEn: z.string().nullable(),
                position: z.string(),
                schoolId: z.string().nullable(),
                schoolName: z.string().nullable(),
                state: z.string(),
                score: z.number().nullable(),
                band: Band.nullable(),
                canScore: z.boolean(),
              }),
            ),
          }),
          ...problems('CASE_NOT_FOUND'),
        },
      },
    },
    async (request) => salary.myAppraisals(engine, actorOf(request), request.params.caseId),
  );

  r.get(
    '/api/salary-rounds/:caseId/people',
    {
      schema: {
        tags: TAGS,
        operationId: 'salaryRoundPeople',
        summary: 'บุคลากรในรอบ: สถานะ ผู้ประเมิน และการรับทราบผลการประเมิน / The round’s people: state, appraiser, acknowledgement of the result',
        params: Params,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                caseId: z.string(),
                personnelNo: z.string(),
                nameTh: z.string(),
                schoolName: z.string().nullable(),
                state: z.string(),
                appraiser: z.object({ role: z.string(), schoolId: z.string().nullable() }).nullable(),
                acknowledgedAt: z.string().nullable(),
              }),
            ),
          }),
          ...problems('CASE_NOT_FOUND'),
        },
      },
    },
    async (request) => ({ items: await salary.roundPeople(engine, actorOf(request), request.params.caseId) }),
  );

  r.post(
    '/api/salary-rounds/:caseId/close-appraisal',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'closeSalaryAppraisal',
        summary: 'ปิดรับผลการประเมิน / Close the appraisal (everyone scored, or the round’s date passed)',
        params: Params,
        response: { 200: Done, ...problems('CASE_NOT_FOUND', 'FORBIDDEN', 'ROUND_STEP_NOT_READY') },
      },
    },
    async (request): Promise<DoneView> => {
      const actor = actorOf(request);
      const round = await driven(engine, actor, request.params.caseId);
      salary.expectState(round, 'appraising');
      const outcome = await salary.closeAppraisal(engine, round.id);
      if (!outcome.advanced)
        throw notReady(round.id, outcome.settled, outcome.total, { appraisalDueOn: round.context.dates.appraisalDueOn });
      return {
        state: await state(round.id, actor),
        message: {
          th: `ปิดรับผลการประเมินแล้ว ได้รับผล ${outcome.settled} จาก ${outcome.total} ราย${outcome.markedNotAppraised ? ` ผู้ไม่มีผลการประเมินภายในกำหนด ${outcome.markedNotAppraised} ราย` : ''}`,
          en: `Appraisal closed: ${outcome.settled} of ${outcome.total} appraised${outcome.markedNotAppraised ? `, ${outcome.markedNotAppraised} not appraised by the date` : ''}.`,
        },
        counts: { settled: outcome.settled, total: outcome.total, notAppraised: outcome.markedNotAppraised },
      };
    },
  );

  r.post(
    '/api/salary-rounds/:caseId/tell-results',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'tellSalaryAppraisalResults',
        summary: 'แจ้งผลการประเมินรายบุคคล / Tell each person their score and band',
        params: Params,
        response: { 200: Done, ...problems('CASE_NOT_FOUND', 'EVENT_NOT_ALLOWED') },
      },
    },
    async (request): Promise<DoneView> => {
      const actor = actorOf(request);
      const round = await driven(engine, actor, request.params.caseId);
      const { told, outcome } = await salary.tellAppraisalResults(engine, actor, round.id);
      if (!outcome.advanced) throw notReady(round.id, outcome.settled, outcome.total);
      return {
        state: await state(round.id, actor),
        message: { th: `แจ้งผลการประเมินแล้ว ${told} ราย`, en: `${told} people told their appraisal result.` },
        counts: { told },
      };
    },
  );

  // the budget committee's allocation (version 3): read, ranges, decisions per person
  const Money = z.number().int().describe('satang (1 baht = 100 satang)');
  const RangeBp = z.object({ minBp: z.number().int(), maxBp: z.number().int() });
  const Lines = z.object({ th: z.array(z.string()), en: z.array(z.string()) });
  const AllocationViewSchema = z.object({
    round: z.object({ id: z.string(), state: z.string() }),
    editable: z.boolean().describe('the round is at the allocation and you may save'),
    proposed: z.boolean().describe('the round is past the allocation (the committees have the proposal)'),
    policy: z.object({
      poolBp: z.number().int(),
      capBp: z.number().int(),
      pooling: z.enum(['by_group', 'office']),
      bySchool: z.array(z.enum(salary.POOL_GROUPS)),
    }),
    rounding: z.object({ unitSatang: z.number().int(), mode: z.enum(['up', 'down', 'nearest']) }),
    groups: z.array(z.object({ code: z.enum(salary.POOL_GROUPS), th: z.string(), en: z.string() })),
    bands: z.array(
      z.object({
        code: z.string(),
        th: z.string(),
        en: z.string(),
        minScore: z.number(),
        weight: z.number().int().describe('thousandths: the band’s weight in the suggestion'),
        raised: z.boolean(),
        range: RangeBp.nullable(),
      }),
    ),
    pools: z.array(
      z.object({
        key: z.string(),
        group: z.enum(salary.POOL_GROUPS).nullable(),
        schoolId: z.string().nullable(),
        label: z.object({ th: z.string(), en: z.string() }),
        people: z.number().int(),
        salaryTotalSatang: Money,
        budgetSatang: Money,
        usedSatang: Money,
        leftSatang: Money.describe('negative: the pool is exceeded'),
        rateMicroPct: z.number().int(),
      }),
    ),
    people: z.array(
      z.object({
        caseId: z.string(),
        personnelNo: z.string(),
        nameTh: z.string(),
        position: z.string(),
        schoolId: z.string().nullable(),
        schoolName: z.string().nullable(),
        pool: z.string(),
        score: z.number().nullable(),
        band: z.object({ code: z.string(), th: z.string(), en: z.string() }).nullable(),
        salarySatang: Money,
        baseSatang: Money,
        maxSalarySatang: Money.nullable(),
        range: RangeBp.nullable(),
        suggestedBp: z.number().int(),
        pctBp: z.number().int(),
        amountSatang: Money,
        raised: z.boolean(),
        override: z.object({ pctBp: z.number().int(), reason: z.string(), at: z.string() }).nullable(),
        explanation: Lines,
      }),
    ),
    problems: z.array(z.record(z.string(), z.unknown())),
    totals: z.object({
      budgetSatang: Money,
      usedSatang: Money,
      leftSatang: Money,
      considered: z.number().int(),
      raised: z.number().int(),
      overrides: z.number().int(),
    }),
    digest: z.string(),
  });
  const Saved = AllocationViewSchema.extend({
    saved: z.boolean().describe('false: nothing changed'),
    replayed: z.boolean(),
    revision: z.number().int().nullable(),
  });
  const savedOf = (result: salary.SaveResult) => ({
    ...result.view,
    saved: result.command !== null,
    replayed: result.command?.replayed ?? false,
    revision: result.command?.revision ?? null,
  });

  r.get(
    '/api/salary-rounds/:caseId/allocation',
    {
      schema: {
        tags: TAGS,
        operationId: 'salaryAllocationProposal',
        summary:
          'ข้อเสนอการจัดสรรวงเงินตามกลุ่มและช่วงร้อยละ / The allocation as the budget committee works on it: pools (budget, used, left), bands with their ranges, people with the suggestion and the decided %',
        description:
          'Version-3 rounds allocated by band ranges (409 ALLOCATION_NOT_BY_RANGES otherwise). Read by the office’s HR officers, group and area directors, auditors and admins, and the members seated on its budget committee (salary_budget); others 403, other offices 404.',
        params: Params,
        response: { 200: AllocationViewSchema, ...problems('CASE_NOT_FOUND', 'FORBIDDEN') },
      },
    },
    async (request) => salary.allocationView(engine, actorOf(request), request.params.caseId),
  );

  r.put(
    '/api/salary-rounds/:caseId/allocation/ranges',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'setSalaryAllocationRanges',
        summary:
          'กำหนดช่วงร้อยละของแต่ละระดับและกลุ่มที่แยกวงเงินรายสถานศึกษา / Set the % range of each band and the groups pooled per school (Idempotency-Key)',
        description:
          'At the allocation, by the office’s HR officers and the members seated on its budget committee. Every band that is raised needs one range; 0 ≤ min ≤ max ≤ the cap; a higher band neither starts nor ends below a lower one (422 ALLOCATION_RANGES_INVALID, each problem listed). Refused when a decided % falls outside its band’s new range (422 ALLOCATION_OVERRIDE_INVALID) or a pool would be exceeded (422 ALLOCATION_POOL_EXCEEDED, naming the pool and by how much). Percentages in basis points: 350 = 3.50 %.',
        params: Params,
        headers: IdempotencyHeaders,
        body: z
          .object({ ranges: z.array(salary.BandRange).min(1).max(10), bySchool: z.array(z.enum(salary.POOL_GROUPS)).max(4).default([]) })
          .strict(),
        response: { 200: Saved, ...problems('ALLOCATION_RANGES_INVALID', 'CASE_NOT_FOUND', 'EVENT_NOT_ALLOWED', 'FORBIDDEN') },
      },
    },
    async (request) => {
      const key = request.headers['idempotency-key'];
      const result = await salary.setAllocationRanges(
        engine,
        actorOf(request),
        request.params.caseId,
        request.body,
        typeof key === 'string' ? { idempotencyKey: key } : {},
      );
      return savedOf(result);
    },
  );

  r.put(
    '/api/salary-rounds/:caseId/allocation/overrides',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'setSalaryAllocationOverrides',
        summary:
          'บันทึกร้อยละที่คณะกรรมการกำหนดรายบุคคล พร้อมเหตุผล / The committee’s % for people, each with its reason (the whole set; Idempotency-Key)',
        description:
          'The whole set each time: a person left out goes back to the suggestion. Each % within the person’s band’s range (and the cap), for a person of the round in a band that is raised, with a reason (422 ALLOCATION_OVERRIDE_INVALID, each problem listed; 400 without a reason). Refused when a pool would be exceeded (422 ALLOCATION_POOL_EXCEEDED, the pool named, by how much). Nothing is written on a refusal.',
        params: Params,
        headers: IdempotencyHeaders,
        body: z.object({ overrides: z.array(salary.AllocationOverride).max(5000) }).strict(),
        response: { 200: Saved, ...problems('ALLOCATION_OVERRIDE_INVALID', 'ALLOCATION_POOL_EXCEEDED', 'CASE_NOT_FOUND') },
      },
    },
    async (request) => {
      const key = request.headers['idempotency-key'];
      const result = await salary.setAllocationOverrides(
        engine,
        actorOf(request),
        request.params.caseId,
        request.body,
        typeof key === 'string' ? { idempotencyKey: key } : {},
      );
      return savedOf(result);
    },
  );

  r.post(
    '/api/salary-rounds/:caseId/allocation',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'proposeSalaryAllocation',
        summary: 'เสนอการจัดสรรวงเงินต่อคณะกรรมการ / Compute the allocation and put it to the budget committee',
        description:
          'By the round’s policy (version 3: the committee’s ranges and decisions). `poolBp`: the pool as the budget committee revised it (e.g. a reserve kept back: 295 = 2.95 % of the salaries), the rest of the policy unchanged; without it, the pool of the round’s policy (or of its last proposal). Answers the allocation’s `digest` (what the committees approve and the publication must match).',
        params: Params,
        body: z
          .object({ poolBp: z.number().int().min(1).max(1000).optional().describe('the pool, basis points of the salaries (300 = 3 %)') })
          .strict()
          .nullish(),
        response: { 200: Done.extend({ digest: z.string() }), ...problems('CASE_NOT_FOUND') },
      },
    },
    async (request): Promise<DoneView & { digest: string }> => {
      const actor = actorOf(request);
      const round = await driven(engine, actor, request.params.caseId);
      const poolBp = request.body?.poolBp;
      const v3 = salary.v3Context(round);
      const current = v3 ? v3.allocationPolicy : (round.context.proposal?.policy ?? round.context.params.policy);
      const allocation = await salary.proposeAllocation(
        engine,
        actor,
        round.id,
        poolBp !== undefined ? { policy: { ...current, poolBp } } : {},
      );
      const baht = (satang: number) => (satang / 100).toLocaleString('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      return {
        state: await state(round.id, actor),
        message: {
          th: `เสนอการจัดสรรแล้ว เลื่อน ${allocation.raisedCount} จาก ${allocation.people.length} ราย ใช้วงเงิน ${baht(allocation.allocatedSatang)} จาก ${baht(allocation.poolSatang)} บาท`,
          en: `Allocation proposed: ${allocation.raisedCount} of ${allocation.people.length} raised, ${baht(allocation.allocatedSatang)} of ${baht(allocation.poolSatang)} baht used.`,
        },
        counts: {
          considered: allocation.people.length,
          raised: allocation.raisedCount,
          poolSatang: allocation.poolSatang,
          allocatedSatang: allocation.allocatedSatang,
        },
        digest: allocation.digest,
      };
    },
  );

  r.post(
    '/api/salary-rounds/:caseId/publish',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'publishSalaryResults',
        summary: 'ประกาศรายชื่อและแจ้งผลรายบุคคล / Publish the lists (numbered from the announcement register) and tell each person',
        params: Params,
        response: { 200: Done.extend({ announcementNo: z.string() }), ...problems('CASE_NOT_FOUND', 'FORBIDDEN') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const round = await driven(engine, actor, request.params.caseId);
      salary.expectState(round, 'publishing');
      const { params } = round.context;
      // the number first, in its own transaction: asking again (a retry) returns the same one
      const number = await issueDocumentNumber(engine, {
        officeId: round.officeId,
        register: 'announcement',
        subjectKey: `case:${round.id}:salary-announcement`,
        title: `ประกาศรายชื่อผู้มีผลการประเมินดีเด่นและดีมาก การเลื่อนเงินเดือน ครั้งที่ ${params.round}/${params.fiscalYearBe}`,
        caseId: round.id,
        issuedBy: actor.id,
        issuedAt: clock.now(),
      });
      const announcementNo = formatDocumentNumber(number);
      const published = await salary.publishResults(engine, actor, round.id, {
        announcementRef: `ประกาศ ที่ ${announcementNo}`,
        schoolNames: await schoolNamesOf(engine, round.officeId),
      });
      return {
        state: await state(round.id, actor),
        announcementNo,
        message: {
          th: `ประกาศ ที่ ${announcementNo} แล้ว แจ้งผลรายบุคคล ${published.told} ราย ร้องทุกข์ได้ถึง ${formatThaiDate(published.windowEndsAt, 'th')}`,
          en: `Announcement ${announcementNo} published; ${published.told} people told; grievances until ${formatThaiDate(published.windowEndsAt, 'en')}.`,
        },
        counts: { told: published.told, listed: published.lists.reduce((n, l) => n + l.entries.length, 0) },
      };
    },
  );

  r.post(
    '/api/salary-rounds/:caseId/orders',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'issueSalaryOrders',
        summary: 'ออกคำสั่งเลื่อนเงินเดือน / One order per signer (area director; each school director), each numbered from the order register',
        params: Params,
        response: {
          200: Done.extend({
            orders: z.array(
              z.object({
                number: z.string(),
                authority: z.enum(['school_director', 'area_director']),
                schoolName: z.string().nullable(),
                count: z.number(),
              }),
            ),
          }),
          ...problems('CASE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const round = await driven(engine, actor, request.params.caseId);
      salary.expectState(round, 'ordering');
      const groups = await salary.plannedOrders(engine, actor, round.id);
      if (groups.length === 0) throw notReady(round.id, 0, 0, { reason: 'nobody is raised' });
      const schools = await schoolNamesOf(engine, round.officeId);
      const { params } = round.context;
      const now = clock.now();
      const orders: {
        number: string;
        authority: 'school_director' | 'area_director';
        schoolName: string | null;
        count: number;
        schoolId: string | null;
      }[] = [];
      for (const g of groups) {
        const schoolName = g.schoolId ? (schools.get(g.schoolId) ?? null) : null;
        const n = await issueDocumentNumber(engine, {
          officeId: round.officeId,
          register: 'order',
          subjectKey: `case:${round.id}:salary-order:${g.authority}:${g.schoolId ?? 'area'}`,
          title: `คำสั่งเลื่อนเงินเดือน ครั้งที่ ${params.round}/${params.fiscalYearBe}${schoolName ? ` ${schoolName}` : ''} (${g.personnelNos.length} ราย)`,
          caseId: round.id,
          issuedBy: actor.id,
          issuedAt: now,
        });
        orders.push({
          number: formatDocumentNumber(n),
          authority: g.authority,
          schoolName,
          count: g.personnelNos.length,
          schoolId: g.schoolId,
        });
      }
      await engine.dispatch({
        actor,
        caseId: round.id,
        type: 'ORDERS_ISSUED',
        payload: {
          orders: orders.map((o) => ({
            ref: `คำสั่ง ที่ ${o.number}`,
            issuedOn: localDateOfInstant(now),
            authority: o.authority,
            schoolId: o.schoolId,
            count: o.count,
          })),
        },
      });
      return {
        state: await state(round.id, actor),
        orders: orders.map(({ schoolId: _s, ...o }) => o),
        message: {
          th: `ออกคำสั่งเลื่อนเงินเดือนแล้ว ${orders.length} ฉบับ (เลขที่ ${orders.map((o) => o.number).join(', ')})`,
          en: `${orders.length} salary order(s) issued (${orders.map((o) => o.number).join(', ')}).`,
        },
        counts: { orders: orders.length, people: orders.reduce((n, o) => n + o.count, 0) },
      };
    },
  );

  r.post(
    '/api/salary-rounds/:caseId/close-grievance-window',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'closeSalaryGrievanceWindow',
        summary:
          'ปิดระยะเวลาร้องทุกข์ และปิดรอบเมื่อพิจารณาเรื่องร้องทุกข์ครบ / Close the grievance window once it has passed; then close the round once every grievance is decided',
        description:
          'In the window (grievanceWindow): once it has passed, closed for everyone who did not file, and the round closed when nothing is pending. After it (settling): the round closed once the last grievance is decided; before, 409 ROUND_STEP_NOT_READY with how many are settled.',
        params: Params,
        response: { 200: Done, ...problems('CASE_NOT_FOUND', 'ROUND_STEP_NOT_READY') },
      },
    },
    async (request): Promise<DoneView> => {
      const actor = actorOf(request);
      const round = await driven(engine, actor, request.params.caseId);
      if (round.state === 'settling') {
        // the window closed earlier with grievances pending: the round closes once the last one is decided
        const finished = await salary.finishRoundIfSettled(engine, round.id);
        if (!finished.advanced) throw notReady(round.id, finished.settled, finished.total);
        return {
          state: await state(round.id, actor),
          message: { th: 'พิจารณาเรื่องร้องทุกข์ครบแล้ว ปิดรอบแล้ว', en: 'Every grievance is decided; the round is closed.' },
          counts: { closed: 0 },
        };
      }
      salary.expectState(round, 'grievanceWindow');
      const result = await salary.closeGrievanceWindow(engine, round.id);
      if (!result.window?.advanced) {
        const endsAt = round.context.publication?.windowEndsAt;
        throw notReady(round.id, result.window?.settled ?? 0, result.window?.total ?? 0, endsAt ? { windowEndsAt: endsAt } : {});
      }
      const after = await state(round.id, actor);
      return {
        state: after,
        message: {
          th: after === 'closed' ? `ปิดระยะเวลาร้องทุกข์และปิดรอบแล้ว` : `ปิดระยะเวลาร้องทุกข์แล้ว รอผลการพิจารณาเรื่องร้องทุกข์ที่ค้างอยู่`,
          en:
            after === 'closed'
              ? 'The grievance window and the round are closed.'
              : 'The grievance window is closed; pending grievances are still to be decided.',
        },
        counts: { closed: result.closed },
      };
    },
  );
}
