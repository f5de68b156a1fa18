/**
 * Finding a person of one office, for the office's admins (the person picker
 * of the users page): by name, Thai or English, any part of the first name,
 * the last name or "first last", case-insensitively; or by citizen id, whole
 * or its first digits (written with dashes, spaces or Thai digits too). At
 * most `PEOPLE_SEARCH_LIMIT` people, with their school and their account, if
 * any. People of other offices are never found.
 */
import { findOfficePeople, type FoundPerson, type Engine } from '@esa-flow/engine';
import { normaliseCitizenId } from '../import/thai-citizen-id';

export const PEOPLE_SEARCH_LIMIT = 20;

export async function searchOfficePeople(engine: Engine, officeId: string, q: string): Promise<{ items: FoundPerson[]; more: boolean }> {
  const digits = normaliseCitizenId(q);
  return findOfficePeople(engine, officeId, /^\d{1,13}$/.test(digits) ? { citizenIdPrefix: digits } : { name: q }, PEOPLE_SEARCH_LIMIT);
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
export async function searchOfficeDirectory(
  engine: Engine,
  officeId: string,
  q: string,
): Promise<{ items: DirectoryPerson[]; more: boolean }> {
  if (/^\d*$/.test(normaliseCitizenId(q))) return { items: [], more: false };
  const found = await searchOfficePeople(engine, officeId, q);
  return {
    more: found.more,
    items: found.items.map((p) => ({
      id: p.id,
      nameTh: p.nameTh,
      nameEn: p.nameEn,
      position: p.position,
      school: p.school,
      userId: p.user && !p.user.disabled ? p.user.id : null,
    })),
  };
}
