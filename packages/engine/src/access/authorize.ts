/**
 * Deny by default. Every read and every write is decided here, from the
 * actor's grants and the case's office, school and subject.
 */
import type { Actor, CaseScope, RoleGrant } from './actor';
import { ROLE_READ_SCOPE, type ActingRole } from './roles';

function grantCovers(grant: RoleGrant, scope: CaseScope): boolean {
  if (grant.officeId !== scope.officeId) return false;
  return grant.schoolId === null || grant.schoolId === scope.schoolId;
}

function isSubject(actor: Actor, scope: CaseScope): boolean {
  return actor.kind === 'user' && actor.personId !== null && actor.personId === scope.subjectPersonId;
}

/** May this actor see the case at all? If not, the case "does not exist" for them. */
export function canReadCase(actor: Actor, scope: CaseScope): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'committee':
      return actor.officeId === scope.officeId;
    case 'user':
      return isSubject(actor, scope) || actor.grants.some((g) => ROLE_READ_SCOPE[g.role] === 'office' && grantCovers(g, scope));
  }
}

/**
 * The roles, among `allowed`, that this actor holds for this case. Empty means
 * the actor may not do it. A role whose read scope is `own` (teacher) counts
 * only on cases about the actor.
 */
export function actingRolesFor(actor: Actor, scope: CaseScope, allowed: readonly ActingRole[]): ActingRole[] {
  const held = new Set<ActingRole>();
  for (const role of allowed) {
    if (role === 'system') {
      if (actor.kind === 'system') held.add(role);
    } else if (role === 'committee') {
      if (actor.kind === 'committee' && actor.officeId === scope.officeId) held.add(role);
    } else if (role === 'applicant') {
      if (isSubject(actor, scope)) held.add(role);
    } else if (actor.kind === 'user') {
      const own = ROLE_READ_SCOPE[role] === 'own';
      if (actor.grants.some((g) => g.role === role && grantCovers(g, scope) && (!own || isSubject(actor, scope)))) {
        held.add(role);
      }
    }
  }
  return [...held];
}

/**
 * The office roles among `held` that the actor holds for this scope only
 * through acting grants (รักษาราชการแทน): recorded on the history row.
 * Empty when any of them is held in one's own right.
 */
export function actingOnlyRoles(actor: Actor, scope: CaseScope, held: readonly ActingRole[]): ActingRole[] {
  if (actor.kind !== 'user') return [];
  const office = held.filter((r): r is RoleGrant['role'] => actor.grants.some((g) => g.role === r));
  const own = office.some((r) => actor.grants.some((g) => g.role === r && !g.acting && grantCovers(g, scope)));
  if (own) return [];
  return office.filter((r) => actor.grants.some((g) => g.role === r && g.acting === true && grantCovers(g, scope)));
}
