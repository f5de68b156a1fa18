/**
 * Spreadsheets in the browser: an admin downloads the Excel template, fills
 * it in (the citizen ids typed as text or pasted as numbers), checks it and
 * imports it from the import page; an officer exports the case list to
 * Excel from the cases page and gets every case, with Thai headers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { citizenIdCheckDigit } from '../../server/src/import/thai-citizen-id';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
beforeAll(async () => {
  w = await startWebWorld();
  w.clock.set('2025-06-16T02:00:00Z');
});
afterAll(() => w?.close());

const cid = (first12: string) => `${first12}${citizenIdCheckDigit(first12)}`;

describe('spreadsheets in the web application', () => {
  it('imports staff from the Excel template, checked first, then written', async () => {
    const page = await w.as('a.admin');
    await page.goto('/admin/import');
    await page.getByRole('heading', { name: 'นำเข้าข้อมูลจากไฟล์ Excel หรือ CSV' }).waitFor();
    await page.getByRole('radio', { name: /^บุคลากร/ }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'ดาวน์โหลดแม่แบบ Excel (ไฟล์ว่าง)' }).click(),
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell(1, 1).value).toBe('เลขประจำตัวประชาชน/citizen id');
    sheet.getCell(2, 1).value = cid('130000000001');
    sheet.getCell(2, 3).value = 'เอกสาร';
    sheet.getCell(2, 4).value = 'ทดลองนำเข้า';
    sheet.getCell(3, 1).value = Number(cid('130000000002'));
    sheet.getCell(3, 3).value = 'ตัวเลข';
    sheet.getCell(3, 4).value = 'วางจากที่อื่น';
    const bytes = Buffer.from(await book.xlsx.writeBuffer());

    await page
      .locator('#csv-file')
      .setInputFiles({ name: 'บุคลากร.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    await page.getByText('(ไฟล์ Excel)').waitFor();
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์ (ยังไม่บันทึก)' }).click();
    await page.getByText('จะเพิ่มใหม่').first().waitFor();
    expect(
      await w.tdb.db.selectFrom('people').select('id').where('citizen_id', '=', cid('130000000001')).executeTakeFirst(),
    ).toBeUndefined();

    await page.getByRole('button', { name: 'นำเข้าบุคลากร' }).click();
    await page.getByText('เพิ่มใหม่', { exact: true }).first().waitFor();
    const people = await w.tdb.db
      .selectFrom('people')
      .select(['citizen_id', 'last_name_th'])
      .where('citizen_id', 'in', [cid('130000000001'), cid('130000000002')])
      .orderBy('citizen_id')
      .execute();
    expect(people).toEqual([
      { citizen_id: cid('130000000001'), last_name_th: 'ทดลองนำเข้า' },
      { citizen_id: cid('130000000002'), last_name_th: 'วางจากที่อื่น' },
    ]);
    expect(w.pageErrors).toEqual([]);
  });

  it('exports every case on the cases page to Excel, more than a page of them', async () => {
    for (let i = 0; i < 230; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, k) =>
          w.api('a.hr', 'POST', '/api/cases', {
            workflowId: 'sample-sla',
            officeId: w.a.officeId,
            title: `เรื่องส่งออก ${i + k + 1}`,
            input: {},
          }),
        ),
      );
    }
    const page = await w.as('a.hr');
    await page.goto('/cases');
    await page.getByRole('heading', { name: 'ค้นหาเรื่อง' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'ส่งออก Excel' }).click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell(1, 1).value).toBe('เรื่อง');
    let exported = 0;
    sheet.eachRow((row, n) => {
      if (n > 1 && String(row.getCell(1).value).startsWith('เรื่องส่งออก')) exported++;
    });
    expect(exported).toBe(230);
  });
});
