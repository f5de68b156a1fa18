import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { ManualClock, minutesToCsv, minutesToText, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import {
  addCommitteeMember,
  buildMinutes,
  castVote,
  closeMeetingAndApply,
  createCommittee,
  createEngine,
  editAgenda,
  loadUserActor,
  openMeeting,
  publishWorkflows,
  recordResolution,
  recuseMember,
  scheduleMeeting,
  engineDeps,
} from '../src/internal';
import { actorOf, createTestDatabase, sampleCommittee, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let hr: Actor;
let committeeId: string;
const clock = new ManualClock('2025-08-04T02:00:00Z'); // Mon 4 Aug 2568, 09:00
const members: { memberId: string; userId: string; actor: Actor; seat: string }[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleCommittee]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
  hr = await actorOf(tdb.db, a.users.hr);
  ({ committeeId } = await createCommittee(engineDeps(engine), hr, {
    officeId: a.officeId,
    kind: 'screening',
    nameTh: 'คณะกรรมการกลั่นกรองการย้าย',
    nameEn: 'Transfer screening committee',
  }));
  const seats = ['chair', 'secretary', 'member', 'member', 'member'] as const;
  for (const [i, seat] of seats.entries()) {
    const person = await tdb.db
      .insertInto('people')
      .values({ first_name_th: `กรรมการ${i + 1}`, last_name_th: 'ทดสอบ', office_id: a.officeId, email: `m${i}@example.test` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await tdb.db
      .insertInto('users')
      .values({ username: `member-${i}-${committeeId.slice(0, 6)}`, person_id: person.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tdb.db
      .insertInto('role_assignments')
      .values({ user_id: user.id, role: 'committee_member', office_id: a.officeId, school_id: null, valid_from: '2020-01-01' })
      .execute();
    const { memberId } = await addCommitteeMember(engineDeps(engine), hr, {
      committeeId,
      personId: person.id,
      seat,
      termFrom: '2025-01-01',
      termUntil: '2026-09-30',
    });
    members.push({ memberId, userId: user.id, actor: await loadUserActor(tdb.db, user.id, new Date()), seat });
  }
});
afterAll(() => tdb.drop());

const secretary = () => members[1]!.actor;

async function fileCases(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      (
        await engine.startCase({
          actor: hr,
          workflowId: 'sample-committee',
          officeId: a.officeId,
          schoolId: a.schoolIds[0],
          subjectPersonId: a.users.teacher.personId,
          title: `คำขอย้าย ${i + 1}`,
          input: {},
        })
      ).caseId,
    );
  return ids;
}
const items = (meetingId: string) =>
  tdb.db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
const states = async (ids: string[]) =>
  (await tdb.db.selectFrom('cases').select(['id', 'state']).where('id', 'in', ids).execute()).map((r) => r.state);

describe('meetings', () => {
  it('assembles the agenda from waiting cases and tells members N working days before, with the agenda as it stands', async () => {
    const ids = await fileCases(3);
    const { meetingId, agendaItems } = await scheduleMeeting(engineDeps(engine), secretary(), {
      committeeId,
      title: 'ประชุมครั้งที่ 1/2568',
      scheduledAt: '2025-08-15T02:00:00Z',
      place: 'ห้องประชุม สพป.',
    });
    expect(agendaItems).toBe(3);
    const notices = await tdb.db.selectFrom('notifications').selectAll().where('meeting_id', '=', meetingId).execute();
    expect(notices.map((n) => n.recipient_user_id).sort()).toEqual(members.map((m) => m.userId).sort());
    // Fri 15 Aug; 3 working days before: Tue 12 Aug is a holiday (Mother's Day), so Wed 13, Mon 11, Fri 8 → Fri 8 Aug 08:30
    expect(notices[0]!.available_at.toISOString()).toBe('2025-08-08T01:30:00.000Z');
    expect((notices[0]!.payload as { items: unknown[] }).items).toHaveLength(3);

    await editAgenda(engineDeps(engine), secretary(), { meetingId, remove: [ids[0]!] });
    const after = await tdb.db.selectFrom('notifications').select('payload').where('meeting_id', '=', meetingId).execute();
    expect(after.every((n) => (n.payload as { items: unknown[] }).items.length === 2)).toBe(true);
    await editAgenda(engineDeps(engine), secretary(), { meetingId, add: [ids[0]!] });
    await expect(editAgenda(engineDeps(engine), secretary(), { meetingId, add: [ids[0]!] })).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
    });
    await expect(editAgenda(engineDeps(engine), members[3]!.actor, { meetingId, remove: [ids[1]!] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // close it out so later tests start clean
    await openMeeting(engineDeps(engine), secretary(), { meetingId, present: members.map((m) => m.memberId) });
    for (const item of await items(meetingId))
      if (item.status === 'listed') await recordResolution(engineDeps(engine), secretary(), { itemId: item.id, resolution: 'approve' });
    expect(await closeMeetingAndApply(engineDeps(engine), secretary(), meetingId)).toEqual({ applied: 3, deferred: 0 });
    expect(await states(ids)).toEqual(['passed', 'passed', 'passed']);
  });

  it('refuses a resolution without a quorum, and defers the items to the next meeting', async () => {
    const ids = await fileCases(2);
    const first = await scheduleMeeting(engineDeps(engine), secretary(), {
      committeeId,
      title: 'ครั้งที่ 2/2568',
      scheduledAt: '2025-08-20T02:00:00Z',
      place: 'ห้อง 1',
    });
    const q = await openMeeting(engineDeps(engine), secretary(), {
      meetingId: first.meetingId,
      present: [members[0]!.memberId, members[1]!.memberId],
    });
    expect(q).toEqual({ seated: 5, present: 2, required: 3, met: false });
    const [item] = await items(first.meetingId);
    await expect(recordResolution(engineDeps(engine), secretary(), { itemId: item!.id, resolution: 'approve' })).rejects.toMatchObject({
      code: 'QUORUM_NOT_MET',
    });
    expect(await closeMeetingAndApply(engineDeps(engine), secretary(), first.meetingId)).toEqual({ applied: 0, deferred: 2 });
    expect(await states(ids)).toEqual(['screening', 'screening']);

    const next = await scheduleMeeting(engineDeps(engine), secretary(), {
      committeeId,
      title: 'ครั้งที่ 3/2568',
      scheduledAt: '2025-08-27T02:00:00Z',
      place: 'ห้อง 1',
    });
    expect((await items(next.meetingId)).map((i) => i.case_id).sort()).toEqual([...ids].sort());
    await openMeeting(engineDeps(engine), secretary(), { meetingId: next.meetingId, present: members.map((m) => m.memberId) });
    for (const i of await items(next.meetingId))
      await recordResolution(engineDeps(engine), secretary(), { itemId: i.id, resolution: 'reject', note: 'ไม่ผ่านเกณฑ์' });
    await closeMeetingAndApply(engineDeps(engine), secretary(), next.meetingId);
    expect(await states(ids)).toEqual(['failed', 'failed']);
  });

  it('recuses a member with a conflict of interest, who then cannot vote; the votes decide', async () => {
    const [caseId] = await fileCases(1);
    const { meetingId } = await scheduleMeeting(engineDeps(engine), secretary(), {
      committeeId,
      title: 'ครั้งที่ 4/2568',
      scheduledAt: '2025-09-03T02:00:00Z',
      place: 'ห้อง 2',
    });
    const absent = members[4]!;
    await openMeeting(engineDeps(engine), secretary(), { meetingId, present: members.slice(0, 4).map((m) => m.memberId) });
    const [item] = await items(meetingId);
    await recuseMember(engineDeps(engine), members[2]!.actor, {
      itemId: item!.id,
      memberId: members[2]!.memberId,
      reason: 'เป็นญาติของผู้ยื่นคำขอ',
    });
    await expect(castVote(engineDeps(engine), members[2]!.actor, { itemId: item!.id, vote: 'approve' })).rejects.toMatchObject({
      code: 'MEMBER_RECUSED',
    });
    await expect(castVote(engineDeps(engine), absent.actor, { itemId: item!.id, vote: 'approve' })).rejects.toMatchObject({
      code: 'MEMBER_NOT_PRESENT',
    });
    await expect(castVote(engineDeps(engine), hr, { itemId: item!.id, vote: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await castVote(engineDeps(engine), members[0]!.actor, { itemId: item!.id, vote: 'approve' });
    await castVote(engineDeps(engine), members[1]!.actor, { itemId: item!.id, vote: 'reject' });
    await castVote(engineDeps(engine), members[3]!.actor, { itemId: item!.id, vote: 'approve' });
    const r = await recordResolution(engineDeps(engine), secretary(), { itemId: item!.id });
    expect(r).toEqual({ resolution: 'approve', tally: { approve: 2, reject: 1, defer: 0, abstain: 0, recused: 1 } });
    await closeMeetingAndApply(engineDeps(engine), secretary(), meetingId);
    expect(await states([caseId!])).toEqual(['passed']);
    const h = await engine.getCase(hr, caseId!);
    expect(h.history.at(-1)).toMatchObject({
      actorKind: 'committee',
      actorId: committeeId,
      eventType: 'SCREEN_PASS',
      actorRoles: ['committee'],
    });
    expect(h.history.at(-1)!.payload).toMatchObject({ meetingId, tally: { approve: 2, reject: 1, recused: 1 } });

    const minutes = await buildMinutes(engineDeps(engine), secretary(), meetingId);
    expect(minutes.quorum).toEqual({ seated: 5, present: 4, required: 3, met: true });
    expect(minutes.items[0]!.recusals).toEqual([{ name: 'กรรมการ3 ทดสอบ', reason: 'เป็นญาติของผู้ยื่นคำขอ' }]);
    expect(minutesToCsv(minutes)).toContain('เห็นชอบ (approve),2,1,0,0,1');
    expect(minutesToText(minutes)).toContain('3 กันยายน 2568');
  });

  it('applies resolutions to 200 cases atomically: one case that cannot take its resolution rolls back all', async () => {
    const ids = await fileCases(200);
    const { meetingId, agendaItems } = await scheduleMeeting(engineDeps(engine), secretary(), {
      committeeId,
      title: 'ครั้งที่ 5/2568',
      scheduledAt: '2025-09-10T02:00:00Z',
      place: 'ห้อง 3',
    });
    expect(agendaItems).toBe(200);
    await openMeeting(engineDeps(engine), secretary(), { meetingId, present: members.map((m) => m.memberId) });
    const listed = await items(meetingId);
    for (const [n, i] of listed.entries())
      await recordResolution(engineDeps(engine), secretary(), { itemId: i.id, resolution: n % 10 === 0 ? 'reject' : 'approve' });
    // after the resolution was recorded, the applicant of one case withdraws it
    const teacher = await actorOf(tdb.db, a.users.teacher);
    await engine.dispatch({ actor: teacher, caseId: listed[137]!.case_id, type: 'WITHDRAW', payload: {} });
    const historyBefore = await tdb.db
      .selectFrom('case_history')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('case_id', 'in', ids)
      .executeTakeFirstOrThrow();

    await expect(closeMeetingAndApply(engineDeps(engine), secretary(), meetingId)).rejects.toMatchObject({
      code: 'RESOLUTION_NOT_APPLICABLE',
      details: { caseId: listed[137]!.case_id, reason: 'EVENT_NOT_ALLOWED' },
    });
    const historyAfter = await tdb.db
      .selectFrom('case_history')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('case_id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(historyAfter.n).toBe(historyBefore.n);
    expect((await states(ids)).filter((s) => s === 'screening')).toHaveLength(199);
    expect((await tdb.db.selectFrom('meetings').select('status').where('id', '=', meetingId).executeTakeFirstOrThrow()).status).toBe(
      'open',
    );

    await recordResolution(engineDeps(engine), secretary(), { itemId: listed[137]!.id, resolution: 'defer' });
    expect(await closeMeetingAndApply(engineDeps(engine), secretary(), meetingId)).toEqual({ applied: 199, deferred: 1 });
    const final = await states(ids);
    expect(final.filter((s) => s === 'passed')).toHaveLength(179);
    expect(final.filter((s) => s === 'failed')).toHaveLength(20);
    expect(final.filter((s) => s === 'withdrawn')).toHaveLength(1);
  });
});
