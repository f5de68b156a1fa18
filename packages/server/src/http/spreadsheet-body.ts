/**
 * Request bodies that are spreadsheets: an Excel workbook (its bytes, read in
 * the handler once the caller is known to be allowed) or CSV text (UTF-8 with
 * or without a BOM, or Windows-874; NFC-normalised; NUL or a broken surrogate
 * is 400 INPUT_CHARACTER_NOT_ALLOWED). Registered in a route module's own
 * plugin scope, so no other route takes such bodies.
 */
import type { FastifyInstance } from 'fastify';
import { EsaError } from '@esa-flow/engine';
import { cleanText } from './input-hardening';
import { decodeText } from '../spreadsheet/decode-text';
import { readCsv } from '../spreadsheet/read-csv';
import { readXlsx } from '../spreadsheet/read-xlsx';
import type { SheetRows } from '../spreadsheet/sheet-rows';
import { assertImportShape } from '../import/import-table';

import { XLSX_TYPE } from '../spreadsheet/write-xlsx';

export { XLSX_TYPE };

export function acceptSpreadsheetBodies(scope: FastifyInstance, maxBytes: number): void {
  scope.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => {
    try {
      done(null, cleanText(decodeText(body as Buffer), 'body'));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  scope.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
}

/**
 * `multipart/form-data` with the spreadsheet as its file part (a browser's
 * FormData, `curl -F file=@sheet.xlsx`): the first part that carries a file
 * name (or is named `file`) is taken — a workbook as its bytes, a `.csv` or
 * `text/csv` part as text, as `acceptSpreadsheetBodies` reads a bare body.
 * A body that is not well-formed multipart is 400.
 */
export function acceptMultipartSpreadsheet(scope: FastifyInstance, maxBytes: number): void {
  scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxBytes }, (request, body, done) => {
    try {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(String(request.headers['content-type'] ?? ''));
      const part = boundary ? filePart(body as Buffer, (boundary[1] ?? boundary[2] ?? '').trim()) : null;
      if (!part)
        throw new EsaError('INVALID_PAYLOAD', {
          issues: [
            {
              path: 'body',
              code: 'multipart_without_file',
              message: 'ไม่พบไฟล์ในข้อมูลที่ส่ง (multipart/form-data ต้องมีส่วน file) / no file part in the multipart body',
            },
          ],
        });
      const csv = /\.csv$/i.test(part.filename) || /^text\/csv/i.test(part.type);
      done(null, csv ? cleanText(decodeText(part.bytes), 'body') : part.bytes);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

function filePart(body: Buffer, boundary: string): { filename: string; type: string; bytes: Buffer } | null {
  if (boundary === '') return null;
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') return null; // the closing delimiter
    const headerEnd = body.indexOf('\r\n\r\n', start);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
    if (headerEnd < 0 || next < 0) return null;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const filename = /filename\*?=(?:UTF-8'')?"?([^";]*)"?/i.exec(disposition)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    if (filename !== '' || name === 'file')
      return { filename, type: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1] ?? '', bytes: body.subarray(headerEnd + 4, next) };
    at = next + 2;
  }
  return null;
}

const emptyFile = () =>
  new EsaError('INVALID_PAYLOAD', { issues: [{ path: 'body', code: 'empty', message: 'ไฟล์ว่าง / the file is empty' }] });

/** The rows of a body parsed by `acceptSpreadsheetBodies`; an empty one is 400, one over the limits 413. */
export async function sheetOf(body: unknown, limits: { maxRows: number; maxColumns: number }): Promise<SheetRows> {
  if (typeof body === 'string' && body.trim() !== '') {
    assertImportShape(body, limits);
    return readCsv(body);
  }
  if (Buffer.isBuffer(body) && body.length > 0) return readXlsx(body, limits);
  throw emptyFile();
}
