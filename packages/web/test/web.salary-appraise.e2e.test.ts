/**
 * A school director scores the teachers of the school in bulk
 * (docs/workflows/salary-round.md "Appraisers"): from "งานของฉัน" to the
 * round's scoring page, which lists the three teachers of the director's
 * school only (their line of command); a score out of range is refused before
 * anything is sent; the band shows as the score is typed; "บันทึกทั้งหมด" sends
 * one command per person (each its own Idempotency-Key) and shows its
 * progress. The HR officer's round page then shows each person's appraiser.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { salary } from '@esa-flow/workflows';
import { setUpSalaryRound, type SalaryRoundFixture } from '../../server/test/support/salary-round';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let r: SalaryRoundFixture;
beforeAll(async () => {
  w = await startWebWorld(salary.salaryWorkflows);
  r = await setUpSalaryRound(w);
});
afterAll(() => w?.close());

describe('bulk scoring by a school director', () => {
  it('scores the school’s teachers on one page, each saved as its own command, with progress', async () => {
    const page = await w.as('a.director');
    const box = page.getByTestId('appraisal-rounds');
    await box.getByRole('link', { name: 'ให้คะแนนผู้ที่ท่านประเมิน (3 คน)' }).click();
    await page.getByRole('heading', { name: 'ให้คะแนนผลการประเมินผู้ใต้บังคับบัญชา' }).waitFor();
    const rows = page.getByTestId('appraise-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    expect(await page.getByTestId('appraise-table').textContent()).not.toContain('ครู2 ทดสอบ'); // the other school's teacher

    const input = (name: string) => page.getByRole('textbox', { name: `คะแนนของ ${name}` });
    await input('ครู1 ทดสอบ').fill('101');
    await page.getByText('คะแนน 0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง').waitFor();
    expect(await page.getByRole('button', { name: /บันทึกทั้งหมด/ }).isDisabled()).toBe(true);
    await input('ครู1 ทดสอบ').fill('91');
    await input('ครู3 ทดสอบ').fill('81.5');
    await input('ครู5 ทดสอบ').fill('59');
    const bands = await rows.evaluateAll((trs) => trs.map((tr) => tr.children[4]!.textContent));
    expect(bands).toEqual(['ดีเด่น', 'ดีมาก', 'ต้องปรับปรุง']);

    await page.getByRole('button', { name: 'บันทึกทั้งหมด (3 คน)' }).click();
    await page.getByTestId('appraise-progress').getByText('บันทึกแล้ว 3 จาก 3 คน').waitFor();
    await page.getByText('ส่งผลการประเมินแล้ว').first().waitFor();
    expect(await page.getByText('ส่งผลการประเมินแล้ว').count()).toBe(3);
    expect(w.pageErrors).toEqual([]);

    // the engine has one SUBMIT_SCORE per person, sent by the director, each under its own key
    const children = (await salary.roundChildren(w.engine, r.hr, r.roundId)).filter((c) => c.schoolId === w.a.schoolIds[0]);
    expect(children.map((c) => [c.key, c.state, c.context.score, c.context.appraisedBy])).toEqual([
      ['P100', 'screening', 91, w.a.users.director.userId],
      ['P102', 'screening', 81.5, w.a.users.director.userId],
      ['P104', 'screening', 59, w.a.users.director.userId],
    ]);
    const keys = await w.tdb.db.selectFrom('idempotency_keys').select('key').where('actor_id', '=', w.a.users.director.userId).execute();
    expect(new Set(keys.map((k) => k.key)).size).toBe(3);

    // the HR officer's round page: each person's appraiser, and the link to the scoring page is there for appraisers
    const hr = await w.as('a.hr');
    await hr.goto(`/cycles/${r.roundId}`);
    const people = hr.getByTestId('salary-people');
    await people.getByText('รับทราบผลการประเมินแล้ว 0 จาก 0 คนที่แจ้งผลแล้ว').waitFor();
    await people.getByText('รายชื่อ 6 คน').click();
    expect(await people.getByText('ผู้อำนวยการสถานศึกษา').count()).toBe(6);
  });
});
