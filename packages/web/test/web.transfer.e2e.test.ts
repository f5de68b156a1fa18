/**
 * A transfer request from filing to the signed order, in the browser, across
 * four people (issue 10): the teacher files it through the generated form
 * (Thai validation messages first), the school director certifies it and
 * records the board's opinion, the HR officer enters the scores, the group
 * director verifies them, and — after the round's matching and the two
 * committees, which run through the API here (the committee pages have
 * their own test) — the school director signs the order, and the teacher
 * follows the request to its end on the timeline. The clock moves through
 * the round's dates; each person signs in again after it moves.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568 } from '../../workflows/test/transfer.fixtures';
import { startWebWorld, type WebWorld } from './support/web-world';

/** the teacher's evidence: a PDF by its first bytes */
const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n% house registration\n%%EOF\n');
let w: WebWorld;
let roundId = '';
let requestId = '';

beforeAll(async () => {
  w = await startWebWorld(transferWorkflows);
});
afterAll(() => w?.close());

const api = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) => w.api(who, method, url, body);

/** Moves the clock; sessions from before are dropped (they would have expired). */
function at(iso: string) {
  w.clock.set(iso);
}

/** Opens the action's form on a case page and returns the form. */
async function openAction(page: Page, label: string) {
  await page
    .getByRole('group', { name: /การดำเนินการ|Actions/ })
    .getByRole('button', { name: label, exact: true })
    .click();
  return page.getByRole('form', { name: label });
}

/** Waits for the case page to show the step (the badge holds exactly its label). */
async function expectStep(page: Page, label: string) {
  await page.getByTestId('case-state').filter({ hasText: label }).waitFor();
  expect(await page.getByTestId('case-state').textContent()).toBe(label);
}

describe('a transfer request from filing to the signed order, in the browser', () => {
  it('has the HR officer open the round with a vacancy (API) and the requests open', async () => {
    at('2025-01-06T02:00:00Z');
    roundId = (
      await api('a.hr', 'POST', '/api/cases', {
        workflowId: 'transfer-round',
        officeId: w.a.officeId,
        title: 'การย้ายข้าราชการครู ครั้งที่ 1/2568',
        input: ROUND_1_2568,
      })
    ).caseId;
    at('2025-01-10T03:00:00Z');
    const vacancy = { id: 'V01', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียนบ้านเขา', subject: 'คณิตศาสตร์', count: 1 };
    await api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: 'POST_VACANCIES', payload: { vacancies: [vacancy] } });
    at('2025-01-16T02:00:00Z');
    await api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: 'OPEN_REQUESTS', payload: {} });
  });

  it('has the teacher file the request through the form, refused first with Thai messages', async () => {
    at('2025-01-20T03:00:00Z');
    const page = await w.as('a.teacher');
    await page.getByRole('link', { name: 'ยื่นคำขอ', exact: true }).click();
    await page.getByRole('button', { name: 'ยื่นคำขอย้ายในรอบนี้' }).click();
    const form = page.getByRole('form', { name: 'แบบคำขอย้าย' });
    // nothing filled: the form says what is missing, in Thai, next to each field, and sends nothing
    await form.getByRole('button', { name: 'ยื่นคำขอย้าย' }).click();
    await form.getByText('กรุณากรอกวิชาเอก').waitFor();
    await form.getByText('กรุณาเลือกเหตุผลจากรายการ').or(form.getByText('กรุณากรอกเหตุผล')).first().waitFor();
    expect(await w.tdb.db.selectFrom('cases').select('id').where('workflow_id', '=', 'transfer-request').execute()).toHaveLength(0);

    await form.getByRole('button', { name: 'เพิ่ม โรงเรียนที่ขอย้ายไป (เรียงตามลำดับ)' }).click();
    await form.getByLabel('ลำดับที่ 1', { exact: true }).selectOption({ label: 'โรงเรียนบ้านเขา (คณิตศาสตร์, 1 อัตรา)' });
    await form.getByLabel('เหตุผล', { exact: true }).selectOption({ label: 'กลับภูมิลำเนา (อำเภอ)' });
    await form.getByLabel('ตำแหน่ง', { exact: true }).selectOption({ label: 'ครู' });
    await form.getByLabel('วิทยฐานะ', { exact: true }).selectOption({ label: 'ไม่มีวิทยฐานะ' });
    await form.getByLabel('วิชาเอก', { exact: true }).fill('คณิตศาสตร์');
    await form.getByLabel('ปฏิบัติงานที่โรงเรียนปัจจุบันตั้งแต่').fill('2015-06-01');
    await form.getByTestId('be-date').filter({ hasText: '1 มิ.ย. 2558' }).waitFor();
    await form.getByLabel('วันที่บรรจุครั้งแรก').fill('2012-05-16');
    await form.getByLabel('ปี พ.ศ.').fill('2567');
    await form.getByLabel('คะแนน', { exact: true }).fill('85');
    await form.getByLabel('ผ่าน', { exact: true }).check();
    // the type is judged from the content: a .pdf name on anything else is refused, in Thai
    await form.getByLabel(/แนบไฟล์/).setInputFiles({ name: 'ปลอม.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf') });
    await form.getByRole('alert').filter({ hasText: 'ไม่รับไฟล์ประเภทนี้' }).waitFor();
    await form.getByLabel(/แนบไฟล์/).setInputFiles({ name: 'ทะเบียนบ้าน.pdf', mimeType: 'application/pdf', buffer: EVIDENCE_PDF });
    // uploaded: listed with a link to open it
    await form.getByRole('link', { name: 'ทะเบียนบ้าน.pdf' }).waitFor();
    await form.getByRole('button', { name: 'ยื่นคำขอย้าย' }).click();

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    requestId = page.url().split('/').pop()!;
    await expectStep(page, 'ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง');
    const row = await w.tdb.db
      .selectFrom('cases')
      .select(['subject_person_id', 'snapshot'])
      .where('id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(row.subject_person_id).toBe(w.a.users.teacher.personId);
    const evidence = (row.snapshot as { context: { submission: { evidence: { name: string; sha256: string }[] } } }).context.submission
      .evidence;
    expect(evidence).toEqual([
      expect.objectContaining({
        name: 'ทะเบียนบ้าน.pdf',
        sha256: createHash('sha256').update(EVIDENCE_PDF).digest('hex'),
        fileId: expect.any(String),
      }),
    ]);

    // filed once: the page no longer offers the form for this round, it links to the request
    await page.getByRole('link', { name: 'ยื่นคำขอ', exact: true }).click();
    const filed = page.getByTestId('already-filed');
    expect(await filed.textContent()).toContain('ท่านยื่นคำขอย้ายในรอบนี้แล้ว');
    expect(await page.getByRole('button', { name: 'ยื่นคำขอย้ายในรอบนี้' }).count()).toBe(0);
    await filed.getByRole('link', { name: 'ดูคำขอของท่าน' }).click();
    await page.waitForURL(new RegExp(`/cases/${requestId}$`));
    // …and only to the teacher who filed it
    const forOthers = (await api('a.director', 'GET', '/api/transfer-rounds/open')) as { items: { caseId: string; myRequest: unknown }[] };
    expect(forOthers.items.find((i) => i.caseId === roundId)?.myRequest).toBeNull();

    at('2025-01-31T09:30:00Z');
    await api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: 'CLOSE_REQUESTS', payload: {} });
  });

  it('has the school director find it in their work, certify it and record the board’s opinion', async () => {
    at('2025-02-03T02:00:00Z');
    const page = await w.as('a.director');
    await page
      .getByTestId('inbox')
      .getByRole('link', { name: /คำขอย้าย/ })
      .click();
    await expectStep(page, 'ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง');
    // the teacher's evidence, listed on the case page; its link opens the PDF in the browser
    const link = page.getByTestId('case-files').getByRole('link', { name: 'ทะเบียนบ้าน.pdf' });
    expect(await link.getAttribute('target')).toBe('_blank');
    const opened = await page.request.get((await link.getAttribute('href'))!);
    expect({
      status: opened.status(),
      type: opened.headers()['content-type'],
      disposition: opened.headers()['content-disposition'],
      same: (await opened.body()).equals(EVIDENCE_PDF),
    }).toEqual({
      status: 200,
      type: 'application/pdf',
      disposition: `inline; filename="${'_'.repeat('ทะเบียนบ้าน'.length)}.pdf"; filename*=UTF-8''${encodeURIComponent('ทะเบียนบ้าน')}.pdf`,
      same: true,
    });
    let form = await openAction(page, 'รับรองคำขอ');
    await form.getByLabel('หมายเหตุ').fill('ตรวจสอบเอกสารครบถ้วน');
    await form.getByRole('button', { name: 'รับรองคำขอ' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึก "รับรองคำขอ" แล้ว' }).waitFor();

    form = await openAction(page, 'บันทึกความเห็นคณะกรรมการสถานศึกษา');
    await form.getByLabel('ความเห็น').selectOption({ label: 'เห็นควรให้ย้าย' });
    await form.getByRole('button', { name: 'บันทึกความเห็นคณะกรรมการสถานศึกษา' }).click();
    await form.getByText('กรุณากรอกการประชุมที่พิจารณา (ครั้งที่/วันที่)').waitFor();
    await form.getByLabel('การประชุมที่พิจารณา (ครั้งที่/วันที่)').fill('ครั้งที่ 1/2568 วันที่ 3 ก.พ. 2568');
    await form.getByRole('button', { name: 'บันทึกความเห็นคณะกรรมการสถานศึกษา' }).click();
    await page.getByRole('status').filter({ hasText: 'บันทึก "บันทึกความเห็นคณะกรรมการสถานศึกษา" แล้ว' }).waitFor();

    at('2025-02-06T08:00:00Z');
    await api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: 'CLOSE_SCHOOL_REVIEW', payload: {} });
  });

  it('has the HR officer enter the scores and the group director verify them (four eyes)', async () => {
    at('2025-02-10T02:00:00Z');
    const hr = await w.as('a.hr');
    await hr.goto(`/cases/${requestId}`);
    const form = await openAction(hr, 'บันทึกคะแนนตามองค์ประกอบ');
    // the score table: one labelled list per entered component of the round's table, the points beside it, the total below
    const table = form.getByRole('table', { name: 'คะแนนตามองค์ประกอบ' });
    await table.getByLabel('เหตุผลในการขอย้าย', { exact: true }).selectOption({ label: 'กลับภูมิลำเนา: อำเภอเดียวกับสถานศึกษาที่ขอย้าย (20 คะแนน)' });
    await table.getByLabel('ภาระงานของข้าราชการครู', { exact: true }).selectOption({ label: 'ภาระงานมาก (10 คะแนน)' });
    await table.getByLabel('การพัฒนาตนเองและพัฒนาวิชาชีพ', { exact: true }).selectOption({ label: 'ดี (7 คะแนน)' });
    expect(await table.getByTestId('score-total').textContent()).toBe('37');
    await form.getByRole('button', { name: 'บันทึกคะแนนตามองค์ประกอบ' }).click();
    await hr.getByRole('status').filter({ hasText: 'บันทึก "บันทึกคะแนนตามองค์ประกอบ" แล้ว' }).waitFor();
    const scored = await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', requestId).executeTakeFirstOrThrow();
    expect((scored.snapshot as { context: { scores: { entries: unknown } } }).context.scores.entries).toEqual({
      reason: 'home_district',
      workload: 'high',
      development: 'good',
    });
    // four eyes: the one who entered the scores may not verify them; the refusal comes in Thai and nothing moves
    await expectStep(hr, 'คณะทำงานตรวจสอบคะแนนประเมิน (ผู้ตรวจคนละคนกับผู้ให้คะแนน)');
    const ownVerify = await openAction(hr, 'ยืนยันคะแนน');
    await ownVerify.getByRole('button', { name: 'ยืนยันคะแนน' }).click();
    // the refusal names the rule (four eyes), not "not possible at the current step"
    const refusal = ownVerify.getByRole('alert').filter({ hasText: 'คะแนนต้องยืนยันโดยผู้อื่น' });
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('SCORES_NEED_ANOTHER_USER');
    expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', requestId).executeTakeFirstOrThrow()).state).toBe(
      'verification',
    );

    at('2025-02-17T02:00:00Z');
    const group = await w.as('a.group');
    await group.goto(`/cases/${requestId}`);
    const verify = await openAction(group, 'ยืนยันคะแนน');
    await verify.getByRole('button', { name: 'ยืนยันคะแนน' }).click();
    await expectStep(group, 'รอการประมวลผลจัดลำดับและจับคู่ตำแหน่งว่าง');
  });

  it('matches and has both committees resolve (API)', async () => {
    at('2025-02-21T02:00:00Z');
    await api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: 'CLOSE_SCORING', payload: {} });
    at('2025-03-03T02:00:00Z');
    const run = await api('a.hr', 'POST', `/api/transfer-rounds/${roundId}/matching`);
    await api('a.hr', 'POST', `/api/transfer-rounds/${roundId}/matching/publish`, { digest: run.digest });
    const seats = {
      screening: {
        kind: 'transfer_screening',
        nameTh: 'คณะกรรมการกลั่นกรองการย้าย',
        nameEn: 'Transfer screening committee',
        seats: { group: 'secretary', director2: 'member', teacher2: 'member' },
      },
      area: {
        kind: 'area_approval',
        nameTh: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา',
        nameEn: 'Area sub-committee',
        seats: { area: 'chair', group: 'secretary', auditor: 'member' },
      },
    } as const;
    const meetings = [
      ['screening', '2025-03-10T03:00:00Z', 'CLOSE_SCREENING'],
      ['area', '2025-03-25T03:00:00Z', 'CLOSE_APPROVAL'],
    ] as const;
    for (const [key, when, close] of meetings) {
      const { seats: s, ...body } = seats[key];
      const committeeId = (await api('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, body)).committeeId;
      const members: Record<string, string> = {};
      for (const [who, seat] of Object.entries(s)) {
        members[who] = (
          await api('a.hr', 'POST', `/api/committees/${committeeId}/members`, {
            personId: w.a.users[who as 'group'].personId,
            seat,
            termFrom: '2025-01-01',
            termUntil: '2026-09-30',
          })
        ).memberId;
      }
      const meetingId = (
        await api('a.group', 'POST', `/api/committees/${committeeId}/meetings`, {
          title: `ประชุม ${body.nameTh}`,
          scheduledAt: when,
          place: 'ห้องประชุม สพป.',
        })
      ).meetingId;
      at(when);
      await api('a.group', 'POST', `/api/meetings/${meetingId}/open`, { present: Object.values(members) });
      const itemId = (await api('a.group', 'GET', `/api/meetings/${meetingId}`)).agenda[0].id;
      for (const who of Object.keys(members)) await api(`a.${who}`, 'POST', `/api/agenda-items/${itemId}/votes`, { vote: 'approve' });
      await api('a.group', 'POST', `/api/agenda-items/${itemId}/resolution`, {});
      w.clock.set(new Date(Date.parse(when) + 2 * 3600_000).toISOString());
      await api('a.group', 'POST', `/api/meetings/${meetingId}/close`);
      await api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: close, payload: {} });
    }
  });

  it('has the school director sign the order (a wrong order number refused in Thai), and the teacher follow it to the end', async () => {
    at('2025-04-01T03:00:00Z');
    const director = await w.as('a.director');
    await director.goto(`/cases/${requestId}`);
    const form = await openAction(director, 'ลงนามคำสั่งย้าย');
    await form.getByLabel('เลขที่คำสั่ง').fill('15-2568');
    await form.getByLabel('วันที่ลงนาม').fill('2025-04-01');
    await form.getByLabel('วันที่มีผล').fill('2025-04-16');
    await form.getByLabel('วันที่', { exact: true }).fill('2025-04-21');
    await expect(form.getByLabel('เวลา', { exact: true }).inputValue()).resolves.toBe('16:30');
    await form.getByRole('button', { name: 'ลงนามคำสั่งย้าย' }).click();
    await form.getByText('เลขที่คำสั่งมีรูปแบบไม่ถูกต้อง (เช่น 15/2568)').waitFor();
    await form.getByLabel('เลขที่คำสั่ง').fill('15/2568');
    await form.getByRole('button', { name: 'ลงนามคำสั่งย้าย' }).click();
    await director.getByRole('status').filter({ hasText: 'บันทึก "ลงนามคำสั่งย้าย" แล้ว' }).waitFor();

    const teacher = await w.as('a.teacher');
    await teacher.getByRole('link', { name: 'คำขอของฉัน' }).click();
    await teacher
      .getByTestId('cases')
      .getByRole('link', { name: /คำขอย้าย/ })
      .click();
    await expectStep(teacher, 'ครูรายงานตัวที่สถานศึกษาแห่งใหม่');
    const timeline = teacher.getByTestId('timeline');
    // the event labels come with the workflow's description, which may arrive after the history: wait for them
    await timeline.getByText('ลงนามคำสั่งย้าย').first().waitFor();
    const text = await timeline.textContent();
    for (const step of ['ลงนามคำสั่งย้าย', 'ยืนยันคะแนน', 'บันทึกคะแนนตามองค์ประกอบ', 'รับรองคำขอ', 'ยื่นคำขอย้าย']) expect(text).toContain(step);
    // who did it, by name, with the date in the Buddhist era
    expect(text).toContain('director A');
    expect(text).toContain('1 เม.ย. 2568');
    const caption = await teacher.getByTestId('diagram-caption').textContent();
    expect(caption).toContain('ครูรายงานตัวที่สถานศึกษาแห่งใหม่');
    expect(w.pageErrors).toEqual([]);
  });
});
