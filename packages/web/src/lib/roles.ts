/**
 * The roles of an office (packages/engine/src/access/roles.ts), as people
 * call them, Thai first. Kept in the order the engine lists them, which is
 * also the order the admin pages offer them in.
 */
import type { Label } from '../../lib/api';

export const ROLE_LABELS = {
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
} as const satisfies Record<string, Label>;

export type RoleName = keyof typeof ROLE_LABELS;
export const ROLE_NAMES = Object.keys(ROLE_LABELS) as RoleName[];

/** A role's label; an unknown role (a newer server) shows its code. */
export function roleLabel(role: string): Label {
  return (ROLE_LABELS as Record<string, Label>)[role] ?? { th: role, en: role };
}
