/**
 * Every error leaves as `application/problem+json` (RFC 9457) with the
 * catalogue's stable code and the message in Thai and English. Bad input is
 * always a 4xx; only a real fault is a 500, and it says nothing internal.
 */
import { sendAppPage, wantsAppPage } from './serve-web';
import type { FastifyError, FastifyInstance, FastifyReply, RouteOptions } from 'fastify';
import { declaredProblemCodes, problemResponse } from './schemas';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CATALOGUE, EsaError, isEsaError, PG_ERROR, pgErrorCode, type ErrorCode } from '@esa-flow/engine';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  message: { th: string; en: string };
  detail?: unknown;
}

export function problemOf(code: ErrorCode, detail?: unknown): Problem {
  const e = ERROR_CATALOGUE[code];
  return {
    type: `https://esa-flow.invalid/errors/${code}`,
    title: e.en,
    status: e.status,
    code,
    message: { th: e.th, en: e.en },
    ...(detail !== undefined ? { detail } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  const declared = reply.request.routeOptions.config.problems;
  if (declared && !declared.codes.has(problem.code))
    declared.report({ operationId: declared.operationId, status: problem.status, code: problem.code });
  // the document's per-operation enum is checked above, not by the response serializer: an undeclared code is reported, never turned into a 500
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(problem);
}

/** A problem an operation sent without declaring its code. */
export interface UndeclaredProblem {
  operationId: string;
  status: number;
  code: ErrorCode;
}

/** Codes any operation of the API can answer: bad input refused at the edge, the database not ready, a query cut, a fault. */
const EVERY_OPERATION: readonly ErrorCode[] = [
  'INVALID_PAYLOAD',
  'INPUT_CHARACTER_NOT_ALLOWED',
  'INPUT_TOO_DEEP',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'SCHEMA_NOT_MIGRATED',
  'WORKFLOWS_NOT_PUBLISHED',
  'QUERY_TIMEOUT',
  'INTERNAL',
];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The codes the kind of a route adds to what it declares: sign-in, the write checks, the rate limit. */
export function commonProblemCodes(route: Pick<RouteOptions, 'method' | 'config'>): ErrorCode[] {
  const config = (route.config ?? {}) as { public?: boolean; beforePasswordChange?: boolean; rateLimit?: unknown };
  const methods = [route.method].flat();
  const writes = methods.some((m) => !SAFE_METHODS.has(m));
  return [
    ...EVERY_OPERATION,
    ...(config.public ? [] : (['UNAUTHENTICATED'] as const)),
    ...(config.public || config.beforePasswordChange ? [] : (['PASSWORD_CHANGE_REQUIRED'] as const)),
    ...(!config.public && writes ? (['CSRF_REFUSED', 'TOKEN_READ_ONLY'] as const) : []),
    ...(config.rateLimit ? (['RATE_LIMITED'] as const) : []),
  ];
}

/**
 * Expands each operation's declared problems (`problems(...)` in its `response`)
 * with the codes of its kind, one `application/problem+json` response per
 * status; a plain `ProblemSchema` entry left in a response is replaced. The
 * same list is kept on the route's config for `sendProblem`'s check.
 */
export function declareProblems(app: FastifyInstance, report: (problem: UndeclaredProblem) => void): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { operationId?: string; hide?: boolean; response?: Record<string, unknown> } | undefined;
    if (!schema?.operationId || schema.hide) return;
    const response = { ...(schema.response ?? {}) };
    const codes = new Set<ErrorCode>(commonProblemCodes(route));
    for (const [status, entry] of Object.entries(response)) {
      const declared = declaredProblemCodes(entry);
      if (declared) for (const c of declared) codes.add(c);
      if (Number(status) >= 400) delete response[status];
    }
    for (const status of new Set([...codes].map((c) => ERROR_CATALOGUE[c].status)).values()) {
      response[status] = problemResponse([...codes].filter((c) => ERROR_CATALOGUE[c].status === status));
    }
    schema.response = response;
    route.config = { ...(route.config ?? {}), problems: { operationId: schema.operationId, codes, report } };
  });
}

export function installErrorHandling(app: FastifyInstance, log: (err: unknown) => void): void {
  app.setErrorHandler((error: FastifyError | EsaError | Error, _request, reply) => {
    if (isEsaError(error)) return sendProblem(reply, problemOf(error.code, error.details));
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(
        reply,
        problemOf('INVALID_PAYLOAD', {
          issues: error.validation.map((v) => ({
            path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
            // a refinement may name its own code (e.g. forbidden_character)
            code:
              (v.params as { params?: { code?: string }; issue?: { code?: string } } | undefined)?.params?.code ??
              (v.params as { issue?: { code?: string } } | undefined)?.issue?.code ??
              v.keyword,
            message: v.message,
          })),
        }),
      );
    }
    const fe = error as FastifyError;
    if (fe.statusCode === 429) return sendProblem(reply, problemOf('RATE_LIMITED'));
    if (fe.statusCode === 413) return sendProblem(reply, problemOf('PAYLOAD_TOO_LARGE', { reason: fe.code }));
    if (fe.statusCode === 415) return sendProblem(reply, problemOf('UNSUPPORTED_MEDIA_TYPE', { reason: fe.code }));
    // statement_timeout cut the query: the server is overloaded or the request too broad, not a fault of ours to hide
    if (pgErrorCode(error) === PG_ERROR.QUERY_CANCELED) return sendProblem(reply, problemOf('QUERY_TIMEOUT'));
    if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own 4xx: unparsable JSON, wrong content type, body too large, …
      return sendProblem(reply, problemOf('INVALID_PAYLOAD', { reason: fe.code ?? fe.message }));
    }
    log(error);
    return sendProblem(reply, problemOf('INTERNAL'));
  });
  app.setNotFoundHandler((request, reply) =>
    wantsAppPage(request) ? sendAppPage(app, reply) : sendProblem(reply, problemOf('ROUTE_NOT_FOUND')),
  );
}
