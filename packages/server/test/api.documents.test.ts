/**
 * Official documents over HTTP (docs/documents.md): a transfer request taken
 * through the API to the order step, then its order printed by the real
 * Chromium — the draft while it waits for signing, the signed order after —
 * and the minutes and the memo of the อ.ก.ค.ศ. meeting that approved it.
 * Read back with poppler. Who may print is who may read: another office's
 * officer and a teacher not on the case get 404, as for the case itself.
 * Without Chromium: 503 DOCUMENT_RENDERER_UNAVAILABLE, in problem+json.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568, submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { missingInOrder, pdfText } from '../../documents/test/support/pdf-checks';
import { buildApp, loadServerConfig } from '../src/index';
import { DATA_CSP } from '../src/http/security-headers';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

type Who = 'teacher' | 'teacher2' | 'director' | 'director2' | 'hr' | 'area' | 'group' | 'auditor' | 'admin';

let w: ServerWorld;
const cookies = new Map<string, string>();

beforeAll(async () => {
  w = await startServerWorld({}, transferWorkflows);
});
afterAll(() => w.close());

function at(iso: string): void {
  w.clock.set(iso);
  cookies.clear();
}

async function cookieOf(who: Who | 'b.hr'): Promise<string> {
  const cached = cookies.get(who);
  if (cached) return cached;
  const userId = who === 'b.hr' ? w.b.users.hr.userId : w.a.users[who].userId;
  const { username } = await w.tdb.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
  const res = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
  const value = `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;
  cookies.set(who, value);
  return value;
}

async function call(who: Who | 'b.hr', method: 'GET' | 'POST', url: string, body?: unknown): Promise<LightMyRequestResponse> {
  return w.app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    headers: { cookie: await cookieOf(who) },
  });
}

async function ok(status: number, who: Who, method: 'GET' | 'POST', url: string, body?: unknown) {
  const res = await call(who, method, url, body);
  expect({ url, status: res.statusCode, body: res.statusCode === status ? null : res.body }).toEqual({ url, status, body: null });
  return res.statusCode === 204 || !String(res.headers['content-type'] ?? '').includes('json') ? null : res.json();
}

const event = (who: Who, caseId: string, type: string, payload: unknown = {}) =>
  ok(200, who, 'POST', `/api/cases/${caseId}/events`, { type, payload });

let roundId = '';
let requestId = '';
const meetingIds: Record<'screening' | 'area', string> = { screening: '', area: '' };

/** The request of the transfer-e2e test, without its refusals: filed, certified, scored, matched, approved by both committees. */
async function takeRequestToTheOrderStep(): Promise<void> {
  at('2025-01-03T02:00:00Z');
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
  const committees = { screening: '', area: '' };
  const members: Record<'screening' | 'area', Partial<Record<Who, string>>> = { screening: {}, area: {} };
  for (const key of ['screening', 'area'] as const) {
    const { seats: s, ...body } = seats[key];
    committees[key] = (await ok(201, 'hr', 'POST', `/api/offices/${w.a.officeId}/committees`, body)).committeeId;
    for (const [who, seat] of Object.entries(s) as [Who, string][]) {
      members[key][who] = (
        await ok(201, 'hr', 'POST', `/api/committees/${committees[key]}/members`, {
          personId: w.a.users[who].personId,
          seat,
          termFrom: '2025-01-01',
          termUntil: '2026-09-30',
        })
      ).memberId;
    }
  }
  at('2025-01-06T02:00:00Z');
  roundId = (
    await ok(201, 'hr', 'POST', '/api/cases', {
      workflowId: 'transfer-round',
      officeId: w.a.officeId,
      title: 'การย้ายข้าราชการครู ครั้งที่ 1/2568',
      input: ROUND_1_2568,
    })
  ).caseId;
  at('2025-01-10T03:00:00Z');
  await event('hr', roundId, 'POST_VACANCIES', {
    vacancies: [{ id: 'V01', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียนบ้านเขา', subject: 'คณิตศาสตร์', count: 1 }],
  });
  at('2025-01-16T02:00:00Z');
  await event('hr', roundId, 'OPEN_REQUESTS');
  at('2025-01-20T03:00:00Z');
  const upload = await w.app.inject({
    method: 'POST',
    url: '/api/files',
    payload: tinyPdf(),
    headers: { cookie: await cookieOf('teacher'), 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('ทะเบียนบ้าน.pdf') },
  });
  const f = upload.json();
  const evidence = [{ name: f.name, size: f.size, sha256: f.sha256, fileId: f.id, kind: 'ทะเบียนบ้าน' }];
  requestId = (
    await ok(201, 'teacher', 'POST', `/api/transfer-rounds/${roundId}/requests`, {
      submission: submission({ preferences: [w.a.schoolIds[1]], evidence }),
    })
  ).caseId;
  at('2025-01-31T09:30:00Z');
  await event('hr', roundId, 'CLOSE_REQUESTS');
  at('2025-02-03T02:00:00Z');
  await event('director', requestId, 'CERTIFY', {});
  await event('director', requestId, 'RECORD_BOARD_OPINION', { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568 วันที่ 3 ก.พ. 2568' });
  at('2025-02-06T08:00:00Z');
  await event('hr', roundId, 'CLOSE_SCHOOL_REVIEW');
  at('2025-02-10T02:00:00Z');
  await event('hr', requestId, 'ENTER_SCORES', { entries: { reason: 'home_district', workload: 'high', development: 'good' } });
  at('2025-02-17T02:00:00Z');
  await event('group', requestId, 'VERIFY_SCORES');
  at('2025-02-21T02:00:00Z');
  await event('hr', roundId, 'CLOSE_SCORING');
  at('2025-03-03T02:00:00Z');
  const run = await ok(200, 'hr', 'POST', `/api/transfer-rounds/${roundId}/matching`);
  // the run is kept until it is published to the committees
  await ok(200, 'hr', 'POST', `/api/transfer-rounds/${roundId}/matching/publish`, { digest: run.digest });
  const meetings = [
    ['screening', 'ประชุมคณะกรรมการกลั่นกรองการย้าย ครั้งที่ 1/2568', '2025-03-10T03:00:00Z', 'CLOSE_SCREENING'],
    ['area', 'ประชุม อ.ก.ค.ศ. เขต ครั้งที่ 3/2568', '2025-03-25T03:00:00Z', 'CLOSE_APPROVAL'],
  ] as const;
  let scheduledFrom = '2025-03-03T02:00:00Z';
  for (const [key, title, when, close] of meetings) {
    at(scheduledFrom);
    const scheduled = await ok(201, 'group', 'POST', `/api/committees/${committees[key]}/meetings`, {
      title,
      scheduledAt: when,
      place: 'ห้องประชุม สพป.',
    });
    meetingIds[key] = scheduled.meetingId;
    at(when);
    await ok(200, 'group', 'POST', `/api/meetings/${scheduled.meetingId}/open`, { present: Object.values(members[key]) });
    const itemId = (await ok(200, 'group', 'GET', `/api/meetings/${scheduled.meetingId}`)).agenda[0].id as string;
    for (const who of Object.keys(members[key]) as Who[])
      await ok(204, who, 'POST', `/api/agenda-items/${itemId}/votes`, { vote: 'approve' });
    await ok(200, 'group', 'POST', `/api/agenda-items/${itemId}/resolution`, { note: 'อนุมัติให้ย้ายตามที่เสนอ' });
    w.clock.set(new Date(Date.parse(when) + 2 * 3600_000).toISOString());
    await ok(200, 'group', 'POST', `/api/meetings/${scheduled.meetingId}/close`);
    await event('hr', roundId, close);
    scheduledFrom = when;
  }
}

function expectPdf(res: LightMyRequestResponse, disposition: 'inline' | 'attachment'): string {
  expect({ status: res.statusCode, type: res.headers['content-type'] }).toEqual({ status: 200, type: 'application/pdf' });
  expect(res.headers['content-disposition']).toMatch(new RegExp(`^${disposition}; filename="[^"]*\\.pdf"; filename\\*=UTF-8''`));
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['content-security-policy']).toBe(DATA_CSP);
  expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
  return pdfText(res.rawPayload);
}

async function refused403(who: Who, url: string) {
  const res = await call(who, 'POST', url);
  expect({ who, status: res.statusCode, code: res.json().code }).toEqual({ who, status: 403, code: 'FORBIDDEN' });
}

async function refused(status: number, code: string, who: Who | 'b.hr', url: string) {
  const res = await call(who, 'GET', url);
  expect({ who, status: res.statusCode, code: res.json().code }).toEqual({ who, status, code });
  expect(res.headers['content-type']).toContain('application/problem+json');
}

describe('the transfer order of a request', () => {
  it('is refused before the order step, as not ready', async () => {
    await takeRequestToTheOrderStep();
    await refused(409, 'DOCUMENT_NOT_READY', 'hr', `/api/cases/${roundId}/documents/transfer-order.pdf`);
  });

  it('prints the draft to sign at the order step: blanks for the number and the date, the approving meeting named', async () => {
    at('2025-03-31T03:00:00Z');
    const text = expectPdf(await call('hr', 'GET', `/api/cases/${requestId}/documents/transfer-order.pdf`), 'inline');
    expect(
      missingInOrder(text, [
        'ที่ ......../๒๕๖๘',
        'เรื่อง ย้ายข้าราชการครู',
        'อ.ก.ค.ศ. เขตพื้นที่การศึกษา ในการประชุมอ.ก.ค.ศ. เขต ครั้งที่ ๓/๒๕๖๘ เมื่อวันที่ ๒๕ มีนาคม ๒๕๖๘',
        'สั่ง ณ วันที่ ........................ พ.ศ. ๒๕๖๘',
        'บัญชีรายละเอียดแนบท้ายคำสั่ง',
        'โรงเรียนบ้านเขา',
      ]),
    ).toBeNull();
  });

  it('is printed for whoever may read the case, and for nobody else', async () => {
    const url = `/api/cases/${requestId}/documents/transfer-order.pdf`;
    expectPdf(await call('teacher', 'GET', `${url}?download=true&digits=arabic`), 'attachment');
    await refused(404, 'CASE_NOT_FOUND', 'b.hr', url);
    await refused(404, 'CASE_NOT_FOUND', 'teacher2', url);
    await refused(404, 'CASE_NOT_FOUND', 'director2', url);
    const anonymous = await w.app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
    await refused(400, 'INVALID_PAYLOAD', 'hr', `${url}?digits=roman`);
  });

  it('gives the order its number from the order register, once, and prints it', async () => {
    const url = `/api/cases/${requestId}/documents/transfer-order/number`;
    await refused403('director', url);
    const first = await ok(200, 'hr', 'POST', url);
    expect(first).toMatchObject({ register: 'order', number: 1, beYear: 2568, text: '1/2568' });
    expect(await ok(200, 'hr', 'POST', url)).toEqual(first);
    const text = expectPdf(await call('hr', 'GET', `/api/cases/${requestId}/documents/transfer-order.pdf`), 'inline');
    expect(missingInOrder(text, ['ที่ ๑/๒๕๖๘', 'สั่ง ณ วันที่ ........................ พ.ศ. ๒๕๖๘'])).toBeNull();
  });

  it('prints the signed order with its number, dates and signer, in Arabic digits when asked', async () => {
    at('2025-04-01T03:00:00Z');
    await event('director', requestId, 'SIGN_ORDER', {
      orderNo: '15/2568',
      signedOn: '2025-04-01',
      effectiveOn: '2025-04-16',
      reportBy: { date: '2025-04-21', time: '16:30' },
    });
    const text = expectPdf(await call('hr', 'GET', `/api/cases/${requestId}/documents/transfer-order.pdf?digits=arabic`), 'inline');
    // the register's number stands; the one typed when signing is on the case's history
    expect(
      missingInOrder(text, [
        'ที่ 1/2568',
        'ภายในวันที่ 21 เมษายน 2568',
        'ตั้งแต่วันที่ 16 เมษายน 2568 เป็นต้นไป',
        'สั่ง ณ วันที่ 1 เมษายน 2568',
        'ที่ 1/2568 ลงวันที่ 1 เมษายน 2568',
        '16 เมษายน 2568',
      ]),
    ).toBeNull();
    expect(text).not.toContain('........');
  });
});

describe('the minutes and the memo of the อ.ก.ค.ศ. meeting', () => {
  it('prints the minutes for whoever may read the meeting, and 404 for anyone else', async () => {
    const url = `/api/meetings/${meetingIds.area}/documents/minutes.pdf`;
    const text = expectPdf(await call('group', 'GET', url), 'inline');
    expect(
      missingInOrder(text, [
        'รายงานการประชุม อ.ก.ค.ศ. เขตพื้นที่การศึกษา',
        'ประชุม อ.ก.ค.ศ. เขต ครั้งที่ ๓/๒๕๖๘',
        'เมื่อวันที่ ๒๕ มีนาคม ๒๕๖๘',
        'ผู้มาประชุม',
        'เริ่มประชุมเวลา ๑๐.๐๐ น.',
        'ระเบียบวาระที่ ๑',
        'ผลการลงคะแนน เห็นชอบ ๓ เสียง',
        'มติที่ประชุม เห็นชอบ อนุมัติให้ย้ายตามที่เสนอ',
        'เลิกประชุมเวลา ๑๒.๐๐ น.',
        'ผู้จดรายงานการประชุม',
        'ผู้ตรวจรายงานการประชุม',
      ]),
    ).toBeNull();
    expectPdf(await call('hr', 'GET', url), 'inline');
    await refused(404, 'MEETING_NOT_FOUND', 'teacher', url);
    await refused(404, 'MEETING_NOT_FOUND', 'b.hr', url);
  });

  it('gives the agenda, each resolution with its votes, and the attendance as a workbook in Thai words', async () => {
    const url = `/api/meetings/${meetingIds.area}/documents/agenda.xlsx`;
    const res = await call('group', 'GET', url);
    expect({ status: res.statusCode, type: res.headers['content-type'], cache: res.headers['cache-control'] }).toEqual({
      status: 200,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      cache: 'no-store',
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['ระเบียบวาระและมติ', 'ผู้เข้าประชุม']);
    const agenda = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(agenda.length).toBeGreaterThan(0);
    // ลำดับ, the case's title, the resolution in words, how it was decided, the votes as numbers
    expect(agenda[0]!.slice(1, 6)).toEqual([1, expect.stringContaining('ย้าย'), 'เห็นชอบ', 'ลงมติเป็นรายเรื่อง', 3]);
    const attendance = book.worksheets[1]!.getSheetValues().slice(2) as unknown[][];
    expect(attendance.map((a) => a[3])).toContain('มาประชุม');
    expect(attendance.map((a) => a[2])).toContain('ประธานกรรมการ');
    // no code name, id or ISO date anywhere in the book
    const cells = [...agenda, ...attendance].flat().filter((v): v is string => typeof v === 'string');
    expect(cells.filter((v) => /^[a-z_]+$|[0-9a-f]{8}-[0-9a-f]{4}|\d{4}-\d{2}-\d{2}/.test(v))).toEqual([]);
    await refused(404, 'MEETING_NOT_FOUND', 'teacher', url);
    await refused(404, 'MEETING_NOT_FOUND', 'b.hr', url);
  });

  it('prints the memo once the meeting is closed, with its number from the outgoing register', async () => {
    const url = `/api/meetings/${meetingIds.area}/documents/memo.pdf`;
    const draft = expectPdf(await call('hr', 'GET', url), 'inline');
    expect(
      missingInOrder(draft, [
        'บันทึกข้อความ',
        'ส่วนราชการ',
        'ที่ ......../๒๕๖๘',
        'เรื่อง รายงานมติ อ.ก.ค.ศ. เขตพื้นที่การศึกษา',
        'เรียน ผู้อำนวยการ',
        '๑.',
        'ที่ประชุมมีมติเห็นชอบ',
        'กรรมการและเลขานุการ',
      ]),
    ).toBeNull();
    await refused403('group', `/api/meetings/${meetingIds.area}/documents/memo/number`);
    const issued = await ok(200, 'hr', 'POST', `/api/meetings/${meetingIds.area}/documents/memo/number`);
    expect(issued).toMatchObject({ register: 'outgoing', number: 1, text: '1/2568' });
    expect(
      missingInOrder(expectPdf(await call('hr', 'GET', `${url}?digits=arabic`), 'inline'), ['ที่ 1/2568', 'วันที่ 1 เมษายน 2568']),
    ).toBeNull();
    await refused(404, 'MEETING_NOT_FOUND', 'b.hr', url);
  });
});

describe('without Chromium', () => {
  it('answers 503 DOCUMENT_RENDERER_UNAVAILABLE in Thai and English, and the API goes on', async () => {
    const config = loadServerConfig({
      COOKIE_SECURE: 'false',
      CHROMIUM_PATH: '/nonexistent/chromium',
      SESSION_IDLE_MINUTES: String(30 * 24 * 60),
    });
    const app = await buildApp({ engine: w.engine, config });
    try {
      const headers = { cookie: await cookieOf('hr') };
      const res = await app.inject({ method: 'GET', url: `/api/cases/${requestId}/documents/transfer-order.pdf`, headers });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        code: 'DOCUMENT_RENDERER_UNAVAILABLE',
        message: { th: expect.stringContaining('Chromium'), en: expect.stringContaining('Chromium') },
      });
      expect((await app.inject({ method: 'GET', url: `/api/cases/${requestId}`, headers })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
