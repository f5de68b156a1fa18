import type { Database } from '../db/database';
import { EsaError } from '../errors';
import { isUuid } from '../case/case.repository';
import type { Actor, RoleGrant } from './actor';
import { isRole } from './roles';

/** The user as an actor, with the grants valid at `at`. A disabled or unknown user is not signed in. */
export async function loadUserActor(db: Database, userId: string, at: Date): Promise<Actor & { kind: 'user' }> {
  const user = !isUuid(userId)
    ? undefined
    : await db.selectFrom('users').select(['id', 'person_id', 'disabled_at']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled_at !== null) throw new EsaError('UNAUTHENTICATED');
  const rows = await db
    .selectFrom('role_assignments')
    .select(['role', 'office_id', 'school_id', 'acting_for'])
    .where('user_id', '=', userId)
    .where('valid_from', '<=', at)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', at)]))
    .execute();
  return { kind: 'user', id: user.id, personId: user.person_id, grants: grantsOf(rows) };
}

/** The rows of `role_assignments` valid at a moment, as grants (a role this version does not know is ignored). */
export function grantsOf(rows: readonly { role: string; office_id: string; school_id: string | null; acting_for: unknown }[]): RoleGrant[] {
  return rows
    .filter((r) => isRole(r.role))
    .map((r) => ({
      role: r.role as RoleGrant['role'],
      officeId: r.office_id,
      schoolId: r.school_id,
      ...(r.acting_for ? { acting: true } : {}),
    }));
}
