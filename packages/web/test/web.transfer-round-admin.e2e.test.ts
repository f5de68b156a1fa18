/**
 * A transfer round run by the office from its page, in the browser (issue
 * 21): the HR officer opens the round with its calendar typed in พ.ศ.,
 * posts a vacancy by choosing the school by name, opens the requests; three
 * teachers file and their director certifies (API); the HR officer reads the
 * requests by state, scores one request through the form and two through
 * the downloaded score sheet, uploaded filled (a report per row); the group
 * director verifies all three through the sheet (four eyes); the HR officer
 * runs the matching, reads the result per vacancy — rank, score, why placed
 * or not — and publishes it to the committees. No UUID, ISO date or code
 * name is shown on the round's page.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { PASSWORD } from '../../server/test/support/server-world';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let roundId = '';
const teachers: { who: string; username: string; citizenId: string; caseId: string; name: string }[] = [];

beforeAll(async () => {
  w = await startWebWorld(transferWorkflows);
  const { password_hash } = await w.tdb.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', w.a.users.teacher.userId)
    .executeTakeFirstOrThrow();
  const person = await w.tdb.db
    .insertInto('people')
    .values({
      first_name_th: 'สมศรี',
      last_name_th: 'ใจดี',
      office_id: w.a.officeId,
      school_id: w.a.schoolIds[0],
      email: 'teacher3@example.test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await w.tdb.db
    .insertInto('users')
    .values({ username: 'teacher3', person_id: person.id, email: 'teacher3@example.test', password_hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.tdb.db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role: 'teacher', office_id: w.a.officeId, school_id: w.a.schoolIds[0], valid_from: '2020-01-01T00:00:00Z' })
    .execute();
  await w.tdb.db
    .updateTable('people')
    .set({ first_name_th: 'สมชาย', last_name_th: 'รักเรียน', citizen_id: '3101200000011' })
    .where('id', '=', w.a.users.teacher.personId)
    .execute();
  await w.tdb.db
    .updateTable('people')
    .set({ first_name_th: 'สมหญิง', last_name_th: 'ขยันสอน', citizen_id: '3101200000029' })
    .where('id', '=', w.a.users.teacher2.personId)
    .execute();
  await w.tdb.db.updateTable('people').set({ citizen_id: '3101200000037' }).where('id', '=', person.id).execute();
  teachers.push(
    { who: 'a.teacher', username: await w.usernameOf('a.teacher'), citizenId: '3101200000011', caseId: '', name: 'สมชาย รักเรียน' },
    { who: 'a.teacher2', username: await w.usernameOf('a.teacher2'), citizenId: '3101200000029', caseId: '', name: 'สมหญิง ขยันสอน' },
    { who: 'teacher3', username: 'teacher3', citizenId: '3101200000037', caseId: '', name: 'สมศรี ใจดี' },
  );
});
afterAll(() => w?.close());

const at = (iso: string) => w.clock.set(iso);

/** An API call as a user (by username), with headers (a file upload). */
async function call(username: string, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
  const cookie = `esa_session=${signIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
  const res = await w.app.inject({
    method,
    url,
    headers: { cookie, ...headers },
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${username} ${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
}
const roundEvent = (type: string) => w.api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type, payload: {} });

/** The round's page, with the section of the given test id. */
async function roundPage(page: Page, section: string) {
  await page.goto(`/cycles/${roundId}`);
  const s = page.getByTestId(section);
  await s.waitFor();
  return s;
}

/** Downloads the score sheet through the page's link. */
async function downloadSheet(page: Page): Promise<ExcelJS.Workbook> {
  const section = await roundPage(page, 'score-sheet');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'ดาวน์โหลดตารางคะแนน (Excel)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ตารางคะแนน .*\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  return book;
}
function rowOf(sheet: ExcelJS.Worksheet, citizenId: string): ExcelJS.Row {
  for (let i = 2; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(2).value === citizenId) return sheet.getRow(i);
  throw new Error(`no row for ${citizenId}`);
}
async function uploadSheet(page: Page, book: ExcelJS.Workbook) {
  const section = page.getByTestId('score-sheet');
  await section.getByLabel('ไฟล์ตารางคะแนนที่กรอกแล้ว').setInputFiles({
    name: 'ตารางคะแนน.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await book.xlsx.writeBuffer()),
  });
  await section.getByRole('button', { name: 'ส่งตารางคะแนน' }).click();
  const report = page.getByTestId('score-sheet-report');
  await report.waitFor();
  return report;
}

describe('a transfer round run by the office from its page', () => {
  it('has the HR officer open the round with its calendar typed in พ.ศ.', async () => {
    at('2025-01-06T02:00:00Z');
    const page = await w.as('a.hr');
    await page.getByRole('link', { name: 'รอบดำเนินการ', exact: true }).first().click();
    await page.getByRole('button', { name: 'เปิดรอบการย้าย' }).click();
    const form = page.getByRole('form', { name: 'แบบเปิดรอบการย้าย' });
    await form.getByLabel('ครั้งที่').selectOption('1');
    await form.getByLabel('ปี พ.ศ.').fill('2568');
    const dates: [string, string][] = [
      ['บันทึกตำแหน่งว่างได้ถึง', '15/1/2568'],
      ['เริ่มรับคำขอย้าย', '16/1/2568'],
      ['ปิดรับคำขอย้าย', '31/1/2568'],
      ['สถานศึกษาตรวจสอบและรับรองถึง', '4 ก.พ. 2568'],
      ['แก้ไขคำขอที่ถูกส่งคืนถึง', '6/2/2568'],
      ['ให้คะแนนและตรวจสอบคะแนนถึง', '28/2/2568'],
      ['คณะกรรมการกลั่นกรองพิจารณาถึง', '14/3/2568'],
      ['อ.ก.ค.ศ. เขตพิจารณาถึง', '31/3/2568'],
      // out of order first: the form says which date, by its name, and sends nothing
      ['ออกคำสั่งย้ายและปิดรอบ', '30/3/2568'],
    ];
    for (const [label, text] of dates) await form.getByLabel(label, { exact: true }).fill(text);
    await form.getByRole('button', { name: 'เปิดรอบการย้าย' }).click();
    await form.getByText('"ออกคำสั่งย้ายและปิดรอบ" ต้องไม่ก่อน "อ.ก.ค.ศ. เขตพิจารณาถึง"').waitFor();
    expect(await w.tdb.db.selectFrom('cases').select('id').where('workflow_id', '=', 'transfer-round').execute()).toHaveLength(0);
    await form.getByLabel('ออกคำสั่งย้ายและปิดรอบ', { exact: true }).fill('30/4/2568');
    await form.getByRole('button', { name: 'เปิดรอบการย้าย' }).click();
    await page.waitForURL(/\/cycles\/[0-9a-f-]{36}$/);
    roundId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: 'การย้ายข้าราชการครู ครั้งที่ 1/2568' }).waitFor();
    const phases = page.getByTestId('round-phases');
    await phases.getByRole('row', { name: 'เริ่มรับคำขอย้าย 16 ม.ค. 2568 เวลา 08.30 น.' }).waitFor();
    await phases.getByRole('row', { name: 'แก้ไขคำขอที่ถูกส่งคืนถึง 6 ก.พ. 2568 เวลา 15.00 น.' }).waitFor();
    const input = (await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', roundId).executeTakeFirstOrThrow()).snapshot as {
      context: { params: { phases: Record<string, { date: string; time: string; phrase: string }> } };
    };
    expect(input.context.params.phases.requestsUntil).toMatchObject({
      date: '2025-01-31',
      time: '16:30',
      phrase: 'ปิดรับคำขอย้าย 31 ม.ค. 2568 เวลา 16.30 น.',
    });
  });

  it('has the HR officer post a vacancy by choosing the school by name, edit its seats, and open the requests', async () => {
    at('2025-01-10T03:00:00Z');
    const page = await w.as('a.hr');
    const section = await roundPage(page, 'round-vacancies');
    const form = section.getByRole('form', { name: 'เพิ่มตำแหน่งว่าง' });
    await form.getByRole('button', { name: 'บันทึกตำแหน่งว่าง' }).click();
    await form.getByRole('alert').filter({ hasText: 'กรุณาเลือกโรงเรียน' }).waitFor();
    await form.getByLabel('โรงเรียน', { exact: true }).selectOption({ label: 'โรงเรียน 2' });
    await form.getByLabel('วิชาเอก').fill('คณิตศาสตร์');
    await form.getByLabel('จำนวนอัตรา').fill('1');
    await form.getByRole('button', { name: 'บันทึกตำแหน่งว่าง' }).click();
    await section.getByRole('row', { name: /โรงเรียน 2 คณิตศาสตร์ 1/ }).waitFor();
    // two seats, not one: edited in the list
    await section.getByLabel('จำนวนอัตรา โรงเรียน 2 คณิตศาสตร์').fill('2');
    await section.getByRole('button', { name: 'บันทึกจำนวน' }).click();
    await section.getByText('แก้จำนวนอัตรา โรงเรียน 2 แล้ว').waitFor();
    const ctx = (
      (await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', roundId).executeTakeFirstOrThrow()).snapshot as {
        context: { vacancies: unknown[] };
      }
    ).context;
    expect(ctx.vacancies).toEqual([{ id: 'V1', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียน 2', subject: 'คณิตศาสตร์', count: 2 }]);

    at('2025-01-16T02:00:00Z');
    const later = await w.as('a.hr');
    const again = await roundPage(later, 'round-vacancies');
    await again.getByRole('button', { name: 'เปิดรับคำขอย้าย' }).click();
    await later.getByTestId('round-vacancies').getByRole('button', { name: 'เปิดรับคำขอย้าย' }).waitFor({ state: 'detached' });
    expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', roundId).executeTakeFirstOrThrow()).state).toBe(
      'requestsOpen',
    );
  });

  it('has three teachers file and their director certify (API)', async () => {
    at('2025-01-20T03:00:00Z');
    for (const t of teachers) {
      const file = await call(t.username, 'POST', '/api/files', tinyPdf(t.username), {
        'content-type': 'application/pdf',
        'x-file-name': encodeURIComponent('ทะเบียนบ้าน.pdf'),
      });
      const evidence = [{ name: file.name, size: file.size, sha256: file.sha256, fileId: file.id, kind: 'ทะเบียนบ้าน' }];
      t.caseId = (
        await call(t.username, 'POST', `/api/transfer-rounds/${roundId}/requests`, {
          submission: submission({ preferences: [w.a.schoolIds[1]], evidence }),
        })
      ).caseId;
    }
    at('2025-02-03T02:00:00Z');
    for (const t of teachers) {
      await w.api('a.director', 'POST', `/api/cases/${t.caseId}/events`, { type: 'CERTIFY', payload: {} });
      await w.api('a.director', 'POST', `/api/cases/${t.caseId}/events`, {
        type: 'RECORD_BOARD_OPINION',
        payload: { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' },
      });
    }
    at('2025-02-06T08:00:00Z');
    await roundEvent('CLOSE_REQUESTS');
    await roundEvent('CLOSE_SCHOOL_REVIEW');
  });

  it('has the HR officer see the requests by state, score one by the form and two by the score sheet', async () => {
    at('2025-02-10T02:00:00Z');
    const page = await w.as('a.hr');
    const requests = await roundPage(page, 'round-requests');
    await requests.getByTestId('requests-by-state').getByRole('button', { name: 'คณะทำงานตรวจสอบคุณสมบัติและจัดทำคะแนน: 3' }).waitFor();
    for (const t of teachers) await requests.getByRole('link', { name: t.name }).waitFor();

    // one by the form on its case page
    await requests.getByRole('link', { name: 'สมชาย รักเรียน' }).click();
    await page.waitForURL(new RegExp(`/cases/${teachers[0]!.caseId}$`));
    await page
      .getByRole('group', { name: /การดำเนินการ/ })
      .getByRole('button', { name: 'บันทึกคะแนนตามองค์ประกอบ', exact: true })
      .click();
    const form = page.getByRole('form', { name: 'บันทึกคะแนนตามองค์ประกอบ' });
    const table = form.getByRole('table', { name: 'คะแนนตามองค์ประกอบ' });
    await table.getByLabel('เหตุผลในการขอย้าย', { exact: true }).selectOption({ label: 'กลับภูมิลำเนา: อำเภอเดียวกับสถานศึกษาที่ขอย้าย (20 คะแนน)' });
    await table.getByLabel('ภาระงานของข้าราชการครู', { exact: true }).selectOption({ label: 'ภาระงานมาก (10 คะแนน)' });
    await table.getByLabel('การพัฒนาตนเองและพัฒนาวิชาชีพ', { exact: true }).selectOption({ label: 'ดี (7 คะแนน)' });
    await form.getByRole('button', { name: 'บันทึกคะแนนตามองค์ประกอบ' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึก "บันทึกคะแนนตามองค์ประกอบ" แล้ว' }).waitFor();

    // two by the sheet: downloaded from the round's page, filled, sent back
    const book = await downloadSheet(page);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    const fill = (citizenId: string, values: string[]) => values.forEach((v, i) => (rowOf(sheet, citizenId).getCell(6 + i).value = v));
    fill(teachers[1]!.citizenId, ['กลับภูมิลำเนา: จังหวัดเดียวกับสถานศึกษาที่ขอย้าย (15 คะแนน)', 'ภาระงานปานกลาง (7 คะแนน)', 'พื้นฐาน (4 คะแนน)']);
    fill(teachers[2]!.citizenId, ['เหตุผลอื่น (5 คะแนน)', 'ภาระงานน้อย (4 คะแนน)', 'พื้นฐาน (4 คะแนน)']);
    const report = await uploadSheet(page, book);
    await report.getByText('รับ 2 แถว (บันทึกคะแนน 2 ยืนยันคะแนน 0)').waitFor();
    await report.getByRole('row', { name: /สมหญิง ขยันสอน รับแล้ว บันทึกคะแนน 36/ }).waitFor();
    await report.getByRole('row', { name: /สมศรี ใจดี รับแล้ว บันทึกคะแนน 23/ }).waitFor();
    // the form-scored row is waiting for verification with its levels: left as it is, nothing done
    await report.getByRole('row', { name: /สมชาย รักเรียน ข้าม/ }).waitFor();
    for (const t of teachers)
      expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', t.caseId).executeTakeFirstOrThrow()).state).toBe(
        'verification',
      );
  });

  it('has the group director verify them through the sheet (four eyes)', async () => {
    at('2025-02-12T02:00:00Z');
    const page = await w.as('a.group');
    const book = await downloadSheet(page);
    const sheet = book.worksheets[0]!;
    for (const t of teachers) rowOf(sheet, t.citizenId).getCell(9).value = 'ใช่';
    const report = await uploadSheet(page, book);
    await report.getByText('รับ 3 แถว (บันทึกคะแนน 0 ยืนยันคะแนน 3)').waitFor();
    for (const t of teachers)
      expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', t.caseId).executeTakeFirstOrThrow()).state).toBe(
        'awaitingMatch',
      );
  });

  it('has the HR officer run the matching, read the result per vacancy with its explanations, and publish it', async () => {
    at('2025-02-21T02:00:00Z');
    await roundEvent('CLOSE_SCORING');
    at('2025-03-03T02:00:00Z');
    const page = await w.as('a.hr');
    const matching = await roundPage(page, 'round-matching');
    await matching.getByText('ยังไม่ได้ประมวลผลจับคู่').waitFor();
    await matching.getByRole('button', { name: 'ประมวลผลจัดลำดับและจับคู่' }).click();
    await matching.getByText(/ประมวลผลครั้งที่ 1 แล้ว: คำขอ 3 · ได้ย้าย 2/).waitFor();
    await matching.getByTestId('matching-in-force').filter({ hasText: 'ผลที่ใช้อยู่: ประมวลผลครั้งที่ 1 เมื่อ 3 มี.ค. 2568' }).waitFor();
    const vacancy = matching.getByTestId('vacancy-result');
    await vacancy.getByRole('table', { name: 'โรงเรียน 2 วิชาเอกคณิตศาสตร์ (2 อัตรา บรรจุได้ 2)' }).waitFor();
    const rows = vacancy.getByRole('row');
    expect(await rows.nth(1).innerText()).toMatch(/^1\s+สมชาย รักเรียน\s+47\s+ได้ย้าย\s+ได้ย้าย: อันดับที่ 1 จากผู้ขอ 3 คน อยู่ในจำนวน 2 อัตรา/);
    expect(await rows.nth(2).innerText()).toMatch(/^2\s+สมหญิง ขยันสอน\s+36\s+ได้ย้าย/);
    expect(await rows.nth(3).innerText()).toMatch(/^3\s+สมศรี ใจดี\s+23\s+ไม่ได้ย้ายที่นี่\s+ไม่ได้ที่นี่: อันดับที่ 3 จากผู้ขอ 3 คน มีผู้ได้อันดับสูงกว่าครบ 2 อัตรา/);
    await matching
      .getByTestId('matching-explanations')
      .getByText(/สมศรี ใจดี: ไม่ได้ย้าย; ลำดับที่ 3 ของ โรงเรียน 2 \(2 อัตรา\) รองจาก/)
      .waitFor();
    // the ranking as a workbook for the office's files
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      matching.getByRole('link', { name: 'ผลการจัดลำดับ (Excel)' }).click(),
    ]);
    const ranking = new ExcelJS.Workbook();
    await ranking.xlsx.readFile((await download.path())!);
    expect((ranking.worksheets[0]!.getSheetValues().slice(2) as unknown[][]).map((r) => [r[4], r[5]])).toEqual([
      [1, 'สมชาย รักเรียน'],
      [2, 'สมหญิง ขยันสอน'],
      [3, 'สมศรี ใจดี'],
    ]);

    await matching.getByRole('button', { name: 'เสนอผลการจับคู่ต่อคณะกรรมการ' }).click();
    await matching.getByText('เสนอผลการประมวลผลครั้งที่ 1 ต่อคณะกรรมการแล้ว').first().waitFor();
    expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', roundId).executeTakeFirstOrThrow()).state).toBe(
      'screening',
    );
    const requests = page.getByTestId('round-requests');
    await requests.getByText('เสนอย้ายไป โรงเรียน 2').first().waitFor();
    expect(await requests.getByText('เสนอย้ายไป โรงเรียน 2').count()).toBe(2);

    // no id, ISO date or code name on the page a person reads
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\d{4}-\d{2}-\d{2}|transfer-re|awaitingMatch|home_district|\bV1\b/);
    expect(w.pageErrors).toEqual([]);
  });
});
