/**
 * A salary round taken on from its cycle page by the office's HR officer
 * (docs/workflows/salary-round.md "Running a round"): the page offers the one
 * step the round is at; closing the appraisal too early is refused in Thai
 * with the reason and nothing moves; once every score is in it closes, and
 * the page says the screening committee decides next and where. Further on,
 * the announcement and the orders come out numbered from the registers, and
 * the page links every person's notice and each order as PDF and as DOCX.
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

describe('the salary round page', () => {
  it('takes HR through the round’s own steps, refusing a step out of its time with the reason', async () => {
    await r.score((i) => i > 0);
    const page = await w.as('a.hr');
    await page.goto(`/cycles/${r.roundId}`);
    const panel = page.getByTestId('salary-round-actions');
    await panel.getByRole('heading', { name: 'ขั้นตอนถัดไปของรอบ' }).waitFor();
    await panel.getByRole('button', { name: 'ปิดรับผลการประเมิน' }).click();
    await panel.getByRole('alert').waitFor();
    expect(await panel.getByRole('alert').textContent()).toContain('ยังดำเนินการไม่ได้');
    expect((await salary.loadRound(w.engine, r.hr, r.roundId)).state).toBe('appraising');

    await r.score((i) => i === 0);
    await panel.getByRole('button', { name: 'ปิดรับผลการประเมิน' }).click();
    await panel.getByText('ปิดรับผลการประเมินแล้ว ได้รับผล 6 จาก 6 ราย').waitFor();
    await panel.getByText('รอมติคณะกรรมการกลั่นกรองผลการประเมิน').waitFor();
    expect(await panel.getByRole('link', { name: /ไปที่หน้าคณะกรรมการ/ }).count()).toBe(1);

    expect(await r.approveAll('salary_screening')).toBe(1);
    await page.reload();
    await panel.getByRole('button', { name: 'แจ้งผลการประเมินรายบุคคล' }).click();
    await panel.getByText('แจ้งผลการประเมินแล้ว 6 ราย').waitFor();
    await panel.getByRole('button', { name: 'คำนวณและเสนอการจัดสรรวงเงิน' }).click();
    await panel.getByText(/เสนอการจัดสรรแล้ว เลื่อน \d+ จาก 6 ราย/).waitFor();
    expect(await r.approveAll('salary_budget')).toBe(1);
    expect(await r.approveAll('area_approval')).toBe(1);

    await page.reload();
    await panel.getByRole('button', { name: 'ประกาศรายชื่อและแจ้งผลรายบุคคล' }).click();
    await panel.getByText(/ประกาศ ที่ 1\/\d{4} แล้ว แจ้งผลรายบุคคล 6 ราย/).waitFor();
    await panel.getByRole('button', { name: 'ออกคำสั่งเลื่อนเงินเดือน' }).click();
    await panel.getByText(/ออกคำสั่งเลื่อนเงินเดือนแล้ว \d ฉบับ \(เลขที่ 1\/\d{4}/).waitFor();
    await panel.getByRole('button', { name: 'ปิดระยะเวลาร้องทุกข์' }).waitFor();
    // the round's documents: every person's notice, the first order as PDF and as DOCX to edit
    await page.reload();
    const notices = page.getByTestId('doc-salary-notices');
    await notices.waitFor();
    const noticesPdf = await page.request.get((await notices.getAttribute('href'))!);
    expect([noticesPdf.status(), noticesPdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
    const order = page.getByTestId('doc-salary-order-1');
    expect(await order.textContent()).toMatch(/คำสั่ง ที่ 1\/\d{4} พร้อมบัญชีแนบท้าย/);
    await page.getByTestId('doc-digits').selectOption('arabic');
    expect(await order.getAttribute('href')).toBe(`/api/cycles/${r.roundId}/documents/salary-order.pdf?order=1&digits=arabic`);
    const docx = await page.request.get((await page.getByTestId('doc-salary-order-1-docx').getAttribute('href'))!);
    expect([docx.status(), docx.headers()['content-type']]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
    expect(w.pageErrors).toEqual([]);

    // the auditor reads the round but is offered no step
    const auditor = await w.as('a.auditor');
    await auditor.goto(`/cycles/${r.roundId}`);
    await auditor.getByRole('heading', { name: 'ขั้นตอนของรอบ' }).waitFor();
    expect(await auditor.getByTestId('salary-round-actions').count()).toBe(0);
  });
});
