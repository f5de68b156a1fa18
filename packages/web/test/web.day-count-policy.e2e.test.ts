/**
 * The office's day-count policy in the browser (docs/sla.md "The office's
 * day-count policy"): on the holidays page the office admin sees that the
 * SOP steps saying only "วัน" count calendar days (the default), switches to
 * working days with a reason, and the card then says what is in force and
 * keeps the change in its history (who, when, in Thai). An HR officer reads
 * the card without a form.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
beforeAll(async () => {
  w = await startWebWorld();
  w.clock.set('2026-12-05T03:00:00Z'); // 5 ธันวาคม 2569, 10.00 น.
});
afterAll(() => w?.close());

describe('the day-count policy card', () => {
  it('the admin switches to working days with a reason; HR reads it', async () => {
    const page = await w.as('a.admin');
    await page.getByRole('link', { name: 'วันหยุด' }).click();
    const card = page.getByTestId('day-count-policy');
    await card.waitFor();
    await card.getByTestId('day-count-current').getByText('นับวันตามปฏิทิน').waitFor();
    await card.getByText('(ค่าเริ่มต้น)').waitFor();
    await card.getByLabel('เฉพาะวันทำการ (เว้นวันหยุดและวันปิดสำนักงาน)').check();
    await card.getByLabel('เหตุผลหรือคำสั่งที่อ้างอิง').fill('คำสั่ง สพป. ที่ 12/2569');
    await card.getByRole('button', { name: 'บันทึกการนับวัน' }).click();
    await card.getByText('บันทึกแล้ว').waitFor();
    await card.getByTestId('day-count-current').getByText('นับเฉพาะวันทำการ').waitFor();
    const row = card.getByRole('row', { name: /คำสั่ง สพป\. ที่ 12\/2569/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/5 ธ\.ค\. 2569 10\.00 น\./);

    const hr = await w.as('a.hr');
    await hr.goto('/admin/holidays');
    await hr.getByTestId('day-count-current').getByText('นับเฉพาะวันทำการ').waitFor();
    expect(await hr.getByRole('button', { name: 'บันทึกการนับวัน' }).count()).toBe(0);
    expect(w.pageErrors).toEqual([]);
  });
});
