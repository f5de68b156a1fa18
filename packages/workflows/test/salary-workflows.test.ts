/**
 * The two salary workflows as machines: model-based walks through the real
 * engine reach every state of each (history, outbox, no dead ends), their
 * guards refuse what they must, and docs/workflows/salary-round.md carries
 * the generated diagrams and the time standards of the steps, with sources.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ERROR_CATALOGUE,
  ManualClock,
  SYSTEM_ACTOR,
  toMermaid,
  WorkflowRegistry,
  type Actor,
  type Engine,
  type EngineInput,
  type WorkflowDefinition,
} from '@esa-flow/engine';
import { createEngine, inboxPage, loadUserActor, publishWorkflows, engineDeps } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { walkEveryPath } from '../../engine/test/support/model-walk';
import {
  appraiserOf,
  DEFAULT_BAND_RANGES,
  RoundParamsV3,
  salaryRoundV3,
  salaryRoundV4,
  PARAMETER_NOTES,
  roundStartingOn,
  RoundParams,
  SalaryRaiseInput,
  SalaryRaiseInputV2,
  salaryRaise,
  salaryRaiseV3,
  salaryRaiseV4,
  salaryRound,
  salaryRoundV2,
  salaryWorkflows,
  startSalaryRound,
} from '../src/salary/index';
import { diagramProblems, readDoc } from './support/doc-diagrams';

/** One person's waiting work as the inbox reads it (every item, one page). */
const workOf = async (deps: Parameters<typeof inboxPage>[0], now: Date, userId: string) =>
  (await inboxPage(deps, { userId, now, limit: 100_000, offset: 0, atRiskBefore: now })).items;

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
const users = {} as Record<keyof OfficeFixture['users'], Actor>;
let committee: Actor;
const AT = '2025-04-01T02:00:00.000Z'; // Tuesday 1 April 2025, 09:00 Bangkok
const clock = new ManualClock(AT);

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([...salaryWorkflows]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db, 'S');
  for (const [key, user] of Object.entries(office.users)) users[key as keyof OfficeFixture['users']] = await actorOf(tdb.db, user);
  committee = { kind: 'committee', id: randomUUID(), officeId: office.officeId };
});
afterAll(() => tdb.drop());

/** The sender of an event: someone holding the first role it allows. */
function actorFor(def: WorkflowDefinition, type: string): Actor {
  const role = def.events[type]?.roles[0];
  const byRole: Record<string, Actor> = {
    hr_officer: users.hr,
    area_director: users.area,
    school_director: users.director,
    group_director: users.group,
    applicant: users.teacher,
    committee,
    system: SYSTEM_ACTOR,
  };
  const actor = role ? byRole[role] : undefined;
  if (!actor) throw new Error(`no actor for ${def.key} ${type}`);
  return actor;
}

const resolution = (kind: 'approve' | 'reject') => ({
  meetingId: randomUUID(),
  itemId: randomUUID(),
  resolution: kind,
  note: null,
  tally:
    kind === 'approve'
      ? { approve: 5, reject: 0, defer: 0, abstain: 0, recused: 0 }
      : { approve: 1, reject: 4, defer: 0, abstain: 0, recused: 0 },
});

const personInput = SalaryRaiseInput.parse({
  personnelNo: 'P000001',
  nameTh: 'นางสาวทดสอบ ใจดี',
  position: 'ครู',
  salarySatang: 3_000_000,
  baseSatang: 2_998_000,
  serviceStartedOn: '2012-05-16',
  orderAuthority: 'school_director',
});
const DIGEST = 'a'.repeat(64);
const decision = (raised: boolean) => ({
  raised,
  pctBp: raised ? 350 : 0,
  amountSatang: raised ? 105_000 : 0,
  newSalarySatang: raised ? 3_105_000 : 3_000_000,
  notRaised: raised ? null : 'below_minimum_tier',
  limitedBy: null,
  quotaPlace: false,
  explanation: { th: ['บรรทัด'], en: ['line'] },
  digest: DIGEST,
});

/** Version 3: the appraiser is part of the input (the director of the teacher's school). */
const personInputV2 = () =>
  SalaryRaiseInputV2.parse({ ...personInput, appraiser: { role: 'school_director', schoolId: office.schoolIds[0] } });

describe.each([
  ['1', () => salaryRaise, () => personInput as unknown],
  ['3', () => salaryRaiseV3, () => personInputV2() as unknown],
  ['4', () => salaryRaiseV4, () => personInputV2() as unknown],
])('salary-raise@%s: every state through the engine', (version, defOf, inputOf) => {
  it('reaches each state by its shortest path, with history, outbox and no dead ends', async () => {
    const def = defOf();
    const input: EngineInput = {
      data: inputOf(),
      caseId: 'model',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      at: AT,
    };
    const report = await walkEveryPath({
      engine,
      tdb,
      def,
      input,
      actorFor: (type) => actorFor(def, type),
      start: async () =>
        (
          await engine.startCase({
            actor: users.hr,
            workflowId: 'salary-raise',
            version: Number(version),
            officeId: office.officeId,
            schoolId: office.schoolIds[0],
            subjectPersonId: office.users.teacher.personId,
            title: 'เลื่อนเงินเดือน นางสาวทดสอบ ใจดี',
            input: inputOf(),
          })
        ).caseId,
      events: [
        ...(version !== '1' ? [{ type: 'ACKNOWLEDGE_APPRAISAL', payload: {} }] : []),
        ...(version === '4'
          ? [
              { type: 'NOTICE_RECEIVED', payload: { occurredAt: AT, how: 'letter' } },
              { type: 'RECORD_PAPER_GRIEVANCE', payload: { occurredAt: AT, grounds: 'ร้องทุกข์เป็นหนังสือ', ref: 'รับที่ 1' } },
            ]
          : []),
        { type: 'SUBMIT_SCORE', payload: { score: 85.5 } },
        { type: 'MARK_NOT_APPRAISED', payload: { note: 'ไม่ได้รับผลการประเมิน' } },
        { type: 'ADJUST_SCORE', payload: { score: 84, note: 'คณะกรรมการกลั่นกรองปรับคะแนน' } },
        { type: 'RETURN_FOR_REAPPRAISAL', payload: { note: 'ทบทวนตัวชี้วัด' } },
        { type: 'APPRAISAL_CONFIRMED', payload: { score: 85.5, tier: 'very_good' } },
        { type: 'RAISE_DECIDED', payload: decision(true) },
        { type: 'RAISE_DECIDED', payload: decision(false) },
        { type: 'FILE_GRIEVANCE', payload: { grounds: 'คะแนนไม่ตรงกับผลงาน' } },
        { type: 'CLOSE_WINDOW', payload: {} },
        { type: 'GRIEVANCE_UPHELD', payload: resolution('approve') },
        { type: 'GRIEVANCE_DISMISSED', payload: resolution('reject') },
        { type: 'AMEND_RAISE', payload: { pctBp: 300, amountSatang: 90_000, note: 'ตามมติ อ.ก.ค.ศ.' } },
        { type: 'AMEND_RAISE', payload: { pctBp: 0, amountSatang: 0, note: 'ตามมติ อ.ก.ค.ศ.' } },
        { type: 'WITHDRAW', payload: { reason: 'retired' } },
      ],
    });
    expect(report.statesReached).toEqual(
      [
        'amending',
        'appraisal',
        'appraisalNotified',
        'grievance',
        'notRaised',
        'notRaisedNotified',
        'raiseNotified',
        'raised',
        'screening',
        'withdrawn',
        ...(version === '4' ? ['raiseWindow', 'notRaisedWindow'] : []),
      ].sort(),
    );
    expect(def.leafSteps.map((s) => s.path).sort()).toEqual(report.statesReached);
  });
});

describe('salary-raise', () => {
  it('takes computed results from the system only, refuses a decision whose amount and reason disagree, and a grievance from anyone but the person', async () => {
    const { caseId } = await engine.startCase({
      actor: users.hr,
      workflowId: 'salary-raise',
      officeId: office.officeId,
      schoolId: office.schoolIds[0],
      subjectPersonId: office.users.teacher.personId,
      title: 't',
      input: personInputV2(),
    });
    await engine.dispatch({ actor: users.director, caseId, type: 'SUBMIT_SCORE', payload: { score: 91 } });
    await expect(engine.dispatch({ actor: users.director2, caseId, type: 'SUBMIT_SCORE', payload: { score: 91 } })).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    // computed results come from the round (the system), never from a person's hand
    await expect(
      engine.dispatch({ actor: users.hr, caseId, type: 'APPRAISAL_CONFIRMED', payload: { score: 91, tier: 'outstanding' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'APPRAISAL_CONFIRMED', payload: { score: 91, tier: 'outstanding' } });
    await expect(
      engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'RAISE_DECIDED', payload: { ...decision(true), amountSatang: 0 } }),
    ).rejects.toMatchObject({ code: 'INVALID_PAYLOAD' });
    await expect(engine.dispatch({ actor: users.hr, caseId, type: 'RAISE_DECIDED', payload: decision(true) })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(engine.dispatch({ actor: users.hr, caseId, type: 'SUBMIT_SCORE', payload: { score: 101 } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'RAISE_DECIDED', payload: decision(true) });
    await expect(engine.dispatch({ actor: users.hr, caseId, type: 'FILE_GRIEVANCE', payload: { grounds: 'x' } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await engine.dispatch({ actor: users.teacher, caseId, type: 'FILE_GRIEVANCE', payload: { grounds: 'ขอให้ทบทวน' } })).state).toBe(
      'grievance',
    );
  });
});

describe('appraisers follow the line of command (Act ม.72)', () => {
  const start = async (o: { schoolId: string | null; subject: string; position: string }) => {
    const appraiser = appraiserOf({ position: o.position, schoolId: o.schoolId });
    const input = SalaryRaiseInputV2.parse({
      ...personInput,
      position: o.position,
      appraiser: { role: appraiser.role, schoolId: appraiser.schoolId },
    });
    const { caseId } = await engine.startCase({
      actor: users.hr,
      workflowId: 'salary-raise',
      officeId: office.officeId,
      schoolId: o.schoolId,
      subjectPersonId: o.subject,
      title: `เลื่อนเงินเดือน ${o.position}`,
      input,
    });
    return caseId;
  };
  const offered = async (actor: Actor, caseId: string) => (await engine.getCase(actor, caseId)).availableEvents.map((e) => e.type);
  const mailedTo = async (caseId: string) =>
    (
      await tdb.db
        .selectFrom('notifications')
        .select('recipient_user_id')
        .where('case_id', '=', caseId)
        .where('step', '=', 'appraisal')
        .execute()
    )
      .map((n) => n.recipient_user_id)
      .sort();
  const waitsOn = async (userId: string, caseId: string) =>
    (await workOf(engineDeps(engine), new Date(AT), userId)).some((w) => w.caseId === caseId);

  it('resolves the appraiser from the position and the school', () => {
    const s = office.schoolIds[0];
    const cases = [
      ['ครู', s],
      ['ครูผู้ช่วย', s],
      ['เจ้าหน้าที่ธุรการ', s],
      ['ผู้อำนวยการสถานศึกษา', s],
      ['รองผู้อำนวยการสถานศึกษา', s],
      ['ผู้อำนวยการโรงเรียน', s],
      ['นักทรัพยากรบุคคล', null],
      ['ศึกษานิเทศก์', null],
      ['ผู้อำนวยการกลุ่มบริหารงานบุคคล', null],
      ['รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา', null],
    ] as const;
    expect(
      cases.map(([position, schoolId]) => [
        position,
        appraiserOf({ position, schoolId }).role,
        appraiserOf({ position, schoolId }).schoolId,
      ]),
    ).toEqual([
      ['ครู', 'school_director', s],
      ['ครูผู้ช่วย', 'school_director', s],
      ['เจ้าหน้าที่ธุรการ', 'school_director', s],
      ['ผู้อำนวยการสถานศึกษา', 'area_director', null],
      ['รองผู้อำนวยการสถานศึกษา', 'area_director', null],
      ['ผู้อำนวยการโรงเรียน', 'area_director', null],
      ['นักทรัพยากรบุคคล', 'group_director', null],
      ['ศึกษานิเทศก์', 'group_director', null],
      ['ผู้อำนวยการกลุ่มบริหารงานบุคคล', 'area_director', null],
      ['รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา', 'area_director', null],
    ]);
  });

  it("a school director's case goes to the area director: offered, mailed and waiting there only, never to the school's director", async () => {
    const caseId = await start({ schoolId: office.schoolIds[0], subject: office.users.director.personId, position: 'ผู้อำนวยการสถานศึกษา' });
    expect(await mailedTo(caseId)).toEqual([office.users.area.userId]);
    expect([
      await waitsOn(office.users.area.userId, caseId),
      await waitsOn(office.users.director.userId, caseId),
      await waitsOn(office.users.group.userId, caseId),
    ]).toEqual([true, false, false]);
    expect(await offered(users.director, caseId)).toEqual([]);
    expect(await offered(users.area, caseId)).toEqual(['SUBMIT_SCORE']);
    await expect(engine.dispatch({ actor: users.director, caseId, type: 'SUBMIT_SCORE', payload: { score: 99 } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(engine.dispatch({ actor: users.group, caseId, type: 'SUBMIT_SCORE', payload: { score: 99 } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await engine.dispatch({ actor: users.area, caseId, type: 'SUBMIT_SCORE', payload: { score: 88 } })).state).toBe('screening');
    // returned for re-appraisal: the task goes back to the area director alone
    await engine.dispatch({ actor: users.hr, caseId, type: 'RETURN_FOR_REAPPRAISAL', payload: { note: 'ทบทวน' } });
    expect(await mailedTo(caseId)).toEqual([office.users.area.userId, office.users.area.userId]);
  });

  it("a teacher's case goes to the school's director only; office staff to the group directors", async () => {
    const teacherCase = await start({ schoolId: office.schoolIds[0], subject: office.users.teacher2.personId, position: 'ครู' });
    expect(await mailedTo(teacherCase)).toEqual([office.users.director.userId]);
    expect(await offered(users.area, teacherCase)).toEqual([]);
    await expect(
      engine.dispatch({ actor: users.area, caseId: teacherCase, type: 'SUBMIT_SCORE', payload: { score: 80 } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      engine.dispatch({ actor: users.director2, caseId: teacherCase, type: 'SUBMIT_SCORE', payload: { score: 80 } }),
    ).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect(await offered(users.director, teacherCase)).toEqual(['SUBMIT_SCORE']);
    const staff = await tdb.db
      .insertInto('people')
      .values({ first_name_th: 'เจ้าหน้าที่', last_name_th: 'สำนักงาน', office_id: office.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const staffCase = await start({ schoolId: null, subject: staff.id, position: 'นักทรัพยากรบุคคล' });
    expect(await mailedTo(staffCase)).toEqual([office.users.group.userId]);
    await expect(
      engine.dispatch({ actor: users.area, caseId: staffCase, type: 'SUBMIT_SCORE', payload: { score: 80 } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await engine.dispatch({ actor: users.group, caseId: staffCase, type: 'SUBMIT_SCORE', payload: { score: 80 } })).state).toBe(
      'screening',
    );
  });

  it('nobody appraises themself: refused with SELF_DEALING_REFUSED (th + en), not offered, no task, not waiting', async () => {
    // a deputy area director's case: the area director appraises; here the area director is the subject (misfiled roster)
    const caseId = await start({ schoolId: null, subject: office.users.area.personId, position: 'รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา' });
    expect(await mailedTo(caseId)).toEqual([]);
    expect(await waitsOn(office.users.area.userId, caseId)).toBe(false);
    expect(await offered(users.area, caseId)).toEqual([]);
    const refused = await engine
      .dispatch({ actor: users.area, caseId, type: 'SUBMIT_SCORE', payload: { score: 100 } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'SELF_DEALING_REFUSED' });
    expect(ERROR_CATALOGUE.SELF_DEALING_REFUSED).toMatchObject({
      th: expect.stringContaining('ประเมิน'),
      en: expect.stringContaining('appraise'),
    });
  });

  it('acting for the director (รักษาราชการแทน): the acting person scores and history records it', async () => {
    const caseId = await start({ schoolId: office.schoolIds[0], subject: office.users.teacher.personId, position: 'ครู' });
    await tdb.db
      .insertInto('role_assignments')
      .values({
        user_id: office.users.teacher2.userId,
        role: 'school_director',
        office_id: office.officeId,
        school_id: office.schoolIds[0],
        valid_from: '2025-03-01T00:00:00Z',
        valid_until: '2025-05-01T00:00:00Z',
        acting_for: true,
      })
      .execute();
    const acting = await loadUserActor(tdb.db, office.users.teacher2.userId, new Date(AT));
    expect(await offered(acting, caseId)).toEqual(['SUBMIT_SCORE']);
    await engine.dispatch({ actor: acting, caseId, type: 'SUBMIT_SCORE', payload: { score: 84.5 } });
    const row = await tdb.db
      .selectFrom('case_history')
      .select(['actor_id', 'actor_roles', 'acting'])
      .where('case_id', '=', caseId)
      .where('event_type', '=', 'SUBMIT_SCORE')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      actor_id: office.users.teacher2.userId,
      actor_roles: ['school_director'],
      acting: { roles: ['school_director'] },
    });
    expect(await engine.verifyHistory(caseId)).toMatchObject({ ok: true });
    // the director in their own right: no acting mark
    await engine.dispatch({ actor: users.hr, caseId, type: 'RETURN_FOR_REAPPRAISAL', payload: { note: 'ทบทวน' } });
    await engine.dispatch({ actor: users.director, caseId, type: 'SUBMIT_SCORE', payload: { score: 85 } });
    const rows = await tdb.db
      .selectFrom('case_history')
      .select('acting')
      .where('case_id', '=', caseId)
      .where('event_type', '=', 'SUBMIT_SCORE')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.acting)).toEqual([{ roles: ['school_director'] }, null]);
  });

  it('the person acknowledges the appraisal result told to them; the first acknowledgement counts', async () => {
    const caseId = await start({ schoolId: office.schoolIds[0], subject: office.users.teacher.personId, position: 'ครู' });
    await engine.dispatch({ actor: users.director, caseId, type: 'SUBMIT_SCORE', payload: { score: 91 } });
    expect(await offered(users.teacher, caseId)).toEqual([]);
    await engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'APPRAISAL_CONFIRMED', payload: { score: 91, tier: 'outstanding' } });
    expect(await offered(users.teacher, caseId)).toEqual(['ACKNOWLEDGE_APPRAISAL']);
    await expect(engine.dispatch({ actor: users.director, caseId, type: 'ACKNOWLEDGE_APPRAISAL', payload: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await engine.dispatch({ actor: users.teacher, caseId, type: 'ACKNOWLEDGE_APPRAISAL', payload: {} });
    const snap = (await tdb.db.selectFrom('cases').select('snapshot').where('id', '=', caseId).executeTakeFirstOrThrow()).snapshot as {
      context: { acknowledgedAt: string };
    };
    expect(snap.context.acknowledgedAt).toBe(AT);
    // acknowledging again changes nothing: the first moment stays
    clock.set('2025-04-02T02:00:00Z');
    await engine.dispatch({ actor: users.teacher, caseId, type: 'ACKNOWLEDGE_APPRAISAL', payload: {} });
    const again = (await tdb.db.selectFrom('cases').select('snapshot').where('id', '=', caseId).executeTakeFirstOrThrow()).snapshot as {
      context: { acknowledgedAt: string };
    };
    expect(again.context.acknowledgedAt).toBe(AT);
    clock.set(AT);
  });
});

describe.each([
  { version: 1, def: salaryRound },
  { version: 3, def: salaryRoundV3 },
  { version: 4, def: salaryRoundV4 },
] as const)('salary-round@$version: every state through the engine', ({ version, def }) => {
  const params = version >= 3 ? RoundParamsV3.parse({ fiscalYearBe: 2568, round: 1 }) : RoundParams.parse({ fiscalYearBe: 2568, round: 1 });
  const base = {
    policy: params.policy,
    considered: 10,
    raisedCount: 9,
    eligibleSalaryTotalSatang: 30_000_000,
    poolSatang: 900_000,
    allocatedSatang: 899_000,
    digest: DIGEST,
  };
  // version 3: each pool's budget and use, and how many people's % the committee decided
  const proposal =
    version >= 3 ? { ...base, pools: [{ key: 'teachers', budgetSatang: 900_000, usedSatang: 899_000 }], overrides: 0 } : base;

  it('reaches each state by its shortest path, with history, outbox and no dead ends', async () => {
    const input: EngineInput = { data: params, caseId: 'model', officeId: office.officeId, schoolId: null, subjectPersonId: null, at: AT };
    const report = await walkEveryPath({
      engine,
      tdb,
      def,
      input,
      actorFor: (type) => actorFor(def, type),
      start: async () =>
        (
          await engine.startCase({
            actor: users.hr,
            workflowId: 'salary-round',
            version,
            officeId: office.officeId,
            title: 'รอบ 1/2568',
            input: { fiscalYearBe: 2568, round: 1 },
          })
        ).caseId,
      events: [
        { type: 'ANNOUNCE_CRITERIA', payload: { announcementRef: 'ประกาศ สพป. ลงวันที่ 1 ต.ค. 2567', announcedOn: '2024-10-01' } },
        { type: 'BEGIN_APPRAISAL', payload: { considered: 10, ineligible: [] } },
        { type: 'APPRAISAL_CLOSED', payload: {} },
        { type: 'SCREENING_APPROVED', payload: resolution('approve') },
        { type: 'SCREENING_RETURNED', payload: resolution('reject') },
        { type: 'APPRAISAL_RESULTS_NOTIFIED', payload: {} },
        ...(version >= 3
          ? [
              { type: 'ALLOCATION_RANGES_SET', payload: { ranges: [...DEFAULT_BAND_RANGES], bySchool: ['teachers'] } },
              { type: 'ALLOCATION_OVERRIDES_SET', payload: { overrides: [{ personnelNo: 'P1', pctBp: 300, reason: 'ผลงานเด่น' }] } },
            ]
          : []),
        { type: 'ALLOCATION_PROPOSED', payload: proposal },
        { type: 'BUDGET_APPROVED', payload: resolution('approve') },
        { type: 'BUDGET_RETURNED', payload: resolution('reject') },
        { type: 'ROUND_APPROVED', payload: resolution('approve') },
        { type: 'ROUND_REFUSED', payload: resolution('reject') },
        {
          type: 'RESULTS_PUBLISHED',
          payload: {
            announcementRef: 'ประกาศรายชื่อ',
            digest: DIGEST,
            listed: { outstanding: 2, very_good: 3 },
            windowEndsAt: '2025-07-01T09:30:00Z',
          },
        },
        {
          type: 'ORDERS_ISSUED',
          payload: { orders: [{ ref: 'คำสั่ง 1/2568', issuedOn: '2025-06-01', authority: 'area_director', schoolId: null, count: 9 }] },
        },
        { type: 'WINDOW_CLOSED', payload: {} },
        { type: 'ROUND_CLOSED', payload: {} },
      ],
    });
    const leaves = def.leafSteps.map((s) => s.path).sort();
    expect(report.statesReached).toEqual(leaves);
    expect(leaves).toEqual(
      [
        'allocating',
        'announcing',
        'appraising',
        'approval',
        'budgetReview',
        'closed',
        'evaluating',
        'grievanceWindow',
        'notifyingAppraisal',
        'ordering',
        'publishing',
        'screening',
        'settling',
      ].sort(),
    );
  });

  it('refuses an allocation above its pool, and publishing anything but what was approved', async () => {
    const { caseId } = await engine.startCase({
      actor: users.hr,
      workflowId: 'salary-round',
      version,
      officeId: office.officeId,
      title: 'รอบ',
      input: { fiscalYearBe: 2568, round: 2 },
    });
    const send = (type: string, payload: unknown, actor: Actor = users.hr) => engine.dispatch({ actor, caseId, type, payload });
    await send('ANNOUNCE_CRITERIA', { announcementRef: 'ประกาศ', announcedOn: '2025-04-01' });
    await send('BEGIN_APPRAISAL', { considered: 10, ineligible: [] });
    await send('APPRAISAL_CLOSED', {});
    await send('SCREENING_APPROVED', resolution('approve'), committee);
    await send('APPRAISAL_RESULTS_NOTIFIED', {});
    await expect(send('ALLOCATION_PROPOSED', { ...proposal, allocatedSatang: 900_001 })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
    if (version >= 3) {
      // one pool above its budget, even when the total fits; ranges that are not usable; the committee's decisions recorded with who and why
      await expect(
        send('ALLOCATION_PROPOSED', {
          ...proposal,
          pools: [
            { key: 'teachers', budgetSatang: 500_000, usedSatang: 500_001 },
            { key: 'others', budgetSatang: 400_000, usedSatang: 0 },
          ],
        }),
      ).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
      await expect(
        send('ALLOCATION_RANGES_SET', { ranges: [{ tier: 'outstanding', minBp: 500, maxBp: 400 }], bySchool: [] }),
      ).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
      await expect(send('ALLOCATION_OVERRIDES_SET', { overrides: [{ personnelNo: 'P1', pctBp: 300 }] })).rejects.toMatchObject({
        code: 'INVALID_PAYLOAD',
      });
      await expect(send('ALLOCATION_RANGES_SET', { ranges: [...DEFAULT_BAND_RANGES], bySchool: [] }, users.teacher)).rejects.toMatchObject({
        code: 'CASE_NOT_FOUND',
      });
      await send('ALLOCATION_OVERRIDES_SET', { overrides: [{ personnelNo: 'P1', pctBp: 300, reason: 'ผลงานเด่น' }] });
      const ctx = (
        (await tdb.db.selectFrom('cases').select('snapshot').where('id', '=', caseId).executeTakeFirstOrThrow()).snapshot as {
          context: { overrides: unknown[] };
        }
      ).context;
      expect(ctx.overrides).toEqual([{ personnelNo: 'P1', pctBp: 300, reason: 'ผลงานเด่น', by: users.hr.id, at: AT }]);
    }
    await send('ALLOCATION_PROPOSED', proposal);
    await expect(send('BUDGET_APPROVED', resolution('approve'))).rejects.toMatchObject({ code: 'FORBIDDEN' }); // only a committee resolves
    await send('BUDGET_APPROVED', resolution('approve'), committee);
    await send('ROUND_APPROVED', resolution('approve'), committee);
    const publish = { announcementRef: 'ประกาศ', listed: {}, windowEndsAt: '2025-12-01T09:30:00Z' };
    await expect(send('RESULTS_PUBLISHED', { ...publish, digest: 'b'.repeat(64) })).rejects.toMatchObject({ code: 'EVENT_NOT_ALLOWED' });
    expect((await send('RESULTS_PUBLISHED', { ...publish, digest: DIGEST })).state).toBe('ordering');
    expect((await tdb.db.selectFrom('cases').select('snapshot').where('id', '=', caseId).executeTakeFirstOrThrow()).snapshot).toMatchObject(
      {
        context: {
          dates: { evaluationFrom: '2025-04-01', evaluationTo: '2025-09-30', effectiveOn: '2025-10-01', baseDateOn: '2025-09-01' },
        },
      },
    );
  });
});

describe('opening a round', () => {
  it('on schedule: the system opens the round of the half-year that starts, once per office', async () => {
    expect([roundStartingOn('2024-10-01'), roundStartingOn('2025-04-01'), roundStartingOn('2026-01-15')]).toEqual([
      { fiscalYearBe: 2568, round: 1 },
      { fiscalYearBe: 2568, round: 2 },
      { fiscalYearBe: 2569, round: 1 },
    ]);
    const params = { ...roundStartingOn('2026-04-01'), policy: { kind: 'headcount_quota' as const } };
    const first = await startSalaryRound(engine, SYSTEM_ACTOR, { officeId: office.officeId, params });
    expect(first.replayed).toBe(false);
    // the worker runs again, or an officer asks too: the same round
    expect(await startSalaryRound(engine, SYSTEM_ACTOR, { officeId: office.officeId, params })).toEqual({
      caseId: first.caseId,
      replayed: true,
    });
    expect(await startSalaryRound(engine, users.hr, { officeId: office.officeId, params })).toEqual({
      caseId: first.caseId,
      replayed: true,
    });
    const row = await tdb.db
      .selectFrom('cases')
      .select(['title', 'state', 'created_by', 'workflow_version'])
      .where('id', '=', first.caseId)
      .executeTakeFirstOrThrow();
    // the worker's scheduled opening opens the latest version: 4 (its children are salary-raise@4)
    expect(row).toEqual({
      title: 'เลื่อนเงินเดือน ครั้งที่ 2 (1 ตุลาคม 2569) ปีงบประมาณ พ.ศ. 2569',
      state: 'announcing',
      created_by: 'system',
      workflow_version: 4,
    });
    // a teacher may not open one
    await expect(
      startSalaryRound(engine, users.teacher, { officeId: office.officeId, params: { fiscalYearBe: 2570, round: 1 } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('docs/workflows/salary-round.md', () => {
  const doc = readDoc(new URL('../../../docs/workflows/salary-round.md', import.meta.url));

  it('embeds the diagrams generated from the machines', () => {
    expect(
      diagramProblems(doc, [
        { heading: /^`salary-round@1` \(ไทย\)/, expected: toMermaid(salaryRound, 'th') },
        { heading: /^`salary-raise@1` \(ไทย\)/, expected: toMermaid(salaryRaise, 'th') },
        { heading: /^`salary-round@1` \(English\)/, expected: toMermaid(salaryRound, 'en') },
        { heading: /^`salary-raise@1` \(English\)/, expected: toMermaid(salaryRaise, 'en') },
        { heading: /^`salary-raise@3` \(ไทย\)/, expected: toMermaid(salaryRaiseV3, 'th') },
        { heading: /^`salary-raise@3` \(English\)/, expected: toMermaid(salaryRaiseV3, 'en') },
        { heading: /^`salary-round@3` \(ไทย\)/, expected: toMermaid(salaryRoundV3, 'th') },
        { heading: /^`salary-round@3` \(English\)/, expected: toMermaid(salaryRoundV3, 'en') },
      ]),
    ).toEqual([]);
  });

  it('lists the time standard of every step with its source and phrase', () => {
    expect(doc).toContain(timeStandardsTable([salaryRoundV2, salaryRaiseV3]));
  });

  it('lists every parameter with its default and where the default comes from', () => {
    const table = [
      '| parameter | default | status | source |',
      '|---|---|---|---|',
      ...PARAMETER_NOTES.map((n) => `| \`${n.path}\` | ${n.default} | ${n.status} | ${n.source} |`),
    ];
    expect(doc).toContain(table.join('\n'));
  });
});

/** The table of time standards, generated from the step metadata (the doc must contain it verbatim). */
function timeStandardsTable(defs: readonly WorkflowDefinition[]): string {
  const rows = ['| workflow | step | time standard | phrase (verbatim) | source |', '|---|---|---|---|---|'];
  for (const def of defs) {
    for (const [path, meta] of Object.entries(def.steps)) {
      const d = meta.deadline;
      const kind = !d
        ? '—'
        : d.kind === 'external'
          ? `external: ${d.calendar}`
          : d.kind === 'from_data'
            ? `from the round's data: \`${d.path}\``
            : d.kind;
      const phrase = d ? d.phrase : '—';
      const source = d?.source ?? meta.source;
      rows.push(`| ${def.id} | \`${path}\` | ${kind} | ${phrase} | ${source} |`.replace(/\n/g, ' '));
    }
  }
  return rows.join('\n');
}
