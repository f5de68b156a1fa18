/**
 * Files (docs/files.md, docs/api.md "Files"): upload, download, the files of
 * a case, and removing one from a case.
 *
 * The upload is the raw bytes as the request body (any Content-Type; the
 * browser sends the File as it is), the name in `X-File-Name`
 * (percent-encoded UTF-8), streamed straight into the store: never held whole
 * in memory. The type is sniffed from the first bytes, the size checked
 * against Content-Length before reading and counted while reading. The body
 * parser that passes the stream on is registered in this module's own plugin
 * scope, so no other route takes such bodies.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attachFileToCase,
  attachFileToMeeting,
  createPostgresContentStore,
  EsaError,
  FILE_KINDS,
  listCaseFiles,
  listMeetingFiles,
  readableFile,
  removeCaseFile,
  removeMeetingFile,
  uploadFile,
  type FileView,
} from '@esa-flow/engine';
import { actorOf } from '../http/authenticate';
import { contentDisposition } from '../http/content-disposition';
import { FILE_CSP } from '../http/security-headers';
import { rawBody } from '../http/raw-body';
import { problems, Uuid } from '../http/schemas';
import { officesOf } from '../http/office-scope';
import type { RouteContext } from './route-context';

const TAGS = ['files'];

const FileSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  sha256: z.string(),
  type: z.string().describe('sniffed from the bytes: application/pdf, image/png, image/jpeg'),
  kind: z.string(),
  uploadedAt: z.string(),
});

const CaseFileSchema = FileSchema.extend({
  attachedBy: z.string(),
  attachedByName: z.string().nullable().describe("the person's Thai name"),
  attachedAt: z.string(),
  attachedSeq: z.number().describe('the history row whose payload named the file'),
  removedAt: z.string().nullable(),
  removedBy: z.string().nullable(),
});

const MeetingFileSchema = FileSchema.extend({
  attachedBy: z.string(),
  attachedByName: z.string().nullable(),
  attachedAt: z.string(),
  removedAt: z.string().nullable(),
  removedBy: z.string().nullable(),
  removedByName: z.string().nullable(),
  removedReason: z.string().nullable(),
});

const KindsDescription = Object.entries(FILE_KINDS)
  .map(([k, v]) => `${k} (${v.th}): ${v.maxBytes / 1024 / 1024} MiB`)
  .join('; ');

const fileOut = (f: FileView) => ({
  id: f.id,
  name: f.name,
  size: f.size,
  sha256: f.sha256,
  type: f.type,
  kind: f.kind,
  uploadedAt: f.uploadedAt.toISOString(),
});

/** `X-File-Name` as the web sends it (encodeURIComponent); a raw header value when it is not percent-encoded. */
function fileNameOf(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function fileRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const engine = ctx.engine;
  const { clock } = engine;
  const store = createPostgresContentStore(engine);
  const writeLimit = { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } };

  app.register(async (scope) => {
    // the body as a stream, whatever its Content-Type (JSON too: it is sniffed like anything else)
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/files',
      {
        config: writeLimit,
        schema: {
          operationId: 'uploadFile',
          tags: TAGS,
          summary: 'อัปโหลดไฟล์ / Upload a file (the raw bytes as the body, the name in X-File-Name)',
          description:
            'The body is the file itself, streamed; `X-File-Name` is its name, percent-encoded UTF-8. The type is sniffed from the content (PDF, PNG, JPEG), never taken from the name or Content-Type: anything else is 415 FILE_TYPE_NOT_ALLOWED. Larger than the kind allows (' +
            KindsDescription +
            "): 413 FILE_TOO_LARGE, nothing kept. The same bytes are stored once. The file belongs to the uploader's office and only the uploader may read it until an event attaches it to a case.",
          querystring: z
            .object({ kind: z.enum(Object.keys(FILE_KINDS) as [keyof typeof FILE_KINDS]).default('evidence'), officeId: Uuid.optional() })
            .strict(),
          response: { 201: FileSchema, ...problems('FILE_EMPTY', 'FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', 'OFFICE_NOT_FOUND') },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const offices = officesOf(actor);
        const officeId = request.query.officeId ?? (offices.length === 1 ? offices[0] : undefined);
        if (officeId === undefined) {
          throw new EsaError('INVALID_PAYLOAD', {
            issues: [
              {
                path: 'querystring.officeId',
                code: 'required',
                message: 'ระบุสำนักงาน (officeId) / name the office (officeId): you hold roles in several',
              },
            ],
          });
        }
        if (!offices.includes(officeId)) throw new EsaError('OFFICE_NOT_FOUND', { officeId });
        const { maxBytes } = FILE_KINDS[request.query.kind];
        const declared = Number(request.headers['content-length'] ?? NaN);
        if (declared > maxBytes) throw new EsaError('FILE_TOO_LARGE', { maxBytes });
        const body = request.body;
        if (!(body instanceof Readable)) throw new EsaError('FILE_EMPTY', {});
        const file = await uploadFile(engine, store, {
          actor,
          officeId,
          kind: request.query.kind,
          name: fileNameOf(request.headers['x-file-name']),
          source: body,
          now: clock.now(),
        });
        return reply.code(201).send(fileOut(file));
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/files/:fileId',
    {
      schema: {
        operationId: 'downloadFile',
        tags: TAGS,
        summary: 'เปิดหรือดาวน์โหลดไฟล์ / Download a file (its uploader, or whoever may read a case it is attached to)',
        description:
          "Anyone else gets 404 FILE_NOT_FOUND, as for an id that does not exist. `Content-Disposition: attachment` with the original name (RFC 5987), or `inline` with `?inline=true` (PDF and images open in the browser tab); `nosniff`, `no-store`, CSP `sandbox; default-src 'none'; frame-ancestors 'self'` (the PDF viewer frames the file) with `X-Frame-Options: SAMEORIGIN`.",
        params: z.object({ fileId: z.string().max(100) }),
        querystring: z.object({ inline: z.enum(['true', 'false']).optional() }).strict(),
        response: { 200: z.string().describe("the file's bytes"), ...problems('FILE_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const file = await readableFile(engine, actorOf(request), request.params.fileId);
      if (!file) throw new EsaError('FILE_NOT_FOUND', { fileId: request.params.fileId });
      return (
        reply
          .type(file.type)
          .header('content-length', String(file.size))
          .header('content-disposition', contentDisposition(request.query.inline === 'true' ? 'inline' : 'attachment', file.name))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          // PDFs open in the browser's viewer, which frames them: framed by this origin only, nothing runs
          .header('content-security-policy', FILE_CSP)
          .send(rawBody(Readable.from(store.open(file.sha256))))
      );
    },
  );

  r.get(
    '/api/cases/:caseId/files',
    {
      schema: {
        operationId: 'listCaseFiles',
        tags: TAGS,
        summary: 'ไฟล์แนบของเรื่อง / The files attached to a case (removed ones marked)',
        params: z.object({ caseId: z.string().max(100) }),
        response: { 200: z.object({ items: z.array(CaseFileSchema) }), ...problems('CASE_NOT_FOUND') },
      },
    },
    async (request) => {
      const items = await listCaseFiles(ctx.engine, actorOf(request), request.params.caseId);
      return {
        items: items.map((f) => ({
          ...fileOut(f),
          attachedBy: f.attachedBy,
          attachedByName: f.attachedByName,
          attachedAt: f.attachedAt.toISOString(),
          attachedSeq: f.attachedSeq,
          removedAt: f.removedAt?.toISOString() ?? null,
          removedBy: f.removedBy,
        })),
      };
    },
  );

  r.delete(
    '/api/cases/:caseId/files/:fileId',
    {
      config: writeLimit,
      schema: {
        operationId: 'detachCaseFile',
        tags: TAGS,
        summary: 'นำไฟล์ออกจากเรื่อง (บันทึกในประวัติ) / Remove a file from a case: a history row (@file.removed), never a silent deletion',
        description:
          "Whoever attached the file, or the office's HR officers and admins, while the case is open. The bytes stay (content-addressed; other uploads may share them).",
        params: z.object({ caseId: z.string().max(100), fileId: z.string().max(100) }),
        querystring: z.object({ reason: z.string().max(2000).optional() }).strict(),
        response: {
          200: z.object({ historySeq: z.number(), revision: z.number() }),
          ...problems('CASE_NOT_FOUND', 'FILE_NOT_FOUND', 'FORBIDDEN'),
        },
      },
    },
    async (request) =>
      removeCaseFile(ctx.engine, {
        actor: actorOf(request),
        caseId: request.params.caseId,
        fileId: request.params.fileId,
        reason: request.query.reason ?? null,
      }),
  );

  r.post(
    '/api/cases/:caseId/files',
    {
      config: writeLimit,
      schema: {
        operationId: 'attachCaseFile',
        tags: TAGS,
        summary:
          "แนบไฟล์กับเรื่อง (เอกสารของรอบ, สำเนาคำสั่งที่ลงนามแล้ว) / Attach an uploaded file to a case on its own: a round document, an order's signed scan",
        description:
          "A history row (@file.attached) says who attached what and when; the state does not change. `round-document`: the office's HR officers and admins, while the case is open. `signed-order`: once the case's history records the signing (SIGN_ORDER), by HR or whoever recorded it. Evidence comes with the event that names it, a committee paper with its meeting (400). A file the caller may not read, or of another office: 404 FILE_NOT_FOUND. Attaching it again changes nothing (200, replayed).",
        params: z.object({ caseId: z.string().max(100) }),
        body: z.object({ fileId: z.string().max(100), note: z.string().max(2000).optional() }).strict(),
        response: {
          201: z.object({ historySeq: z.number(), revision: z.number(), replayed: z.boolean() }),
          200: z.object({ historySeq: z.number(), revision: z.number(), replayed: z.boolean() }),
          ...problems('CASE_NOT_FOUND', 'EVENT_NOT_ALLOWED', 'FILE_NOT_FOUND', 'FORBIDDEN'),
        },
      },
    },
    async (request, reply) => {
      const done = await attachFileToCase(ctx.engine, {
        actor: actorOf(request),
        caseId: request.params.caseId,
        fileId: request.body.fileId,
        note: request.body.note?.trim() || null,
      });
      return reply
        .code(done.replayed ? 200 : 201)
        .header('etag', `"${done.revision}"`)
        .send(done);
    },
  );

  const MeetingParams = z.object({ meetingId: z.string().max(100) });
  r.get(
    '/api/meetings/:meetingId/files',
    {
      schema: {
        operationId: 'listMeetingFiles',
        tags: TAGS,
        summary: 'เอกสารประกอบการประชุม / The papers of a meeting (removed ones marked, with who removed them and why)',
        description:
          "Whoever may read the meeting: the office's committee readers and the members seated on its committee. Anyone else: 404 MEETING_NOT_FOUND.",
        params: MeetingParams,
        response: { 200: z.object({ items: z.array(MeetingFileSchema) }), ...problems('MEETING_NOT_FOUND') },
      },
    },
    async (request) => {
      const items = await listMeetingFiles(ctx.engine, actorOf(request), request.params.meetingId);
      return {
        items: items.map((f) => ({
          ...fileOut(f),
          attachedBy: f.attachedBy,
          attachedByName: f.attachedByName,
          attachedAt: f.attachedAt.toISOString(),
          removedAt: f.removedAt?.toISOString() ?? null,
          removedBy: f.removedBy,
          removedByName: f.removedByName,
          removedReason: f.removedReason,
        })),
      };
    },
  );

  r.post(
    '/api/meetings/:meetingId/files',
    {
      config: writeLimit,
      schema: {
        operationId: 'attachMeetingFile',
        tags: TAGS,
        summary: 'แนบเอกสารประกอบการประชุม / Attach a committee paper to a meeting (secretary, chair, HR officer, admin; until it closes)',
        description: 'Upload it first with `POST /api/files?kind=committee-paper`. Attaching it again changes nothing (200).',
        params: MeetingParams,
        body: z.object({ fileId: z.string().max(100) }).strict(),
        response: {
          201: z.object({ replayed: z.boolean() }),
          200: z.object({ replayed: z.boolean() }),
          ...problems('FORBIDDEN', 'MEETING_NOT_FOUND'),
        },
      },
    },
    async (request, reply) => {
      const done = await attachFileToMeeting(ctx.engine, {
        actor: actorOf(request),
        meetingId: request.params.meetingId,
        fileId: request.body.fileId,
      });
      return reply.code(done.replayed ? 200 : 201).send(done);
    },
  );

  r.delete(
    '/api/meetings/:meetingId/files/:fileId',
    {
      config: writeLimit,
      schema: {
        operationId: 'detachMeetingFile',
        tags: TAGS,
        summary:
          'นำเอกสารออกจากการประชุม (บันทึกผู้นำออก เวลา และเหตุผล) / Remove a paper from a meeting: who, when and why are kept, never a silent deletion',
        description: "Whoever attached it, or the office's HR officers and admins, until the meeting closes. The reason is required.",
        params: z.object({ meetingId: z.string().max(100), fileId: z.string().max(100) }),
        querystring: z.object({ reason: z.string().trim().min(1).max(2000) }).strict(),
        response: { 204: z.null(), ...problems('FILE_NOT_FOUND', 'FORBIDDEN', 'MEETING_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      await removeMeetingFile(ctx.engine, {
        actor: actorOf(request),
        meetingId: request.params.meetingId,
        fileId: request.params.fileId,
        reason: request.query.reason,
      });
      return reply.code(204).send(null);
    },
  );
}
