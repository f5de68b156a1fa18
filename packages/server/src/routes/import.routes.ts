/**
 * Imports of an office's schools and staff (docs/api.md): POST the file as
 * `text/csv` or as an Excel workbook (.xlsx, its first sheet), get a report per row — created, updated, unchanged or
 * rejected with the reasons in Thai and English. Valid rows are written in
 * one transaction, rejected rows write nothing, and importing the same file
 * again changes nothing. `?dryRun=true` checks and reports without writing.
 *
 * Who: the office's admins and HR officers (office-wide grants); another
 * office is 404. Staff rows with a username or a role create user accounts
 * and grant roles, which only the office's admins may do (such a row from
 * an HR officer is rejected, `accounts_admin_only`). The `text/csv` and
 * xlsx parsers are registered inside this module's own plugin scope, so no
 * other route accepts such bodies.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Engine } from '@esa-flow/engine';

import { actorOf } from '../http/authenticate';
import { toCsv } from '../http/csv';
import { rawBody } from '../http/raw-body';
import { xlsxTemplate } from '../spreadsheet/write-xlsx';
import type { SheetRows } from '../spreadsheet/sheet-rows';
import type { ImportColumn } from '../import/import-table';
import { assertOfficeRole } from '../http/office-scope';
import { problems, Uuid } from '../http/schemas';
import { importSchools, SCHOOL_COLUMNS } from '../import/import-schools';
import { importPersonnel, PERSONNEL_COLUMNS } from '../import/import-personnel';
import { importStaff, STAFF_COLUMNS } from '../import/import-staff';
import { REJECTION_REASONS } from '../import/import-table';
import { acceptSpreadsheetBodies, sheetOf, XLSX_TYPE } from '../http/spreadsheet-body';
import type { RouteContext } from './route-context';

const TAGS = ['import'];

const ReportSchema = z.object({
  kind: z.enum(['schools', 'staff', 'personnel']),
  dryRun: z.boolean(),
  totals: z.object({ rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() }),
  rows: z.array(
    z.object({
      row: z.number().describe('spreadsheet row number: the header is row 1'),
      key: z.string().describe('school code or citizen id, as read'),
      status: z.enum(['created', 'updated', 'unchanged', 'rejected']),
      reasons: z.array(
        z.object({
          code: z.enum(Object.keys(REJECTION_REASONS) as [keyof typeof REJECTION_REASONS]),
          column: z.string().nullable(),
          th: z.string(),
          en: z.string(),
        }),
      ),
      account: z
        .object({
          username: z.string(),
          created: z.boolean().describe('the import creates the account (dry run: would create it)'),
          hasPassword: z.boolean().describe('false: nobody can sign in until an admin sets a password'),
          role: z
            .object({
              code: z.string(),
              schoolId: z.string().nullable(),
              granted: z.boolean().describe('false: the role was already held'),
            })
            .nullable(),
        })
        .optional()
        .describe('staff rows naming a username or a role'),
    }),
  ),
  accounts: z
    .object({
      created: z.number(),
      rolesGranted: z.number(),
      withoutPassword: z.number(),
      note: z.object({ th: z.string(), en: z.string() }).nullable(),
    })
    .optional()
    .describe('staff imports: user accounts created and roles granted'),
});

const KINDS = {
  schools: {
    columns: SCHOOL_COLUMNS,
    run: (engine: Engine, officeId: string, sheet: SheetRows, dryRun: boolean) => importSchools(engine, officeId, sheet, dryRun),
    th: 'โรงเรียน',
    en: 'schools',
  },
  staff: { columns: STAFF_COLUMNS, run: importStaff, th: 'บุคลากร', en: 'staff' },
  personnel: { columns: PERSONNEL_COLUMNS, run: null, th: 'ระเบียนบุคคล', en: 'person records' },
} as const;
const KIND_NAMES = ['schools', 'staff', 'personnel'] as const;

/** A template's header: the column's Thai name and its first English header ("เลขประจำตัวประชาชน/citizen id"), both accepted back. */
const templateHeader = (c: ImportColumn) => `${c.th}/${c.headers.find((h) => /^[\x20-\x7e]+$/.test(h)) ?? c.en}`;

/** A template column's cell type: the citizen id as text (Excel keeps its 13 digits), dates as Thai dates, money in baht, the rest text. */
function templateKind(c: ImportColumn): 'citizenId' | 'date' | 'baht' | 'text' {
  if (c.key === 'citizen_id') return 'citizenId';
  if (/_(on|since)$/.test(c.key)) return 'date';
  if (['salary', 'base', 'max_salary'].includes(c.key)) return 'baht';
  return 'text';
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

const describeColumns = (kind: keyof typeof KINDS) =>
  KINDS[kind].columns.map((c) => `${c.key} (${c.th} / ${c.en})${c.required ? ' *' : ''}`).join(', ');

export function importRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };
  const engine = ctx.engine;
  const { clock } = engine;
  const { IMPORT_MAX_BYTES: MAX_CSV_BYTES, IMPORT_MAX_ROWS: MAX_IMPORT_ROWS, IMPORT_MAX_COLUMNS: MAX_IMPORT_COLUMNS } = ctx.config;

  app.register(async (scope) => {
    acceptSpreadsheetBodies(scope, MAX_CSV_BYTES);
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/import/:kind/columns',
      {
        schema: {
          operationId: 'getImportColumns',
          tags: TAGS,
          summary:
            'คอลัมน์ของไฟล์นำเข้า (JSON หรือแม่แบบ Excel/CSV) / The columns an import accepts, as JSON or as an empty template (?format=xlsx, with the citizen id column typed as text, or ?format=csv)',
          params: z.object({ kind: z.enum(KIND_NAMES) }),
          querystring: z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }).strict(),
          response: {
            200: z.union([
              z.object({
                columns: z.array(
                  z.object({ key: z.string(), headers: z.array(z.string()), required: z.boolean(), th: z.string(), en: z.string() }),
                ),
                maxRows: z.number(),
              }),
              z.string(),
            ]),
            ...problems(),
          },
        },
      },
      async (request, reply) => {
        const columns = KINDS[request.params.kind].columns;
        if (request.query.format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${request.params.kind}-template.csv"`)
            .send(toCsv(columns.map(templateHeader), []));
        }
        if (request.query.format === 'xlsx') {
          const kind = KINDS[request.params.kind];
          const workbook = await xlsxTemplate(
            kind.th,
            columns.map((c) => ({ header: templateHeader(c), kind: templateKind(c) })),
          );
          return reply
            .type(XLSX_TYPE)
            .header(
              'content-disposition',
              `attachment; filename="${request.params.kind}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(`แม่แบบนำเข้า${kind.th}.xlsx`)}`,
            )
            .send(rawBody(workbook));
        }
        return {
          columns: columns.map((c) => ({ key: c.key, headers: [...c.headers], required: c.required, th: c.th, en: c.en })),
          maxRows: MAX_IMPORT_ROWS,
        };
      },
    );

    for (const kind of KIND_NAMES) {
      r.post(
        `/api/offices/:officeId/import/${kind}`,
        {
          config: writeLimit,
          bodyLimit: MAX_CSV_BYTES,
          schema: {
            operationId: `import${kind.charAt(0).toUpperCase()}${kind.slice(1)}`,
            tags: TAGS,
            summary: `นำเข้าข้อมูล${KINDS[kind].th}จากไฟล์ Excel หรือ CSV / Import ${KINDS[kind].en} of my office from an Excel workbook or CSV (admins, HR officers)`,
            description: `Body: an Excel workbook (${XLSX_TYPE}; its first sheet is read) or text/csv (UTF-8 with or without a BOM, or Windows-874), header row first; Thai or English headers. Columns (* required): ${describeColumns(kind)}. Up to ${MAX_IMPORT_ROWS} rows, ${MAX_IMPORT_COLUMNS} columns and ${MAX_CSV_BYTES} bytes (IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_BYTES).`,
            consumes: [XLSX_TYPE, 'text/csv'],
            params: z.object({ officeId: Uuid }),
            querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }).strict(),
            body: z.any().describe('the file: an .xlsx workbook or CSV text'),
            response: { 200: ReportSchema, ...problems('FORBIDDEN', 'IMPORT_TOO_LARGE', 'OFFICE_NOT_FOUND') },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          const officeId = request.params.officeId;
          assertOfficeRole(actor, officeId, ['admin', 'hr_officer'], `import.${kind}`);
          const limits = { maxRows: MAX_IMPORT_ROWS, maxColumns: MAX_IMPORT_COLUMNS };
          const sheet = await sheetOf(request.body, limits);
          // accounts and roles (staff rows with a username or role) are the office admins' alone
          const mayManageAccounts = actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && g.role === 'admin');
          const dryRun = request.query.dryRun === 'true';
          if (kind === 'personnel') {
            // the file's name (optional, URI-encoded): kept as the source of every value it records
            const header = request.headers['x-file-name'];
            const fileName = typeof header === 'string' && header !== '' ? safeDecode(header).slice(0, 200) : null;
            return importPersonnel(engine, officeId, sheet, dryRun, { now: clock.now(), userId: actor.id, fileName }, MAX_IMPORT_ROWS);
          }
          return KINDS[kind].run(engine, officeId, sheet, dryRun, { mayManageAccounts, now: clock.now() });
        },
      );
    }
  });
}
