/**
 * Role names as people call them, Thai first: the engine's own table
 * (`@esa-flow/engine/roles`, no dependencies, bundled as is), so the pages
 * and the e-mails never name a role differently.
 */
import { isSchoolScopedRole, ROLE_LABELS, ROLES, type Role } from '@esa-flow/engine/roles';
import type { Label } from './api';

export type RoleName = Role;
/** The granted roles, in the engine's order (the order the admin pages offer them in). */
export const ROLE_NAMES: readonly Role[] = ROLES;

/** A role's label (granted or relation role: applicant, committee, system); an unknown role (a newer server) shows its code. */
export function roleLabel(role: string): Label {
  return (ROLE_LABELS as Readonly<Record<string, Label>>)[role] ?? { th: role, en: role };
}

/** A role held in one school (teacher, school director): granted with a school; every other role for the whole office. */
export function isSchoolRole(role: string): boolean {
  return (ROLES as readonly string[]).includes(role) && isSchoolScopedRole(role as Role);
}
