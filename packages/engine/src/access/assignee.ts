/**
 * Steps and events assigned per case (docs/access.md "Assigned steps"): a
 * workflow may name a path in the case's data (`assignee`) holding who must
 * act there — one office role, for one school of the office or for the office
 * as a whole (`schoolId: null`). The salary raise's appraisal is the first:
 * the person's ผู้บังคับบัญชา (Act ม.72), resolved when the round opens —
 * the school's director for its teachers and staff, the area director for
 * school directors and deputies, a group director for office staff.
 *
 * When the case carries an assignee, the step's (or event's) office roles are
 * narrowed to that one role and the grant must cover the assignee's school,
 * not the case's: the director of a school does not act on the case of that
 * school's own director, and the area director does not act on every teacher.
 * Relation roles (`applicant`, `committee`, `system`) are kept. Without a
 * value at the path the metadata's roles and the case's scope apply, as for
 * any other step. One rule, used by dispatch, the events offered, the task
 * mail, the cycle opening, the reminders and "งานของฉัน".
 */
import type { ActingRole } from './roles';
import { isRole, ROLE_READ_SCOPE, ROLES, type Role } from './roles';
import type { CaseScope } from './actor';

export interface Assignee {
  readonly role: Role;
  /** the school the role must be held for; null: an office-wide grant */
  readonly schoolId: string | null;
}

/** a school id an assignee may name (case-insensitive); role-holders.ts checks the same in SQL */
export const ASSIGNEE_SCHOOL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function valueAt(context: unknown, path: string): unknown {
  let at: unknown = context;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The assignee stored at `path` in the case's data, or null when there is none (or it is malformed). */
export function assigneeAt(context: unknown, path: string | undefined): Assignee | null {
  if (path === undefined) return null;
  const v = valueAt(context, path) as { role?: unknown; schoolId?: unknown } | null | undefined;
  if (typeof v !== 'object' || v === null) return null;
  if (typeof v.role !== 'string' || !(ROLES as readonly string[]).includes(v.role)) return null;
  if (v.schoolId !== null && (typeof v.schoolId !== 'string' || !ASSIGNEE_SCHOOL_ID.test(v.schoolId))) return null;
  return { role: v.role as Role, schoolId: v.schoolId };
}

/**
 * The roles that act at a step (or send an event) of this case, and the scope
 * their grants must cover. `context` is the case's machine context.
 */
export function assignedTo(
  meta: { readonly roles: readonly ActingRole[]; readonly assignee?: string },
  scope: CaseScope,
  context: unknown,
): { roles: readonly ActingRole[]; scope: CaseScope; assignee: Assignee | null } {
  const assignee = assigneeAt(context, meta.assignee);
  if (!assignee) return { roles: meta.roles, scope, assignee: null };
  const kept = meta.roles.filter((r) => !isRole(r) || ROLE_READ_SCOPE[r] !== 'office');
  // an assignee whose role the metadata does not allow, or held for another school than the case's (its holders could
  // not even read the case), leaves only the relation roles: nobody is widened
  const fits = meta.roles.includes(assignee.role) && (assignee.schoolId === null || assignee.schoolId === scope.schoolId);
  const roles = fits ? [...kept, assignee.role] : kept;
  return { roles, scope: { officeId: scope.officeId, schoolId: assignee.schoolId, subjectPersonId: scope.subjectPersonId }, assignee };
}

/** The machine context of a stored snapshot (`{ context }`), for `assignedTo`. */
export function contextOfSnapshot(snapshot: unknown): unknown {
  return typeof snapshot === 'object' && snapshot !== null ? (snapshot as { context?: unknown }).context : undefined;
}
