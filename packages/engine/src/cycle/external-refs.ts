/**
 * Cases imported from another system (docs/cycles.md "Children imported from
 * another system"): the other system's reference is kept with the case it
 * became, unique per cycle and source for a cycle's child (e.g. a TRS request
 * number in a transfer round), or per office and source for a case without a
 * cycle (e.g. a DPA request number of an academic-standing case). An import
 * sent twice finds the case it opened instead of opening another, and a
 * reference already taken by another person's case can be refused.
 */
import { sql, type Transaction } from 'kysely';
import type { EngineDeps } from '../case/engine-deps';
import type { DB } from '../db/schema';

export interface CycleExternalRef {
  childCaseId: string;
  /** the person the child is about */
  subjectPersonId: string | null;
  state: string;
  workflowVersion: number;
}

/** Where a reference is unique: within a cycle, or (a case without a cycle) within an office. */
export type ExternalRefScope = { parentCaseId: string } | { officeId: string };

/** The case a reference of `source` was recorded on in the scope, or undefined. */
export async function findExternalRef(
  deps: Pick<EngineDeps, 'db'>,
  args: ExternalRefScope & { source: string; ref: string },
): Promise<CycleExternalRef | undefined> {
  let q = deps.db
    .selectFrom('cycle_external_refs as x')
    .innerJoin('cases as c', 'c.id', 'x.child_case_id')
    .select(['x.child_case_id', 'c.subject_person_id', 'c.state', 'c.workflow_version'])
    .where('x.source', '=', args.source)
    .where('x.ref', '=', args.ref);
  q =
    'parentCaseId' in args
      ? q.where('x.parent_case_id', '=', args.parentCaseId)
      : q.where('x.office_id', '=', args.officeId).where('x.parent_case_id', 'is', null);
  const row = await q.executeTakeFirst();
  return row
    ? { childCaseId: row.child_case_id, subjectPersonId: row.subject_person_id, state: row.state, workflowVersion: row.workflow_version }
    : undefined;
}

/** The child a reference of `source` was recorded on in the cycle, or undefined. */
export async function findCycleExternalRef(
  deps: Pick<EngineDeps, 'db'>,
  args: { parentCaseId: string; source: string; ref: string },
): Promise<CycleExternalRef | undefined> {
  return findExternalRef(deps, args);
}

/**
 * Records that `childCaseId` came from the reference, in the transaction that
 * opened it (or recorded its first event); the office is the case's. A second
 * recording of the same reference in the scope fails on the unique key (the
 * caller's transaction rolls back: nothing of that case is written).
 */
export async function recordExternalRef(
  trx: Transaction<DB>,
  args: ExternalRefScope & { source: string; ref: string; childCaseId: string; recordedBy: string; at: Date },
): Promise<void> {
  const parent = 'parentCaseId' in args ? args.parentCaseId : null;
  await trx
    .insertInto('cycle_external_refs')
    .columns(['office_id', 'parent_case_id', 'source', 'ref', 'child_case_id', 'recorded_by', 'recorded_at'])
    .expression((eb) =>
      eb
        .selectFrom('cases as c')
        .select([
          'c.office_id',
          sql<string | null>`${parent}::uuid`.as('parent_case_id'),
          sql<string>`${args.source}`.as('source'),
          sql<string>`${args.ref}`.as('ref'),
          'c.id',
          sql<string>`${args.recordedBy}::uuid`.as('recorded_by'),
          sql<Date>`${args.at}::timestamptz`.as('recorded_at'),
        ])
        .where('c.id', '=', args.childCaseId),
    )
    .execute();
}

/** Records a cycle child's reference (`recordExternalRef` scoped to the cycle). */
export async function recordCycleExternalRef(
  trx: Transaction<DB>,
  args: { parentCaseId: string; source: string; ref: string; childCaseId: string; recordedBy: string; at: Date },
): Promise<void> {
  await recordExternalRef(trx, args);
}
