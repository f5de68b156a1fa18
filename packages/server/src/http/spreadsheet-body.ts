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

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

const emptyFile = () => new EsaError('INVALID_PAYLOAD', { issues: [{ path: 'body', code: 'empty', message: 'ไฟล์ว่าง / the file is empty' }] });

/** The rows of a body parsed by `acceptSpreadsheetBodies`; an empty one is 400, one over the limits 413. */
export async function sheetOf(body: unknown, limits: { maxRows: number; maxColumns: number }): Promise<SheetRows> {
  if (typeof body === 'string' && body.trim() !== '') {
    assertImportShape(body, limits);
    return readCsv(body);
  }
  if (Buffer.isBuffer(body) && body.length > 0) return readXlsx(body, limits);
  throw emptyFile();
}
