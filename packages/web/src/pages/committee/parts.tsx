/** Small pieces the committee and meeting pages share: status badges, the quorum box, a write action with its refusal, and an in-place confirmation. */
import { forwardRef, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiProblem, client, type Label, type PathOf, type ResultOf } from '../../lib/api';
import { requestKey, toProblem, type GetArg } from '../../lib/use-api';
import { useI18n } from '../../lib/i18n';
import type { Quorum } from './model';

export function StatusBadge({ status, table }: { status: string; table: Record<string, Label & { tone: string }> }) {
  const { pick } = useI18n();
  const s = table[status];
  return <span className={`badge badge-${s?.tone ?? 'neutral'}`}>{s ? pick(s) : status}</span>;
}

/**
 * The quorum, large: before the meeting opens it says how many must come; once
 * open, whether the members present make a quorum. `data-state` is
 * pending | met | not-met (for tests; the text says the same).
 */
export const QuorumBox = forwardRef<HTMLDivElement, { quorum: Quorum; status: string; ruleText: string }>(function QuorumBox(
  { quorum, status, ruleText },
  ref,
) {
  const { tr, num } = useI18n();
  const pending = status === 'scheduled' || status === 'cancelled';
  const state = pending ? 'pending' : quorum.met ? 'met' : 'not-met';
  const headline = pending
    ? tr('ยังไม่เปิดประชุม', 'The meeting has not opened')
    : quorum.met
      ? tr('ครบองค์ประชุม', 'Quorum met')
      : tr('ไม่ครบองค์ประชุม', 'No quorum');
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`cm-quorum cm-quorum-${state}`}
      data-testid="quorum"
      data-state={state}
      data-met={String(!pending && quorum.met)}
      role="group"
      aria-label={tr('องค์ประชุม', 'Quorum')}
    >
      <span className="cm-quorum-icon" aria-hidden="true">
        {pending ? '…' : quorum.met ? '✓' : '!'}
      </span>
      <div>
        <strong className="cm-quorum-headline">{headline}</strong>
        <span className="cm-quorum-numbers">
          {pending
            ? tr(
                `องค์ประชุมต้องมีกรรมการมาประชุมอย่างน้อย ${num(quorum.required)} คน จากกรรมการ ${num(quorum.seated)} คน`,
                `A quorum needs ${num(quorum.required)} of the ${num(quorum.seated)} seated members present`,
              )
            : tr(
                `มาประชุม ${num(quorum.present)} คน จากที่ต้องมีอย่างน้อย ${num(quorum.required)} คน (กรรมการทั้งหมด ${num(quorum.seated)} คน)`,
                `${num(quorum.present)} present of ${num(quorum.required)} required (${num(quorum.seated)} seated)`,
              )}
        </span>
        <span className="cm-quorum-rule">
          {tr('เกณฑ์', 'Rule')}: {ruleText}
        </span>
      </div>
    </div>
  );
});

/**
 * Like `useApiGet`, but `refresh()` returns a promise that settles once the new
 * data is in state, so a page can say "done" only when the screen shows it.
 */
export function useLoad<P extends PathOf<'get'>>(path: P, ...arg: GetArg<P>) {
  type T = ResultOf<P, 'get'>;
  const init = arg[0];
  const key = requestKey(path, init);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const current = useRef(key);
  current.current = key;
  const latest = useRef(init);
  latest.current = init;
  const refresh = useCallback(
    async (signal?: AbortSignal): Promise<void> => {
      if (key === null) return;
      try {
        const get = client.GET as (path: string, init: object) => Promise<T>;
        const d = await get(path, { ...(latest.current ?? {}), ...(signal ? { signal } : {}) });
        if (current.current !== key) return;
        setData(d);
        setError(null);
      } catch (e) {
        if (signal?.aborted || current.current !== key) return;
        setError(toProblem(e));
      }
    },
    [path, key],
  );
  useEffect(() => {
    setData(null);
    setError(null);
    const controller = new AbortController();
    void refresh(controller.signal);
    return () => controller.abort();
  }, [refresh]);
  return { data, error, refresh };
}

/** One write at a time: busy while it runs, the server's refusal kept to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = useCallback(async (fn: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setProblem(toProblem(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, run, clear: () => setProblem(null) };
}

/**
 * A weighty action asks first, in place (no modal): the button becomes the
 * question with confirm / cancel; focus moves to confirm, Escape cancels.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  busy,
  danger = false,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  busy: boolean;
  danger?: boolean;
}) {
  const { tr } = useI18n();
  const [asking, setAsking] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const was = useRef(false);
  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (was.current) trigger.current?.focus();
    was.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        className={danger ? 'btn btn-danger' : 'btn btn-primary'}
        onClick={() => setAsking(true)}
        disabled={busy}
      >
        {label}
      </button>
    );
  }
  return (
    <div
      className="cm-confirm"
      role="group"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) setAsking(false);
      }}
    >
      <div className="cm-confirm-question">{question}</div>
      <div className="btn-row">
        <button
          ref={confirm}
          type="button"
          className={danger ? 'btn btn-danger' : 'btn btn-primary'}
          disabled={busy}
          onClick={() => {
            onConfirm();
            setAsking(false);
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setAsking(false)} disabled={busy}>
          {tr('ยกเลิก', 'Cancel')}
        </button>
      </div>
    </div>
  );
}
