/**
 * Sending a spreadsheet (an import, a salary round's roster): a workbook is
 * sent as it is; a CSV file is read in the browser as UTF-8, or as Thai
 * Windows-874 when its bytes are not UTF-8. The upload goes through
 * XMLHttpRequest, not fetch: only it reports upload progress.
 */
import { ApiProblem, pathTo, type Label, type OperationOf, type PathOf, type ResultOf } from './api';

/** What was read from the chosen file. */
export interface LoadedFile {
  name: string;
  size: number;
  /** what is posted */
  body: Blob;
  /** decoded as Thai Windows-874 (Excel's "CSV" on a Thai Windows), not UTF-8 */
  legacyEncoding: boolean;
  /** CSV: the rows counted in the browser; a workbook's are counted by the server */
  dataRows: number | null;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const isWorkbook = (file: File) => file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name);

/** A workbook is sent as it is; a CSV file is read: UTF-8 (a BOM is fine), or Windows-874 when the bytes are not UTF-8. */
export async function readSpreadsheetFile(file: File): Promise<LoadedFile> {
  if (isWorkbook(file))
    return { name: file.name, size: file.size, body: new Blob([file], { type: XLSX_TYPE }), legacyEncoding: false, dataRows: null };
  let text = await file.text();
  let legacyEncoding = false;
  if (text.includes('\uFFFD')) {
    try {
      text = new TextDecoder('windows-874').decode(await file.arrayBuffer());
      legacyEncoding = true;
    } catch {
      /* the browser lacks the decoder: send it as read; the server reports the rows */
    }
  }
  // a rough count for the page (a quoted cell may hold a line break; the server's count is the truth)
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').length;
  return {
    name: file.name,
    size: file.size,
    body: new Blob([text], { type: 'text/csv; charset=utf-8' }),
    legacyEncoding,
    dataRows: Math.max(0, lines - 1),
  };
}

/** The parameters of an upload route (its path and query), as the document declares them. */
export type UploadParams<P extends PathOf<'post'>> = OperationOf<P, 'post'> extends { parameters: infer X } ? X : never;

/**
 * POSTs the file to `path` (a route of the document, its parameters filled
 * in from `params`) with upload progress; the answer is the route's, typed;
 * a refusal becomes an ApiProblem like the `client` calls do.
 */
export function uploadSpreadsheet<P extends PathOf<'post'>>(
  path: P,
  params: UploadParams<P>,
  body: Blob,
  on: { progress: (sent: number, total: number) => void; uploaded: () => void },
  xhrRef: { current: XMLHttpRequest | null },
  /** extra request headers (e.g. x-file-name, URI-encoded) */
  headers: Record<string, string> = {},
): Promise<ResultOf<P, 'post'>> {
  const { path: pathParams, query } = params as { path?: Record<string, string>; query?: Record<string, string | number | boolean> };
  const search = new URLSearchParams(Object.entries(query ?? {}).map(([k, v]) => [k, String(v)])).toString();
  const url = pathTo(path, pathParams) + (search ? `?${search}` : '');
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', body.type);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => on.progress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.upload.onload = () => on.uploaded();
    xhr.onload = () => {
      xhrRef.current = null;
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as unknown as ResultOf<P, 'post'>);
      const p = (body ?? {}) as { code?: string; message?: Label; detail?: unknown };
      reject(
        new ApiProblem(
          xhr.status,
          p.code ?? 'UNKNOWN',
          p.message ?? { th: `ส่งไฟล์ไม่สำเร็จ (${xhr.status})`, en: `Sending the file failed (${xhr.status})` },
          p.detail ?? null,
        ),
      );
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      reject(new ApiProblem(0, 'NETWORK', { th: 'เชื่อมต่อเซิร์ฟเวอร์ไม่ได้', en: 'Cannot reach the server' }, null));
    };
    xhr.onabort = () => {
      xhrRef.current = null;
      reject(new ApiProblem(0, 'ABORTED', { th: 'ยกเลิกการส่งไฟล์แล้ว', en: 'Upload cancelled' }, null));
    };
    xhr.send(body);
  });
}
