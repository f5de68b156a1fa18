/**
 * The dashboard keeps its choices in the address, so a drill-down can be
 * linked, reloaded and left with the Back button:
 *   /dashboard?workflow=…&period=90d&office=…          (the toolbar)
 *             &show=overdue&wf=…&step=…&person=…&unit=… (the drill-down)
 */
import { CLOCK_FILTERS, PERIODS, type ClockFilter, type Drill, type Period, type Scope } from './types';

export function readScope(params: URLSearchParams): Scope {
  const period = params.get('period') ?? 'all';
  return {
    workflowId: params.get('workflow') ?? '',
    period: (PERIODS as readonly string[]).includes(period) ? (period as Period) : 'all',
    officeId: params.get('office') ?? '',
  };
}

export function readDrill(params: URLSearchParams): Drill {
  const show = params.get('show') ?? 'overdue';
  return {
    filter: (CLOCK_FILTERS as readonly string[]).includes(show) ? (show as ClockFilter) : 'overdue',
    workflowId: params.get('wf') ?? '',
    step: params.get('step') ?? '',
    userId: params.get('person') ?? '',
    officeId: params.get('unit') ?? '',
  };
}

export function writeParams(scope: Scope, drill: Drill): string {
  const p = new URLSearchParams();
  if (scope.workflowId) p.set('workflow', scope.workflowId);
  if (scope.period !== 'all') p.set('period', scope.period);
  if (scope.officeId) p.set('office', scope.officeId);
  if (drill.filter !== 'overdue') p.set('show', drill.filter);
  if (drill.workflowId) p.set('wf', drill.workflowId);
  if (drill.step) p.set('step', drill.step);
  if (drill.userId) p.set('person', drill.userId);
  if (drill.officeId) p.set('unit', drill.officeId);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const NO_DRILL: Drill = { filter: 'overdue', workflowId: '', step: '', userId: '', officeId: '' };

/** Today's date in Bangkok as YYYY-MM-DD. */
function bangkokToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function minusDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/**
 * The start of the period (midnight in Bangkok) for the closed clocks, or
 * null for all time. Whole days, so the address of the data stays the same
 * all day (no reload loop).
 */
export function sinceOf(period: Period, now: Date = new Date()): string | null {
  if (period === 'all') return null;
  const today = bangkokToday(now);
  let day: string;
  if (period === 'fy') {
    // the Thai fiscal year starts on 1 October
    const [y, m] = today.split('-').map(Number) as [number, number];
    day = `${m >= 10 ? y : y - 1}-10-01`;
  } else {
    day = minusDays(today, period === '30d' ? 30 : period === '90d' ? 90 : 365);
  }
  return `${day}T00:00:00+07:00`;
}

export function isClosedFilter(f: ClockFilter): boolean {
  return f === 'met' || f === 'breached';
}
