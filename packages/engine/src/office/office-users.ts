/**
 * Users and role assignments of one office, for that office's admins
 * (docs/access.md "Granting roles"). A user belongs to the office of their
 * person record; a user, person, school or assignment of another office is
 * not found here (`undefined`; the server answers 404, never 403), so an
 * admin learns nothing about other offices. Ids arrive as UUIDs (the routes'
 * schemas check them).
 *
 * Revoking a role ends its validity (`valid_until = now`) instead of deleting
 * it, so who held which role when stays on record. Disabling a user signs
 * them out everywhere (their sessions and tokens are revoked); so does a
 * password an admin sets.
 */
import type { Database } from '../db/database';
import { personNameTh } from '../access/person-name';
import type { Role } from '../access/roles';
import { EsaError, PG_ERROR, pgErrorCode } from '../errors';
import { revokeOtherSessions } from '../auth/sessions';
import { assertNotLastAdmin } from './grant-rules';

export interface OfficeUser {
  id: string;
  username: string;
  email: string | null;
  preferredLang: string;
  disabledAt: string | null;
  /** false: an account the staff import created, until an admin sets a password */
  hasPassword: boolean;
  person: { id: string; nameTh: string; schoolId: string | null; position: string | null };
  grants: {
    id: string;
    role: string;
    schoolId: string | null;
    validFrom: string;
    validUntil: string | null;
    active: boolean;
    actingFor: boolean;
  }[];
}

export async function listOfficeUsers(
  db: Database,
  officeId: string,
  now: Date,
  opts: { q?: string; includeDisabled: boolean },
): Promise<OfficeUser[]> {
  let q = db
    .selectFrom('users as u')
    .innerJoin('people as p', 'p.id', 'u.person_id')
    .select([
      'u.id',
      'u.username',
      'u.email',
      'u.preferred_lang',
      'u.disabled_at',
      'u.password_hash',
      'p.id as person_id',
      'p.title_th',
      'p.first_name_th',
      'p.last_name_th',
      'p.school_id',
      'p.position',
    ])
    .where('p.office_id', '=', officeId)
    .orderBy('u.username')
    .limit(5000);
  if (!opts.includeDisabled) q = q.where('u.disabled_at', 'is', null);
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('u.username', 'ilike', like), eb('p.first_name_th', 'ilike', like), eb('p.last_name_th', 'ilike', like)]),
    );
  }
  const users = await q.execute();
  const ids = users.map((u) => u.id);
  const grants =
    ids.length === 0
      ? []
      : await db
          .selectFrom('role_assignments')
          .selectAll()
          .where('user_id', 'in', ids)
          .where('office_id', '=', officeId)
          .orderBy('valid_from')
          .execute();
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    email: u.email,
    preferredLang: u.preferred_lang,
    disabledAt: u.disabled_at?.toISOString() ?? null,
    hasPassword: u.password_hash !== null,
    person: { id: u.person_id, nameTh: personNameTh(u)!, schoolId: u.school_id, position: u.position },
    grants: grants
      .filter((g) => g.user_id === u.id)
      .map((g) => ({
        id: g.id,
        role: g.role,
        schoolId: g.school_id,
        validFrom: g.valid_from.toISOString(),
        validUntil: g.valid_until?.toISOString() ?? null,
        actingFor: g.acting_for,
        active: g.valid_from <= now && (g.valid_until === null || g.valid_until > now),
      })),
  }));
}

/** The user, when their person belongs to the office. */
export async function officeUserOf(
  db: Database,
  officeId: string,
  userId: string,
): Promise<{ id: string; disabledAt: Date | null } | undefined> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('people as p', 'p.id', 'u.person_id')
    .select(['u.id', 'u.disabled_at'])
    .where('u.id', '=', userId)
    .where('p.office_id', '=', officeId)
    .executeTakeFirst();
  return row ? { id: row.id, disabledAt: row.disabled_at } : undefined;
}

/** A person of the office an account is made for, with their e-mail (the account's by default). */
export async function officePersonForAccount(
  db: Database,
  officeId: string,
  personId: string,
): Promise<{ id: string; email: string | null } | undefined> {
  return db.selectFrom('people').select(['id', 'email']).where('id', '=', personId).where('office_id', '=', officeId).executeTakeFirst();
}

/**
 * A user account for a person, with a password set by someone else: its
 * owner chooses their own at the first sign-in. A username already taken, or
 * a person who has an account, is INVALID_PAYLOAD naming which.
 */
export async function createUserAccount(
  db: Database,
  account: { personId: string; username: string; passwordHash: string; email: string | null; preferredLang: 'th' | 'en' },
): Promise<{ userId: string }> {
  try {
    const row = await db
      .insertInto('users')
      .values({
        person_id: account.personId,
        username: account.username,
        password_hash: account.passwordHash,
        // set by someone else: its owner chooses their own at the first sign-in
        must_change_password: true,
        email: account.email,
        preferred_lang: account.preferredLang,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { userId: row.id };
  } catch (error) {
    if (pgErrorCode(error) !== PG_ERROR.UNIQUE_VIOLATION) throw error;
    const taken = await db.selectFrom('users').select('id').where('username', '=', account.username).executeTakeFirst();
    throw new EsaError('INVALID_PAYLOAD', {
      issues: [
        taken
          ? { path: 'username', code: 'taken', message: 'ชื่อผู้ใช้นี้มีผู้ใช้แล้ว / this username is taken' }
          : { path: 'personId', code: 'has_user', message: 'บุคคลนี้มีบัญชีผู้ใช้แล้ว / this person already has a user' },
      ],
    });
  }
}

/** Disables (or enables) a user; disabling revokes every session and token. Idempotent. */
export async function setUserDisabled(db: Database, userId: string, disabled: boolean, now: Date): Promise<{ disabledAt: Date | null }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set(disabled ? { disabled_at: now } : { disabled_at: null })
      .where('id', '=', userId)
      .where('disabled_at', disabled ? 'is' : 'is not', null)
      .returning('disabled_at')
      .executeTakeFirst();
    if (disabled) await revokeOtherSessions(trx, userId, undefined, now);
    if (row) return { disabledAt: row.disabled_at };
    const current = await trx.selectFrom('users').select('disabled_at').where('id', '=', userId).executeTakeFirstOrThrow();
    return { disabledAt: current.disabled_at };
  });
}

/**
 * Sets a user's password hash (an account the staff import created has none;
 * a forgotten one is replaced): its owner must change it at the next sign-in,
 * a sign-in lock is lifted, and every session and token of the user is
 * revoked, so the old password's sessions end.
 */
export async function setUserPasswordHash(db: Database, userId: string, passwordHash: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: true, failed_sign_ins: 0, locked_until: null })
      .where('id', '=', userId)
      .execute();
    await revokeOtherSessions(trx, userId, undefined, now);
  });
}

/** Whether the school is one of the office's. */
export async function isSchoolOfOffice(db: Database, officeId: string, schoolId: string): Promise<boolean> {
  const school = await db
    .selectFrom('schools')
    .select('id')
    .where('id', '=', schoolId)
    .where('office_id', '=', officeId)
    .executeTakeFirst();
  return school !== undefined;
}

/**
 * Grants a role in the office (its scope checked by the caller:
 * `assertGrantScope`, the school the office's). The same role for the same
 * scope, still valid: granting again changes nothing and answers that grant.
 */
export async function grantRole(
  db: Database,
  officeId: string,
  userId: string,
  g: { role: Role; schoolId: string | null; validFrom: Date; validUntil: Date | null; actingFor?: boolean },
): Promise<{ assignmentId: string }> {
  const same = await db
    .selectFrom('role_assignments')
    .select('id')
    .where('user_id', '=', userId)
    .where('office_id', '=', officeId)
    .where('role', '=', g.role)
    .where('acting_for', '=', g.actingFor === true)
    .where((eb) => (g.schoolId === null ? eb('school_id', 'is', null) : eb('school_id', '=', g.schoolId)))
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', g.validFrom)]))
    .executeTakeFirst();
  if (same) return { assignmentId: same.id };
  const row = await db
    .insertInto('role_assignments')
    .values({
      user_id: userId,
      role: g.role,
      office_id: officeId,
      school_id: g.schoolId,
      valid_from: g.validFrom,
      valid_until: g.validUntil,
      acting_for: g.actingFor === true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { assignmentId: row.id };
}

/**
 * Ends an assignment of this user in this office now (a future one is ended
 * before it starts); the office's last admin grant in force is refused
 * (LAST_ADMIN_GRANT). Undefined when the user holds no such assignment here.
 */
export async function revokeRole(
  db: Database,
  officeId: string,
  userId: string,
  assignmentId: string,
  now: Date,
): Promise<{ validUntil: Date } | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('role_assignments')
      .select(['id', 'role', 'school_id', 'valid_from', 'valid_until'])
      .where('id', '=', assignmentId)
      .where('user_id', '=', userId)
      .where('office_id', '=', officeId)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.valid_until !== null && row.valid_until <= now) return { validUntil: row.valid_until };
    await assertNotLastAdmin(
      trx,
      officeId,
      { id: row.id, role: row.role, schoolId: row.school_id, validFrom: row.valid_from, validUntil: row.valid_until },
      now,
    );
    const until = row.valid_from > now ? row.valid_from : now;
    await trx.updateTable('role_assignments').set({ valid_until: until }).where('id', '=', row.id).execute();
    return { validUntil: until };
  });
}
