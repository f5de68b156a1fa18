/**
 * A move to another office on the same esa-flow, in the browser (issue 21,
 * Act ม.59): office A's HR officer adds office B's vacancy to A's round from
 * the list of vacancies other areas offer; A's teacher files for it (API); A
 * publishes its matching, which forwards the request; B's HR officer reads it
 * on B's round page under "คำร้องย้ายจากเขตอื่น", ranked with B's own
 * applicant for the one seat, and records B's อ.ก.ค.ศ. resolution with its
 * date typed in พ.ศ.; A's HR officer reads on A's round page and on the
 * request's page where it was sent, when, and what came back; once A's
 * committees approve, the director of B's school signs the order from "งาน
 * ของฉัน" (the authority over the post being filled). No UUID, ISO
 * date or code name on the pages people read.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addCommitteeMember,
  closeMeetingAndApply,
  createCommittee,
  openMeeting,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '@esa-flow/engine/internal';
import { actorOf } from '../../engine/test/support/index';
import type { Page } from 'playwright-core';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568, submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { PASSWORD } from '../../server/test/support/server-world';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
const rounds = { a: '', b: '' };
const req = { far: '', home: '' };

beforeAll(async () => {
  w = await startWebWorld(transferWorkflows);
  await w.tdb.db.updateTable('schools').set({ name_th: 'โรงเรียนบ้านบีสอง' }).where('id', '=', w.b.schoolIds[1]).execute();
  await w.tdb.db
    .updateTable('people')
    .set({ first_name_th: 'สมชาย', last_name_th: 'ข้ามเขต' })
    .where('id', '=', w.a.users.teacher.personId)
    .execute();
  await w.tdb.db
    .updateTable('people')
    .set({ first_name_th: 'สมหญิง', last_name_th: 'ในเขตบี' })
    .where('id', '=', w.b.users.teacher.personId)
    .execute();
});
afterAll(() => w?.close());

const at = (iso: string) => w.clock.set(iso);
const event = (who: string, caseId: string, type: string, payload: unknown = {}) =>
  w.api(who, 'POST', `/api/cases/${caseId}/events`, { type, payload });

/** An API call as a fixture user, with headers (a file upload). */
async function call(who: string, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const signIn = await w.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username: await w.usernameOf(who), password: PASSWORD },
  });
  const cookie = `esa_session=${signIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
  const res = await w.app.inject({
    method,
    url,
    headers: { cookie, ...headers },
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
  });
  if (res.statusCode >= 300) throw new Error(`${who} ${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
}
async function file(who: string, roundId: string, preferences: string[]) {
  const upload = await call(who, 'POST', '/api/files', tinyPdf(who), {
    'content-type': 'application/pdf',
    'x-file-name': encodeURIComponent('ทะเบียนบ้าน.pdf'),
  });
  const evidence = [{ name: upload.name, size: upload.size, sha256: upload.sha256, fileId: upload.id, kind: 'ทะเบียนบ้าน' }];
  return (await call(who, 'POST', `/api/transfer-rounds/${roundId}/requests`, { submission: submission({ preferences, evidence }) }))
    .caseId as string;
}
async function roundPage(page: Page, roundId: string, section: string) {
  await page.goto(`/cycles/${roundId}`);
  const s = page.getByTestId(section);
  await s.waitFor();
  return s;
}
async function noCodeOnPage(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\d{4}-\d{2}-\d{2}|forwardedToArea|RECEIVING_AREA|office-[A-Z]|\bX1\b/);
}

describe('a move to another office on the same esa-flow, in the browser', () => {
  it('has A’s HR officer add B’s vacancy to A’s round from the vacancies other areas offer', async () => {
    at('2025-01-06T02:00:00Z');
    rounds.a = (
      await w.api('a.hr', 'POST', '/api/cases', {
        workflowId: 'transfer-round',
        officeId: w.a.officeId,
        title: 'การย้าย ครั้งที่ 1/2568',
        input: ROUND_1_2568,
      })
    ).caseId;
    rounds.b = (
      await w.api('b.hr', 'POST', '/api/cases', {
        workflowId: 'transfer-round',
        officeId: w.b.officeId,
        title: 'การย้าย ครั้งที่ 1/2568',
        input: ROUND_1_2568,
      })
    ).caseId;
    await event('b.hr', rounds.b, 'POST_VACANCIES', {
      vacancies: [{ id: 'V1', schoolId: w.b.schoolIds[1], schoolName: 'โรงเรียนบ้านบีสอง', subject: 'คณิตศาสตร์', count: 1 }],
    });

    const page = await w.as('a.hr');
    const offered = await roundPage(page, rounds.a, 'cross-area-vacancies');
    await offered.getByRole('row', { name: /สพป.ทดสอบ B โรงเรียนบ้านบีสอง คณิตศาสตร์ 1/ }).waitFor();
    await offered.getByRole('button', { name: 'เพิ่ม โรงเรียนบ้านบีสอง ในรอบนี้' }).click();
    await offered.getByText('เพิ่มตำแหน่งว่าง โรงเรียนบ้านบีสอง (สพป.ทดสอบ B) ในรอบนี้แล้ว').waitFor();
    await page
      .getByTestId('round-vacancies')
      .getByRole('row', { name: /โรงเรียนบ้านบีสอง \(ต่างเขตพื้นที่\) คณิตศาสตร์ 1/ })
      .waitFor();
    await offered.getByRole('row', { name: /โรงเรียนบ้านบีสอง คณิตศาสตร์ 1 เพิ่มแล้ว/ }).waitFor();
    await noCodeOnPage(page);
    const ctx = (
      (await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', rounds.a).executeTakeFirstOrThrow()).snapshot as {
        context: { vacancies: { area?: { name: string } }[] };
      }
    ).context;
    expect(ctx.vacancies).toEqual([
      expect.objectContaining({ schoolId: w.b.schoolIds[1], area: expect.objectContaining({ name: 'สพป.ทดสอบ B' }) }),
    ]);
  });

  it('has the teachers file and each office score its own (API)', async () => {
    at('2025-01-16T02:00:00Z');
    await event('a.hr', rounds.a, 'OPEN_REQUESTS');
    await event('b.hr', rounds.b, 'OPEN_REQUESTS');
    at('2025-01-20T03:00:00Z');
    req.far = await file('a.teacher', rounds.a, [w.b.schoolIds[1]]);
    req.home = await file('b.teacher', rounds.b, [w.b.schoolIds[1]]);
    at('2025-02-03T02:00:00Z');
    for (const [o, id] of [
      ['a', req.far],
      ['b', req.home],
    ] as const) {
      await event(`${o}.director`, id, 'CERTIFY');
      await event(`${o}.director`, id, 'RECORD_BOARD_OPINION', { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' });
    }
    at('2025-02-06T08:00:00Z');
    for (const o of ['a', 'b'] as const) {
      await event(`${o}.hr`, rounds[o], 'CLOSE_REQUESTS');
      await event(`${o}.hr`, rounds[o], 'CLOSE_SCHOOL_REVIEW');
    }
    at('2025-02-10T02:00:00Z');
    for (const [o, id, reason] of [
      ['a', req.far, 'home_district'],
      ['b', req.home, 'other'],
    ] as const) {
      await event(`${o}.hr`, id, 'ENTER_SCORES', { entries: { reason, workload: 'high', development: 'good' } });
      await event(`${o}.group`, id, 'VERIFY_SCORES');
    }
    at('2025-02-21T02:00:00Z');
    for (const o of ['a', 'b'] as const) await event(`${o}.hr`, rounds[o], 'CLOSE_SCORING');
  });

  it('forwards A’s request when A publishes; B’s HR officer reads it ranked with B’s applicant and records B’s resolution', async () => {
    at('2025-03-03T02:00:00Z');
    const run = await w.api('a.hr', 'POST', `/api/transfer-rounds/${rounds.a}/matching`);
    await w.api('a.hr', 'POST', `/api/transfer-rounds/${rounds.a}/matching/publish`, { digest: run.digest });

    const b = await w.as('b.hr');
    const incoming = await roundPage(b, rounds.b, 'exchanges-incoming');
    await incoming.getByRole('heading', { name: 'คำร้องย้ายจากเขตอื่น' }).waitFor();
    await incoming
      .getByRole('row', { name: /สมชาย ข้ามเขต .*สพป.ทดสอบ A .*1\. โรงเรียนบ้านบีสอง 47 รอการประมวลผลจับคู่ของรอบ รอการจัดลำดับ/ })
      .waitFor();

    // B's matching ranks it with B's own applicant for the one seat
    const matching = b.getByTestId('round-matching');
    await matching.getByRole('button', { name: 'ประมวลผลจัดลำดับและจับคู่' }).click();
    await matching.getByText(/ประมวลผลครั้งที่ 1 แล้ว: คำขอ 2 · ได้ย้าย 1/).waitFor();
    const rows = matching.getByTestId('vacancy-result').getByRole('row');
    expect(await rows.nth(1).innerText()).toMatch(/^1\s+สมชาย ข้ามเขต \(สพป.ทดสอบ A\)\s+47\s+ได้ย้าย/);
    expect(await rows.nth(2).innerText()).toMatch(/^2\s+สมหญิง ในเขตบี\s+32\s+ไม่ได้ย้ายที่นี่/);
    await matching.getByRole('button', { name: 'เสนอผลการจับคู่ต่อคณะกรรมการ' }).click();
    await matching.getByText('เสนอผลการประมวลผลครั้งที่ 1 ต่อคณะกรรมการแล้ว').first().waitFor();

    at('2025-03-20T03:00:00Z');
    const later = await w.as('b.hr');
    const card = await roundPage(later, rounds.b, 'exchanges-incoming');
    const row = card.getByTestId('exchange-incoming-row').filter({ hasText: 'สมชาย ข้ามเขต' });
    await row.getByText('อันดับที่ 1 จาก 2 คน').waitFor();
    await row.getByText('จัดลำดับแล้ว รอมติ อ.ก.ค.ศ.').waitFor();
    await row.getByRole('button', { name: 'บันทึกมติ อ.ก.ค.ศ. ของ สมชาย ข้ามเขต' }).click();
    const form = card.getByRole('form', { name: 'บันทึกมติ อ.ก.ค.ศ.' });
    await form.getByLabel('มติที่ประชุม (เช่น มติ อ.ก.ค.ศ. ครั้งที่ 3/2568)').fill('มติ อ.ก.ค.ศ. สพป.ทดสอบ B ครั้งที่ 3/2568');
    // a date that does not read is refused in the page, in Thai
    await form.getByLabel('วันที่มีมติ').fill('32/3/2568');
    await form.getByRole('button', { name: 'บันทึกมติและส่งผลกลับเขตต้นทาง' }).click();
    await form.getByRole('alert').waitFor();
    await form.getByLabel('วันที่มีมติ').fill('19 มี.ค. 2568');
    await form.getByRole('button', { name: 'บันทึกมติและส่งผลกลับเขตต้นทาง' }).click();
    await row.getByText('อ.ก.ค.ศ. เห็นชอบ ส่งผลกลับเขตต้นทางแล้ว').waitFor();
    await row.getByText('มติ อ.ก.ค.ศ. สพป.ทดสอบ B ครั้งที่ 3/2568 (19 มี.ค. 2568)').waitFor();
    expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', req.far).executeTakeFirstOrThrow()).state).toBe(
      'screening',
    );
    await noCodeOnPage(later);
  });

  it('shows A’s HR officer where the request went, when, and what came back, on the round’s page and the request’s', async () => {
    const page = await w.as('a.hr');
    const out = await roundPage(page, rounds.a, 'exchanges-outgoing');
    const row = out.getByTestId('exchange-outgoing-row').filter({ hasText: 'สมชาย ข้ามเขต' });
    await row.getByText(/ส่งไปเขตพื้นที่ สพป.ทดสอบ B เมื่อ 3 มี.ค. 2568/).waitFor();
    await row.getByText('สพป.ทดสอบ B เห็นชอบให้ย้ายไป โรงเรียนบ้านบีสอง (มติ อ.ก.ค.ศ. สพป.ทดสอบ B ครั้งที่ 3/2568 19 มี.ค. 2568)').waitFor();
    await noCodeOnPage(page);

    await row.getByRole('link', { name: 'สมชาย ข้ามเขต' }).click();
    await page.waitForURL(new RegExp(`/cases/${req.far}$`));
    const card = page.getByTestId('request-exchange');
    await card.getByText(/ส่งไปเขตพื้นที่ สพป.ทดสอบ B เมื่อ 3 มี.ค. 2568/).waitFor();
    await card.getByText(/เห็นชอบให้ย้ายไป โรงเรียนบ้านบีสอง/).waitFor();
    // B's resolution is not A's to record: not offered on the request's page
    expect(
      await page
        .getByRole('group', { name: /การดำเนินการ/ })
        .getByRole('button', { name: /เขตที่รับย้าย/ })
        .count(),
    ).toBe(0);
    await noCodeOnPage(page);
    expect(w.pageErrors).toEqual([]);
  });

  it('has the director of B’s school the teacher moves to sign the order from “งานของฉัน”, once A’s committees approve', async () => {
    const hr = await actorOf(w.tdb.db, w.a.users.hr, new Date('2025-03-20T00:00:00Z'));
    for (const [kind, when] of [
      ['transfer_screening', '2025-03-24T03:00:00Z'],
      ['area_approval', '2025-03-26T03:00:00Z'],
    ] as const) {
      at(when);
      const { committeeId } = await createCommittee(engineDeps(w.engine), hr, { officeId: w.a.officeId, kind, nameTh: kind, nameEn: kind });
      const members: string[] = [];
      for (const [k, who] of (['hr', 'group', 'area', 'admin', 'auditor'] as const).entries()) {
        members.push(
          (
            await addCommitteeMember(engineDeps(w.engine), hr, {
              committeeId,
              personId: w.a.users[who].personId,
              seat: k === 0 ? 'chair' : k === 1 ? 'secretary' : 'member',
              termFrom: '2025-01-01',
              termUntil: '2026-09-30',
            })
          ).memberId,
        );
      }
      const { meetingId } = await scheduleMeeting(engineDeps(w.engine), hr, {
        committeeId,
        title: 'ประชุม',
        scheduledAt: when,
        place: 'ห้องประชุม',
      });
      await openMeeting(engineDeps(w.engine), hr, { meetingId, present: members });
      for (const item of await w.tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute())
        await recordResolution(engineDeps(w.engine), hr, { itemId: item.id, resolution: 'approve' });
      w.clock.set(new Date(Date.parse(when) + 3600_000));
      await closeMeetingAndApply(engineDeps(w.engine), hr, meetingId);
    }
    expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', req.far).executeTakeFirstOrThrow()).state).toBe(
      'orderSigning',
    );

    at('2025-04-01T03:00:00Z');
    // the director of B's other school is not the authority over this post: nothing to sign
    const other = await w.as('b.director');
    await other.getByRole('heading', { name: 'งานของฉัน' }).waitFor();
    expect(await other.getByTestId('exchange-orders').count()).toBe(0);

    const page = await w.as('b.director2');
    const card = page.getByTestId('exchange-orders');
    await card.waitFor();
    const form = card.getByRole('form', { name: 'คำสั่งย้าย สมชาย ข้ามเขต' });
    await form.getByText('สมชาย ข้ามเขต จาก สพป.ทดสอบ A ย้ายไป โรงเรียนบ้านบีสอง').waitFor();
    await form.getByLabel('เลขที่คำสั่ง (เช่น 45/2568)').fill('45/2568');
    await form.getByLabel('วันที่ลงนาม').fill('1 เม.ย. 2568');
    await form.getByLabel('วันที่คำสั่งมีผล').fill('16 เม.ย. 2568');
    await form.getByLabel('รายงานตัวภายในวันที่').fill('21/4/2568');
    await form.getByRole('button', { name: 'ลงนามคำสั่งย้าย' }).click();
    await card.getByText('ลงนามคำสั่งที่ 45/2568 ย้าย สมชาย ข้ามเขต แล้ว').waitFor();
    const row = await w.tdb.db.selectFrom('cases').select(['state', 'snapshot']).where('id', '=', req.far).executeTakeFirstOrThrow();
    expect(row.state).toBe('reportingForDuty');
    expect((row.snapshot as { context: { order: unknown } }).context.order).toMatchObject({
      orderNo: '45/2568',
      signedOn: '2025-04-01',
      signerRole: 'school_director',
      reportByAt: '2025-04-21T09:30:00.000Z',
      signedIn: { officeName: 'สพป.ทดสอบ B' },
    });
    await noCodeOnPage(page);
    expect(w.pageErrors).toEqual([]);
  });
});
