/**
 * The supervisor's view of deadlines (docs/sla.md "what to watch", docs/api.md):
 * for the offices I supervise, how many clocks are open, overdue or at risk
 * by step, office and person who must act; how often each step is met on
 * time and how long it takes; and the cases behind each number.
 *
 * Deny by default: only group directors, area directors, HR officers,
 * auditors and admins, each for the offices where they hold that role
 * office-wide. Anyone else gets 403; another office never appears (asking
 * for it by id is 404).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EsaError, type Role } from '@esa-flow/engine';
import { actorOf } from '../http/authenticate';
import { assertOfficeVisible, officesWithRole } from '../http/office-scope';
import { problems, Label, Uuid } from '../http/schemas';
import { contentDisposition } from '../http/content-disposition';
import { rawBody } from '../http/raw-body';
import { streamXlsx, XLSX_TYPE, type SheetColumn } from '../spreadsheet/write-xlsx';
import { CLOCK_FILTERS, slaByOffice, slaCases, slaOverview, type ClockCase, type SlaScope } from '@esa-flow/engine';
import type { RouteContext } from './route-context';

/** The roles that may supervise an office's deadlines. */
export const SUPERVISOR_ROLES: readonly Role[] = ['group_director', 'area_director', 'hr_officer', 'auditor', 'admin'];

const TAGS = ['supervision'];
const Instant = z.iso.datetime({ offset: true });

const ScopeQuery = z.object({
  officeId: Uuid.optional(),
  workflowId: z.string().min(1).max(100).optional(),
  step: z.string().min(1).max(200).optional(),
  /** closed clocks (on-time share, time spent): closed at or after this instant */
  since: Instant.optional(),
  /** closed clocks: closed before this instant */
  until: Instant.optional(),
});

const Counts = { open: z.number(), overdue: z.number(), atRisk: z.number() };

export function supervisionRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;

  const scopeOf = (q: z.infer<typeof ScopeQuery>, actor: ReturnType<typeof actorOf>): SlaScope => {
    const mine = officesWithRole(actor, SUPERVISOR_ROLES);
    if (mine.length === 0) throw new EsaError('FORBIDDEN', { action: 'supervision.sla' });
    if (q.officeId !== undefined && !mine.includes(q.officeId)) {
      assertOfficeVisible(actor, q.officeId); // another office: 404
      throw new EsaError('FORBIDDEN', { action: 'supervision.sla', officeId: q.officeId }); // mine, without a supervising role
    }
    return {
      offices: q.officeId !== undefined ? [q.officeId] : mine,
      now: engine.clock.now(),
      ...(q.workflowId !== undefined ? { workflowId: q.workflowId } : {}),
      ...(q.step !== undefined ? { step: q.step } : {}),
      ...(q.since !== undefined ? { since: new Date(q.since) } : {}),
      ...(q.until !== undefined ? { until: new Date(q.until) } : {}),
    };
  };

  r.get(
    '/api/supervision/sla',
    {
      schema: {
        operationId: 'getSlaOverview',
        tags: TAGS,
        summary:
          'ภาพรวมกำหนดเวลาสำหรับผู้บังคับบัญชา / SLA overview: open, overdue and at-risk clocks by step, office and person; on-time share and time spent per step',
        description:
          'at risk = running and due within one working day (480 office minutes) of the clock’s office; time spent = closed_at − started_at of met and breached clocks, in elapsed hours (median and p90 by percentile_cont).',
        querystring: ScopeQuery.strict(),
        response: {
          200: z.object({
            now: z.string(),
            offices: z.array(z.string()),
            byStep: z.array(
              z.object({
                workflowId: z.string(),
                step: z.string(),
                label: Label.nullable(),
                ...Counts,
                paused: z.number(),
                met: z.number(),
                breached: z.number(),
                onTimeShare: z.number().nullable(),
                medianHours: z.number().nullable(),
                p90Hours: z.number().nullable(),
              }),
            ),
            byOffice: z.array(z.object({ officeId: z.string(), nameTh: z.string(), nameEn: z.string(), ...Counts, paused: z.number() })),
            byPerson: z.array(z.object({ userId: z.string(), username: z.string(), nameTh: z.string().nullable(), ...Counts })),
          }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const scope = scopeOf(request.query, actorOf(request));
      // by step, by office and by person from one read of the open clocks, the closed ones alongside
      const { byStep, byOffice, byPerson } = await slaOverview(engine, scope);
      return { now: scope.now.toISOString(), offices: [...scope.offices], byStep, byOffice, byPerson };
    },
  );

  r.get(
    '/api/supervision/sla/cases',
    {
      schema: {
        operationId: 'listSlaCases',
        tags: TAGS,
        summary:
          'รายการเรื่องเบื้องหลังตัวเลข (เกินกำหนด ใกล้ครบกำหนด ฯลฯ) / Drill down: the cases behind a number (filter, office, workflow, step, person who must act)',
        querystring: ScopeQuery.extend({
          filter: z.enum(CLOCK_FILTERS).default('open'),
          /** only clocks this user must act on (running, at the case's current step) */
          userId: Uuid.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
        }).strict(),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                caseId: z.string(),
                title: z.string(),
                officeId: z.string(),
                workflowId: z.string(),
                step: z.string(),
                stepLabel: Label.nullable(),
                clockStatus: z.string(),
                startedAt: z.string(),
                dueAt: z.string().nullable(),
                closedAt: z.string().nullable(),
                overdue: z.boolean(),
                atRisk: z.boolean(),
                hoursSpent: z.number().nullable(),
              }),
            ),
          }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const scope = scopeOf(request.query, actorOf(request));
      const q = request.query;
      return {
        items: await slaCases(engine, {
          ...scope,
          filter: q.filter,
          limit: q.limit,
          ...(q.userId !== undefined ? { userId: q.userId } : {}),
        }),
      };
    },
  );

  r.get(
    '/api/supervision/sla/cases.xlsx',
    {
      schema: {
        operationId: 'exportSlaCasesXlsx',
        tags: TAGS,
        summary:
          'รายงานกำหนดเวลาเป็นไฟล์ Excel (ทุกรายการตามเงื่อนไข) / The deadline report as an Excel workbook: every case behind the number, none cut',
        description:
          'The rows of GET /api/supervision/sla/cases for the same filter, without its page limit: the office, the procedure and the step by name, the clock in words, the moments as dates in พ.ศ. (Asia/Bangkok). Streamed.',
        querystring: ScopeQuery.extend({ filter: z.enum(CLOCK_FILTERS).default('open'), userId: Uuid.optional() }).strict(),
        response: { 200: z.string().describe('the .xlsx workbook'), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const scope = scopeOf(request.query, actor);
      const q = request.query;
      const items = await slaCases(engine, {
        ...scope,
        filter: q.filter,
        limit: SLA_EXPORT_MAX,
        ...(q.userId !== undefined ? { userId: q.userId } : {}),
      });
      const offices = new Map((await slaByOffice(engine, scope)).map((o) => [o.officeId, o.nameTh]));
      const title = (workflowId: string) => {
        try {
          return engine.registry.latest(workflowId).title.th;
        } catch {
          return 'กระบวนงานที่ไม่มีในระบบแล้ว';
        }
      };
      const rows = function* () {
        for (const c of items) yield slaRow(c, offices.get(c.officeId) ?? '', title(c.workflowId));
      };
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition('attachment', `รายงานกำหนดเวลา-${SLA_FILTER_TH[q.filter]}.xlsx`))
        .header('cache-control', 'no-store')
        .send(rawBody(streamXlsx('รายงานกำหนดเวลา', SLA_EXPORT_COLUMNS, rows())));
    },
  );
}

/** More rows than an office has clocks: the report is never cut short (the page of GET …/sla/cases stops at 1,000). */
const SLA_EXPORT_MAX = 10_000_000;

const SLA_FILTER_TH: Record<(typeof CLOCK_FILTERS)[number], string> = {
  open: 'กำลังนับเวลา',
  overdue: 'เกินกำหนด',
  at_risk: 'ใกล้ครบกำหนด',
  paused: 'หยุดนับเวลา',
  met: 'เสร็จทันกำหนด',
  breached: 'เสร็จเกินกำหนด',
};

export const SLA_EXPORT_COLUMNS: readonly SheetColumn[] = [
  { header: 'เรื่อง', kind: 'text', width: 48 },
  { header: 'หน่วยงาน', kind: 'text', width: 36 },
  { header: 'กระบวนงาน', kind: 'text', width: 36 },
  { header: 'ขั้นตอน', kind: 'text', width: 36 },
  { header: 'สถานะ', kind: 'text', width: 18 },
  { header: 'เริ่มนับเวลา', kind: 'datetime', width: 22 },
  { header: 'กำหนดเสร็จ', kind: 'datetime', width: 22 },
  { header: 'เสร็จเมื่อ', kind: 'datetime', width: 22 },
  { header: 'ใช้เวลา (ชั่วโมง)', kind: 'number', width: 16 },
];

function slaStatus(c: ClockCase): string {
  if (c.clockStatus === 'met') return 'เสร็จทันกำหนด';
  if (c.clockStatus === 'breached') return 'เสร็จเกินกำหนด';
  if (c.clockStatus === 'paused') return 'หยุดนับเวลา';
  if (c.overdue) return 'เกินกำหนด';
  if (c.atRisk) return 'ใกล้ครบกำหนด';
  return 'อยู่ในกำหนด';
}

function slaRow(c: ClockCase, office: string, procedure: string): (string | number | Date | null)[] {
  return [
    c.title,
    office,
    procedure,
    c.stepLabel?.th ?? '',
    slaStatus(c),
    new Date(c.startedAt),
    c.dueAt === null ? null : new Date(c.dueAt),
    c.closedAt === null ? null : new Date(c.closedAt),
    c.hoursSpent === null ? null : Math.round(c.hoursSpent),
  ];
}
