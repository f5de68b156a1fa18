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
