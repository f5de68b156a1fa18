/**
 * Academic-standing requests filed in OTEPC's DPA system imported from the
 * cases page, in the browser (issue 21): the HR officer downloads the
 * office's template through the card's link, pastes two rows of DPA's list —
 * one good, one naming nobody of the office — and uploads it: the report says
 * row by row what happened (imported at the eligibility check, refused with
 * the reason), in Thai; the imported request shows in the list; the same file
 * sent again says "already imported" and files nothing twice; and on the
 * request's page the HR officer takes the office-side step (confirms the
 * eligibility) as on any request. No UUID, ISO date or code name on the page.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { academicStandingWorkflows } from '../../workflows/src/academic-standing/index';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;

beforeAll(async () => {
  w = await startWebWorld(academicStandingWorkflows);
  await w.tdb.db
    .updateTable('people')
    .set({ first_name_th: 'สมชาย', last_name_th: 'รักเรียน', citizen_id: '3101200000011' })
    .where('id', '=', w.a.users.teacher.personId)
    .execute();
});
afterAll(() => w?.close());

const cases = async () =>
  w.tdb.db
    .selectFrom('cases')
    .select(['id', 'state', 'history_length'])
    .where('workflow_id', '=', 'academic-standing')
    .orderBy('id')
    .execute();

const ROW = {
  'เลขที่คำขอ DPA': 'DPA-68-00017',
  'วันเวลาที่ยื่นใน DPA': '15/1/2568 09:30',
  เลขประจำตัวประชาชน: '3101200000011',
  'ชื่อ-นามสกุล': 'สมชาย รักเรียน',
  'ตำแหน่ง (สายงาน)': 'ครู',
  วิทยฐานะปัจจุบัน: 'ไม่มีวิทยฐานะ',
  'ดำรงวิทยฐานะ/ตำแหน่งปัจจุบันตั้งแต่': '1/5/2560',
  วิทยฐานะที่ขอ: 'ชำนาญการ',
  'ผล PA ปีงบประมาณ (พ.ศ.) รอบที่ 1': '2567',
  'ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 1': '85, 90, 88',
  'ผล PA ปีงบประมาณ (พ.ศ.) รอบที่ 2': '2566',
  'ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 2': '80, 82, 84',
  'ผล PA ปีงบประมาณ (พ.ศ.) รอบที่ 3': '2565',
  'ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 3': '78, 75, 90',
};

async function upload(page: Page, book: ExcelJS.Workbook) {
  const section = page.getByTestId('dpa-import');
  await section.getByLabel('ไฟล์คำขอวิทยฐานะจากระบบ DPA').setInputFiles({
    name: 'คำขอ DPA.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await book.xlsx.writeBuffer()),
  });
  await section.getByRole('button', { name: 'นำเข้าคำขอ' }).click();
  const report = page.getByTestId('dpa-import-report');
  await report.waitFor();
  return report;
}

describe('academic-standing requests filed in DPA imported from the cases page', () => {
  it('has the HR officer download the template, import DPA’s rows and read the report row by row; the same file again files nothing twice', async () => {
    w.clock.set('2025-02-03T03:00:00Z');
    const page = await w.as('a.hr');
    await page.goto('/cases');
    const section = page.getByTestId('dpa-import');
    await section.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'ดาวน์โหลดแบบฟอร์มนำเข้า (Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('แบบนำเข้าคำขอวิทยฐานะจากระบบ DPA.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const rows: Record<string, string>[] = [
      ROW,
      { ...ROW, 'เลขที่คำขอ DPA': 'DPA-68-00018', เลขประจำตัวประชาชน: '', เลขที่ตำแหน่ง: '9999', 'ชื่อ-นามสกุล': 'ไม่มีในทะเบียน' },
    ];
    rows.forEach((r, i) => Object.entries(r).forEach(([h, v]) => (sheet.getRow(i + 2).getCell(headers.indexOf(h)).value = v)));

    const report = await upload(page, book);
    await report.getByRole('alert').filter({ hasText: 'มีแถวที่นำเข้าไม่ได้' }).waitFor();
    await report.getByText('นำเข้า 1 คำขอ นำเข้าไว้แล้ว 0 คำขอ (ไม่สร้างซ้ำ) ไม่รับ 1 แถว').waitFor();
    await report.getByRole('row', { name: /DPA-68-00017 สมชาย รักเรียน นำเข้าแล้ว ตรวจสอบคุณสมบัติผู้ยื่นคำขอ/ }).waitFor();
    await report.getByRole('row', { name: /DPA-68-00018 ไม่มีในทะเบียน ไม่รับ ไม่พบบุคลากรที่มีเลขประจำตัวประชาชนหรือเลขที่ตำแหน่งนี้/ }).waitFor();
    // the list below shows the imported request
    const list = page.getByTestId('cases');
    await list.getByRole('row', { name: /ขอมีหรือเลื่อนวิทยฐานะ ครูชำนาญการ — สมชาย รักเรียน .*ตรวจสอบคุณสมบัติผู้ยื่นคำขอ/ }).waitFor();
    const made = await cases();
    expect(made.map((c) => c.state)).toEqual(['eligibilityCheck']);

    // sent again: the first row is already imported, nothing written
    const again = await upload(page, book);
    await again.getByText('นำเข้า 0 คำขอ นำเข้าไว้แล้ว 1 คำขอ (ไม่สร้างซ้ำ) ไม่รับ 1 แถว').waitFor();
    await again.getByRole('row', { name: /DPA-68-00017 สมชาย รักเรียน นำเข้าไว้แล้ว \(ไม่สร้างซ้ำ\)/ }).waitFor();
    expect(await cases()).toEqual(made);

    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\d{4}-\d{2}-\d{2}|academic-standing|eligibilityCheck|professional|DPA_PERSON_UNKNOWN|RECORD_DPA_FILING/,
    );
    expect(w.pageErrors).toEqual([]);
  });

  it('opens the imported request from the list; its history says it came from DPA, and the HR officer confirms the eligibility', async () => {
    const page = await w.as('a.hr');
    await page.goto('/cases');
    await page
      .getByTestId('cases')
      .getByRole('link', { name: /สมชาย รักเรียน/ })
      .click();
    await page.getByTestId('case-state').filter({ hasText: 'ตรวจสอบคุณสมบัติผู้ยื่นคำขอ' }).waitFor();
    await page.getByTestId('timeline').getByText('บันทึกคำขอที่ยื่นในระบบ DPA').waitFor();
    await page
      .getByRole('group', { name: /การดำเนินการ|Actions/ })
      .getByRole('button', { name: 'คุณสมบัติครบถ้วน', exact: true })
      .click();
    const form = page.getByRole('form', { name: 'คุณสมบัติครบถ้วน' });
    await form.getByRole('button', { name: 'คุณสมบัติครบถ้วน' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึก "คุณสมบัติครบถ้วน" แล้ว' }).waitFor();
    await page.getByTestId('case-state').filter({ hasText: 'เสนอแต่งตั้งคณะกรรมการประเมินด้านที่ 1 และด้านที่ 2' }).waitFor();
    expect((await cases()).map((c) => c.state)).toEqual(['committeeProposal']);
    expect(w.pageErrors).toEqual([]);
  });
});
