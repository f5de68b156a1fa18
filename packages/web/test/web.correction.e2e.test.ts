/**
 * The correction loop in the browser (issue 20, "Files"): the school
 * director returns a teacher's transfer request because a document is
 * missing — ticking it into the note — with a fix-by moment; the teacher
 * sees exactly what was asked for and by when (พ.ศ., "15.00 น."), opens the
 * resubmit form already filled with the previous request and its evidence,
 * adds only the missing file and sends it again; the director finds the
 * request back with both files. The task mail (outbox row) carries the note
 * and the moment.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568, submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { waitUntil } from '../../engine/test/support/wait-until';
import { startWebWorld, type WebWorld } from './support/web-world';

/** A small valid one-page PDF (the browser's viewer must be able to open it). */
function onePagePdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 40 100 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

let w: WebWorld;
let roundId = '';
let requestId = '';

beforeAll(async () => {
  w = await startWebWorld(transferWorkflows);
});
afterAll(() => w?.close());

async function openAction(page: Page, label: string) {
  await page
    .getByRole('group', { name: /การดำเนินการ|Actions/ })
    .getByRole('button', { name: label, exact: true })
    .click();
  return page.getByRole('form', { name: label });
}

async function expectStep(page: Page, label: string) {
  await page.getByTestId('case-state').filter({ hasText: label }).waitFor();
  expect(await page.getByTestId('case-state').textContent()).toBe(label);
}

describe('a returned transfer request, corrected without retyping', () => {
  it('has the teacher file a request with the house registration only (API)', async () => {
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
    await w.api('a.hr', 'POST', `/api/cases/${roundId}/events`, {
      type: 'POST_VACANCIES',
      payload: { vacancies: [{ id: 'V01', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียนบ้านเขา', subject: 'คณิตศาสตร์', count: 1 }] },
    });
    w.clock.set('2025-01-16T02:00:00Z');
    await w.api('a.hr', 'POST', `/api/cases/${roundId}/events`, { type: 'OPEN_REQUESTS', payload: {} });
    w.clock.set('2025-01-20T03:00:00Z');
    const up = await w.call('a.teacher', 'POST', '/api/files?kind=evidence', tinyPdf('ทะเบียนบ้าน'), {
      'x-file-name': encodeURIComponent('ทะเบียนบ้าน.pdf'),
    });
    const f = up.json();
    const filed = await w.api('a.teacher', 'POST', `/api/transfer-rounds/${roundId}/requests`, {
      submission: submission({
        preferences: [w.a.schoolIds[1]],
        evidence: [{ name: f.name, size: f.size, sha256: f.sha256, fileId: f.id, kind: 'ทะเบียนบ้าน' }],
      }),
    });
    requestId = filed.caseId;
  });

  it('has the school director return it for the missing ก.ค.ศ.16, fix by 5 Feb 2568 15.00 น.', async () => {
    w.clock.set('2025-02-03T02:00:00Z');
    const page = await w.as('a.director');
    await page.goto(`/cases/${requestId}`);
    await expectStep(page, 'ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง');
    const form = await openAction(page, 'ส่งคืนให้แก้ไข');
    await form.getByTestId('missing-documents').getByLabel('ก.ค.ศ.16 (ทะเบียนประวัติ)').check();
    const note = form.getByLabel('หมายเหตุ');
    expect(await note.inputValue()).toBe('เอกสารที่ต้องแนบเพิ่ม: ก.ค.ศ.16 (ทะเบียนประวัติ)');
    await note.press('End');
    await note.pressSequentially('\nสำเนาที่รับรองโดยผู้บังคับบัญชา');
    await form.getByRole('button', { name: 'ระบุ แก้ไขภายใน' }).click();
    const fixBy = form.getByRole('group', { name: 'แก้ไขภายใน' });
    await fixBy.getByLabel('วันที่').fill('2025-02-05');
    await fixBy.getByLabel('เวลา').fill('15:00');
    await form.getByRole('button', { name: 'ส่งคืนให้แก้ไข' }).click();
    await expectStep(page, 'ครูแก้ไขคำขอที่ถูกส่งคืน');

    const returned = (
      await w.tdb.db
        .selectFrom('case_history')
        .select(['payload'])
        .where('case_id', '=', requestId)
        .where('event_type', '=', 'RETURN_FOR_CORRECTION')
        .executeTakeFirstOrThrow()
    ).payload;
    expect(returned).toEqual({
      note: 'เอกสารที่ต้องแนบเพิ่ม: ก.ค.ศ.16 (ทะเบียนประวัติ)\nสำเนาที่รับรองโดยผู้บังคับบัญชา',
      fixBy: { date: '2025-02-05', time: '15:00' },
    });
    // the teacher's mail says what to fix and by when (the worker renders dueAt as "5 กุมภาพันธ์ 2568 15.00 น.")
    const mail = await w.tdb.db
      .selectFrom('notifications')
      .select(['payload', 'step'])
      .where('case_id', '=', requestId)
      .where('recipient_user_id', '=', w.a.users.teacher.userId)
      .where('step', '=', 'correction')
      .executeTakeFirstOrThrow();
    expect(mail.payload).toMatchObject({
      note: 'เอกสารที่ต้องแนบเพิ่ม: ก.ค.ศ.16 (ทะเบียนประวัติ)\nสำเนาที่รับรองโดยผู้บังคับบัญชา',
      dueAt: '2025-02-05T08:00:00.000Z',
    });
  });

  it('shows the teacher the note and the moment, and resends with only the missing file added', async () => {
    w.clock.set('2025-02-04T03:00:00Z');
    const page = await w.as('a.teacher');
    await page.goto(`/cases/${requestId}`);
    const notice = page.getByTestId('returned-notice');
    await notice.waitFor();
    expect(await notice.getByTestId('returned-note').textContent()).toBe(
      'เอกสารที่ต้องแนบเพิ่ม: ก.ค.ศ.16 (ทะเบียนประวัติ)\nสำเนาที่รับรองโดยผู้บังคับบัญชา',
    );
    expect(await notice.getByTestId('returned-fix-by').textContent()).toBe('แก้ไขและส่งกลับภายใน 5 ก.พ. 2568 15.00 น.');

    const form = await openAction(page, 'ส่งคำขอที่แก้ไขแล้ว');
    // prefilled: the facts, the preferred school by name, the evidence already uploaded
    expect(await form.getByLabel('วิชาเอก', { exact: true }).inputValue()).toBe('คณิตศาสตร์');
    expect(await form.getByLabel('ลำดับที่ 1', { exact: true }).locator('option:checked').textContent()).toBe('โรงเรียนบ้านเขา (คณิตศาสตร์)');
    await form.getByRole('link', { name: 'ทะเบียนบ้าน.pdf' }).waitFor();
    await form.getByLabel(/แนบไฟล์/).setInputFiles({ name: 'กคศ16.pdf', mimeType: 'application/pdf', buffer: onePagePdf('KKS 16') });
    await form.getByRole('link', { name: 'กคศ16.pdf' }).waitFor();
    await form.getByRole('button', { name: 'ส่งคำขอที่แก้ไขแล้ว' }).click();
    await expectStep(page, 'ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง');
    expect(await page.getByTestId('returned-notice').count()).toBe(0);

    const rows = await w.tdb.db
      .selectFrom('case_history')
      .select(['event_type', 'payload'])
      .where('case_id', '=', requestId)
      .where('event_type', 'in', ['SUBMIT', 'RESUBMIT'])
      .orderBy('seq')
      .execute();
    const [first, again] = rows.map((r) => r.payload as { evidence: { name: string }[] });
    expect(again!.evidence.map((e) => e.name)).toEqual(['ทะเบียนบ้าน.pdf', 'กคศ16.pdf']);
    expect({ ...again, evidence: [] }).toEqual({ ...first, evidence: [] }); // nothing retyped, nothing lost
  });

  it('has the director find the request back with both files', async () => {
    w.clock.set('2025-02-04T06:00:00Z');
    const page = await w.as('a.director');
    await page.goto(`/cases/${requestId}`);
    await expectStep(page, 'ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง');
    const files = page.getByTestId('case-files');
    await files.getByRole('link', { name: 'กคศ16.pdf' }).waitFor();
    await files.getByRole('link', { name: 'ทะเบียนบ้าน.pdf' }).waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('ส่งคำขอที่แก้ไขแล้ว').first().waitFor();

    // the link opens the PDF in Chromium's own viewer under the download's CSP: the viewer loads the document (one page)
    // and names it by its Thai name from Content-Disposition (with frame-ancestors 'none' it stayed blank, named by the URL)
    const [tab] = await Promise.all([page.context().waitForEvent('page'), files.getByRole('link', { name: 'กคศ16.pdf' }).click()]);
    await tab.waitForLoadState();
    let last: { pages: number; text: string } | undefined;
    const loaded = await waitUntil(
      async () => {
        const viewer = tab.frames().find((f) => f.url().startsWith('chrome-extension://'));
        const state = viewer
          ? await viewer.evaluate(() => {
              type Node = {
                shadowRoot: Node | null;
                textContent: string | null;
                docLength_?: number;
                querySelector(s: string): Node | null;
              };
              const v = (globalThis as unknown as { document: Node }).document.querySelector('pdf-viewer');
              const toolbar = v?.shadowRoot?.querySelector('viewer-toolbar');
              return { pages: v?.docLength_ ?? 0, text: (toolbar?.shadowRoot ?? v?.shadowRoot)?.textContent ?? '' };
            })
          : undefined;
        last = state;
        return state && state.pages > 0 && state.text.includes('กคศ16.pdf') ? state : undefined;
      },
      'the PDF viewer to load the document',
      10_000,
    ).catch(() => last);
    expect({ pages: loaded?.pages, named: loaded?.text.includes('กคศ16.pdf') }).toEqual({ pages: 1, named: true });
    expect(w.pageErrors).toEqual([]);
  });
});

describe('files of a round and of a meeting, attached and removed in the browser', () => {
  it("has HR attach a round document on the round's page and remove it with a reason, both in the timeline", async () => {
    w.clock.set('2025-02-04T07:00:00Z');
    const page = await w.as('a.hr');
    await page.goto(`/cases/${roundId}`);
    await page
      .getByLabel(/แนบเอกสารของรอบ/)
      .setInputFiles({ name: 'ประกาศรับย้าย.pdf', mimeType: 'application/pdf', buffer: onePagePdf('Announcement') });
    const files = page.getByTestId('case-files');
    await files.getByRole('link', { name: 'ประกาศรับย้าย.pdf' }).waitFor();
    expect(await files.locator('li').first().textContent()).toContain('เอกสารของรอบ');
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('แนบไฟล์กับเรื่อง').waitFor();

    await files.getByRole('button', { name: 'นำออก: ประกาศรับย้าย.pdf' }).click();
    const form = page.getByRole('form', { name: 'นำ ประกาศรับย้าย.pdf ออก' });
    await form.getByRole('button', { name: 'ยืนยันนำไฟล์ออก' }).click();
    await form.getByRole('alert').filter({ hasText: 'โปรดระบุเหตุผลที่นำไฟล์ออก' }).waitFor(); // no reason, nothing removed
    await form.getByLabel(/เหตุผลที่นำออก/).fill('ออกประกาศฉบับแก้ไขแทน');
    await form.getByRole('button', { name: 'ยืนยันนำไฟล์ออก' }).click();
    await timeline.getByText('นำไฟล์แนบออกจากเรื่อง').waitFor();
    await timeline.getByText('“ออกประกาศฉบับแก้ไขแทน”').waitFor();
    await files.locator('s', { hasText: 'ประกาศรับย้าย.pdf' }).waitFor(); // struck through, no longer a link
    expect(await files.getByRole('link', { name: 'ประกาศรับย้าย.pdf' }).count()).toBe(0);
  });

  it('has the secretary attach an agenda paper on the meeting page; a member opens it there', async () => {
    w.clock.set('2025-02-04T08:00:00Z');
    const committeeId = (
      await w.api('a.hr', 'POST', `/api/offices/${w.a.officeId}/committees`, {
        kind: 'transfer_screening',
        nameTh: 'คณะกรรมการกลั่นกรองการย้าย',
        nameEn: 'Transfer screening committee',
      })
    ).committeeId;
    for (const [key, seat] of [
      ['group', 'secretary'],
      ['director2', 'member'],
    ] as const) {
      await w.api('a.hr', 'POST', `/api/committees/${committeeId}/members`, {
        personId: w.a.users[key].personId,
        seat,
        termFrom: '2025-01-01',
        termUntil: '2026-09-30',
      });
    }
    const meetingId = (
      await w.api('a.group', 'POST', `/api/committees/${committeeId}/meetings`, {
        title: 'ประชุมครั้งที่ 1/2568',
        scheduledAt: '2025-02-12T03:00:00Z',
        place: 'ห้องประชุม สพป.',
      })
    ).meetingId;
    const secretary = await w.as('a.group');
    await secretary.goto(`/meetings/${meetingId}`);
    await secretary
      .getByLabel(/แนบเอกสารประกอบวาระ/)
      .setInputFiles({ name: 'วาระที่ 1.pdf', mimeType: 'application/pdf', buffer: onePagePdf('Agenda 1') });
    await secretary.getByTestId('meeting-papers').getByRole('link', { name: 'วาระที่ 1.pdf' }).waitFor();

    const member = await w.as('a.director2');
    await member.goto(`/meetings/${meetingId}`);
    const link = member.getByTestId('meeting-papers').getByRole('link', { name: 'วาระที่ 1.pdf' });
    await link.waitFor();
    expect(await member.getByLabel(/แนบเอกสารประกอบวาระ/).count()).toBe(0); // a member reads, does not attach
    const opened = await member.request.get((await link.getAttribute('href'))!);
    expect([opened.status(), (await opened.body()).equals(onePagePdf('Agenda 1'))]).toEqual([200, true]);
    expect(w.pageErrors).toEqual([]);
  });
});
