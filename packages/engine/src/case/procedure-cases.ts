/**
 * Cases as a procedure's host reads them (a salary round, a transfer round,
 * academic standing): one case's row, a parent's children of one workflow,
 * and an office's cases of one workflow. Rows as stored (snapshot included);
 * who may see them is the caller's check (`canReadCase`, the route's scope).
 */
import type { Database } from '../db/database';

/** The columns a procedure reads of a case. */
const CASE_COLUMNS = [
  'id',
  'workflow_id',
  'workflow_version',
  'office_id',
  'school_id',
  'subject_person_id',
  'cycle_key',
  'state',
  'status',
  'snapshot',
] as const;

/** One case's row by id (undefined when there is none); unlocked. */
export async function procedureCaseRow(db: Database, caseId: string) {
  return db.selectFrom('cases').select(CASE_COLUMNS).where('id', '=', caseId).executeTakeFirst();
}

/** The children of `parentCaseId` of one workflow, by cycle key (the personnel number) or by id; `db` may be a transaction. */
export async function childCaseRows(db: Database, parentCaseId: string, workflowId: string, orderBy: 'cycle_key' | 'id') {
  return db
    .selectFrom('cases')
    .select(CASE_COLUMNS)
    .where('parent_case_id', '=', parentCaseId)
    .where('workflow_id', '=', workflowId)
    .orderBy(orderBy)
    .execute();
}

/** An office's cases of one workflow (optionally those about one person), oldest first when asked. */
export async function officeCaseRows(
  db: Database,
  args: { workflowId: string; officeId: string; subjectPersonId?: string; oldestFirst?: boolean },
) {
  let q = db.selectFrom('cases').select(CASE_COLUMNS).where('workflow_id', '=', args.workflowId).where('office_id', '=', args.officeId);
  if (args.subjectPersonId !== undefined) q = q.where('subject_person_id', '=', args.subjectPersonId);
  if (args.oldestFirst) q = q.orderBy('created_at');
  return q.execute();
}
