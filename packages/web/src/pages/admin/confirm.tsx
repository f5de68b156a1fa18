/**
 * A destructive action asks first, in place: the button turns into the
 * question with "confirm" and "cancel" (focus moves to confirm; Escape or
 * cancel goes back to the button). No modal, so it works the same with a
 * keyboard, a screen reader and on a phone.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../lib/i18n';

export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  className = 'btn btn-ghost',
  testId,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  /** errors are the caller's to show; the question closes either way */
  onConfirm: () => Promise<unknown>;
  disabled?: boolean;
  className?: string;
  testId?: string;
}) {
  const { tr } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (wasAsking.current) trigger.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={trigger} type="button" className={className} onClick={() => setAsking(true)} disabled={disabled} data-testid={testId}>
        {label}
      </button>
    );
  }
  const run = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <span
      className="adm-confirm"
      role="group"
      aria-label={question}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) setAsking(false);
      }}
    >
      <span className="adm-confirm-question">{question}</span>
      <span className="btn-row">
        <button ref={confirm} type="button" className="btn btn-danger" onClick={() => void run()} disabled={busy}>
          {busy ? tr('กำลังดำเนินการ…', 'Working…') : confirmLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setAsking(false)} disabled={busy}>
          {tr('ยกเลิก', 'Cancel')}
        </button>
      </span>
    </span>
  );
}
