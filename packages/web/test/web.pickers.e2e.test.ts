/**
 * Nobody types an id (issue 19): the fields whose value is a school or a
 * person (`x-picker`, from the workflows' labels) are pickers by name. The HR
 * officer posts a round's vacancy choosing its school from the office's
 * schools by name (its name fills in beside it); a teacher files a swap
 * request choosing the teacher to swap with by typing part of a name (their
 * name fills in); the directory behind the person picker answers only to
 * people of the office, and never finds anyone by a citizen id.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568 } from '../../workflows/test/transfer.fixtures';
import { startWebWorld, type WebWorld } from './support/web-world';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
let w: WebWorld;
let roundId = '';

beforeAll(async () => {
  w = await startWebWorld(transferWorkflows);
  w.clock.set('2025-01-06T02:00:00Z');
  roundId = (
    await w.api('a.hr', 'POST', '/api/cases', {
      workflowId: 'transfer-round',
      officeId: w.a.officeId,
      title: 'การย้ายข้าราชการครู ครั้งที่ 1/2568',
      input: ROUND_1_2568,
    })
  ).caseId;
  w.clock.set('2025-01-10T03:00:00Z');
});
afterAll(() => w?.close());

async function openAction(page: Page, label: string) {
  await page
    .getByRole('group', { name: /การดำเนินการ|Actions/ })
    .getByRole('button', { name: label, exact: true })
    .click();
  return page.getByRole('form', { name: label });
}

/** What a person reads in a form, its option labels and values included: never an id. */
const formText = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluate((f) =>
      [
        f.textContent ?? '',
        ...[...f.querySelectorAll('option')].map((o) => o.textContent ?? ''),
        ...[...f.querySelectorAll('input')].map((i) => i.value),
      ].join('\n'),
    );

describe('pickers instead of ids', () => {
  it('has the HR officer post a vacancy choosing its school by name', async () => {
    const hr = await w.as('a.hr');
    await hr.goto(`/cases/${roundId}`);
    const form = await openAction(hr, 'บันทึกตำแหน่งว่าง');
    await form.getByRole('button', { name: 'เพิ่ม ตำแหน่งว่าง' }).click();
    await form.getByLabel('รหัส', { exact: true }).fill('V01');
    const school = form.getByLabel('โรงเรียน', { exact: true });
    expect(await school.getAttribute('data-picker')).toBe('school');
    await school.selectOption({ label: 'โรงเรียน 2' });
    // the school's name fills in beside it
    expect(await form.getByLabel('ชื่อโรงเรียน', { exact: true }).inputValue()).toBe('โรงเรียน 2');
    await form.getByLabel('วิชาเอก/เรื่อง', { exact: true }).fill('คณิตศาสตร์');
    await form.getByLabel('จำนวน', { exact: true }).fill('1');
    expect(await formText(hr, 'form[data-event="POST_VACANCIES"]')).not.toMatch(UUID);
    await form.getByRole('button', { name: 'บันทึกตำแหน่งว่าง' }).click();
    await hr.getByRole('status').filter({ hasText: 'บันทึก "บันทึกตำแหน่งว่าง" แล้ว' }).waitFor();
    const row = await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', roundId).executeTakeFirstOrThrow();
    expect((row.snapshot as { context: { vacancies: unknown[] } }).context.vacancies).toEqual([
      { id: 'V01', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียน 2', subject: 'คณิตศาสตร์', count: 1 },
    ]);
  });

  it('has a teacher file a swap request naming the teacher to swap with by citizen id, never by an id', async () => {
    await w.tdb.db.updateTable('people').set({ citizen_id: '1234567890121' }).where('id', '=', w.a.users.teacher2.personId).execute();
    w.clock.set('2025-01-16T02:00:00Z');
    await w.api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: 'OPEN_REQUESTS', payload: {} });
    w.clock.set('2025-01-20T03:00:00Z');
    const page = await w.as('a.teacher');
    await page.getByRole('link', { name: 'ยื่นคำขอ', exact: true }).click();
    await page.getByRole('button', { name: 'ยื่นคำขอย้ายในรอบนี้' }).click();
    const form = page.getByRole('form', { name: 'แบบคำขอย้าย' });
    await form.getByLabel('ประเภท', { exact: true }).selectOption({ label: 'ย้ายสับเปลี่ยน' });
    const partner = form.getByTestId('swap-partner');
    await partner.getByLabel('เลขประจำตัวประชาชนของครูผู้ขอสับเปลี่ยน').fill('1234567890121');
    await partner.getByRole('button', { name: 'ค้นหาครูผู้ขอสับเปลี่ยน' }).click();
    // the partner is shown by name and school
    await partner
      .getByTestId('swap-partner-found')
      .filter({ hasText: /ขอย้ายสับเปลี่ยนกับ: teacher2 / })
      .waitFor();
    expect(await formText(page, 'form[aria-label="แบบคำขอย้าย"]')).not.toMatch(UUID);

    await form.getByLabel('เหตุผล', { exact: true }).selectOption({ label: 'กลับภูมิลำเนา (อำเภอ)' });
    await form.getByLabel('ตำแหน่ง', { exact: true }).selectOption({ label: 'ครู' });
    await form.getByLabel('วิทยฐานะ', { exact: true }).selectOption({ label: 'ไม่มีวิทยฐานะ' });
    await form.getByLabel('วิชาเอก', { exact: true }).fill('คณิตศาสตร์');
    await form.getByLabel('ปฏิบัติงานที่โรงเรียนปัจจุบันตั้งแต่').fill('1/6/2558');
    await form.getByLabel('วันที่บรรจุครั้งแรก').fill('16/5/2555');
    await form.getByLabel('ปี พ.ศ.').fill('2567');
    await form.getByLabel('คะแนน', { exact: true }).fill('85');
    await form.getByLabel('ผ่าน', { exact: true }).check();
    await form
      .getByLabel(/แนบไฟล์/)
      .setInputFiles({ name: 'ทะเบียนบ้าน.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% swap\n%%EOF\n') });
    await form.getByRole('link', { name: 'ทะเบียนบ้าน.pdf' }).waitFor();
    await form.getByRole('button', { name: 'ยื่นคำขอย้าย' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const requestId = page.url().split('/').pop()!;
    const row = await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', requestId).executeTakeFirstOrThrow();
    const swapWith = (row.snapshot as { context: { submission: { swapWith?: { personId: string; name: string } } } }).context.submission
      .swapWith;
    expect(swapWith).toEqual({ personId: w.a.users.teacher2.personId, name: expect.stringMatching(/^teacher2 /) });
    expect(w.pageErrors).toEqual([]);
  });

  it('answers the directory only to people of the office, by name, never by a citizen id', async () => {
    await w.tdb.db.updateTable('people').set({ citizen_id: '1234567890121' }).where('id', '=', w.a.users.teacher2.personId).execute();
    const byName = await w.api('a.teacher', 'GET', `/api/offices/${w.a.officeId}/directory/people?q=teacher2`);
    expect(byName.items).toEqual([expect.objectContaining({ id: w.a.users.teacher2.personId, userId: w.a.users.teacher2.userId })]);
    expect(JSON.stringify(byName)).not.toContain('1234567890121');
    expect((await w.api('a.teacher', 'GET', `/api/offices/${w.a.officeId}/directory/people?q=1234567890121`)).items).toEqual([]);
    expect((await w.api('a.teacher', 'GET', `/api/offices/${w.a.officeId}/directory/people?q=1-2345`)).items).toEqual([]);
    await expect(w.api('b.teacher', 'GET', `/api/offices/${w.a.officeId}/directory/people?q=teacher2`)).rejects.toThrow(/→ 404/);
  });
});
