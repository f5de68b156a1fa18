/** zod schemas shared by routes: the single source of request and response types (and of the OpenAPI document). */
import { z } from 'zod';

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

/** Problems every authenticated route may answer. */
export const commonErrors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  412: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
} as const;

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
