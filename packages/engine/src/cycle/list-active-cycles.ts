import type { EngineDeps } from '../case/engine-deps';
import { activeCycleIds } from './cycle.repository';

/**
 * Parents still active that have opened children (at least one opening,
 * finished or not): the cycles a host's periodic pass offers to
 * `advanceCycleIfSettled`. Not scoped: for hosts acting as the system.
 */
export async function listActiveCycles(deps: Pick<EngineDeps, 'db'>, opts: { limit?: number } = {}): Promise<string[]> {
  return activeCycleIds(deps.db, Math.min(Math.max(opts.limit ?? 1000, 1), 10_000));
}

/**
 * Active cycles of a workflow waiting at one of `states` (e.g. the transfer
 * rounds at a phase that closes early once settled), in id order, with their
 * state: what a host's periodic pass offers to `advanceCycleIfSettled`. Reads
 * no case data. Not scoped: for hosts acting as the system.
 */
export async function listCyclesWaitingAt(
  deps: Pick<EngineDeps, 'db'>,
  opts: { workflowId: string; states: readonly string[]; officeId?: string },
): Promise<{ caseId: string; state: string }[]> {
  if (opts.states.length === 0) return [];
  const rows = await deps.db
    .selectFrom('cases')
    .select(['id', 'state'])
    .where('workflow_id', '=', opts.workflowId)
    .where('status', '=', 'active')
    .where('state', 'in', [...opts.states])
    .$if(opts.officeId !== undefined, (q) => q.where('office_id', '=', opts.officeId!))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ caseId: r.id, state: r.state }));
}
