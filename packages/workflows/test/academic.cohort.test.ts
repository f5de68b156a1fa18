/**
 * The seed-004 cohort of สพป.พัทลุง เขต ๒ (FY 2567) replayed through the real
 * engine: 137 teachers file, the area checks and proposes committees, the
 * อ.ก.ค.ศ. approves the committees at a meeting (gate 1), six evaluators
 * score every case (one sends a supervisor's academic work back for
 * revision), the อ.ก.ค.ศ. approves the results of aspect 1 and then aspect 2
 * at meetings (gate 2), the failures are recorded with an adviser; then the
 * summary the area would report is read from the database.
 *
 * The document's table (seed-004 §3.2): ชำนาญการ 99 (96 passed "ร้อยละ ๙๖.๕๗",
 * 3 failed "ร้อยละ ๓.๐๓"), ชำนาญการพิเศษ 33 (30 "๙๐.๙๑" / 3 "๙.๐๙"),
 * ผู้อำนวยการเชี่ยวชาญ 4 (all failed), ศึกษานิเทศก์เชี่ยวชาญ 1 under revision.
 * 96/99 is 96.97 %: the document's 96.57 % is a slip, and the report here
 * computes the right figure.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import {
  addCommitteeMember,
  closeMeetingAndApply,
  createCommittee,
  createEngine,
  openMeeting,
  publishWorkflows,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase, engineOn } from '../../engine/test/support/index';
import {
  academicStanding,
  cohortReportLines,
  loadCohortRows,
  preAppointmentDevelopment,
  summarizeCohort,
  type Application,
  type CohortSummary,
  type Evaluator,
  type Level,
  type Position,
} from '../src/academic-standing/index';

const bkk = (local: string) => new Date(`${local}+07:00`).toISOString();
const clock = new ManualClock(bkk('2024-01-15T10:00:00'));
let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
let secretary: Actor;
const memberIds: string[] = [];
let committeeId: string;
const evaluators: { e: Evaluator; actor: Actor }[] = [];

/** One group of the document's table and what each applicant in it will get. */
interface Group {
  position: Position;
  level: Level;
  current: Application['currentLevel'];
  outcomes: ('pass' | 'fail' | 'revise')[];
}
const times = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);
const COHORT: Group[] = [
  { position: 'teacher', level: 'professional', current: 'none', outcomes: [...times(96, 'pass' as const), ...times(3, 'fail' as const)] },
  {
    position: 'teacher',
    level: 'senior_professional',
    current: 'professional',
    outcomes: [...times(30, 'pass' as const), ...times(3, 'fail' as const)],
  },
  { position: 'school_director', level: 'expert', current: 'senior_professional', outcomes: times(4, 'fail' as const) },
  { position: 'supervisor', level: 'expert', current: 'senior_professional', outcomes: ['revise'] },
];

const EVIDENCE: Record<Level, Application['evidence']> = {
  professional: [
    { kind: 'pa_results', title: 'PA 2564–2566' },
    { kind: 'lesson_plans', title: 'แผนการจัดการเรียนรู้' },
    { kind: 'teaching_video', title: 'คลิปวิดีโอ' },
  ],
  senior_professional: [
    { kind: 'pa_results', title: 'PA 2564–2566' },
    { kind: 'lesson_plans', title: 'แผนการจัดการเรียนรู้' },
    { kind: 'teaching_video', title: 'คลิปวิดีโอ' },
    { kind: 'development_certificate', title: 'วุฒิบัตรการพัฒนา' },
  ],
  expert: [
    { kind: 'pa_results', title: 'PA 2564–2566' },
    { kind: 'development_certificate', title: 'วุฒิบัตรการพัฒนา' },
    { kind: 'academic_work', title: 'ผลงานทางวิชาการ' },
  ],
  senior_expert: [],
};

function applicationOf(g: Group, i: number): Application {
  return {
    position: g.position,
    currentLevel: g.current,
    currentLevelSince: `20${String(14 + (i % 5)).padStart(2, '0')}-05-16`,
    targetLevel: g.level,
    paResults: [2564, 2565, 2566].map((fiscalYear) => ({ fiscalYear, evaluatorPercents: [78 + (i % 10), 80, 85] })),
    penalties: [],
    ...(g.level === 'professional' ? {} : { development: { passedOn: '2023-11-10' } }),
    evidence: EVIDENCE[g.level],
  };
}

interface Filed {
  caseId: string;
  outcome: 'pass' | 'fail' | 'revise';
}
const filed: Filed[] = [];

async function newUser(
  label: string,
  role: 'teacher' | 'committee_member',
  schoolId: string | null,
): Promise<{ userId: string; personId: string }> {
  const person = await tdb.db
    .insertInto('people')
    .values({ first_name_th: label, last_name_th: 'พัทลุง', office_id: office.officeId, school_id: schoolId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await tdb.db
    .insertInto('users')
    .values({ username: `${label}-${randomUUID().slice(0, 8)}`, person_id: person.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role, office_id: office.officeId, school_id: schoolId, valid_from: '2020-01-01' })
    .execute();
  return { userId: user.id, personId: person.id };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([academicStanding, preAppointmentDevelopment]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db, 'PTL2');
  await tdb.db
    .updateTable('offices')
    .set({ name_th: 'สพป.พัทลุง เขต 2', name_en: 'Phatthalung Primary ESA 2' })
    .where('id', '=', office.officeId)
    .execute();
  hr = await actorOf(tdb.db, office.users.hr);

  // the area approval body (อ.ก.ค.ศ. เขต): a chair, a secretary and three members
  ({ committeeId } = await createCommittee(engineDeps(engine), hr, {
    officeId: office.officeId,
    kind: 'area_approval',
    nameTh: 'อ.ก.ค.ศ. สพป.พัทลุง เขต 2',
    nameEn: 'Area teacher-personnel sub-committee',
  }));
  for (const [i, seat] of (['chair', 'secretary', 'member', 'member', 'member'] as const).entries()) {
    const m = await newUser(`อกคศ${i + 1}`, 'committee_member', null);
    memberIds.push(
      (
        await addCommitteeMember(engineDeps(engine), hr, {
          committeeId,
          personId: m.personId,
          seat,
          termFrom: '2023-10-01',
          termUntil: '2025-09-30',
        })
      ).memberId,
    );
    if (seat === 'secretary') secretary = await actorOf(tdb.db, m);
  }
  // six evaluators: three for ด้านที่ 1, three for ด้านที่ 2
  for (let i = 1; i <= 6; i++) {
    const u = await newUser(`กรรมการประเมิน${i}`, 'committee_member', null);
    evaluators.push({ e: { userId: u.userId, personId: u.personId, name: `กรรมการประเมิน${i} พัทลุง` }, actor: await actorOf(tdb.db, u) });
  }
});
afterAll(() => tdb.drop());

/** One อ.ก.ค.ศ. meeting: the agenda is every case waiting for it; every item is approved; the resolutions are applied. */
async function meeting(title: string, whenLocal: string, expectedItems: number): Promise<void> {
  clock.set(bkk(whenLocal));
  const { meetingId, agendaItems } = await scheduleMeeting(engineDeps(engine), secretary, {
    committeeId,
    title,
    scheduledAt: bkk(whenLocal),
    place: 'ห้องประชุม สพป.พัทลุง เขต 2',
  });
  expect(agendaItems).toBe(expectedItems);
  await openMeeting(engineDeps(engine), secretary, { meetingId, present: memberIds });
  const items = await tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).orderBy('position').execute();
  for (const item of items) await recordResolution(engineDeps(engine), secretary, { itemId: item.id, resolution: 'approve' });
  expect(await closeMeetingAndApply(engineDeps(engine), secretary, meetingId)).toEqual({ applied: expectedItems, deferred: 0 });
}

async function countByState(): Promise<Record<string, number>> {
  const rows = await tdb.db.selectFrom('cases').select(['state']).where('workflow_id', '=', 'academic-standing').execute();
  const out: Record<string, number> = {};
  for (const r of rows) out[r.state] = (out[r.state] ?? 0) + 1;
  return out;
}

describe('seed-004 cohort, สพป.พัทลุง เขต 2, FY 2567', () => {
  let summary: CohortSummary;

  it('replays 137 requests through the engine: filing, check, gate 1, scores, a revision, gate 2 per aspect, failures recorded', async () => {
    // 1. the teachers file (Mon 15 Jan 2567)
    let n = 0;
    for (const g of COHORT) {
      for (const [i, outcome] of g.outcomes.entries()) {
        n += 1;
        const schoolId = office.schoolIds[n % 2]!;
        const u = await newUser(`ผู้ยื่น${n}`, 'teacher', schoolId);
        const teacher = await actorOf(tdb.db, u);
        const { caseId } = await engine.startCase({
          actor: teacher,
          workflowId: 'academic-standing',
          officeId: office.officeId,
          schoolId,
          subjectPersonId: u.personId,
          title: `คำขอวิทยฐานะ ราย ${n}`,
          input: applicationOf(g, i),
        });
        filed.push({ caseId, outcome });
      }
    }
    expect(filed).toHaveLength(137);

    // 2. the area checks eligibility and proposes the committees (Wed 17 Jan; Tue 16 Jan is วันครู)
    clock.set(bkk('2024-01-17T10:00:00'));
    for (const f of filed) {
      await engine.dispatch({ actor: hr, caseId: f.caseId, type: 'ACCEPT_ELIGIBLE', payload: {} });
      await engine.dispatch({
        actor: hr,
        caseId: f.caseId,
        type: 'PROPOSE_COMMITTEES',
        payload: { aspect1: evaluators.slice(0, 3).map((x) => x.e), aspect2: evaluators.slice(3, 6).map((x) => x.e) },
      });
    }

    // 3. gate 1: the อ.ก.ค.ศ. approves the committees
    await meeting('ประชุม อ.ก.ค.ศ. ครั้งที่ 1/2567', '2024-01-25T09:30:00', 137);
    expect(await countByState()).toEqual({ evaluation: 137 });

    // 4. the evaluators score; a failing case gets 60 % from one evaluator of ด้านที่ 2; the supervisor's work goes back for revision
    clock.set(bkk('2024-02-20T10:00:00'));
    for (const f of filed) {
      if (f.outcome === 'revise') {
        await engine.dispatch({
          actor: evaluators[3]!.actor,
          caseId: f.caseId,
          type: 'REQUEST_REVISION',
          payload: { note: 'ปรับปรุงผลงานทางวิชาการบทที่ 4–5' },
        });
        continue;
      }
      for (const [k, ev] of evaluators.entries()) {
        const percent = f.outcome === 'fail' && k === 5 ? 60 : 80 + k;
        await engine.dispatch({ actor: ev.actor, caseId: f.caseId, type: 'SUBMIT_SCORE', payload: { aspect: k < 3 ? 1 : 2, percent } });
      }
    }
    expect(await countByState()).toEqual({ aspect1Approval: 136, revision: 1 });

    // 5. gate 2: the results of ด้านที่ 1, then ด้านที่ 2 (two agenda items, one per aspect, at one sitting)
    await meeting('ประชุม อ.ก.ค.ศ. ครั้งที่ 3/2567 วาระ 4.1 ผลการประเมินด้านที่ 1', '2024-03-21T09:30:00', 136);
    await meeting('ประชุม อ.ก.ค.ศ. ครั้งที่ 3/2567 วาระ 4.2 ผลการประเมินด้านที่ 2', '2024-03-21T11:00:00', 136);
    expect(await countByState()).toEqual({ certification: 126, failureReport: 10, revision: 1 });

    // 6. the failures are recorded with the committee's recommendations and a supervisor as adviser
    clock.set(bkk('2024-03-22T10:00:00'));
    for (const f of filed.filter((x) => x.outcome === 'fail')) {
      await engine.dispatch({
        actor: hr,
        caseId: f.caseId,
        type: 'RECORD_FAILURE',
        payload: { recommendations: 'ผลงานด้านที่ 2 ยังไม่สะท้อนผลลัพธ์การเรียนรู้ของผู้เรียน', adviser: { name: 'ศึกษานิเทศก์ประจำกลุ่มสาระ' } },
      });
    }
    expect(await countByState()).toEqual({ certification: 126, notPassed: 10, revision: 1 });
  });

  it('reports, from the database, the counts per level and status of the document, with the pass rate computed correctly', async () => {
    summary = summarizeCohort(await loadCohortRows(engineOn(tdb.db), { officeId: office.officeId, fiscalYear: 2567 }));
    const table = summary.groups.map((g) => ({
      group: g.label.th,
      applicants: g.applicants,
      passed: g.counts.passed,
      failed: g.counts.failed,
      underEvaluation: g.counts.under_evaluation,
      underRevision: g.counts.under_revision,
      passRate: g.passRate.text,
      failRate: g.failRate.text,
    }));
    expect(table).toEqual([
      {
        group: 'ครูชำนาญการ',
        applicants: 99,
        passed: 96,
        failed: 3,
        underEvaluation: 0,
        underRevision: 0,
        passRate: '96.97',
        failRate: '3.03',
      },
      {
        group: 'ครูชำนาญการพิเศษ',
        applicants: 33,
        passed: 30,
        failed: 3,
        underEvaluation: 0,
        underRevision: 0,
        passRate: '90.91',
        failRate: '9.09',
      },
      {
        group: 'ผู้อำนวยการเชี่ยวชาญ',
        applicants: 4,
        passed: 0,
        failed: 4,
        underEvaluation: 0,
        underRevision: 0,
        passRate: '0.00',
        failRate: '100.00',
      },
      {
        group: 'ศึกษานิเทศก์เชี่ยวชาญ',
        applicants: 1,
        passed: 0,
        failed: 0,
        underEvaluation: 0,
        underRevision: 1,
        passRate: '0.00',
        failRate: '0.00',
      },
    ]);
    // the document printed "ร้อยละ ๙๖.๕๗" for 96 of 99: that is not what 96/99 is
    expect(table[0]!.passRate).not.toBe('96.57');
    expect(summary.total).toMatchObject({
      applicants: 137,
      counts: { passed: 126, failed: 10, under_evaluation: 0, under_revision: 1, withdrawn: 0 },
    });
    expect(summary.total.passRate.text).toBe('91.97');
  });

  it('words the report the way the area would', () => {
    expect(cohortReportLines(summary, 'th')).toEqual([
      'ขอมีวิทยฐานะครูชำนาญการ จำนวน 99 ราย ผ่าน 96 ราย คิดเป็นร้อยละ 96.97 ไม่ผ่าน 3 ราย คิดเป็นร้อยละ 3.03',
      'ขอเลื่อนเป็นวิทยฐานะครูชำนาญการพิเศษ จำนวน 33 ราย ผ่าน 30 ราย คิดเป็นร้อยละ 90.91 ไม่ผ่าน 3 ราย คิดเป็นร้อยละ 9.09',
      'ขอเลื่อนเป็นวิทยฐานะผู้อำนวยการเชี่ยวชาญ จำนวน 4 ราย ไม่ผ่าน 4 ราย คิดเป็นร้อยละ 100.00',
      'ขอเลื่อนเป็นวิทยฐานะศึกษานิเทศก์เชี่ยวชาญ จำนวน 1 ราย อยู่ระหว่างการปรับปรุงผลงานวิชาการ 1 ราย',
    ]);
    expect(cohortReportLines(summary, 'en')[0]).toBe('Teacher, professional: 99 applicants, passed 96 (96.97 %), not passed 3 (3.03 %)');
  });

  it('leaves every history intact and every failed teacher with an adviser and a date to refile', async () => {
    for (const f of filed.filter((_, i) => i % 17 === 0)) expect((await engine.verifyHistory(f.caseId)).ok).toBe(true);
    const failed = await tdb.db
      .selectFrom('cases')
      .select('snapshot')
      .where('workflow_id', '=', 'academic-standing')
      .where('state', '=', 'notPassed')
      .execute();
    for (const r of failed) {
      const ctx = (r.snapshot as unknown as { context: { failure: { refileFrom: string; adviser: { name: string } } } }).context;
      expect(ctx.failure).toMatchObject({ refileFrom: '2024-05-16', adviser: { name: 'ศึกษานิเทศก์ประจำกลุ่มสาระ' } });
    }
    const passedHistory = (await engine.getCase(hr, filed[0]!.caseId)).history.map((h) => `${h.eventType}:${h.actorKind}`);
    expect(passedHistory).toEqual([
      '@start:user',
      'ACCEPT_ELIGIBLE:user',
      'PROPOSE_COMMITTEES:user',
      'COMMITTEES_APPROVED:committee',
      ...times(6, 'SUBMIT_SCORE:user'),
      'ASPECT1_APPROVED:committee',
      'ASPECT2_APPROVED:committee',
    ]);
  });
});
