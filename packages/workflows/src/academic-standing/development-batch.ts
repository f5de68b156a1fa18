/**
 * The monthly batch of pre-appointment development requests, as the area
 * works with it: what a month's batch holds, forwarding the whole batch to
 * the university in one letter (one transaction: every request of the batch
 * moves, or none), and the passed development an academic-standing request
 * can cite.
 */
import { officeCaseRows, type Actor, type Engine } from '@esa-flow/engine';
import type { DevelopmentContext } from './development-workflow';
import { dateOf } from './timing';

const WORKFLOW = 'pre-appointment-development';

interface DevRow {
  id: string;
  state: string;
  status: string;
  context: DevelopmentContext;
}

async function developmentCases(engine: Engine, officeId: string, subjectPersonId?: string): Promise<DevRow[]> {
  const rows = await officeCaseRows(engine, { workflowId: WORKFLOW, officeId, subjectPersonId, oldestFirst: true });
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    status: r.status,
    context: (r.snapshot as unknown as { context: DevelopmentContext }).context,
  }));
}

export interface BatchStatus {
  readonly batchMonth: string;
  /** requests of the batch by step */
  readonly byState: Readonly<Record<string, number>>;
  /** requests the school sent after the month's cutoff (the 5th) */
  readonly late: number;
  readonly total: number;
}

/** What a month's batch holds: the requests checked for that month's forwarding, by step. */
export async function developmentBatchStatus(engine: Engine, officeId: string, batchMonth: string): Promise<BatchStatus> {
  const rows = (await developmentCases(engine, officeId)).filter((r) => r.context.batchMonth === batchMonth);
  const byState: Record<string, number> = {};
  for (const r of rows) byState[r.state] = (byState[r.state] ?? 0) + 1;
  return { batchMonth, byState, late: rows.filter((r) => r.context.submittedLate).length, total: rows.length };
}

/**
 * Forwards every request of the batch that waits to be forwarded (to the
 * given university, when the batch goes to several) in one letter, in one
 * transaction. Returns the cases moved.
 */
export async function forwardDevelopmentBatch(
  engine: Engine,
  actor: Actor,
  batch: { officeId: string; batchMonth: string; university: string; letterNo: string },
): Promise<string[]> {
  const waiting = (await developmentCases(engine, batch.officeId)).filter(
    (r) => r.state === 'forwarding' && r.context.batchMonth === batch.batchMonth && r.context.request.university === batch.university,
  );
  return engine.transaction(async (tx) => {
    for (const r of waiting) {
      await tx.dispatch({
        actor,
        caseId: r.id,
        type: 'FORWARD_TO_UNIVERSITY',
        payload: { university: batch.university, letterNo: batch.letterNo },
        reason: `batch ${batch.batchMonth}`,
      });
    }
    return waiting.map((r) => r.id);
  });
}

/**
 * The latest passed pre-appointment development of a person, as the
 * academic-standing application cites it (`Application.development`), or null.
 */
export async function latestDevelopmentPass(
  engine: Engine,
  officeId: string,
  subjectPersonId: string,
): Promise<{ passedOn: string; caseId: string } | null> {
  const passed = (await developmentCases(engine, officeId, subjectPersonId)).flatMap((r) =>
    r.state === 'developed' && r.context.result ? [{ caseId: r.id, reportedAt: r.context.result.reportedAt }] : [],
  );
  const last = passed.sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : 1)).at(-1);
  // passed on the day the university's result reached the area
  return last ? { passedOn: dateOf(last.reportedAt), caseId: last.caseId } : null;
}
