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
import { bangkokInstant } from '@esa-flow/engine';
import { salary } from '@esa-flow/workflows';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';
import { setUpSalaryRound, type SalaryRoundFixture } from './support/salary-round';

let w: ServerWorld;
let r: SalaryRoundFixture;
let roundId = '';

const state = async () => (await salary.loadRound(w.engine, r.hr, roundId)).state;
/** signs in afresh on each call: the clock moves by months between the steps, past any session */
async function fresh(who: string, method: 'GET' | 'POST', url: string) {
  const [office, key] = who.split('.') as ['a' | 'b', keyof ServerWorld['a']['users']];
  const user = await w.tdb.db
    .selectFrom('users')
    .select('username')
    .where('id', '=', (office === 'a' ? w.a : w.b).users[key].userId)
    .executeTakeFirstOrThrow();
  const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: PASSWORD } });
  const cookie = `esa_session=${signIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
  return w.app.inject({ method, url, headers: { cookie } });
}
const step = (who: string, name: string) => fresh(who, 'POST', `/api/salary-rounds/${roundId}/${name}`);

beforeAll(async () => {
  w = await startServerWorld({}, salary.salaryWorkflows);
  r = await setUpSalaryRound(w);
  roundId = r.roundId;
});
afterAll(() => w.close());

describe('a salary round driven over HTTP', () => {
  it('closes the appraisal only when everyone is scored, then runs to the close with numbered announcement and orders', async () => {
    await r.score((i) => i > 0);

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

    await r.score((i) => i === 0);
    const closed = await step('a.hr', 'close-appraisal');
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'screening', counts: { settled: 6, total: 6, notAppraised: 0 } });
    // a step out of its turn
    expect((await step('a.hr', 'tell-results')).json().code).toBe('EVENT_NOT_ALLOWED');

    expect(await r.approveAll('salary_screening')).toBe(1);
    const told = await step('a.hr', 'tell-results');
    expect(told.statusCode).toBe(200);
    expect(told.json()).toMatchObject({ state: 'allocating', counts: { told: 6 } });

    const proposed = await step('a.hr', 'allocation');
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().state).toBe('budgetReview');
    expect(proposed.json().counts.allocatedSatang).toBeLessThanOrEqual(proposed.json().counts.poolSatang);
    expect(await r.approveAll('salary_budget')).toBe(1);
    expect(await r.approveAll('area_approval')).toBe(1);
    expect(await state()).toBe('publishing');

    w.clock.set('2025-06-02T03:00:00Z'); // 2 มิ.ย. 2568
    const published = await step('a.hr', 'publish');
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ state: 'ordering', announcementNo: '1/2568', counts: { told: 6 } });
    const announcements = await fresh('a.hr', 'GET', `/api/offices/${w.a.officeId}/registers/announcement?beYear=2568`);
    expect(announcements.json().items).toMatchObject([
      { number: 1, caseId: roundId, title: 'ประกาศรายชื่อผู้มีผลการประเมินดีเด่นและดีมาก การเลื่อนเงินเดือน ครั้งที่ 1/2568' },
    ]);

    const orders = await step('a.hr', 'orders');
    expect(orders.statusCode).toBe(200);
    const issued = orders.json().orders as { number: string; count: number }[];
    expect(issued.length).toBeGreaterThan(0);
    expect(issued.map((o) => o.number)).toEqual(issued.map((_, i) => `${i + 1}/2568`));
    expect(orders.json().state).toBe('grievanceWindow');
    const round = await salary.loadRound(w.engine, r.hr, roundId);
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

  it('opens a round for a fiscal year and round once, whoever asks again; only the office’s HR officers', async () => {
    const open = (who: string, body: unknown) => w.call(who, 'POST', `/api/offices/${w.a.officeId}/salary-rounds`, body);
    const first = await open('a.hr', { fiscalYearBe: 2569, round: 2 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ replayed: false });
    const opened = await salary.loadRound(w.engine, r.hr, first.json().caseId);
    expect([opened.state, opened.context.params.fiscalYearBe, opened.context.params.round]).toEqual(['announcing', 2569, 2]);
    expect(
      await w.tdb.db.selectFrom('cases').select(['title', 'workflow_version']).where('id', '=', opened.id).executeTakeFirstOrThrow(),
    ).toEqual({ title: 'เลื่อนเงินเดือน ครั้งที่ 2 (1 ตุลาคม 2569) ปีงบประมาณ พ.ศ. 2569', workflow_version: 4 });
    // the round already open (this file's round 1/2568, opened by the host) is given back, not opened twice
    expect((await open('a.hr', { fiscalYearBe: 2568, round: 1 })).json()).toEqual({ caseId: roundId, replayed: true });
    expect((await open('a.hr', { fiscalYearBe: 2569, round: 3 })).statusCode).toBe(400);
    expect((await open('a.director', { fiscalYearBe: 2570, round: 1 })).statusCode).toBe(403);
    expect((await open('b.hr', { fiscalYearBe: 2570, round: 1 })).statusCode).toBe(404);
    expect(
      await w.tdb.db
        .selectFrom('cases')
        .select('id')
        .where('workflow_id', '=', 'salary-round')
        .where('office_id', '=', w.a.officeId)
        .execute(),
    ).toHaveLength(2);
  });
});
