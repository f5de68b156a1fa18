/**
 * The one way the web talks to the API: `client.GET('/api/cases/{caseId}',
 * { params: { path: { caseId } } })`, typed from the API's OpenAPI document.
 * The paths, their parameters, the request bodies and the answers are the
 * ones in api.generated.ts (openapi-typescript, `pnpm run api:types`), so a
 * page cannot ask for a route that does not exist, send a body the route does
 * not take or read a field the route does not send: the typecheck fails. The
 * calls go through openapi-fetch (it builds the URL from the path template
 * and the parameters); this module adds what every call of the web needs:
 *
 * - same origin, session cookie, JSON in and out; 204 (or an empty body)
 *   gives `null`, a body that is not JSON its text (or, with
 *   `parseAs: 'blob'`, its bytes);
 * - a refusal arrives as problem+json and is thrown as `ApiProblem` with its
 *   stable code and both messages, so a page shows the Thai (or English) text
 *   the server chose;
 * - writes carry an Idempotency-Key made once per user action
 *   (`idempotencyKey`), so a retried click never does the thing twice, and
 *   `ifMatch` sends the case revision the user saw (412 when it moved);
 * - 401 (outside /api/auth/) calls the sign-in handler, 403
 *   PASSWORD_CHANGE_REQUIRED the new-password handler.
 */
import createClient, { type ParamsOption, type RequestBodyOption } from 'openapi-fetch';
import type { paths } from './api.generated';

export interface Label {
  th: string;
  en: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Label,
    readonly detail: unknown,
  ) {
    super(`${status} ${code}: ${messages.en}`);
  }
}

/** Called on 401 so the app can show the sign-in page. */
let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Called on 403 PASSWORD_CHANGE_REQUIRED (a password someone else set) so the app can show the new-password page. */
let onPasswordChangeRequired: () => void = () => undefined;
export function setPasswordChangeRequiredHandler(handler: () => void): void {
  onPasswordChangeRequired = handler;
}

export interface CallOptions {
  idempotencyKey?: string;
  /** the case revision the user saw (412 when it moved) */
  ifMatch?: number;
  signal?: AbortSignal;
  /** how to read a success body that is not JSON (default: its text) */
  parseAs?: 'text' | 'blob';
}

export type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** The API's paths that answer `method`. */
export type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P] extends Record<M, Record<string, unknown>> ? P : never;
}[keyof paths];

/** The operation behind `method path`. */
export type OperationOf<P extends keyof paths, M extends Method> =
  paths[P] extends Record<M, infer O extends Record<string, unknown>> ? O : never;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** What a call takes besides the path: its parameters, its body and the call options. */
export type InitOf<P extends keyof paths, M extends Method> = ParamsOption<OperationOf<P, M>> &
  RequestBodyOption<OperationOf<P, M>> &
  CallOptions;

/** The init argument: optional when the operation needs no parameter or body. */
export type InitArg<P extends keyof paths, M extends Method> =
  RequiredKeys<InitOf<P, M>> extends never ? [init?: InitOf<P, M>] : [init: InitOf<P, M>];

type SuccessOf<O> = O extends { responses: infer R } ? R[Extract<keyof R, 200 | 201 | 202 | 204>] : never;
type BodyOf<S> = S extends { content: infer C }
  ? C extends { 'application/json': infer B }
    ? B
    : C extends Record<string, unknown>
      ? string
      : null
  : null;

/** The success answer of `method path`: its JSON (`null` for 204, the text of a body that is not JSON). */
export type ResultOf<P extends keyof paths, M extends Method> = BodyOf<SuccessOf<OperationOf<P, M>>>;

const raw = createClient<paths>({ credentials: 'same-origin', headers: { accept: 'application/json' } });
type RawCall = (method: string, url: string, init: object) => Promise<{ error?: unknown; response: Response }>;
const request = raw.request as unknown as RawCall;

const fallback = (status: number): Label =>
  status ? { th: `เกิดข้อผิดพลาด (${status})`, en: `Request failed (${status})` } : { th: 'เกิดข้อผิดพลาด', en: 'Something went wrong' };

async function call(method: Method, path: string, init: object = {}): Promise<unknown> {
  const { idempotencyKey, ifMatch, signal, parseAs, ...rest } = init as CallOptions & Record<string, unknown>;
  const headers: Record<string, string> = {};
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
  const { error, response } = await request(method.toUpperCase(), path, {
    ...rest,
    headers,
    ...(signal ? { signal } : {}),
    // the body is read here, by its content type (openapi-fetch would parse every success as JSON)
    parseAs: 'stream',
  });
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    if (type.includes('json') && error && typeof error === 'object') {
      const p = error as { code?: string; message?: Label; detail?: unknown };
      if (response.status === 403 && p.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired();
      throw new ApiProblem(response.status, p.code ?? 'UNKNOWN', p.message ?? fallback(0), p.detail);
    }
    throw new ApiProblem(response.status, 'UNKNOWN', fallback(response.status), null);
  }
  if (response.status === 204 || response.bodyUsed || response.headers.get('content-length') === '0') return null;
  if (type.includes('json')) return (await response.json()) as unknown;
  return parseAs === 'blob' ? await response.blob() : await response.text();
}

type Caller<M extends Method> = <P extends PathOf<M>>(path: P, ...init: InitArg<P, M>) => Promise<ResultOf<P, M>>;
const caller =
  <M extends Method>(method: M): Caller<M> =>
  (path, ...init) =>
    call(method, path, init[0]) as never;

/** The typed API: `client.POST('/api/cases/{caseId}/events', { params: { path: { caseId } }, body, idempotencyKey, ifMatch })`. */
export const client = {
  GET: caller('get'),
  PUT: caller('put'),
  POST: caller('post'),
  PATCH: caller('patch'),
  DELETE: caller('delete'),
};

/** The URL of `path` with its path parameters filled in (for links, downloads and uploads). */
export function pathTo<P extends keyof paths>(path: P, params: Record<string, string | number> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
}

/** A fresh key for one user action (kept by the form until it succeeds). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
