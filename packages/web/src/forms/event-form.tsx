/**
 * One action on a case: the form built from the event's payload schema, a
 * reason (kept in the history), and the send. The Idempotency-Key is made
 * when the form opens and kept until the send succeeds, so a double click or
 * a retry after a lost answer does the action once; If-Match carries the
 * revision the user saw, so acting on a case someone else just moved is
 * refused (412). Then nothing was saved, and the form says so: the page
 * reloads the case, the form stays open with everything typed in it (and
 * the same Idempotency-Key: the refused send stored nothing), and sending
 * again acts on the case as it now stands.
 */
import { useEffect, useRef, useState } from 'react';
import { client } from '../lib/api';
import type { ApiBody, ApiOk } from '../lib/api-types';
import { useI18n } from '../lib/i18n';
import { ProblemMessage } from '../ui/feedback';
import { cleanValue, initialValue, type JsonSchema } from './json-schema';
import { ErrorCount, fieldId, SchemaForm, type FieldOverride } from './schema-form';
import { useSchemaSubmit } from './use-schema-submit';

/** an event the case offers me now, with the JSON schema of its payload (GET /api/cases/{caseId}, `availableEvents`) */
export type AvailableEvent = ApiOk<'getCase'>['availableEvents'][number];

export function EventForm({
  caseId,
  revision,
  event,
  onDone,
  onConflict,
  initial,
  overrides,
  noteChoices,
}: {
  caseId: string;
  revision: number;
  event: AvailableEvent;
  onDone: () => void;
  /** the case moved meanwhile (412): reload it, keep this form */
  onConflict: () => void;
  /** what the form starts with instead of the schema's defaults (a resubmission: the previous submission) */
  initial?: unknown;
  overrides?: Record<string, FieldOverride>;
  /** things to tick into the payload's `note` (the documents a returned request lacks) */
  noteChoices?: readonly string[];
}) {
  const { tr, pick } = useI18n();
  const schema = (event.payloadSchema ?? { type: 'object', properties: {} }) as JsonSchema;
  const hasFields = Object.keys(schema.properties ?? {}).length > 0 || schema.type !== 'object';
  const [value, setValue] = useState<unknown>(() => {
    const defaults = initialValue(schema) ?? {};
    // a partial start (the order number from the register) keeps the schema's other defaults
    return isPlainObject(initial) && isPlainObject(defaults) ? { ...defaults, ...initial } : (initial ?? defaults);
  });
  const [reason, setReason] = useState('');
  const idBase = `ev-${event.type}`;
  const { errors, problem, busy, onSubmit } = useSchemaSubmit(
    schema,
    value,
    async (idempotencyKey) => {
      // the payload is the event's own (its schema drove the form; the server validates it)
      await client.POST('/api/cases/{caseId}/events', {
        params: { path: { caseId } },
        body: { type: event.type, payload: cleanValue(schema, value) ?? {}, reason: reason.trim() || null } as ApiBody<'dispatchCaseEvent'>,
        idempotencyKey,
        ifMatch: revision,
      });
      onDone();
    },
    (refused) => {
      if (refused.status === 412) onConflict();
    },
  );

  // the form opens where the person asked for it: the keyboard goes straight to its first field
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea')?.focus();
  }, []);

  return (
    <form ref={formRef} className="event-form" onSubmit={onSubmit} noValidate aria-label={pick(event.label)} data-event={event.type}>
      {noteChoices && noteChoices.length > 0 && <NoteChoices choices={noteChoices} value={value} onChange={setValue} />}
      {hasFields && (
        <SchemaForm
          schema={schema}
          value={value}
          onChange={setValue}
          errors={errors}
          caseId={caseId}
          {...(overrides ? { overrides } : {})}
        />
      )}
      <div className="field">
        <label htmlFor={fieldId(idBase, ['reason'])}>
          {tr('เหตุผล/บันทึกประกอบ', 'Reason / remark')}{' '}
          <span className="hint">{tr('(ไม่บังคับ เก็บไว้ในประวัติ)', '(optional, kept in the history)')}</span>
        </label>
        <textarea id={fieldId(idBase, ['reason'])} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ErrorCount errors={errors} problem={problem} />
      {problem?.status === 412 ? <ConflictMessage /> : <ProblemMessage problem={problem} />}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? tr('กำลังบันทึก…', 'Saving…') : pick(event.label)}
      </button>
    </form>
  );
}

/** Someone else moved the case first: not saved, reloaded, what was typed is kept. */
function ConflictMessage() {
  const { tr } = useI18n();
  return (
    <div className="alert alert-error" role="alert" data-code="REVISION_CONFLICT" data-testid="conflict">
      <strong>{tr('ยังไม่ได้บันทึก: มีผู้อื่นดำเนินการกับเรื่องนี้ก่อนท่าน', 'Not saved: someone else changed this case first')}</strong>
      <p>
        {tr(
          'ระบบโหลดข้อมูลล่าสุดของเรื่องให้แล้ว ข้อมูลที่ท่านกรอกยังอยู่ครบ โปรดตรวจสอบขั้นตอนปัจจุบันแล้วกดส่งอีกครั้ง',
          'The case has been reloaded and what you typed is kept: check where the case now stands and send again.',
        )}
      </p>
    </div>
  );
}

const MISSING_PREFIX = 'เอกสารที่ต้องแนบเพิ่ม: ';

/**
 * Ticks the missing documents into the note: its first line becomes
 * "เอกสารที่ต้องแนบเพิ่ม: …" (what the teacher sees on the case page and in
 * the mail); the rest of the note stays as typed.
 */
function NoteChoices({ choices, value, onChange }: { choices: readonly string[]; value: unknown; onChange: (v: unknown) => void }) {
  const { tr } = useI18n();
  const payload = (value ?? {}) as { note?: string };
  const lines = (payload.note ?? '').split('\n');
  const chosen = lines[0]?.startsWith(MISSING_PREFIX) ? lines[0].slice(MISSING_PREFIX.length).split(', ').filter(Boolean) : [];
  const rest = lines[0]?.startsWith(MISSING_PREFIX) ? lines.slice(1) : lines;
  const toggle = (choice: string) => {
    const next = chosen.includes(choice) ? chosen.filter((c) => c !== choice) : [...chosen, choice];
    const body = rest.join('\n');
    onChange({ ...payload, note: next.length > 0 ? `${MISSING_PREFIX}${next.join(', ')}${body ? `\n${body}` : ''}` : body });
  };
  return (
    <fieldset className="group" data-testid="missing-documents">
      <legend>
        {tr('เอกสารที่ขาดหรือต้องแนบใหม่ (เลือกแล้วจะใส่ในหมายเหตุให้)', 'Documents missing or to attach again (ticked ones go into the note)')}
      </legend>
      {choices.map((c) => (
        <label key={c} className="field check">
          <input type="checkbox" checked={chosen.includes(c)} onChange={() => toggle(c)} /> {c}
        </label>
      ))}
    </fieldset>
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
