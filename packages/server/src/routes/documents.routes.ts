/**
 * Official documents as PDF (docs/documents.md): the transfer order of a
 * transfer request, the minutes of a meeting and the memo that sends its
 * resolutions up, the salary round's announcement and the notices of the
 * people not raised. Whoever may read the case (or the meeting) may print
 * its documents; anyone else gets the same 404 as for the case itself.
 *
 * One Chromium per API process, started at the first document and closed
 * with the server (packages/documents). Without Chromium: 503
 * DOCUMENT_RENDERER_UNAVAILABLE, in Thai and English.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  buildMinutes,
  createPostgresContentStore,
  EsaError,
  findDocumentNumber,
  formatDocumentNumber,
  issueDocumentNumber,
  localDateOfInstant,
  officeNames,
  readableFile,
  schoolNamesOf,
  type Actor,
  type DocumentRegister,
  type Engine,
  type IssuedNumber,
} from '@esa-flow/engine';
import { beforeName, createPdfPrinter, meetingMinutesHtml, resolutionMemoHtml, salaryAnnouncementHtml, transferOrderHtml, type DocumentOptions, type Emblem } from '@esa-flow/documents';
import { salary } from '@esa-flow/workflows';
import { actorOf } from '../http/authenticate';
import { contentDisposition } from '../http/content-disposition';
import { commonErrors, ProblemSchema } from '../http/schemas';
import { transferOrderData } from '../documents/transfer-order-data';
import type { RouteContext } from './route-context';

const TAGS = ['documents'];

export const DocumentQuery = z
  .object({
    /** numbers and dates in Thai digits ๐–๙ (the default) or in 0–9 */
    digits: z.enum(['thai', 'arabic']).default('thai'),
    /** the office's emblem (ครุฑ): an uploaded PNG or JPEG the reader may open; without it the place stays empty */
    emblem: z.string().max(100).optional(),
    /** `true`: as a download (attachment) rather than opened in the browser */
    download: z.enum(['true', 'false']).optional(),
  })
  .strict();
type DocumentQuery = z.infer<typeof DocumentQuery>;

const pdfResponse = { 200: z.string().describe('the PDF'), ...commonErrors, 503: ProblemSchema };

const NumberSchema = z.object({
  id: z.string(),
  register: z.string(),
  number: z.number(),
  beYear: z.number(),
  /** as the document prints it, e.g. '12/2569' */
  text: z.string(),
  issuedAt: z.string(),
});

/** Who gives a document its number from the office's register: the office's HR officers (the สารบรรณ desk) and admins. */
function assertMayIssueNumbers(actor: Actor, officeId: string): void {
  const ok = actor.kind === 'user' && actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && (g.role === 'hr_officer' || g.role === 'admin'));
  if (!ok) throw new EsaError('FORBIDDEN', { officeId, need: ['hr_officer', 'admin'] });
}

const numberOut = (n: IssuedNumber) => ({ id: n.id, register: n.register, number: n.number, beYear: n.beYear, text: formatDocumentNumber(n), issuedAt: n.issuedAt.toISOString() });

/** The subjects whose numbers documents print: one live number each (docs/documents.md "Numbers"). */
export const documentSubject = {
  transferOrder: (caseId: string) => ({ register: 'order' as DocumentRegister, subjectKey: `case:${caseId}:transfer-order` }),
  resolutionMemo: (meetingId: string) => ({ register: 'outgoing' as DocumentRegister, subjectKey: `meeting:${meetingId}:memo` }),
  /** the salary round routes issue it when they publish */
  salaryAnnouncement: (roundId: string) => ({ register: 'announcement' as DocumentRegister, subjectKey: `case:${roundId}:salary-announcement` }),
};

async function emblemOf(engine: Engine, actor: Actor, fileId: string | undefined): Promise<Emblem | null> {
  if (!fileId) return null;
  const file = await readableFile(engine.deps.db, actor, fileId);
  if (!file) throw new EsaError('FILE_NOT_FOUND', { fileId });
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') throw new EsaError('FILE_TYPE_NOT_ALLOWED', { fileId, type: file.type, expected: ['image/png', 'image/jpeg'] });
  const chunks: Buffer[] = [];
  for await (const chunk of createPostgresContentStore(engine.deps.db).open(file.sha256)) chunks.push(chunk);
  return { type: file.type, bytes: Buffer.concat(chunks) };
}

export function documentRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { engine } = ctx;
  const printer = createPdfPrinter({ executablePath: ctx.config.CHROMIUM_PATH, concurrency: ctx.config.DOCUMENT_RENDER_CONCURRENCY });
  app.addHook('onClose', async () => printer.close());
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function optionsFor(actor: Actor, officeId: string, query: DocumentQuery): Promise<DocumentOptions> {
    const office = await officeNames(engine.deps.db, officeId);
    if (!office) throw new EsaError('OFFICE_NOT_FOUND', { officeId });
    return { office: { nameTh: office.nameTh }, emblem: await emblemOf(engine, actor, query.emblem), thaiDigits: query.digits === 'thai' };
  }

  async function sendPdf(reply: FastifyReply, html: string, fileName: string, query: DocumentQuery) {
    const pdf = await printer.print(html);
    return reply
      .type('application/pdf')
      .header('content-length', String(pdf.length))
      .header('content-disposition', contentDisposition(query.download === 'true' ? 'attachment' : 'inline', fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(pdf);
  }

  r.get(
    '/api/cases/:caseId/documents/transfer-order.pdf',
    {
      schema: {
        tags: TAGS,
        summary: 'คำสั่งย้ายพร้อมบัญชีแนบท้าย (PDF) / The transfer order with its attached list, as PDF',
        description:
          'A transfer request from `orderSigning` on (the draft to sign: blanks for the number and the date) and after SIGN_ORDER (number, dates and signer filled in). Readable by whoever may read the case; before the order step 409 DOCUMENT_NOT_READY.',
        params: z.object({ caseId: z.string().max(100) }),
        querystring: DocumentQuery,
        response: pdfResponse,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await engine.getCase(actor, request.params.caseId);
      const options = await optionsFor(actor, view.case.officeId, request.query);
      const data = await transferOrderData(engine, view.case, options.office);
      const issued = await findDocumentNumber(engine.deps.db, { officeId: view.case.officeId, ...documentSubject.transferOrder(view.case.id) });
      if (issued) data.documentNo = formatDocumentNumber(issued);
      const name = `คำสั่งย้าย-${data.people[0]?.name ?? ''}.pdf`;
      return sendPdf(reply, transferOrderHtml(data, options), name, request.query);
    },
  );

  r.post(
    '/api/cases/:caseId/documents/transfer-order/number',
    {
      config: { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags: TAGS,
        summary: 'ออกเลขที่คำสั่งย้ายจากทะเบียนคำสั่ง / Give the transfer order its number from the office’s order register (safe to retry)',
        description:
          'The office’s HR officers and admins, once the order can be printed. The same case asked again gets the same number; numbers run on without a gap per office and พ.ศ. year. The order prints it from then on (“ที่ 12/2569”).',
        params: z.object({ caseId: z.string().max(100) }),
        response: { 200: NumberSchema, ...commonErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const view = await engine.getCase(actor, request.params.caseId);
      assertMayIssueNumbers(actor, view.case.officeId);
      const office = await officeNames(engine.deps.db, view.case.officeId);
      const data = await transferOrderData(engine, view.case, { nameTh: office?.nameTh ?? '' });
      const issued = await issueDocumentNumber(engine.deps.db, {
        officeId: view.case.officeId,
        ...documentSubject.transferOrder(view.case.id),
        title: `คำสั่งย้าย ${data.people.map((p) => p.name).join(', ')}`,
        caseId: view.case.id,
        issuedBy: actor.id,
        issuedAt: engine.deps.clock.now(),
      });
      return numberOut(issued);
    },
  );

  r.get(
    '/api/meetings/:meetingId/documents/minutes.pdf',
    {
      schema: {
        tags: TAGS,
        summary: 'รายงานการประชุม (PDF) / The minutes of a meeting, as PDF',
        description: 'Whoever may read the meeting (as GET /api/meetings/:id/minutes). Before the meeting closes it is the draft so far.',
        params: z.object({ meetingId: z.string().max(100) }),
        querystring: DocumentQuery,
        response: pdfResponse,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const minutes = await buildMinutes(engine.deps, actor, request.params.meetingId);
      const options = await optionsFor(actor, minutes.meeting.officeId, request.query);
      return sendPdf(reply, meetingMinutesHtml(minutes, options), `รายงานการประชุม-${minutes.meeting.title}.pdf`, request.query);
    },
  );

  r.get(
    '/api/meetings/:meetingId/documents/memo.pdf',
    {
      schema: {
        tags: TAGS,
        summary: 'บันทึกข้อความรายงานมติที่ประชุม (PDF) / The memo sending the meeting’s resolutions up to the office’s director, as PDF',
        description: 'Whoever may read the meeting, once it is closed (before: 409 DOCUMENT_NOT_READY). Its number comes from the outgoing register (POST …/memo/number); blank until then.',
        params: z.object({ meetingId: z.string().max(100) }),
        querystring: DocumentQuery,
        response: pdfResponse,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const minutes = await buildMinutes(engine.deps, actor, request.params.meetingId);
      if (minutes.meeting.status !== 'closed') throw new EsaError('DOCUMENT_NOT_READY', { meetingId: minutes.meeting.id, document: 'memo', status: minutes.meeting.status });
      const options = await optionsFor(actor, minutes.meeting.officeId, request.query);
      const issued = await findDocumentNumber(engine.deps.db, { officeId: minutes.meeting.officeId, ...documentSubject.resolutionMemo(minutes.meeting.id) });
      const secretary = minutes.attendance.find((a) => a.seat === 'secretary');
      const html = resolutionMemoHtml(
        {
          minutes,
          unit: 'กลุ่มบริหารงานบุคคล',
          documentNo: issued ? formatDocumentNumber(issued) : null,
          date: localDateOfInstant(issued?.issuedAt ?? engine.deps.clock.now()),
          to: `ผู้อำนวยการ${options.office.nameTh}`,
          signer: { name: secretary?.name ?? null, position: beforeName('กรรมการและเลขานุการ', minutes.committee.th) },
        },
        options,
      );
      return sendPdf(reply, html, `บันทึกข้อความ-มติ-${minutes.meeting.title}.pdf`, request.query);
    },
  );

  r.post(
    '/api/meetings/:meetingId/documents/memo/number',
    {
      config: { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags: TAGS,
        summary: 'ออกเลขที่หนังสือส่งให้บันทึกข้อความรายงานมติ / Give the memo its number from the outgoing register (safe to retry)',
        params: z.object({ meetingId: z.string().max(100) }),
        response: { 200: NumberSchema, ...commonErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const minutes = await buildMinutes(engine.deps, actor, request.params.meetingId);
      assertMayIssueNumbers(actor, minutes.meeting.officeId);
      if (minutes.meeting.status !== 'closed') throw new EsaError('DOCUMENT_NOT_READY', { meetingId: minutes.meeting.id, document: 'memo', status: minutes.meeting.status });
      const issued = await issueDocumentNumber(engine.deps.db, {
        officeId: minutes.meeting.officeId,
        ...documentSubject.resolutionMemo(minutes.meeting.id),
        title: `บันทึกข้อความ รายงานมติ${minutes.committee.th} ${minutes.meeting.title}`,
        issuedBy: actor.id,
        issuedAt: engine.deps.clock.now(),
      });
      return numberOut(issued);
    },
  );

  r.get(
    '/api/cycles/:caseId/documents/announcement.pdf',
    {
      schema: {
        tags: TAGS,
        summary: 'ประกาศรายชื่อผู้มีผลการประเมินดีเด่นและดีมาก (PDF) / The salary round’s announcement of the names rated excellent and very good, as PDF',
        description: 'Whoever may read the round, once its results are published (before: 409 DOCUMENT_NOT_READY); numbered from the announcement register when it was published.',
        params: z.object({ caseId: z.string().max(100) }),
        querystring: DocumentQuery,
        response: pdfResponse,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await engine.getCase(actor, request.params.caseId);
      const officeId = view.case.officeId;
      const published = view.case.workflowId === 'salary-round' ? await salary.publishedLists(engine, actor, view.case.id, await schoolNamesOf(engine.deps.db, officeId)) : null;
      if (!published) throw new EsaError('DOCUMENT_NOT_READY', { caseId: view.case.id, document: 'announcement', state: view.case.state });
      const options = await optionsFor(actor, officeId, request.query);
      const issued = await findDocumentNumber(engine.deps.db, { officeId, ...documentSubject.salaryAnnouncement(view.case.id) });
      const html = salaryAnnouncementHtml(
        {
          documentNo: issued ? formatDocumentNumber(issued) : null,
          roundTitle: view.case.title,
          publishedOn: localDateOfInstant(new Date(published.publication.at)),
          lists: published.lists.map((l) => ({ th: l.th, entries: l.entries.map((e) => ({ nameTh: e.nameTh, schoolName: e.schoolName, score: e.score, pctBp: e.pctBp })) })),
          signer: { name: null, position: `ผู้อำนวยการ${options.office.nameTh}` },
        },
        options,
      );
      return sendPdf(reply, html, `ประกาศรายชื่อ-${view.case.title}.pdf`, request.query);
    },
  );
}
