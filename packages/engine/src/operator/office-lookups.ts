/**
 * Offices as the operator's commands find them: by code (`--office CODE`),
 * and whether the database holds a real office (not the demo's).
 */
import type { Database } from '../db/database';

/** The id of the office with this code, or undefined. */
export async function officeIdByCode(db: Database, code: string): Promise<string | undefined> {
  const office = await db.selectFrom('offices').select('id').where('code', '=', code).executeTakeFirst();
  return office?.id;
}

/** The code of one office that is not the demo's, or undefined when there is none. */
export async function aRealOfficeCode(db: Database): Promise<string | undefined> {
  const own = await db.selectFrom('offices').select('code').where('demo', '=', false).executeTakeFirst();
  return own?.code;
}
