/**
 * The one rule for who holds a role for a case: users holding one of the
 * step's office-scope roles in the case's office (office-wide grants) or in
 * its school (school grants), valid at that moment and not disabled, and not
 * the case's subject (segregation of duties, access/segregation.ts); and the
 * subject's own user for `applicant` and own-scope roles. A step assigned per
 * case (access/assignee.ts) narrows the roles to the assignee's and the
 * school to the assignee's.
 *
 * Two forms of the same rule, held equal by access.role-holders.test.ts:
 * - `loadRoleHolders`: read once for a whole batch — the children of a cycle
 *   opening, the timers of one firing transaction — in two queries (the second in slices of 20,000 people);
 *   each (office, roles, school) triple is computed once;
 * - `roleHoldersSql`: a subquery for lists that join it per case instead of
 *   loading holders — a command's outbox (case/command-write.ts), the daily
 *   digest (`listAwaitingWork`) and the SLA overview's "who must act" — and `holdsStepSql`, the same narrowed to one
 *   user as a condition (the SLA drill-down for a person).
 *
 * And a third, stored: `stepHolderKeys`, the keys of who holds a step of a
 * case, written by the engine with the case row whenever its state, data or
 * scope is written (`caseWaitingColumns`, case/case.repository.ts:
 * `cases.waiting_for`, `cases.waiting_keys`), and `holdsByKeysSql`, which
 * matches them against one user's grants valid at a moment (`userHolderKeys`)
 * — "งานของฉัน" (`inboxPage`) is then an index lookup by the user's (office,
 * role, school) instead of the rule evaluated per case. The grants stay read
 * at the moment asked (validity, disabled accounts, the person); only what
 * the case decides is stored. Held equal to the first two by
 * access.role-holders.test.ts.
 */
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema';
import type { CaseScope } from './actor';
import { ASSIGNEE_SCHOOL_ID, assignedTo } from './assignee';
import { isRole, ROLE_READ_SCOPE, ROLES, type ActingRole } from './roles';

/** The roles of a step whose grants count (office-scope roles), and whether the case's subject holds the step. */
export function stepHolderRoles(roles: readonly string[]): { officeRoles: string[]; forSubject: boolean } {
  return {
    officeRoles: roles.filter((r) => isRole(r) && ROLE_READ_SCOPE[r] === 'office'),
    forSubject: roles.some((r) => r === 'applicant' || (isRole(r) && ROLE_READ_SCOPE[r] === 'own')),
  };
}

/** Where a step's assignee is in a case's snapshot (`#>` path), or null when the step is not assigned per case. */
export function assigneeSnapshotPath(assignee: string | undefined): string[] | null {
  return assignee === undefined ? null : ['context', ...assignee.split('.')];
}

/** An SQL expression, or a column of the caller's query by name (`'c.office_id'`). */
export type SqlOperand = Expression<unknown> | string;

/** A case of the list, as SQL operands, and the step it stands at. */
export interface RoleHoldersSqlArgs {
  /** uuid */
  officeId: SqlOperand;
  /** uuid or null */
  schoolId: SqlOperand;
  /** uuid or null */
  subjectPersonId: SqlOperand;
  /** text[]: the step's office-scope roles (`stepHolderRoles`) */
  officeRoles: SqlOperand;
  /** boolean: the case's subject holds the step (`stepHolderRoles`) */
  forSubject: SqlOperand;
  /**
   * jsonb: the value at the step's assignee path in the case's snapshot (null
   * when the step is not assigned). Pass a column computed once per case: it
   * is read several times.
   */
  assignee: SqlOperand;
  at: Date;
}

/**
 * `assigneeAt` (access/assignee.ts) in SQL: true when the jsonb value names a
 * known role and a school that is null or a uuid.
 */
function assignedSql(v: Expression<unknown>): RawBuilder<boolean> {
  return sql<boolean>`coalesce(jsonb_typeof(${v}) = 'object'
    and (${v} ->> 'role') = any(${sql.val([...ROLES])}::text[])
    and (jsonb_typeof(${v} -> 'schoolId') = 'null'
         or (jsonb_typeof(${v} -> 'schoolId') = 'string'
             and (${v} ->> 'schoolId') ~* ${ASSIGNEE_SCHOOL_ID.source})), false)`;
}

function operands(args: RoleHoldersSqlArgs) {
  const operand = (x: SqlOperand): Expression<unknown> => (typeof x === 'string' ? sql.ref(x) : x);
  return {
    officeId: operand(args.officeId),
    schoolId: operand(args.schoolId),
    subjectPersonId: operand(args.subjectPersonId),
    officeRoles: operand(args.officeRoles),
    forSubject: operand(args.forSubject),
    assignee: operand(args.assignee),
    at: args.at,
  };
}

/** The grant `rh_ra` covers the step of this case: its office, one of the step's roles, valid at `at`, the right school. */
function grantCoversSql(a: ReturnType<typeof operands>): RawBuilder<boolean> {
  const v = a.assignee;
  const assigned = assignedSql(v);
  return sql<boolean>`rh_ra.office_id = ${a.officeId}
      and rh_ra.role = any(${a.officeRoles})
      and rh_ra.valid_from <= ${a.at} and (rh_ra.valid_until is null or rh_ra.valid_until > ${a.at})
      -- an assigned step: only the assignee's role, held for the assignee's school (or office-wide);
      -- an assignee held for another school than the case's names nobody
      and (rh_ra.school_id is null or rh_ra.school_id::text = (case when ${assigned} then ${v} ->> 'schoolId' else ${a.schoolId}::text end))
      and (not ${assigned} or (rh_ra.role = ${v} ->> 'role' and (${v} ->> 'schoolId' is null or ${v} ->> 'schoolId' = ${a.schoolId}::text)))`;
}

/** Segregation of duties: the officer whose person is `person` is not the case's subject. */
function notSubjectSql(a: ReturnType<typeof operands>, person: Expression<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${a.subjectPersonId}::uuid is null or ${person} is null or ${person} <> ${a.subjectPersonId}::uuid)`;
}

/** The person `person` holds the step as the case's subject (`applicant`, an own-scope role). */
function asSubjectSql(a: ReturnType<typeof operands>, person: Expression<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${a.forSubject} and ${person} = ${a.subjectPersonId}::uuid)`;
}

/**
 * The user ids (`user_id`) who hold the step for one case: the rule of
 * `loadRoleHolders` as a subquery, for a `join lateral (…) h on true`. Its own
 * tables are aliased `rh_*`, so the caller's aliases stay visible in the
 * expressions it passes.
 */
export function roleHoldersSql(args: RoleHoldersSqlArgs): RawBuilder<{ user_id: string }> {
  const a = operands(args);
  return sql<{ user_id: string }>`
    select rh_ra.user_id
    from role_assignments rh_ra
    join users rh_u on rh_u.id = rh_ra.user_id and rh_u.disabled_at is null
    where ${grantCoversSql(a)}
      and ${notSubjectSql(a, sql.ref('rh_u.person_id'))}
    union
    select rh_u.id from users rh_u
    where rh_u.disabled_at is null and ${asSubjectSql(a, sql.ref('rh_u.person_id'))}`;
}

/**
 * Whether one user holds the step for one case: `roleHoldersSql` narrowed to
 * them, as a condition (one person's list: "งานของฉัน", the SLA drill-down
 * for a person). The user's account and person are read once per statement,
 * not once per case.
 */
export function holdsStepSql(args: RoleHoldersSqlArgs, userId: string): RawBuilder<boolean> {
  const a = operands(args);
  const person = sql`(select rh_me.person_id from users rh_me where rh_me.id = ${userId}::uuid)`;
  // coalesce: a case without a subject (null) is not the user's own, whatever three-valued logic says
  return sql<boolean>`coalesce(exists (select 1 from users rh_me where rh_me.id = ${userId}::uuid and rh_me.disabled_at is null)
    and ((exists (select 1 from role_assignments rh_ra where rh_ra.user_id = ${userId}::uuid and ${grantCoversSql(a)})
          and ${notSubjectSql(a, person)})
         or ${asSubjectSql(a, person)}), false)`;
}

/** The key a step names for the case's subject (`applicant`, own-scope roles): matched against the user's person, not a grant. */
export const SUBJECT_KEY = 'subject';

/** A grant's key: `<office>/<role>` office-wide, `<office>/<role>/<school>` for one school. */
export function grantKey(officeId: string, role: string, schoolId: string | null): string {
  return schoolId === null ? `${officeId}/${role}` : `${officeId}/${role}/${schoolId}`;
}

/**
 * The stored form of the rule for one step of one case: the grant keys that
 * hold it — each of its office-scope roles (narrowed by the assignee,
 * access/assignee.ts) office-wide, and for the school it is for (the
 * assignee's, else the case's) when there is one — and `SUBJECT_KEY` when
 * the case's subject holds it. Empty: nobody by grant or as the subject.
 * `context` is the case's machine context.
 */
export function stepHolderKeys(
  meta: { readonly roles: readonly ActingRole[]; readonly assignee?: string },
  scope: CaseScope,
  context: unknown,
): string[] {
  const assigned = assignedTo(meta, scope, context);
  const { officeRoles, forSubject } = stepHolderRoles(assigned.roles);
  const keys: string[] = [];
  for (const role of new Set(officeRoles)) {
    keys.push(grantKey(scope.officeId, role, null));
    if (assigned.scope.schoolId !== null) keys.push(grantKey(scope.officeId, role, assigned.scope.schoolId));
  }
  if (forSubject && scope.subjectPersonId !== null) keys.push(SUBJECT_KEY);
  return keys;
}

/** One user's side of the stored form, at a moment: their grant keys and person; null when there is no such user or the account is disabled. */
export interface UserHolderKeys {
  grants: { role: string; officeId: string; schoolId: string | null }[];
  keys: string[];
  personId: string | null;
}

/** What a grant key is made of. */
export interface RoleGrantKey {
  readonly role: string;
  readonly officeId: string;
  readonly schoolId: string | null;
}

/** One user's side of the stored form from grants already read (valid at the moment asked, the account not disabled). */
export function holderKeysOf(user: { readonly personId: string | null; readonly grants: readonly RoleGrantKey[] }): UserHolderKeys {
  const grants = user.grants.map((g) => ({ role: g.role, officeId: g.officeId, schoolId: g.schoolId }));
  return { grants, keys: [...new Set(grants.map((g) => grantKey(g.officeId, g.role, g.schoolId)))].sort(), personId: user.personId };
}

export async function userHolderKeys(db: Kysely<DB>, userId: string, at: Date): Promise<UserHolderKeys | null> {
  const rows = await sql<{ role: string | null; office_id: string | null; school_id: string | null; person_id: string | null }>`
    select ra.role, ra.office_id, ra.school_id, u.person_id
    from users u
    left join role_assignments ra on ra.user_id = u.id and ra.valid_from <= ${at} and (ra.valid_until is null or ra.valid_until > ${at})
    where u.id = ${userId}::uuid and u.disabled_at is null`.execute(db);
  if (rows.rows.length === 0) return null;
  const grants = rows.rows.flatMap((r) =>
    r.role === null || r.office_id === null ? [] : [{ role: r.role, officeId: r.office_id, schoolId: r.school_id }],
  );
  return holderKeysOf({ grants, personId: rows.rows[0]!.person_id });
}

/**
 * Whether the user holds the step whose stored keys are `stepKeys` (a jsonb
 * array of `stepHolderKeys`): one of their grant keys is among them and they
 * are not the case's subject (segregation of duties), or the keys name the
 * subject and they are it.
 */
export function holdsByKeysSql(args: { stepKeys: SqlOperand; subjectPersonId: SqlOperand }, user: UserHolderKeys): RawBuilder<boolean> {
  const operand = (x: SqlOperand): Expression<unknown> => (typeof x === 'string' ? sql.ref(x) : x);
  const keys = operand(args.stepKeys);
  const subject = operand(args.subjectPersonId);
  const person = sql`${user.personId}::uuid`;
  return sql<boolean>`coalesce((${keys} ?| ${sql.val(user.keys)}::text[]
      and (${subject}::uuid is null or ${person} is null or ${person} <> ${subject}::uuid))
    or (${keys} ? ${SUBJECT_KEY} and ${person} = ${subject}::uuid), false)`;
}

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
  const split = stepHolderRoles(args.roles);
  const officeRoles = [...new Set(split.officeRoles)];
  const wantsSubjects = split.forSubject;

  const grants =
    officeRoles.length === 0 || args.officeIds.length === 0
      ? []
      : await db
          .selectFrom('role_assignments as ra')
          .innerJoin('users as u', 'u.id', 'ra.user_id')
          .select(['ra.user_id', 'ra.role', 'ra.office_id', 'ra.school_id', 'u.person_id'])
          .where('ra.office_id', 'in', [...new Set(args.officeIds)])
          .$if(schoolIds !== undefined, (q) =>
            q.where((eb) =>
              schoolIds!.length === 0
                ? eb('ra.school_id', 'is', null)
                : eb.or([eb('ra.school_id', 'is', null), eb('ra.school_id', 'in', schoolIds!)]),
            ),
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
      const step = stepHolderRoles(roles);
      const all = step.officeRoles.length > 0 ? granted(roles, officeId, schoolId) : [];
      const office = subjectPersonId ? all.filter((u) => personOfUser.get(u) !== subjectPersonId) : all;
      const wantsSubject = step.forSubject;
      const subject = wantsSubject && subjectPersonId ? userOfPerson.get(subjectPersonId) : undefined;
      if (subject === undefined || office.includes(subject)) return office;
      return [...office, subject].sort();
    },
  };
}
