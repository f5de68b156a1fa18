/**
 * The demo's teachers and the directors of its other schools: enough people
 * for a transfer round and a salary round to look like an office's work. All
 * share the demo password hash (hashing once keeps first start fast).
 */
import { insertDemoAccount, type Actor, type Engine } from '@esa-flow/engine';

export interface DemoPerson {
  userId: string;
  personId: string;
  schoolIndex: number;
  nameTh: string;
  actor: Actor;
}

const FIRST = [
  'สมชาย',
  'สุนีย์',
  'ประภา',
  'วีระ',
  'อรุณี',
  'ชัยวัฒน์',
  'กาญจนา',
  'ธีรพงษ์',
  'นงลักษณ์',
  'พิมพ์ใจ',
  'สมพร',
  'อนุชา',
  'รัตนา',
  'ปิยะ',
  'จันทร์เพ็ญ',
];
const LAST = ['ใจงาม', 'มีสุข', 'ทองดี', 'ศรีวงศ์', 'บุญมา', 'แก้วใส', 'พรหมมา', 'สายทอง', 'คำแก้ว', 'อินทร์จันทร์'];

/** One person with a user and a role at a school (or office-wide: `schoolId` null), returned with an actor holding that grant. */
export async function personWithRole(
  engine: Engine,
  officeId: string,
  schoolId: string | null,
  schoolIndex: number,
  username: string,
  nameTh: string,
  role: 'teacher' | 'school_director' | 'committee_member',
  passwordHash: string,
): Promise<DemoPerson> {
  const { userId, personId } = await insertDemoAccount(engine, {
    officeId,
    schoolId,
    username,
    nameTh,
    role,
    passwordHash,
    position: role === 'committee_member' ? 'ศึกษานิเทศก์' : null,
  });
  return { userId, personId, schoolIndex, nameTh, actor: { kind: 'user', id: userId, personId, grants: [{ role, officeId, schoolId }] } };
}

/**
 * Directors for every school but the first (which has the `school` demo
 * user) and `teachersPerSchool` teachers at each school, usernames
 * `demo-teacher-NN` and `demo-director-N`.
 */
export async function seedDemoStaff(
  engine: Engine,
  officeId: string,
  schoolIds: readonly string[],
  passwordHash: string,
  teachersPerSchool: number,
): Promise<{ directors: DemoPerson[]; teachers: DemoPerson[] }> {
  const directors: DemoPerson[] = [];
  for (const [s, schoolId] of schoolIds.entries()) {
    if (s === 0) continue;
    directors.push(
      await personWithRole(
        engine,
        officeId,
        schoolId,
        s,
        `demo-director-${s + 1}`,
        `นายประสิทธิ์ ${LAST[s % LAST.length]!}`,
        'school_director',
        passwordHash,
      ),
    );
  }
  const teachers: DemoPerson[] = [];
  for (let i = 0; i < teachersPerSchool * schoolIds.length; i++) {
    const s = i % schoolIds.length;
    const name = `${FIRST[i % FIRST.length]!} ${LAST[(i * 7) % LAST.length]!}${i >= FIRST.length ? ` ${Math.floor(i / FIRST.length) + 1}` : ''}`;
    teachers.push(
      await personWithRole(
        engine,
        officeId,
        schoolIds[s]!,
        s,
        `demo-teacher-${String(i + 1).padStart(2, '0')}`,
        name,
        'teacher',
        passwordHash,
      ),
    );
  }
  return { directors, teachers };
}

/** The Bangkok calendar date `days` after the Bangkok date of `now` (YYYY-MM-DD). */
export function bangkokDate(now: Date, days: number): string {
  return new Date(now.getTime() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
