/**
 * The office of the salary round scenario and of its benchmark: สพป.พัทลุง เขต 1
 * in seed 004 — 96 schools, each with its director, and 1,091 staff (the first
 * is the fixture teacher, who has a user and files a grievance).
 */
import { type Actor, type ManualClock } from '@esa-flow/engine';
import { loadUserActor, type Database } from '@esa-flow/engine/internal';
import { actorOf, seedOffice, type OfficeFixture } from '../../engine/test/support/index';
import type { StaffRecordInput } from '../src/salary/index';
import { syntheticRoster } from './salary-fixtures';

export const SALARY_STAFF = 1091;
export const SALARY_SCHOOLS = 96;

export interface SalaryOffice {
  office: OfficeFixture;
  hr: Actor;
  area: Actor;
  group: Actor;
  teacher: Actor;
  auditor: Actor;
  schoolIds: string[];
  schoolNames: Map<string, string>;
  directorOf: Map<string, Actor>;
  roster: StaffRecordInput[];
}

export async function seedSalaryOffice(db: Database, clock: ManualClock): Promise<SalaryOffice> {
  const office = await seedOffice(db, 'PTL1');
  const hr = await actorOf(db, office.users.hr);
  const area = await actorOf(db, office.users.area);
  const group = await actorOf(db, office.users.group);
  const teacher = await actorOf(db, office.users.teacher);
  const auditor = await actorOf(db, office.users.auditor);
  // 94 more schools, each with its director
  const extra = await db
    .insertInto('schools')
    .values(
      Array.from({ length: SALARY_SCHOOLS - 2 }, (_, i) => ({
        office_id: office.officeId,
        code: `ptl1-${i + 3}`,
        name_th: `โรงเรียนบ้านทดสอบ ${i + 3}`,
        name_en: `Test school ${i + 3}`,
      })),
    )
    .returning('id')
    .execute();
  const schoolIds = [...office.schoolIds, ...extra.map((s) => s.id)];
  const schoolNames = new Map<string, string>();
  schoolIds.forEach((id, i) => schoolNames.set(id, `โรงเรียนบ้านทดสอบ ${String(i + 1).padStart(2, '0')}`));
  const directorOf = new Map<string, Actor>();
  directorOf.set(office.schoolIds[0], await actorOf(db, office.users.director));
  directorOf.set(office.schoolIds[1], await actorOf(db, office.users.director2));
  const people = await db
    .insertInto('people')
    .values(extra.map((s, i) => ({ first_name_th: `ผอ.${i + 3}`, last_name_th: 'ทดสอบ', office_id: office.officeId, school_id: s.id })))
    .returning(['id', 'school_id'])
    .execute();
  const accounts = await db
    .insertInto('users')
    .values(people.map((p, i) => ({ username: `director-ptl1-${i + 3}`, person_id: p.id })))
    .returning(['id', 'person_id'])
    .execute();
  await db
    .insertInto('role_assignments')
    .values(
      accounts.map((u, i) => ({
        user_id: u.id,
        role: 'school_director',
        office_id: office.officeId,
        school_id: people[i]!.school_id,
        valid_from: '2020-01-01T00:00:00Z',
      })),
    )
    .execute();
  for (const [i, u] of accounts.entries()) directorOf.set(people[i]!.school_id!, await loadUserActor(db, u.id, clock.now()));
  // the 1,091 staff: person rows, the first one is the fixture teacher (who has a user and files a grievance)
  const roster = syntheticRoster(SALARY_STAFF, { seed: 1091, schoolIds, evaluationFrom: '2024-10-01' });
  const rows = await db
    .insertInto('people')
    .values(
      roster
        .slice(1)
        .map((r) => ({ first_name_th: r.nameTh, last_name_th: 'ทดสอบ', office_id: office.officeId, school_id: r.schoolId ?? null })),
    )
    .returning('id')
    .execute();
  roster[0] = {
    ...roster[0]!,
    personId: office.users.teacher.personId,
    schoolId: office.schoolIds[0],
    position: 'ครู',
    academicStanding: 'none',
    leave: undefined,
    penalties: [],
    serviceStartedOn: '2012-05-16',
  };
  rows.forEach((r, i) => (roster[i + 1] = { ...roster[i + 1]!, personId: r.id }));
  // the director of the first school is on the roster as that school's director (the line of command: the area director appraises them)
  const own = roster.findIndex((r, i) => i > 0 && r.schoolId === office.schoolIds[0] && r.position === 'ผู้อำนวยการสถานศึกษา');
  roster[own] = { ...roster[own]!, personId: office.users.director.personId };
  return { office, hr, area, group, teacher, auditor, schoolIds, schoolNames, directorOf, roster };
}
