/**
 * Segregation of duties and committee confidentiality, engine-wide:
 * - nobody approves, certifies or scores a case about themself (the
 *   applicant's own events excepted), whatever their office role;
 * - a committee member does not vote on, and whoever runs the meeting does
 *   not record the resolution of, an item about themself;
 * - one person holds one seat on a committee for any one term;
 * - a committee, its meetings and minutes are read by the office's readers
 *   and the members seated on it; for anyone else they do not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import {
  addCommitteeMember,
  buildMinutes,
  castVote,
  createCommittee,
  createEngine,
  inboxPage,
  listAwaitingWork,
  loadCommittee,
  openMeeting,
  publishWorkflows,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '../src/internal';
import {
  actorOf,
  createTestDatabase,
  sampleApproval,
  sampleCommittee,
  seedOffice,
  type OfficeFixture,
  type TestDatabase,
} from './support/index';

/** One person's waiting work as the inbox reads it (every item, one page). */
const workOf = async (deps: Parameters<typeof inboxPage>[0], now: Date, userId: string) =>
  (await inboxPage(deps, { userId, now, limit: 100_000, offset: 0, atRiskBefore: now })).items;

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
const clock = new ManualClock('2025-08-04T02:00:00Z'); // Mon 4 Aug 2568, 09:00
const who = (key: keyof OfficeFixture['users']): Promise<Actor> => actorOf(tdb.db, a.users[key]);

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleApproval, sampleCommittee]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
});
afterAll(() => tdb.drop());

const historyLength = async (caseId: string) =>
  (await tdb.db.selectFrom('case_history').select('seq').where('case_id', '=', caseId).execute()).length;

describe('segregation of duties on a case (the command path)', () => {
  it('refuses a school director certifying a case about themself, leaves them their applicant events, and writes nothing', async () => {
    const director = await who('director');
    const { caseId } = await engine.startCase({
      actor: await who('hr'),
      workflowId: 'sample-approval',
      officeId: a.officeId,
      schoolId: a.schoolIds[0],
      subjectPersonId: a.users.director.personId,
      title: 'คำขอของผู้อำนวยการ',
      input: { amount: 1 },
    });
    const before = await historyLength(caseId);
    await expect(engine.dispatch({ actor: director, caseId, type: 'CERTIFY', payload: {} })).rejects.toMatchObject({
      code: 'SELF_DEALING_REFUSED',
      status: 403,
    });
    await expect(engine.dispatch({ actor: director, caseId, type: 'RETURN', payload: { note: 'แก้ไข' } })).rejects.toMatchObject({
      code: 'SELF_DEALING_REFUSED',
    });
    expect(await historyLength(caseId)).toBe(before);
    // the case page offers them only what the applicant may do
    const view = await engine.getCase(director, caseId);
    expect(view.availableEvents.map((e) => e.type)).toEqual(['WITHDRAW']);
    expect((await engine.dispatch({ actor: director, caseId, type: 'WITHDRAW', payload: {} })).state).toBe('withdrawn');
  });

  it('refuses an HR officer scoring their own case, while another officer’s steps go on', async () => {
    const hr = await who('hr');
    const { caseId } = await engine.startCase({
      actor: hr,
      workflowId: 'sample-approval',
      officeId: a.officeId,
      schoolId: a.schoolIds[0],
      subjectPersonId: a.users.hr.personId,
      title: 'คำขอของเจ้าหน้าที่',
      input: { amount: 2 },
    });
    await engine.dispatch({ actor: await who('director'), caseId, type: 'CERTIFY', payload: {} });
    const before = await historyLength(caseId);
    await expect(engine.dispatch({ actor: hr, caseId, type: 'CHECK', payload: { score: 99 } })).rejects.toMatchObject({
      code: 'SELF_DEALING_REFUSED',
    });
    expect(await historyLength(caseId)).toBe(before);
    expect((await engine.getCase(hr, caseId)).availableEvents).toEqual([]);
    // nor is the task theirs: no task notification, nothing waiting in their work list
    const told = await tdb.db
      .selectFrom('notifications')
      .select('recipient_user_id')
      .where('case_id', '=', caseId)
      .where('step', '=', 'hrCheck')
      .execute();
    expect(told.map((n) => n.recipient_user_id)).not.toContain(a.users.hr.userId);
    expect((await workOf(engineDeps(engine), clock.now(), a.users.hr.userId)).map((i) => i.caseId)).not.toContain(caseId);
    // the inbox's one statement keeps the same rule
    const inbox = await inboxPage(engineDeps(engine), {
      userId: a.users.hr.userId,
      now: clock.now(),
      limit: 100,
      offset: 0,
      atRiskBefore: clock.now(),
    });
    expect(inbox.items.map((i) => i.caseId)).not.toContain(caseId);
    const everyone = await listAwaitingWork(engineDeps(engine), clock.now());
    for (const u of Object.values(a.users)) {
      const own = (
        await inboxPage(engineDeps(engine), { userId: u.userId, now: clock.now(), limit: 100, offset: 0, atRiskBefore: clock.now() })
      ).items
        .map((i) => `${i.caseId}|${i.step}`)
        .sort();
      expect(own).toEqual(
        everyone
          .filter((i) => i.userId === u.userId)
          .map((i) => `${i.caseId}|${i.step}`)
          .sort(),
      );
    }
  });

  it('still lets the same officer act on cases about other people', async () => {
    const { caseId } = await engine.startCase({
      actor: await who('teacher'),
      workflowId: 'sample-approval',
      officeId: a.officeId,
      schoolId: a.schoolIds[0],
      subjectPersonId: a.users.teacher.personId,
      title: 'คำขอของครู',
      input: { amount: 3 },
    });
    await engine.dispatch({ actor: await who('director'), caseId, type: 'CERTIFY', payload: {} });
    expect((await engine.dispatch({ actor: await who('hr'), caseId, type: 'CHECK', payload: { score: 80 } })).state).toBe(
      'directorDecision',
    );
  });
});

describe('committees', () => {
  let committeeId: string;
  const seat: Record<'group' | 'teacher' | 'director2', string> = { group: '', teacher: '', director2: '' };

  beforeAll(async () => {
    const hr = await who('hr');
    ({ committeeId } = await createCommittee(engineDeps(engine), hr, {
      officeId: a.officeId,
      kind: 'screening',
      nameTh: 'คณะกรรมการกลั่นกรอง',
      nameEn: 'Screening',
    }));
    for (const [key, s] of [
      ['group', 'secretary'],
      ['teacher', 'member'],
      ['director2', 'member'],
    ] as const) {
      seat[key] = (
        await addCommitteeMember(engineDeps(engine), hr, {
          committeeId,
          personId: a.users[key].personId,
          seat: s,
          termFrom: '2025-01-01',
          termUntil: '2026-09-30',
        })
      ).memberId;
    }
  });

  it('refuses a second seat for the same person on an overlapping term, and allows a later one', async () => {
    const hr = await who('hr');
    const count = async () =>
      (await tdb.db.selectFrom('committee_members').select('id').where('committee_id', '=', committeeId).execute()).length;
    const before = await count();
    for (const term of [
      { termFrom: '2025-06-01', termUntil: null },
      { termFrom: '2024-01-01', termUntil: '2025-01-01' },
      { termFrom: '2026-09-30', termUntil: '2027-01-01' },
    ]) {
      await expect(
        addCommitteeMember(engineDeps(engine), hr, { committeeId, personId: a.users.teacher.personId, seat: 'chair', ...term }),
      ).rejects.toMatchObject({ code: 'COMMITTEE_SEAT_TAKEN', status: 409 });
    }
    expect(await count()).toBe(before);
    await addCommitteeMember(engineDeps(engine), hr, {
      committeeId,
      personId: a.users.teacher.personId,
      seat: 'member',
      termFrom: '2026-10-01',
      termUntil: null,
    });
    expect(await count()).toBe(before + 1);
    // and an open-ended seat blocks every later term
    await expect(
      addCommitteeMember(engineDeps(engine), hr, {
        committeeId,
        personId: a.users.teacher.personId,
        seat: 'member',
        termFrom: '2030-01-01',
      }),
    ).rejects.toMatchObject({ code: 'COMMITTEE_SEAT_TAKEN' });
  });

  it('refuses a member’s vote, and the resolution, on an item about themself; others vote on it', async () => {
    const hr = await who('hr');
    const own = await engine.startCase({
      actor: hr,
      workflowId: 'sample-committee',
      officeId: a.officeId,
      schoolId: a.schoolIds[0],
      subjectPersonId: a.users.teacher.personId,
      title: 'คำขอของกรรมการเอง',
      input: {},
    });
    const other = await engine.startCase({
      actor: hr,
      workflowId: 'sample-committee',
      officeId: a.officeId,
      schoolId: a.schoolIds[0],
      subjectPersonId: a.users.teacher2.personId,
      title: 'คำขอของครูอีกคน',
      input: {},
    });
    const aboutHr = await engine.startCase({
      actor: hr,
      workflowId: 'sample-committee',
      officeId: a.officeId,
      schoolId: null,
      subjectPersonId: a.users.hr.personId,
      title: 'คำขอของเจ้าหน้าที่',
      input: {},
    });
    const { meetingId } = await scheduleMeeting(engineDeps(engine), hr, {
      committeeId,
      title: 'ครั้งที่ 1/2568',
      scheduledAt: '2025-08-15T02:00:00Z',
      place: 'ห้อง 1',
    });
    await openMeeting(engineDeps(engine), hr, { meetingId, present: Object.values(seat) });
    const items = await tdb.db.selectFrom('agenda_items').select(['id', 'case_id']).where('meeting_id', '=', meetingId).execute();
    const itemOf = (caseId: string) => items.find((i) => i.case_id === caseId)!.id;
    const teacher = await who('teacher');

    await expect(castVote(engineDeps(engine), teacher, { itemId: itemOf(own.caseId), vote: 'approve' })).rejects.toMatchObject({
      code: 'SELF_DEALING_REFUSED',
      status: 403,
    });
    expect(await tdb.db.selectFrom('agenda_votes').select('member_id').where('item_id', '=', itemOf(own.caseId)).execute()).toEqual([]);
    await castVote(engineDeps(engine), teacher, { itemId: itemOf(other.caseId), vote: 'approve' });
    await castVote(engineDeps(engine), await who('director2'), { itemId: itemOf(own.caseId), vote: 'approve' });

    // the HR officer runs the meeting, but not on the item about themself; the secretary does
    await expect(recordResolution(engineDeps(engine), hr, { itemId: itemOf(aboutHr.caseId), resolution: 'approve' })).rejects.toMatchObject(
      {
        code: 'SELF_DEALING_REFUSED',
      },
    );
    expect(
      (await tdb.db.selectFrom('agenda_items').select('status').where('id', '=', itemOf(aboutHr.caseId)).executeTakeFirstOrThrow()).status,
    ).toBe('listed');
    expect(
      (await recordResolution(engineDeps(engine), await who('group'), { itemId: itemOf(aboutHr.caseId), resolution: 'defer' })).resolution,
    ).toBe('defer');
  });

  it('is read by the office’s readers and its seated members only', async () => {
    const hr = await who('hr');
    const { meetingId } = await scheduleMeeting(engineDeps(engine), hr, {
      committeeId,
      title: 'ครั้งที่ 2/2568',
      scheduledAt: '2025-08-22T02:00:00Z',
      place: 'ห้อง 1',
    });
    for (const key of ['hr', 'area', 'group', 'auditor', 'admin', 'teacher', 'director2'] as const) {
      await expect(loadCommittee(tdb.db, await who(key), committeeId, ['2025-08-04'])).resolves.toMatchObject({ id: committeeId });
      await expect(buildMinutes(engineDeps(engine), await who(key), meetingId)).resolves.toMatchObject({ meeting: { id: meetingId } });
    }
    for (const key of ['teacher2', 'director'] as const) {
      await expect(loadCommittee(tdb.db, await who(key), committeeId, ['2025-08-04'])).rejects.toMatchObject({
        code: 'COMMITTEE_NOT_FOUND',
      });
      await expect(buildMinutes(engineDeps(engine), await who(key), meetingId)).rejects.toMatchObject({ code: 'MEETING_NOT_FOUND' });
    }
    // a seat whose term does not cover the date is no seat
    await expect(loadCommittee(tdb.db, await who('director2'), committeeId, ['2027-01-01'])).rejects.toMatchObject({
      code: 'COMMITTEE_NOT_FOUND',
    });
    // a committee role without a seat is not enough
    const memberRole = await tdb.db.selectFrom('users').select('id').where('id', '=', a.users.teacher2.userId).executeTakeFirstOrThrow();
    await tdb.db
      .insertInto('role_assignments')
      .values({ user_id: memberRole.id, role: 'committee_member', office_id: a.officeId, school_id: null, valid_from: '2020-01-01' })
      .execute();
    await expect(buildMinutes(engineDeps(engine), await who('teacher2'), meetingId)).rejects.toMatchObject({ code: 'MEETING_NOT_FOUND' });
  });
});
