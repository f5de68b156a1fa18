/**
 * One salary raise round of a 60-person office with four schools, run end to
 * end in the browser by the people who run it (issue 22; docs/workflows/
 * salary-round.md "Running a round"). Set up through the database and the API
 * only what nobody does in a round: the office's people, users and
 * committees. Then, each step through the web app:
 *
 * 1. the HR officer opens the round from the rounds page, announces its
 *    criteria and opens the appraisals from the roster sheet (60 rows);
 * 2. the first school's director scores the school in bulk; the three other
 *    directors score theirs; the area director scores the four school
 *    directors; the group director scores the office staff; HR closes;
 * 3. the screening committee passes the list in one resolution on its meeting
 *    page; HR tells each person their result;
 * 4. a member of the budget committee sets the band ranges and decides one
 *    teacher's % with its reason, the meters of the pools shown, saved; HR
 *    proposes; the budget committee and the area sub-committee approve on
 *    their meeting pages;
 * 5. HR publishes (the ประกาศ linked) and issues the orders with their
 *    numbers; the teacher rated ต้องปรับปรุง has a notice saying why (ม.73);
 * 6. that teacher files a grievance from their own case page.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { salary } from '@esa-flow/workflows';
import { actorOf } from '../../engine/test/support/index';
import { pdfText } from '../../documents/test/support/pdf-checks';
import { hashPassword } from '../../server/src/index';
import { citizenIdCheckDigit } from '../../server/src/import/thai-citizen-id';
import { PASSWORD } from '../../server/test/support/server-world';
import { signInThroughPage } from './support/browser';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let roundId = '';
const schoolIds: string[] = [];
const schoolCodes: string[] = [];
/** usernames of the people added beside the fixture's */
const users = { director3: '', director4: '', budget: '' };
const COMMITTEES = {
  salary_screening: 'คณะกรรมการกลั่นกรองผลการประเมิน',
  salary_budget: 'คณะกรรมการบริหารวงเงิน',
  area_approval: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา',
} as const;
const rows: string[] = [];
let citizenSeq = 0;
const citizenId = () => {
  const twelve = `11037${String(100_000 + citizenSeq++).padStart(7, '0')}`;
  return `${twelve}${citizenIdCheckDigit(twelve)}`;
};
/** a Thai-era date-time for the meeting form: d/m/yyyy(พ.ศ.) h.mm in Bangkok */
const thaiNow = () => {
  const t = new Date(w.clock.now().getTime() + 7 * 3_600_000);
  return `${t.getUTCDate()}/${t.getUTCMonth() + 1}/${t.getUTCFullYear() + 543} ${t.getUTCHours()}.${String(t.getUTCMinutes()).padStart(2, '0')}`;
};

async function addPerson(first: string, last: string, schoolId: string | null): Promise<{ personId: string; citizen: string }> {
  const citizen = citizenId();
  const p = await w.tdb.db
    .insertInto('people')
    .values({ first_name_th: first, last_name_th: last, office_id: w.a.officeId, school_id: schoolId, citizen_id: citizen })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { personId: p.id, citizen };
}

async function addUser(
  username: string,
  personId: string,
  role: 'school_director' | 'committee_member',
  schoolId: string | null,
): Promise<string> {
  const user = await w.tdb.db
    .insertInto('users')
    .values({ username, person_id: personId, email: `${username}@example.test`, password_hash: await hashPassword(PASSWORD) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.tdb.db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role, office_id: w.a.officeId, school_id: schoolId, valid_from: '2020-01-01T00:00:00Z' })
    .execute();
  return username;
}

/** a fixture user's person gets a citizen id, so the roster row names them */
async function citizenOf(personId: string): Promise<string> {
  const citizen = citizenId();
  await w.tdb.db.updateTable('people').set({ citizen_id: citizen }).where('id', '=', personId).execute();
  return citizen;
}

async function asUser(username: string): Promise<Page> {
  const context = await w.browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    baseURL: w.baseUrl,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => w.pageErrors.push(`${username}: ${error.message}`));
  await page.goto('/');
  await signInThroughPage(page, username, PASSWORD);
  return page;
}

/** nothing a person reads shows a code name, an id or an ISO date */
async function expectReadable(page: Page) {
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(
    /\b(salary_screening|salary_budget|area_approval|notRaisedNotified|raiseNotified|appraising|notifyingAppraisal|budgetReview|grievanceWindow)\b/,
  );
}

/** a committee's meeting held on its pages: scheduled now, everyone present, the one item approved, closed */
async function holdMeeting(page: Page, committee: string, title: string) {
  await page.goto('/committees');
  await page.getByRole('link', { name: committee, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: committee }).waitFor();
  const form = page.getByRole('form', { name: 'นัดประชุม' });
  await form.getByText('ระเบียบวาระจะจัดจากเรื่องที่รอพิจารณา 1 เรื่อง', { exact: false }).waitFor();
  await form.getByLabel('ชื่อการประชุม').fill(title);
  await form.getByLabel('วันและเวลา').fill(thaiNow());
  await form.getByLabel('สถานที่').fill('ห้องประชุม สพป. ชั้น 2');
  await form.getByRole('button', { name: 'นัดประชุม', exact: true }).click();
  await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const open = page.getByRole('form', { name: 'เปิดประชุม' });
  await open.getByRole('button', { name: 'เลือกทุกคน' }).click();
  await open.getByRole('button', { name: 'เปิดประชุม', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'เปิดประชุมแล้ว — ครบองค์ประชุม' }).waitFor();
  const item = page.getByTestId('agenda-item');
  expect(await item.count()).toBe(1); // the round's list, decided in one resolution
  expect(await item.textContent()).toContain('เลื่อนเงินเดือน ครั้งที่ 1');
  await item.getByRole('radio', { name: 'เห็นชอบ', exact: true }).check();
  await item.getByRole('button', { name: 'บันทึกมติ', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'บันทึกมติแล้ว: เห็นชอบ' }).waitFor();
  await page.getByRole('button', { name: 'ปิดประชุมและนำมติไปใช้' }).click();
  await page.getByRole('button', { name: 'ยืนยันปิดประชุม' }).click();
  await page.getByRole('status').filter({ hasText: 'ปิดประชุมแล้ว — นำมติไปใช้ 1 เรื่อง' }).waitFor();
  await expectReadable(page);
}

/** an appraiser scores everyone on the round's bulk page; `score(i, name)` per row */
async function appraiseAll(page: Page, expected: number, score: (i: number, name: string) => string) {
  await page.goto('/');
  await page
    .getByTestId('appraisal-rounds')
    .getByRole('link', { name: `ให้คะแนนผู้ที่ท่านประเมิน (${expected} คน)` })
    .click();
  await page.getByRole('heading', { name: 'ให้คะแนนผลการประเมินผู้ใต้บังคับบัญชา' }).waitFor();
  const boxes = page.getByRole('textbox', { name: /^คะแนนของ / });
  await boxes.first().waitFor();
  expect(await boxes.count()).toBe(expected);
  for (let i = 0; i < expected; i++) {
    const name = ((await boxes.nth(i).getAttribute('aria-label')) ?? '').replace(/^คะแนนของ /, '');
    await boxes.nth(i).fill(score(i, name));
  }
  await page.getByRole('button', { name: `บันทึกทั้งหมด (${expected} คน)` }).click();
  await page.getByTestId('appraise-progress').getByText(`บันทึกแล้ว ${expected} จาก ${expected} คน`).waitFor({ timeout: 60_000 });
  await expectReadable(page);
}

beforeAll(async () => {
  w = await startWebWorld(salary.salaryWorkflows);
  w.clock.set('2024-10-01T02:00:00Z'); // Tuesday 1 October 2567, 09.00
  // the office's four schools: the fixture's two and two more, each with its director
  const fixtureSchools = await w.tdb.db
    .selectFrom('schools')
    .select(['id', 'code'])
    .where('office_id', '=', w.a.officeId)
    .orderBy('code')
    .execute();
  for (const s of fixtureSchools) {
    schoolIds.push(s.id);
    schoolCodes.push(s.code);
  }
  for (const n of [3, 4]) {
    const s = await w.tdb.db
      .insertInto('schools')
      .values({ office_id: w.a.officeId, code: `${schoolCodes[0]}-${n}`, name_th: `โรงเรียน ${n}`, name_en: `School ${n}` })
      .returning(['id', 'code'])
      .executeTakeFirstOrThrow();
    schoolIds.push(s.id);
    schoolCodes.push(s.code);
  }
  const directorPeople = [w.a.users.director.personId, w.a.users.director2.personId];
  for (const n of [3, 4] as const) {
    const { personId } = await addPerson(`ผู้อำนวยการ${n}`, 'ทดสอบ', schoolIds[n - 1]!);
    users[`director${n}`] = await addUser(`director${n}-${w.a.officeId.slice(0, 8)}`, personId, 'school_director', schoolIds[n - 1]!);
    directorPeople.push(personId);
  }
  // the committees, seated (the budget committee's secretary is a member who signs in)
  const budgetPerson = await addPerson('กรรมการวงเงิน', 'ทดสอบ', null);
  users.budget = await addUser(`budget-${w.a.officeId.slice(0, 8)}`, budgetPerson.personId, 'committee_member', null);
  for (const [kind, nameTh] of Object.entries(COMMITTEES)) {
    const { committeeId } = await w.api('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, { kind, nameTh, nameEn: kind });
    for (const seat of ['chair', 'secretary', 'member'] as const) {
      const personId =
        kind === 'salary_budget' && seat === 'secretary'
          ? budgetPerson.personId
          : (await addPerson(`กรรมการ ${seat}`, nameTh, null)).personId;
      await w.api('a.hr', 'POST', `/api/committees/${committeeId}/members`, { personId, seat, termFrom: '2024-01-01', termUntil: null });
    }
  }

  // the roster sheet of the 60: per school its director and 12 teachers, and 8 office staff
  rows.push(
    'เลขที่ตำแหน่ง,เลขประจำตัวประชาชน,ชื่อ-นามสกุล,รหัสโรงเรียน,ตำแหน่ง,เงินเดือน (บาท),ฐานในการคำนวณ (บาท),วันเริ่มรับราชการ,ลาป่วย (ครั้ง),ลาป่วย (วัน)',
  );
  let no = 1000;
  for (let s = 0; s < 4; s++) {
    const citizen = await citizenOf(directorPeople[s]!);
    rows.push(`${no++},${citizen},ผู้อำนวยการโรงเรียน${s + 1} ทดสอบ,${schoolCodes[s]},ผู้อำนวยการสถานศึกษา,52000,48000,1 พ.ค. 2543,0,0`);
    for (let t = 1; t <= 12; t++) {
      const fixtureTeacher = s === 0 && t === 1;
      const citizen = fixtureTeacher
        ? await citizenOf(w.a.users.teacher.personId)
        : (await addPerson(`ครู${s + 1}-${t}`, 'ทดสอบ', schoolIds[s]!)).citizen;
      rows.push(
        `${no++},${citizen},${fixtureTeacher ? 'ครูผู้ร้อง ทดสอบ' : `ครู${s + 1}-${t} ทดสอบ`},${schoolCodes[s]},ครู,${24_000 + t * 1_000},25000,16 พ.ค. 2553,0,0`,
      );
    }
  }
  for (let k = 1; k <= 8; k++) {
    const { citizen } = await addPerson(`เจ้าหน้าที่${k}`, 'ทดสอบ', null);
    rows.push(`${no++},${citizen},เจ้าหน้าที่${k} ทดสอบ,,นักทรัพยากรบุคคล,${20_000 + k * 500},22000,1 มิ.ย. 2555,0,0`);
  }
});
afterAll(() => w?.close());

describe('a salary round of a 60-person office, end to end in the browser', () => {
  it('is opened by HR and its appraisals opened from the roster sheet', async () => {
    const hr = await w.as('a.hr');
    await hr.goto('/cycles');
    await hr.getByRole('button', { name: 'เปิดรอบการเลื่อนเงินเดือน' }).click();
    const open = hr.getByRole('form', { name: 'เปิดรอบการเลื่อนเงินเดือน' });
    await open.getByLabel('ปีงบประมาณ (พ.ศ.)').fill('2568');
    await open.getByLabel('ครั้งที่').selectOption('1');
    await open.getByRole('button', { name: 'เปิดรอบ', exact: true }).click();
    await hr.waitForURL(/\/cycles\/[0-9a-f-]{36}$/);
    roundId = hr.url().split('/').pop()!;
    await hr.getByRole('heading', { level: 1, name: /เลื่อนเงินเดือน ครั้งที่ 1 \(1 เมษายน 2568\) ปีงบประมาณ พ\.ศ\. 2568/ }).waitFor();

    const panel = hr.getByTestId('salary-round-actions');
    await panel.getByLabel('ประกาศ (เลขที่และเรื่อง)').fill('ประกาศ สพป. เรื่อง หลักเกณฑ์และวิธีการประเมินผลการปฏิบัติงาน');
    await panel.getByLabel('ลงวันที่').fill('1/10/2567');
    await panel.getByRole('button', { name: 'ประกาศหลักเกณฑ์การประเมิน' }).click();
    await panel.getByText('ประกาศหลักเกณฑ์แล้ว', { exact: false }).waitFor();
    await expectReadable(hr);

    // the half-year is over: the appraisals open from the sheet of the 60
    w.clock.set('2025-04-01T02:00:00Z');
    const hr2 = await w.as('a.hr');
    await hr2.goto(`/cycles/${roundId}`);
    const panel2 = hr2.getByTestId('salary-round-actions');
    await hr2
      .getByTestId('roster-file')
      .setInputFiles({ name: 'บัญชีรายชื่อ.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\r\n')) });
    await panel2.getByRole('button', { name: 'ตรวจไฟล์' }).click();
    await hr2.getByTestId('roster-report').getByText('ตรวจแล้ว: จะเปิดการประเมิน 60 ราย ไม่ได้รับการพิจารณา 0 ราย').waitFor();
    await panel2.getByRole('button', { name: 'เปิดการประเมินจากไฟล์นี้' }).click();
    await hr2
      .getByTestId('roster-report')
      .getByText('เปิดการประเมินแล้ว 60 ราย ไม่ได้รับการพิจารณา 0 ราย', { exact: false })
      .waitFor({ timeout: 60_000 });
    await panel2.getByRole('button', { name: 'ปิดรับผลการประเมิน' }).waitFor();
    await expectReadable(hr2);
  });

  it('is appraised by each person’s superior: one director in bulk, then the others, the area director, the group director', async () => {
    // the first school's director: the 12 teachers, not themself (the area director appraises the directors)
    const director = await w.as('a.director');
    await appraiseAll(director, 12, (_i, name) => (name === 'ครูผู้ร้อง ทดสอบ' ? '55' : String(70 + (name.length % 25))));
    expect(await director.getByTestId('appraise-table').textContent()).not.toContain('ผู้อำนวยการโรงเรียน1');
    expect(await director.getByText('ส่งผลการประเมินแล้ว').count()).toBe(12);
    for (const page of [await w.as('a.director2'), await asUser(users.director3), await asUser(users.director4)])
      await appraiseAll(page, 12, (i) => String(65 + i * 2.5));
    await appraiseAll(await w.as('a.area'), 4, (i) => String(85 + i * 3));
    await appraiseAll(await w.as('a.group'), 8, (i) => String(72 + i * 3));

    const hr = await w.as('a.hr');
    await hr.goto(`/cycles/${roundId}`);
    const panel = hr.getByTestId('salary-round-actions');
    await panel.getByRole('button', { name: 'ปิดรับผลการประเมิน' }).click();
    await panel.getByText('ปิดรับผลการประเมินแล้ว ได้รับผล 60 จาก 60 ราย').waitFor();
    await panel.getByText('รอมติคณะกรรมการกลั่นกรองผลการประเมิน').waitFor();
    // nobody appraised themself: each case's appraiser is its line of command
    const children = await salary.roundChildren(w.engine, await actorHr(), roundId);
    const byWhom = new Map<string, number>();
    for (const c of children) byWhom.set(String(c.context.appraisedBy), (byWhom.get(String(c.context.appraisedBy)) ?? 0) + 1);
    expect(byWhom.get(w.a.users.director.userId)).toBe(12);
    expect(byWhom.get(w.a.users.area.userId)).toBe(4);
    expect(byWhom.get(w.a.users.group.userId)).toBe(8);
    expect(children.find((c) => c.subjectPersonId === w.a.users.director.personId)?.context.appraisedBy).toBe(w.a.users.area.userId);
  });

  it('is screened by the committee in one resolution on its meeting page, and HR tells the results', async () => {
    const hr = await w.as('a.hr');
    await holdMeeting(hr, COMMITTEES.salary_screening, 'การประชุมกลั่นกรองผลการประเมิน ครั้งที่ 1/2568');
    await hr.goto(`/cycles/${roundId}`);
    const panel = hr.getByTestId('salary-round-actions');
    await panel.getByRole('button', { name: 'แจ้งผลการประเมินรายบุคคล' }).click();
    await panel.getByText('แจ้งผลการประเมินแล้ว 60 ราย').waitFor();
  });

  it('is allocated by the budget committee by pools, with one decision and its reason, then proposed and approved twice', async () => {
    const member = await asUser(users.budget);
    await member.goto(`/cycles/${roundId}`);
    const section = member.getByTestId('salary-allocation');
    await section.getByRole('heading', { name: /การจัดสรรวงเงินตามกลุ่มและช่วงร้อยละ/ }).waitFor();
    const pools = section.getByTestId('allocation-pool');
    const names = await pools.evaluateAll((els) => els.map((e) => e.querySelector('summary')?.textContent ?? ''));
    expect(names.some((n) => n.includes('ข้าราชการครู'))).toBe(true);
    expect(names.some((n) => n.includes('ผู้บริหารสถานศึกษา'))).toBe(true);
    for (const [band, min, max] of [
      ['ดีเด่น', '3', '6'],
      ['ดีมาก', '2', '4'],
      ['ดี', '1', '3'],
      ['พอใช้', '0.5', '2'],
    ] as const) {
      await section.getByLabel(`ร้อยละต่ำสุดของระดับ${band}`, { exact: true }).fill(min);
      await section.getByLabel(`ร้อยละสูงสุดของระดับ${band}`, { exact: true }).fill(max);
    }
    await section.getByRole('button', { name: 'บันทึกช่วงร้อยละ' }).click();
    await section.getByText('บันทึกช่วงร้อยละแล้ว ข้อเสนอของทุกคนคำนวณใหม่ตามช่วง').waitFor();
    // one teacher decided by the committee, with the reason; the meters stay within their pools
    await section.getByLabel('ร้อยละที่คณะกรรมการกำหนดให้ ครู2-12 ทดสอบ').fill('3.5');
    await section.getByLabel('เหตุผลของ ครู2-12 ทดสอบ').fill('ผลงานเด่นด้านการสอนซ่อมเสริม');
    for (let i = 0; i < (await pools.count()); i++) {
      const meter = pools.nth(i).getByRole('progressbar');
      expect(Number(await meter.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(Number(await meter.getAttribute('aria-valuemax')));
    }
    expect(await section.getByTestId('pool-over').count()).toBe(0);
    await section.getByRole('button', { name: 'บันทึกร้อยละรายบุคคล' }).click();
    await section.getByText('บันทึกร้อยละที่คณะกรรมการกำหนดแล้ว').waitFor();
    const policy = (await salary.loadRound(w.engine, await actorHr(), roundId)).context as unknown as salary.SalaryRoundContextV3;
    expect(policy.overrides).toMatchObject([{ pctBp: 350, reason: 'ผลงานเด่นด้านการสอนซ่อมเสริม' }]);
    await expectReadable(member);

    const hr = await w.as('a.hr');
    await hr.goto(`/cycles/${roundId}`);
    const panel = hr.getByTestId('salary-round-actions');
    await panel.getByRole('button', { name: 'คำนวณและเสนอการจัดสรรวงเงิน' }).click();
    await panel.getByText(/เสนอการจัดสรรแล้ว เลื่อน \d+ จาก 60 ราย/).waitFor();
    // the budget committee's secretary holds its meeting; HR convenes the area sub-committee
    await holdMeeting(member, COMMITTEES.salary_budget, 'การประชุมคณะกรรมการบริหารวงเงิน ครั้งที่ 1/2568');
    await holdMeeting(hr, COMMITTEES.area_approval, 'การประชุม อ.ก.ค.ศ. เขตพื้นที่การศึกษา ครั้งที่ 4/2568');
  });

  it('is published with its ประกาศ and orders numbered; the teacher not raised is told why (ม.73)', async () => {
    const hr = await w.as('a.hr');
    await hr.goto(`/cycles/${roundId}`);
    const panel = hr.getByTestId('salary-round-actions');
    await panel.getByRole('button', { name: 'ประกาศรายชื่อและแจ้งผลรายบุคคล' }).click();
    await panel.getByText(/ประกาศ ที่ 1\/\d{4} แล้ว แจ้งผลรายบุคคล 60 ราย/).waitFor();
    await panel.getByRole('button', { name: 'ออกคำสั่งเลื่อนเงินเดือน' }).click();
    await panel.getByText(/ออกคำสั่งเลื่อนเงินเดือนแล้ว \d ฉบับ \(เลขที่ 1\/\d{4}/).waitFor();
    await hr.reload();
    const announcement = hr.getByTestId('doc-announcement');
    await announcement.waitFor();
    const ann = await hr.request.get((await announcement.getAttribute('href'))!);
    expect([ann.status(), ann.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect(pdfText(await ann.body())).toContain('ประกาศ');
    for (let i = 1; i <= 5; i++)
      expect(await hr.getByTestId(`doc-salary-order-${i}`).textContent()).toMatch(new RegExp(`คำสั่ง ที่ ${i}/\\d{4} พร้อมบัญชีแนบท้าย`));
    await expectReadable(hr);

    const notice = await hr.request.get((await hr.getByTestId('doc-salary-notices-not-raised').getAttribute('href'))!);
    expect(notice.status()).toBe(200);
    const text = pdfText(await notice.body()).replace(/\s+/g, ' ');
    expect(text).toContain('ครูผู้ร้อง');
    expect(text).toContain('แจ้งเหตุผลที่ไม่ได้เลื่อนเงินเดือนตามมาตรา ๗๓');
    expect(text).toContain('ร้องทุกข์ต่อ อ.ก.ค.ศ. เขตพื้นที่การ');
    expect(text).toContain('ต้องปรับปรุง');
  });

  it('takes a grievance from the teacher on their own case page', async () => {
    const teacher = await w.as('a.teacher');
    const mine = (await salary.roundChildren(w.engine, await actorHr(), roundId)).find(
      (c) => c.subjectPersonId === w.a.users.teacher.personId,
    )!;
    await teacher.goto(`/cases/${mine.caseId}`);
    const notice = teacher.getByTestId('doc-salary-notice');
    await notice.waitFor();
    const pdf = await teacher.request.get((await notice.getAttribute('href'))!);
    expect(pdfText(await pdf.body()).replace(/\s+/g, ' ')).toContain('ต้องปรับปรุง');
    await teacher.getByRole('button', { name: 'ยื่นเรื่องร้องทุกข์' }).click();
    const grounds = teacher.getByRole('textbox', { name: 'เหตุผลการร้องทุกข์' });
    await grounds.fill('ผลการประเมินไม่ตรงกับผลงานที่ส่ง ขอให้พิจารณาใหม่');
    await teacher.locator('form').filter({ has: grounds }).getByRole('button', { name: 'ยื่นเรื่องร้องทุกข์' }).click();
    await teacher.getByTestId('timeline').getByText('ยื่นเรื่องร้องทุกข์').first().waitFor();
    await teacher.getByText('อ.ก.ค.ศ. เขตพื้นที่การศึกษาพิจารณาเรื่องร้องทุกข์').first().waitFor();
    expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', mine.caseId).executeTakeFirstOrThrow()).state).toContain(
      'grievance',
    );
    await expectReadable(teacher);
    expect(w.pageErrors).toEqual([]);
  });
});

async function actorHr() {
  return actorOf(w.tdb.db, w.a.users.hr);
}
