/** zod schemas shared by routes: the single source of request and response types (and of the OpenAPI document). */
import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from '@esa-flow/engine';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    message: z.object({ th: z.string(), en: z.string() }),
    detail: z.unknown().optional(),
  })
  .describe('application/problem+json')
  .meta({ id: 'Problem' });

export const Uuid = z.string().uuid();
export const Label = z.object({ th: z.string(), en: z.string() }).meta({ id: 'Label' });

/**
 * The problems an operation declares (issue 17): `...problems('CASE_NOT_FOUND', 'EVENT_NOT_ALLOWED')`
 * in a route's `response` names the catalogue codes of its own domain; the codes
 * every operation of its kind can answer (bad input, sign-in, rate limit, the
 * database not ready, a fault) are added when the route is registered
 * (`declareProblems` in problem.ts, from the route's config: public or not,
 * read or write). The document then shows, per status, an
 * `application/problem+json` response whose `code` is an enum of exactly those
 * codes; the server checks every problem it sends against the same list and
 * reports one it did not declare (tests fail on it), so the list cannot drift.
 */
export function problems(...codes: ErrorCode[]): Record<number, ProblemResponse> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_CATALOGUE[code].status, [...(byStatus.get(ERROR_CATALOGUE[code].status) ?? []), code]);
  return Object.fromEntries([...byStatus].map(([status, atStatus]) => [status, problemResponse(atStatus)]));
}

const declared = new WeakMap<object, readonly ErrorCode[]>();

/** The codes a `response` entry made by `problems()` declares; undefined for any other entry. */
export function declaredProblemCodes(entry: unknown): readonly ErrorCode[] | undefined {
  return typeof entry === 'object' && entry !== null ? declared.get(entry) : undefined;
}

/** One status's problems: `application/problem+json` whose `code` is one of `codes`. */
export function problemResponse(codes: readonly ErrorCode[]) {
  const sorted = [...new Set(codes)].sort();
  const entry = {
    description: sorted.map((c) => `${c}: ${ERROR_CATALOGUE[c].en}`).join(' | '),
    content: {
      'application/problem+json': {
        schema: z.intersection(ProblemSchema, z.looseObject({ code: z.enum(sorted as [ErrorCode, ...ErrorCode[]]) })),
      },
    },
  };
  declared.set(entry, sorted);
  return entry;
}
export type ProblemResponse = ReturnType<typeof problemResponse>;

/** The problems of an operation with no code of its own (its kind's common codes only). */
export const commonErrors = problems();

export const IdempotencyHeaders = z
  .object({
    'idempotency-key': z.string().min(1).max(200).optional(),
    'if-match': z
      .string()
      .regex(/^(W\/)?"?\d{1,9}"?$/, 'a revision number, e.g. "3"')
      .optional(),
  })
  .passthrough();

/** `If-Match: "3"` → 3 */
export function revisionFromIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return Number(value.replace(/^W\//, '').replace(/"/g, ''));
}
