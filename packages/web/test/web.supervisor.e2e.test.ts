/**
 * The supervisor finding an overdue case (issue 10). Through the API the HR
 * officer opens 'sample-sla' cases (document review within 3 working days)
 * over a week: two on Monday that are overdue by the next Monday, one
 * forwarded on Monday to the area director's 1-working-day decision (overdue
 * at another step), one on Wednesday that is due within the hour (at risk),
 * one on Friday that is on track, and one overdue case in another office.
 * The group director opens the dashboard from the menu, sees the counts,
 * chooses the overdue part of the document-review step in the by-step chart
 * and finds exactly the two overdue review cases in the drill-down; one of
 * them shows its clock as overdue on its page. A teacher gets no dashboard:
 * not in the menu, and the server's refusal when the address is typed.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
const ids: Record<'late1' | 'late2' | 'forwarded' | 'risk' | 'onTrack' | 'otherOffice', string> = {
  late1: '',
  late2: '',
  forwarded: '',
  risk: '',
  onTrack: '',
  otherOffice: '',
};
const TITLE = {
  late1: 'ตรวจสอบเอกสาร นางสาวล่าช้า หนึ่ง',
  late2: 'ตรวจสอบเอกสาร นายล่าช้า สอง',
  forwarded: 'ตรวจสอบเอกสาร นายรอ ผอ.',
  risk: 'ตรวจสอบเอกสาร นางใกล้ ครบกำหนด',
  onTrack: 'ตรวจสอบเอกสาร นายตาม กำหนด',
  otherOffice: 'ตรวจสอบเอกสาร สำนักงานอื่น',
};
const NOW = '2025-06-23T02:00:00Z'; // the next Monday, 09:00 in Bangkok

async function open(key: keyof typeof ids, who = 'a.hr', officeId = w.a.officeId) {
  ids[key] = (await w.api(who, 'POST', '/api/cases', { workflowId: 'sample-sla', officeId, title: TITLE[key], input: {} })).caseId;
}

beforeAll(async () => {
  w = await startWebWorld();
  w.clock.set('2025-06-16T02:00:00Z'); // Monday 09:00: due by the end of Thursday's working day (16:30)
  await open('late1');
  await open('late2');
  await open('forwarded');
  await open('otherOffice', 'b.hr', w.b.officeId);
  w.clock.set('2025-06-16T03:00:00Z');
  await w.api('a.hr', 'POST', `/api/cases/${ids.forwarded}/events`, { type: 'FORWARD', payload: {} }); // decision due Tuesday 16:30
  w.clock.set('2025-06-18T03:00:00Z'); // Wednesday 10:00: due next Monday 16:30, within a working day of now
  await open('risk');
  w.clock.set('2025-06-20T02:00:00Z'); // Friday 09:00: due next Wednesday 16:30
  await open('onTrack');
  w.clock.set(NOW);
});
afterAll(() => w?.close());

describe('the supervisor finding an overdue case', () => {
  it('has the clocks where the test means them (API)', async () => {
    const clocks = await w.tdb.db
      .selectFrom('sla_clocks')
      .select(['case_id', 'step', 'status', 'due_at'])
      .where('status', '=', 'running')
      .execute();
    const due = Object.fromEntries(
      clocks.map((c) => [Object.entries(ids).find(([, id]) => id === c.case_id)![0], `${c.step} ${c.due_at!.toISOString()}`]),
    );
    expect(due).toEqual({
      late1: 'review 2025-06-19T09:30:00.000Z',
      late2: 'review 2025-06-19T09:30:00.000Z',
      otherOffice: 'review 2025-06-19T09:30:00.000Z',
      forwarded: 'decision 2025-06-17T09:30:00.000Z',
      risk: 'review 2025-06-23T09:30:00.000Z',
      onTrack: 'review 2025-06-25T09:30:00.000Z',
    });
  });

  it('has the group director open the dashboard from the menu, choose the overdue bar of a step, and find exactly its overdue cases', async () => {
    const page = await w.as('a.group');
    // the browser's own clock is in the real present (2026), a year after the test's; the pages judge deadlines by the server's time
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'ภาพรวมกำหนดเวลา' }).click();
    await page.getByRole('heading', { level: 1, name: 'ภาพรวมกำหนดเวลา' }).waitFor();
    await page.getByText('ข้อมูล ณ 23 มิ.ย. 2568 09.00 น.').waitFor(); // the server's time, in พ.ศ.

    // the tiles: five open steps in my office (not the other office's), three overdue, one at risk
    const tile = (label: string) => page.getByRole('button', { name: new RegExp(`^\\s*\\d+\\s*${label}$`) }).locator('strong');
    expect(await tile('เกินกำหนด').textContent()).toBe('3');
    expect(await tile('ขั้นตอนที่เปิดอยู่').textContent()).toBe('5');
    expect(await tile('ใกล้ครบกำหนด \\(ภายใน 1 วันทำการ\\)').textContent()).toBe('1');

    // by step: each bar says its numbers
    const chart = page.getByTestId('sla-by-step');
    const review = chart.getByRole('button', {
      name: 'ตรวจสอบเอกสาร 4 (ตัวอย่างมาตรฐานเวลา): เกินกำหนด 2, ใกล้ครบกำหนด 1, ตามกำหนด 1, หยุดนับเวลา 0',
      exact: true,
    });
    await review.waitFor();
    expect(await review.getAttribute('data-testid')).toBe('step-sample-sla:review');
    const decision = chart.getByTestId('step-sample-sla:decision');
    expect(await decision.textContent()).toBe('ผอ.สพท. พิจารณา 1 (ตัวอย่างมาตรฐานเวลา): เกินกำหนด 1, ใกล้ครบกำหนด 0, ตามกำหนด 0, หยุดนับเวลา 0'); // its name is its text

    // nothing chosen yet: the drill-down lists every overdue case of my office, at both steps
    const drill = page.getByTestId('drilldown');
    await drill
      .getByRole('status')
      .filter({ hasText: /^3 รายการ$/ })
      .waitFor();
    expect(await drill.getByRole('heading', { level: 2 }).textContent()).toBe('รายการเรื่อง: เกินกำหนด');

    await review.click();
    await page.waitForURL(/\/dashboard\?(.*&)?step=review(&|$)/);
    expect(new URL(page.url()).searchParams.get('wf')).toBe('sample-sla');
    await drill.getByRole('heading', { level: 2, name: 'รายการเรื่อง: เกินกำหนด · ขั้นตอน: ตรวจสอบเอกสาร — ตัวอย่างมาตรฐานเวลา' }).waitFor();
    await drill
      .getByRole('status')
      .filter({ hasText: /^2 รายการ$/ })
      .waitFor();
    await page.locator('[data-testid=drilldown][aria-busy=false]').waitFor();
    const rows = drill.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await drill.locator('tbody tr.is-overdue').count()).toBe(2);
    const titles = await rows.getByRole('link').allTextContents();
    expect(titles.sort()).toEqual([TITLE.late1, TITLE.late2].sort());
    for (const key of ['forwarded', 'risk', 'onTrack', 'otherOffice'] as const)
      expect(await drill.getByRole('link', { name: TITLE[key] }).count()).toBe(0);
    for (const row of await rows.all()) {
      expect(await row.getByText('เกินกำหนด 3 วัน', { exact: true }).count()).toBe(1); // due Thursday 16:30, now Monday 09:00
      expect(await row.textContent()).toContain('19 มิ.ย. 2568 16.30 น.');
    }
    // who must act: the HR officer, by name
    await rows
      .first()
      .getByRole('button', { name: /^hr .* — ดูเฉพาะเรื่องของคนนี้$/ })
      .waitFor();
    // the same rows as a workbook, for the office's files
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drill.getByRole('link', { name: 'ส่งออก Excel (ทุกรายการ)' }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheetRows = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(sheetRows.map((r) => r[1]).sort()).toEqual([TITLE.late1, TITLE.late2].sort());
    expect(sheetRows.map((r) => r[5])).toEqual(['เกินกำหนด', 'เกินกำหนด']);

    await drill.getByRole('link', { name: TITLE.late1 }).click();
    await page.waitForURL(`**/cases/${ids.late1}`);
    await page.getByRole('heading', { level: 1, name: TITLE.late1 }).waitFor();
    const clock = page.getByTestId('clocks').getByRole('row', { name: /ตรวจสอบเอกสาร/ });
    await clock.getByText('เกินกำหนด', { exact: true }).waitFor();
    expect(await clock.textContent()).toContain('เกินกำหนด 3 วัน');
    expect(await clock.locator('.badge-overdue').textContent()).toBe('เกินกำหนด');

    // and a case on track is not shown as overdue
    await page.goto(`/cases/${ids.onTrack}`);
    const onTrack = page.getByTestId('clocks').getByRole('row', { name: /ตรวจสอบเอกสาร/ });
    await onTrack.getByText('กำลังนับ', { exact: true }).waitFor();
    expect(await onTrack.textContent()).toContain('อีก 2 วัน');
    expect(w.pageErrors).toEqual([]);
  });

  it('gives a teacher no dashboard: not in the menu, and the server’s refusal at its address', async () => {
    const page = await w.as('a.teacher');
    const menu = page.getByRole('navigation', { name: 'เมนูหลัก' });
    await menu.getByRole('link', { name: 'งานของฉัน' }).waitFor();
    expect(await menu.getByRole('link', { name: 'ภาพรวมกำหนดเวลา' }).count()).toBe(0);
    expect(await menu.textContent()).not.toContain('ภาพรวมกำหนดเวลา');

    await page.goto('/dashboard');
    await page.getByRole('heading', { level: 1, name: 'ภาพรวมกำหนดเวลา' }).waitFor();
    await page.locator('[role=alert][data-code=FORBIDDEN]').first().waitFor();
    await page.getByTestId('drilldown').waitFor({ state: 'detached' });
    const alert = page.getByRole('alert');
    expect(await alert.count()).toBe(1);
    expect(await alert.getAttribute('data-code')).toBe('FORBIDDEN');
    expect(await alert.textContent()).toContain('ท่านไม่มีสิทธิ์ดำเนินการนี้');
    expect(await page.getByTestId('sla-by-step').count()).toBe(0);
    const body = await page.locator('main').textContent();
    for (const title of Object.values(TITLE)) expect(body).not.toContain(title);
    expect(w.pageErrors).toEqual([]);
  });
});
