/**
 * School administrators' rounds (seed-003 §2.2): a round of
 * `transfer-round@5` opened for `school_administrators` is scored by its own
 * table (`obec_school_administrator`: the three qualitative components of
 * committee A4), takes requests of directors and deputies only (a teacher is
 * refused, and a director in a teachers' round, naming the rule), has each
 * request reviewed by the area director (a director cannot certify their
 * own), ranks by the committee's scores, and has every order signed by the
 * area director whatever the standing (Act ม.53(3)).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import {
  addCommitteeMember,
  closeMeetingAndApply,
  createCommittee,
  createEngine,
  fireDueTimerBatch,
  loadUserActor,
  openMeeting,
  publishWorkflows,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import {
  checkEligibility,
  DEFAULT_SCORING_TABLE,
  fileTransferRequest,
  proposeRoundMatching,
  publishRoundMatching,
  requiredSigner,
  SCHOOL_ADMINISTRATOR_SCORING_TABLE,
  settleTransferRounds,
  TransferRoundParamsV4,
  transferWorkflows,
  type RequestContext,
  type RequestSubmissionV8,
  type Vacancy,
} from '../src/transfer/index';
import { ROUND_1_2568, submission, uploadEvidence } from './transfer.fixtures';

const DIRECTOR_POST = 'ผู้อำนวยการสถานศึกษา';
const DEPUTY_POST = 'รองผู้อำนวยการสถานศึกษา';
const ADMIN_ROUND = { ...ROUND_1_2568, applicants: 'school_administrators' as const };

/** A request of an administrator: the teacher fixture with an administrator's position. */
function adminSubmission(
  position: 'school_director' | 'deputy_school_director',
  over: Partial<RequestSubmissionV8> = {},
): RequestSubmissionV8 {
  const base = submission();
  return {
    ...base,
    ...over,
    facts: { ...base.facts, position, academicStanding: 'none', currentSchoolSince: '2019-05-16', ...(over.facts ?? {}) },
  };
}

describe('the administrators’ round parameters and rules', () => {
  it('defaults to a teachers’ round with the teachers’ table, and gives an administrators’ round its own table', () => {
    const teachers = TransferRoundParamsV4.parse(ROUND_1_2568);
    expect(teachers.applicants).toBe('teachers');
    expect(teachers.scoringTable).toEqual(DEFAULT_SCORING_TABLE);
    const admins = TransferRoundParamsV4.parse(ADMIN_ROUND);
    expect(admins.scoringTable.id).toBe('obec_school_administrator');
    expect(admins.scoringTable).toEqual(SCHOOL_ADMINISTRATOR_SCORING_TABLE);
    expect(admins.scoringTable.pointsStatus).toBe('configurable_unverified');
    expect(admins.scoringTable.source).toContain('seed-003 §2.2');
    const a4 = admins.scoringTable.components.filter((c) => c.enteredBy === 'A4');
    expect(a4.map((c) => c.label.th)).toEqual(['ความสามารถในการบริหารจัดการศึกษา', 'วิสัยทัศน์ในการบริหารจัดการศึกษา', 'การพัฒนาตนเองและพัฒนาวิชาชีพ']);
    expect(admins.scoringTable.components.map((c) => [c.id, c.mode, c.enteredBy ?? c.compute])).toEqual([
      ['reason', 'entered', 'A2'],
      ['hardship', 'computed', 'current_school_hardship'],
      ['years_at_school', 'computed', 'years_at_current_school'],
      ['management_ability', 'entered', 'A4'],
      ['vision', 'entered', 'A4'],
      ['development', 'entered', 'A4'],
    ]);
    // an officer may still give another table
    expect(TransferRoundParamsV4.parse({ ...ADMIN_ROUND, scoringTable: DEFAULT_SCORING_TABLE }).scoringTable.id).toBe(
      'obec_teacher_normal',
    );
  });

  const vacancies: Vacancy[] = [
    { id: 'A01', schoolId: 'S-NA', schoolName: 'โรงเรียนบ้านนา', subject: DIRECTOR_POST, count: 1 },
    { id: 'A02', schoolId: 'S-KHAO', schoolName: 'โรงเรียนบ้านเขา', subject: DEPUTY_POST, count: 1 },
  ];
  const ctx = (params: object) => ({
    params: TransferRoundParamsV4.parse(params),
    vacancies,
    currentSchoolId: 'S-HOME',
    applicantPersonId: 'P1',
    at: '2025-01-20T03:00:00Z',
  });

  it('refuses a teacher in an administrators’ round and an administrator in a teachers’ round, naming the rule', () => {
    const teacher = checkEligibility(submission({ preferences: ['S-NA'] }), ctx(ADMIN_ROUND));
    expect(teacher.reasons).toEqual([
      {
        code: 'position_not_in_round',
        th: 'รอบนี้เป็นรอบการย้ายผู้บริหารสถานศึกษา ยื่นได้เฉพาะผู้ดำรงตำแหน่งผู้อำนวยการสถานศึกษาหรือรองผู้อำนวยการสถานศึกษา (ตำแหน่งของท่าน: ครู)',
        en: "This is a school administrators' round: only school directors and deputy directors may file (your position: Teacher)",
      },
      // a teacher's major has no vacancy either: the round's vacancies are administrator posts
      expect.objectContaining({ code: 'preference_without_vacancy' }),
    ]);
    const director = checkEligibility(adminSubmission('school_director', { preferences: ['S-NA'] }), ctx(ROUND_1_2568));
    expect(director.reasons.map((r) => r.code)).toEqual(['position_not_in_round']);
    expect(director.reasons[0]!.th).toContain('รอบนี้เป็นรอบการย้ายข้าราชการครู');
  });

  it('matches a director to a director’s post and a deputy to a deputy’s post, and checks the seat the filer holds', () => {
    expect(checkEligibility(adminSubmission('school_director', { preferences: ['S-NA'] }), ctx(ADMIN_ROUND)).reasons).toEqual([]);
    expect(checkEligibility(adminSubmission('deputy_school_director', { preferences: ['S-KHAO'] }), ctx(ADMIN_ROUND)).reasons).toEqual([]);
    expect(checkEligibility(adminSubmission('deputy_school_director', { preferences: ['S-NA'] }), ctx(ADMIN_ROUND)).reasons).toEqual([
      {
        code: 'preference_without_vacancy',
        th: `ไม่มีตำแหน่งว่าง${DEPUTY_POST}ที่ S-NA ในรอบนี้`,
        en: 'No vacant deputy school director post in this round at S-NA',
      },
    ]);
    const notHeld = checkEligibility(adminSubmission('school_director', { preferences: ['S-NA'] }), {
      ...ctx(ADMIN_ROUND),
      directorOfCurrentSchool: false,
    });
    expect(notHeld.reasons.map((r) => r.code)).toEqual(['position_not_held']);
  });

  it('has the area director sign every administrator’s order, whatever the standing (ม.53(3))', () => {
    expect(requiredSigner({ academicStanding: 'none', position: 'school_director' })).toBe('area_director');
    expect(requiredSigner({ academicStanding: 'none', position: 'deputy_school_director' })).toBe('area_director');
    expect(requiredSigner({ academicStanding: 'none', position: 'teacher' })).toBe('school_director');
    expect(requiredSigner('none')).toBe('school_director');
  });
});

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
let area: Actor;
let group: Actor;
let teacher: Actor;
let director: Actor;
let director2: Actor;
let deputy: Actor;
let s3: string;
let roundId: string;
const clock = new ManualClock('2025-01-06T02:00:00Z');
const at = (iso: string) => clock.set(iso);
const cases: Record<'director' | 'director2' | 'deputy', string> = { director: '', director2: '', deputy: '' };
const committees: Record<'screening' | 'area', { id: string; members: string[] }> = {
  screening: { id: '', members: [] },
  area: { id: '', members: [] },
};

async function state(caseId: string): Promise<{ state: string; ctx: RequestContext; version: number }> {
  const row = await tdb.db
    .selectFrom('cases')
    .select(['state', 'snapshot', 'workflow_version'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return { state: row.state, ctx: (row.snapshot as { context: RequestContext }).context, version: row.workflow_version };
}
let passes = 0;
async function due(): Promise<{ caseId: string; type: string }[]> {
  const firedBy = `admin-pass-${++passes}`;
  while ((await fireDueTimerBatch(engineDeps(engine), { limit: 200, firedBy })).outcomes.size > 0);
  const fired = await tdb.db
    .selectFrom('sla_timers')
    .select(['case_id', 'event'])
    .where('fired_by', '=', firedBy)
    .where('kind', '=', 'system_event')
    .orderBy('id')
    .execute();
  return [
    ...fired.map((f) => ({ caseId: f.case_id, type: f.event! })),
    ...(await settleTransferRounds(engine, { officeId: office.officeId })),
  ];
}
async function person(
  name: string,
  schoolId: string | null,
  role: 'teacher' | 'school_director' | null,
): Promise<{ personId: string; actor: Actor | null }> {
  const p = await tdb.db
    .insertInto('people')
    .values({ first_name_th: name, last_name_th: 'ทดสอบ', office_id: office.officeId, school_id: schoolId })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!role) return { personId: p.id, actor: null };
  const u = await tdb.db
    .insertInto('users')
    .values({ username: `u-${p.id}`, person_id: p.id, email: `${p.id}@example.test` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('role_assignments')
    .values({ user_id: u.id, role, office_id: office.officeId, school_id: schoolId, valid_from: '2020-01-01T00:00:00Z' })
    .execute();
  return { personId: p.id, actor: await loadUserActor(tdb.db, u.id, new Date('2025-01-06T00:00:00Z')) };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry(transferWorkflows);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db);
  [hr, area, group, teacher, director, director2] = await Promise.all([
    actorOf(tdb.db, office.users.hr),
    actorOf(tdb.db, office.users.area),
    actorOf(tdb.db, office.users.group),
    actorOf(tdb.db, office.users.teacher),
    actorOf(tdb.db, office.users.director),
    actorOf(tdb.db, office.users.director2),
  ]);
  s3 = (
    await tdb.db
      .insertInto('schools')
      .values({ office_id: office.officeId, code: `sc-${office.officeId.slice(0, 8)}-3`, name_th: 'โรงเรียนบ้านทุ่ง', name_en: 'School 3' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  // a deputy director of school 1: a member of its staff (a school grant), not its director
  deputy = (await person('รองผอ.', office.schoolIds[0], 'teacher')).actor!;
  for (const [key, kind, th] of [
    ['screening', 'transfer_screening', 'คณะกรรมการกลั่นกรองการย้าย ตำแหน่งผู้บริหารสถานศึกษา'],
    ['area', 'area_approval', 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา'],
  ] as const) {
    const { committeeId } = await createCommittee(engineDeps(engine), hr, { officeId: office.officeId, kind, nameTh: th, nameEn: kind });
    committees[key].id = committeeId;
    for (const [k, name] of ['ก', 'ข', 'ค'].entries()) {
      const { personId } = await person(`กรรมการ${key}${name}`, null, null);
      committees[key].members.push(
        (
          await addCommitteeMember(engineDeps(engine), hr, {
            committeeId,
            personId,
            seat: k === 0 ? 'chair' : k === 1 ? 'secretary' : 'member',
            termFrom: '2025-01-01',
            termUntil: '2026-09-30',
          })
        ).memberId,
      );
    }
  }
});
afterAll(() => tdb.drop());

describe('an administrators’ round through the engine', () => {
  it('opens as transfer-round@5 for school administrators, with the administrators’ table', async () => {
    at('2025-01-06T02:00:00Z');
    roundId = (
      await engine.startCase({
        actor: hr,
        workflowId: 'transfer-round',
        officeId: office.officeId,
        title: 'การย้ายผู้บริหารสถานศึกษา ครั้งที่ 1/2568',
        input: ADMIN_ROUND,
      })
    ).caseId;
    const round = await tdb.db
      .selectFrom('cases')
      .select(['workflow_version', 'snapshot'])
      .where('id', '=', roundId)
      .executeTakeFirstOrThrow();
    expect(round.workflow_version).toBe(5);
    const params = (round.snapshot as { context: { params: { applicants: string; scoringTable: { id: string } } } }).context.params;
    expect(params).toMatchObject({ applicants: 'school_administrators', scoringTable: { id: 'obec_school_administrator' } });
    at('2025-01-10T03:00:00Z');
    const vacancies: Vacancy[] = [
      { id: 'A01', schoolId: s3, schoolName: 'โรงเรียนบ้านทุ่ง', subject: DIRECTOR_POST, count: 1 },
      { id: 'A02', schoolId: office.schoolIds[1], schoolName: 'โรงเรียนสอง', subject: DEPUTY_POST, count: 1 },
    ];
    await engine.dispatch({ actor: hr, caseId: roundId, type: 'POST_VACANCIES', payload: { vacancies } });
    at('2025-01-16T02:00:00Z');
    await engine.dispatch({ actor: hr, caseId: roundId, type: 'OPEN_REQUESTS', payload: {} });
  });

  it('takes the directors’ and the deputy’s requests and refuses a teacher, naming the rule', async () => {
    at('2025-01-17T02:00:00Z');
    const file = async (actor: Actor, s: RequestSubmissionV8) =>
      fileTransferRequest(engine, actor, {
        roundCaseId: roundId,
        submission: { ...s, evidence: [await uploadEvidence(tdb.db, actor, office.officeId)] },
      });
    await expect(file(teacher, { ...submission(), preferences: [s3] })).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: { reasons: expect.arrayContaining([expect.objectContaining({ code: 'position_not_in_round' })]) },
    });
    // a staff member who is not the school's director cannot file as its director
    await expect(file(deputy, adminSubmission('school_director', { preferences: [s3] }))).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: { reasons: [expect.objectContaining({ code: 'position_not_held' })] },
    });
    const d1 = await file(director, adminSubmission('school_director', { preferences: [s3] }));
    const d2 = await file(director2, adminSubmission('school_director', { preferences: [s3] }));
    const dep = await file(deputy, adminSubmission('deputy_school_director', { preferences: [office.schoolIds[1]] }));
    Object.assign(cases, { director: d1.caseId, director2: d2.caseId, deputy: dep.caseId });
    for (const id of Object.values(cases)) {
      const s = await state(id);
      expect([s.state, s.version, s.ctx.params.scoringTable.id]).toEqual(['schoolReview', 8, 'obec_school_administrator']);
    }
    expect((await state(cases.director)).ctx.params).toMatchObject({ reviewer: { role: 'area_director', schoolId: null } });
  });

  it('has the area director review each administrator’s request: not their own school’s director, not themselves', async () => {
    at('2025-02-03T02:00:00Z');
    await expect(engine.dispatch({ actor: director, caseId: cases.director, type: 'CERTIFY', payload: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(engine.dispatch({ actor: director, caseId: cases.deputy, type: 'CERTIFY', payload: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    for (const id of Object.values(cases)) {
      await engine.dispatch({ actor: area, caseId: id, type: 'CERTIFY', payload: {} });
      await engine.dispatch({
        actor: area,
        caseId: id,
        type: 'RECORD_BOARD_OPINION',
        payload: { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' },
      });
      expect((await state(id)).state).toBe('scoring');
    }
  });

  it('is scored by the committee’s three components, verified by another user, and ranked by them', async () => {
    at('2025-02-10T02:00:00Z');
    // the teachers' components are not this table's
    await expect(
      engine.dispatch({
        actor: hr,
        caseId: cases.director,
        type: 'ENTER_SCORES',
        payload: { entries: { reason: 'other', workload: 'high', development: 'good' } },
      }),
    ).rejects.toMatchObject({
      code: 'SCORES_INCOMPLETE',
      details: { problems: expect.arrayContaining(['management_ability: missing', 'vision: missing']) },
    });
    const entries = {
      director: { reason: 'other', management_ability: 'outstanding', vision: 'outstanding', development: 'outstanding' },
      director2: { reason: 'other', management_ability: 'fair', vision: 'good', development: 'basic' },
      deputy: { reason: 'home_district', management_ability: 'good', vision: 'good', development: 'good' },
    };
    for (const [k, id] of Object.entries(cases))
      await engine.dispatch({ actor: hr, caseId: id, type: 'ENTER_SCORES', payload: { entries: entries[k as keyof typeof entries] } });
    await expect(engine.dispatch({ actor: hr, caseId: cases.director, type: 'VERIFY_SCORES', payload: {} })).rejects.toMatchObject({
      code: 'SCORES_NEED_ANOTHER_USER',
    });
    for (const id of Object.values(cases)) await engine.dispatch({ actor: group, caseId: id, type: 'VERIFY_SCORES', payload: {} });
    // placeholder points: reason + normal area (5) + 4 years or more at the school (since 2019-05-16: 10) + the three A4 components
    const totals = await Promise.all(Object.values(cases).map(async (id) => (await state(id)).ctx.scores!.total));
    expect(totals).toEqual([5 + 5 + 10 + 20 + 20 + 10, 5 + 5 + 10 + 10 + 15 + 4, 20 + 5 + 10 + 15 + 15 + 7]);

    at('2025-02-21T02:00:00Z');
    expect((await due()).map((d) => d.type)).toContain('CLOSE_SCORING');
    at('2025-03-03T02:00:00Z');
    const result = await proposeRoundMatching(engine, hr, roundId);
    await publishRoundMatching(engine, hr, roundId, { digest: result.digest });
    expect(result.summary).toMatchObject({ requests: 3, placed: 2, unplaced: 1, seats: 2, seatsFilled: 2 });
    const d1 = await state(cases.director);
    const d2 = await state(cases.director2);
    expect(d1.ctx.proposal!.placement).toMatchObject({ schoolId: s3, vacancyId: 'A01' });
    expect(d2.ctx.proposal!.placement).toBeNull();
    expect(d2.ctx.proposal!.preferences[0]).toMatchObject({ result: 'outranked', rank: 2 });
    expect((await state(cases.deputy)).ctx.proposal!.placement).toMatchObject({ vacancyId: 'A02' });
  });

  it('goes through the committees and has the area director sign the orders (ม.53(3)), not the school’s director', async () => {
    for (const [key, title, when] of [
      ['screening', 'ประชุมคณะกรรมการกลั่นกรองการย้าย ตำแหน่งผู้บริหารสถานศึกษา ครั้งที่ 1/2568', '2025-03-10T03:00:00Z'],
      ['area', 'ประชุม อ.ก.ค.ศ. เขต ครั้งที่ 3/2568', '2025-03-25T03:00:00Z'],
    ] as const) {
      at(when);
      const { meetingId } = await scheduleMeeting(engineDeps(engine), hr, {
        committeeId: committees[key].id,
        title,
        scheduledAt: when,
        place: 'ห้องประชุม สพป.',
      });
      await openMeeting(engineDeps(engine), hr, { meetingId, present: committees[key].members });
      for (const item of await tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute())
        await recordResolution(engineDeps(engine), hr, { itemId: item.id, resolution: 'approve' });
      clock.set(new Date(Date.parse(when) + 2 * 3600_000));
      await closeMeetingAndApply(engineDeps(engine), hr, meetingId);
    }
    expect((await state(cases.deputy)).state).toBe('orderSigning');
    at('2025-04-01T03:00:00Z');
    const order = { orderNo: '1/2568', signedOn: '2025-04-01', effectiveOn: '2025-04-16', reportBy: { date: '2025-04-21', time: '16:30' } };
    // the deputy has no academic standing: a teacher's order would be the school director's; an administrator's is the area director's
    await expect(engine.dispatch({ actor: director, caseId: cases.deputy, type: 'SIGN_ORDER', payload: order })).rejects.toMatchObject({
      code: 'ORDER_SIGNER_MISMATCH',
      details: { requiredRole: 'area_director' },
    });
    await engine.dispatch({ actor: area, caseId: cases.deputy, type: 'SIGN_ORDER', payload: order });
    await engine.dispatch({ actor: area, caseId: cases.director, type: 'SIGN_ORDER', payload: { ...order, orderNo: '2/2568' } });
    expect((await state(cases.deputy)).ctx.order).toMatchObject({ signerRole: 'area_director' });
    expect((await state(cases.director)).ctx.order).toMatchObject({ signerRole: 'area_director' });
  });
});
