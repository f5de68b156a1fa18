/**
 * The signed-in user's own account as the "me" page shows it: username,
 * language, whether they must change their password, and their person's name.
 */
import type { Database } from '../db/database';
import { personNameEn, personNameTh } from '../access/person-name';

export interface OwnAccount {
  id: string;
  username: string;
  lang: 'th' | 'en';
  mustChangePassword: boolean;
  person: { id: string; nameTh: string; nameEn: string | null } | null;
}

export async function ownAccount(db: Database, userId: string): Promise<OwnAccount> {
  const user = await db
    .selectFrom('users as u')
    .leftJoin('people as p', 'p.id', 'u.person_id')
    .select([
      'u.id',
      'u.username',
      'u.preferred_lang',
      'u.must_change_password',
      'p.id as person_id',
      'p.title_th',
      'p.first_name_th',
      'p.last_name_th',
      'p.first_name_en',
      'p.last_name_en',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    id: user.id,
    username: user.username,
    lang: user.preferred_lang === 'en' ? 'en' : 'th',
    mustChangePassword: user.must_change_password,
    person: user.person_id ? { id: user.person_id, nameTh: personNameTh(user) ?? '', nameEn: personNameEn(user) } : null,
  };
}
