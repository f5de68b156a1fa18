/**
 * On a transfer round's page (issue 21): the officer closes the round's
 * current phase (ปิดรับคำขอ, สิ้นสุดการตรวจสอบของสถานศึกษา, …) with the same
 * command the round's case page sends (`POST /api/cases/:id/events`, the
 * round's CLOSE_* event the reader may send now, `may.closePhase` of the
 * administration view), after a confirmation. A phase the round's calendar
 * does not let close yet is refused with the moment (ROUND_PHASE_NOT_DUE).
 */
import { useState } from 'react';
import type { Label } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { ProblemMessage } from '../../ui/feedback';
import { useRoundCommand } from './round-command';

export function ClosePhase({
  roundCaseId,
  closing,
  onChanged,
}: {
  roundCaseId: string;
  closing: { type: string; label: Label };
  onChanged: () => void;
}) {
  const { tr, pick } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const { send, busy, problem } = useRoundCommand(roundCaseId, onChanged);
  const close = async () => {
    if (await send(closing.type)) setConfirming(false);
  };
  return (
    <section className="card" aria-labelledby="close-phase-title" data-testid="close-phase">
      <h2 id="close-phase-title">{tr('ขั้นตอนของรอบ', 'The round’s phase')}</h2>
      <p className="muted">
        {tr(
          'ปิดช่วงปัจจุบันของรอบเมื่อถึงวันเวลาตามปฏิทินของรอบ (ระบบปิดให้เองเมื่อถึงกำหนด) เช่นเดียวกับปุ่มในหน้าเรื่องของรอบ',
          'Close the round’s current phase once its calendar allows (the system closes it at that moment anyway), as the round’s case page does.',
        )}
      </p>
      <ProblemMessage problem={problem} />
      {!confirming ? (
        <button type="button" className="btn" onClick={() => setConfirming(true)} data-testid="close-phase-start">
          {pick(closing.label)}
        </button>
      ) : (
        <div role="group" aria-label={tr('ยืนยันการปิดช่วง', 'Confirm closing the phase')}>
          <p>{tr(`ยืนยัน "${closing.label.th}" หรือไม่ เมื่อปิดแล้วย้อนกลับไม่ได้`, `Confirm “${closing.label.en}”? It cannot be undone.`)}</p>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void close()} data-testid="close-phase-confirm">
            {tr('ยืนยัน', 'Confirm')} {pick(closing.label)}
          </button>{' '}
          <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(false)}>
            {tr('ยกเลิก', 'Cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
