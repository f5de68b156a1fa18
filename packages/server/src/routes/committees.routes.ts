/**
 * Committees and their meetings over HTTP (docs/committees.md, docs/api.md).
 * Every rule — who may run a meeting, quorum, recusal, votes, applying the
 * resolutions atomically — is the engine's; these routes only translate.
 * Scope: a committee, meeting or agenda item of another office is 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addCommitteeMember,
  recordListResolution,
  AddMemberInput,
  buildMinutes,
  castVote,
  closeMeetingAndApply,
  createCommittee,
  CreateCommitteeInput,
  editAgenda,
  minutesToCsv,
  minutesToText,
  openMeeting,
  recordResolution,
  recuseMember,
  RESOLUTIONS,
  scheduleMeeting,
  ScheduleMeetingInput,
  VOTES,
} from '@esa-flow/engine';
import {
  AgendaItemSchema,
  CommitteeSchema,
  MeetingSchema,
  MinutesSchema,
  minutesJson,
  QuorumSchema,
  TallySchema,
} from '../committees/committee-schemas';
import { committeeDetail, listCommittees, listMeetings, meetingView } from '@esa-flow/engine';
import { actorOf } from '../http/authenticate';
import { assertOfficeVisible } from '../http/office-scope';
import { problems, Uuid } from '../http/schemas';
import type { RouteContext } from './route-context';

const TAGS = ['committees'];
const Id = z.string().max(100);

export function committeeRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const engine = ctx.engine;
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };
  const OfficeParams = z.object({ officeId: Uuid });
  const CommitteeParams = z.object({ committeeId: Id });
  const MeetingParams = z.object({ meetingId: Id });
  const ItemParams = z.object({ itemId: Id });

  r.get(
    '/api/offices/:officeId/committees',
    {
      schema: {
        operationId: 'listCommittees',
        tags: TAGS,
        summary:
          'คณะกรรมการของสำนักงานเขต / Committees of an office: all of them for its HR officers, group and area directors, auditors and admins; for anyone else of the office, those they are seated on',
        params: OfficeParams,
        response: {
          200: z.object({ items: z.array(CommitteeSchema.extend({ createdAt: z.string() })) }),
          ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND'),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOfficeVisible(actor, request.params.officeId);
      return { items: await listCommittees(engine, actor, request.params.officeId) };
    },
  );

  r.post(
    '/api/offices/:officeId/committees',
    {
      config: writeLimit,
      schema: {
        operationId: 'createCommittee',
        tags: TAGS,
        summary: 'ตั้งคณะกรรมการ / Create a committee (HR officers and admins of the office)',
        params: OfficeParams,
        body: CreateCommitteeInput.omit({ officeId: true }),
        response: { 201: z.object({ committeeId: z.string() }), ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      assertOfficeVisible(actor, request.params.officeId);
      return reply.status(201).send(await createCommittee(engine, actor, { ...request.body, officeId: request.params.officeId }));
    },
  );

  r.get(
    '/api/committees/:committeeId',
    {
      schema: {
        operationId: 'getCommittee',
        tags: TAGS,
        summary: 'รายละเอียดคณะกรรมการและกรรมการที่อยู่ในวาระวันนี้ / A committee, its members seated today, and how many cases wait for it',
        params: CommitteeParams,
        response: {
          200: z.object({
            committee: CommitteeSchema,
            members: z.array(
              z.object({ memberId: z.string(), personId: z.string(), seat: z.string(), nameTh: z.string(), hasAccount: z.boolean() }),
            ),
            seatedOn: z.string(),
            waitingCases: z.number(),
          }),
          ...problems('COMMITTEE_NOT_FOUND'),
        },
      },
    },
    async (request) => committeeDetail(engine, actorOf(request), request.params.committeeId),
  );

  r.post(
    '/api/committees/:committeeId/members',
    {
      config: writeLimit,
      schema: {
        operationId: 'addCommitteeMember',
        tags: TAGS,
        summary: 'แต่งตั้งกรรมการ / Seat a member: chair, secretary or member, for a term (HR officers and admins)',
        params: CommitteeParams,
        body: AddMemberInput.omit({ committeeId: true }),
        response: { 201: z.object({ memberId: z.string() }), ...problems('COMMITTEE_NOT_FOUND', 'FORBIDDEN') },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addCommitteeMember(engine, actorOf(request), { ...request.body, committeeId: request.params.committeeId })),
  );

  r.get(
    '/api/committees/:committeeId/meetings',
    {
      schema: {
        operationId: 'listMeetings',
        tags: TAGS,
        summary: 'การประชุมของคณะกรรมการ / Meetings of a committee, latest first',
        params: CommitteeParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                title: z.string(),
                scheduledAt: z.string(),
                place: z.string(),
                status: z.string(),
                items: z.number(),
              }),
            ),
          }),
          ...problems('COMMITTEE_NOT_FOUND'),
        },
      },
    },
    async (request) => ({ items: await listMeetings(engine, actorOf(request), request.params.committeeId) }),
  );

  r.post(
    '/api/committees/:committeeId/meetings',
    {
      config: writeLimit,
      schema: {
        operationId: 'scheduleMeeting',
        tags: TAGS,
        summary:
          'นัดประชุม (ระเบียบวาระจัดจากเรื่องที่รอพิจารณา) / Schedule a meeting; its agenda is assembled from the waiting cases (secretary, chair, HR officer, admin)',
        params: CommitteeParams,
        body: ScheduleMeetingInput.omit({ committeeId: true }),
        response: { 201: z.object({ meetingId: z.string(), agendaItems: z.number() }), ...problems('COMMITTEE_NOT_FOUND', 'FORBIDDEN') },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await scheduleMeeting(engine, actorOf(request), { ...request.body, committeeId: request.params.committeeId })),
  );

  r.get(
    '/api/meetings/:meetingId',
    {
      schema: {
        operationId: 'getMeeting',
        tags: TAGS,
        summary: 'การประชุม ระเบียบวาระ ผู้เข้าประชุม และองค์ประชุม / A meeting: agenda (case title, step), attendance and quorum',
        params: MeetingParams,
        response: {
          200: z.object({
            meeting: MeetingSchema,
            committee: z.object({ id: z.string(), kind: z.string(), nameTh: z.string(), nameEn: z.string() }),
            attendance: z.array(z.object({ memberId: z.string(), nameTh: z.string(), seat: z.string(), present: z.boolean().nullable() })),
            quorum: QuorumSchema,
            agenda: z.array(AgendaItemSchema),
          }),
          ...problems('MEETING_NOT_FOUND'),
        },
      },
    },
    async (request) => meetingView(engine, actorOf(request), request.params.meetingId),
  );

  r.patch(
    '/api/meetings/:meetingId/agenda',
    {
      config: writeLimit,
      schema: {
        operationId: 'changeMeetingAgenda',
        tags: TAGS,
        summary: 'แก้ไขระเบียบวาระก่อนเปิดประชุม / Edit the agenda before the meeting opens: add waiting cases, remove items',
        params: MeetingParams,
        body: z.object({ add: z.array(Uuid).max(5000).default([]), remove: z.array(Uuid).max(5000).default([]) }).strict(),
        response: { 200: z.object({ added: z.number(), removed: z.number() }), ...problems('FORBIDDEN', 'MEETING_NOT_FOUND') },
      },
    },
    async (request) => editAgenda(engine, actorOf(request), { meetingId: request.params.meetingId, ...request.body }),
  );

  r.post(
    '/api/meetings/:meetingId/open',
    {
      config: writeLimit,
      schema: {
        operationId: 'openMeeting',
        tags: TAGS,
        summary: 'เปิดประชุมและบันทึกผู้เข้าประชุม / Open the meeting with who is present; answers the quorum',
        params: MeetingParams,
        body: z.object({ present: z.array(Uuid).max(200) }).strict(),
        response: { 200: QuorumSchema, ...problems('FORBIDDEN', 'MEETING_NOT_FOUND', 'MEETING_STATE_CONFLICT') },
      },
    },
    async (request) => openMeeting(engine, actorOf(request), { meetingId: request.params.meetingId, present: request.body.present }),
  );

  r.post(
    '/api/agenda-items/:itemId/recusals',
    {
      config: writeLimit,
      schema: {
        operationId: 'recordRecusal',
        tags: TAGS,
        summary: 'กรรมการถอนตัวจากวาระ (มีส่วนได้เสีย) / Recuse a member from an item (the member, or the secretary)',
        params: ItemParams,
        body: z.object({ memberId: Uuid, reason: z.string().trim().min(1).max(1000) }).strict(),
        response: { 204: z.null(), ...problems('AGENDA_ITEM_NOT_FOUND', 'FORBIDDEN') },
      },
    },
    async (request, reply) => {
      await recuseMember(engine, actorOf(request), { itemId: request.params.itemId, ...request.body });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/agenda-items/:itemId/votes',
    {
      config: writeLimit,
      schema: {
        operationId: 'castVote',
        tags: TAGS,
        summary: 'ลงคะแนน / Vote on an item (present, not recused members; voting again replaces the vote)',
        params: ItemParams,
        body: z.object({ vote: z.enum(VOTES) }).strict(),
        response: {
          204: z.null(),
          ...problems('AGENDA_ITEM_NOT_FOUND', 'FORBIDDEN', 'MEMBER_NOT_PRESENT', 'MEMBER_RECUSED', 'SELF_DEALING_REFUSED'),
        },
      },
    },
    async (request, reply) => {
      await castVote(engine, actorOf(request), { itemId: request.params.itemId, vote: request.body.vote });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/agenda-items/:itemId/resolution',
    {
      config: writeLimit,
      schema: {
        operationId: 'recordResolution',
        tags: TAGS,
        summary:
          'บันทึกมติ (ระบุเอง หรือจากผลการลงคะแนน) / Record the resolution of an item, stated or from the votes; refused without a quorum',
        params: ItemParams,
        body: z.object({ resolution: z.enum(RESOLUTIONS).optional(), note: z.string().trim().max(4000).optional() }).strict(),
        response: {
          200: z.object({ resolution: z.enum(RESOLUTIONS), tally: TallySchema }),
          ...problems('AGENDA_ITEM_NOT_FOUND', 'FORBIDDEN'),
        },
      },
    },
    async (request) => recordResolution(engine, actorOf(request), { itemId: request.params.itemId, ...request.body }),
  );

  r.post(
    '/api/meetings/:meetingId/list-resolution',
    {
      config: writeLimit,
      schema: {
        operationId: 'recordListResolution',
        tags: TAGS,
        summary:
          'บันทึกมติรวมตามบัญชีแนบท้าย (ทุกวาระที่ยังไม่มีมติ) พร้อมรายการยกเว้น / Record one resolution for every item still listed on the agenda, with the items excepted (each with its own resolution and reason); refused without a quorum',
        params: MeetingParams,
        body: z
          .object({
            resolution: z.enum(RESOLUTIONS),
            note: z.string().trim().max(4000).optional(),
            exceptions: z
              .array(z.object({ itemId: Uuid, resolution: z.enum(RESOLUTIONS), note: z.string().trim().min(1).max(4000) }).strict())
              .max(5000)
              .optional(),
          })
          .strict(),
        response: {
          200: z.object({
            listResolutionId: z.string(),
            resolution: z.enum(RESOLUTIONS),
            decided: z.number(),
            exceptions: z.number(),
            alreadyDecided: z.number(),
          }),
          ...problems('AGENDA_ITEM_NOT_FOUND', 'FORBIDDEN', 'MEETING_NOT_FOUND', 'MEETING_STATE_CONFLICT'),
        },
      },
    },
    async (request) => recordListResolution(engine, actorOf(request), { meetingId: request.params.meetingId, ...request.body }),
  );

  r.post(
    '/api/meetings/:meetingId/close',
    {
      config: writeLimit,
      schema: {
        operationId: 'closeMeeting',
        tags: TAGS,
        summary: 'ปิดประชุมและนำมติไปใช้กับทุกเรื่อง (ทั้งหมดหรือไม่มีเลย) / Close the meeting and apply every resolution to its case, all or nothing',
        params: MeetingParams,
        response: {
          200: z.object({ applied: z.number(), deferred: z.number() }),
          ...problems('FORBIDDEN', 'MEETING_NOT_FOUND', 'MEETING_STATE_CONFLICT'),
        },
      },
    },
    async (request) => closeMeetingAndApply(engine, actorOf(request), request.params.meetingId),
  );

  r.get(
    '/api/meetings/:meetingId/minutes',
    {
      schema: {
        operationId: 'getMeetingMinutes',
        tags: TAGS,
        summary: 'รายงานการประชุม (JSON, CSV หรือข้อความภาษาไทย) / Minutes as JSON, CSV (?format=csv) or Thai text (?format=text)',
        params: MeetingParams,
        querystring: z.object({ format: z.enum(['json', 'csv', 'text']).default('json') }).strict(),
        response: { 200: z.union([MinutesSchema, z.string()]), ...problems('MEETING_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const minutes = await buildMinutes(engine, actorOf(request), request.params.meetingId);
      const name = `minutes-${minutes.meeting.id}`;
      switch (request.query.format) {
        case 'csv':
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(minutesToCsv(minutes));
        case 'text':
          return reply
            .type('text/plain; charset=utf-8')
            .header('content-disposition', `inline; filename="${name}.txt"`)
            .send(minutesToText(minutes));
        default:
          return minutesJson(minutes);
      }
    },
  );
}
