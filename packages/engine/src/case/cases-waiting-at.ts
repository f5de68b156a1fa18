/**
 * The active cases of a workflow waiting at one step, in some offices,
 * newest first (e.g. the transfer rounds taking requests now, for a teacher's
 * filing page). The caller has chosen offices the actor holds a role in.
 */
import type { Database } from '../db/database';

export interface CaseWaiting {
  id: string;
  officeId: string;
  title: string;
  snapshot: unknown;
}

export async function casesWaitingAt(
  db: Database,
  args: { workflowId: string; state: string; officeIds: readonly string[]; limit: number },
): Promise<CaseWaiting[]> {
  if (args.officeIds.length === 0) return [];
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'office_id', 'title', 'snapshot'])
    .where('workflow_id', '=', args.workflowId)
    .where('status', '=', 'active')
    .where('state', '=', args.state)
    .where('office_id', 'in', [...args.officeIds])
    .orderBy('created_at', 'desc')
    .limit(args.limit)
    .execute();
  return rows.map((r) => ({ id: r.id, officeId: r.office_id, title: r.title, snapshot: r.snapshot }));
}
