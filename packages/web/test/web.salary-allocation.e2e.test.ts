/**
 * The budget committee's allocation in the browser (docs/web.md "The round's
 * allocation"): a member seated on the office's budget committee opens the
 * round, sets the % range of each band, decides one teacher's % with a
 * reason, watches the pool meters follow as they type (an office-staff pool
 * turning red when a typed % would exceed it, and the server refusing it by
 * name), and saves.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addCommitteeMember, engineDeps } from '@esa-flow/engine/internal';
import { salary } from '@esa-flow/workflows';
import { hashPassword } from '../../server/src/index';
import { PASSWORD } from '../../server/test/support/server-world';
import { setUpSalaryRound, type SalaryRoundFixture } from '../../server/test/support/salary-round';
import { signInThroughPage } from './support/browser';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let r: SalaryRoundFixture;
let memberUsername = '';

beforeAll(async () => {
  w = await startWebWorld(salary.salaryWorkflows);
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
  await r.score();
  await salary.closeAppraisal(w.engine, r.roundId);
  await r.approveAll('salary_screening');
  await salary.tellAppraisalResults(w.engine, r.hr, r.roundId);
});
afterAll(() => w?.close());

/** The committee member signed in, on the round's page, its allocation card shown. */
async function allocationAsMember() {
  const context = await w.browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    baseURL: w.baseUrl,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => w.pageErrors.push(`member: ${error.message}`));
  await page.goto('/');
  await signInThroughPage(page, memberUsername, PASSWORD);
  await page.goto(`/cycles/${r.roundId}`);
  const section = page.getByTestId('salary-allocation');
  await section.getByRole('heading', { name: /การจัดสรรวงเงินตามกลุ่มและช่วงร้อยละ/ }).waitFor();
  return { context, page, section };
}

describe('the budget committee allocates in the browser', () => {
  it('sets the ranges, decides one person’s % with a reason, sees each pool’s meter follow, and saves', async () => {
    const { context, page, section } = await allocationAsMember();
    const pools = section.getByTestId('allocation-pool');
    expect(await pools.count()).toBe(2);
    expect(await pools.nth(0).locator('summary').first().textContent()).toContain('ข้าราชการครู');
    expect(await pools.nth(1).locator('summary').first().textContent()).toContain('บุคลากรทางการศึกษาอื่น ตามมาตรา 38 ค.(2)');

    // the ranges of the bands
    const ranges: [string, string, string][] = [
      ['ดีเด่น', '3', '6'],
      ['ดีมาก', '2', '4'],
      ['ดี', '1', '3'],
      ['พอใช้', '0.5', '2'],
    ];
    for (const [band, min, max] of ranges) {
      await section.getByLabel(`ร้อยละต่ำสุดของระดับ${band}`, { exact: true }).fill(min);
      await section.getByLabel(`ร้อยละสูงสุดของระดับ${band}`, { exact: true }).fill(max);
    }
    // a range typed upside down is caught before saving
    await section.getByLabel('ร้อยละต่ำสุดของระดับดีเด่น', { exact: true }).fill('7');
    await section.getByText('ร้อยละต่ำสุดมากกว่าสูงสุด').waitFor();
    expect(await section.getByRole('button', { name: 'บันทึกช่วงร้อยละ' }).isDisabled()).toBe(true);
    await section.getByLabel('ร้อยละต่ำสุดของระดับดีเด่น', { exact: true }).fill('3');
    await section.getByRole('button', { name: 'บันทึกช่วงร้อยละ' }).click();
    await section.getByText('บันทึกช่วงร้อยละแล้ว ข้อเสนอของทุกคนคำนวณใหม่ตามช่วง').waitFor();
    const round = async () => (await salary.loadRound(w.engine, r.hr, r.roundId)).context as unknown as salary.SalaryRoundContextV3;
    expect((await round()).allocationPolicy).toMatchObject({
      ranges: [
        { tier: 'outstanding', minBp: 300, maxBp: 600 },
        { tier: 'very_good', minBp: 200, maxBp: 400 },
        { tier: 'good', minBp: 100, maxBp: 300 },
        { tier: 'fair', minBp: 50, maxBp: 200 },
      ],
    });

    // one teacher decided by the committee: the teachers' meter follows as it is typed
    const teachersMeter = pools.nth(0).getByRole('progressbar');
    const usedBefore = Number(await teachersMeter.getAttribute('aria-valuenow'));
    await section.getByLabel('ร้อยละที่คณะกรรมการกำหนดให้ ครู3 ทดสอบ').fill('4');
    await section.getByText('ต้องระบุเหตุผล').waitFor();
    await section.getByLabel('เหตุผลของ ครู3 ทดสอบ').fill('ผลงานเด่นด้านการสอนซ่อมเสริม');
    // ครู3: base 25,000 × 4 % = 1,000 baht, at once; the others of the pool re-fitted so that it stays within its budget
    await pools.nth(0).getByTestId('allocation-person').nth(2).getByText('4.00% · 1,000.00 บาท').waitFor();
    const used = Number(await teachersMeter.getAttribute('aria-valuenow'));
    expect(used).toBeLessThanOrEqual(Number(await teachersMeter.getAttribute('aria-valuemax')));
    expect(used).toBeGreaterThan(0);
    expect(usedBefore).toBeGreaterThan(0);

    // both office staff at the top of their ranges: their pool (3 % of 40,000 baht of salaries) cannot pay it;
    // the meter turns red at once, and the server refuses it by the pool's name
    for (const [n, pct] of [
      ['0', '3'],
      ['1', '2'],
    ]) {
      await section.getByLabel(`ร้อยละที่คณะกรรมการกำหนดให้ เจ้าหน้าที่${n} ทดสอบ`).fill(pct!);
      await section.getByLabel(`เหตุผลของ เจ้าหน้าที่${n} ทดสอบ`).fill('ทดลองเต็มช่วง');
    }
    await section.getByTestId('pool-over').waitFor();
    expect(await section.getByTestId('pool-over').textContent()).toContain('บุคลากรทางการศึกษาอื่น ตามมาตรา 38 ค.(2)');
    expect(await pools.nth(1).locator('.cx-meter').first().textContent()).toContain('เกิน');
    await section.getByRole('button', { name: 'บันทึกร้อยละรายบุคคล' }).click();
    const refusal = section.locator('[data-code="ALLOCATION_POOL_EXCEEDED"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'กลุ่มวงเงินบุคลากรทางการศึกษาอื่น ตามมาตรา 38 ค.(2) ใช้ 1,500.00 บาท จากวงเงิน 1,200.00 บาท เกินอยู่ 300.00 บาท',
    );
    expect((await round()).overrides).toEqual([]);

    // take the staff decisions back: within every pool, saved
    for (const n of ['0', '1']) {
      await section.getByLabel(`ร้อยละที่คณะกรรมการกำหนดให้ เจ้าหน้าที่${n} ทดสอบ`).fill('');
      await section.getByLabel(`เหตุผลของ เจ้าหน้าที่${n} ทดสอบ`).fill('');
    }
    expect(await section.getByTestId('pool-over').count()).toBe(0);
    await section.getByRole('button', { name: 'บันทึกร้อยละรายบุคคล' }).click();
    await section.getByText('บันทึกร้อยละที่คณะกรรมการกำหนดแล้ว').waitFor();
    expect((await round()).overrides).toMatchObject([{ personnelNo: 'P102', pctBp: 400, reason: 'ผลงานเด่นด้านการสอนซ่อมเสริม' }]);
    await page.reload();
    expect(await section.getByLabel('ร้อยละที่คณะกรรมการกำหนดให้ ครู3 ทดสอบ').inputValue()).toBe('4.00');
    // the page's meters are the server's numbers: the same arithmetic on both sides
    const view = await salary.allocationView(w.engine, r.hr, r.roundId);
    for (let i = 0; i < 2; i++)
      expect(Number(await pools.nth(i).getByRole('progressbar').getAttribute('aria-valuenow'))).toBe(view.pools[i]!.usedSatang);
    expect(w.pageErrors).toEqual([]);
    await context.close();
  });

  it('after the budget committee revised the pool (3.5 %), the card shows that pool: its percent, each meter’s budget', async () => {
    await salary.proposeAllocation(w.engine, r.hr, r.roundId);
    expect(await r.resolveAll('salary_budget', 'reject')).toBe(1);
    const current = salary.v3Context(await salary.loadRound(w.engine, r.hr, r.roundId))!.allocationPolicy;
    const revised = await salary.proposeAllocation(w.engine, r.hr, r.roundId, { policy: { ...current, poolBp: 350 } });
    expect(await r.resolveAll('salary_budget', 'reject')).toBe(1); // back at the allocation, on the revised pool
    const { context, section } = await allocationAsMember();
    await section.getByText(/วงเงินของแต่ละกลุ่มคือร้อยละ 3\.50 ของเงินเดือนรวม/).waitFor();
    const pools = section.getByTestId('allocation-pool');
    // 3.5 % of the teachers' 165,000 baht and of the office staff's 40,000 baht (not 4,950 and 1,200 at 3 %)
    expect([
      Number(await pools.nth(0).getByRole('progressbar').getAttribute('aria-valuemax')),
      Number(await pools.nth(1).getByRole('progressbar').getAttribute('aria-valuemax')),
    ]).toEqual([5_775_00, 1_400_00]);
    expect(await pools.nth(1).locator('.cx-meter').first().textContent()).toContain('/ 1,400.00');
    expect(revised.poolSatang).toBe(5_775_00 + 1_400_00);
    expect(w.pageErrors).toEqual([]);
    await context.close();
  });
});
