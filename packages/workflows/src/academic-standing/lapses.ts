/**
 * Windows that end a case on their own: the teacher's revision window ("an
 * unrevised case fails at that moment") and the grievance window after a
 * decision. The machine accepts the closing event only from the system and
 * only once the window has passed; this module is what sends it — a host
 * function the worker calls on every pass (and right after an `overdue`
 * timer of one of these steps fires), as SYSTEM_ACTOR, once per window
 * (idempotency key), through the ordinary dispatch: history, SLA clocks and
 * outbox as for any command.
 */
import { isEsaError, SYSTEM_ACTOR, type Engine } from '@esa-flow/engine';
import { openRevision } from './case-rules';
import type { AcademicContext } from './events';

/**
 * From version 2 of academic-standing on, these windows are timed system
 * events of their steps (timer rows fired by the worker, docs/sla.md); this
 * pass is kept only for the cases of version 1.
 */
export const TIMED_ACADEMIC_VERSION = 2;

export interface LapseRule {
  readonly workflowId: string;
  readonly step: string;
  readonly event: string;
  /** when the window closes, read from the case's context (set from the case's policy) */
  readonly closesAt: (context: AcademicContext) => string | null | undefined;
}

export const LAPSE_RULES: readonly LapseRule[] = [
  { workflowId: 'academic-standing', step: 'revision', event: 'REVISION_LAPSED', closesAt: (c) => openRevision(c)?.dueAt },
  { workflowId: 'academic-standing', step: 'notPassed', event: 'GRIEVANCE_WINDOW_CLOSED', closesAt: (c) => c.grievanceDueAt },
  { workflowId: 'academic-standing', step: 'notEligible', event: 'GRIEVANCE_WINDOW_CLOSED', closesAt: (c) => c.grievanceDueAt },
];

export interface LapseOutcome {
  readonly caseId: string;
  readonly event: string;
  /** `applied`: the case moved; `moved_on`: someone acted first (the case left the step) */
  readonly result: 'applied' | 'moved_on';
}

/**
 * Sends the closing event to every case whose window has passed by the
 * engine's clock. Safe to run concurrently and repeatedly: a second sender
 * replays the first result (same idempotency key) or finds the case moved.
 * Every case at the step is looked at, a page at a time (keyset on id): a page
 * cut before the due ones are picked would leave the rest waiting forever.
 */
export async function dispatchDueLapses(engine: Pick<Engine, 'deps' | 'dispatch'>, opts: { pageSize?: number } = {}): Promise<LapseOutcome[]> {
  const now = engine.deps.clock.now().toISOString();
  const pageSize = opts.pageSize ?? 1000;
  const out: LapseOutcome[] = [];
  for (const rule of LAPSE_RULES) {
    let afterId: string | undefined;
    for (;;) {
      const rows = await engine.deps.db
        .selectFrom('cases')
        .select(['id', 'snapshot'])
        .where('workflow_id', '=', rule.workflowId)
        .where('workflow_version', '<', TIMED_ACADEMIC_VERSION)
        .where('status', '=', 'active')
        .where('state', '=', rule.step)
        .$if(afterId !== undefined, (q) => q.where('id', '>', afterId!))
        .orderBy('id')
        .limit(pageSize)
        .execute();
      for (const row of rows) {
        const context = (row.snapshot as { context: AcademicContext }).context;
        const closesAt = rule.closesAt(context);
        if (!closesAt || now <= closesAt) continue;
        try {
          await engine.dispatch({
            actor: SYSTEM_ACTOR,
            caseId: row.id,
            type: rule.event,
            payload: {},
            reason: `window closed at ${closesAt}`,
            idempotencyKey: `lapse:${rule.step}:${row.id}:${closesAt}`,
          });
          out.push({ caseId: row.id, event: rule.event, result: 'applied' });
        } catch (error) {
          if (isEsaError(error) && error.code === 'EVENT_NOT_ALLOWED') out.push({ caseId: row.id, event: rule.event, result: 'moved_on' });
          else throw error;
        }
      }
      if (rows.length < pageSize) break;
      afterId = rows[rows.length - 1]!.id;
    }
  }
  return out;
}
