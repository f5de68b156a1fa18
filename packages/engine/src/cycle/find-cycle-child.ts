/**
 * One child of a cycle by its key (e.g. a teacher's transfer request in a
 * round, keyed by the person): what a page asks to say "you have already
 * filed" instead of offering the form again.
 */
import type { EngineDeps } from '../case/engine-deps';

export interface CycleChild {
  caseId: string;
  state: string;
  status: 'active' | 'done';
}

export async function findCycleChild(deps: Pick<EngineDeps, 'db'>, parentCaseId: string, key: string): Promise<CycleChild | undefined> {
  const row = await deps.db
    .selectFrom('cases')
    .select(['id', 'state', 'status'])
    .where('parent_case_id', '=', parentCaseId)
    .where('cycle_key', '=', key)
    .executeTakeFirst();
  return row ? { caseId: row.id, state: row.state, status: row.status as CycleChild['status'] } : undefined;
}
