import type { Actor } from '../access/actor';
import { canReadCase } from '../access/authorize';
import { findCaseById } from '../case/case.repository';
import type { EngineDeps } from '../case/engine-deps';
import { EsaError } from '../errors';
import { countChildrenByState, listRuns } from './cycle.repository';
import type { CycleProgress } from './types';

/**
 * How far a cycle is: its children by workflow, state and status, and its
 * openings. Scoped like a read of the parent: a parent the actor may not see
 * is `CASE_NOT_FOUND`. Counts come from an index (no child row is read).
 */
export async function cycleProgress(deps: EngineDeps, actor: Actor, parentCaseId: string): Promise<CycleProgress> {
  const parent = await findCaseById(deps.db, parentCaseId);
  if (!parent || !canReadCase(actor, parent)) throw new EsaError('CASE_NOT_FOUND', { caseId: parentCaseId });
  const byState = await countChildrenByState(deps.db, parent.id);
  const total = byState.reduce((n, s) => n + s.count, 0);
  const done = byState.filter((s) => s.status === 'done').reduce((n, s) => n + s.count, 0);
  return { parentCaseId: parent.id, total, done, active: total - done, byState, openings: await listRuns(deps.db, parent.id) };
}
