/**
 * Every error leaves as `application/problem+json` (RFC 9457) with the
 * catalogue's stable code and the message in Thai and English. Bad input is
 * always a 4xx; only a real fault is a 500, and it says nothing internal.
 */
import { sendAppPage, wantsAppPage } from './serve-web';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
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
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
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
            code: (v.params as { params?: { code?: string }; issue?: { code?: string } } | undefined)?.params?.code ?? (v.params as { issue?: { code?: string } } | undefined)?.issue?.code ?? v.keyword,
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
  app.setNotFoundHandler((request, reply) => (wantsAppPage(request) ? sendAppPage(app, reply) : sendProblem(reply, problemOf('ROUTE_NOT_FOUND'))));
}
