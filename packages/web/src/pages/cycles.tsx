/**
 * Rounds (รอบดำเนินการ): a parent case that opened one child case per person
 * — a transfer round, a salary raise round.
 * - /cycles: the active rounds of my offices (GET /api/cycles) with how many
 *   of their children are done;
 * - /cycles/:id: one round — where the round itself stands (its steps, from
 *   GET /api/cases/:id and the workflow's graph), its children by state and
 *   its openings (GET /api/cycles/:id/progress), and for a salary round the
 *   budget pool used and the published lists (cycle/salary.tsx).
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../lib/i18n';
import { useApiGet } from '../lib/use-api';
import { GroupedBarChart, Meter, type BarGroup } from '../ui/charts-extra';
import type { BarRow } from '../ui/charts';
import { Empty, Loading, ProblemMessage } from '../ui/feedback';
import { nodeLabel, useGraphs, type WorkflowGraph } from './cycle/labels';
import { SalaryRoundSections } from './cycle/salary';
import { SalaryRoundPeople } from './cycle/salary-people';
import { RoundOpeningProgress, SalaryRoundActions } from './cycle/salary-actions';
import { TransferRoundSections } from './cycle/transfer';
import { OpenTransferRound } from './cycle/open-transfer-round';
import { OpenSalaryRound } from './cycle/open-salary-round';
import type { CycleSummary, HistoryEntry } from './cycle/types';

function useWorkflowTitles() {
  const { pick } = useI18n();
  const { data } = useApiGet('/api/workflows');
  const items = data?.items ?? [];
  return {
    title: (id: string) => pick(items.find((w) => w.id === id)?.title ?? null, id),
    latest: (id: string) => items.find((w) => w.id === id)?.version ?? null,
    /** the office where the reader may open a round of this procedure office-wide; null: nowhere */
    officeToOpen: (id: string) => items.find((w) => w.id === id)?.startableAt.find((s) => s.schoolId === null)?.officeId ?? null,
  };
}

const OPENINGS_SHOWN = 10;

function pctText(done: number, total: number, num: (n: number, d?: number) => string): string {
  return total > 0 ? `${num(Math.round((done / total) * 100))}%` : '—';
}

export function CyclesPage(_props: Record<string, unknown>) {
  const { tr, dateTime, num } = useI18n();
  const { data, error, loading } = useApiGet('/api/cycles');
  const workflows = useWorkflowTitles();
  const items = data?.items ?? [];
  const { graphs, stateName } = useGraphs(items.map((c) => `${c.workflowId}@${c.workflowVersion}`));
  /** "step 3 of 12": the place of the round's current top-level state among its steps */
  const stepOf = (c: CycleSummary) => {
    const steps = (graphs.get(`${c.workflowId}@${c.workflowVersion}`)?.nodes ?? []).filter((n) => n.parent === null && !n.final);
    const first = c.state.split(',')[0] ?? '';
    const i = steps.findIndex((n) => first === n.id || first.startsWith(`${n.id}.`));
    return i < 0 ? null : { at: i + 1, of: steps.length };
  };

  return (
    <>
      <div className="page-head">
        <h1>{tr('รอบดำเนินการ', 'Rounds')}</h1>
        <p className="muted">
          {tr('รอบที่ยังไม่ปิด เช่น รอบการย้าย รอบการเลื่อนเงินเดือน', 'Rounds still open, such as transfer and salary raise rounds')}
        </p>
      </div>
      <OpenTransferRound officeId={workflows.officeToOpen('transfer-round')} />
      <OpenSalaryRound officeId={workflows.officeToOpen('salary-round')} />
      <ProblemMessage problem={error} />
      {loading && !data && <Loading />}
      {data && items.length === 0 && <Empty>{tr('ไม่มีรอบที่กำลังดำเนินการ', 'No round under way')}</Empty>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table responsive sv-cycles-table">
            <caption className="visually-hidden">{tr('รอบที่กำลังดำเนินการ', 'Rounds under way')}</caption>
            <thead>
              <tr>
                <th scope="col">{tr('รอบ', 'Round')}</th>
                <th scope="col">{tr('ขั้นตอนของรอบ', 'Round step')}</th>
                <th scope="col">{tr('เรื่องย่อยที่เสร็จแล้ว', 'Children done')}</th>
                <th scope="col">{tr('ปรับปรุงล่าสุด', 'Updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td data-label={tr('รอบ', 'Round')}>
                    <Link href={`/cycles/${c.id}`}>{c.title}</Link>
                    <div className="muted sv-small">{workflows.title(c.workflowId)}</div>
                  </td>
                  <td data-label={tr('ขั้นตอนของรอบ', 'Round step')}>
                    {stateName(c.workflowId, c.workflowVersion, c.state)}
                    {stepOf(c) && (
                      <div className="muted sv-small">
                        {tr(
                          `ขั้นตอนที่ ${num(stepOf(c)!.at)} จาก ${num(stepOf(c)!.of)}`,
                          `Step ${num(stepOf(c)!.at)} of ${num(stepOf(c)!.of)}`,
                        )}
                      </div>
                    )}
                    {c.openingInProgress && (
                      <>
                        {' '}
                        <span className="badge badge-risk">{tr('กำลังเปิดเรื่องย่อย', 'Opening children')}</span>
                      </>
                    )}
                  </td>
                  <td data-label={tr('เรื่องย่อยที่เสร็จแล้ว', 'Children done')} className="sv-cell-meter">
                    <Meter
                      compact
                      label={`${c.title}: ${tr('เรื่องย่อยที่เสร็จแล้ว', 'children done')}`}
                      value={c.childrenDone}
                      max={c.children}
                      text={`${num(c.childrenDone)} / ${num(c.children)} (${pctText(c.childrenDone, c.children, num)})`}
                    />
                  </td>
                  <td data-label={tr('ปรับปรุงล่าสุด', 'Updated')}>{dateTime(c.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The round's own steps in order: done, current, still to come (top-level states of its graph). */
function RoundSteps({
  graph,
  history,
  state,
  status,
}: {
  graph: WorkflowGraph | undefined;
  history: HistoryEntry[];
  state: string;
  status: 'active' | 'done';
}) {
  const { tr, pick, date } = useI18n();
  if (!graph) return <Loading />;
  const current = state.split(',');
  const isIn = (node: string, path: string) => path === node || path.startsWith(`${node}.`);
  const entered = new Map<string, string>();
  for (const h of history) {
    for (const s of h.toState.split(',')) {
      const top = graph.nodes.find((n) => n.parent === null && isIn(n.id, s));
      if (top && !entered.has(top.id)) entered.set(top.id, h.at);
    }
  }
  const nodes = graph.nodes.filter((n) => n.parent === null);
  return (
    <ol className="sv-stepper">
      {nodes.map((n) => {
        const now = status === 'active' && current.some((c) => isIn(n.id, c));
        const done = !now && entered.has(n.id);
        const cls = now ? 'is-current' : done ? 'is-done' : 'is-todo';
        return (
          <li key={n.id} className={cls} aria-current={now ? 'step' : undefined}>
            <span className="sv-stepper-mark" aria-hidden="true">
              {done ? '✓' : now ? '●' : ''}
            </span>
            <span className="sv-stepper-text">
              {pick(nodeLabel(n, n.id))}
              <span className="visually-hidden">
                {' '}
                — {now ? tr('ขั้นตอนปัจจุบัน', 'current step') : done ? tr('ผ่านแล้ว', 'done') : tr('ยังไม่ถึง', 'not yet')}
              </span>
              {entered.has(n.id) && <span className="muted sv-small sv-stepper-date">{date(entered.get(n.id))}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function CyclePage({ caseId }: { caseId: string }) {
  const { tr, pick, dateTime, num } = useI18n();
  const view = useApiGet('/api/cases/{caseId}', { params: { path: { caseId } } });
  const progress = useApiGet('/api/cycles/{caseId}/progress', { params: { path: { caseId } } });
  const workflows = useWorkflowTitles();
  const [showAllOpenings, setShowAllOpenings] = useState(false);
  const round = view.data?.case;
  const p = progress.data;
  const childVersions = new Map<string, number>();
  for (const o of p?.openings ?? []) childVersions.set(o.workflowId, Math.max(childVersions.get(o.workflowId) ?? 0, o.workflowVersion));
  for (const s of p?.byState ?? [])
    if (!childVersions.has(s.workflowId)) childVersions.set(s.workflowId, workflows.latest(s.workflowId) ?? 1);
  const { graphs, stateName } = useGraphs([
    ...(round ? [`${round.workflowId}@${round.workflowVersion}`] : []),
    ...[...childVersions].map(([w, v]) => `${w}@${v}`),
  ]);

  const problem = view.error ?? progress.error;
  if (problem && !(view.data && p)) {
    return (
      <>
        <p>
          <Link href="/cycles">← {tr('รอบดำเนินการทั้งหมด', 'All rounds')}</Link>
        </p>
        <h1>{tr('รอบดำเนินการ', 'Round')}</h1>
        <ProblemMessage problem={problem} />
      </>
    );
  }
  if (!view.data || !p || !round) return <Loading />;

  // children by state, in the order of the child workflow's graph (then by count)
  const groups: BarGroup<BarRow>[] = [...childVersions].map(([workflowId, version]) => {
    const graph = graphs.get(`${workflowId}@${version}`);
    const order = (state: string) => {
      const i = graph?.nodes.findIndex((n) => n.id === state.split(',')[0]) ?? -1;
      return i < 0 ? 999 : i;
    };
    const rows = p.byState
      .filter((s) => s.workflowId === workflowId)
      .sort((a, b) => order(a.state) - order(b.state) || b.count - a.count)
      .map((s) => ({
        id: `${s.workflowId}:${s.state}`,
        label: stateName(workflowId, version, s.state),
        parts: [
          {
            key: s.status,
            value: s.count,
            tone: s.status === 'done' ? 'done' : 'open',
            label: s.status === 'done' ? tr('เสร็จสิ้น', 'Done') : tr('ดำเนินการอยู่', 'In progress'),
          },
        ],
      }));
    return { id: workflowId, title: workflows.title(workflowId), rows };
  });
  const legend = [
    { key: 'active', tone: 'open', label: tr('ดำเนินการอยู่', 'In progress') },
    { key: 'done', tone: 'done', label: tr('เสร็จสิ้น', 'Done') },
  ];
  const roundGraph = graphs.get(`${round.workflowId}@${round.workflowVersion}`);
  const openedTotal = p.openings.reduce((n, o) => n + o.created, 0);
  const shownOpenings = showAllOpenings ? p.openings : p.openings.slice(0, OPENINGS_SHOWN);

  return (
    <>
      <p className="sv-crumbs">
        <Link href="/cycles">← {tr('รอบดำเนินการทั้งหมด', 'All rounds')}</Link>
      </p>
      <div className="page-head">
        <h1>{round.title}</h1>
        <Link href={`/cases/${round.id}`}>{tr('เปิดเรื่องของรอบ (ประวัติและการดำเนินการ)', 'Open the round’s case (history and actions)')}</Link>
        {round.workflowId === 'salary-round' && round.state === 'appraising' && (
          <Link href={`/cycles/${round.id}/appraise`}>{tr('ให้คะแนนผู้ที่ท่านประเมิน', 'Score the people I appraise')}</Link>
        )}
      </div>
      <dl className="facts sv-cycle-facts">
        <dt>{tr('กระบวนงาน', 'Workflow')}</dt>
        <dd>{pick(view.data.workflow.title)}</dd>
        <dt>{tr('ขั้นตอนปัจจุบัน', 'Current step')}</dt>
        <dd>
          {round.status === 'done' ? (
            <span className="badge badge-neutral">{tr('ปิดรอบแล้ว', 'Closed')}</span>
          ) : (
            <span className="badge badge-open">{stateName(round.workflowId, round.workflowVersion, round.state)}</span>
          )}
        </dd>
        <dt>{tr('เปิดรอบเมื่อ', 'Opened')}</dt>
        <dd>{dateTime(round.createdAt)}</dd>
        <dt>{tr('ปรับปรุงล่าสุด', 'Updated')}</dt>
        <dd>{dateTime(round.updatedAt)}</dd>
      </dl>

      <h2 className="visually-hidden">{tr('สรุปเรื่องย่อย', 'Children summary')}</h2>
      <div className="stats sv-dash-stats">
        <div className="stat">
          <strong>{num(p.total)}</strong>
          <span>{tr('เรื่องย่อยทั้งหมด', 'Children')}</span>
        </div>
        <div className="stat">
          <strong>{num(p.active)}</strong>
          <span>{tr('ดำเนินการอยู่', 'In progress')}</span>
        </div>
        <div className="stat">
          <strong>{num(p.done)}</strong>
          <span>{tr('เสร็จสิ้น', 'Done')}</span>
        </div>
        <div className="stat sv-stat-wide">
          <Meter
            label={tr('ความคืบหน้า', 'Progress')}
            value={p.done}
            max={p.total}
            text={`${num(p.done)} / ${num(p.total)} (${pctText(p.done, p.total, num)})`}
          />
        </div>
      </div>

      <div className="grid-2">
        <section className="card sv-stack-labels" aria-labelledby="children-title" data-testid="cycle-children">
          <h2 id="children-title">{tr('เรื่องย่อยตามขั้นตอน', 'Children by state')}</h2>
          {p.byState.length === 0 ? (
            <Empty>{tr('ยังไม่มีเรื่องย่อย', 'No children yet')}</Empty>
          ) : (
            <GroupedBarChart title={tr('จำนวนเรื่องที่อยู่ในแต่ละขั้นตอน', 'How many children are at each state')} groups={groups} legend={legend} />
          )}
        </section>
        <section className="card" aria-labelledby="round-steps-title">
          <h2 id="round-steps-title">{tr('ขั้นตอนของรอบ', 'The round’s steps')}</h2>
          <RoundSteps graph={roundGraph} history={view.data.history} state={round.state} status={round.status} />
        </section>
      </div>

      {round.workflowId === 'salary-round' && round.status === 'active' && (
        <SalaryRoundActions
          caseId={caseId}
          state={round.state}
          onDone={() => {
            view.reload();
            progress.reload();
          }}
        />
      )}
      {round.workflowId === 'salary-round' && <RoundOpeningProgress caseId={caseId} state={round.state} onFinished={view.reload} />}
      {round.workflowId === 'salary-round' && <SalaryRoundSections caseId={caseId} history={view.data.history} state={round.state} />}
      {round.workflowId === 'salary-round' && <SalaryRoundPeople caseId={caseId} />}
      {round.workflowId === 'transfer-round' && (
        <TransferRoundSections
          caseId={caseId}
          onChanged={() => {
            view.reload();
            progress.reload();
          }}
        />
      )}

      <section className="card" aria-labelledby="openings-title">
        <h2 id="openings-title">{tr('การเปิดเรื่องย่อย', 'Openings')}</h2>
        {p.openings.length === 0 ? (
          <Empty>{tr('ยังไม่ได้เปิดเรื่องย่อย', 'No children opened yet')}</Empty>
        ) : (
          <>
            <p className="muted">
              {tr(
                `เปิดเรื่องย่อย ${num(p.openings.length)} ครั้ง รวม ${num(openedTotal)} เรื่อง`,
                `${num(p.openings.length)} ${p.openings.length === 1 ? 'opening' : 'openings'}, ${num(openedTotal)} children opened`,
              )}
            </p>
            <div className="table-wrap">
              <table className="table responsive">
                <caption className="visually-hidden">{tr('การเปิดเรื่องย่อยจากรายชื่อ', 'Openings from a population')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tr('เริ่มเมื่อ', 'Started')}</th>
                    <th scope="col">{tr('กระบวนงาน', 'Workflow')}</th>
                    <th scope="col">{tr('เปิดแล้ว / ทั้งหมด', 'Opened / total')}</th>
                    <th scope="col" className="num">
                      {tr('ไม่ผ่านการตรวจ', 'Rejected')}
                    </th>
                    <th scope="col">{tr('สถานะ', 'Status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shownOpenings.map((o) => (
                    <tr key={o.runId}>
                      <td data-label={tr('เริ่มเมื่อ', 'Started')}>{dateTime(o.startedAt)}</td>
                      <td data-label={tr('กระบวนงาน', 'Workflow')}>{workflows.title(o.workflowId)}</td>
                      <td data-label={tr('เปิดแล้ว / ทั้งหมด', 'Opened / total')} className="sv-cell-meter">
                        <Meter
                          compact
                          label={tr('เปิดแล้ว', 'Opened')}
                          value={o.created}
                          max={o.total}
                          text={`${num(o.created)} / ${num(o.total)}`}
                          tone="open"
                        />
                      </td>
                      <td data-label={tr('ไม่ผ่านการตรวจ', 'Rejected')} className="num">
                        {o.rejected > 0 ? <span className="badge badge-overdue">{num(o.rejected)}</span> : num(0)}
                      </td>
                      <td data-label={tr('สถานะ', 'Status')}>
                        {o.finishedAt ? (
                          <span>
                            <span className="badge badge-ok">{tr('เสร็จ', 'Finished')}</span>{' '}
                            <span className="muted sv-small">{dateTime(o.finishedAt)}</span>
                          </span>
                        ) : (
                          <span className="badge badge-risk">
                            {tr(`กำลังเปิด (ครั้งที่ ${num(o.attempts)})`, `Opening (attempt ${num(o.attempts)})`)}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {p.openings.length > OPENINGS_SHOWN && (
              <p>
                <button
                  type="button"
                  className="btn btn-ghost"
                  aria-expanded={showAllOpenings}
                  onClick={() => setShowAllOpenings((v) => !v)}
                >
                  {showAllOpenings
                    ? tr(`แสดงเฉพาะ ${OPENINGS_SHOWN} ครั้งล่าสุด`, `Show only the latest ${OPENINGS_SHOWN}`)
                    : tr(`แสดงทั้งหมด ${num(p.openings.length)} ครั้ง`, `Show all ${num(p.openings.length)}`)}
                </button>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
