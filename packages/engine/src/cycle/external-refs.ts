/**
 * Children of a cycle imported from another system (docs/cycles.md
 * "Children imported from another system"): the other system's reference
 * (e.g. a TRS request number) is unique per cycle and source, so an import
 * sent twice finds the child it opened instead of opening another, and a
 * reference already taken by another child can be refused.
 */
import type { Transaction } from 'kysely';
import type { EngineDeps } from '../case/engine-deps';
import type { DB } from '../db/schema';

export interface CycleExternalRef {
  childCaseId: string;
  /** the person the child is about */
  subjectPersonId: string | null;
  state: string;
  workflowVersion: number;
}

/** The child a reference of `source` was recorded on in the cycle, or undefined. */
export async function findCycleExternalRef(deps: Pick<EngineDeps, 'db'>, args: { parentCaseId: string; source: string; ref: string }): Promise<CycleExternalRef | undefined> {
  const row = await deps.db
    .selectFrom('cycle_external_refs as x')
    .innerJoin('cases as c', 'c.id', 'x.child_case_id')
    .select(['x.child_case_id', 'c.subject_person_id', 'c.state', 'c.workflow_version'])
    .where('x.parent_case_id', '=', args.parentCaseId)
    .where('x.source', '=', args.source)
    .where('x.ref', '=', args.ref)
    .executeTakeFirst();
  return row ? { childCaseId: row.child_case_id, subjectPersonId: row.subject_person_id, state: row.state, workflowVersion: row.workflow_version } : undefined;
}

/**
 * Records that `childCaseId` came from the reference, in the transaction that
 * opened it (or recorded its first event). A second recording of the same
 * reference in the cycle fails on the unique key (the caller's transaction
 * rolls back: nothing of that child is written).
 */
export async function recordCycleExternalRef(
  trx: Transaction<DB>,
  args: { parentCaseId: string; source: string; ref: string; childCaseId: string; recordedBy: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('cycle_external_refs')
    .values({ parent_case_id: args.parentCaseId, source: args.source, ref: args.ref, child_case_id: args.childCaseId, recorded_by: args.recordedBy, recorded_at: args.at })
    .execute();
}
