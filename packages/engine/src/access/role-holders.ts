/**
 * The one rule for who holds a role for a case: users holding one of the
 * step's office-scope roles in the case's office (office-wide grants) or in
 * its school (school grants), valid at that moment and not disabled, and not
 * the case's subject (segregation of duties); and the subject's own user for
 * `applicant` and own-scope roles.
 * Read once for a whole batch — the children of a cycle opening, the timers
 * of one firing transaction, the steps a case enters — in two queries (the
 * second in slices of 20,000 people); each (office, roles, school) triple is
 * computed once.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { CaseScope } from './actor';
import { isRole, ROLE_READ_SCOPE } from './roles';

export interface RoleHolders {
  /** sorted user ids of those who hold one of `roles` for a case of this scope */
  forStep(roles: readonly string[], scope: CaseScope): readonly string[];
}

export async function loadRoleHolders(
  db: Kysely<DB>,
  args: {
    officeIds: readonly string[];
    roles: readonly string[];
    subjectPersonIds: readonly string[];
    at: Date;
    /** only these schools' grants (and office-wide ones) are read; unset: every school's */
    schoolIds?: readonly (string | null)[];
  },
): Promise<RoleHolders> {
  const schoolIds = args.schoolIds && [...new Set(args.schoolIds.filter((s): s is string => s !== null))];
  const officeRoles = [...new Set(args.roles.filter((r) => isRole(r) && ROLE_READ_SCOPE[r] === 'office'))];
  const wantsSubjects = args.roles.some((r) => r === 'applicant' || (isRole(r) && ROLE_READ_SCOPE[r] === 'own'));

  const grants =
    officeRoles.length === 0 || args.officeIds.length === 0
      ? []
      : await db
          .selectFrom('role_assignments as ra')
          .innerJoin('users as u', 'u.id', 'ra.user_id')
          .select(['ra.user_id', 'ra.role', 'ra.office_id', 'ra.school_id', 'u.person_id'])
          .where('ra.office_id', 'in', [...new Set(args.officeIds)])
          .$if(schoolIds !== undefined, (q) =>
            q.where((eb) => (schoolIds!.length === 0 ? eb('ra.school_id', 'is', null) : eb.or([eb('ra.school_id', 'is', null), eb('ra.school_id', 'in', schoolIds!)]))),
          )
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
  const granted = (roles: readonly string[], officeId: string, schoolId: string | null): readonly string[] => {
    const key = `${officeId}|${roles.join(',')}|${schoolId ?? ''}`;
    let users = byRolesAndSchool.get(key);
    if (!users) {
      const set = new Set<string>();
      for (const g of grants) {
        if (g.office_id === officeId && roles.includes(g.role) && (g.school_id === null || g.school_id === schoolId)) set.add(g.user_id);
      }
      users = [...set].sort();
      byRolesAndSchool.set(key, users);
    }
    return users;
  };

  return {
    forStep(roles, { officeId, schoolId, subjectPersonId }) {
      const all = roles.some((r) => isRole(r) && ROLE_READ_SCOPE[r] === 'office') ? granted(roles, officeId, schoolId) : [];
      const office = subjectPersonId ? all.filter((u) => personOfUser.get(u) !== subjectPersonId) : all;
      const wantsSubject = roles.some((r) => r === 'applicant' || (isRole(r) && ROLE_READ_SCOPE[r] === 'own'));
      const subject = wantsSubject && subjectPersonId ? userOfPerson.get(subjectPersonId) : undefined;
      if (subject === undefined || office.includes(subject)) return office;
      return [...office, subject].sort();
    },
  };
}
