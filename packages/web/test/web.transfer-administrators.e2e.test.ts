/**
 * A school administrators' transfer round in the browser (seed-003 §2.2):
 * the HR officer opens it from the rounds page choosing ผู้บริหารสถานศึกษา;
 * its page shows the administrators' scoring table in Thai (the three
 * components of the scoring committee, who gives each, placeholder points
 * said so); a vacancy is a director's post chosen from the two posts; a
 * school director's request form offers the administrators' positions only.
 * No code name or UUID is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let roundId = '';

beforeAll(async () => {
  w = await startWebWorld(transferWorkflows);
});
afterAll(() => w?.close());

const at = (iso: string) => w.clock.set(iso);

describe('a school administrators’ round from the web', () => {
  it('is opened from the rounds page as a round for school administrators, and its page shows the administrators’ table', async () => {
    at('2025-01-06T02:00:00Z');
    const page = await w.as('a.hr');
    await page.getByRole('link', { name: 'รอบดำเนินการ', exact: true }).first().click();
    await page.getByRole('button', { name: 'เปิดรอบการย้าย' }).click();
    const form = page.getByRole('form', { name: 'แบบเปิดรอบการย้าย' });
    await form.getByLabel('ผู้บริหารสถานศึกษา (ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา)').check();
    await form.getByText('ให้คะแนนตามองค์ประกอบการย้ายผู้บริหารสถานศึกษา').waitFor();
    await form.getByLabel('ครั้งที่').selectOption('1');
    await form.getByLabel('ปี พ.ศ.').fill('2568');
    const dates: [string, string][] = [
      ['บันทึกตำแหน่งว่างได้ถึง', '15/1/2568'],
      ['เริ่มรับคำขอย้าย', '16/1/2568'],
      ['ปิดรับคำขอย้าย', '31/1/2568'],
      ['สถานศึกษาตรวจสอบและรับรองถึง', '4/2/2568'],
      ['แก้ไขคำขอที่ถูกส่งคืนถึง', '6/2/2568'],
      ['ให้คะแนนและตรวจสอบคะแนนถึง', '28/2/2568'],
      ['คณะกรรมการกลั่นกรองพิจารณาถึง', '14/3/2568'],
      ['อ.ก.ค.ศ. เขตพิจารณาถึง', '31/3/2568'],
      ['ออกคำสั่งย้ายและปิดรอบ', '30/4/2568'],
    ];
    for (const [label, text] of dates) await form.getByLabel(label, { exact: true }).fill(text);
    await form.getByRole('button', { name: 'เปิดรอบการย้าย' }).click();
    await page.waitForURL(/\/cycles\/[0-9a-f-]{36}$/);
    roundId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: 'การย้ายผู้บริหารสถานศึกษา ครั้งที่ 1/2568' }).waitFor();

    const table = page.getByTestId('round-scoring-table');
    await table.getByTestId('round-applicants').filter({ hasText: 'ผู้บริหารสถานศึกษา (ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา)' }).waitFor();
    await table.locator('strong', { hasText: 'องค์ประกอบการพิจารณาย้ายผู้บริหารสถานศึกษา' }).waitFor();
    await table.getByText('คะแนนในตารางเป็นค่าเริ่มต้นที่ยังไม่ได้ตรวจกับประกาศฉบับจริง').waitFor();
    const committee = 'คณะกรรมการคิดค่าคะแนนความสามารถ วิสัยทัศน์ และการพัฒนาตนเอง (ผู้บริหารสถานศึกษา)';
    for (const component of ['ความสามารถในการบริหารจัดการศึกษา', 'วิสัยทัศน์ในการบริหารจัดการศึกษา', 'การพัฒนาตนเองและพัฒนาวิชาชีพ']) {
      await table.getByRole('row', { name: new RegExp(`^${component} ${committee.replace(/[()]/g, '\\$&')} ดีเด่น`) }).waitFor();
    }
    await table.getByRole('row', { name: /^สภาพความยากลำบากของสถานศึกษาปัจจุบัน คำนวณจากข้อมูลในคำขอ/ }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|obec_school_administrator|management_ability|school_administrators|\bA4\b/);
    const ctx = (await w.tdb.db
      .selectFrom('cases')
      .select(['snapshot', 'workflow_version'])
      .where('id', '=', roundId)
      .executeTakeFirstOrThrow()) as {
      snapshot: { context: { params: { applicants: string; scoringTable: { id: string } } } };
      workflow_version: number;
    };
    expect([ctx.workflow_version, ctx.snapshot.context.params.applicants, ctx.snapshot.context.params.scoringTable.id]).toEqual([
      5,
      'school_administrators',
      'obec_school_administrator',
    ]);
  });

  it('posts a director’s post as the vacancy, and offers a director the administrators’ positions', async () => {
    at('2025-01-10T03:00:00Z');
    const page = await w.as('a.hr');
    await page.goto(`/cycles/${roundId}`);
    const section = page.getByTestId('round-vacancies');
    const form = section.getByRole('form', { name: 'เพิ่มตำแหน่งว่าง' });
    await form.getByLabel('โรงเรียน', { exact: true }).selectOption({ label: 'โรงเรียน 2' });
    await form.getByLabel('ตำแหน่ง', { exact: true }).selectOption({ label: 'ผู้อำนวยการสถานศึกษา' });
    await form.getByRole('button', { name: 'บันทึกตำแหน่งว่าง' }).click();
    await section.getByRole('row', { name: /โรงเรียน 2 ผู้อำนวยการสถานศึกษา 1/ }).waitFor();
    at('2025-01-16T02:00:00Z');
    await w.api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: 'OPEN_REQUESTS', payload: {} });

    at('2025-01-20T03:00:00Z');
    const director = await w.as('a.director');
    await director.goto('/requests/new');
    await director.getByRole('button', { name: 'ยื่นคำขอย้ายในรอบนี้' }).click();
    const request = director.getByRole('form', { name: 'แบบคำขอย้าย' });
    const position = request.locator('select[name="facts.position"]');
    await position.waitFor();
    const options = await position.locator('option').allInnerTexts();
    expect(options).toEqual(['— เลือก —', 'ผู้อำนวยการสถานศึกษา', 'รองผู้อำนวยการสถานศึกษา']);
  });
});
