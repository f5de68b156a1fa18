/**
 * Finding people of one office (the person pickers): by name, Thai or
 * English, any part of the first name, the last name or "first last",
 * case-insensitively; or by the first digits of a citizen id (the caller
 * normalises what was typed). At most `limit` people, with their school and
 * their account, if any; `more` tells there are others. People of other
 * offices are never found.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { personNameEn, personNameTh } from '../access/person-name';

export interface FoundPerson {
  id: string;
  nameTh: string;
  nameEn: string | null;
  citizenId: string | null;
  position: string | null;
  school: { id: string; nameTh: string; nameEn: string | null } | null;
  user: { id: string; username: string; disabled: boolean } | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findOfficePeople(
  db: Database,
  officeId: string,
  match: { citizenIdPrefix: string } | { name: string },
  limit: number,
): Promise<{ items: FoundPerson[]; more: boolean }> {
  let query = db
    .selectFrom('people as p')
    .leftJoin('schools as s', (j) => j.onRef('s.id', '=', 'p.school_id').on('s.office_id', '=', officeId))
    .leftJoin('users as u', 'u.person_id', 'p.id')
    .select([
      'p.id',
      'p.title_th',
      'p.first_name_th',
      'p.last_name_th',
      'p.first_name_en',
      'p.last_name_en',
      'p.citizen_id',
      'p.position',
      's.id as school_id',
      's.name_th as school_name_th',
      's.name_en as school_name_en',
      'u.id as user_id',
      'u.username',
      'u.disabled_at',
    ])
    .where('p.office_id', '=', officeId)
    .orderBy('p.first_name_th')
    .orderBy('p.last_name_th')
    .orderBy('p.id')
    .limit(limit + 1);
  if ('citizenIdPrefix' in match) {
    query = query.where('p.citizen_id', 'like', `${match.citizenIdPrefix}%`);
  } else {
    const like = `%${escapeLike(match.name.replace(/\s+/g, ' '))}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql<string>`concat_ws(' ', p.first_name_th, p.last_name_th)`, 'ilike', like),
        eb(sql<string>`concat_ws(' ', p.title_th || p.first_name_th, p.last_name_th)`, 'ilike', like),
        eb(sql<string>`concat_ws(' ', p.first_name_en, p.last_name_en)`, 'ilike', like),
      ]),
    );
  }
  const rows = await query.execute();
  return {
    more: rows.length > limit,
    items: rows.slice(0, limit).map((r) => ({
      id: r.id,
      nameTh: personNameTh(r)!,
      nameEn: personNameEn(r),
      citizenId: r.citizen_id,
      position: r.position,
      school: r.school_id ? { id: r.school_id, nameTh: r.school_name_th!, nameEn: r.school_name_en } : null,
      user: r.user_id ? { id: r.user_id, username: r.username!, disabled: r.disabled_at !== null } : null,
    })),
  };
}
