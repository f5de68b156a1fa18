/**
 * The one rule for who holds a step of a case (access/role-holders.ts) in its
 * two forms: `loadRoleHolders` (the outbox, cycle openings, timer firing) and
 * `roleHoldersSql` (the inbox, the daily digest, the SLA overview) give the
 * same people for every kind of scope the workflows use — office-wide and
 * school grants, a step assigned per case to a school's director or to an
 * office-wide role (the salary raise's appraiser by line of command), an
 * assignee that narrows to nobody or is malformed, the applicant — with
 * segregation of duties, disabled accounts and grants out of their validity.
 * The batch load (every scope at once, as a cycle opening or a timer firing
 * reads it) answers as one load per scope. The stored form (`stepHolderKeys`
 * on the case row, matched by `holdsByKeysSql` against a user's grants: the
 * inbox) holds for exactly the same people.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import {
  assignedTo,
  assigneeSnapshotPath,
  holdsByKeysSql,
  holdsStepSql,
  roleHoldersSql,
  stepHolderKeys,
  stepHolderRoles,
  userHolderKeys,
  type ActingRole,
  type CaseScope,
} from '../src/index';
import { loadRoleHolders } from '../src/internal';
import { createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let a: OfficeFixture;
let b: OfficeFixture;
const at = new Date('2025-04-11T07:00:00Z');
const extra: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  a = await seedOffice(tdb.db, 'A');
  b = await seedOffice(tdb.db, 'B');
  const grant = async (
    key: string,
    role: string,
    schoolId: string | null,
    opts: { from?: string; until?: string; disabled?: boolean; person?: string | null } = {},
  ) => {
    const person =
      opts.person === undefined
        ? (
            await tdb.db
              .insertInto('people')
              .values({ first_name_th: key, last_name_th: 'x', office_id: a.officeId, school_id: null })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id
        : opts.person;
    const user = await tdb.db
      .insertInto('users')
      .values({ username: `rh-${key}`, person_id: person, disabled_at: opts.disabled ? '2025-01-01T00:00:00Z' : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tdb.db
      .insertInto('role_assignments')
      .values({
        user_id: user.id,
        role,
        office_id: a.officeId,
        school_id: schoolId,
        valid_from: opts.from ?? '2020-01-01T00:00:00Z',
        valid_until: opts.until ?? null,
      })
      .execute();
    extra[key] = user.id;
  };
  await grant('hrDisabled', 'hr_officer', null, { disabled: true });
  await grant('hrExpired', 'hr_officer', null, { until: '2025-01-01T00:00:00Z' });
  await grant('hrFuture', 'hr_officer', null, { from: '2026-01-01T00:00:00Z' });
  await grant('hrNoPerson', 'hr_officer', null, { person: null });
  await grant('director2b', 'school_director', a.schoolIds[1]);
  await grant('groupAtSchool', 'group_director', a.schoolIds[0]);
});
afterAll(() => tdb.drop());

interface Meta {
  roles: readonly ActingRole[];
  assignee?: string;
}
const metas: Meta[] = [
  { roles: ['hr_officer'] },
  { roles: ['applicant'] },
  { roles: ['hr_officer', 'applicant'] },
  { roles: ['teacher'] },
  { roles: ['school_director', 'area_director', 'group_director'] },
  { roles: ['school_director', 'area_director'], assignee: 'reviewer' },
  { roles: ['school_director', 'area_director', 'group_director', 'applicant'], assignee: 'person.appraiser' },
  { roles: ['committee', 'system'] },
];

function assigneeValues(): unknown[] {
  const [s1, s2] = a.schoolIds;
  return [
    undefined,
    null,
    { role: 'area_director', schoolId: null },
    { role: 'group_director', schoolId: null },
    { role: 'school_director', schoolId: s1 },
    { role: 'school_director', schoolId: s2 },
    { role: 'school_director', schoolId: b.schoolIds[0] },
    { role: 'hr_officer', schoolId: null },
    // malformed: the metadata's roles and the case's scope apply
    { role: 'school_director' },
    { role: 'school_director', schoolId: 'not-a-uuid' },
    { role: 'nobody', schoolId: null },
    'area_director',
  ];
}

function contextFor(meta: Meta, value: unknown): unknown {
  if (value === undefined) return {};
  if (meta.assignee === 'person.appraiser') return { person: { appraiser: value } };
  return { reviewer: value };
}

/** The people the JS form answers, loaded for this one scope as the outbox does. */
async function byLoad(meta: Meta, scope: CaseScope, context: unknown): Promise<string[]> {
  const assigned = assignedTo(meta, scope, context);
  const holders = await loadRoleHolders(tdb.db, {
    officeIds: [assigned.scope.officeId],
    roles: assigned.roles,
    subjectPersonIds: assigned.scope.subjectPersonId ? [assigned.scope.subjectPersonId] : [],
    schoolIds: [assigned.scope.schoolId],
    at,
  });
  return [...holders.forStep(assigned.roles, assigned.scope)];
}

/** The case's columns and step as the SQL forms take them (the snapshot's assignee in `asg.v`). */
function sqlArgs(meta: Meta, scope: CaseScope) {
  const { officeRoles, forSubject } = stepHolderRoles(meta.roles);
  return {
    officeId: sql`${scope.officeId}::uuid`,
    schoolId: sql`${scope.schoolId}::uuid`,
    subjectPersonId: sql`${scope.subjectPersonId}::uuid`,
    officeRoles: sql`${sql.val(officeRoles)}::text[]`,
    forSubject: sql.lit(forSubject),
    assignee: 'asg.v',
    at,
  };
}
const assigneeOf = (meta: Meta, context: unknown) => {
  const path = assigneeSnapshotPath(meta.assignee);
  return path === null ? sql`null::jsonb` : sql`${JSON.stringify({ context })}::jsonb #> ${sql.val(path)}::text[]`;
};

/** The people the SQL form answers for a case with this snapshot. */
async function bySql(meta: Meta, scope: CaseScope, context: unknown): Promise<string[]> {
  const res = await sql<{ user_id: string }>`
    select h.user_id from (select ${assigneeOf(meta, context)} as v) asg
    cross join lateral (${roleHoldersSql(sqlArgs(meta, scope))}) h
    order by 1`.execute(tdb.db);
  return res.rows.map((r) => r.user_id);
}

/** Whether the SQL condition for one user says they hold the step. */
async function holdsBySql(meta: Meta, scope: CaseScope, context: unknown, userId: string): Promise<boolean> {
  const res = await sql<{ holds: boolean }>`
    select ${holdsStepSql(sqlArgs(meta, scope), userId)} as holds from (select ${assigneeOf(meta, context)} as v) asg`.execute(tdb.db);
  return res.rows[0]!.holds;
}

function scopes(): CaseScope[] {
  const [s1, s2] = a.schoolIds;
  const subjects = [
    null,
    a.users.teacher.personId,
    a.users.director.personId,
    a.users.area.personId,
    a.users.hr.personId,
    a.users.group.personId,
    b.users.teacher.personId,
  ];
  return [s1, s2, null].flatMap((schoolId) => subjects.map((subjectPersonId) => ({ officeId: a.officeId, schoolId, subjectPersonId })));
}

describe('who holds a step: one rule, two forms', () => {
  it('loadRoleHolders and roleHoldersSql answer the same people for every scope kind', async () => {
    let compared = 0;
    let nonEmpty = 0;
    for (const meta of metas) {
      for (const value of meta.assignee === undefined ? [undefined] : assigneeValues()) {
        const context = contextFor(meta, value);
        for (const scope of scopes()) {
          const js = await byLoad(meta, scope, context);
          const db = await bySql(meta, scope, context);
          expect({ meta, value, scope, holders: db }).toEqual({ meta, value, scope, holders: js });
          compared += 1;
          if (js.length > 0) nonEmpty += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('narrowed to one user (the SLA drill-down for a person), holdsStepSql is true exactly for the holders', async () => {
    const everyone = [...Object.values(a.users).map((u) => u.userId), ...Object.values(extra), b.users.hr.userId];
    for (const meta of [metas[2]!, metas[6]!])
      for (const value of meta.assignee === undefined ? [undefined] : assigneeValues()) {
        const context = contextFor(meta, value);
        for (const scope of scopes().filter((_, i) => i % 3 === 0)) {
          const js = await byLoad(meta, scope, context);
          for (const userId of everyone)
            expect({ userId, holds: await holdsBySql(meta, scope, context, userId) }).toEqual({ userId, holds: js.includes(userId) });
        }
      }
  });

  it('stored on the case row (the inbox), the keys match exactly the holders', async () => {
    const everyone = (await tdb.db.selectFrom('users').select('id').execute()).map((u) => u.id);
    const users = await Promise.all(everyone.map(async (userId) => ({ userId, keys: await userHolderKeys(tdb.db, userId, at) })));
    let compared = 0;
    let held = 0;
    for (const meta of metas)
      for (const value of meta.assignee === undefined ? [undefined] : assigneeValues()) {
        const context = contextFor(meta, value);
        for (const scope of scopes()) {
          const js = await byLoad(meta, scope, context);
          const stepKeys = stepHolderKeys(meta, scope, context);
          const res = await sql<Record<string, boolean>>`select ${sql.join(
            users.map(({ userId, keys }) =>
              keys === null
                ? sql`false as ${sql.ref(userId)}`
                : sql`${holdsByKeysSql({ stepKeys: sql`${JSON.stringify(stepKeys)}::jsonb`, subjectPersonId: sql`${scope.subjectPersonId}::uuid` }, keys)} as ${sql.ref(userId)}`,
            ),
          )}`.execute(tdb.db);
          const byKeys = everyone.filter((u) => res.rows[0]![u]).sort();
          expect({ meta, value, scope, holders: byKeys }).toEqual({ meta, value, scope, holders: js });
          compared += 1;
          held += byKeys.length;
        }
      }
    expect(compared).toBeGreaterThan(300);
    expect(held).toBeGreaterThan(100);
  });

  it('excludes the subject as an officer, disabled accounts and grants outside their validity', async () => {
    const scope = { officeId: a.officeId, schoolId: a.schoolIds[0], subjectPersonId: a.users.hr.personId };
    const holders = await bySql({ roles: ['hr_officer'] }, scope, {});
    expect(holders).toEqual([extra.hrNoPerson].sort());
    const applicant = await bySql({ roles: ['hr_officer', 'applicant'] }, scope, {});
    expect(applicant).toEqual([extra.hrNoPerson!, a.users.hr.userId].sort());
  });

  it('loaded once for many scopes (a cycle opening, a timer firing) it answers as one load per scope', async () => {
    const plans = metas.flatMap((meta) =>
      (meta.assignee === undefined ? [undefined] : assigneeValues()).flatMap((value) =>
        scopes().map((scope) => {
          const context = contextFor(meta, value);
          return { meta, context, scope, assigned: assignedTo(meta, scope, context) };
        }),
      ),
    );
    const batch = await loadRoleHolders(tdb.db, {
      officeIds: plans.map((p) => p.assigned.scope.officeId),
      roles: [...new Set(plans.flatMap((p) => p.assigned.roles))],
      subjectPersonIds: plans.flatMap((p) => (p.assigned.scope.subjectPersonId ? [p.assigned.scope.subjectPersonId] : [])),
      schoolIds: plans.map((p) => p.assigned.scope.schoolId),
      at,
    });
    for (const p of plans) expect([...batch.forStep(p.assigned.roles, p.assigned.scope)]).toEqual(await byLoad(p.meta, p.scope, p.context));
  });
});
