/**
 * Extending a deadline (ขยายเวลา): shown on the case page to the people the
 * step names (`canExtend`). A new moment (Bangkok wall time) after the
 * current one and a reason; the case's clock, its timers and its timed
 * system events move, and the timeline records who, when, from, to and why.
 */
import { useState, type FormEvent } from 'react';
import { ApiProblem, client, newIdempotencyKey } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { ProblemMessage } from '../ui/feedback';

/** '2025-02-13T15:00' typed in Bangkok → the instant. */
const bangkokInput = (v: string) => `${v}:00+07:00`;

export function ExtendDeadlineForm({ caseId, step, onDone }: { caseId: string; step: string; onDone: () => void }) {
  const { tr } = useI18n();
  const [open, setOpen] = useState(false);
  const [moment, setMoment] = useState('');
  const [reason, setReason] = useState('');
  const [key] = useState(newIdempotencyKey);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `extend-${step.replace(/[^a-zA-Z0-9]/g, '-')}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await client.POST('/api/cases/{caseId}/deadline-extensions', {
        params: { path: { caseId } },
        body: { step, newDueAt: bangkokInput(moment), reason: reason.trim() },
        idempotencyKey: key,
      });
      setOpen(false);
      onDone();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)} aria-controls={id}>
        {tr('ขยายเวลา', 'Extend the deadline')}
      </button>
    );
  }
  return (
    <form id={id} className="event-form" onSubmit={submit} aria-label={tr('ขยายเวลา', 'Extend the deadline')} data-testid="extend-deadline">
      <div className="field">
        <label htmlFor={`${id}-moment`}>{tr('ครบกำหนดใหม่ (วันและเวลา)', 'New due date and time')}</label>
        <input id={`${id}-moment`} type="datetime-local" required value={moment} onChange={(e) => setMoment(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{tr('เหตุผลที่ขยายเวลา', 'Why the deadline is extended')}</label>
        <textarea id={`${id}-reason`} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ProblemMessage problem={problem} />
      <button type="submit" className="btn btn-primary" disabled={busy || !moment || !reason.trim()}>
        {busy ? tr('กำลังบันทึก…', 'Saving…') : tr('บันทึกการขยายเวลา', 'Save the extension')}
      </button>
    </form>
  );
}
