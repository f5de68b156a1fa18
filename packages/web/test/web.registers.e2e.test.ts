/**
 * The document-number registers in the browser (docs/document-numbers.md):
 * an HR officer gives the next number of the outgoing-letter register for a
 * subject and reads it in Thai digits with their own name; cancels it with a
 * reason (asked first), after which the list shows it cancelled with the
 * reason and the next number given is the one after, never the cancelled one.
 * An auditor reads the register and is offered neither action.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
beforeAll(async () => {
  w = await startWebWorld();
  w.clock.set('2026-03-02T03:00:00Z'); // 2 มีนาคม 2569, 10.00 น.
});
afterAll(() => w?.close());

describe('document-number registers', () => {
  it('HR gives a number, cancels it with a reason, and the next number is never the cancelled one', async () => {
    const page = await w.as('a.hr');
    await page.getByRole('link', { name: 'ทะเบียนหนังสือ' }).click();
    await page.getByRole('heading', { name: 'ทะเบียนเลขที่หนังสือ' }).waitFor();
    await page.getByRole('heading', { name: 'ทะเบียนหนังสือส่ง พ.ศ. 2569' }).waitFor();
    await page.getByTestId('register-title').fill('ส่งบัญชีรายชื่อผู้ขอย้ายไปยัง สพป.ทดสอบ ข');
    await page.getByTestId('register-issue').click();
    await page.getByText('ออกเลขที่ ๑/๒๕๖๙ (1/2569) ในทะเบียนหนังสือส่งแล้ว').waitFor();
    const row = page.getByTestId('register-table').getByRole('row').nth(1);
    await row.getByText('ส่งบัญชีรายชื่อผู้ขอย้ายไปยัง สพป.ทดสอบ ข').waitFor();
    expect(await row.textContent()).toContain('2 มีนาคม 2569 10.00 น.');

    await row.getByLabel('เหตุผลที่ยกเลิก').fill('ออกเลขซ้ำกับหนังสือฉบับอื่น');
    await row.getByRole('button', { name: 'ยกเลิกเลขนี้' }).click();
    await page.getByRole('button', { name: 'ยืนยันยกเลิก' }).click();
    await page.getByText('ยกเลิกเลขที่ ๑/๒๕๖๙ แล้ว เลขนี้จะไม่ถูกนำกลับมาใช้อีก').waitFor();
    // the list reloads after the notice shows: wait for the row to say so
    await page.getByTestId('register-table').getByText('ออกเลขซ้ำกับหนังสือฉบับอื่น').waitFor();

    await page.getByTestId('register-title').fill('ขอความอนุเคราะห์ข้อมูลอัตรากำลัง');
    await page.getByTestId('register-issue').click();
    await page.getByText('ออกเลขที่ ๒/๒๕๖๙ (2/2569) ในทะเบียนหนังสือส่งแล้ว').waitFor();

    const auditor = await w.as('a.auditor');
    await auditor.goto('/registers');
    await auditor.getByRole('heading', { name: 'ทะเบียนหนังสือส่ง พ.ศ. 2569' }).waitFor();
    await auditor.getByTestId('register-table').waitFor();
    expect(await auditor.getByTestId('register-issue').count()).toBe(0);
    expect(await auditor.getByRole('button', { name: 'ยกเลิกเลขนี้' }).count()).toBe(0);
    expect(w.pageErrors).toEqual([]);
  });
});
