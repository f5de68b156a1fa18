import type { z } from 'zod';
import { EsaError, type ErrorCode } from '../errors';

/** Parses with zod or throws the catalogue error with every issue, path by path. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, code: ErrorCode): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new EsaError(code, {
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code,
      message: issue.message,
    })),
  });
}
