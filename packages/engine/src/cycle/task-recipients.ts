/**
 * Who must act at a child's first step, resolved for a whole batch at once.
 * The same rule as the outbox's `recipientsFor` (case/outbox.ts): users
 * holding one of the step's office-scope roles in the office (office-wide
 * grants) or in the child's school (school grants), valid at that moment and
 * not disabled, and not the child's subject (segregation of duties); and the
 * subject's user for `applicant` and own-scope roles.
 * Read once for a whole opening (two queries, the second in slices of
 * 20,000 people) instead of twice per child; each (roles, school) pair is
 * computed once.
 */
import { sql, type Kysely } from 'kysely';
import { isRole, ROLE_READ_SCOPE, type ActingRole } from '../access/roles';
import type { DB } from '../db/schema';

export interface TaskRecipients {
  /** sorted user ids, like `recipientsFor` */
  forStep(roles: readonly ActingRole[], schoolId: string | null, subjectPersonId: string | null): readonly string[];
}

export async function loadTaskRecipients(
  db: Kysely<DB>,
  args: { officeId: string; roles: readonly ActingRole[]; subjectPersonIds: readonly string[]; at: Date },
): Promise<TaskRecipients> {
  const officeRoles = [...new Set(args.roles.filter((r) => isRole(r) && ROLE_READ_SCOPE[r] === 'office'))];
  const wantsSubjects = args.roles.some((r) => r === 'applicant' || (isRole(r) && ROLE_READ_SCOPE[r] === 'own'));

  const grants =
    officeRoles.length === 0
      ? []
      : await db
          .selectFrom('role_assignments as ra')
          .innerJoin('users as u', 'u.id', 'ra.user_id')
          .select(['ra.user_id', 'ra.role', 'ra.school_id', 'u.person_id'])
          .where('ra.office_id', '=', args.officeId)
          .where('ra.role', 'in', officeRoles)
          .where('ra.valid_from', '<=', args.at)
          .where((eb) => eb.or([eb('ra.valid_until', 'is', null), eb('ra.valid_until', '>', args.at)]))
          .where('u.disabled_at', 'is', null)
          .execute();

  // segregation of duties: an officer is not asked to act on a child about themself
  const personOfUser = new Map(grants.map((g) => [g.user_id, g.person_id]));
  const userOfPerson = new Map<string, string>();
  const persons = [...new Set(args.subjectPersonIds)];
  if (wantsSubjects && persons.length > 0) {
    for (let i = 0; i < persons.length; i += 20_000) {
      const slice = persons.slice(i, i + 20_000);
      const users = await db
        .selectFrom('users')
        .select(['id', 'person_id'])
        .where(sql<boolean>`person_id = any(${slice}::uuid[])`)
        .where('disabled_at', 'is', null)
        .execute();
      for (const u of users) if (u.person_id) userOfPerson.set(u.person_id, u.id);
    }
  }

  const byRolesAndSchool = new Map<string, readonly string[]>();
  const granted = (roles: readonly ActingRole[], schoolId: string | null): readonly string[] => {
    const key = `${roles.join(',')}|${schoolId ?? ''}`;
    let users = byRolesAndSchool.get(key);
    if (!users) {
      const set = new Set<string>();
      for (const g of grants) {
        if ((roles as readonly string[]).includes(g.role) && (g.school_id === null || g.school_id === schoolId)) set.add(g.user_id);
      }
      users = [...set].sort();
      byRolesAndSchool.set(key, users);
    }
    return users;
  };

  return {
    forStep(roles, schoolId, subjectPersonId) {
      const all = roles.some((r) => isRole(r) && ROLE_READ_SCOPE[r] === 'office') ? granted(roles, schoolId) : [];
      const office = subjectPersonId ? all.filter((u) => personOfUser.get(u) !== subjectPersonId) : all;
      const wantsSubject = roles.some((r) => r === 'applicant' || (isRole(r) && ROLE_READ_SCOPE[r] === 'own'));
      const subject = wantsSubject && subjectPersonId ? userOfPerson.get(subjectPersonId) : undefined;
      if (subject === undefined || office.includes(subject)) return office;
      return [...office, subject].sort();
    },
  };
}
