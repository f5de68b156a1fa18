/**
 * The supervisor's dashboard (ภาพรวมกำหนดเวลา): for the offices I supervise,
 * how many steps are open, overdue or at risk — by step, by office and by the
 * person who must act — how often each step is met on time and how long it
 * takes. Every bar leads to the cases behind it (the drill-down below, kept
 * in the address: /dashboard?show=overdue&wf=…&step=…).
 *
 * Data: GET /api/supervision/sla (workflowId, officeId, since) and
 * GET /api/supervision/sla/cases (drilldown.tsx); workflow titles from
 * GET /api/workflows. The counts are of SLA clocks: a case waiting at two
 * parallel steps counts at both.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useLocation, useSearch } from 'wouter';
import { useI18n } from '../lib/i18n';
import { useApiGet } from '../lib/use-api';
import { BarChart, ShareRing, type BarRow } from '../ui/charts';
import { GroupedBarChart, RangeBarChart, type BarGroup, type RangeRow } from '../ui/charts-extra';
import { Loading, ProblemMessage } from '../ui/feedback';
import { DrillDown, filterLabel, formatHours } from './dashboard/drilldown';
import { NO_DRILL, readDrill, readScope, sinceOf, writeParams } from './dashboard/params';
import { PERIODS, type ClockFilter, type Drill, type Period, type Scope, type SlaStepRow } from './dashboard/types';

/** The most pressing kind of clock a row has: where a click on it leads. */
function worst(r: { overdue: number; atRisk: number }): ClockFilter {
  return r.overdue > 0 ? 'overdue' : r.atRisk > 0 ? 'at_risk' : 'open';
}

function groupByWorkflow<R>(rows: SlaStepRow[], make: (r: SlaStepRow) => R, title: (workflowId: string) => string): BarGroup<R>[] {
  const groups = new Map<string, BarGroup<R>>();
  for (const r of rows) {
    let g = groups.get(r.workflowId);
    if (!g) {
      g = { id: r.workflowId, title: title(r.workflowId), rows: [] };
      groups.set(r.workflowId, g);
    }
    g.rows.push(make(r));
  }
  return [...groups.values()];
}

const stepRowId = (r: { workflowId: string; step: string }) => `${r.workflowId}:${r.step}`;

export function DashboardPage(_props: Record<string, unknown>) {
  const { tr, pick, dateTime, num, lang } = useI18n();
  const search = useSearch();
  const [, navigate] = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const scope = readScope(params);
  const drill = readDrill(params);
  const drillHeading = useRef<HTMLHeadingElement | null>(null);

  const since = sinceOf(scope.period);
  const { data, error, loading } = useApiGet('/api/supervision/sla', {
    params: {
      query: {
        ...(scope.workflowId ? { workflowId: scope.workflowId } : {}),
        ...(scope.officeId ? { officeId: scope.officeId } : {}),
        ...(since ? { since } : {}),
      },
    },
  });
  const wf = useApiGet('/api/workflows');
  const workflows = useMemo(() => new Map((wf.data?.items ?? []).map((w) => [w.id, w])), [wf.data]);
  const wfTitle = useCallback((id: string) => pick(workflows.get(id)?.title ?? null, id), [pick, workflows]);

  const go = useCallback(
    (nextScope: Scope, nextDrill: Drill, focus: boolean) => {
      navigate(`/dashboard${writeParams(nextScope, nextDrill)}`);
      if (focus) {
        // after the address changed and the drill-down re-rendered
        requestAnimationFrame(() => {
          drillHeading.current?.focus({ preventScroll: true });
          drillHeading.current?.scrollIntoView({ block: 'start' });
        });
      }
    },
    [navigate],
  );
  const drillTo = (d: Partial<Drill> & { filter: ClockFilter }) => go(scope, { ...NO_DRILL, ...d }, true);
  const setScope = (next: Partial<Scope>) => {
    const s = { ...scope, ...next };
    // a new workflow or office: the step, person or office chosen before may not be in it
    const keep = next.workflowId === undefined && next.officeId === undefined;
    go(s, keep ? drill : { ...NO_DRILL, filter: drill.filter }, false);
  };

  if (error && !data) {
    return (
      <>
        <h1>{tr('ภาพรวมกำหนดเวลา', 'Deadlines overview')}</h1>
        <ProblemMessage problem={error} />
      </>
    );
  }

  const totals = (data?.byOffice ?? []).reduce(
    (t, o) => ({ open: t.open + o.open, overdue: t.overdue + o.overdue, atRisk: t.atRisk + o.atRisk, paused: t.paused + o.paused }),
    { open: 0, overdue: 0, atRisk: 0, paused: 0 },
  );
  const onTrack = Math.max(0, totals.open - totals.overdue - totals.atRisk - totals.paused);
  const closedSteps = (data?.byStep ?? []).filter((s) => s.met + s.breached > 0);
  const met = closedSteps.reduce((n, s) => n + s.met, 0);
  const breached = closedSteps.reduce((n, s) => n + s.breached, 0);
  const share = met + breached > 0 ? met / (met + breached) : null;

  const L = {
    overdue: tr('เกินกำหนด', 'Overdue'),
    atRisk: tr('ใกล้ครบกำหนด', 'At risk'),
    onTrack: tr('ตามกำหนด', 'On track'),
    paused: tr('หยุดนับเวลา', 'Paused'),
  };
  const statusParts = (r: { overdue: number; atRisk: number; open: number; paused?: number }) => [
    { key: 'overdue', value: r.overdue, tone: 'overdue', label: L.overdue },
    { key: 'risk', value: r.atRisk, tone: 'risk', label: L.atRisk },
    { key: 'ok', value: Math.max(0, r.open - r.overdue - r.atRisk - (r.paused ?? 0)), tone: 'ok', label: L.onTrack },
    ...(r.paused !== undefined ? [{ key: 'paused', value: r.paused, tone: 'neutral', label: L.paused }] : []),
  ];
  const statusLegend = statusParts({ overdue: 0, atRisk: 0, open: 0, paused: 0 });
  const stepLabel = (r: SlaStepRow) => pick(r.label, r.step);

  const openSteps = (data?.byStep ?? []).filter((s) => s.open > 0);
  const stepGroups = groupByWorkflow<BarRow>(
    openSteps,
    (r) => ({ id: stepRowId(r), label: stepLabel(r), parts: statusParts(r) }),
    wfTitle,
  ).sort(
    (a, b) =>
      sum(b.rows, 'overdue') - sum(a.rows, 'overdue') || sum(b.rows, 'risk') - sum(a.rows, 'risk') || a.title.localeCompare(b.title, 'th'),
  );
  const byId = new Map((data?.byStep ?? []).map((r) => [stepRowId(r), r]));
  const shareGroups = groupByWorkflow<BarRow>(
    closedSteps,
    (r) => ({
      id: stepRowId(r),
      label: stepLabel(r),
      parts: [
        { key: 'met', value: r.met, tone: 'ok', label: tr('ทันกำหนด', 'On time') },
        { key: 'breached', value: r.breached, tone: 'overdue', label: tr('เกินกำหนด', 'Late') },
      ],
      note: r.onTimeShare === null ? '—' : `${num(Math.round(r.onTimeShare * 1000) / 10, r.onTimeShare === 1 ? 0 : 1)}%`,
    }),
    wfTitle,
  );
  const timeGroups = groupByWorkflow<RangeRow>(
    closedSteps.filter((r) => r.medianHours !== null),
    (r) => ({ id: stepRowId(r), label: stepLabel(r), low: r.medianHours ?? 0, high: r.p90Hours ?? r.medianHours ?? 0 }),
    wfTitle,
  );
  const hours = (h: number) => formatHours(h, tr, num);

  const officeRows: BarRow[] = (data?.byOffice ?? []).map((o) => ({
    id: o.officeId,
    label: lang === 'en' ? o.nameEn : o.nameTh,
    parts: statusParts(o),
  }));
  const personRows: BarRow[] = (data?.byPerson ?? []).map((p) => ({ id: p.userId, label: p.nameTh ?? p.username, parts: statusParts(p) }));
  const periodLabel = (p: Period) =>
    ({
      all: tr('ทั้งหมด', 'All time'),
      '30d': tr('30 วันล่าสุด', 'Last 30 days'),
      '90d': tr('90 วันล่าสุด', 'Last 90 days'),
      fy: tr('ปีงบประมาณนี้ (ตั้งแต่ 1 ต.ค.)', 'This fiscal year (from 1 Oct)'),
      '365d': tr('12 เดือนล่าสุด', 'Last 12 months'),
    })[p];
  const offices = data?.byOffice ?? [];
  const isDrill = (f: ClockFilter) => drill.filter === f && !drill.step && !drill.userId && !drill.officeId;

  return (
    <>
      <div className="page-head">
        <h1>{tr('ภาพรวมกำหนดเวลา', 'Deadlines overview')}</h1>
        {data && (
          <p className="muted" role="status">
            {tr('ข้อมูล ณ', 'As of')} {dateTime(data.now)}
            {loading ? ` — ${tr('กำลังปรับปรุง…', 'updating…')}` : ''}
          </p>
        )}
      </div>

      <form className="toolbar sv-toolbar" role="search" aria-label={tr('ตัวกรอง', 'Filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{tr('กระบวนงาน', 'Workflow')}</span>
          <select className="sv-wide" value={scope.workflowId} onChange={(e) => setScope({ workflowId: e.target.value })}>
            <option value="">{tr('ทุกกระบวนงาน', 'All workflows')}</option>
            {[...workflows.values()]
              .sort((a, b) => pick(a.title).localeCompare(pick(b.title), lang))
              .map((w) => (
                <option key={w.id} value={w.id}>
                  {pick(w.title)}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>
            {tr('ช่วงเวลา', 'Period')} <span className="hint">{tr('(สำหรับขั้นตอนที่เสร็จแล้ว)', '(for finished steps)')}</span>
          </span>
          <select value={scope.period} onChange={(e) => setScope({ period: e.target.value as Period })}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </select>
        </label>
        {(offices.length > 1 || scope.officeId) && (
          <label className="field">
            <span>{tr('สำนักงาน', 'Office')}</span>
            <select value={scope.officeId} onChange={(e) => setScope({ officeId: e.target.value })}>
              <option value="">{tr('ทุกสำนักงานที่ดูแล', 'All my offices')}</option>
              {offices.map((o) => (
                <option key={o.officeId} value={o.officeId}>
                  {lang === 'en' ? o.nameEn : o.nameTh}
                </option>
              ))}
            </select>
          </label>
        )}
        {(scope.workflowId || scope.period !== 'all' || scope.officeId) && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => go({ workflowId: '', period: 'all', officeId: '' }, NO_DRILL, false)}
          >
            {tr('ล้างตัวกรอง', 'Clear filters')}
          </button>
        )}
      </form>

      {!data ? (
        <Loading />
      ) : (
        <>
          <h2 className="visually-hidden">{tr('สรุป', 'Summary')}</h2>
          <div className="stats sv-dash-stats">
            <StatButton
              label={tr('ขั้นตอนที่เปิดอยู่', 'Open steps')}
              value={totals.open}
              tone=""
              pressed={isDrill('open')}
              onClick={() => drillTo({ filter: 'open' })}
            />
            <StatButton
              label={L.overdue}
              value={totals.overdue}
              tone="overdue"
              pressed={isDrill('overdue')}
              onClick={() => drillTo({ filter: 'overdue' })}
            />
            <StatButton
              label={tr('ใกล้ครบกำหนด (ภายใน 1 วันทำการ)', 'At risk (due within 1 working day)')}
              value={totals.atRisk}
              tone="risk"
              pressed={isDrill('at_risk')}
              onClick={() => drillTo({ filter: 'at_risk' })}
            />
            <div className="stat ok">
              <strong>{num(onTrack)}</strong>
              <span>{L.onTrack}</span>
            </div>
            {totals.paused > 0 && (
              <StatButton
                label={tr('หยุดนับเวลา (รอผู้ยื่น)', 'Paused (waiting on applicant)')}
                value={totals.paused}
                tone=""
                pressed={isDrill('paused')}
                onClick={() => drillTo({ filter: 'paused' })}
              />
            )}
            <div className="stat sv-stat-ring">
              <ShareRing share={share} label={`${tr('ทันกำหนด', 'Met on time')} (${num(met)}/${num(met + breached)})`} />
            </div>
          </div>
          <p className="muted sv-small">
            {tr(
              'นับตามขั้นตอนที่มีกำหนดเวลา: เรื่องที่รออยู่สองขั้นตอนพร้อมกันนับทั้งสองขั้นตอน',
              'Counted by step deadline: a case waiting at two parallel steps counts at both.',
            )}
          </p>

          <section className="card" data-testid="sla-by-step" aria-labelledby="by-step-title">
            <h2 id="by-step-title">{tr('ตามขั้นตอน', 'By step')}</h2>
            <GroupedBarChart
              title={tr(
                'ขั้นตอนที่เปิดอยู่ แยกตามสถานะกำหนดเวลา — เลือกแถบเพื่อดูรายการเรื่อง',
                'Open steps by deadline status — choose a bar to see the cases',
              )}
              groups={stepGroups}
              legend={statusLegend}
              testIdPrefix="step-"
              onSelect={(row) => {
                const r = byId.get(row.id);
                if (r) drillTo({ filter: worst(r), workflowId: r.workflowId, step: r.step });
              }}
            />
          </section>

          <div className="grid-2 sv-grid-even">
            <section className="card sv-stack-labels" data-testid="sla-by-person" aria-labelledby="by-person-title">
              <h2 id="by-person-title">{tr('ตามผู้ต้องดำเนินการ', 'By person who must act')}</h2>
              <BarChart
                title={tr('ผู้ที่มีงานรออยู่ — เลือกชื่อเพื่อดูรายการเรื่อง', 'People with work waiting — choose a name to see the cases')}
                rows={personRows}
                onSelect={(row) => {
                  const p = data.byPerson.find((x) => x.userId === row.id);
                  if (p) drillTo({ filter: worst(p), userId: p.userId });
                }}
              />
            </section>
            <section className="card sv-stack-labels" data-testid="sla-by-office" aria-labelledby="by-office-title">
              <h2 id="by-office-title">{tr('ตามสำนักงาน', 'By office')}</h2>
              <BarChart
                title={tr('ขั้นตอนที่เปิดอยู่ของแต่ละสำนักงาน', 'Open steps per office')}
                rows={officeRows}
                onSelect={(row) => {
                  const o = data.byOffice.find((x) => x.officeId === row.id);
                  if (o) drillTo({ filter: worst(o), officeId: o.officeId });
                }}
              />
            </section>
          </div>

          <div className="grid-2 sv-grid-even">
            <section className="card sv-stack-labels" data-testid="sla-on-time" aria-labelledby="on-time-title">
              <h2 id="on-time-title">{tr('สัดส่วนที่เสร็จทันกำหนด', 'Share met on time')}</h2>
              <p className="muted sv-small">
                {tr('ขั้นตอนที่เสร็จแล้ว', 'Finished steps')}: {periodLabel(scope.period)}
              </p>
              <GroupedBarChart
                title={tr('ทันกำหนด / เกินกำหนด ต่อขั้นตอน', 'On time / late per step')}
                groups={shareGroups}
                normalize
                onSelect={(row) => {
                  const r = byId.get(row.id);
                  if (r) drillTo({ filter: r.breached > 0 ? 'breached' : 'met', workflowId: r.workflowId, step: r.step });
                }}
              />
            </section>
            <section className="card sv-stack-labels" data-testid="sla-time-spent" aria-labelledby="time-title">
              <h2 id="time-title">{tr('เวลาที่ใช้ต่อขั้นตอน', 'Time spent per step')}</h2>
              <p className="muted sv-small">
                {tr('นับเวลาตามปฏิทินตั้งแต่เริ่มจนเสร็จ (รวมวันหยุด)', 'Calendar time from start to finish (holidays included)')}
              </p>
              <RangeBarChart
                title={tr('มัธยฐาน · เปอร์เซ็นไทล์ที่ 90', 'Median · 90th percentile')}
                groups={timeGroups}
                lowLabel={tr('มัธยฐาน', 'Median')}
                highLabel={tr('เปอร์เซ็นไทล์ที่ 90', '90th percentile')}
                format={hours}
                onSelect={(row) => {
                  const r = byId.get(row.id);
                  if (r) drillTo({ filter: r.breached > 0 ? 'breached' : 'met', workflowId: r.workflowId, step: r.step });
                }}
              />
            </section>
          </div>
        </>
      )}

      <DrillDown
        scope={scope}
        drill={drill}
        overview={data}
        workflows={workflows}
        onChange={(d) => go(scope, d, true)}
        headingRef={drillHeading}
      />
      <p className="muted sv-small">
        {filterLabel('at_risk', tr)}:{' '}
        {tr('ยังไม่เกินกำหนดแต่จะครบกำหนดภายในหนึ่งวันทำการ (08:30–16:30)', 'not yet overdue, due within one working day (08:30–16:30)')}
      </p>
    </>
  );
}

function sum(rows: BarRow[], key: string): number {
  return rows.reduce((n, r) => n + (r.parts.find((p) => p.key === key)?.value ?? 0), 0);
}

function StatButton({
  label,
  value,
  tone,
  pressed,
  onClick,
}: {
  label: string;
  value: number;
  tone: string;
  pressed: boolean;
  onClick: () => void;
}) {
  const { num } = useI18n();
  return (
    <button type="button" className={`stat stat-button ${tone}`} aria-pressed={pressed} onClick={onClick}>
      <strong>{num(value)}</strong>
      <span>{label}</span>
    </button>
  );
}
