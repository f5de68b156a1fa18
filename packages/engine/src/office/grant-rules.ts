/**
 * The rules a role grant keeps (docs/access.md "Granting roles"):
 * - a school role (`teacher`, `school_director`) is granted for a school of the
 *   office (`ROLE_NEEDS_SCHOOL`); an office role without one (`ROLE_TAKES_NO_SCHOOL`);
 * - the office's last admin grant in force is not revoked (`LAST_ADMIN_GRANT`),
 *   so an office is never left without anyone to manage its users.
 * Each refusal is thrown before anything is written.
 */
import type { Database } from '../db/database';
import { isSchoolScopedRole, type Role } from '../access/roles';
import { EsaError } from '../errors';

export function assertGrantScope(role: Role, schoolId: string | null): void {
  if (isSchoolScopedRole(role) && schoolId === null) throw new EsaError('ROLE_NEEDS_SCHOOL', { role });
  if (!isSchoolScopedRole(role) && schoolId !== null) throw new EsaError('ROLE_TAKES_NO_SCHOOL', { role, schoolId });
}

/**
 * Refuses to end `assignmentId` when it is an office-wide admin grant in force
 * now and no other enabled user holds one. Call inside the revoking
 * transaction: the office's row is locked, so two admins revoking each other
 * at once cannot both succeed.
 */
export async function assertNotLastAdmin(
  trx: Database,
  officeId: string,
  grant: { id: string; role: string; schoolId: string | null; validFrom: Date; validUntil: Date | null },
  now: Date,
): Promise<void> {
  const inForce = grant.validFrom <= now && (grant.validUntil === null || grant.validUntil > now);
  if (grant.role !== 'admin' || grant.schoolId !== null || !inForce) return;
  await trx.selectFrom('offices').select('id').where('id', '=', officeId).forUpdate().executeTakeFirst();
  const other = await trx
    .selectFrom('role_assignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select('ra.id')
    .where('ra.office_id', '=', officeId)
    .where('ra.role', '=', 'admin')
    .where('ra.school_id', 'is', null)
    .where('ra.id', '!=', grant.id)
    .where('ra.valid_from', '<=', now)
    .where((eb) => eb.or([eb('ra.valid_until', 'is', null), eb('ra.valid_until', '>', now)]))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!other) throw new EsaError('LAST_ADMIN_GRANT', { officeId, assignmentId: grant.id });
}
