/**
 * Every SLA clock of a case, running or closed, oldest first (the case
 * page's clocks; `getCase`'s deadlines are only the running and paused ones).
 * The caller has already checked the case is visible to the actor.
 */
import type { Database } from '../db/database';

export interface CaseClock {
  step: string;
  status: string;
  startedAt: Date;
  dueAt: Date | null;
  closedAt: Date | null;
  /** the deadline as the rule words it, when it has words */
  phrase: string | null;
}

export async function caseClocks(db: Database, caseId: string): Promise<CaseClock[]> {
  const clocks = await db
    .selectFrom('sla_clocks')
    .select(['step', 'status', 'started_at', 'due_at', 'closed_at', 'spec'])
    .where('case_id', '=', caseId)
    .orderBy('started_at')
    .execute();
  return clocks.map((c) => ({
    step: c.step,
    status: c.status,
    startedAt: c.started_at,
    dueAt: c.due_at,
    closedAt: c.closed_at,
    phrase: typeof c.spec.phrase === 'string' ? c.spec.phrase : null,
  }));
}
