/**
 * For the cases on the versions published before the engine had dated steps
 * (transfer-request 1 and 2, transfer-round 1) — from transfer-request 3 and
 * transfer-round 2 on, these events are timed system events of the steps
 * (timer rows fired by the worker, docs/sla.md), and only a round's
 * "settled" check stays here: a phase whose requests have all moved on
 * closes early.
 *
 * The moments a transfer round's deadlines pass, and the system events they
 * cause. The round's dates are data (its parameters), so the engine's SLA
 * timers, which read a step's static deadline, cannot fire them; instead the
 * host calls `sendDueTransferEvents` on its periodic pass (the worker, like
 * its pass over `listActiveCycles`), which sends each due event as the
 * system actor. The machines refuse every one of these events before its
 * moment, so an early or repeated pass changes nothing.
 *
 * | case    | waiting at       | event                  | moment |
 * |---------|------------------|------------------------|--------|
 * | request | draft            | WINDOW_CLOSED          | phases.requestsUntil |
 * | request | correction       | LAPSE                  | the fix-by moment of the return (date and time) |
 * | request | reportingForDuty | REPORT_DEADLINE_PASSED | the order's reportBy |
 * | request | notMoved         | CLOSE_GRIEVANCE_WINDOW | grievanceWindowDays calendar days after the decision, by the office calendar |
 * | round   | requestsOpen     | CLOSE_REQUESTS         | phases.requestsUntil |
 * | round   | schoolReview     | CLOSE_SCHOOL_REVIEW    | the later of schoolReviewUntil and correctionUntil |
 * | round   | scoring, screening, approval, orders | CLOSE_… | when every request has moved past the phase, or at the phase's end (`advanceCycleIfSettled`) |
 */
import {
  advanceCycleIfSettled,
  computeDeadline,
  isEsaError,
  SYSTEM_ACTOR,
  type BusinessCalendar,
  type Engine,
} from '@esa-flow/engine';
import { phaseInstant } from './round-params';
import type { RequestContext } from './request-rules';
import type { RoundContext } from './round-workflow';

/** From these versions on, the dated events are timed system events of the steps (timer rows), not sent from here. */
export const TIMED_REQUEST_VERSION = 3;
export const TIMED_ROUND_VERSION = 2;

export interface DueEvent {
  readonly type: string;
  readonly dueAt: Date;
}

/** The system event a request waiting at `state` is due to receive, and when; null when none. */
export function requestDueEvent(state: string, ctx: RequestContext, calendar: BusinessCalendar): DueEvent | null {
  switch (state) {
    case 'draft':
      return { type: 'WINDOW_CLOSED', dueAt: phaseInstant(ctx.params.phases.requestsUntil) };
    case 'correction':
      return ctx.correction ? { type: 'LAPSE', dueAt: new Date(ctx.correction.dueAt) } : null;
    case 'reportingForDuty':
      return ctx.order ? { type: 'REPORT_DEADLINE_PASSED', dueAt: new Date(ctx.order.reportByAt) } : null;
    case 'notMoved': {
      if (!ctx.notMoved) return null;
      const days = ctx.params.grievanceWindowDays;
      const r = computeDeadline({ kind: 'calendar_days', days, phrase: `ภายใน ${days} วัน` }, new Date(ctx.notMoved.since), calendar);
      return r.dueAt ? { type: 'CLOSE_GRIEVANCE_WINDOW', dueAt: r.dueAt } : null;
    }
    default:
      return null;
  }
}

/** The event a round waiting at `state` is due to receive at a fixed moment; null for phases that close when settled. */
export function roundDueEvent(state: string, ctx: RoundContext): DueEvent | null {
  const p = ctx.params.phases;
  if (state === 'requestsOpen') return { type: 'CLOSE_REQUESTS', dueAt: phaseInstant(p.requestsUntil) };
  if (state === 'schoolReview') {
    return { type: 'CLOSE_SCHOOL_REVIEW', dueAt: new Date(Math.max(phaseInstant(p.schoolReviewUntil).getTime(), phaseInstant(p.correctionUntil).getTime())) };
  }
  return null;
}

/** Request steps that count as "past" each round phase that closes when settled. */
const AFTER_SCORING = ['awaitingMatch', 'screening', 'areaApproval', 'receivingAreaApproval', 'orderSigning', 'reportingForDuty', 'notMoved', 'grievanceWindow', 'grievance']; // grievanceWindow: request 4
const SETTLED: Record<string, { event: string; steps: string[]; until: (ctx: RoundContext) => Date } | undefined> = {
  scoring: { event: 'CLOSE_SCORING', steps: AFTER_SCORING, until: (c) => phaseInstant(c.params.phases.scoringUntil) },
  screening: { event: 'CLOSE_SCREENING', steps: AFTER_SCORING.slice(2), until: (c) => phaseInstant(c.params.phases.screeningUntil) },
  approval: { event: 'CLOSE_APPROVAL', steps: AFTER_SCORING.slice(3), until: (c) => phaseInstant(c.params.phases.approvalUntil) },
};

export interface SentEvent {
  readonly caseId: string;
  readonly type: string;
}

/**
 * One pass: sends every due system event of the transfer rounds and
 * requests of an office (or of all offices), as the system actor. Safe to
 * run at any time and from several processes: a case that moved meanwhile
 * refuses the event (EVENT_NOT_ALLOWED), which is skipped.
 */
export async function sendDueTransferEvents(engine: Engine, opts: { officeId?: string } = {}): Promise<SentEvent[]> {
  const { db, clock, calendars } = engine.deps;
  const now = clock.now();
  let q = db
    .selectFrom('cases')
    .select(['id', 'workflow_id', 'workflow_version', 'office_id', 'state', 'snapshot'])
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.and([eb('workflow_id', '=', 'transfer-request'), eb('workflow_version', '<', TIMED_REQUEST_VERSION)]),
        eb('workflow_id', '=', 'transfer-round'),
      ]),
    )
    .where('state', 'in', ['draft', 'correction', 'reportingForDuty', 'notMoved', 'requestsOpen', 'schoolReview', 'scoring', 'screening', 'approval', 'orders']);
  if (opts.officeId) q = q.where('office_id', '=', opts.officeId);
  const rows = await q.orderBy('id').execute();
  const sent: SentEvent[] = [];
  for (const row of rows) {
    const ctx = (row.snapshot as { context: unknown }).context;
    const timed = row.workflow_id === 'transfer-round' && row.workflow_version >= TIMED_ROUND_VERSION; // its dates are timer rows
    if (row.workflow_id === 'transfer-round' && (SETTLED[row.state] || row.state === 'orders')) {
      const phase = SETTLED[row.state];
      const r = phase
        ? await advanceCycleIfSettled(engine.deps, row.id, { event: phase.event, when: { steps: phase.steps }, ...(timed ? {} : { orAfter: phase.until(ctx as RoundContext) }) })
        : await advanceCycleIfSettled(engine.deps, row.id, { event: 'CLOSE_ROUND', when: 'all_done', ...(timed ? {} : { orAfter: phaseInstant((ctx as RoundContext).params.phases.ordersUntil) }) });
      if (r.advanced) sent.push({ caseId: row.id, type: phase?.event ?? 'CLOSE_ROUND' });
      continue;
    }
    if (timed) continue;
    const due =
      row.workflow_id === 'transfer-round'
        ? roundDueEvent(row.state, ctx as RoundContext)
        : requestDueEvent(row.state, ctx as RequestContext, await calendars.forOffice(db, row.office_id));
    if (!due || now.getTime() < due.dueAt.getTime()) continue;
    try {
      await engine.dispatch({ actor: SYSTEM_ACTOR, caseId: row.id, type: due.type, payload: {}, reason: `due at ${due.dueAt.toISOString()}` });
      sent.push({ caseId: row.id, type: due.type });
    } catch (error) {
      if (!isEsaError(error, 'EVENT_NOT_ALLOWED')) throw error;
    }
  }
  return sent;
}
