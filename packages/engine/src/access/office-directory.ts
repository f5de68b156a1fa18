/**
 * Finding an office's schools by code and its people by citizen id, for
 * imports that name them the way a spreadsheet does (a salary round's
 * roster). Only the office's own rows are found: another office's code or
 * id is "not found", never told apart.
 */
import type { Database } from '../db/database';

export async function schoolIdsByCode(db: Database, officeId: string, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('schools').select(['id', 'code']).where('office_id', '=', officeId).where('code', 'in', [...new Set(codes)]).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function personIdsByCitizenId(db: Database, officeId: string, citizenIds: readonly string[]): Promise<Map<string, string>> {
  if (citizenIds.length === 0) return new Map();
  const rows = await db.selectFrom('people').select(['id', 'citizen_id']).where('office_id', '=', officeId).where('citizen_id', 'in', [...new Set(citizenIds)]).execute();
  return new Map(rows.flatMap((r) => (r.citizen_id ? [[r.citizen_id, r.id] as const] : [])));
}
