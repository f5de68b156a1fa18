/**
 * The cases behind a number of the dashboard: GET /api/supervision/sla/cases
 * with the chosen filter (overdue, at risk, …) narrowed by step, person or
 * office. Each row links to its case, says its step, when it is due (พ.ศ.),
 * how late it is and who must act.
 *
 * "Who must act" is not in the drill-down's rows; it is found by asking the
 * same question once per person of the overview who has such clocks
 * (`userId=`), at most MAX_PEOPLE of them.
 */
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { Link } from 'wouter';
import { client } from '../../lib/api';
import type { operations } from '../../lib/api.generated';
import { formatDue } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useApiGet } from '../../lib/use-api';
import { Loading, ProblemMessage } from '../../ui/feedback';
import { isClosedFilter, sinceOf } from './params';
import type { ClockFilter, Drill, Scope, SlaCase, SlaOverview, SlaPersonRow, WorkflowSummary } from './types';

const LIMIT = 200;
const MAX_PEOPLE = 30;

export function filterLabel(f: ClockFilter, tr: (th: string, en: string) => string): string {
  switch (f) {
    case 'overdue':
      return tr('เกินกำหนด', 'Overdue');
    case 'at_risk':
      return tr('ใกล้ครบกำหนด', 'At risk');
    case 'open':
      return tr('เปิดอยู่ทั้งหมด', 'All open');
    case 'paused':
      return tr('หยุดนับเวลา', 'Paused');
    case 'met':
      return tr('เสร็จทันกำหนด', 'Met on time');
    case 'breached':
      return tr('เสร็จเกินกำหนด', 'Finished late');
  }
}

type SlaCasesQuery = NonNullable<operations['listSlaCases']['parameters']['query']>;

function drillQuery(scope: Scope, drill: Drill): SlaCasesQuery {
  const q: SlaCasesQuery = { filter: drill.filter, limit: LIMIT };
  const workflowId = drill.workflowId || scope.workflowId;
  if (workflowId) q.workflowId = workflowId;
  if (drill.step) q.step = drill.step;
  const officeId = drill.officeId || scope.officeId;
  if (officeId) q.officeId = officeId;
  if (drill.userId) q.userId = drill.userId;
  if (isClosedFilter(drill.filter)) {
    const since = sinceOf(scope.period);
    if (since) q.since = since;
  }
  return q;
}

const rowKey = (c: { caseId: string; step: string }) => `${c.caseId}|${c.step}`;

function countFor(p: SlaPersonRow, f: ClockFilter): number {
  return f === 'overdue' ? p.overdue : f === 'at_risk' ? p.atRisk : p.open;
}

/** caseId|step → the people who must act there; null when nobody acts (paused, closed clocks). */
function useMustAct(
  scope: Scope,
  drill: Drill,
  people: SlaPersonRow[],
): { byRow: Map<string, SlaPersonRow[]> | null; loading: boolean; partial: boolean } {
  const applies = drill.filter === 'overdue' || drill.filter === 'at_risk' || drill.filter === 'open';
  const chosen = drill.userId ? people.filter((p) => p.userId === drill.userId) : people.filter((p) => countFor(p, drill.filter) > 0);
  const candidates = chosen.slice(0, MAX_PEOPLE);
  const base = drillQuery(scope, { ...drill, userId: '' });
  const ids = candidates.map((p) => p.userId).join(',');
  const [state, setState] = useState<{ key: string; byRow: Map<string, SlaPersonRow[]> } | null>(null);
  const key = `${JSON.stringify(base)}#${ids}`;
  useEffect(() => {
    if (!applies) return;
    const controller = new AbortController();
    const list = candidates;
    void Promise.all(
      list.map((p) =>
        client
          .GET('/api/supervision/sla/cases', { params: { query: { ...base, userId: p.userId } }, signal: controller.signal })
          .then((r) => ({ p, items: r.items }))
          .catch(() => ({ p, items: [] as SlaCase[] })),
      ),
    ).then((results) => {
      if (controller.signal.aborted) return;
      const byRow = new Map<string, SlaPersonRow[]>();
      for (const { p, items } of results) for (const c of items) byRow.set(rowKey(c), [...(byRow.get(rowKey(c)) ?? []), p]);
      setState({ key, byRow });
    });
    return () => controller.abort();
    // `key` covers the query and the people asked
  }, [key, applies]);
  if (!applies) return { byRow: null, loading: false, partial: false };
  return { byRow: state?.key === key ? state.byRow : null, loading: state?.key !== key, partial: chosen.length > candidates.length };
}

export function DrillDown({
  scope,
  drill,
  overview,
  workflows,
  onChange,
  headingRef,
}: {
  scope: Scope;
  drill: Drill;
  overview: SlaOverview | null;
  workflows: Map<string, WorkflowSummary>;
  onChange: (next: Drill) => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { tr, pick, dateTime, num, lang } = useI18n();
  const { data, error, loading } = useApiGet('/api/supervision/sla/cases', { params: { query: drillQuery(scope, drill) } });
  const people = useMemo(() => overview?.byPerson ?? [], [overview]);
  const mustAct = useMustAct(scope, drill, people);
  const now = overview ? new Date(overview.now) : new Date();
  const closed = isClosedFilter(drill.filter);

  const stepRow = overview?.byStep.find((s) => s.step === drill.step && (!drill.workflowId || s.workflowId === drill.workflowId));
  const stepName = drill.step ? pick(stepRow?.label ?? null, drill.step) : '';
  const person = drill.userId ? people.find((p) => p.userId === drill.userId) : undefined;
  const office = drill.officeId ? overview?.byOffice.find((o) => o.officeId === drill.officeId) : undefined;
  const wfTitle = (id: string) => pick(workflows.get(id)?.title ?? null, id);
  const personName = (p: SlaPersonRow) => p.nameTh ?? p.username;

  const narrowing: { key: string; text: string; clear: Partial<Drill> }[] = [];
  if (drill.step)
    narrowing.push({
      key: 'step',
      text: `${tr('ขั้นตอน', 'Step')}: ${stepName}${drill.workflowId ? ` — ${wfTitle(drill.workflowId)}` : ''}`,
      clear: { step: '', workflowId: '' },
    });
  if (drill.userId)
    narrowing.push({
      key: 'person',
      text: `${tr('ผู้ต้องดำเนินการ', 'Must act')}: ${person ? personName(person) : drill.userId}`,
      clear: { userId: '' },
    });
  if (drill.officeId)
    narrowing.push({
      key: 'office',
      text: `${tr('สำนักงาน', 'Office')}: ${office ? (lang === 'en' ? office.nameEn : office.nameTh) : drill.officeId}`,
      clear: { officeId: '' },
    });

  const items = data?.items ?? [];
  const title = [filterLabel(drill.filter, tr), ...narrowing.map((n) => n.text)].join(' · ');
  const { limit: _limit, ...xlsxFilter } = drillQuery(scope, drill); // the workbook has every row
  const xlsxQuery = new URLSearchParams(Object.entries(xlsxFilter).map(([k, v]) => [k, String(v)]));

  return (
    <section className="card sv-drilldown" data-testid="drilldown" aria-labelledby="drilldown-title" aria-busy={loading}>
      <h2 id="drilldown-title" ref={headingRef} tabIndex={-1}>
        {tr('รายการเรื่อง', 'Cases')}: {title}
      </h2>
      <div className="btn-row sv-drill-filters" role="group" aria-label={tr('แสดงเรื่องที่', 'Show cases that are')}>
        {(['overdue', 'at_risk', 'open', 'paused', 'met', 'breached'] as const).map((f) => (
          <button
            key={f}
            type="button"
            className={`btn sv-chip${drill.filter === f ? ' sv-chip-on' : ''}`}
            aria-pressed={drill.filter === f}
            onClick={() => onChange({ ...drill, filter: f, ...(isClosedFilter(f) ? { userId: '' } : {}) })}
          >
            {filterLabel(f, tr)}
          </button>
        ))}
      </div>
      {narrowing.length > 0 && (
        <ul className="sv-drill-narrowing" aria-label={tr('เงื่อนไขที่เลือก', 'Narrowed to')}>
          {narrowing.map((n) => (
            <li key={n.key}>
              <span className="badge badge-open">{n.text}</span>{' '}
              <button
                type="button"
                className="btn btn-ghost sv-btn-small"
                onClick={() => onChange({ ...drill, ...n.clear })}
                aria-label={`${tr('ยกเลิกเงื่อนไข', 'Remove')} ${n.text}`}
              >
                ✕
              </button>
            </li>
          ))}
          {narrowing.length > 1 && (
            <li>
              <button
                type="button"
                className="btn btn-ghost sv-btn-small"
                onClick={() => onChange({ ...drill, step: '', workflowId: '', userId: '', officeId: '' })}
              >
                {tr('ล้างทั้งหมด', 'Clear all')}
              </button>
            </li>
          )}
        </ul>
      )}
      <p className="sv-drill-export">
        <a
          className="btn btn-ghost sv-btn-small"
          href={`/api/supervision/sla/cases.xlsx?${xlsxQuery.toString()}`}
          download
          data-testid="drill-xlsx"
        >
          {tr('ส่งออก Excel (ทุกรายการ)', 'Export to Excel (every row)')}
        </a>
      </p>
      <ProblemMessage problem={error} />
      {loading && <Loading />}
      {!error && data && items.length === 0 && !loading && <p className="empty">{tr('ไม่มีเรื่องตามเงื่อนไขนี้', 'No cases match')}</p>}
      {items.length > 0 && (
        <>
          <p className="muted sv-drill-count" role="status">
            {items.length >= LIMIT
              ? tr(`แสดง ${num(items.length)} รายการแรก (เรียงตามกำหนดเสร็จ)`, `Showing the first ${num(items.length)} (soonest due first)`)
              : tr(`${num(items.length)} รายการ`, `${num(items.length)} ${items.length === 1 ? 'item' : 'items'}`)}
          </p>
          <div className="table-wrap">
            <table className="table responsive">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{tr('เรื่อง', 'Case')}</th>
                  <th scope="col">{tr('ขั้นตอน', 'Step')}</th>
                  <th scope="col">{tr('กำหนดเสร็จ', 'Due')}</th>
                  {closed ? (
                    <>
                      <th scope="col">{tr('เสร็จเมื่อ', 'Finished')}</th>
                      <th scope="col" className="num">
                        {tr('ใช้เวลา', 'Took')}
                      </th>
                    </>
                  ) : (
                    <>
                      <th scope="col">{tr('สถานะ', 'Status')}</th>
                      <th scope="col">{tr('ผู้ต้องดำเนินการ', 'Must act')}</th>
                    </>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((c) => {
                  const who = mustAct.byRow?.get(rowKey(c));
                  return (
                    <tr key={rowKey(c)} className={c.overdue ? 'is-overdue' : c.atRisk ? 'is-risk' : undefined}>
                      <td data-label={tr('เรื่อง', 'Case')}>
                        <Link href={`/cases/${c.caseId}`}>{c.title}</Link>
                        <div className="muted sv-small">{wfTitle(c.workflowId)}</div>
                      </td>
                      <td data-label={tr('ขั้นตอน', 'Step')}>{pick(c.stepLabel, c.step)}</td>
                      <td data-label={tr('กำหนดเสร็จ', 'Due')}>{c.dueAt ? dateTime(c.dueAt) : tr('ไม่มีกำหนด', 'No deadline')}</td>
                      {closed ? (
                        <>
                          <td data-label={tr('เสร็จเมื่อ', 'Finished')}>
                            {dateTime(c.closedAt)}{' '}
                            {c.clockStatus === 'breached' ? (
                              <span className="badge badge-overdue">{tr('เกินกำหนด', 'Late')}</span>
                            ) : (
                              <span className="badge badge-ok">{tr('ทันกำหนด', 'On time')}</span>
                            )}
                          </td>
                          <td data-label={tr('ใช้เวลา', 'Took')} className="num">
                            {c.hoursSpent === null ? '—' : formatHours(c.hoursSpent, tr, num)}
                          </td>
                        </>
                      ) : (
                        <>
                          <td data-label={tr('สถานะ', 'Status')}>{dueBadge(c)}</td>
                          <td data-label={tr('ผู้ต้องดำเนินการ', 'Must act')}>
                            {c.clockStatus === 'paused' ? (
                              <span className="muted">{tr('รอผู้ยื่นคำขอ', 'Waiting on the applicant')}</span>
                            ) : who && who.length > 0 ? (
                              <ul className="sv-list">
                                {who.map((p) => (
                                  <li key={p.userId}>
                                    <button
                                      type="button"
                                      className="sv-link"
                                      onClick={() => onChange({ ...drill, userId: p.userId })}
                                      aria-label={`${personName(p)} — ${tr('ดูเฉพาะเรื่องของคนนี้', 'show only their cases')}`}
                                    >
                                      {personName(p)}
                                    </button>
                                  </li>
                                ))}
                              </ul>
                            ) : mustAct.loading ? (
                              <span className="muted">…</span>
                            ) : (
                              <span className="muted">{tr('ไม่พบผู้รับผิดชอบ', 'Nobody found')}</span>
                            )}
                          </td>
                        </>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {mustAct.partial && (
            <p className="muted sv-small">
              {tr(`ผู้ต้องดำเนินการแสดงเฉพาะ ${MAX_PEOPLE} คนแรก`, `"Must act" lists only the first ${MAX_PEOPLE} people`)}
            </p>
          )}
        </>
      )}
    </section>
  );

  function dueBadge(c: SlaCase) {
    if (c.clockStatus === 'paused') return <span className="badge badge-neutral">{tr('หยุดนับเวลา', 'Paused')}</span>;
    const text = formatDue(c.dueAt, now, lang);
    if (c.overdue) return <span className="badge badge-overdue">{text}</span>;
    if (c.atRisk) return <span className="badge badge-risk">{text}</span>;
    return <span className="badge badge-ok">{text}</span>;
  }
}

/** Elapsed hours as people say them: "5 ชม.", "3.5 วัน". */
export function formatHours(h: number, tr: (th: string, en: string) => string, num: (n: number, digits?: number) => string): string {
  if (h < 48) {
    const v = num(h, h < 10 && h % 1 !== 0 ? 1 : 0);
    return tr(`${v} ชม.`, `${v} h`);
  }
  const d = num(h / 24, 1);
  return tr(`${d} วัน`, `${d} d`);
}
