/**
 * A whole transfer round in the browser, as the rules run it (issue 21),
 * every step by the person who does it, through the web pages:
 * - the HR officer opens the round (calendar typed in พ.ศ.), posts a vacancy
 *   by school name and opens the requests;
 * - three teachers file through the form: one to the vacancy, and a swap
 *   pair who name each other by the citizen ids they exchanged;
 * - the school director returns one for a missing document; the teacher
 *   adds the file and resends; the directors certify all three and record
 *   their boards' opinions;
 * - the HR officer scores one request by the form and two by the score
 *   sheet; the group director verifies them (four eyes);
 * - the HR officer runs the matching and publishes it;
 * - the screening committee and the area sub-committee (อ.ก.ค.ศ.) each pass
 *   the list in one resolution with one exception (the area rejects one);
 * - the HR officer numbers the orders from the register, the directors
 *   sign them and attach the signed scans; the HR officer records a report
 *   for duty;
 * - the rejected teacher acknowledges the result and files a grievance.
 * Setup a person would not do in this round goes through the API or the
 * database: users and their citizen ids, the committees and their seats.
 * The clock moves between phases; each person signs in again after it moves.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { PASSWORD } from '../../server/test/support/server-world';
import { signInThroughPage } from './support/browser';
import { startWebWorld, type WebWorld } from './support/web-world';

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let w: WebWorld;
let roundId = '';
interface Teacher {
  who: string;
  name: string;
  citizenId: string;
  caseId: string;
}
const T1: Teacher = { who: 'a.teacher', name: 'สมชาย รักเรียน', citizenId: '3101200000011', caseId: '' };
const T2: Teacher = { who: 'a.teacher2', name: 'สมหญิง ขยันสอน', citizenId: '3101200000029', caseId: '' };
const T3: Teacher = { who: 'teacher3', name: 'สมศรี ใจดี', citizenId: '3101200000037', caseId: '' };
const committees = { screening: '', area: '' };

beforeAll(async () => {
  w = await startWebWorld(transferWorkflows);
  const db = w.tdb.db;
  // the third teacher teaches at the other school (โรงเรียน 2): the swap partner of the second
  const { password_hash } = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', w.a.users.teacher.userId)
    .executeTakeFirstOrThrow();
  const person = await db
    .insertInto('people')
    .values({
      first_name_th: 'สมศรี',
      last_name_th: 'ใจดี',
      office_id: w.a.officeId,
      school_id: w.a.schoolIds[1],
      email: 'teacher3@example.test',
      citizen_id: T3.citizenId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({ username: 'teacher3', person_id: person.id, email: 'teacher3@example.test', password_hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role: 'teacher', office_id: w.a.officeId, school_id: w.a.schoolIds[1], valid_from: '2020-01-01T00:00:00Z' })
    .execute();
  await db
    .updateTable('people')
    .set({ first_name_th: 'สมชาย', last_name_th: 'รักเรียน', citizen_id: T1.citizenId })
    .where('id', '=', w.a.users.teacher.personId)
    .execute();
  await db
    .updateTable('people')
    .set({ first_name_th: 'สมหญิง', last_name_th: 'ขยันสอน', citizen_id: T2.citizenId })
    .where('id', '=', w.a.users.teacher2.personId)
    .execute();
});
afterAll(() => w?.close());

const at = (iso: string) => w.clock.set(iso);
const as = (who: string) => (who === 'teacher3' ? asUser('teacher3') : w.as(who));
async function asUser(username: string): Promise<Page> {
  // a user made here, not a fixture: signs in through the page like the others
  const context = await w.browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    baseURL: w.baseUrl,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => w.pageErrors.push(`${username}: ${error.message}`));
  await page.goto('/');
  await signInThroughPage(page, username, PASSWORD);
  return page;
}
const stateOf = async (id: string) =>
  (await w.tdb.db.selectFrom('cases').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

async function openAction(page: Page, label: string) {
  await page
    .getByRole('group', { name: /การดำเนินการ/ })
    .getByRole('button', { name: label, exact: true })
    .click();
  return page.getByRole('form', { name: label });
}
async function expectStep(page: Page, label: string) {
  await page.getByTestId('case-state').filter({ hasText: label }).waitFor();
  expect(await page.getByTestId('case-state').textContent()).toBe(label);
}
const saved = (page: Page, label: string) =>
  page
    .getByRole('status')
    .filter({ hasText: `บันทึก "${label}" แล้ว` })
    .waitFor();

/** The HR officer closes a phase of the round from the round's case page (unless the round moved on by itself). */
async function closePhase(label: string, from: string) {
  if ((await stateOf(roundId)) !== from) return;
  const hr = await w.as('a.hr');
  await hr.goto(`/cases/${roundId}`);
  const form = await openAction(hr, label);
  await form.getByRole('button', { name: label }).click();
  await saved(hr, label);
}

/** The filing form, filled as a teacher does. */
async function file(t: Teacher, how: { swapWith?: Teacher }) {
  const page = await as(t.who);
  await page.getByRole('link', { name: 'ยื่นคำขอ', exact: true }).click();
  await page.getByRole('button', { name: 'ยื่นคำขอย้ายในรอบนี้' }).click();
  const form = page.getByRole('form', { name: 'แบบคำขอย้าย' });
  if (how.swapWith) {
    await form.getByLabel('ประเภท', { exact: true }).selectOption({ label: 'ย้ายสับเปลี่ยน' });
    const partner = form.getByTestId('swap-partner');
    // a mistyped number is told in Thai, nothing sent
    await partner.getByLabel('เลขประจำตัวประชาชนของครูผู้ขอสับเปลี่ยน').fill('31012');
    await partner.getByRole('button', { name: 'ค้นหาครูผู้ขอสับเปลี่ยน' }).click();
    await partner.getByRole('alert').filter({ hasText: 'เลขประจำตัวประชาชนต้องมี 13 หลัก' }).waitFor();
    await partner.getByLabel('เลขประจำตัวประชาชนของครูผู้ขอสับเปลี่ยน').fill(how.swapWith.citizenId);
    await partner.getByRole('button', { name: 'ค้นหาครูผู้ขอสับเปลี่ยน' }).click();
    await partner
      .getByTestId('swap-partner-found')
      .filter({ hasText: `ขอย้ายสับเปลี่ยนกับ: ${how.swapWith.name}` })
      .waitFor();
    await form.getByLabel('เหตุผล', { exact: true }).selectOption({ label: 'กลับภูมิลำเนา (จังหวัด)' });
  } else {
    await form.getByRole('button', { name: 'เพิ่ม โรงเรียนที่ขอย้ายไป (เรียงตามลำดับ)' }).click();
    await form.getByLabel('ลำดับที่ 1', { exact: true }).selectOption({ label: 'โรงเรียน 2 (คณิตศาสตร์, 1 อัตรา)' });
    await form.getByLabel('เหตุผล', { exact: true }).selectOption({ label: 'กลับภูมิลำเนา (อำเภอ)' });
  }
  await form.getByLabel('ตำแหน่ง', { exact: true }).selectOption({ label: 'ครู' });
  await form.getByLabel('วิทยฐานะ', { exact: true }).selectOption({ label: 'ไม่มีวิทยฐานะ' });
  await form.getByLabel('วิชาเอก', { exact: true }).fill('คณิตศาสตร์');
  await form.getByLabel('ปฏิบัติงานที่โรงเรียนปัจจุบันตั้งแต่').fill('2015-06-01');
  await form.getByLabel('วันที่บรรจุครั้งแรก').fill('2012-05-16');
  await form.getByLabel('ปี พ.ศ.').fill('2567');
  await form.getByLabel('คะแนน', { exact: true }).fill('85');
  await form.getByLabel('ผ่าน', { exact: true }).check();
  await form.getByLabel(/แนบไฟล์/).setInputFiles({ name: 'ทะเบียนบ้าน.pdf', mimeType: 'application/pdf', buffer: PDF(`house ${t.who}`) });
  await form.getByRole('link', { name: 'ทะเบียนบ้าน.pdf' }).waitFor();
  await form.getByRole('button', { name: 'ยื่นคำขอย้าย' }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  t.caseId = page.url().split('/').pop()!;
  await expectStep(page, 'ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง');
}

/** The director certifies a request and records the school board's opinion on its page. */
async function certify(director: string, t: Teacher) {
  const page = await w.as(director);
  await page.goto(`/cases/${t.caseId}`);
  await expectStep(page, 'ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง');
  let form = await openAction(page, 'รับรองคำขอ');
  await form.getByRole('button', { name: 'รับรองคำขอ' }).click();
  await saved(page, 'รับรองคำขอ');
  form = await openAction(page, 'บันทึกความเห็นคณะกรรมการสถานศึกษา');
  await form.getByLabel('ความเห็น').selectOption({ label: 'เห็นควรให้ย้าย' });
  await form.getByLabel('การประชุมที่พิจารณา (ครั้งที่/วันที่)').fill('ครั้งที่ 1/2568 วันที่ 3 ก.พ. 2568');
  await form.getByRole('button', { name: 'บันทึกความเห็นคณะกรรมการสถานศึกษา' }).click();
  await saved(page, 'บันทึกความเห็นคณะกรรมการสถานศึกษา');
}

async function roundPage(page: Page, section: string) {
  await page.goto(`/cycles/${roundId}`);
  const s = page.getByTestId(section);
  await s.waitFor();
  return s;
}
async function downloadSheet(page: Page): Promise<ExcelJS.Workbook> {
  const section = await roundPage(page, 'score-sheet');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'ดาวน์โหลดตารางคะแนน (Excel)' }).click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await download.path())!);
  return book;
}
function rowOf(sheet: ExcelJS.Worksheet, citizenId: string): ExcelJS.Row {
  for (let i = 2; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(2).value === citizenId) return sheet.getRow(i);
  throw new Error(`no row for ${citizenId}`);
}
async function uploadSheet(page: Page, book: ExcelJS.Workbook) {
  const section = page.getByTestId('score-sheet');
  await section
    .getByLabel('ไฟล์ตารางคะแนนที่กรอกแล้ว')
    .setInputFiles({ name: 'ตารางคะแนน.xlsx', mimeType: XLSX, buffer: Buffer.from(await book.xlsx.writeBuffer()) });
  await section.getByRole('button', { name: 'ส่งตารางคะแนน' }).click();
  const report = page.getByTestId('score-sheet-report');
  await report.waitFor();
  return report;
}

/**
 * The secretary schedules the committee's meeting from its page (the agenda
 * is the requests waiting for it), opens it with everyone present, passes
 * the list in one resolution with one exception, and closes it.
 */
async function committeeDecidesList(
  committeeId: string,
  name: string,
  when: { iso: string; typed: string },
  exception: { teacher: Teacher; resolution: string; note: string },
  wording: string,
) {
  at(when.iso);
  const secretary = await w.as('a.group');
  await secretary.goto(`/committees/${committeeId}`);
  await secretary.getByRole('heading', { level: 1, name }).waitFor();
  const schedule = secretary.getByRole('form', { name: 'นัดประชุม' });
  await schedule.getByText('ระเบียบวาระจะจัดจากเรื่องที่รอพิจารณา 3 เรื่อง', { exact: false }).waitFor();
  await schedule.getByLabel('ชื่อการประชุม').fill(`ประชุม${name} ครั้งที่ 1/2568`);
  await schedule.getByLabel('วันและเวลา').fill(when.typed);
  await schedule.getByLabel('สถานที่').fill('ห้องประชุม สพป.');
  await schedule.getByRole('button', { name: 'นัดประชุม', exact: true }).click();
  await secretary.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
  const meetingId = secretary.url().split('/').pop()!;
  await secretary.getByTestId('agenda-item').nth(2).waitFor();
  expect(await secretary.getByTestId('agenda-item').count()).toBe(3);

  const open = secretary.getByRole('form', { name: 'เปิดประชุม' });
  await open.getByRole('button', { name: 'เลือกทุกคน' }).click();
  await open.getByRole('button', { name: 'เปิดประชุม', exact: true }).click();
  await secretary.getByRole('status').filter({ hasText: 'เปิดประชุมแล้ว — ครบองค์ประชุม' }).waitFor();

  const list = secretary.getByRole('form', { name: 'บันทึกมติรวมตามบัญชีแนบท้าย' });
  await list.getByLabel('มติของบัญชี').selectOption({ label: 'เห็นชอบ' });
  await list.getByLabel('ข้อความมติ').fill(wording);
  const title = `คำขอย้าย ${exception.teacher.name} รอบ 1/2568`;
  await list.getByLabel(`ยกเว้น: ${title}`).check();
  await list.getByLabel(`มติของ ${title}`).selectOption({ label: exception.resolution });
  // an exception without its reason is not sent
  await list.getByRole('button', { name: 'บันทึกมติรวม (2 เรื่อง ยกเว้น 1 เรื่อง)' }).click();
  await list.getByRole('alert').filter({ hasText: 'กรุณาระบุเหตุผลที่ยกเว้น' }).waitFor();
  expect(await w.tdb.db.selectFrom('list_resolutions').select('id').where('meeting_id', '=', meetingId).execute()).toHaveLength(0);
  await list.getByLabel(`เหตุผลที่ยกเว้น ${title}`).fill(exception.note);
  await list.getByRole('button', { name: 'บันทึกมติรวม (2 เรื่อง ยกเว้น 1 เรื่อง)' }).click();
  await secretary.getByRole('status').filter({ hasText: 'บันทึกมติรวมแล้ว: เห็นชอบตามบัญชีแนบท้าย 2 เรื่อง ยกเว้น 1 เรื่อง' }).waitFor();

  w.clock.set(new Date(Date.parse(when.iso) + 2 * 3600_000).toISOString());
  await secretary.getByRole('button', { name: 'ปิดประชุมและนำมติไปใช้' }).click();
  await secretary.getByRole('button', { name: 'ยืนยันปิดประชุม' }).click();
  await secretary.getByRole('status').filter({ hasText: 'ปิดประชุมแล้ว — นำมติไปใช้ 3 เรื่อง เลื่อน 0 เรื่อง' }).waitFor();
  const rows = await w.tdb.db
    .selectFrom('agenda_items')
    .select(['resolution', 'list_exception', 'resolution_note'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
  expect(rows.filter((r) => r.list_exception)).toEqual([
    { resolution: exception.resolution === 'เห็นชอบ' ? 'approve' : 'reject', list_exception: true, resolution_note: exception.note },
  ]);
  expect(rows.filter((r) => !r.list_exception).map((r) => r.resolution)).toEqual(['approve', 'approve']);
  const text = await secretary.locator('main').innerText();
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\d{4}-\d{2}-\d{2}|transfer-re|areaApproval|screening\b/);
}

describe('a whole transfer round run by the office in the browser', () => {
  it('has the HR officer open the round, post a vacancy by school name and open the requests', async () => {
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
    await page.getByRole('heading', { name: 'การย้ายข้าราชการครู ครั้งที่ 1/2568' }).waitFor();

    at('2025-01-10T03:00:00Z');
    const again = await w.as('a.hr');
    const vacancies = await roundPage(again, 'round-vacancies');
    const add = vacancies.getByRole('form', { name: 'เพิ่มตำแหน่งว่าง' });
    await add.getByLabel('โรงเรียน', { exact: true }).selectOption({ label: 'โรงเรียน 2' });
    await add.getByLabel('วิชาเอก').fill('คณิตศาสตร์');
    await add.getByLabel('จำนวนอัตรา').fill('1');
    await add.getByRole('button', { name: 'บันทึกตำแหน่งว่าง' }).click();
    await vacancies.getByRole('row', { name: /โรงเรียน 2 คณิตศาสตร์ 1/ }).waitFor();

    at('2025-01-16T02:00:00Z');
    const opening = await w.as('a.hr');
    await (await roundPage(opening, 'round-vacancies')).getByRole('button', { name: 'เปิดรับคำขอย้าย' }).click();
    await opening.getByTestId('round-vacancies').getByRole('button', { name: 'เปิดรับคำขอย้าย' }).waitFor({ state: 'detached' });
    expect(await stateOf(roundId)).toBe('requestsOpen');
  });

  it('has three teachers file through the form: one to the vacancy, two as a swap pair naming each other', async () => {
    at('2025-01-20T03:00:00Z');
    await file(T1, {});
    await file(T2, { swapWith: T3 });
    await file(T3, { swapWith: T2 });
    const swaps = await w.tdb.db.selectFrom('cases').select(['id', 'snapshot']).where('id', 'in', [T2.caseId, T3.caseId]).execute();
    const named = Object.fromEntries(
      swaps.map((r) => [r.id, (r.snapshot as { context: { submission: { kind: string; swapWith: unknown } } }).context.submission]),
    );
    expect(named[T2.caseId]).toMatchObject({
      kind: 'swap',
      swapWith: {
        personId: (await w.tdb.db.selectFrom('users').select('person_id').where('username', '=', 'teacher3').executeTakeFirstOrThrow())
          .person_id,
        name: T3.name,
      },
    });
    expect(named[T3.caseId]).toMatchObject({ kind: 'swap', swapWith: { personId: w.a.users.teacher2.personId, name: T2.name } });
    at('2025-01-31T09:30:00Z');
    await closePhase('ปิดรับคำขอ', 'requestsOpen');
  });

  it('has the director return one for a missing document, the teacher add it, and the directors certify all three', async () => {
    at('2025-02-03T02:00:00Z');
    const director = await w.as('a.director');
    await director.goto(`/cases/${T1.caseId}`);
    const back = await openAction(director, 'ส่งคืนให้แก้ไข');
    await back.getByTestId('missing-documents').getByLabel('ก.ค.ศ.16 (ทะเบียนประวัติ)').check();
    await back.getByRole('button', { name: 'ระบุ แก้ไขภายใน' }).click();
    const fixBy = back.getByRole('group', { name: 'แก้ไขภายใน' });
    await fixBy.getByLabel('วันที่').fill('2025-02-05');
    await fixBy.getByLabel('เวลา').fill('15:00');
    await back.getByRole('button', { name: 'ส่งคืนให้แก้ไข' }).click();
    await expectStep(director, 'ครูแก้ไขคำขอที่ถูกส่งคืน');
    await certify('a.director', T2);
    await certify('a.director2', T3);

    at('2025-02-04T03:00:00Z');
    const teacher = await w.as(T1.who);
    await teacher.goto(`/cases/${T1.caseId}`);
    expect(await teacher.getByTestId('returned-note').textContent()).toBe('เอกสารที่ต้องแนบเพิ่ม: ก.ค.ศ.16 (ทะเบียนประวัติ)');
    expect(await teacher.getByTestId('returned-fix-by').textContent()).toBe('แก้ไขและส่งกลับภายใน 5 ก.พ. 2568 15.00 น.');
    const resend = await openAction(teacher, 'ส่งคำขอที่แก้ไขแล้ว');
    await resend.getByRole('link', { name: 'ทะเบียนบ้าน.pdf' }).waitFor();
    await resend.getByLabel(/แนบไฟล์/).setInputFiles({ name: 'กคศ16.pdf', mimeType: 'application/pdf', buffer: PDF('KKS 16') });
    await resend.getByRole('link', { name: 'กคศ16.pdf' }).waitFor();
    await resend.getByRole('button', { name: 'ส่งคำขอที่แก้ไขแล้ว' }).click();
    await expectStep(teacher, 'ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง');

    at('2025-02-04T06:00:00Z');
    const again = await w.as('a.director');
    await again.goto(`/cases/${T1.caseId}`);
    await again.getByTestId('case-files').getByRole('link', { name: 'กคศ16.pdf' }).waitFor();
    await certify('a.director', T1);
    at('2025-02-06T08:00:00Z');
    await closePhase('สิ้นสุดการตรวจสอบของสถานศึกษา', 'schoolReview');
    for (const t of [T1, T2, T3]) expect(await stateOf(t.caseId)).toBe('scoring');
  });

  it('has the HR officer score one request by the form and two by the score sheet, and the group director verify them', async () => {
    at('2025-02-10T02:00:00Z');
    const hr = await w.as('a.hr');
    await hr.goto(`/cases/${T1.caseId}`);
    const form = await openAction(hr, 'บันทึกคะแนนตามองค์ประกอบ');
    const table = form.getByRole('table', { name: 'คะแนนตามองค์ประกอบ' });
    await table.getByLabel('เหตุผลในการขอย้าย', { exact: true }).selectOption({ label: 'กลับภูมิลำเนา: อำเภอเดียวกับสถานศึกษาที่ขอย้าย (20 คะแนน)' });
    await table.getByLabel('ภาระงานของข้าราชการครู', { exact: true }).selectOption({ label: 'ภาระงานมาก (10 คะแนน)' });
    await table.getByLabel('การพัฒนาตนเองและพัฒนาวิชาชีพ', { exact: true }).selectOption({ label: 'ดี (7 คะแนน)' });
    await form.getByRole('button', { name: 'บันทึกคะแนนตามองค์ประกอบ' }).click();
    await saved(hr, 'บันทึกคะแนนตามองค์ประกอบ');

    const book = await downloadSheet(hr);
    const sheet = book.worksheets[0]!;
    const fill = (t: Teacher, values: string[]) => values.forEach((v, i) => (rowOf(sheet, t.citizenId).getCell(6 + i).value = v));
    fill(T2, ['กลับภูมิลำเนา: จังหวัดเดียวกับสถานศึกษาที่ขอย้าย (15 คะแนน)', 'ภาระงานปานกลาง (7 คะแนน)', 'พื้นฐาน (4 คะแนน)']);
    fill(T3, ['กลับภูมิลำเนา: จังหวัดเดียวกับสถานศึกษาที่ขอย้าย (15 คะแนน)', 'ภาระงานน้อย (4 คะแนน)', 'พื้นฐาน (4 คะแนน)']);
    const report = await uploadSheet(hr, book);
    await report.getByText('รับ 2 แถว (บันทึกคะแนน 2 ยืนยันคะแนน 0)').waitFor();
    await report.getByRole('row', { name: new RegExp(`${T2.name} รับแล้ว บันทึกคะแนน`) }).waitFor();

    at('2025-02-12T02:00:00Z');
    const group = await w.as('a.group');
    const verify = await downloadSheet(group);
    for (const t of [T1, T2, T3]) rowOf(verify.worksheets[0]!, t.citizenId).getCell(9).value = 'ใช่';
    const verified = await uploadSheet(group, verify);
    await verified.getByText('รับ 3 แถว (บันทึกคะแนน 0 ยืนยันคะแนน 3)').waitFor();
    for (const t of [T1, T2, T3]) expect(await stateOf(t.caseId)).toBe('awaitingMatch');
  });

  it('has the HR officer run the matching (one placed, one swap pair) and publish it to the committees', async () => {
    at('2025-02-21T02:00:00Z');
    await closePhase('สิ้นสุดการให้คะแนน', 'scoring');
    at('2025-03-03T02:00:00Z');
    const hr = await w.as('a.hr');
    const matching = await roundPage(hr, 'round-matching');
    await matching.getByRole('button', { name: 'ประมวลผลจัดลำดับและจับคู่' }).click();
    await matching.getByText(/ประมวลผลครั้งที่ 1 แล้ว: คำขอ 3 · ได้ย้าย 1 · สับเปลี่ยน 2 · ไม่ได้ย้าย 0/).waitFor();
    await matching
      .getByTestId('matching-explanations')
      .getByText(new RegExp(`${T2.name}: .*${T3.name}`))
      .first()
      .waitFor();
    await matching.getByRole('button', { name: 'เสนอผลการจับคู่ต่อคณะกรรมการ' }).click();
    await matching.getByText('เสนอผลการประมวลผลครั้งที่ 1 ต่อคณะกรรมการแล้ว').first().waitFor();
    for (const t of [T1, T2, T3]) expect(await stateOf(t.caseId)).toBe('screening');
    const text = await hr.locator('main').innerText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\d{4}-\d{2}-\d{2}|transfer-re|awaitingMatch|home_district|\bV1\b/);
  });

  it('has the screening committee pass the list in one resolution, with one exception', async () => {
    // the committees and their seats: set up by the office beforehand, not in this round
    const seat = async (kind: string, nameTh: string, nameEn: string, seats: Record<string, string>) => {
      const id = (await w.api('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, { kind, nameTh, nameEn })).committeeId as string;
      for (const [who, s] of Object.entries(seats))
        await w.api('a.hr', 'POST', `/api/committees/${id}/members`, {
          personId: w.a.users[who as 'group'].personId,
          seat: s,
          termFrom: '2025-01-01',
          termUntil: '2026-09-30',
        });
      return id;
    };
    committees.screening = await seat('transfer_screening', 'คณะกรรมการกลั่นกรองการย้าย', 'Transfer screening committee', {
      area: 'chair',
      group: 'secretary',
      auditor: 'member',
    });
    committees.area = await seat('area_approval', 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา', 'Area sub-committee', {
      area: 'chair',
      group: 'secretary',
      director2: 'member',
    });
    await committeeDecidesList(
      committees.screening,
      'คณะกรรมการกลั่นกรองการย้าย',
      { iso: '2025-03-10T03:00:00Z', typed: '10/3/2568 10.00' },
      { teacher: T1, resolution: 'เห็นชอบ', note: 'เห็นชอบ โดยให้ตรวจสำเนา ก.ค.ศ.16 ที่ส่งเพิ่มก่อนออกคำสั่ง' },
      'เห็นชอบผลการจัดลำดับตามบัญชีแนบท้าย',
    );
    for (const t of [T1, T2, T3]) expect(await stateOf(t.caseId)).toBe('areaApproval');
    await closePhase('สิ้นสุดการกลั่นกรอง', 'screening');
  });

  it('has the area sub-committee pass the list in one resolution, rejecting one as its exception', async () => {
    await committeeDecidesList(
      committees.area,
      'อ.ก.ค.ศ. เขตพื้นที่การศึกษา',
      { iso: '2025-03-25T03:00:00Z', typed: '25/3/2568 10.00' },
      { teacher: T1, resolution: 'ไม่เห็นชอบ', note: 'ไม่อนุมัติ เนื่องจากสถานศึกษาปัจจุบันขาดครูคณิตศาสตร์' },
      'อนุมัติการย้ายตามบัญชีแนบท้าย',
    );
    expect([await stateOf(T1.caseId), await stateOf(T2.caseId), await stateOf(T3.caseId)]).toEqual([
      'notMoved',
      'orderSigning',
      'orderSigning',
    ]);
    await closePhase('สิ้นสุดการพิจารณาของ อ.ก.ค.ศ.', 'approval');
  });

  it('has the orders numbered from the register, signed by the directors with the signed scans attached', async () => {
    at('2025-04-01T03:00:00Z');
    for (const [t, signer] of [
      [T2, 'a.director'],
      [T3, 'a.director2'],
    ] as const) {
      const hr = await w.as('a.hr');
      await hr.goto(`/cases/${t.caseId}`);
      const docs = hr.getByTestId('official-documents');
      await docs.getByTestId('doc-transfer-order').waitFor();
      await hr.getByRole('button', { name: 'ออกเลขที่คำสั่ง (ทะเบียนคำสั่ง)' }).click();
      const issued = (await hr
        .getByText(/^เลขที่ /)
        .first()
        .textContent())!
        .replace('เลขที่ ', '')
        .trim();
      const arabic = issued.replace(/[๐-๙]/g, (d) => String('๐๑๒๓๔๕๖๗๘๙'.indexOf(d)));
      expect(arabic).toMatch(/^\d+\/2568$/);
      const pdf = await hr.request.get((await docs.getByTestId('doc-transfer-order').getAttribute('href'))!);
      expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);

      const director = await w.as(signer);
      await director.goto(`/cases/${t.caseId}`);
      const form = await openAction(director, 'ลงนามคำสั่งย้าย');
      // the number the register gave is already in the form: nothing retyped
      expect(await form.getByLabel('เลขที่คำสั่ง').inputValue()).toBe(arabic);
      expect(await form.getByLabel('เวลา', { exact: true }).inputValue()).toBe('16:30');
      await form.getByLabel('วันที่ลงนาม').fill('2025-04-01');
      await form.getByLabel('วันที่มีผล').fill('2025-04-16');
      await form.getByLabel('วันที่', { exact: true }).fill('2025-04-21');
      await form.getByRole('button', { name: 'ลงนามคำสั่งย้าย' }).click();
      await saved(director, 'ลงนามคำสั่งย้าย');
      await director
        .getByLabel(/แนบสำเนาคำสั่งที่ลงนามแล้ว/)
        .setInputFiles({ name: `คำสั่งย้าย ${arabic.replace('/', '-')}.pdf`, mimeType: 'application/pdf', buffer: PDF(`signed ${arabic}`) });
      await director
        .getByTestId('case-files')
        .getByRole('link', { name: `คำสั่งย้าย ${arabic.replace('/', '-')}.pdf` })
        .waitFor();
      expect(await stateOf(t.caseId)).toBe('reportingForDuty');
    }
  });

  it('has the HR officer record a teacher reporting for duty at the new school', async () => {
    at('2025-04-18T03:00:00Z');
    const hr = await w.as('a.hr');
    await hr.goto(`/cases/${T2.caseId}`);
    const form = await openAction(hr, 'บันทึกการรายงานตัว');
    await form.getByLabel('วันที่รายงานตัว').fill('2025-04-18');
    await form.getByRole('button', { name: 'บันทึกการรายงานตัว' }).click();
    await expectStep(hr, 'ย้ายแล้ว');
    const teacher = await w.as(T2.who);
    await teacher.goto(`/cases/${T2.caseId}`);
    await expectStep(teacher, 'ย้ายแล้ว');
  });

  it('has the rejected teacher acknowledge the result and file a grievance with a file', async () => {
    at('2025-04-21T03:00:00Z');
    const teacher = await w.as(T1.who);
    await teacher.goto(`/cases/${T1.caseId}`);
    await expectStep(teacher, 'ไม่ได้รับการพิจารณาย้าย: แจ้งผลให้ครูทราบ');
    // the committee's reason reaches the teacher on the timeline
    await teacher.getByTestId('timeline').getByText('ไม่อนุมัติ เนื่องจากสถานศึกษาปัจจุบันขาดครูคณิตศาสตร์', { exact: false }).first().waitFor();
    const notified = await openAction(teacher, 'บันทึกวันที่ครูได้รับแจ้งผล');
    await notified.getByLabel('วิธีที่แจ้ง').selectOption({ label: 'รับทราบในระบบ' });
    await notified.getByRole('button', { name: 'บันทึกวันที่ครูได้รับแจ้งผล' }).click();
    await saved(teacher, 'บันทึกวันที่ครูได้รับแจ้งผล');
    const grievance = await openAction(teacher, 'ยื่นร้องทุกข์');
    await grievance.getByLabel('เหตุผลการร้องทุกข์').fill('คะแนนของข้าพเจ้าสูงสุดสำหรับโรงเรียน 2 และสถานศึกษาปัจจุบันมีครูคณิตศาสตร์ครบตามเกณฑ์');
    await grievance.getByLabel(/แนบไฟล์/).setInputFiles({ name: 'อัตรากำลังครู.pdf', mimeType: 'application/pdf', buffer: PDF('staffing') });
    await grievance.getByRole('link', { name: 'อัตรากำลังครู.pdf' }).waitFor();
    await grievance.getByRole('button', { name: 'ยื่นร้องทุกข์' }).click();
    await saved(teacher, 'ยื่นร้องทุกข์');
    expect(await stateOf(T1.caseId)).toBe('grievance');
    const text = await teacher.locator('main').innerText();
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\d{4}-\d{2}-\d{2}|notMoved|grievanceWindow|home_district/);
    expect(w.pageErrors).toEqual([]);
  });
});
