/**
 * The supervisor's SLA view on a small seeded set: sample-sla cases (review
 * within 3 working days, decision within 1, the applicant revises within 5
 * calendar days while the review clock pauses), walked through a week of
 * June 2568 with the manual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { slaByOffice, slaOverview } from '@esa-flow/engine';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
const c: Record<string, string> = {};

async function open(who: string, office: 'a' | 'b', title: string): Promise<string> {
  const f = office === 'a' ? w.a : w.b;
  const res = await w.call(who, 'POST', '/api/cases', {
    workflowId: 'sample-sla',
    officeId: f.officeId,
    schoolId: f.schoolIds[0],
    subjectPersonId: f.users.teacher.personId,
    title,
    input: {},
  });
  expect(res.statusCode).toBe(201);
  return res.json().caseId;
}
async function send(who: string, caseId: string, type: string): Promise<void> {
  const res = await w.call(who, 'POST', `/api/cases/${caseId}/events`, { type, payload: {} });
  expect(res.statusCode).toBe(200);
}

beforeAll(async () => {
  // sessions must outlive the simulated week
  w = await startServerWorld({ SESSION_TTL_HOURS: '720' });
  // Mon 16 Jun 2568 09:00: four cases in office A, one in B; review due Thu 19 Jun 16:30
  for (const k of ['c1', 'c2', 'c3', 'c4']) c[k] = await open('a.hr', 'a', `เรื่อง ${k}`);
  c.b1 = await open('b.hr', 'b', 'เรื่องของเขต B');
  w.clock.set('2025-06-16T03:00:00Z'); // Mon 10:00: c1 forwarded after 1 hour (met); decision due Tue 17 Jun 16:30
  await send('a.hr', c.c1!, 'FORWARD');
  w.clock.set('2025-06-19T02:00:00Z'); // Thu 09:00
  await send('a.hr', c.c2!, 'FORWARD'); // met after 72 h; decision due Fri 20 Jun 16:30
  await send('a.hr', c.c3!, 'SEND_BACK'); // review paused; the applicant revises by Tue 24 Jun 16:30
  w.clock.set('2025-06-20T03:00:00Z'); // Fri 10:00
  await send('a.hr', c.c4!, 'FORWARD'); // breached after 97 h; decision due Mon 23 Jun 16:30
});
afterAll(() => w.close());

type StepRow = { workflowId: string; step: string; [k: string]: unknown };
const stepOf = (rows: StepRow[], step: string) => rows.find((r) => r.workflowId === 'sample-sla' && r.step === step);

describe('supervision over HTTP', () => {
  it('counts open, overdue and at-risk clocks by step with the on-time share and median / p90 time spent', async () => {
    const res = await w.call('a.group', 'GET', '/api/supervision/sla');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.offices).toEqual([w.a.officeId]);
    expect(stepOf(body.byStep, 'review')).toEqual({
      workflowId: 'sample-sla',
      step: 'review',
      label: { th: 'ตรวจสอบเอกสาร', en: 'Document review' },
      open: 1,
      paused: 1,
      overdue: 0,
      atRisk: 0,
      met: 2,
      breached: 1,
      onTimeShare: 2 / 3,
      // 1, 72 and 97 elapsed hours: median 72, p90 = 72 + 0.8 × (97 − 72)
      medianHours: 72,
      p90Hours: 92,
    });
    expect(stepOf(body.byStep, 'decision')).toMatchObject({
      open: 3,
      paused: 0,
      overdue: 1,
      atRisk: 1,
      met: 0,
      breached: 0,
      onTimeShare: null,
      medianHours: null,
    });
    expect(stepOf(body.byStep, 'revision')).toMatchObject({
      open: 1,
      overdue: 0,
      atRisk: 0,
      label: { th: 'ผู้ยื่นปรับปรุงผลงาน', en: 'Applicant revises' },
    });
  });

  it('counts by office and by the person who must act (the step’s role holders, the applicant for their own case)', async () => {
    const body = (await w.call('a.area', 'GET', '/api/supervision/sla')).json();
    expect(body.byOffice).toEqual([
      { officeId: w.a.officeId, nameTh: 'สพป.ทดสอบ A', nameEn: 'Test office A', open: 5, paused: 1, overdue: 1, atRisk: 1 },
    ]);
    const byUser = new Map(body.byPerson.map((p: { userId: string }) => [p.userId, p]));
    expect(byUser.get(w.a.users.area.userId)).toMatchObject({ open: 3, overdue: 1, atRisk: 1 });
    expect(byUser.get(w.a.users.teacher.userId)).toMatchObject({ open: 1, overdue: 0, atRisk: 0 });
    // the paused review waits on nobody at that step; nobody else must act on these clocks
    expect(body.byPerson).toHaveLength(2);
    expect(body.byPerson[0].userId).toBe(w.a.users.area.userId);
  });

  it('counts over two offices, by office as the drill-down names them', async () => {
    const scope = { offices: [w.a.officeId, w.b.officeId], now: w.clock.now() };
    const overview = await slaOverview(w.engine, scope);
    expect(overview.byOffice.map((o) => [o.officeId, o.open, o.paused])).toEqual([
      [w.a.officeId, 5, 1],
      [w.b.officeId, 1, 0],
    ]);
    expect(overview.byOffice).toEqual(await slaByOffice(w.engine, scope));
    // office A: its area director's three and its applicant's one (as over office A alone); office B: its HR officer's review
    const byUser = new Map(overview.byPerson.map((p) => [p.userId, p.open]));
    expect(byUser.get(w.a.users.area.userId)).toBe(3);
    expect(byUser.get(w.a.users.teacher.userId)).toBe(1);
    expect(byUser.get(w.b.users.hr.userId)).toBe(1);
    expect(overview.byPerson).toHaveLength(3);
    expect(overview.byStep.reduce((n, r) => n + r.open, 0)).toBe(6);
  });

  it('drills down to the cases behind each number', async () => {
    const ids = async (query: string) =>
      ((await w.call('a.hr', 'GET', `/api/supervision/sla/cases?${query}`)).json().items as { caseId: string }[]).map((i) => i.caseId);
    expect(await ids('filter=overdue')).toEqual([c.c1]);
    expect(await ids('filter=at_risk')).toEqual([c.c2]);
    expect(await ids('filter=paused')).toEqual([c.c3]);
    expect(await ids('filter=breached')).toEqual([c.c4]);
    expect((await ids('filter=met&step=review')).sort()).toEqual([c.c1, c.c2].sort());
    expect(await ids('filter=open&step=decision')).toEqual([c.c1, c.c2, c.c4]); // soonest due first
    expect(await ids(`filter=open&userId=${w.a.users.teacher.userId}`)).toEqual([c.c3]);
    expect(await ids(`filter=overdue&userId=${w.a.users.area.userId}`)).toEqual([c.c1]);
    expect(await ids(`filter=open&userId=${w.a.users.hr.userId}`)).toEqual([]);
    const item = (await w.call('a.hr', 'GET', '/api/supervision/sla/cases?filter=breached')).json().items[0];
    expect(item).toMatchObject({
      title: 'เรื่อง c4',
      step: 'review',
      clockStatus: 'breached',
      hoursSpent: 97,
      dueAt: '2025-06-19T09:30:00.000Z',
    });
    // closed clocks within a window
    expect(await ids('filter=met&since=2025-06-17T00:00:00Z')).toEqual([c.c2]);
  });

  it('gives the drill-down as a workbook with every row, the clock in words and the moments as dates', async () => {
    const res = await w.call('a.hr', 'GET', '/api/supervision/sla/cases.xlsx?filter=open&step=decision');
    expect({ status: res.statusCode, type: res.headers['content-type'], cache: res.headers['cache-control'] }).toEqual({
      status: 200,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      cache: 'no-store',
    });
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('รายงานกำหนดเวลา-กำลังนับเวลา.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'เรื่อง',
      'หน่วยงาน',
      'กระบวนงาน',
      'ขั้นตอน',
      'สถานะ',
      'เริ่มนับเวลา',
      'กำหนดเสร็จ',
      'เสร็จเมื่อ',
      'ใช้เวลา (ชั่วโมง)',
    ]);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const items = (await w.call('a.hr', 'GET', '/api/supervision/sla/cases?filter=open&step=decision')).json().items as {
      title: string;
      overdue: boolean;
    }[];
    expect(rows.map((r) => r[1])).toEqual(items.map((i) => i.title)); // the same rows, the same order (soonest due first)
    expect(rows.map((r) => r[5])).toEqual(items.map((i) => (i.overdue ? 'เกินกำหนด' : expect.stringMatching(/^(ใกล้ครบกำหนด|อยู่ในกำหนด)$/))));
    expect(rows[0]![7]).toBeInstanceOf(Date);
    expect(typeof rows[0]![2]).toBe('string');
    expect((await w.call('a.teacher', 'GET', '/api/supervision/sla/cases.xlsx')).statusCode).toBe(403);
    expect((await w.call('b.area', 'GET', `/api/supervision/sla/cases.xlsx?officeId=${w.a.officeId}`)).statusCode).toBe(404);
  });

  it('at risk means due within one working day of office time, as in the inbox', async () => {
    const inbox = (await w.call('a.area', 'GET', '/api/inbox')).json().items as { caseId: string; atRisk: boolean; overdue: boolean }[];
    const flagged = (await w.call('a.area', 'GET', `/api/supervision/sla/cases?filter=open&userId=${w.a.users.area.userId}`)).json()
      .items as { caseId: string; atRisk: boolean; overdue: boolean }[];
    for (const i of inbox) expect(flagged.find((f) => f.caseId === i.caseId)).toMatchObject({ atRisk: i.atRisk, overdue: i.overdue });
    // Fri 20 Jun 16:29: c4's decision (Mon 16:30) is 481 office minutes away, not at risk; a minute later it is 480 away
    w.clock.set('2025-06-20T09:29:00Z');
    const before = (await w.call('a.area', 'GET', '/api/supervision/sla/cases?filter=at_risk'))
      .json()
      .items.map((i: { caseId: string }) => i.caseId);
    expect(before).toEqual([c.c2]);
    w.clock.set('2025-06-20T09:30:00Z');
    const after = (await w.call('a.area', 'GET', '/api/supervision/sla/cases?filter=at_risk'))
      .json()
      .items.map((i: { caseId: string }) => i.caseId);
    expect(after).toEqual([c.c2, c.c4]);
    w.clock.set('2025-06-20T03:00:00Z');
  });

  it('denies other roles (403) and never shows another office (404 when asked by id)', async () => {
    for (const who of ['a.teacher', 'a.director']) {
      const res = await w.call(who, 'GET', '/api/supervision/sla');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect((await w.call(who, 'GET', '/api/supervision/sla/cases')).statusCode).toBe(403);
    }
    for (const who of ['a.hr', 'a.auditor', 'a.admin']) expect((await w.call(who, 'GET', '/api/supervision/sla')).statusCode).toBe(200);
    const b = (await w.call('b.area', 'GET', '/api/supervision/sla')).json();
    expect(b.offices).toEqual([w.b.officeId]);
    expect(b.byOffice).toEqual([expect.objectContaining({ officeId: w.b.officeId, open: 1, overdue: 1 })]);
    expect(JSON.stringify(b)).not.toContain(w.a.officeId);
    expect((await w.call('b.area', 'GET', '/api/supervision/sla/cases')).json().items.map((i: { caseId: string }) => i.caseId)).toEqual([
      c.b1,
    ]);
    const asked = await w.call('b.area', 'GET', `/api/supervision/sla?officeId=${w.a.officeId}`);
    expect(asked.statusCode).toBe(404);
    expect(asked.json().code).toBe('OFFICE_NOT_FOUND');
    expect((await w.call('b.area', 'GET', `/api/supervision/sla/cases?officeId=${w.a.officeId}`)).statusCode).toBe(404);
    // a school director of office A may not supervise it even by naming it
    expect((await w.call('a.director', 'GET', `/api/supervision/sla?officeId=${w.a.officeId}`)).statusCode).toBe(403);
  });

  it('a clock with no due moment (a deadline set outside, as an external spec records it) is listed as open, neither overdue nor at risk — not a 500', async () => {
    const caseId = await open('b.hr', 'b', 'เรื่องที่กำหนดเวลาตามปฏิทินภายนอก');
    await w.tdb.db.updateTable('sla_clocks').set({ due_at: null }).where('case_id', '=', caseId).where('status', '=', 'running').execute();
    const res = await w.call('b.area', 'GET', '/api/supervision/sla/cases?filter=open');
    expect(res.statusCode).toBe(200);
    const item = (res.json().items as { caseId: string; dueAt: string | null; overdue: boolean; atRisk: boolean }[]).find(
      (i) => i.caseId === caseId,
    );
    expect(item).toMatchObject({ dueAt: null, overdue: false, atRisk: false });
    // listed after the clocks that have a due moment
    expect((res.json().items as { caseId: string }[]).at(-1)?.caseId).toBe(caseId);
    const overview = await w.call('b.area', 'GET', '/api/supervision/sla');
    expect(overview.statusCode).toBe(200);
    expect(overview.json().byOffice).toEqual([expect.objectContaining({ officeId: w.b.officeId, open: 2, overdue: 1 })]);
  });
});
