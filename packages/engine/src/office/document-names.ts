/**
 * The names an official document prints (docs/documents.md): the office's
 * own name, the people who signed, the committee meeting a resolution came
 * from (school names: access/school-names.ts). Callers have already checked that the
 * actor may read the case or meeting that names these; nothing here checks
 * access again.
 */
import type { Kysely } from 'kysely';
import { personNameTh } from '../access/person-name';
import { isUuid } from '../case/case.repository';
import type { DB } from '../db/schema';

export async function officeNames(db: Kysely<DB>, officeId: string): Promise<{ nameTh: string; nameEn: string } | null> {
  if (!isUuid(officeId)) return null;
  const row = await db.selectFrom('offices').select(['name_th', 'name_en']).where('id', '=', officeId).executeTakeFirst();
  return row ? { nameTh: row.name_th, nameEn: row.name_en } : null;
}

/** Users' names as documents write them (the person's Thai name, or the username without a person). */
export async function userNamesTh(db: Kysely<DB>, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('people as p', 'p.id', 'u.person_id')
    .select(['u.id', 'u.username', 'p.title_th', 'p.first_name_th', 'p.last_name_th'])
    .where('u.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, personNameTh(r) ?? r.username]));
}

/** People's names as documents write them (title, first and last name in Thai). */
export async function personNamesTh(db: Kysely<DB>, personIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(personIds)].filter(isUuid);
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('people as p')
    .select(['p.id', 'p.title_th', 'p.first_name_th', 'p.last_name_th'])
    .where('p.id', 'in', ids)
    .execute();
  return new Map(
    rows.flatMap((r) => {
      const name = personNameTh(r);
      return name ? [[r.id, name] as const] : [];
    }),
  );
}

/** The meeting a committee resolution names: the committee's Thai name, the meeting's title and time. */
export async function meetingHeadline(
  db: Kysely<DB>,
  meetingId: string,
): Promise<{ committeeTh: string; title: string; scheduledAt: Date; place: string } | null> {
  if (!isUuid(meetingId)) return null;
  const row = await db
    .selectFrom('meetings as m')
    .innerJoin('committees as c', 'c.id', 'm.committee_id')
    .select(['c.name_th', 'm.title', 'm.scheduled_at', 'm.place'])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  return row ? { committeeTh: row.name_th, title: row.title, scheduledAt: row.scheduled_at, place: row.place } : null;
}
