import type { Actor, Role } from '../../src/index';
import type { Database } from '../../src/internal';
import { loadUserActor } from '../../src/internal';

export interface OfficeFixture {
  officeId: string;
  schoolIds: [string, string];
  users: Record<
    'teacher' | 'teacher2' | 'director' | 'hr' | 'area' | 'auditor' | 'director2' | 'group' | 'admin',
    { userId: string; personId: string }
  >;
}

let counter = 0;

/** One office with two schools and a person with a user for each role the tests need. */
export async function seedOffice(db: Database, label = 'A'): Promise<OfficeFixture> {
  counter += 1;
  const tag = `${label}${counter}${Math.random().toString(36).slice(2, 8)}`;
  const office = await db
    .insertInto('offices')
    .values({ code: `office-${tag}`, name_th: `สพป.ทดสอบ ${label}`, name_en: `Test office ${label}`, level: 'primary' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const schools = await db
    .insertInto('schools')
    .values([1, 2].map((n) => ({ office_id: office.id, code: `school-${tag}-${n}`, name_th: `โรงเรียน ${n}`, name_en: `School ${n}` })))
    .returning('id')
    .execute();
  const s1 = schools[0]!.id;
  const s2 = schools[1]!.id;
  const make = async (key: string, role: Role, schoolId: string | null, personSchool: string | null) => {
    const person = await db
      .insertInto('people')
      .values({ first_name_th: key, last_name_th: tag, office_id: office.id, school_id: personSchool, email: `${key}-${tag}@example.test` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await db
      .insertInto('users')
      .values({ username: `${key}-${tag}`, person_id: person.id, email: `${key}-${tag}@example.test` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('role_assignments')
      .values({ user_id: user.id, role, office_id: office.id, school_id: schoolId, valid_from: '2020-01-01T00:00:00Z' })
      .execute();
    return { userId: user.id, personId: person.id };
  };
  return {
    officeId: office.id,
    schoolIds: [s1, s2],
    users: {
      teacher: await make('teacher', 'teacher', s1, s1),
      teacher2: await make('teacher2', 'teacher', s1, s1),
      director: await make('director', 'school_director', s1, s1),
      director2: await make('director2', 'school_director', s2, s2),
      hr: await make('hr', 'hr_officer', null, null),
      area: await make('area', 'area_director', null, null),
      group: await make('group', 'group_director', null, null),
      admin: await make('admin', 'admin', null, null),
      auditor: await make('auditor', 'auditor', null, null),
    },
  };
}

export async function actorOf(db: Database, user: { userId: string }, at = new Date()): Promise<Actor> {
  return loadUserActor(db, user.userId, at);
}
