/**
 * The person record (docs/personnel.md): the office's people with their
 * values as of a date, one person's record with its history, hand edits, the
 * office's setting that lets the worker open the salary rounds from the
 * records, and a salary round opened from the records (the same checks and
 * the same opening as the roster sheet).
 *
 * Who: the records are read and changed by the office's admins and HR
 * officers (office-wide); another office, or a person of another office, is
 * 404. Opening a round from the records is the round's HR officers', as the
 * sheet is.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changeSalaryRoundSettings,
  EsaError,
  formatThaiDate,
  formatThaiTime,
  localDateOfInstant,
  localDateSchema,
  PERSONNEL_FIELD_NAMES,
  PERSONNEL_FIELDS,
  personnelAsOf,
  personnelHistory,
  personnelPeople,
  personnelPerson,
  recordPersonnelChanges,
  roundOpeningOfCase,
  salaryRoundSettingsOf,
  schoolNamesOf,
  type PersonnelChange,
  type PersonnelField,
  type SalaryRoundSettings,
} from '@esa-flow/engine';
import { salary } from '@esa-flow/workflows';
import { actorOf } from '../http/authenticate';
import { assertOfficeRole, assertOfficeVisible, notFoundInOffice } from '../http/office-scope';
import { problems, Uuid } from '../http/schemas';
import { REJECTION_REASONS } from '../import/import-table';
import type { RouteContext } from './route-context';

const TAGS = ['personnel'];
const READERS = ['admin', 'hr_officer'] as const;
const Label = z.object({ th: z.string(), en: z.string() });

/** A value as a person reads it: baht with separators, dates in พ.ศ., a school by name. */
function shown(field: PersonnelField, value: unknown, schools: Map<string, string>): { th: string; en: string } {
  const kind = PERSONNEL_FIELDS[field].kind;
  if (value === null || value === undefined) return { th: '(ล้างค่า)', en: '(cleared)' };
  if (kind === 'satang' && typeof value === 'number') {
    const baht = (value / 100).toLocaleString('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return { th: `${baht} บาท`, en: `${baht} baht` };
  }
  if (kind === 'date' && typeof value === 'string') return { th: formatThaiDate(value, 'th'), en: formatThaiDate(value, 'en') };
  if (kind === 'school' && typeof value === 'string') {
    const name = schools.get(value) ?? '—';
    return { th: name, en: name };
  }
  if (kind === 'boolean') return value === true ? { th: 'ใช่', en: 'yes' } : { th: 'ไม่ใช่', en: 'no' };
  if (kind === 'leave') {
    const l = value as salary.StaffRecord['leave'];
    return {
      th: `ลาป่วย ${l.sickOccasions} ครั้ง ${l.sickDays} วัน · ลากิจ ${l.personalOccasions} ครั้ง ${l.personalDays} วัน · มาสาย ${l.lateTimes} ครั้ง`,
      en: `sick ${l.sickOccasions} times ${l.sickDays} days · personal ${l.personalOccasions} times ${l.personalDays} days · late ${l.lateTimes} times`,
    };
  }
  if (kind === 'penalty') {
    const p = value as { kind: string; cancelled?: boolean };
    const name = PENALTY_NAMES[p.kind] ?? { th: p.kind, en: p.kind };
    return p.cancelled ? { th: `${name.th} (ยกเลิก)`, en: `${name.en} (cancelled)` } : name;
  }
  const text = String(value);
  return { th: text === 'none' ? 'ไม่มี' : text, en: text === 'none' ? 'none' : text };
}

const PENALTY_NAMES: Record<string, { th: string; en: string }> = {
  reprimand: { th: 'ภาคทัณฑ์', en: 'reprimand' },
  salary_cut: { th: 'ตัดเงินเดือน', en: 'salary cut' },
  salary_reduction: { th: 'ลดขั้นเงินเดือน', en: 'salary reduction' },
  removal: { th: 'ปลดออก', en: 'removal' },
  dismissal: { th: 'ไล่ออก', en: 'dismissal' },
};

/** the first day of the half-year `from` as "ครั้งที่ 2/2568" */
function halfYearLabel(from: string): { th: string; en: string } {
  const [y, m] = from.split('-').map(Number) as [number, number];
  const round = m === 10 ? 1 : 2;
  const fy = (m === 10 ? y + 1 : y) + 543;
  return { th: `ครั้งที่ ${round}/${fy}`, en: `round ${round} of FY ${fy}` };
}

const FieldValue = z.object({
  field: z.enum(PERSONNEL_FIELD_NAMES as [PersonnelField, ...PersonnelField[]]),
  label: Label,
  value: z.unknown(),
  shown: Label,
  effectiveOn: z.string(),
  effectiveOnTh: z.string(),
});
const SettingsView = z.object({
  autoOpen: z.boolean(),
  version: z.number(),
  changedAtTh: z.string().nullable(),
  changedByName: z.string().nullable(),
});
const settingsOut = (s: SalaryRoundSettings): z.infer<typeof SettingsView> => ({
  autoOpen: s.autoOpen,
  version: s.version,
  changedAtTh: s.changedAt ? `${formatThaiDate(s.changedAt, 'th')} ${formatThaiTime(s.changedAt, 'th')}` : null,
  changedByName: s.changedByName,
});

/** What a hand edit may set: the scalar fields (satang as integers, dates YYYY-MM-DD, a school by id), one leave half-year, one penalty. */
const EditValues = z
  .object({
    position_no: z.string().trim().min(1).max(50).nullable(),
    position: z.string().trim().min(1).max(100).nullable(),
    level: z.enum(['ครูผู้ช่วย', 'คศ.1', 'คศ.2', 'คศ.3', 'คศ.4', 'คศ.5']).nullable(),
    salary: z.int().min(1).max(100_000_000).nullable(),
    base: z.int().min(1).max(100_000_000).nullable(),
    max_salary: z.int().min(1).max(100_000_000).nullable(),
    academic_standing: z.enum(salary.ACADEMIC_STANDINGS).nullable(),
    academic_standing_on: localDateSchema.nullable(),
    school: Uuid.nullable(),
    school_since: localDateSchema.nullable(),
    service_started_on: localDateSchema.nullable(),
    left_on: localDateSchema.nullable(),
    moved_to: z.string().trim().min(1).max(200).nullable(),
    suspended: z.boolean().nullable(),
  })
  .partial()
  .strict()
  .refine((v) => !v.moved_to || typeof v.left_on === 'string', {
    message: 'moved_to needs left_on: the day the person left the office',
    path: ['left_on'],
  });

export function personnelRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { engine } = ctx;
  const { clock } = engine;
  const config = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };
  const OfficeParams = z.object({ officeId: Uuid }).strict();
  const PersonParams = z.object({ officeId: Uuid, personId: Uuid }).strict();
  const AsOf = z.object({ asOf: localDateSchema.optional().describe('YYYY-MM-DD; today (Asia/Bangkok) when absent') }).strict();

  r.get(
    '/api/offices/:officeId/personnel',
    {
      schema: {
        tags: TAGS,
        operationId: 'listPersonnel',
        summary: 'ระเบียนบุคคลของสำนักงาน ณ วันที่ / The office’s people with their record as of a date (admins, HR officers)',
        params: OfficeParams,
        querystring: AsOf,
        response: {
          200: z.object({
            asOf: z.string(),
            asOfTh: z.string(),
            items: z.array(
              z.object({
                personId: z.string(),
                citizenId: z.string().nullable(),
                nameTh: z.string(),
                hasRecord: z.boolean(),
                positionNo: z.string().nullable(),
                position: z.string().nullable(),
                level: z.string().nullable(),
                salary: Label.nullable(),
                schoolName: z.string().nullable(),
              }),
            ),
          }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { officeId } = request.params;
      assertOfficeRole(actor, officeId, READERS, 'personnel.read');
      const asOf = request.query.asOf ?? localDateOfInstant(clock.now());
      const [people, records, schools] = await Promise.all([
        personnelPeople(engine, officeId),
        personnelAsOf(engine, officeId, asOf),
        schoolNamesOf(engine, officeId),
      ]);
      const byId = new Map(records.map((x) => [x.personId, x]));
      return {
        asOf,
        asOfTh: formatThaiDate(asOf, 'th'),
        items: people.map((p) => {
          const v = byId.get(p.personId)?.values ?? {};
          const text = (f: PersonnelField) => (v[f as keyof typeof v] ? String(v[f as keyof typeof v]!.value) : null);
          const school = text('school');
          return {
            ...p,
            positionNo: text('position_no'),
            position: text('position'),
            level: text('level'),
            salary: v.salary ? shown('salary', v.salary.value, schools) : null,
            schoolName: school ? (schools.get(school) ?? null) : null,
          };
        }),
      };
    },
  );

  r.get(
    '/api/offices/:officeId/personnel/:personId',
    {
      schema: {
        tags: TAGS,
        operationId: 'getPersonnelRecord',
        summary: 'ระเบียนบุคคลและประวัติการเปลี่ยนแปลง / A person’s record as of a date, and every change with who, when and from where',
        params: PersonParams,
        querystring: AsOf,
        response: {
          200: z.object({
            personId: z.string(),
            nameTh: z.string(),
            citizenId: z.string().nullable(),
            asOf: z.string(),
            asOfTh: z.string(),
            values: z.array(FieldValue),
            leave: z.array(z.object({ halfYearFrom: z.string(), halfYear: Label, value: z.unknown(), shown: Label })),
            penalties: z.array(z.object({ on: z.string(), onTh: z.string(), kind: z.string(), shown: Label })),
            history: z.array(
              z.object({
                id: z.string(),
                field: z.string(),
                label: Label,
                value: z.unknown(),
                shown: Label,
                effectiveOn: z.string(),
                effectiveOnTh: z.string(),
                source: z.enum(['import', 'edit']),
                sourceRef: z.string().nullable(),
                recordedAt: z.string(),
                recordedAtTh: z.string(),
                recordedByName: z.string().nullable(),
              }),
            ),
          }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND', 'ROUTE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { officeId, personId } = request.params;
      assertOfficeRole(actor, officeId, READERS, 'personnel.read');
      const history = await personnelHistory(engine, officeId, personId);
      if (history === null) throw notFoundInOffice('person', { personId });
      const asOf = request.query.asOf ?? localDateOfInstant(clock.now());
      const schools = await schoolNamesOf(engine, officeId);
      const [record] = await personnelAsOf(engine, officeId, asOf, [personId]);
      const person = await personnelPerson(engine, officeId, personId);
      const values = Object.entries(record?.values ?? {}).map(([field, dv]) => ({
        field: field as PersonnelField,
        label: { th: PERSONNEL_FIELDS[field as PersonnelField].th, en: PERSONNEL_FIELDS[field as PersonnelField].en },
        value: dv.value,
        shown: shown(field as PersonnelField, dv.value, schools),
        effectiveOn: dv.effectiveOn,
        effectiveOnTh: formatThaiDate(dv.effectiveOn, 'th'),
      }));
      values.sort((a, b) => PERSONNEL_FIELD_NAMES.indexOf(a.field) - PERSONNEL_FIELD_NAMES.indexOf(b.field));
      return {
        personId,
        nameTh: record?.nameTh ?? person?.nameTh ?? '',
        citizenId: record?.citizenId ?? person?.citizenId ?? null,
        asOf,
        asOfTh: formatThaiDate(asOf, 'th'),
        values,
        leave: Object.entries(record?.leave ?? {})
          .sort(([a], [b]) => b.localeCompare(a))
          .map(([from, value]) => ({ halfYearFrom: from, halfYear: halfYearLabel(from), value, shown: shown('leave', value, schools) })),
        penalties: (record?.penalties ?? []).map((p) => ({
          on: p.on,
          onTh: formatThaiDate(p.on, 'th'),
          kind: p.kind,
          shown: shown('penalty', { kind: p.kind }, schools),
        })),
        history: history.map((h) => ({
          id: h.id,
          field: h.field,
          label: PERSONNEL_FIELDS[h.field]
            ? { th: PERSONNEL_FIELDS[h.field].th, en: PERSONNEL_FIELDS[h.field].en }
            : { th: h.field, en: h.field },
          value: h.value,
          shown: PERSONNEL_FIELDS[h.field] ? shown(h.field, h.value, schools) : { th: String(h.value), en: String(h.value) },
          effectiveOn: h.effectiveOn,
          effectiveOnTh: h.field === 'leave' ? halfYearLabel(h.effectiveOn).th : formatThaiDate(h.effectiveOn, 'th'),
          source: h.source,
          sourceRef: h.sourceRef,
          recordedAt: h.recordedAt.toISOString(),
          recordedAtTh: `${formatThaiDate(h.recordedAt, 'th')} ${formatThaiTime(h.recordedAt, 'th')}`,
          recordedByName: h.recordedByName,
        })),
      };
    },
  );

  r.post(
    '/api/offices/:officeId/personnel/:personId',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'editPersonnelRecord',
        summary:
          'แก้ไขระเบียนบุคคล / Edit a person’s record by hand: values that hold from a date (kept in the history as a hand edit with the reason)',
        description:
          'Each field given holds from `effectiveOn`; null clears it from then. Satang as integers, dates as YYYY-MM-DD, the school by its id. Sending values already in force for that date writes nothing (safe to retry).',
        params: PersonParams,
        body: z.object({ effectiveOn: localDateSchema, reason: z.string().trim().min(1).max(500), values: EditValues }).strict(),
        response: { 200: z.object({ written: z.number(), unchanged: z.number() }), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { officeId, personId } = request.params;
      assertOfficeRole(actor, officeId, READERS, 'personnel.edit');
      if ((await personnelHistory(engine, officeId, personId)) === null) throw notFoundInOffice('person', { personId });
      const { effectiveOn, reason, values } = request.body;
      if (values.school) {
        const schools = await schoolNamesOf(engine, officeId);
        if (!schools.has(values.school)) throw new EsaError('SCHOOL_NOT_IN_OFFICE', { schoolId: values.school });
      }
      const changes: PersonnelChange[] = Object.entries(values).map(([field, value]) => ({
        personId,
        field: field as PersonnelField,
        effectiveOn,
        value,
      }));
      if (changes.length === 0)
        throw new EsaError('INVALID_PAYLOAD', {
          issues: [{ path: 'values', code: 'empty', message: 'ระบุอย่างน้อยหนึ่งค่า / give at least one value' }],
        });
      const { written } = await recordPersonnelChanges(engine, {
        officeId,
        changes,
        source: { kind: 'edit', ref: reason },
        recordedBy: actor.id,
        now: clock.now(),
      });
      const n = written.filter(Boolean).length;
      return { written: n, unchanged: written.length - n };
    },
  );

  r.get(
    '/api/offices/:officeId/salary-round-settings',
    {
      schema: {
        tags: TAGS,
        operationId: 'getSalaryRoundSettings',
        summary:
          'การเปิดรอบเลื่อนเงินเดือนอัตโนมัติ / Whether the worker opens the office’s salary rounds from the person records on 1 April / 1 October',
        params: OfficeParams,
        response: { 200: SettingsView, ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOfficeRole(actor, request.params.officeId, READERS, 'salary_round_settings.read');
      return settingsOut(await salaryRoundSettingsOf(engine, request.params.officeId));
    },
  );

  r.put(
    '/api/offices/:officeId/salary-round-settings',
    {
      config,
      schema: {
        tags: TAGS,
        operationId: 'changeSalaryRoundSettings',
        summary:
          'ตั้งค่าการเปิดรอบเลื่อนเงินเดือนอัตโนมัติ / Turn the worker’s opening of the salary rounds on or off (admins, HR officers; safe to retry)',
        description:
          'On: at 08:00 (Asia/Bangkok) on 1 April and 1 October the worker opens the appraisals of the round taking effect that day — created and announced by HR, at its evaluation — from the person records as of its base date (1 March / 1 September), once. Each change is kept as a new version (who, when).',
        params: OfficeParams,
        body: z.object({ autoOpen: z.boolean() }).strict(),
        response: { 200: SettingsView.extend({ changed: z.boolean() }), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOfficeVisible(actor, request.params.officeId);
      const { settings, changed } = await changeSalaryRoundSettings(engine, {
        actor,
        officeId: request.params.officeId,
        autoOpen: request.body.autoOpen,
        now: clock.now(),
      });
      return { ...settingsOut(settings), changed };
    },
  );

  const Reason = z.object({
    code: z.enum(Object.keys(REJECTION_REASONS) as [keyof typeof REJECTION_REASONS]),
    column: z.string().nullable(),
    th: z.string(),
    en: z.string(),
  });
  r.post(
    '/api/salary-rounds/:caseId/roster-from-records',
    {
      config,
      schema: {
        tags: ['salary-rounds'],
        operationId: 'openSalaryAppraisalFromRecords',
        summary:
          'เปิดการประเมินจากระเบียนบุคคล ณ วันที่กำหนด / Open the appraisals from the person records as of the round’s base date (1 March / 1 September); ?dryRun=true only checks',
        description:
          'The same checks and the same opening as the roster sheet (POST …/roster): one row per person with a record on the base date; a record missing the position number, position, salary, calculation base or start of service is a rejected row naming the field, and then nothing opens. Salaries and positions as of the base date; leave of the half-year, penalties, suspension and leaving as of its last day. While another opening of the round runs (the worker’s): 409 CYCLE_OPENING_IN_PROGRESS.',
        params: z.object({ caseId: Uuid }).strict(),
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }).strict(),
        response: {
          200: z.object({
            dryRun: z.boolean(),
            opened: z.boolean(),
            state: z.string(),
            asOf: z.string(),
            asOfTh: z.string(),
            totals: z.object({ rows: z.number(), considered: z.number(), notConsidered: z.number(), rejected: z.number() }),
            rejected: z.array(z.object({ row: z.number(), key: z.string(), reasons: z.array(Reason) })),
            notConsidered: z.array(z.object({ row: z.number(), key: z.string(), nameTh: z.string(), reasons: z.array(Label) })),
            message: Label,
          }),
          ...problems('CASE_NOT_FOUND', 'EVENT_NOT_ALLOWED'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const round = await salary.loadRound(engine, actor, request.params.caseId);
      salary.assertMayDrive(actor, round, 'drive-salary-round');
      const report = await salary.openAppraisalFromRecords(engine, actor, round.id, {
        dryRun: request.query.dryRun === 'true',
        by: `user:${actor.id}`,
      });
      const state = (await salary.loadRound(engine, actor, round.id)).state;
      return { ...report, state, asOfTh: formatThaiDate(report.asOf, 'th') };
    },
  );

  r.get(
    '/api/salary-rounds/:caseId/opening',
    {
      schema: {
        tags: ['salary-rounds'],
        operationId: 'salaryRoundOpening',
        summary:
          'ความคืบหน้าการเปิดการประเมินจากระเบียนบุคคล / Progress of the round’s opening from the person records (by the worker or an officer), or null',
        params: z.object({ caseId: Uuid }).strict(),
        response: {
          200: z.object({
            opening: z
              .object({
                status: z.enum(['running', 'done', 'failed']),
                byWorker: z.boolean(),
                asOf: z.string(),
                asOfTh: z.string(),
                done: z.number(),
                total: z.number(),
                considered: z.number().nullable(),
                notConsidered: z.number().nullable(),
                rejected: z.number().nullable(),
                error: z.string().nullable(),
                startedAtTh: z.string(),
                finishedAtTh: z.string().nullable(),
              })
              .nullable(),
          }),
          ...problems('CASE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const round = await salary.loadRound(engine, actor, request.params.caseId);
      const o = await roundOpeningOfCase(engine, round.id);
      const at = (d: Date) => `${formatThaiDate(d, 'th')} ${formatThaiTime(d, 'th')}`;
      return {
        opening: o
          ? {
              status: o.status,
              byWorker: !o.openedBy.startsWith('user:'),
              asOf: o.asOf,
              asOfTh: formatThaiDate(o.asOf, 'th'),
              done: o.done,
              total: o.total,
              considered: o.considered,
              notConsidered: o.notConsidered,
              rejected: o.rejected,
              error: o.error,
              startedAtTh: at(o.startedAt),
              finishedAtTh: o.finishedAt ? at(o.finishedAt) : null,
            }
          : null,
      };
    },
  );
}
