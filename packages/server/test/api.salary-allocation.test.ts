/**
 * The budget committee's allocation of a salary-round@3 round over HTTP
 * (docs/workflows/salary-round.md "The committee's allocation"): two pools
 * (teachers; 38 ค.(2) office staff), the ranges per band set by a member
 * seated on the budget committee, one person's % decided with its reason, a
 * decision that would exceed a pool refused with its code and nothing
 * written, a replay by Idempotency-Key, another office 404; then the
 * proposal, approvals and publication carry the decided % to the person.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addCommitteeMember, engineDeps } from '@esa-flow/engine/internal';
import { salary } from '@esa-flow/workflows';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';
import { setUpSalaryRound, type SalaryRoundFixture } from './support/salary-round';
import { hashPassword } from '../src/index';

let w: ServerWorld;
let r: SalaryRoundFixture;
let roundId = '';
let memberUsername = '';

async function cookieOf(username: string): Promise<string> {
  const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
  expect(signIn.statusCode).toBe(200);
  return `esa_session=${signIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
}
async function usernameOf(who: string): Promise<string> {
  if (who === 'member') return memberUsername;
  if (who === 'unseated') return `${memberUsername}-unseated`;
  const [office, key] = who.split('.') as ['a' | 'b', keyof ServerWorld['a']['users']];
  return (
    await w.tdb.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', (office === 'a' ? w.a : w.b).users[key].userId)
      .executeTakeFirstOrThrow()
  ).username;
}
async function call(who: string, method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const cookie = await cookieOf(await usernameOf(who));
  return w.app.inject({
    method,
    url: `/api/salary-rounds/${roundId}${path}`,
    headers: { cookie, ...headers },
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
  });
}

const RANGES = [
  { tier: 'outstanding', minBp: 300, maxBp: 600 },
  { tier: 'very_good', minBp: 200, maxBp: 400 },
  { tier: 'good', minBp: 100, maxBp: 300 },
  { tier: 'fair', minBp: 50, maxBp: 200 },
];

beforeAll(async () => {
  w = await startServerWorld({}, salary.salaryWorkflows);
  const staff = (n: number): salary.StaffRecordInput => ({
    personnelNo: `P20${n}`,
    personId: null,
    schoolId: null,
    nameTh: `เจ้าหน้าที่${n} ทดสอบ`,
    position: 'นักทรัพยากรบุคคล',
    salarySatang: 20_000_00,
    baseSatang: 30_000_00,
    serviceStartedOn: '2012-05-16',
  });
  r = await setUpSalaryRound(w, { extraRoster: [staff(0), staff(1)] });
  roundId = r.roundId;
  // a member of the office's budget committee with a user: กรรมการ, seated on it
  const person = await w.tdb.db
    .insertInto('people')
    .values({ first_name_th: 'กรรมการวงเงิน', last_name_th: 'ทดสอบ', office_id: w.a.officeId })
    .returning('id')
    .executeTakeFirstOrThrow();
  memberUsername = `budget-member-${w.a.officeId.slice(0, 8)}`;
  const user = await w.tdb.db
    .insertInto('users')
    .values({
      username: memberUsername,
      person_id: person.id,
      email: `${memberUsername}@example.test`,
      password_hash: await hashPassword(PASSWORD),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.tdb.db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role: 'committee_member', office_id: w.a.officeId, school_id: null, valid_from: '2020-01-01T00:00:00Z' })
    .execute();
  await addCommitteeMember(engineDeps(w.engine), r.hr, {
    committeeId: r.committeeIds.salary_budget,
    personId: person.id,
    seat: 'member',
    termFrom: '2024-01-01',
    termUntil: null,
  });
  // a กรรมการ of the office seated on another committee (screening), not on the budget committee
  const other = await w.tdb.db
    .insertInto('people')
    .values({ first_name_th: 'กรรมการกลั่นกรอง', last_name_th: 'ทดสอบ', office_id: w.a.officeId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const otherUser = await w.tdb.db
    .insertInto('users')
    .values({
      username: `${memberUsername}-unseated`,
      person_id: other.id,
      email: `${memberUsername}-unseated@example.test`,
      password_hash: await hashPassword(PASSWORD),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.tdb.db
    .insertInto('role_assignments')
    .values({
      user_id: otherUser.id,
      role: 'committee_member',
      office_id: w.a.officeId,
      school_id: null,
      valid_from: '2020-01-01T00:00:00Z',
    })
    .execute();
  await addCommitteeMember(engineDeps(w.engine), r.hr, {
    committeeId: r.committeeIds.salary_screening,
    personId: other.id,
    seat: 'member',
    termFrom: '2024-01-01',
    termUntil: null,
  });

  await r.score();
  await salary.closeAppraisal(w.engine, roundId);
  await r.approveAll('salary_screening');
  await salary.tellAppraisalResults(w.engine, r.hr, roundId);
  expect((await salary.loadRound(w.engine, r.hr, roundId)).state).toBe('allocating');
});
afterAll(() => w.close());

describe('the budget committee allocates by pools and band ranges over HTTP', () => {
  it('reads the proposal: two pools with budget, used and left; bands with ranges; people with the suggestion and explanation', async () => {
    const res = await call('member', 'GET', '/allocation');
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ editable: true, proposed: false, policy: { poolBp: 300, capBp: 600, pooling: 'by_group', bySchool: [] } });
    expect(view.pools.map((p: { key: string; people: number; budgetSatang: number }) => [p.key, p.people, p.budgetSatang])).toEqual([
      ['teachers', 6, 4_950_00],
      ['staff_38c2', 2, 1_200_00],
    ]);
    for (const p of view.pools) expect(p.usedSatang).toBeLessThanOrEqual(p.budgetSatang);
    expect(view.bands.map((b: { code: string; raised: boolean }) => [b.code, b.raised])).toEqual([
      ['outstanding', true],
      ['very_good', true],
      ['good', true],
      ['fair', true],
      ['needs_improvement', false],
    ]);
    expect(view.people).toHaveLength(8);
    const first = view.people[0];
    expect(first).toMatchObject({ personnelNo: 'P100', pool: 'teachers', band: { th: 'ดีเด่น' }, override: null });
    expect(first.pctBp).toBe(first.suggestedBp);
    expect(first.explanation.th.join('\n')).toContain('กลุ่มวงเงิน: ข้าราชการครู');

    // the office's other readers see it without saving; another office, a teacher and a school director do not see the round
    expect((await call('a.area', 'GET', '/allocation')).json()).toMatchObject({ editable: false });
    expect((await call('b.hr', 'GET', '/allocation')).statusCode).toBe(404);
    expect((await call('a.teacher', 'GET', '/allocation')).statusCode).toBe(404);
    expect((await call('a.director', 'GET', '/allocation')).statusCode).toBe(404);
    // a committee member of the office not seated on its budget committee: neither reads nor saves it
    expect((await call('unseated', 'GET', '/allocation')).statusCode).toBe(403);
    expect((await call('unseated', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] })).statusCode).toBe(403);
  });

  it('sets the ranges (a replay by key answers the same), refuses ranges that are not usable', async () => {
    const key = { 'idempotency-key': 'ranges-1' };
    const set = await call('member', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] }, key);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ saved: true, replayed: false });
    expect(set.json().bands[1]).toMatchObject({ code: 'very_good', range: { minBp: 200, maxBp: 400 } });
    const again = await call('member', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] }, key);
    expect(again.json()).toMatchObject({ saved: true, replayed: true, revision: set.json().revision });
    const history = await w.tdb.db
      .selectFrom('case_history')
      .select('event_type')
      .where('case_id', '=', roundId)
      .where('event_type', '=', 'ALLOCATION_RANGES_SET')
      .execute();
    expect(history).toHaveLength(1);
    // the same again without a key: nothing to record
    expect((await call('member', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] })).json()).toMatchObject({
      saved: false,
      revision: null,
    });

    // the office pools the teachers per school: a pool per school, named by the school
    const perSchool = await call('member', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: ['teachers'] });
    expect(perSchool.json().pools.map((p: { label: { th: string }; people: number }) => [p.label.th, p.people])).toEqual([
      ['ข้าราชการครู โรงเรียน 1', 3],
      ['ข้าราชการครู โรงเรียน 2', 3],
      ['บุคลากรทางการศึกษาอื่น ตามมาตรา 38 ค.(2)', 2],
    ]);
    for (const p of perSchool.json().pools) expect(p.usedSatang).toBeLessThanOrEqual(p.budgetSatang);
    expect((await call('member', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] })).json().pools).toHaveLength(2);

    const inverted = await call('member', 'PUT', '/allocation/ranges', {
      ranges: [{ ...RANGES[0], minBp: 500, maxBp: 400 }, ...RANGES.slice(1)],
      bySchool: [],
    });
    expect(inverted.statusCode).toBe(422);
    expect(inverted.json()).toMatchObject({ code: 'ALLOCATION_RANGES_INVALID', detail: { problems: [{ tier: 'outstanding' }] } });
    expect((await call('a.area', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] })).statusCode).toBe(403);
    expect((await call('b.hr', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] })).statusCode).toBe(404);
  });

  it('records one person’s % with its reason; refuses a pool exceeded with its code, naming the pool, and writes nothing', async () => {
    const decided = await call(
      'member',
      'PUT',
      '/allocation/overrides',
      { overrides: [{ personnelNo: 'P102', pctBp: 400, reason: 'ผลงานเด่นด้านการสอนซ่อมเสริม' }] },
      { 'idempotency-key': 'ov-1' },
    );
    expect(decided.statusCode).toBe(200);
    const person = decided.json().people.find((p: { personnelNo: string }) => p.personnelNo === 'P102');
    expect(person).toMatchObject({ pctBp: 400, override: { pctBp: 400, reason: 'ผลงานเด่นด้านการสอนซ่อมเสริม' }, band: { code: 'very_good' } });
    expect(person.explanation.th.join('\n')).toContain('เหตุผล: ผลงานเด่นด้านการสอนซ่อมเสริม');
    for (const p of decided.json().pools) expect(p.usedSatang).toBeLessThanOrEqual(p.budgetSatang);

    // no reason: refused before anything
    expect((await call('member', 'PUT', '/allocation/overrides', { overrides: [{ personnelNo: 'P102', pctBp: 300 }] })).statusCode).toBe(
      400,
    );
    // outside the band's range
    const outside = await call('member', 'PUT', '/allocation/overrides', {
      overrides: [{ personnelNo: 'P102', pctBp: 450, reason: 'เกินช่วง' }],
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({
      code: 'ALLOCATION_OVERRIDE_INVALID',
      detail: { problems: [{ kind: 'override_out_of_range', personnelNo: 'P102', minBp: 200, maxBp: 400 }] },
    });

    // the two office staff at the top of their ranges: their pool (3 % of their 40,000 baht of salaries) cannot pay it (raises are on the calculation base, 30,000 each)
    const staff = decided.json().people.filter((p: { pool: string }) => p.pool === 'staff_38c2');
    const over = await call('member', 'PUT', '/allocation/overrides', {
      overrides: [
        { personnelNo: 'P102', pctBp: 400, reason: 'ผลงานเด่นด้านการสอนซ่อมเสริม' },
        ...staff.map((p: { personnelNo: string; range: { maxBp: number } }) => ({
          personnelNo: p.personnelNo,
          pctBp: p.range.maxBp,
          reason: 'ทดลองเต็มช่วง',
        })),
      ],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({
      code: 'ALLOCATION_POOL_EXCEEDED',
      detail: { pool: 'staff_38c2', poolName: { th: 'บุคลากรทางการศึกษาอื่น ตามมาตรา 38 ค.(2)' }, budgetSatang: 1_200_00 },
    });
    expect(over.json().detail.overBySatang).toBe(over.json().detail.usedSatang - 1_200_00);
    expect(over.json().detail.overBySatang).toBeGreaterThan(0);
    expect(over.json().message.th).toContain('เกินวงเงินของกลุ่ม');
    const after = (await call('member', 'GET', '/allocation')).json();
    expect(after.totals.overrides).toBe(1);
    expect(
      (
        await w.tdb.db
          .selectFrom('case_history')
          .select('event_type')
          .where('case_id', '=', roundId)
          .where('event_type', '=', 'ALLOCATION_OVERRIDES_SET')
          .execute()
      ).length,
    ).toBe(1);
  });

  it('goes on as before: proposed, approved, published — the person is told the decided % and the reason', async () => {
    const proposed = await call('a.hr', 'POST', '/allocation');
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().state).toBe('budgetReview');
    // the step has passed: no more saving; a replay by key still answers as the first time
    expect((await call('member', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] })).json().code).toBe('EVENT_NOT_ALLOWED');
    expect(
      (await call('member', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] }, { 'idempotency-key': 'ranges-1' })).json(),
    ).toMatchObject({ replayed: true, proposed: true, editable: false });
    const round = await salary.loadRound(w.engine, r.hr, roundId);
    expect((round.context.proposal as unknown as { pools: unknown[]; overrides: number }).pools).toHaveLength(2);
    expect((round.context.proposal as unknown as { overrides: number }).overrides).toBe(1);
    expect(proposed.json().counts.poolSatang).toBe(4_950_00 + 1_200_00);

    // the budget committee returns it and revises the pool to 3.5 %: the view shows the revised pool (percent, every pool's budget, totals), not the round's 3 %
    expect(await r.resolveAll('salary_budget', 'reject')).toBe(1);
    const revised = await call('a.hr', 'POST', '/allocation', { poolBp: 350 });
    expect(revised.statusCode).toBe(200);
    expect(revised.json().counts.poolSatang).toBe(5_775_00 + 1_400_00);
    const view = (await call('member', 'GET', '/allocation')).json();
    expect(view).toMatchObject({
      proposed: true,
      policy: { poolBp: 350 },
      totals: { budgetSatang: 5_775_00 + 1_400_00 },
      digest: revised.json().digest,
    });
    expect(view.pools.map((p: { key: string; budgetSatang: number }) => [p.key, p.budgetSatang])).toEqual([
      ['teachers', 5_775_00],
      ['staff_38c2', 1_400_00],
    ]);
    // returned once more: the ranges saved again and the allocation proposed without a pool keep the revised 3.5 %
    expect(await r.resolveAll('salary_budget', 'reject')).toBe(1);
    const saved = (
      await call('member', 'PUT', '/allocation/ranges', { ranges: RANGES, bySchool: [] }, { 'idempotency-key': 'ranges-after-revision' })
    ).json();
    expect([saved.policy.poolBp, saved.totals.budgetSatang]).toEqual([350, 5_775_00 + 1_400_00]);
    const again = await call('a.hr', 'POST', '/allocation');
    expect([again.json().counts.poolSatang, again.json().digest]).toEqual([5_775_00 + 1_400_00, revised.json().digest]);

    expect(await r.approveAll('salary_budget')).toBe(1);
    expect(await r.approveAll('area_approval')).toBe(1);
    w.clock.set('2025-06-02T03:00:00Z');
    expect((await call('a.hr', 'POST', '/publish')).statusCode).toBe(200);
    const child = (await salary.roundChildren(w.engine, r.hr, roundId)).find((c) => c.key === 'P102')!;
    expect(child.context.decision).toMatchObject({ raised: true, pctBp: 400, amountSatang: 1_000_00 });
    expect(child.context.decision!.explanation.th.join('\n')).toContain('เหตุผล: ผลงานเด่นด้านการสอนซ่อมเสริม');
  });
});
