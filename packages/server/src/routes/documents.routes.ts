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
  RESOLUTION_TH,
  SEAT_TH,
  changeDocumentSettings,
  createPostgresContentStore,
  documentSettingsOf,
  EsaError,
  formatThaiDate,
  formatThaiTime,
  officeEmblem,
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
  type ErrorCode,
  type IssuedNumber,
  type CaseView,
  type OfficeDocumentSettings,
} from '@esa-flow/engine';
import {
  academicStandingOrderModel,
  beforeName,
  createPdfPrinter,
  meetingMinutesHtml,
  orderDocx,
  orderHtml,
  personalNoticesHtml,
  resolutionMemoHtml,
  salaryAnnouncementHtml,
  salaryRaiseOrderModel,
  transferOrderModel,
  type DocumentOptions,
  type Emblem,
  type OrderModel,
  type Signer,
} from '@esa-flow/documents';
import { salary } from '@esa-flow/workflows';
import { actorOf } from '../http/authenticate';
import { contentDisposition } from '../http/content-disposition';
import { rawBody } from '../http/raw-body';
import { streamWorkbook, XLSX_TYPE } from '../spreadsheet/write-xlsx';
import { meetingWorkbookSheets } from '../export/meeting-workbook';
import { salaryWorkbookSheets } from '../export/salary-workbook';
import { problems, Uuid } from '../http/schemas';
import { assertOfficeVisible } from '../http/office-scope';
import { transferOrderData } from '../documents/transfer-order-data';
import { academicStandingOrderData } from '../documents/academic-standing-order-data';
import type { RouteContext } from './route-context';

const TAGS = ['documents'];
/** orders come as PDF (to print and sign) and as DOCX (to edit first) */
const FORMATS = ['pdf', 'docx'] as const;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const DocumentQuery = z
  .object({
    /** numbers and dates in Thai digits ๐–๙ or in 0–9; without it, as the office's document settings say */
    digits: z.enum(['thai', 'arabic']).optional(),
    /** another emblem than the office's (a trial print): an uploaded PNG or JPEG the reader may open */
    emblem: z.string().max(100).optional(),
    /** `true`: as a download (attachment) rather than opened in the browser */
    download: z.enum(['true', 'false']).optional(),
  })
  .strict();
type DocumentQuery = z.infer<typeof DocumentQuery>;

/** A PDF, or the route's problems and the renderer's absence (503). */
const pdfResponse = (...codes: ErrorCode[]) => ({
  200: z.string().describe('the PDF'),
  ...problems('DOCUMENT_RENDERER_UNAVAILABLE', ...codes),
});

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
  const ok =
    actor.kind === 'user' &&
    actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && (g.role === 'hr_officer' || g.role === 'admin'));
  if (!ok) throw new EsaError('FORBIDDEN', { officeId, need: ['hr_officer', 'admin'] });
}

const numberOut = (n: IssuedNumber) => ({
  id: n.id,
  register: n.register,
  number: n.number,
  beYear: n.beYear,
  text: formatDocumentNumber(n),
  issuedAt: n.issuedAt.toISOString(),
});

/** The subjects whose numbers documents print: one live number each (docs/documents.md "Numbers"). */
export const documentSubject = {
  transferOrder: (caseId: string) => ({ register: 'order' as DocumentRegister, subjectKey: `case:${caseId}:transfer-order` }),
  resolutionMemo: (meetingId: string) => ({ register: 'outgoing' as DocumentRegister, subjectKey: `meeting:${meetingId}:memo` }),
  academicStandingOrder: (caseId: string) => ({
    register: 'order' as DocumentRegister,
    subjectKey: `case:${caseId}:academic-standing-order`,
  }),
  /** the salary round routes issue it when they publish */
  salaryAnnouncement: (roundId: string) => ({
    register: 'announcement' as DocumentRegister,
    subjectKey: `case:${roundId}:salary-announcement`,
  }),
};

async function emblemOf(engine: Engine, actor: Actor, officeId: string, fileId: string | undefined): Promise<Emblem | null> {
  if (!fileId) return officeEmblem(engine, createPostgresContentStore(engine), officeId);
  const file = await readableFile(engine, actor, fileId);
  if (!file) throw new EsaError('FILE_NOT_FOUND', { fileId });
  if (file.type !== 'image/png' && file.type !== 'image/jpeg')
    throw new EsaError('FILE_TYPE_NOT_ALLOWED', { fileId, type: file.type, expected: ['image/png', 'image/jpeg'] });
  const chunks: Buffer[] = [];
  for await (const chunk of createPostgresContentStore(engine).open(file.sha256)) chunks.push(chunk);
  return { type: file.type, bytes: Buffer.concat(chunks) };
}

/**
 * The signer as the order prints them: someone who signed under an acting
 * grant only (รักษาราชการแทน, recorded on the history row) signs for the
 * holder of the position.
 */
function signedAs(history: CaseView['history'], signer: Signer): Signer {
  const signed = [...history].reverse().find((h) => h.eventType === 'SIGN_ORDER');
  return signed?.acting ? { ...signer, position: `รักษาราชการแทน${signer.position}` } : signer;
}

export function documentRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { engine } = ctx;
  const printer = createPdfPrinter({ executablePath: ctx.config.CHROMIUM_PATH, concurrency: ctx.config.DOCUMENT_RENDER_CONCURRENCY });
  app.addHook('onClose', async () => printer.close());
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function optionsFor(actor: Actor, officeId: string, query: DocumentQuery): Promise<DocumentOptions> {
    const office = await officeNames(engine, officeId);
    if (!office) throw new EsaError('OFFICE_NOT_FOUND', { officeId });
    const settings = await documentSettingsOf(engine, officeId);
    return {
      office: { nameTh: office.nameTh, ...settings.letterhead },
      emblem: await emblemOf(engine, actor, officeId, query.emblem),
      thaiDigits: query.digits === undefined ? settings.thaiDigits : query.digits === 'thai',
    };
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

  /** An order as PDF (printed) or DOCX (to edit before signing: always a download). */
  async function sendOrder(
    reply: FastifyReply,
    format: (typeof FORMATS)[number],
    model: OrderModel,
    options: DocumentOptions,
    name: string,
    query: DocumentQuery,
  ) {
    if (format === 'pdf') return sendPdf(reply, orderHtml(model, options), `${name}.pdf`, query);
    const docx = await orderDocx(model, options);
    return reply
      .type(DOCX_TYPE)
      .header('content-length', String(docx.length))
      .header('content-disposition', contentDisposition('attachment', `${name}.docx`))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(docx);
  }

  for (const format of FORMATS) {
    r.get(
      `/api/cases/:caseId/documents/transfer-order.${format}`,
      {
        schema: {
          operationId: `getTransferOrder${format === 'pdf' ? 'Pdf' : 'Docx'}`,
          tags: TAGS,
          summary: `คำสั่งย้ายพร้อมบัญชีแนบท้าย (${format.toUpperCase()}) / The transfer order with its attached list, as ${format.toUpperCase()}`,
          description:
            'A transfer request from `orderSigning` on (the draft to sign: blanks for the number and the date) and after SIGN_ORDER (number, dates and signer filled in). Readable by whoever may read the case; before the order step 409 DOCUMENT_NOT_READY. DOCX: the same words, for editing before signing (always a download).',
          params: z.object({ caseId: z.string().max(100) }),
          querystring: DocumentQuery,
          response: pdfResponse('CASE_NOT_FOUND', 'DOCUMENT_NOT_READY'),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const view = await engine.getCase(actor, request.params.caseId);
        const options = await optionsFor(actor, view.case.officeId, request.query);
        const data = await transferOrderData(engine, view.case, options.office);
        const issued = await findDocumentNumber(engine, {
          officeId: view.case.officeId,
          ...documentSubject.transferOrder(view.case.id),
        });
        if (issued) data.documentNo = formatDocumentNumber(issued);
        data.signer = signedAs(view.history, data.signer);
        return sendOrder(reply, format, transferOrderModel(data, options), options, `คำสั่งย้าย-${data.people[0]?.name ?? ''}`, request.query);
      },
    );
  }

  r.get(
    '/api/cases/:caseId/documents/transfer-order/number',
    {
      schema: {
        operationId: 'getTransferOrderNumber',
        tags: TAGS,
        summary: 'เลขที่คำสั่งย้ายที่ออกจากทะเบียนแล้ว (ถ้ามี) / The number the order register gave the transfer order, if any',
        description:
          'Whoever may read the case: `issued` is the number given by POST …/number, or null. The signing form prefills the order number from it (issue 21), so the signer does not retype what the register gave.',
        params: z.object({ caseId: z.string().max(100) }),
        response: { 200: z.object({ issued: NumberSchema.nullable() }), ...problems('CASE_NOT_FOUND') },
      },
    },
    async (request) => {
      const view = await engine.getCase(actorOf(request), request.params.caseId);
      const issued = await findDocumentNumber(engine, {
        officeId: view.case.officeId,
        ...documentSubject.transferOrder(view.case.id),
      });
      return { issued: issued ? numberOut(issued) : null };
    },
  );

  r.post(
    '/api/cases/:caseId/documents/transfer-order/number',
    {
      config: { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        operationId: 'assignTransferOrderNumber',
        tags: TAGS,
        summary: 'ออกเลขที่คำสั่งย้ายจากทะเบียนคำสั่ง / Give the transfer order its number from the office’s order register (safe to retry)',
        description:
          'The office’s HR officers and admins, once the order can be printed. The same case asked again gets the same number; numbers run on without a gap per office and พ.ศ. year. The order prints it from then on (“ที่ 12/2569”).',
        params: z.object({ caseId: z.string().max(100) }),
        response: { 200: NumberSchema, ...problems('CASE_NOT_FOUND', 'DOCUMENT_NOT_READY', 'FORBIDDEN') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const view = await engine.getCase(actor, request.params.caseId);
      assertMayIssueNumbers(actor, view.case.officeId);
      const office = await officeNames(engine, view.case.officeId);
      const data = await transferOrderData(engine, view.case, { nameTh: office?.nameTh ?? '' });
      const issued = await issueDocumentNumber(engine, {
        officeId: view.case.officeId,
        ...documentSubject.transferOrder(view.case.id),
        title: `คำสั่งย้าย ${data.people.map((p) => p.name).join(', ')}`,
        caseId: view.case.id,
        issuedBy: actor.id,
        issuedAt: engine.clock.now(),
      });
      return numberOut(issued);
    },
  );

  r.get(
    '/api/meetings/:meetingId/documents/minutes.pdf',
    {
      schema: {
        operationId: 'getMinutesPdf',
        tags: TAGS,
        summary: 'รายงานการประชุม (PDF) / The minutes of a meeting, as PDF',
        description: 'Whoever may read the meeting (as GET /api/meetings/:id/minutes). Before the meeting closes it is the draft so far.',
        params: z.object({ meetingId: z.string().max(100) }),
        querystring: DocumentQuery,
        response: pdfResponse('MEETING_NOT_FOUND'),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const minutes = await buildMinutes(engine, actor, request.params.meetingId);
      const options = await optionsFor(actor, minutes.meeting.officeId, request.query);
      return sendPdf(reply, meetingMinutesHtml(minutes, options), `รายงานการประชุม-${minutes.meeting.title}.pdf`, request.query);
    },
  );

  r.get(
    '/api/meetings/:meetingId/documents/agenda.xlsx',
    {
      schema: {
        operationId: 'getAgendaXlsx',
        tags: TAGS,
        summary: 'ระเบียบวาระและมติที่ประชุมเป็นไฟล์ Excel / A meeting’s agenda, resolutions and attendance as an Excel workbook',
        description:
          'Whoever may read the meeting. Sheet 1: each agenda item (its order, the case, the resolution in words — decided with the list or excepted from it — the votes, the note); sheet 2: who was seated and who came. Before the meeting closes, as far as it has got.',
        params: z.object({ meetingId: z.string().max(100) }),
        response: { 200: z.string().describe('the .xlsx workbook'), ...problems('MEETING_NOT_FOUND') },
      },
    },
    async (request, reply) => {
      const minutes = await buildMinutes(engine, actorOf(request), request.params.meetingId);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition('attachment', `ระเบียบวาระและมติ-${minutes.meeting.title}.xlsx`))
        .header('cache-control', 'no-store')
        .send(rawBody(streamWorkbook(meetingWorkbookSheets(minutes, { resolution: RESOLUTION_TH, seat: SEAT_TH }))));
    },
  );

  r.get(
    '/api/meetings/:meetingId/documents/memo.pdf',
    {
      schema: {
        operationId: 'getMeetingMemoPdf',
        tags: TAGS,
        summary: 'บันทึกข้อความรายงานมติที่ประชุม (PDF) / The memo sending the meeting’s resolutions up to the office’s director, as PDF',
        description:
          'Whoever may read the meeting, once it is closed (before: 409 DOCUMENT_NOT_READY). Its number comes from the outgoing register (POST …/memo/number); blank until then.',
        params: z.object({ meetingId: z.string().max(100) }),
        querystring: DocumentQuery,
        response: pdfResponse('DOCUMENT_NOT_READY', 'MEETING_NOT_FOUND'),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const minutes = await buildMinutes(engine, actor, request.params.meetingId);
      if (minutes.meeting.status !== 'closed')
        throw new EsaError('DOCUMENT_NOT_READY', { meetingId: minutes.meeting.id, document: 'memo', status: minutes.meeting.status });
      const options = await optionsFor(actor, minutes.meeting.officeId, request.query);
      const issued = await findDocumentNumber(engine, {
        officeId: minutes.meeting.officeId,
        ...documentSubject.resolutionMemo(minutes.meeting.id),
      });
      const secretary = minutes.attendance.find((a) => a.seat === 'secretary');
      const html = resolutionMemoHtml(
        {
          minutes,
          documentNo: issued ? formatDocumentNumber(issued) : null,
          date: localDateOfInstant(issued?.issuedAt ?? engine.clock.now()),
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
        operationId: 'assignMeetingMemoNumber',
        tags: TAGS,
        summary: 'ออกเลขที่หนังสือส่งให้บันทึกข้อความรายงานมติ / Give the memo its number from the outgoing register (safe to retry)',
        params: z.object({ meetingId: z.string().max(100) }),
        response: { 200: NumberSchema, ...problems('DOCUMENT_NOT_READY', 'FORBIDDEN', 'MEETING_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const minutes = await buildMinutes(engine, actor, request.params.meetingId);
      assertMayIssueNumbers(actor, minutes.meeting.officeId);
      if (minutes.meeting.status !== 'closed')
        throw new EsaError('DOCUMENT_NOT_READY', { meetingId: minutes.meeting.id, document: 'memo', status: minutes.meeting.status });
      const issued = await issueDocumentNumber(engine, {
        officeId: minutes.meeting.officeId,
        ...documentSubject.resolutionMemo(minutes.meeting.id),
        title: `บันทึกข้อความ รายงานมติ${minutes.committee.th} ${minutes.meeting.title}`,
        issuedBy: actor.id,
        issuedAt: engine.clock.now(),
      });
      return numberOut(issued);
    },
  );

  r.get(
    '/api/cycles/:caseId/documents/announcement.pdf',
    {
      schema: {
        operationId: 'getSalaryAnnouncementPdf',
        tags: TAGS,
        summary:
          'ประกาศรายชื่อผู้มีผลการประเมินดีเด่นและดีมาก (PDF) / The salary round’s announcement of the names rated excellent and very good, as PDF',
        description:
          'Whoever may read the round, once its results are published (before: 409 DOCUMENT_NOT_READY); numbered from the announcement register when it was published.',
        params: z.object({ caseId: z.string().max(100) }),
        querystring: DocumentQuery,
        response: pdfResponse('CASE_NOT_FOUND', 'DOCUMENT_NOT_READY'),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await engine.getCase(actor, request.params.caseId);
      const officeId = view.case.officeId;
      const published =
        view.case.workflowId === 'salary-round'
          ? await salary.publishedLists(engine, actor, view.case.id, await schoolNamesOf(engine, officeId))
          : null;
      if (!published) throw new EsaError('DOCUMENT_NOT_READY', { caseId: view.case.id, document: 'announcement', state: view.case.state });
      const options = await optionsFor(actor, officeId, request.query);
      const issued = await findDocumentNumber(engine, { officeId, ...documentSubject.salaryAnnouncement(view.case.id) });
      const html = salaryAnnouncementHtml(
        {
          documentNo: issued ? formatDocumentNumber(issued) : null,
          roundTitle: view.case.title,
          publishedOn: localDateOfInstant(new Date(published.publication.at)),
          lists: published.lists.map((l) => ({
            th: l.th,
            entries: l.entries.map((e) => ({ nameTh: e.nameTh, schoolName: e.schoolName, score: e.score, pctBp: e.pctBp })),
          })),
          signer: { name: null, position: `ผู้อำนวยการ${options.office.nameTh}` },
        },
        options,
      );
      return sendPdf(reply, html, `ประกาศรายชื่อ-${view.case.title}.pdf`, request.query);
    },
  );

  r.get(
    '/api/cycles/:caseId/documents/salary-lists.xlsx',
    {
      schema: {
        operationId: 'getSalaryListsXlsx',
        tags: TAGS,
        summary: 'บัญชีรายชื่อของรอบเลื่อนเงินเดือนเป็นไฟล์ Excel / The salary round’s lists as an Excel workbook',
        description:
          "Whoever may read the round, once its results are published (before: 409 DOCUMENT_NOT_READY). Sheet 1: the names rated ดีเด่น and ดีมาก as announced (score, %); sheet 2, once the orders are issued: every person each order raises (salary before, the calculation base and the amount in baht, the % as a number, the new salary, the order's number).",
        params: z.object({ caseId: z.string().max(100) }),
        response: { 200: z.string().describe('the .xlsx workbook'), ...problems('CASE_NOT_FOUND', 'DOCUMENT_NOT_READY') },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await engine.getCase(actor, request.params.caseId);
      const officeId = view.case.officeId;
      const schools = await schoolNamesOf(engine, officeId);
      const published = view.case.workflowId === 'salary-round' ? await salary.publishedLists(engine, actor, view.case.id, schools) : null;
      if (!published) throw new EsaError('DOCUMENT_NOT_READY', { caseId: view.case.id, document: 'salary-lists', state: view.case.state });
      const orders = await salary.issuedRaiseOrders(engine, actor, view.case.id);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', contentDisposition('attachment', `บัญชีรายชื่อ-${view.case.title}.xlsx`))
        .header('cache-control', 'no-store')
        .send(rawBody(streamWorkbook(salaryWorkbookSheets(published.lists, orders, schools))));
    },
  );

  const SettingsView = z.object({
    version: z.number().int().describe('0 while the office has never changed them'),
    emblemFileId: z.string().nullable().describe('the emblem printed on every document (GET /api/files/:id?inline=true shows it)'),
    thaiDigits: z.boolean(),
    addressTh: z
      .string()
      .nullable()
      .describe('the address under the office’s name at the head of a letter, line by line (\\n); null: the name alone'),
    unitTh: z
      .string()
      .describe(
        'the unit that owns the matter (ส่วนราชการเจ้าของเรื่อง): at the foot of a letter, on a memo’s ส่วนราชการ line; กลุ่มบริหารงานบุคคล until set',
      ),
    phone: z.string().nullable().describe('โทร. printed with the unit'),
    email: z.string().nullable().describe('ไปรษณีย์อิเล็กทรอนิกส์ at the foot of a letter'),
    changedAtTh: z.string().nullable().describe('"5 ธ.ค. 2569 10.00 น."'),
    changedByName: z.string().nullable(),
  });
  /** The letterhead fields the body names (an absent one stays as in force). */
  const letterheadOf = (b: { addressTh?: string | null; unitTh?: string | null; phone?: string | null; email?: string | null }) => {
    const out: Partial<Record<'addressTh' | 'unitTh' | 'phone' | 'email', string | null>> = {};
    for (const k of ['addressTh', 'unitTh', 'phone', 'email'] as const) if (b[k] !== undefined) out[k] = b[k];
    return out;
  };
  const settingsOut = (s: OfficeDocumentSettings): z.infer<typeof SettingsView> => ({
    version: s.version,
    emblemFileId: s.emblemFileId,
    thaiDigits: s.thaiDigits,
    ...s.letterhead,
    changedAtTh: s.changedAt ? `${formatThaiDate(s.changedAt, 'th')} ${formatThaiTime(s.changedAt, 'th')}` : null,
    changedByName: s.changedByName,
  });

  r.get(
    '/api/offices/:officeId/document-settings',
    {
      schema: {
        tags: TAGS,
        operationId: 'getDocumentSettings',
        summary: 'การตั้งค่าหนังสือราชการของสำนักงาน / How the office prints its documents: emblem and digits',
        description: 'Every user of the office may read them. Until an admin changes them: Thai digits and no emblem.',
        params: z.object({ officeId: Uuid }).strict(),
        response: { 200: SettingsView, ...problems('FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOfficeVisible(actor, request.params.officeId);
      return settingsOut(await documentSettingsOf(engine, request.params.officeId));
    },
  );

  r.put(
    '/api/offices/:officeId/document-settings',
    {
      config: { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        tags: TAGS,
        operationId: 'changeDocumentSettings',
        summary: 'ตั้งค่าหนังสือราชการของสำนักงาน / Set the office’s emblem, digits and letterhead (its admins; safe to retry)',
        description:
          'The emblem is a PNG or JPEG uploaded by the same admin with `POST /api/files?kind=office-emblem` (2 MiB at most); `null` prints none. Each change is kept as a new version (who, when); sending what is in force changes nothing.',
        params: z.object({ officeId: Uuid }).strict(),
        body: z
          .object({
            emblemFileId: Uuid.nullable(),
            thaiDigits: z.boolean(),
            // absent: as in force; null or blank: none (the unit: กลุ่มบริหารงานบุคคล); checked by the engine (INVALID_PAYLOAD names the field)
            addressTh: z.string().max(2000).nullable().optional(),
            unitTh: z.string().max(2000).nullable().optional(),
            phone: z.string().max(2000).nullable().optional(),
            email: z.string().max(2000).nullable().optional(),
          })
          .strict(),
        response: { 200: SettingsView.extend({ changed: z.boolean() }), ...problems('FILE_NOT_FOUND', 'FORBIDDEN', 'OFFICE_NOT_FOUND') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertOfficeVisible(actor, request.params.officeId);
      const { settings, changed } = await changeDocumentSettings(engine, {
        actor,
        officeId: request.params.officeId,
        emblemFileId: request.body.emblemFileId,
        thaiDigits: request.body.thaiDigits,
        letterhead: letterheadOf(request.body),
        now: engine.clock.now(),
      });
      return { ...settingsOut(settings), changed };
    },
  );

  for (const format of FORMATS) {
    r.get(
      `/api/cases/:caseId/documents/academic-standing-order.${format}`,
      {
        schema: {
          operationId: `getAcademicStandingOrder${format === 'pdf' ? 'Pdf' : 'Docx'}`,
          tags: TAGS,
          summary: `คำสั่งให้มีวิทยฐานะพร้อมบัญชีแนบท้าย (${format.toUpperCase()}) / The academic-standing appointment order with its attached list, as ${format.toUpperCase()}`,
          description:
            'An academic-standing case whose result passed and was certified (from `orderPreparation` on): the draft to sign, then the signed order (the signer and the date from SIGN_ORDER). Its number from the order register (POST …/academic-standing-order/number), else the one typed with PREPARE_ORDER. Before: 409 DOCUMENT_NOT_READY.',
          params: z.object({ caseId: z.string().max(100) }),
          querystring: DocumentQuery,
          response: pdfResponse('CASE_NOT_FOUND', 'DOCUMENT_NOT_READY'),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const view = await engine.getCase(actor, request.params.caseId);
        const options = await optionsFor(actor, view.case.officeId, request.query);
        const data = await academicStandingOrderData(engine, view, options.office);
        const issued = await findDocumentNumber(engine, {
          officeId: view.case.officeId,
          ...documentSubject.academicStandingOrder(view.case.id),
        });
        if (issued) data.documentNo = formatDocumentNumber(issued);
        data.signer = signedAs(view.history, data.signer);
        return sendOrder(
          reply,
          format,
          academicStandingOrderModel(data, options),
          options,
          `คำสั่งวิทยฐานะ-${data.people[0]?.name ?? ''}`,
          request.query,
        );
      },
    );
  }

  r.post(
    '/api/cases/:caseId/documents/academic-standing-order/number',
    {
      config: { rateLimit: { max: ctx.config.RATE_LIMIT_WRITES_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        operationId: 'assignAcademicStandingOrderNumber',
        tags: TAGS,
        summary: 'ออกเลขที่คำสั่งวิทยฐานะจากทะเบียนคำสั่ง / Give the academic-standing order its number from the order register (safe to retry)',
        description: 'The office’s HR officers and admins, once the order can be printed. The same case asked again gets the same number.',
        params: z.object({ caseId: z.string().max(100) }),
        response: { 200: NumberSchema, ...problems('CASE_NOT_FOUND', 'DOCUMENT_NOT_READY', 'FORBIDDEN') },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const view = await engine.getCase(actor, request.params.caseId);
      assertMayIssueNumbers(actor, view.case.officeId);
      const office = await officeNames(engine, view.case.officeId);
      const data = await academicStandingOrderData(engine, view, { nameTh: office?.nameTh ?? '' });
      const issued = await issueDocumentNumber(engine, {
        officeId: view.case.officeId,
        ...documentSubject.academicStandingOrder(view.case.id),
        title: `คำสั่งให้มีวิทยฐานะ ${data.people.map((p) => `${p.name} (${p.toLevel})`).join(', ')}`,
        caseId: view.case.id,
        issuedBy: actor.id,
        issuedAt: engine.clock.now(),
      });
      return numberOut(issued);
    },
  );

  for (const format of FORMATS) {
    r.get(
      `/api/cycles/:caseId/documents/salary-order.${format}`,
      {
        schema: {
          operationId: `getSalaryOrder${format === 'pdf' ? 'Pdf' : 'Docx'}`,
          tags: TAGS,
          summary: `คำสั่งเลื่อนเงินเดือนพร้อมบัญชีแนบท้าย (${format.toUpperCase()}) / A salary raise order with its attached list, as ${format.toUpperCase()}`,
          description:
            'One of the orders the round issued (POST /api/salary-rounds/:caseId/orders), `order` counting from 1 in the order they were issued: each person raised with salary before, calculation base, %, amount and new salary. Whoever may read the round; before the orders: 409 DOCUMENT_NOT_READY; an order that does not exist: 404 DOCUMENT_NOT_FOUND.',
          params: z.object({ caseId: z.string().max(100) }),
          querystring: DocumentQuery.extend({ order: z.coerce.number().int().min(1).max(2000).default(1) }).strict(),
          response: pdfResponse('CASE_NOT_FOUND', 'DOCUMENT_NOT_FOUND', 'DOCUMENT_NOT_READY'),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const view = await engine.getCase(actor, request.params.caseId);
        if (view.case.workflowId !== 'salary-round')
          throw new EsaError('DOCUMENT_NOT_READY', { caseId: view.case.id, document: 'salary-order', state: view.case.state });
        const orders = await salary.issuedRaiseOrders(engine, actor, view.case.id);
        if (orders.length === 0)
          throw new EsaError('DOCUMENT_NOT_READY', { caseId: view.case.id, document: 'salary-order', state: view.case.state });
        const order = orders[request.query.order - 1];
        if (!order)
          throw new EsaError('DOCUMENT_NOT_FOUND', {
            caseId: view.case.id,
            document: 'salary-order',
            order: request.query.order,
            orders: orders.length,
          });
        const officeId = view.case.officeId;
        const options = await optionsFor(actor, officeId, request.query);
        const schools = await schoolNamesOf(engine, officeId);
        const round = (view.case.snapshot as { context: salary.SalaryRoundContext }).context;
        const schoolName = order.schoolId ? (schools.get(order.schoolId) ?? null) : null;
        const model = salaryRaiseOrderModel(
          {
            documentNo: order.ref.replace(/^คำสั่ง\s*ที่\s*/, ''),
            issuedOn: order.issuedOn,
            round: round.params.round,
            fiscalYearBe: round.params.fiscalYearBe,
            effectiveOn: round.dates.effectiveOn,
            schoolName: order.authority === 'school_director' ? schoolName : null,
            people: order.lines.map((l) => ({
              name: l.nameTh,
              position: l.position,
              schoolName: l.schoolId ? (schools.get(l.schoolId) ?? null) : null,
              salarySatang: l.salarySatang,
              baseSatang: l.baseSatang,
              pctBp: l.pctBp,
              amountSatang: l.amountSatang,
              newSalarySatang: l.newSalarySatang,
              note: l.note,
            })),
            signer: {
              name: null,
              position: `ผู้อำนวยการ${order.authority === 'school_director' && schoolName ? schoolName : options.office.nameTh}`,
            },
          },
          options,
        );
        return sendOrder(
          reply,
          format,
          model,
          options,
          `คำสั่งเลื่อนเงินเดือน-${order.index}-${schoolName ?? options.office.nameTh}`,
          request.query,
        );
      },
    );
  }

  r.get(
    '/api/cycles/:caseId/documents/salary-notices.pdf',
    {
      schema: {
        operationId: 'getSalaryNoticesPdf',
        tags: TAGS,
        summary: 'หนังสือแจ้งผลการเลื่อนเงินเดือนรายบุคคล (PDF) / Every person’s notice of a salary round, one letter per page, as PDF',
        description:
          'Each person decided (their raise, or the reasons for none, ม.73) and each person the round did not consider (the reasons), with until when a grievance may be filed (ม.123). `personnelNo` prints one person’s letter. Whoever may read the round, once it is published (before: 409 DOCUMENT_NOT_READY).',
        params: z.object({ caseId: z.string().max(100) }),
        querystring: DocumentQuery.extend({
          personnelNo: z.string().trim().min(1).max(50).optional(),
          /** only the letters of people not raised or not considered (ม.73) */
          only: z.enum(['not_raised']).optional(),
        }).strict(),
        response: pdfResponse('CASE_NOT_FOUND', 'DOCUMENT_NOT_FOUND', 'DOCUMENT_NOT_READY'),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const view = await engine.getCase(actor, request.params.caseId);
      const round = view.case.workflowId === 'salary-round' ? (view.case.snapshot as { context: salary.SalaryRoundContext }).context : null;
      if (!round?.publication)
        throw new EsaError('DOCUMENT_NOT_READY', { caseId: view.case.id, document: 'salary-notices', state: view.case.state });
      let notices = await salary.roundNotices(engine, actor, view.case.id);
      if (request.query.only === 'not_raised') notices = notices.filter((n) => n.kind === 'not_raised' || n.kind === 'not_considered');
      if (request.query.personnelNo !== undefined) {
        notices = notices.filter((n) => n.personnelNo === request.query.personnelNo);
        if (notices.length === 0)
          throw new EsaError('DOCUMENT_NOT_FOUND', {
            caseId: view.case.id,
            document: 'salary-notice',
            personnelNo: request.query.personnelNo,
          });
      }
      const options = await optionsFor(actor, view.case.officeId, request.query);
      const html = personalNoticesHtml(
        {
          documentNo: null,
          date: localDateOfInstant(new Date(round.publication.at)),
          letters: notices.map((n) => n.letter),
          signer: { name: null, position: `ผู้อำนวยการ${options.office.nameTh}` },
        },
        options,
      );
      const who = notices.length === 1 ? notices[0]!.letter.toTh : `${notices.length}-ราย`;
      return sendPdf(reply, html, `หนังสือแจ้งผลการเลื่อนเงินเดือน-${who}.pdf`, request.query);
    },
  );

  r.get(
    '/api/cases/:caseId/documents/salary-notice.pdf',
    {
      schema: {
        operationId: 'getSalaryNoticePdf',
        tags: TAGS,
        summary: 'หนังสือแจ้งผลการเลื่อนเงินเดือนของฉัน (PDF) / One person’s salary raise notice, from their own case, as PDF',
        description:
          'The person of a salary-raise case (and whoever may read it) once the raise was decided: the raise, or the reasons for none (ม.73), and the grievance window. Before: 409 DOCUMENT_NOT_READY.',
        params: z.object({ caseId: z.string().max(100) }),
        querystring: DocumentQuery,
        response: pdfResponse('CASE_NOT_FOUND', 'DOCUMENT_NOT_READY'),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { notice, officeId, publishedAt } = await salary.raiseCaseNotice(engine, actor, request.params.caseId);
      const options = await optionsFor(actor, officeId, request.query);
      const html = personalNoticesHtml(
        {
          documentNo: null,
          date: localDateOfInstant(publishedAt ? new Date(publishedAt) : engine.clock.now()),
          letters: [notice.letter],
          signer: { name: null, position: `ผู้อำนวยการ${options.office.nameTh}` },
        },
        options,
      );
      return sendPdf(reply, html, `หนังสือแจ้งผลการเลื่อนเงินเดือน-${notice.letter.toTh}.pdf`, request.query);
    },
  );
}
