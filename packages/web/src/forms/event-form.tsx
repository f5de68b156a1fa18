/**
 * One action on a case: the form built from the event's payload schema, a
 * reason (kept in the history), and the send. The Idempotency-Key is made
 * when the form opens and kept until the send succeeds, so a double click or
 * a retry after a lost answer does the action once; If-Match carries the
 * revision the user saw, so acting on a case someone else just moved is
 * refused (412) and the page reloads it.
 */
import { useState } from 'react';
import { api, type Label } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { ProblemMessage } from '../ui/feedback';
import { cleanValue, initialValue, type JsonSchema } from './json-schema';
import { ErrorCount, fieldId, SchemaForm } from './schema-form';
import { useSchemaSubmit } from './use-schema-submit';

export interface AvailableEvent {
  type: string;
  label: Label;
  payloadSchema: unknown;
}

export function EventForm({ caseId, revision, event, onDone }: { caseId: string; revision: number; event: AvailableEvent; onDone: () => void }) {
  const { tr, pick } = useI18n();
  const schema = (event.payloadSchema ?? { type: 'object', properties: {} }) as JsonSchema;
  const hasFields = Object.keys(schema.properties ?? {}).length > 0 || schema.type !== 'object';
  const [value, setValue] = useState<unknown>(() => initialValue(schema) ?? {});
  const [reason, setReason] = useState('');
  const idBase = `ev-${event.type}`;
  const { errors, problem, busy, onSubmit } = useSchemaSubmit(
    schema,
    value,
    async (idempotencyKey) => {
      await api('POST', `/api/cases/${caseId}/events`, { type: event.type, payload: cleanValue(schema, value) ?? {}, reason: reason.trim() || null }, { idempotencyKey, ifMatch: revision });
      onDone();
    },
    (refused) => {
      if (refused.status === 412) onDone();
    },
  );

  return (
    <form className="event-form" onSubmit={onSubmit} noValidate aria-label={pick(event.label)} data-event={event.type}>
      {hasFields && <SchemaForm schema={schema} value={value} onChange={setValue} errors={errors} />}
      <div className="field">
        <label htmlFor={fieldId(idBase, ['reason'])}>
          {tr('เหตุผล/บันทึกประกอบ', 'Reason / remark')} <span className="hint">{tr('(ไม่บังคับ เก็บไว้ในประวัติ)', '(optional, kept in the history)')}</span>
        </label>
        <textarea id={fieldId(idBase, ['reason'])} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ErrorCount errors={errors} problem={problem} />
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? tr('กำลังบันทึก…', 'Saving…') : pick(event.label)}
      </button>
    </form>
  );
}
