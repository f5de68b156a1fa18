/**
 * The demo office's rows (`ESA_FLOW_DEMO`, app/src/demo): the office marked
 * `demo` with its schools, and demo accounts (a person, a user marked `demo`
 * sharing the demo password hash, one role valid since 2020). The demo's
 * procedures then run through the engine's commands like anyone's.
 */
import type { Role } from '../access/roles';
import type { Database } from '../db/database';

/** The demo office and its schools (in the order given), written one statement each. */
export async function insertDemoOffice(
  db: Database,
  office: { code: string; nameTh: string; nameEn: string; level: 'primary' | 'secondary' },
  schools: readonly { code: string; nameTh: string; nameEn: string }[],
): Promise<{ officeId: string; schools: { id: string; name_th: string }[] }> {
  const created = await db
    .insertInto('offices')
    .values({ code: office.code, name_th: office.nameTh, name_en: office.nameEn, level: office.level, demo: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = await db
    .insertInto('schools')
    .values(schools.map((s) => ({ office_id: created.id, code: s.code, name_th: s.nameTh, name_en: s.nameEn })))
    .returning(['id', 'name_th'])
    .execute();
  return { officeId: created.id, schools: rows };
}

/** One demo person with a user (`<username>@demo.esa-flow.invalid`) and one role at a school, or office-wide (`schoolId` null). */
export async function insertDemoAccount(
  db: Database,
  args: {
    officeId: string;
    schoolId: string | null;
    username: string;
    nameTh: string;
    role: Role;
    passwordHash: string;
    position?: string | null;
  },
): Promise<{ userId: string; personId: string }> {
  const { officeId, schoolId, username, nameTh, role, passwordHash } = args;
  const [first, ...rest] = nameTh.split(' ');
  const person = await db
    .insertInto('people')
    .values({
      first_name_th: first ?? nameTh,
      last_name_th: rest.join(' ') || '-',
      office_id: officeId,
      school_id: schoolId,
      email: `${username}@demo.esa-flow.invalid`,
      ...(args.position !== undefined ? { position: args.position } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({ username, person_id: person.id, password_hash: passwordHash, email: `${username}@demo.esa-flow.invalid`, demo: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role, office_id: officeId, school_id: schoolId, valid_from: '2020-01-01' })
    .execute();
  return { userId: user.id, personId: person.id };
}
