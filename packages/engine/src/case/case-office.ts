/**
 * The office and workflow of a case, for the checks a route makes before
 * anything else (is it a round of an office the caller holds a role in?). An
 * id that is not a UUID, or no such case: undefined.
 */
import type { Database } from '../db/database';
import { isUuid } from './case.repository';

export async function caseOfficeOf(db: Database, caseId: string): Promise<{ officeId: string; workflowId: string } | undefined> {
  if (!isUuid(caseId)) return undefined;
  const row = await db.selectFrom('cases').select(['office_id', 'workflow_id']).where('id', '=', caseId).executeTakeFirst();
  return row ? { officeId: row.office_id, workflowId: row.workflow_id } : undefined;
}
