/**
 * Who is who in an educational service area office. A role is always granted
 * within a scope: an office (เขต) as a whole, or one school of that office.
 */
export const ROLES = [
  'teacher', // ครู / ผู้ยื่นคำขอ
  'school_director', // ผู้อำนวยการสถานศึกษา
  'hr_officer', // เจ้าหน้าที่กลุ่มบริหารงานบุคคล
  'group_director', // ผู้อำนวยการกลุ่ม
  'area_director', // ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา (ผอ.สพท.)
  'committee_member',
  'committee_secretary',
  'committee_chair',
  'auditor', // ผู้ตรวจสอบ (อ่านอย่างเดียว)
  'admin', // ผู้ดูแลระบบของสำนักงานเขต
] as const;

export type Role = (typeof ROLES)[number];

/**
 * Roles a workflow step or event may name besides the granted ones:
 * - `applicant`: the person the case is about (the teacher who filed it);
 * - `committee`: a committee of the case's office acting through a resolution;
 * - `system`: the engine itself (timers, cycles).
 */
export const RELATION_ROLES = ['applicant', 'committee', 'system'] as const;
export type RelationRole = (typeof RELATION_ROLES)[number];
export type ActingRole = Role | RelationRole;

/**
 * How far a role sees. `office`: every case of the office (or of the school,
 * when the grant is for a school). `own`: only cases about oneself.
 */
export const ROLE_READ_SCOPE: Readonly<Record<Role, 'office' | 'own'>> = Object.freeze({
  teacher: 'own',
  school_director: 'office',
  hr_officer: 'office',
  group_director: 'office',
  area_director: 'office',
  committee_member: 'office',
  committee_secretary: 'office',
  committee_chair: 'office',
  auditor: 'office',
  admin: 'office',
});

/**
 * Roles held in one school: granted with a school of the office (a
 * `school_director` without one would certify for every school). Every other
 * role is the office's, granted without a school.
 */
export const SCHOOL_SCOPED_ROLES: readonly Role[] = Object.freeze(['teacher', 'school_director']);

export function isSchoolScopedRole(role: Role): boolean {
  return SCHOOL_SCOPED_ROLES.includes(role);
}

export const ROLE_LABELS: Readonly<Record<ActingRole, { th: string; en: string }>> = Object.freeze({
  teacher: { th: 'ครู', en: 'Teacher' },
  school_director: { th: 'ผู้อำนวยการสถานศึกษา', en: 'School director' },
  hr_officer: { th: 'เจ้าหน้าที่กลุ่มบริหารงานบุคคล', en: 'HR officer' },
  group_director: { th: 'ผู้อำนวยการกลุ่ม', en: 'Group director' },
  area_director: { th: 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา', en: 'Area director' },
  committee_member: { th: 'กรรมการ', en: 'Committee member' },
  committee_secretary: { th: 'เลขานุการคณะกรรมการ', en: 'Committee secretary' },
  committee_chair: { th: 'ประธานคณะกรรมการ', en: 'Committee chair' },
  auditor: { th: 'ผู้ตรวจสอบ', en: 'Auditor' },
  admin: { th: 'ผู้ดูแลระบบ', en: 'Administrator' },
  applicant: { th: 'ผู้ยื่นคำขอ', en: 'Applicant' },
  committee: { th: 'คณะกรรมการ', en: 'Committee' },
  system: { th: 'ระบบ', en: 'System' },
});

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
