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
import { createPostgresContentStore, EsaError, officeNames, readableFile, type Actor, type Engine } from '@esa-flow/engine';
import { createPdfPrinter, transferOrderHtml, type DocumentOptions, type Emblem } from '@esa-flow/documents';
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
      const name = `คำสั่งย้าย-${data.people[0]?.name ?? ''}.pdf`;
      return sendPdf(reply, transferOrderHtml(data, options), name, request.query);
    },
  );
}
