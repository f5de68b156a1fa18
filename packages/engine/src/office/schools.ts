/** An office's schools, by code (the schools list of the office's pages and pickers). */
import type { Database } from '../db/database';

export interface OfficeSchool {
  id: string;
  code: string;
  nameTh: string;
  nameEn: string;
}

export async function officeSchools(db: Database, officeId: string): Promise<OfficeSchool[]> {
  const rows = await db
    .selectFrom('schools')
    .select(['id', 'code', 'name_th', 'name_en'])
    .where('office_id', '=', officeId)
    .orderBy('code')
    .execute();
  return rows.map((s) => ({ id: s.id, code: s.code, nameTh: s.name_th, nameEn: s.name_en }));
}
