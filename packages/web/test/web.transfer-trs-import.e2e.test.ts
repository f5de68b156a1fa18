/**
 * Requests filed in the national transfer system (TRS) imported from the
 * round's page, in the browser (issue 21): the HR officer closes the
 * request window with the page's phase button (the same CLOSE_REQUESTS the
 * round's case page sends, after a confirmation), downloads the TRS
 * template through the page's link, pastes two rows of TRS's export — one
 * good, one naming a school with no vacancy — and uploads it: the report
 * says row by row what happened (imported at the school director's review,
 * refused with the cell named), the imported request is listed with its
 * teacher; the same file sent again says "already imported" and files
 * nothing twice. No UUID, ISO date or code name on the page.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568 } from '../../workflows/test/transfer.fixtures';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let roundId = '';
let school2Code = '';

beforeAll(async () => {
  w = await startWebWorld(transferWorkflows);
  await w.tdb.db
    .updateTable('people')
    .set({ first_name_th: 'สมชาย', last_name_th: 'รักเรียน', citizen_id: '3101200000011' })
    .where('id', '=', w.a.users.teacher.personId)
    .execute();
  school2Code = (await w.tdb.db.selectFrom('schools').select('code').where('id', '=', w.a.schoolIds[1]!).executeTakeFirstOrThrow()).code;
});
afterAll(() => w?.close());

const at = (iso: string) => w.clock.set(iso);
const children = async () =>
  w.tdb.db.selectFrom('cases').select(['id', 'state', 'history_length']).where('parent_case_id', '=', roundId).orderBy('id').execute();

async function roundPage(page: Page, section: string) {
  await page.goto(`/cycles/${roundId}`);
  const s = page.getByTestId(section);
  await s.waitFor();
  return s;
}

const ROW = {
  'เลขที่คำขอ TRS': 'TRS-68-0001',
  'วันเวลาที่ยื่นใน TRS': '20/1/2568 10:30',
  เลขประจำตัวประชาชน: '3101200000011',
  'ชื่อ-นามสกุล': 'สมชาย รักเรียน',
  ประเภทคำขอ: 'ย้ายกรณีปกติ',
  เหตุผลการขอย้าย: 'กลับภูมิลำเนา (อำเภอ)',
  ตำแหน่ง: 'ครู',
  วิทยฐานะ: 'ไม่มีวิทยฐานะ',
  วิชาเอก: 'คณิตศาสตร์',
  วันที่เริ่มปฏิบัติงานที่สถานศึกษาปัจจุบัน: '1/6/2558',
  วันที่บรรจุแต่งตั้ง: '16/5/2555',
  สถานศึกษาปัจจุบันอยู่ในพื้นที่พิเศษ: 'ไม่ใช่',
  'ปีที่ประเมิน PA (พ.ศ.)': '2567',
  'คะแนน PA': '85',
  'ผลการประเมิน PA': 'ผ่าน',
};

async function upload(page: Page, book: ExcelJS.Workbook) {
  const section = page.getByTestId('trs-import');
  await section.getByLabel('ไฟล์คำขอย้ายจากระบบ TRS').setInputFiles({
    name: 'คำขอย้าย TRS.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await book.xlsx.writeBuffer()),
  });
  await section.getByRole('button', { name: 'นำเข้าคำขอย้าย' }).click();
  const report = page.getByTestId('trs-import-report');
  await report.waitFor();
  return report;
}

describe('requests filed in TRS imported from the round’s page', () => {
  it('has a round taking requests, with a vacancy at โรงเรียน 2', async () => {
    at('2025-01-06T02:00:00Z');
    roundId = (
      await w.api('a.hr', 'POST', '/api/cases', {
        workflowId: 'transfer-round',
        officeId: w.a.officeId,
        title: 'การย้ายข้าราชการครู ครั้งที่ 1/2568',
        input: ROUND_1_2568,
      })
    ).caseId;
    await w.api('a.hr', 'POST', `/api/cases/${roundId}/events`, {
      type: 'POST_VACANCIES',
      payload: { vacancies: [{ id: 'V01', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียน 2', subject: 'คณิตศาสตร์', count: 1 }] },
    });
    at('2025-01-16T02:00:00Z');
    await w.api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: 'OPEN_REQUESTS', payload: {} });
  });

  it('has the HR officer close the request window from the round’s page, after confirming', async () => {
    at('2025-02-01T02:00:00Z');
    const page = await w.as('a.hr');
    const closing = await roundPage(page, 'close-phase');
    await closing.getByRole('button', { name: 'ปิดรับคำขอ' }).click();
    await closing.getByText('ยืนยัน "ปิดรับคำขอ" หรือไม่').waitFor();
    await closing.getByRole('button', { name: 'ยืนยัน ปิดรับคำขอ' }).click();
    await page.getByTestId('close-phase').getByRole('button', { name: 'สิ้นสุดการตรวจสอบของสถานศึกษา' }).waitFor();
    expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', roundId).executeTakeFirstOrThrow()).state).toBe(
      'schoolReview',
    );
  });

  it('has the HR officer download the template, import TRS’s rows and read the report row by row; the same file again files nothing twice', async () => {
    at('2025-02-02T03:00:00Z');
    const page = await w.as('a.hr');
    const section = await roundPage(page, 'trs-import');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'ดาวน์โหลดแบบฟอร์มนำเข้า (Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^แบบนำเข้าคำขอย้ายจาก TRS รอบ .*2568\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const rows: Record<string, string>[] = [
      { ...ROW, 'ความประสงค์ลำดับที่ 1': `โรงเรียน 2 (${school2Code})` },
      { ...ROW, 'เลขที่คำขอ TRS': 'TRS-68-0002', 'ความประสงค์ลำดับที่ 1': 'โรงเรียน 9' },
    ];
    rows.forEach((r, i) => Object.entries(r).forEach(([h, v]) => (sheet.getRow(i + 2).getCell(headers.indexOf(h)).value = v)));

    const report = await upload(page, book);
    await report.getByRole('alert').filter({ hasText: 'มีแถวที่นำเข้าไม่ได้' }).waitFor();
    await report.getByText('นำเข้า 1 คำขอ นำเข้าไว้แล้ว 0 คำขอ (ไม่สร้างซ้ำ) ไม่รับ 1 แถว').waitFor();
    await report.getByRole('row', { name: /TRS-68-0001 สมชาย รักเรียน นำเข้าแล้ว ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง/ }).waitFor();
    await report
      .getByRole('row', { name: /TRS-68-0002 สมชาย รักเรียน ไม่รับ .*"ความประสงค์ลำดับที่ 1": "โรงเรียน 9" ไม่ใช่โรงเรียนที่มีตำแหน่งว่างในรอบนี้/ })
      .waitFor();
    await page.getByTestId('round-requests').getByRole('link', { name: 'สมชาย รักเรียน' }).waitFor();
    const made = await children();
    expect(made.map((c) => c.state)).toEqual(['schoolReview']);

    // the first row alone, sent again: already imported, nothing written
    sheet.spliceRows(3, 1);
    const again = await upload(page, book);
    await again.getByText('นำเข้า 0 คำขอ นำเข้าไว้แล้ว 1 คำขอ (ไม่สร้างซ้ำ) ไม่รับ 0 แถว').waitFor();
    await again.getByRole('row', { name: /TRS-68-0001 สมชาย รักเรียน นำเข้าไว้แล้ว \(ไม่สร้างซ้ำ\)/ }).waitFor();
    expect(await children()).toEqual(made);

    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\d{4}-\d{2}-\d{2}|transfer-re|schoolReview|home_district|TRS_ROW_INVALID|RECORD_EXTERNAL_FILING/,
    );
    expect(w.pageErrors).toEqual([]);
  });
});
