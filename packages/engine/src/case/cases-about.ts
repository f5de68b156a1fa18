/**
 * The running cases of one workflow about one person in an office, with their
 * machine context (an import asking whether the person's request is already
 * filed here). Only the office's cases are read.
 */
import type { Database } from '../db/database';
import { isUuid } from './case.repository';

export async function activeCasesAbout(
  db: Database,
  args: { officeId: string; workflowId: string; personId: string },
): Promise<{ caseId: string; state: string; context: unknown }[]> {
  if (!isUuid(args.officeId) || !isUuid(args.personId)) return [];
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'state', 'snapshot'])
    .where('office_id', '=', args.officeId)
    .where('workflow_id', '=', args.workflowId)
    .where('subject_person_id', '=', args.personId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => ({ caseId: r.id, state: r.state, context: (r.snapshot as { context?: unknown }).context ?? null }));
}
