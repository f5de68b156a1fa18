import type { Database } from '../db/database';

/** A page of case ids after `after`, by id (of one office, when given): how an audit walks every case in constant memory. */
export async function caseIdPage(
  db: Database,
  args: { after: string; pageSize: number; officeId?: string | undefined },
): Promise<string[]> {
  let query = db.selectFrom('cases').select('id').where('id', '>', args.after).orderBy('id').limit(args.pageSize);
  if (args.officeId) query = query.where('office_id', '=', args.officeId);
  const page = await query.execute();
  return page.map((p) => p.id);
}
