import { sql } from 'kysely';
import type { Database } from '../db/database';

export interface OfficeSummary {
  code: string;
  nameTh: string;
  nameEn: string;
  level: string;
  demo: boolean;
  users: number;
  openCases: number;
}

/** `pnpm esa office list`: every office with its users and open cases. */
export async function listOffices(db: Database): Promise<OfficeSummary[]> {
  const rows = await db
    .selectFrom('offices as o')
    .select([
      'o.code',
      'o.name_th',
      'o.name_en',
      'o.level',
      'o.demo',
      sql<number>`(select count(distinct ra.user_id)::int from role_assignments ra where ra.office_id = o.id)`.as('users'),
      sql<number>`(select count(*)::int from cases c where c.office_id = o.id and c.status = 'active')`.as('open_cases'),
    ])
    .orderBy('o.code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    nameTh: r.name_th,
    nameEn: r.name_en,
    level: r.level,
    demo: r.demo,
    users: r.users,
    openCases: r.open_cases,
  }));
}
