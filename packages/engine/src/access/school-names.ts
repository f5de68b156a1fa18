/**
 * The names of an office's schools by id, for documents and lists that name
 * the school of each person (a salary round's lists and orders).
 */
import type { Database } from '../db/database';

export async function schoolNamesOf(db: Database, officeId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('schools').select(['id', 'name_th']).where('office_id', '=', officeId).execute();
  return new Map(rows.map((s) => [s.id, s.name_th]));
}
