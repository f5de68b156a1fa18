/**
 * Users and role assignments of one office, for that office's admins (the
 * engine's `office/office-users`). A user, person, school or assignment of
 * another office "does not exist" here (404, never 403), so an admin learns
 * nothing about other offices. Passwords are hashed here, never in the engine.
 */
import {
  assertGrantScope,
  createUserAccount,
  grantRole as grantOfficeRole,
  isSchoolOfOffice,
  officePersonForAccount,
  officeUserOf,
  revokeRole as revokeOfficeRole,
  setUserPasswordHash,
  type Role,
  type Engine,
} from '@esa-flow/engine';
import { hashPassword } from '../auth/password';
import { notFoundInOffice } from '../http/office-scope';

/** The user, when their person belongs to the office; else 404. */
export async function loadOfficeUser(engine: Engine, officeId: string, userId: string): Promise<{ id: string; disabledAt: Date | null }> {
  const user = await officeUserOf(engine, officeId, userId);
  if (!user) throw notFoundInOffice('user', { userId });
  return user;
}

export interface NewUser {
  personId: string;
  username: string;
  password: string;
  email?: string | null | undefined;
  preferredLang?: 'th' | 'en' | undefined;
}

export async function createOfficeUser(engine: Engine, officeId: string, input: NewUser): Promise<{ userId: string }> {
  const person = await officePersonForAccount(engine, officeId, input.personId);
  if (!person) throw notFoundInOffice('person', { personId: input.personId });
  const hash = await hashPassword(input.password);
  return createUserAccount(engine, {
    personId: person.id,
    username: input.username,
    passwordHash: hash,
    email: input.email ?? person.email,
    preferredLang: input.preferredLang ?? 'th',
  });
}

/**
 * Sets a user's password (an account the staff import created has none; a
 * forgotten one is replaced): a sign-in lock is lifted, and every session and
 * token of the user is revoked, so the old password's sessions end.
 */
export async function setUserPassword(engine: Engine, userId: string, password: string, now: Date): Promise<void> {
  await setUserPasswordHash(engine, userId, await hashPassword(password), now);
}

export async function grantRole(
  engine: Engine,
  officeId: string,
  userId: string,
  g: { role: Role; schoolId: string | null; validFrom: Date; validUntil: Date | null; actingFor?: boolean },
): Promise<{ assignmentId: string }> {
  assertGrantScope(g.role, g.schoolId);
  if (g.schoolId !== null && !(await isSchoolOfOffice(engine, officeId, g.schoolId)))
    throw notFoundInOffice('school', { schoolId: g.schoolId });
  return grantOfficeRole(engine, officeId, userId, g);
}

/** Ends an assignment of this user in this office now (a future one is ended before it starts). */
export async function revokeRole(
  engine: Engine,
  officeId: string,
  userId: string,
  assignmentId: string,
  now: Date,
): Promise<{ validUntil: Date }> {
  const revoked = await revokeOfficeRole(engine, officeId, userId, assignmentId, now);
  if (!revoked) throw notFoundInOffice('role_assignment', { assignmentId });
  return revoked;
}
