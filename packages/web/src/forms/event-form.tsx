/**
 * One action on a case: the form built from the event's payload schema, a
 * reason (kept in the history), and the send. The Idempotency-Key is made
 * when the form opens and kept until the send succeeds, so a double click or
 * a retry after a lost answer does the action once; If-Match carries the
 * revision the user saw, so acting on a case someone else just moved is
 * refused (412) and the page reloads it.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiProblem, newIdempotencyKey, type Label } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { ProblemMessage } from '../ui/feedback';
import { cleanValue, initialValue, validate, type Errors, type JsonSchema } from './json-schema';
import { fieldId, SchemaForm } from './schema-form';

export interface AvailableEvent {
  type: string;
  label: Label;
  payloadSchema: unknown;
}

export function EventForm({ caseId, revision, event, onDone }: { caseId: string; revision: number; event: AvailableEvent; onDone: () => void }) {
  const { tr, pick, lang } = useI18n();
  const schema = (event.payloadSchema ?? { type: 'object', properties: {} }) as JsonSchema;
  const hasFields = Object.keys(schema.properties ?? {}).length > 0 || schema.type !== 'object';
  const [value, setValue] = useState<unknown>(() => initialValue(schema) ?? {});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useMemo(() => newIdempotencyKey(), []);
  const idBase = `ev-${event.type}`;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
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
      await api('POST', `/api/cases/${caseId}/events`, { type: event.type, payload: cleanValue(schema, value) ?? {}, reason: reason.trim() || null }, { idempotencyKey: key, ifMatch: revision });
      onDone();
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      setProblem(err);
      setErrors(serverErrors(err));
      if (err.status === 412) onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="event-form" onSubmit={submit} noValidate aria-label={pick(event.label)} data-event={event.type}>
      {hasFields && <SchemaForm schema={schema} value={value} onChange={setValue} errors={errors} />}
      <div className="field">
        <label htmlFor={fieldId(idBase, ['reason'])}>
          {tr('เหตุผล/บันทึกประกอบ', 'Reason / remark')} <span className="hint">{tr('(ไม่บังคับ เก็บไว้ในประวัติ)', '(optional, kept in the history)')}</span>
        </label>
        <textarea id={fieldId(idBase, ['reason'])} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </div>
      {Object.keys(errors).length > 0 && !problem && (
        <p className="field-error" role="alert">
          {tr(`กรุณาแก้ไข ${Object.keys(errors).length} ช่องที่ไม่ถูกต้อง`, `Please correct ${Object.keys(errors).length} field(s)`)}
        </p>
      )}
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? tr('กำลังบันทึก…', 'Saving…') : pick(event.label)}
      </button>
    </form>
  );
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
