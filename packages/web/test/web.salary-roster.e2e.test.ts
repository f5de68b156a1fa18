/**
 * A salary round at its evaluation, opened from the office's roster sheet on
 * the round's page (docs/workflows/salary-round.md "Running a round"): HR
 * checks a CSV whose row has a salary in words and reads the row and the
 * reason in Thai; fixes it and opens the appraisals; the page lists who is
 * not eligible and why, and moves on to the appraisal.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { salary } from '@esa-flow/workflows';
import { setUpSalaryRound, type SalaryRoundFixture } from '../../server/test/support/salary-round';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let r: SalaryRoundFixture;
let code = '';
beforeAll(async () => {
  w = await startWebWorld(salary.salaryWorkflows);
  r = await setUpSalaryRound(w, { openAppraisal: false });
  code = (await w.tdb.db.selectFrom('schools').select('code').where('id', '=', w.a.schoolIds[0]).executeTakeFirstOrThrow()).code;
});
afterAll(() => w?.close());

const HEADER = 'เลขที่ตำแหน่ง,ชื่อ-นามสกุล,รหัสโรงเรียน,ตำแหน่ง,เงินเดือน (บาท),ฐานในการคำนวณ (บาท),วันเริ่มรับราชการ,ลาป่วย (ครั้ง),ลาป่วย (วัน)';
const csv = (salaryOfFirst: string) =>
  Buffer.from(
    [
      HEADER,
      `W1,ครูหนึ่ง ทดสอบ,${code},ครู,${salaryOfFirst},25000,16 พ.ค. 2553,0,0`,
      `W2,ครูสอง ทดสอบ,${code},ครู,26000,25000,1 มิ.ย. 2555,12,40`,
    ].join('\r\n'),
  );

describe('opening a salary round from its roster', () => {
  it('checks the sheet, names a wrong cell, then opens the eligible and lists the rest with the reasons', async () => {
    const page = await w.as('a.hr');
    await page.goto(`/cycles/${r.roundId}`);
    const panel = page.getByTestId('salary-round-actions');
    await page.getByTestId('roster-file').setInputFiles({ name: 'บัญชีรายชื่อ.csv', mimeType: 'text/csv', buffer: csv('สองหมื่น') });
    await panel.getByRole('button', { name: 'ตรวจไฟล์' }).click();
    const report = page.getByTestId('roster-report');
    await report.getByText('มี 1 แถวที่ไม่ถูกต้อง ยังไม่ได้เปิดการประเมิน').waitFor();
    expect(await report.textContent()).toContain('แถวที่ 2 (W1): เงินเดือน (บาท): ต้องเป็นตัวเลข (ไม่ติดลบ)');

    await page.getByTestId('roster-file').setInputFiles({ name: 'บัญชีรายชื่อ.csv', mimeType: 'text/csv', buffer: csv('20000') });
    await panel.getByRole('button', { name: 'เปิดการประเมินจากไฟล์นี้' }).click();
    await report.getByText('เปิดการประเมินแล้ว 1 ราย ไม่ได้รับการพิจารณา 1 ราย').waitFor();
    expect(await report.textContent()).toMatch(/ครูสอง ทดสอบ: .*ลา/);
    expect((await salary.loadRound(w.engine, r.hr, r.roundId)).state).toBe('appraising');
    await panel.getByRole('button', { name: 'ปิดรับผลการประเมิน' }).waitFor();
    expect(w.pageErrors).toEqual([]);
  });
});
