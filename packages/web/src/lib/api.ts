/**
 * The one way the web talks to the API: same origin, session cookie, JSON in
 * and out. A refusal arrives as problem+json and is thrown as `ApiProblem`
 * with its stable code and both messages, so a page shows the Thai (or
 * English) text the server chose. Writes carry an Idempotency-Key made once
 * per user action, so a retried click never does the thing twice.
 */

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
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (res.status === 204) return null as T;
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    if (type.includes('json')) {
      const p = (await res.json()) as { code?: string; message?: Label; detail?: unknown };
      if (res.status === 403 && p.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired();
      throw new ApiProblem(res.status, p.code ?? 'UNKNOWN', p.message ?? { th: 'เกิดข้อผิดพลาด', en: 'Something went wrong' }, p.detail);
    }
    throw new ApiProblem(res.status, 'UNKNOWN', { th: `เกิดข้อผิดพลาด (${res.status})`, en: `Request failed (${res.status})` }, null);
  }
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** A fresh key for one user action (kept by the form until it succeeds). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
