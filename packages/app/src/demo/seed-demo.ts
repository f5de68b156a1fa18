/**
 * Demo data for `pnpm start` on first start: an office with schools, staff of
 * every role (password `demo1234`) and thirty teachers, the committees, cases
 * of every procedure that can be opened with sample data — some opened weeks
 * ago so their deadlines have passed and the supervisor has something overdue
 * to look at — a transfer round taking requests (ten requests at several
 * steps), earlier transfer rounds stopped at each later phase (scoring,
 * screening, approval, orders, closed), academic-standing cases at several
 * steps (one returned for revision, two ended) and a salary round at the
 * appraisal (some scores entered).
 * Idempotent: does nothing when the demo office exists. What cannot be seeded
 * is reported in `skipped`, never thrown.
 */
import {
  addCommitteeMember,
  createCommittee,
  insertDemoAccount,
  insertDemoOffice,
  ManualClock,
  officeIdByCode,
  SYSTEM_ACTOR,
  type Actor,
  type Engine,
  type Role,
  type WorkflowRegistry,
} from '@esa-flow/engine';
import { DEMO_PASSWORD, hashPassword } from '@esa-flow/server';
import { demoInputs } from './demo-inputs';
import { seedDemoSalaryRound } from './demo-salary-round';
import { seedDemoStaff, type DemoPerson } from './demo-staff';
import { seedDemoTransferRound } from './demo-transfer-round';
import { seedDemoAcademicStanding } from './demo-academic-standing';
import { ROUND_STAGES, seedDemoRoundAtStage } from './demo-round-stages';

export const DEMO_OFFICE_CODE = 'demo-phitsanulok-2';
export { DEMO_PASSWORD };

export interface DemoUser {
  username: string;
  role: Role;
  nameTh: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'hr', role: 'hr_officer', nameTh: 'นางสาวมาลี ใจดี (เจ้าหน้าที่บุคคล)' },
  { username: 'group', role: 'group_director', nameTh: 'นายวิชัย ตั้งใจ (ผอ.กลุ่มบริหารงานบุคคล)' },
  { username: 'director', role: 'area_director', nameTh: 'ดร.สมศักดิ์ รักเรียน (ผอ.สพป.)' },
  { username: 'school', role: 'school_director', nameTh: 'นางวันเพ็ญ ศรีสุข (ผอ.โรงเรียนบ้านนา)' },
  { username: 'teacher', role: 'teacher', nameTh: 'นายกิตติ พากเพียร (ครู)' },
  { username: 'auditor', role: 'auditor', nameTh: 'นางสุดา ตรวจดี (ผู้ตรวจสอบ)' },
  { username: 'admin', role: 'admin', nameTh: 'นายเอกชัย ระบบดี (ผู้ดูแลระบบ)' },
];

/** What a person calls each kind of committee (a committee's name never shows its kind's code). */
const COMMITTEE_NAMES: Record<string, { th: string; en: string }> = {
  annual_action_plan: { th: 'คณะกรรมการพิจารณาแผนปฏิบัติการประจำปี', en: 'Annual action plan committee' },
  area_approval: { th: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา', en: 'Area sub-committee (OTEPC)' },
  award_selection: { th: 'คณะกรรมการคัดเลือกผู้ได้รับรางวัล', en: 'Award selection committee' },
  development_plan: { th: 'คณะกรรมการพิจารณาแผนพัฒนาบุคลากร', en: 'Development plan committee' },
  salary_budget: { th: 'คณะกรรมการบริหารวงเงินเลื่อนเงินเดือน', en: 'Salary budget committee' },
  salary_screening: { th: 'คณะกรรมการกลั่นกรองการเลื่อนเงินเดือน', en: 'Salary screening committee' },
  transfer_screening: { th: 'คณะกรรมการกลั่นกรองการย้าย', en: 'Transfer screening committee' },
  screening: { th: 'คณะกรรมการกลั่นกรอง', en: 'Screening committee' },
};

export async function seedDemo(owner: Engine, registry: WorkflowRegistry, now: Date): Promise<{ created: boolean; skipped: string[] }> {
  if ((await officeIdByCode(owner, DEMO_OFFICE_CODE)) !== undefined) return { created: false, skipped: [] };
  const { officeId, schools } = await insertDemoOffice(
    owner,
    {
      code: DEMO_OFFICE_CODE,
      nameTh: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 2 (สาธิต)',
      nameEn: 'Phitsanulok Primary Educational Service Area Office 2 (demo)',
      level: 'primary',
    },
    [
      { code: 'demo-banna', nameTh: 'โรงเรียนบ้านนา', nameEn: 'Ban Na School' },
      { code: 'demo-nongbua', nameTh: 'โรงเรียนบ้านหนองบัว', nameEn: 'Ban Nong Bua School' },
      { code: 'demo-wattha', nameTh: 'โรงเรียนวัดท่าช้าง', nameEn: 'Wat Tha Chang School' },
    ],
  );
  const hash = await hashPassword(DEMO_PASSWORD);
  const people: Record<string, { userId: string; personId: string }> = {};
  for (const u of DEMO_USERS) {
    const schoolId = u.role === 'teacher' || u.role === 'school_director' ? schools[0]!.id : null;
    people[u.username] = await insertDemoAccount(owner, {
      officeId,
      schoolId,
      username: u.username,
      nameTh: u.nameTh,
      role: u.role,
      passwordHash: hash,
    });
  }

  // Committees with members drawn from the staff.
  const clock = new ManualClock(now);
  const engine = owner.withClock(clock);
  const kinds = new Set(
    registry.list().flatMap((d) =>
      Object.values(d.steps)
        .map((s) => s.committee?.kind)
        .filter((k): k is string => k !== undefined),
    ),
  );
  const committees: Record<string, string> = {};
  for (const kind of kinds.size > 0 ? kinds : new Set(['screening'])) {
    const { committeeId } = await createCommittee(engine, SYSTEM_ACTOR, {
      officeId,
      kind,
      nameTh: `${COMMITTEE_NAMES[kind]?.th ?? 'คณะกรรมการพิจารณา'} (สาธิต)`,
      nameEn: `${COMMITTEE_NAMES[kind]?.en ?? 'Review committee'} (demo)`,
    });
    committees[kind] = committeeId;
    const seats = [
      ['director', 'chair'],
      ['hr', 'secretary'],
      ['group', 'member'],
      ['school', 'member'],
      ['auditor', 'member'],
    ] as const;
    for (const [who, seat] of seats) {
      await addCommitteeMember(engine, SYSTEM_ACTOR, {
        committeeId,
        personId: people[who]!.personId,
        seat,
        termFrom: '2024-01-01',
        termUntil: null,
      });
    }
  }

  // Cases: for every procedure a teacher or an officer may open, one opened today and one opened
  // three weeks ago (its deadlines have passed: something overdue to find).
  const hrActor: Actor = {
    kind: 'user',
    id: people.hr!.userId,
    personId: people.hr!.personId,
    grants: [{ role: 'hr_officer', officeId, schoolId: null }],
  };
  const teacherActor: Actor = {
    kind: 'user',
    id: people.teacher!.userId,
    personId: people.teacher!.personId,
    grants: [{ role: 'teacher', officeId, schoolId: schools[0]!.id }],
  };
  const skipped: string[] = [];
  const samples = demoInputs(now);
  for (const def of registry.list()) {
    // procedures whose opening needs real data use a sample, or are opened from the UI or a round
    const input = def.input.safeParse({}).success ? {} : samples[def.id];
    if (input === undefined) continue;
    const actor = def.starters.includes('hr_officer') ? hrActor : def.starters.includes('teacher') ? teacherActor : null;
    if (!actor) continue;
    for (const daysAgo of [21, 0]) {
      clock.set(new Date(now.getTime() - daysAgo * 86_400_000));
      await engine
        .startCase({
          actor,
          workflowId: def.id,
          version: def.version,
          officeId,
          schoolId: schools[0]!.id,
          subjectPersonId: people.teacher!.personId,
          title: `${def.title.th} (ตัวอย่าง${daysAgo > 0 ? ' — เปิดเมื่อ 3 สัปดาห์ก่อน' : ''})`,
          input,
        })
        .catch((error: unknown) => {
          // a procedure that refuses this demo opening is left out, and said so
          skipped.push(`${def.key}: ${error instanceof Error ? error.message : String(error)}`);
        });
    }
  }
  // A transfer round and a salary round under way, with more teachers to take part in them.
  const staff = await seedDemoStaff(
    owner,
    officeId,
    schools.map((s) => s.id),
    hash,
    10,
  );
  const groupActor: Actor = {
    kind: 'user',
    id: people.group!.userId,
    personId: people.group!.personId,
    grants: [{ role: 'group_director', officeId, schoolId: null }],
  };
  const schoolActor: Actor = {
    kind: 'user',
    id: people.school!.userId,
    personId: people.school!.personId,
    grants: [{ role: 'school_director', officeId, schoolId: schools[0]!.id }],
  };
  const directors = [schoolActor, ...staff.directors.map((d) => d.actor)];
  const demoTeacher: DemoPerson = {
    userId: people.teacher!.userId,
    personId: people.teacher!.personId,
    schoolIndex: 0,
    nameTh: DEMO_USERS.find((u) => u.username === 'teacher')!.nameTh,
    actor: teacherActor,
  };
  const has = (id: string) => registry.list().some((d) => d.id === id);
  const round = async (label: string, ids: string[], seed: () => Promise<unknown>) => {
    if (!ids.every(has)) return;
    await seed().catch((error: unknown) => {
      skipped.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  await round('transfer-round', ['transfer-round', 'transfer-request'], () =>
    seedDemoTransferRound({
      engine,
      clock,
      now,
      officeId,
      schools: schools.map((s) => ({ id: s.id, nameTh: s.name_th })),
      hr: hrActor,
      group: groupActor,
      directors,
      applicants: [demoTeacher, ...staff.teachers.slice(0, 9)],
    }),
  );
  // earlier rounds stopped at every later phase (scoring … closed), four requests each at the steps that phase brings
  const areaActor: Actor = {
    kind: 'user',
    id: people.director!.userId,
    personId: people.director!.personId,
    grants: [{ role: 'area_director', officeId, schoolId: null }],
  };
  const yearBe = Number(now.toISOString().slice(0, 4)) + 543;
  for (const [k, stage] of ROUND_STAGES.entries()) {
    await round(`transfer-round (${stage})`, ['transfer-round', 'transfer-request'], () =>
      seedDemoRoundAtStage({
        engine,
        clock,
        now,
        officeId,
        schools: schools.map((s) => ({ id: s.id, nameTh: s.name_th })),
        hr: hrActor,
        group: groupActor,
        area: areaActor,
        directors,
        applicants: staff.teachers.slice(9 + 4 * k, 13 + 4 * k),
        stage,
        committees,
        roundNo: k === 0 ? 2 : k,
        yearBe: k === 0 ? yearBe : yearBe - 1,
      }),
    );
  }
  await round('academic-standing', ['academic-standing'], () =>
    seedDemoAcademicStanding({
      engine,
      clock,
      now,
      officeId,
      hr: hrActor,
      applicants: [demoTeacher, ...staff.teachers.slice(20, 25)],
      schoolIds: schools.map((s) => s.id),
      passwordHash: hash,
      areaCommitteeId: committees.area_approval!,
    }),
  );
  await round('salary-round', ['salary-round', 'salary-raise'], () =>
    seedDemoSalaryRound({
      engine,
      clock,
      now,
      officeId,
      hr: hrActor,
      directors,
      staff: [demoTeacher, ...staff.teachers],
      schoolIds: schools.map((s) => s.id),
      scored: 12,
    }),
  );
  clock.set(now);
  return { created: true, skipped };
}
