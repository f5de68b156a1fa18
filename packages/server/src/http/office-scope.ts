/**
 * Office scope for the office-level routes (committees, cycles, supervision,
 * administration, imports). Deny by default, and never reveal another
 * office: an office where the caller holds no role "does not exist" for
 * them (404), a role that is not enough is 403.
 */
import { EsaError, type Actor, type ErrorDetails, type Role } from '@esa-flow/engine';

type UserActor = Actor & { kind: 'user' };

/** Offices where the caller holds any role (office-wide or for one of its schools). */
export function officesOf(actor: UserActor): string[] {
  return [...new Set(actor.grants.map((g) => g.officeId))];
}

/** The office exists for the caller when they hold any role in it; else `OFFICE_NOT_FOUND`. */
export function assertOfficeVisible(actor: UserActor, officeId: string): void {
  if (!actor.grants.some((g) => g.officeId === officeId)) throw new EsaError('OFFICE_NOT_FOUND', { officeId });
}

/**
 * The caller holds one of `roles` for the office as a whole (a school-scoped
 * grant is not enough): 404 for an office they do not see, 403 otherwise.
 */
export function assertOfficeRole(actor: UserActor, officeId: string, roles: readonly Role[], action: string): void {
  assertOfficeVisible(actor, officeId);
  if (!actor.grants.some((g) => g.officeId === officeId && g.schoolId === null && roles.includes(g.role))) {
    throw new EsaError('FORBIDDEN', { action, officeId });
  }
}

/** Offices where the caller holds one of `roles` office-wide. */
export function officesWithRole(actor: UserActor, roles: readonly Role[]): string[] {
  return [...new Set(actor.grants.filter((g) => g.schoolId === null && roles.includes(g.role)).map((g) => g.officeId))];
}

/**
 * A user, person, school or role assignment that does not exist, or belongs
 * to another office (the two are not told apart).
 *
 * The catalogue has no `USER_NOT_FOUND`-like code yet, so this answers the
 * generic 404 `ROUTE_NOT_FOUND` with `detail.resource` naming what was not
 * found. When dedicated codes are added, only this function changes.
 */
export function notFoundInOffice(resource: 'user' | 'person' | 'school' | 'role_assignment', details: ErrorDetails): EsaError {
  return new EsaError('ROUTE_NOT_FOUND', { resource, ...details });
}
