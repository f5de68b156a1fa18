/**
 * Academic standing (วิทยฐานะ) over HTTP, the one host function with no
 * generic equivalent: importing the requests teachers filed in OTEPC's DPA
 * system (issue 21, docs/workflows/academic-standing.md "นำเข้าคำขอจากระบบ
 * DPA") — the office's template, and the upload with a report per row. The
 * cases themselves are plain cases (`POST /api/cases`, `POST
 * /api/cases/:caseId/events`). An office where the caller holds no role is
 * 404; the office's others are 403 (only its HR officers, office-wide).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { academicStanding } from '@esa-flow/workflows';
import { actorOf } from '../http/authenticate';
import { contentDisposition } from '../http/content-disposition';
import { assertOfficeRole } from '../http/office-scope';
import { rawBody } from '../http/raw-body';
import { problems, IdempotencyHeaders, Uuid } from '../http/schemas';
import { acceptMultipartSpreadsheet, acceptSpreadsheetBodies, sheetOf, XLSX_TYPE } from '../http/spreadsheet-body';
import { readDpaRows, writeDpaTemplate } from '../import/dpa-filings';
import type { RouteContext } from './route-context';

const TAGS = ['academic-standing'];
const Label = z.object({ th: z.string(), en: z.string() });
const Reason = z.object({ code: z.string(), th: z.string(), en: z.string(), details: z.array(Label) });
const IMPORTERS = ['hr_officer'] as const;

export function academicStandingRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { engine } = ctx;
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };
  const OfficeParams = z.object({ officeId: Uuid });

  r.get(
    '/api/offices/:officeId/academic-standing/dpa-template.xlsx',
    {
      schema: {
        tags: TAGS,
        operationId: 'downloadAcademicStandingDpaTemplate',
        summary:
          'ดาวน์โหลดแบบฟอร์มนำเข้าคำขอวิทยฐานะจากระบบ DPA (Excel) / Download the office’s template for importing academic-standing requests filed in DPA',
        description:
          'Sheet "คำขอวิทยฐานะจาก DPA": one column per field of a request as DPA lists it (Thai headers; docs/workflows/academic-standing.md "นำเข้าคำขอจากระบบ DPA"), drop-downs for the position, the current and the requested standing. Sheet "รายการให้เลือก": the lists. Sheet "คำอธิบาย": what to write in each column. Errors: OFFICE_NOT_FOUND (404: an office where you hold no role), FORBIDDEN (403: not an HR officer of the office as a whole).',
        params: OfficeParams,
        response: { 200: z.string().describe('the .xlsx workbook'), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      assertOfficeRole(actor, request.params.officeId, IMPORTERS, 'import DPA requests');
      const layout = await academicStanding.dpaTemplateLayout(engine, actor, request.params.officeId);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition('attachment', 'แบบนำเข้าคำขอวิทยฐานะจากระบบ DPA.xlsx'))
        .header('cache-control', 'no-store')
        .send(rawBody(await writeDpaTemplate(layout)));
    },
  );

  app.register(async (scope) => {
    acceptSpreadsheetBodies(scope, ctx.config.IMPORT_MAX_BYTES);
    acceptMultipartSpreadsheet(scope, ctx.config.IMPORT_MAX_BYTES);
    const rs = scope.withTypeProvider<ZodTypeProvider>();
    const DpaReport = z.object({
      rows: z.array(
        z.object({
          row: z.number(),
          dpaRef: z.string(),
          personName: z.string(),
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
      '/api/offices/:officeId/academic-standing/dpa-import',
      {
        config: writeLimit,
        bodyLimit: ctx.config.IMPORT_MAX_BYTES,
        schema: {
          tags: TAGS,
          operationId: 'importAcademicStandingDpaRequests',
          summary:
            'นำเข้าคำขอวิทยฐานะที่ยื่นในระบบ DPA / Import academic-standing requests filed in DPA: each row opens the request, recorded as filed in DPA (RECORD_DPA_FILING), at the eligibility check; a report per row',
          description: `Body: the office's template (GET …/dpa-template.xlsx) with DPA's list pasted in (${XLSX_TYPE}; or CSV; or the file part of multipart/form-data). A row names the person by citizen id or position number (the office's personnel records) and gives what the application needs; the penalties come from the person's record. Each row is its own transaction: a refused row writes nothing and does not stop the others. The DPA request number is unique per office: the same file sent again replays the rows already imported (outcome "replayed", the same case), never files twice. 200 with the report whenever the file was read — also when rows were refused (totals.refused counts them; the good rows are imported). Row refusals (reason.code): DPA_ROW_INVALID (cells, named in reason.details), DPA_PERSON_UNKNOWN, DPA_REF_TAKEN (the number was imported for another person), DPA_ALREADY_FILED (a running request for the same standing), INVALID_INPUT, OCCURRED_AT_IN_FUTURE, OCCURRED_AT_TOO_EARLY. Errors (nothing written): OFFICE_NOT_FOUND (404), FORBIDDEN (403: not an HR officer of the office as a whole), INVALID_PAYLOAD (400: a required column missing, an empty or unreadable file).`,
          consumes: [XLSX_TYPE, 'text/csv', 'multipart/form-data'],
          params: OfficeParams,
          headers: IdempotencyHeaders,
          body: z.any().describe('the filled DPA import template (.xlsx)'),
          response: { 200: DpaReport, ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        assertOfficeRole(actor, request.params.officeId, IMPORTERS, 'import DPA requests');
        const sheet = await sheetOf(request.body, { maxRows: ctx.config.IMPORT_MAX_ROWS, maxColumns: ctx.config.IMPORT_MAX_COLUMNS });
        return academicStanding.importDpaFilings(engine, actor, request.params.officeId, readDpaRows(sheet));
      },
    );
  });
}
