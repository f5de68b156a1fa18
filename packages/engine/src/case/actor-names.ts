/**
 * Names for a history's actors (the case page's timeline): users by their
 * person's Thai name (their username when they have no person), committees
 * by theirs. Keys are `user:<id>` and `committee:<id>`; an id not found has
 * no entry.
 */
import type { Database } from '../db/database';
import { personNameTh } from '../access/person-name';

export async function actorNamesOf(
  db: Database,
  ids: { userIds: readonly string[]; committeeIds: readonly string[] },
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.userIds.length > 0) {
    const rows = await db
      .selectFrom('users as u')
      .leftJoin('people as p', 'p.id', 'u.person_id')
      .select(['u.id', 'u.username', 'p.title_th', 'p.first_name_th', 'p.last_name_th'])
      .where('u.id', 'in', [...ids.userIds])
      .execute();
    for (const r of rows) out.set(`user:${r.id}`, personNameTh(r) ?? r.username);
  }
  if (ids.committeeIds.length > 0) {
    const rows = await db
      .selectFrom('committees')
      .select(['id', 'name_th'])
      .where('id', 'in', [...ids.committeeIds])
      .execute();
    for (const r of rows) out.set(`committee:${r.id}`, r.name_th);
  }
  return out;
}
