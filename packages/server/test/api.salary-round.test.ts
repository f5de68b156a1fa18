/**
 * A salary raise round taken from the appraisal to its close by the office's
 * HR officer over HTTP (docs/workflows/salary-round.md "Running a round"):
 * each of the round's own steps is one call; the committees' steps are their
 * meetings. The announcement and the orders take their numbers from the
 * office's registers. A step that does not apply yet is refused with the
 * reason and nothing moves; a teacher may not drive the round, another office
 * does not see it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addCommitteeMember,
  bangkokInstant,
  closeMeetingAndApply,
  createCommittee,
  openMeeting,
  recordResolution,
  scheduleMeeting,
  type Actor,
} from '@esa-flow/engine';
import { salary } from '@esa-flow/workflows';
import { actorOf } from '../../engine/test/support/index';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let hr: Actor;
let roundId = '';
const committees: Record<string, { committeeId: string; members: string[] }> = {};

/** A committee of `kind` with three seated members. */
async function committeeOf(kind: string, nameTh: string) {
  const { committeeId } = await createCommittee(w.engine.deps, hr, { officeId: w.a.officeId, kind, nameTh, nameEn: kind });
  const members: string[] = [];
  for (const seat of ['chair', 'secretary', 'member'] as const) {
    const p = await w.tdb.db.insertInto('people').values({ first_name_th: `กรรมการ ${seat}`, last_name_th: kind, office_id: w.a.officeId }).returning('id').executeTakeFirstOrThrow();
    members.push((await addCommitteeMember(w.engine.deps, hr, { committeeId, personId: p.id, seat, termFrom: '2024-01-01', termUntil: null })).memberId);
  }
  committees[kind] = { committeeId, members };
}

/** The committee meets and approves everything on its agenda. */
async function approveAll(kind: string): Promise<number> {
  const c = committees[kind]!;
  const { meetingId } = await scheduleMeeting(w.engine.deps, hr, { committeeId: c.committeeId, title: `ประชุม ${kind}`, scheduledAt: w.clock.now().toISOString(), place: 'ห้องประชุม' });
  await openMeeting(w.engine.deps, hr, { meetingId, present: c.members });
  const items = await w.tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
  for (const item of items) await recordResolution(w.engine.deps, hr, { itemId: item.id, resolution: 'approve' });
  return (await closeMeetingAndApply(w.engine.deps, hr, meetingId)).applied;
}

const state = async () => (await salary.loadRound(w.engine, hr, roundId)).state;
/** signs in afresh on each call: the clock moves by months between the steps, past any session */
async function fresh(who: string, method: 'GET' | 'POST', url: string) {
  const [office, key] = who.split('.') as ['a' | 'b', keyof ServerWorld['a']['users']];
  const user = await w.tdb.db.selectFrom('users').select('username').where('id', '=', (office === 'a' ? w.a : w.b).users[key].userId).executeTakeFirstOrThrow();
  const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: PASSWORD } });
  const cookie = `esa_session=${signIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
  return w.app.inject({ method, url, headers: { cookie } });
}
const step = (who: string, name: string) => fresh(who, 'POST', `/api/salary-rounds/${roundId}/${name}`);

beforeAll(async () => {
  w = await startServerWorld({}, salary.salaryWorkflows);
  hr = await actorOf(w.tdb.db, w.a.users.hr);
  w.clock.set('2024-10-01T02:00:00Z');
  roundId = (await salary.startSalaryRound(w.engine, hr, { officeId: w.a.officeId, params: { fiscalYearBe: 2568, round: 1 } })).caseId;
  await w.engine.dispatch({ actor: hr, caseId: roundId, type: 'ANNOUNCE_CRITERIA', payload: { announcementRef: 'ประกาศ เรื่อง หลักเกณฑ์การประเมิน', announcedOn: '2024-10-01' } });
  await committeeOf('salary_screening', 'คณะกรรมการกลั่นกรองผลการประเมิน');
  await committeeOf('salary_budget', 'คณะกรรมการบริหารวงเงิน');
  await committeeOf('area_approval', 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา');
  // six teachers in the two schools; the half-year has ended
  w.clock.set('2025-04-01T02:00:00Z');
  const roster: salary.StaffRecordInput[] = [];
  for (let i = 0; i < 6; i++) {
    const schoolId = w.a.schoolIds[i % 2]!;
    const p = await w.tdb.db.insertInto('people').values({ first_name_th: `ครู${i + 1}`, last_name_th: 'ทดสอบ', office_id: w.a.officeId, school_id: schoolId }).returning('id').executeTakeFirstOrThrow();
    roster.push({ personnelNo: `P${100 + i}`, personId: p.id, schoolId, nameTh: `ครู${i + 1} ทดสอบ`, position: 'ครู', salarySatang: (20_000 + i * 3_000) * 100, baseSatang: 25_000 * 100, maxSalarySatang: 58_390 * 100, serviceStartedOn: '2010-05-16' });
  }
  await salary.openRoundAppraisal(w.engine, hr, { roundCaseId: roundId, roster });
});
afterAll(() => w.close());

describe('a salary round driven over HTTP', () => {
  it('closes the appraisal only when everyone is scored, then runs to the close with numbered announcement and orders', async () => {
    const children = await salary.roundChildren(w.engine, hr, roundId);
    const director = [await actorOf(w.tdb.db, w.a.users.director), await actorOf(w.tdb.db, w.a.users.director2)];
    const scoreOf = (i: number) => 95 - i * 4;
    const scoring = children.map((c, i) => ({ caseId: c.caseId, type: 'SUBMIT_SCORE', payload: { score: scoreOf(i) }, actor: director[w.a.schoolIds.indexOf(c.schoolId!)]! }));
    await salary.dispatchMany(w.engine, hr, scoring.slice(1));

    // one appraisal missing, the date not passed: refused with the count, nothing moves
    const early = await step('a.hr', 'close-appraisal');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'ROUND_STEP_NOT_READY', detail: { settled: 5, total: 6 } });
    expect(early.json().message.th).toContain('ยังดำเนินการไม่ได้');
    expect(await state()).toBe('appraising');
    // nobody but the office's HR drives the round
    expect((await step('a.teacher', 'close-appraisal')).statusCode).toBe(404);
    expect((await step('a.director', 'close-appraisal')).statusCode).toBe(404); // the office's round is not a school's to read
    expect((await step('a.area', 'close-appraisal')).statusCode).toBe(403);
    expect((await step('b.hr', 'close-appraisal')).statusCode).toBe(404);

    await salary.dispatchMany(w.engine, hr, scoring.slice(0, 1));
    const closed = await step('a.hr', 'close-appraisal');
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'screening', counts: { settled: 6, total: 6, notAppraised: 0 } });
    // a step out of its turn
    expect((await step('a.hr', 'tell-results')).json().code).toBe('EVENT_NOT_ALLOWED');

    expect(await approveAll('salary_screening')).toBe(1);
    const told = await step('a.hr', 'tell-results');
    expect(told.statusCode).toBe(200);
    expect(told.json()).toMatchObject({ state: 'allocating', counts: { told: 6 } });

    const proposed = await step('a.hr', 'allocation');
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().state).toBe('budgetReview');
    expect(proposed.json().counts.allocatedSatang).toBeLessThanOrEqual(proposed.json().counts.poolSatang);
    expect(await approveAll('salary_budget')).toBe(1);
    expect(await approveAll('area_approval')).toBe(1);
    expect(await state()).toBe('publishing');

    w.clock.set('2025-06-02T03:00:00Z'); // 2 มิ.ย. 2568
    const published = await step('a.hr', 'publish');
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ state: 'ordering', announcementNo: '1/2568', counts: { told: 6 } });
    const announcements = await fresh('a.hr', 'GET', `/api/offices/${w.a.officeId}/registers/announcement?beYear=2568`);
    expect(announcements.json().items).toMatchObject([{ number: 1, caseId: roundId, title: 'ประกาศรายชื่อผู้มีผลการประเมินดีเด่นและดีมาก การเลื่อนเงินเดือน ครั้งที่ 1/2568' }]);

    const orders = await step('a.hr', 'orders');
    expect(orders.statusCode).toBe(200);
    const issued = orders.json().orders as { number: string; count: number }[];
    expect(issued.length).toBeGreaterThan(0);
    expect(issued.map((o) => o.number)).toEqual(issued.map((_, i) => `${i + 1}/2568`));
    expect(orders.json().state).toBe('grievanceWindow');
    const round = await salary.loadRound(w.engine, hr, roundId);
    expect(round.context.orders.map((o) => o.ref)).toEqual(issued.map((o) => `คำสั่ง ที่ ${o.number}`));

    // the window is still open
    const tooSoon = await step('a.hr', 'close-grievance-window');
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().code).toBe('ROUND_STEP_NOT_READY');
    w.clock.set(bangkokInstant('2025-08-01', '09:00'));
    const finished = await step('a.hr', 'close-grievance-window');
    expect(finished.statusCode).toBe(200);
    expect(finished.json()).toMatchObject({ state: 'closed', counts: { closed: 6 } });
  });
});
