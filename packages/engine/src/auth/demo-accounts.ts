/**
 * The demo sign-ins (`users.demo`, not disabled) for the sign-in page of a
 * server in demo mode: username, the role they hold (the first by the order
 * below) with its label, and the person's name. Office staff come first, the
 * many demo teachers last.
 */
import type { Database } from '../db/database';
import { personNameEn, personNameTh } from '../access/person-name';
import { isRole, ROLE_LABELS, type Role } from '../access/roles';

const ROLE_ORDER: readonly Role[] = [
  'hr_officer',
  'group_director',
  'area_director',
  'admin',
  'auditor',
  'committee_chair',
  'committee_secretary',
  'committee_member',
  'school_director',
  'teacher',
];

export interface DemoAccount {
  username: string;
  role: Role | null;
  roleLabel: { th: string; en: string } | null;
  nameTh: string | null;
  nameEn: string | null;
}

export async function listDemoAccounts(db: Database, now: Date): Promise<DemoAccount[]> {
  const users = await db
    .selectFrom('users as u')
    .leftJoin('people as p', 'p.id', 'u.person_id')
    .select(['u.id', 'u.username', 'p.title_th', 'p.first_name_th', 'p.last_name_th', 'p.first_name_en', 'p.last_name_en'])
    .where('u.demo', '=', true)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.username')
    .limit(500)
    .execute();
  if (users.length === 0) return [];
  const grants = await db
    .selectFrom('role_assignments')
    .select(['user_id', 'role'])
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .where('valid_from', '<=', now)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now)]))
    .execute();
  const rank = (role: Role | null) => (role === null ? ROLE_ORDER.length : ROLE_ORDER.indexOf(role));
  return users
    .map((u): DemoAccount => {
      const roles = grants.filter((g) => g.user_id === u.id && isRole(g.role)).map((g) => g.role as Role);
      const role = roles.sort((a, b) => rank(a) - rank(b))[0] ?? null;
      return {
        username: u.username,
        role,
        roleLabel: role ? { th: ROLE_LABELS[role].th, en: ROLE_LABELS[role].en } : null,
        nameTh: personNameTh(u),
        nameEn: personNameEn(u),
      };
    })
    .sort((a, b) => rank(a.role) - rank(b.role));
}
