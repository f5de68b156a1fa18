/**
 * Finding a person of one office, for the office's admins (the person picker
 * of the users page): by name, Thai or English, any part of the first name,
 * the last name or "first last", case-insensitively; or by citizen id, whole
 * or its first digits (written with dashes, spaces or Thai digits too). At
 * most `PEOPLE_SEARCH_LIMIT` people, with their school and their account, if
 * any. People of other offices are never found.
 */
import { sql } from 'kysely';
import { personNameEn, personNameTh, type Database } from '@esa-flow/engine';
import { normaliseCitizenId } from '../import/thai-citizen-id';

export const PEOPLE_SEARCH_LIMIT = 20;

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

export async function searchOfficePeople(db: Database, officeId: string, q: string): Promise<{ items: FoundPerson[]; more: boolean }> {
  const digits = normaliseCitizenId(q);
  let query = db
    .selectFrom('people as p')
    .leftJoin('schools as s', (j) => j.onRef('s.id', '=', 'p.school_id').on('s.office_id', '=', officeId))
    .leftJoin('users as u', 'u.person_id', 'p.id')
    .select([
      'p.id', 'p.title_th', 'p.first_name_th', 'p.last_name_th', 'p.first_name_en', 'p.last_name_en', 'p.citizen_id', 'p.position',
      's.id as school_id', 's.name_th as school_name_th', 's.name_en as school_name_en',
      'u.id as user_id', 'u.username', 'u.disabled_at',
    ])
    .where('p.office_id', '=', officeId)
    .orderBy('p.first_name_th')
    .orderBy('p.last_name_th')
    .orderBy('p.id')
    .limit(PEOPLE_SEARCH_LIMIT + 1);
  if (/^\d{1,13}$/.test(digits)) {
    query = query.where('p.citizen_id', 'like', `${digits}%`);
  } else {
    const like = `%${escapeLike(q.replace(/\s+/g, ' '))}%`;
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
    more: rows.length > PEOPLE_SEARCH_LIMIT,
    items: rows.slice(0, PEOPLE_SEARCH_LIMIT).map((r) => ({
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

/** One person of an office as the form pickers show them to its staff: the name, the school, the account's id — no citizen id. */
export interface DirectoryPerson {
  id: string;
  nameTh: string;
  nameEn: string | null;
  position: string | null;
  school: { id: string; nameTh: string; nameEn: string | null } | null;
  /** the person's account, when they have one (a picker for a user chooses among these) */
  userId: string | null;
}

/**
 * Finding a person of one office for anyone holding a role in it (the person
 * pickers of the case forms): by name only — a citizen id is neither searched
 * nor shown, so the directory cannot be used to look one up.
 */
export async function searchOfficeDirectory(db: Database, officeId: string, q: string): Promise<{ items: DirectoryPerson[]; more: boolean }> {
  if (/^\d*$/.test(normaliseCitizenId(q))) return { items: [], more: false };
  const found = await searchOfficePeople(db, officeId, q);
  return {
    more: found.more,
    items: found.items.map((p) => ({ id: p.id, nameTh: p.nameTh, nameEn: p.nameEn, position: p.position, school: p.school, userId: p.user && !p.user.disabled ? p.user.id : null })),
  };
}
