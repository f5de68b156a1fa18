/**
 * The children of cycles on which an actor may send one event: the engine's
 * own rule (the event's roles, narrowed by the case's assignee —
 * access/assignee.ts —, the actor's grants, never the case's subject), read
 * for many cases at once. What an appraiser's bulk page lists: the people
 * they appraise in a round, or the rounds in which someone waits on them.
 * Only cases the actor may read are looked at.
 */
import { sql } from 'kysely';
import { actingRolesFor, canReadCase } from '../access/authorize';
import { assignedTo } from '../access/assignee';
import { ROLE_READ_SCOPE } from '../access/roles';
import type { Actor } from '../access/actor';
import { isSelfDealing } from '../access/segregation';
import type { EngineDeps } from '../case/engine-deps';
import { caseRowToRecord, isUuid, type CaseRecord } from '../case/case.repository';

export interface ChildForActor extends CaseRecord {
  parentCaseId: string;
  key: string;
}

export async function childrenActorMaySend(
  deps: Pick<EngineDeps, 'db' | 'registry'>,
  actor: Actor,
  opts: {
    workflowId: string;
    event: string;
    /** the children of this cycle (any state); else the active children in the actor's offices */
    parentCaseId?: string;
    /** only children waiting at this step */
    atStep?: string;
  },
): Promise<ChildForActor[]> {
  if (actor.kind !== 'user') return [];
  const offices = [...new Set(actor.grants.filter((g) => ROLE_READ_SCOPE[g.role] === 'office').map((g) => g.officeId))];
  if (offices.length === 0 || (opts.parentCaseId !== undefined && !isUuid(opts.parentCaseId))) return [];
  let q = deps.db
    .selectFrom('cases')
    .selectAll()
    .where('workflow_id', '=', opts.workflowId)
    .where('parent_case_id', 'is not', null)
    .where(sql<boolean>`office_id = any(${offices}::uuid[])`);
  if (opts.parentCaseId !== undefined) q = q.where('parent_case_id', '=', opts.parentCaseId);
  else q = q.where('status', '=', 'active');
  if (opts.atStep !== undefined) q = q.where(sql<boolean>`${opts.atStep} = any(string_to_array(state, ','))`);
  const rows = await q.orderBy('parent_case_id').orderBy('cycle_key').execute();
  const out: ChildForActor[] = [];
  for (const row of rows) {
    const record = caseRowToRecord(row as Parameters<typeof caseRowToRecord>[0]);
    if (!canReadCase(actor, record)) continue;
    const meta = deps.registry.get(record.workflowId, record.workflowVersion).events[opts.event];
    if (!meta) continue;
    const assigned = assignedTo(meta, record, (record.snapshot as { context?: unknown }).context);
    if (actingRolesFor(actor, assigned.scope, assigned.roles).length === 0 || isSelfDealing(actor, record, assigned.roles)) continue;
    out.push({ ...record, parentCaseId: row.parent_case_id!, key: row.cycle_key ?? '' });
  }
  return out;
}
