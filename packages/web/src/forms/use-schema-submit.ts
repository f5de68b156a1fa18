/**
 * Sending a form built from a schema, the same way everywhere: check it
 * against the schema first (messages in the current language, focus on the
 * first field in error, nothing sent), then send once per user action (the
 * Idempotency-Key is made when the form opens and kept until it succeeds),
 * and show the server's refusal — its issues placed on the fields they name.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { ApiProblem, newIdempotencyKey } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { validate, type Errors, type JsonSchema } from './json-schema';

export interface SchemaSubmit {
  errors: Errors;
  problem: ApiProblem | null;
  busy: boolean;
  /** the form's onSubmit: validates `value`, then calls `send(idempotencyKey)` */
  onSubmit: (e: FormEvent<HTMLFormElement>) => Promise<void>;
}

export function useSchemaSubmit(
  schema: JsonSchema,
  value: unknown,
  send: (idempotencyKey: string) => Promise<void>,
  onRefused?: (problem: ApiProblem) => void,
): SchemaSubmit {
  const { lang } = useI18n();
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useMemo(() => newIdempotencyKey(), []);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const found = validate(schema, value, lang);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // the first field in error gets the focus; its message is tied to it by aria-describedby
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await send(key);
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      setProblem(err);
      setErrors(serverErrors(err));
      onRefused?.(err);
    } finally {
      setBusy(false);
    }
  };
  return { errors, problem, busy, onSubmit };
}

/** The server's issues (`payload.orderNo`) placed on the fields they name. */
function serverErrors(problem: ApiProblem): Errors {
  const detail = problem.detail as { issues?: { path?: string; message?: string }[] } | null;
  const out: Errors = {};
  for (const issue of detail?.issues ?? []) {
    if (!issue.path) continue;
    out[issue.path.replace(/^(body\.)?payload\.?/, '')] = issue.message ?? problem.messages.th;
  }
  return out;
}
