/** Loading, errors and empty lists, said the same way on every page (Thai first). */
import type { ReactNode } from 'react';
import type { ApiProblem } from '../lib/api';
import { useI18n } from '../lib/i18n';

export function Loading({ label }: { label?: string }) {
  const { tr } = useI18n();
  return (
    <p className="muted" role="status" aria-live="polite">
      {label ?? tr('กำลังโหลด…', 'Loading…')}
    </p>
  );
}

/** A refusal from the server: its message in the current language and the stable code. */
export function ProblemMessage({ problem }: { problem: ApiProblem | null }) {
  const { pick } = useI18n();
  if (!problem) return null;
  const issues = issuesOf(problem.detail, pick);
  const rule = ruleOf(problem.detail);
  return (
    <div className="alert alert-error" role="alert" data-code={problem.code}>
      <strong>{pick(problem.messages)}</strong>
      {rule && <p>{pick(rule)}</p>}
      {issues.length > 0 && (
        <ul>
          {issues.map((i, n) => (
            <li key={n}>
              {i.path ? <code>{i.path}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The rule a date guard refused by (DEADLINE_PASSED), in both languages. */
function ruleOf(detail: unknown): { th: string; en: string } | null {
  const rule = typeof detail === 'object' && detail !== null ? (detail as { rule?: unknown }).rule : null;
  return typeof rule === 'object' &&
    rule !== null &&
    typeof (rule as { th?: unknown }).th === 'string' &&
    typeof (rule as { en?: unknown }).en === 'string'
    ? (rule as { th: string; en: string })
    : null;
}

function issuesOf(detail: unknown, pick: (label: { th: string; en: string }) => string): { path: string; message: string }[] {
  if (typeof detail !== 'object' || detail === null) return [];
  const d = detail as { issues?: unknown; reasons?: unknown; problems?: unknown };
  const list = Array.isArray(d.issues) ? d.issues : Array.isArray(d.reasons) ? d.reasons : Array.isArray(d.problems) ? d.problems : [];
  return list
    .filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null)
    .map((i) => ({
      path: typeof i.path === 'string' ? i.path : '',
      // a reason in both languages ({ th, en }) follows the page's language
      message:
        typeof i.th === 'string' && typeof i.en === 'string'
          ? pick({ th: i.th, en: i.en })
          : String(i.messageTh ?? i.message ?? i.th ?? i.code ?? ''),
    }));
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-ok" role="status">
      {children}
    </div>
  );
}
