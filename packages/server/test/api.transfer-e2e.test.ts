/**
 * One teacher's transfer request, from filing to the signed order, through
 * the HTTP API only (issue 9): the HR officer opens round 1/2568, posts a
 * vacancy and opens the requests; the teacher files; the school director
 * certifies and records the board's opinion; the HR officer enters the
 * scores and the group director verifies them (four eyes); the HR officer
 * runs the matching; the screening committee and the อ.ก.ค.ศ. เขต meet, vote
 * and resolve through the committee endpoints; the school director signs the
 * order. On the way, a wrong person is refused at each kind of step. The
 * clock moves through the round's dates; sign-ins are redone when it moves,
 * since sessions expire.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LightMyRequestResponse } from 'fastify';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568, submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

type Who = 'teacher' | 'teacher2' | 'director' | 'director2' | 'hr' | 'area' | 'group' | 'auditor' | 'admin';
type Method = 'GET' | 'POST' | 'PATCH';

let w: ServerWorld;
const cookies = new Map<string, string>();
/** every call made, in order: who, method, url, status */
const calls: string[] = [];

beforeAll(async () => {
  w = await startServerWorld({}, transferWorkflows);
});
afterAll(() => w.close());

/** Moves the clock; sessions signed in before are dropped (they would expire). */
function at(iso: string): void {
  w.clock.set(iso);
  cookies.clear();
}

async function cookieOf(who: Who): Promise<string> {
  const cached = cookies.get(who);
  if (cached) return cached;
  const { username } = await w.tdb.db
    .selectFrom('users')
    .select('username')
    .where('id', '=', w.a.users[who].userId)
    .executeTakeFirstOrThrow();
  const res = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${who} failed: ${res.statusCode} ${res.body}`);
  const value = `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;
  cookies.set(who, value);
  return value;
}

async function call(
  who: Who | 'b.hr',
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const res =
    who === 'b.hr'
      ? await w.call('b.hr', method, url, body, headers)
      : await w.app.inject({
          method,
          url,
          ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
          headers: { cookie: await cookieOf(who), ...headers },
        });
  calls.push(`${who} ${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} → ${res.statusCode}`);
  return res;
}

/** A call that must succeed with `status`; shows the problem otherwise. */
async function ok(status: number, who: Who, method: Method, url: string, body?: unknown, headers?: Record<string, string>) {
  const res = await call(who, method, url, body, headers);
  expect({ who, url, status: res.statusCode, body: res.statusCode === status ? null : res.json() }).toEqual({
    who,
    url,
    status,
    body: null,
  });
  return res.statusCode === 204 ? null : res.json();
}

/** A call that must be refused with `status` and `code` (problem+json). */
async function refused(status: number, code: string, who: Who | 'b.hr', method: Method, url: string, body?: unknown) {
  const res = await call(who, method, url, body);
  expect({ who, url, status: res.statusCode, code: res.json().code }).toEqual({ who, url, status, code });
  expect(res.headers['content-type']).toContain('application/problem+json');
}

const event = (who: Who, caseId: string, type: string, payload: unknown = {}, headers?: Record<string, string>) =>
  ok(200, who, 'POST', `/api/cases/${caseId}/events`, { type, payload }, headers);

let roundId = '';
let requestId = '';
let evidenceFileId = '';
const committees = { screening: '', area: '' };
const members: Record<'screening' | 'area', Partial<Record<Who, string>>> = { screening: {}, area: {} };

describe('a transfer request from filing to the signed order, over HTTP only', () => {
  it('seats the screening committee and the อ.ก.ค.ศ. เขต', async () => {
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
    await refused(403, 'FORBIDDEN', 'teacher', 'POST', `/api/offices/${w.a.officeId}/committees`, {
      kind: 'transfer_screening',
      nameTh: 'x',
      nameEn: 'x',
    });
    for (const key of ['screening', 'area'] as const) {
      const { seats: s, ...body } = seats[key];
      committees[key] = (await ok(201, 'hr', 'POST', `/api/offices/${w.a.officeId}/committees`, body)).committeeId;
      for (const [who, seat] of Object.entries(s) as [Who, string][]) {
        const res = await ok(201, 'hr', 'POST', `/api/committees/${committees[key]}/members`, {
          personId: w.a.users[who].personId,
          seat,
          termFrom: '2025-01-01',
          termUntil: '2026-09-30',
        });
        members[key][who] = res.memberId;
      }
    }
  });

  it('opens the round, posts a vacancy, opens requests, and the teacher files', async () => {
    await refused(403, 'FORBIDDEN', 'teacher', 'POST', '/api/cases', {
      workflowId: 'transfer-round',
      officeId: w.a.officeId,
      title: 'รอบที่ครูเปิดเอง',
      input: ROUND_1_2568,
    });
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
    const vacancy = { id: 'V01', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียนบ้านเขา', subject: 'คณิตศาสตร์', count: 1 };
    await refused(403, 'FORBIDDEN', 'group', 'POST', `/api/cases/${roundId}/events`, {
      type: 'POST_VACANCIES',
      payload: { vacancies: [vacancy] },
    });
    await event('hr', roundId, 'POST_VACANCIES', { vacancies: [vacancy] });

    at('2025-01-16T02:00:00Z');
    // the evidence is an upload of the teacher's (docs/files.md)
    const pdf = tinyPdf();
    const upload = await ok(201, 'teacher', 'POST', '/api/files', pdf, {
      'content-type': 'application/pdf',
      'x-file-name': encodeURIComponent('ทะเบียนบ้าน.pdf'),
    });
    evidenceFileId = upload.id;
    const evidence = [{ name: upload.name, size: upload.size, sha256: upload.sha256, fileId: upload.id, kind: 'ทะเบียนบ้าน' }];
    const filing = { submission: submission({ preferences: [w.a.schoolIds[1]], evidence }) };
    // the round does not take requests until they are opened
    await refused(409, 'CYCLE_CLOSED', 'teacher', 'POST', `/api/transfer-rounds/${roundId}/requests`, filing);
    await event('hr', roundId, 'OPEN_REQUESTS');

    at('2025-01-20T03:00:00Z');
    await refused(403, 'FORBIDDEN', 'director', 'POST', `/api/transfer-rounds/${roundId}/requests`, filing);
    await refused(404, 'CASE_NOT_FOUND', 'b.hr', 'POST', `/api/transfer-rounds/${roundId}/requests`, filing);
    const filed = await ok(201, 'teacher', 'POST', `/api/transfer-rounds/${roundId}/requests`, filing, { 'idempotency-key': 'file-1' });
    expect(filed).toMatchObject({ state: 'schoolReview', replayed: false });
    requestId = filed.caseId;
    // one request per teacher per round, refused with the reason
    const again = await call('teacher', 'POST', `/api/transfer-rounds/${roundId}/requests`, filing);
    expect({ status: again.statusCode, body: again.json() }).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PAYLOAD', detail: { reasons: [expect.objectContaining({ code: 'already_filed' })] } },
    });

    // the director of the teacher's school opens the evidence; a teacher not on the request does not find it
    const opened = await call('director', 'GET', `/api/files/${evidenceFileId}`);
    expect({ status: opened.statusCode, same: opened.rawPayload.equals(pdf) }).toEqual({ status: 200, same: true });
    await refused(404, 'FILE_NOT_FOUND', 'teacher2', 'GET', `/api/files/${evidenceFileId}`);

    at('2025-01-31T09:30:00Z'); // 16:30, the window closes
    expect(await event('hr', roundId, 'CLOSE_REQUESTS')).toMatchObject({ state: 'schoolReview' });
  });

  it('has the school director certify and the scores entered and verified by two different users', async () => {
    at('2025-02-03T02:00:00Z');
    const view = await ok(200, 'director', 'GET', `/api/cases/${requestId}`);
    expect(view.availableEvents.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['CERTIFY', 'RETURN_FOR_CORRECTION']));
    await refused(403, 'FORBIDDEN', 'teacher', 'POST', `/api/cases/${requestId}/events`, { type: 'CERTIFY', payload: {} });
    await refused(404, 'CASE_NOT_FOUND', 'director2', 'POST', `/api/cases/${requestId}/events`, { type: 'CERTIFY', payload: {} });
    await event('director', requestId, 'CERTIFY', { note: 'ตรวจสอบเอกสารครบถ้วน' }, { 'if-match': `"${view.case.revision}"` });
    await event('director', requestId, 'RECORD_BOARD_OPINION', { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568 วันที่ 3 ก.พ. 2568' });

    at('2025-02-06T08:00:00Z'); // 15:00 on 6 Feb: school review and corrections are over
    expect(await event('hr', roundId, 'CLOSE_SCHOOL_REVIEW')).toMatchObject({ state: 'scoring' });

    at('2025-02-10T02:00:00Z');
    await event('hr', requestId, 'ENTER_SCORES', { entries: { reason: 'home_district', workload: 'high', development: 'good' } });
    // four eyes: the one who entered the scores may not verify them (the refusal names the rule)
    await refused(409, 'SCORES_NEED_ANOTHER_USER', 'hr', 'POST', `/api/cases/${requestId}/events`, { type: 'VERIFY_SCORES', payload: {} });
    at('2025-02-17T02:00:00Z');
    expect(await event('group', requestId, 'VERIFY_SCORES')).toMatchObject({ state: 'awaitingMatch' });
    at('2025-02-21T02:00:00Z');
    expect(await event('hr', roundId, 'CLOSE_SCORING')).toMatchObject({ state: 'matching' });
  });

  it('matches, and the screening committee and the อ.ก.ค.ศ. เขต resolve at their meetings', async () => {
    at('2025-03-03T02:00:00Z');
    await refused(403, 'FORBIDDEN', 'group', 'POST', `/api/transfer-rounds/${roundId}/matching`);
    const matching = await ok(200, 'hr', 'POST', `/api/transfer-rounds/${roundId}/matching`);
    expect(matching).toMatchObject({
      runNo: 1,
      published: false,
      summary: { requests: 1, placed: 1, seats: 1, seatsFilled: 1 },
      proposals: [{ caseId: requestId, placed: true }],
    });
    // the run is kept on the round; publishing it to the committees sends the proposals
    await refused(403, 'FORBIDDEN', 'group', 'POST', `/api/transfer-rounds/${roundId}/matching/publish`, {});
    expect(await ok(200, 'hr', 'POST', `/api/transfer-rounds/${roundId}/matching/publish`, { digest: matching.digest })).toMatchObject({
      runNo: 1,
      published: true,
    });
    expect((await ok(200, 'hr', 'GET', `/api/cases/${roundId}`)).case.state).toBe('screening');

    const meetings = [
      ['screening', 'ประชุมคณะกรรมการกลั่นกรองการย้าย ครั้งที่ 1/2568', '2025-03-10T03:00:00Z', 'CLOSE_SCREENING', 'approval'],
      ['area', 'ประชุม อ.ก.ค.ศ. เขต ครั้งที่ 3/2568', '2025-03-25T03:00:00Z', 'CLOSE_APPROVAL', 'orders'],
    ] as const;
    let scheduledFrom = '2025-03-03T02:00:00Z';
    for (const [key, title, when, close, next] of meetings) {
      at(scheduledFrom);
      // a teacher is not seated on the committee: for them it does not exist
      await refused(404, 'COMMITTEE_NOT_FOUND', 'teacher', 'POST', `/api/committees/${committees[key]}/meetings`, {
        title,
        scheduledAt: when,
        place: 'ห้องประชุม สพป.',
      });
      const scheduled = await ok(201, 'group', 'POST', `/api/committees/${committees[key]}/meetings`, {
        title,
        scheduledAt: when,
        place: 'ห้องประชุม สพป.',
      });
      expect(scheduled.agendaItems).toBe(1);
      at(when);
      const quorum = await ok(200, 'group', 'POST', `/api/meetings/${scheduled.meetingId}/open`, { present: Object.values(members[key]) });
      expect(quorum).toMatchObject({ met: true });
      const meeting = await ok(200, 'group', 'GET', `/api/meetings/${scheduled.meetingId}`);
      expect(meeting.agenda).toEqual([expect.objectContaining({ caseId: requestId })]);
      const itemId = meeting.agenda[0].id as string;
      await refused(404, 'AGENDA_ITEM_NOT_FOUND', 'teacher', 'POST', `/api/agenda-items/${itemId}/votes`, { vote: 'approve' });
      for (const who of Object.keys(members[key]) as Who[])
        await ok(204, who, 'POST', `/api/agenda-items/${itemId}/votes`, { vote: 'approve' });
      expect(await ok(200, 'group', 'POST', `/api/agenda-items/${itemId}/resolution`, {})).toMatchObject({ resolution: 'approve' });
      w.clock.set(new Date(Date.parse(when) + 2 * 3600_000).toISOString());
      expect(await ok(200, 'group', 'POST', `/api/meetings/${scheduled.meetingId}/close`)).toEqual({ applied: 1, deferred: 0 });
      expect(await event('hr', roundId, close)).toMatchObject({ state: next });
      scheduledFrom = when;
    }
    expect((await ok(200, 'hr', 'GET', `/api/cases/${requestId}`)).case.state).toBe('orderSigning');
  });

  it('has the right authority sign the order, and the history tells who did what', async () => {
    at('2025-04-01T03:00:00Z');
    const order = {
      orderNo: '15/2568',
      signedOn: '2025-04-01',
      effectiveOn: '2025-04-16',
      reportBy: { date: '2025-04-21', time: '16:30' },
    };
    // a teacher without academic standing is moved by the school director (ม.53(4)), not the area director
    await refused(403, 'ORDER_SIGNER_MISMATCH', 'area', 'POST', `/api/cases/${requestId}/events`, { type: 'SIGN_ORDER', payload: order });
    expect(await event('director', requestId, 'SIGN_ORDER', order)).toMatchObject({ state: 'reportingForDuty' });

    const view = await ok(200, 'teacher', 'GET', `/api/cases/${requestId}`);
    expect(view.case).toMatchObject({
      workflowId: 'transfer-request',
      state: 'reportingForDuty',
      status: 'active',
      subjectPersonId: w.a.users.teacher.personId,
      schoolId: w.a.schoolIds[0],
    });
    const u = w.a.users;
    const history = (view.history as { eventType: string; actorKind: string; actorId: string; toState: string }[]).map((h) => [
      h.eventType,
      h.actorKind,
      h.actorId,
      h.toState,
    ]);
    expect(history.map((h) => h[0])).toEqual([
      '@start',
      'SUBMIT',
      'CERTIFY',
      'RECORD_BOARD_OPINION',
      'ENTER_SCORES',
      'VERIFY_SCORES',
      'PROPOSE_PLACEMENT',
      'SCREEN_PASS',
      'AREA_APPROVE',
      'SIGN_ORDER',
    ]);
    const actorOf = (type: string) => history.find((h) => h[0] === type)!.slice(1, 3);
    expect(actorOf('SUBMIT')).toEqual(['user', u.teacher.userId]);
    expect(actorOf('CERTIFY')).toEqual(['user', u.director.userId]);
    expect(actorOf('RECORD_BOARD_OPINION')).toEqual(['user', u.director.userId]);
    expect(actorOf('ENTER_SCORES')).toEqual(['user', u.hr.userId]);
    expect(actorOf('VERIFY_SCORES')).toEqual(['user', u.group.userId]);
    // the placement comes from the round's matching, sent by the system for the HR officer who published it
    expect(actorOf('PROPOSE_PLACEMENT')).toEqual(['system', 'system']);
    expect(actorOf('SCREEN_PASS')[0]).toBe('committee');
    expect(actorOf('AREA_APPROVE')[0]).toBe('committee');
    expect(actorOf('SIGN_ORDER')).toEqual(['user', u.director.userId]);

    const round = await ok(200, 'hr', 'GET', `/api/cases/${roundId}`);
    expect(round.case.state).toBe('orders');
    expect((round.history as { eventType: string; actorId: string }[]).map((h) => h.eventType)).toEqual([
      '@start',
      'POST_VACANCIES',
      'OPEN_REQUESTS',
      'CLOSE_REQUESTS',
      'CLOSE_SCHOOL_REVIEW',
      'CLOSE_SCORING',
      'RECORD_MATCHING',
      'PUBLISH_MATCHING',
      'CLOSE_SCREENING',
      'CLOSE_APPROVAL',
    ]);
    // the round was run by the HR officer alone; the system only recorded the matching run and its publication (a filing writes nothing on the round)
    const roundActors = new Set(
      (round.history as { eventType: string; actorId: string }[]).filter((h) => !h.eventType.endsWith('_MATCHING')).map((h) => h.actorId),
    );
    expect([...roundActors]).toEqual([u.hr.userId]);
    // the refusals on the way (a wrong role or person at each kind of step), each in problem+json
    expect(calls.filter((c) => /→ 4\d\d$/.test(c))).toHaveLength(18);
  });

  it('takes the signed scan of the order once it is signed: from HR or the signer, shown on the case and recorded in its timeline', async () => {
    const upload = async (who: Who, label: string) =>
      ok(201, who, 'POST', '/api/files?kind=signed-order', tinyPdf(label), {
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(`คำสั่ง ${label}.pdf`),
      });
    const byHr = await upload('hr', '15/2568');
    const bySigner = await upload('director', '15/2568 ฉบับผู้ลงนาม');
    const byTeacher = await upload('teacher', 'ของครู');
    // a teacher may not file the order; evidence is not a signed order
    await refused(403, 'FORBIDDEN', 'teacher', 'POST', `/api/cases/${requestId}/files`, { fileId: byTeacher.id });
    await refused(400, 'INVALID_PAYLOAD', 'hr', 'POST', `/api/cases/${requestId}/files`, {
      fileId: (await ok(201, 'hr', 'POST', '/api/files?kind=evidence', tinyPdf('x'), { 'x-file-name': 'x.pdf' })).id,
    });
    // the round's case has recorded no signing: no signed scan there
    await refused(409, 'EVENT_NOT_ALLOWED', 'hr', 'POST', `/api/cases/${roundId}/files`, { fileId: byHr.id });

    const attached = await ok(201, 'hr', 'POST', `/api/cases/${requestId}/files`, { fileId: byHr.id, note: 'สำเนาคำสั่งที่ลงนามแล้ว' });
    expect(await ok(200, 'hr', 'POST', `/api/cases/${requestId}/files`, { fileId: byHr.id })).toEqual({ ...attached, replayed: true });
    await ok(201, 'director', 'POST', `/api/cases/${requestId}/files`, { fileId: bySigner.id });

    const files = (await ok(200, 'teacher', 'GET', `/api/cases/${requestId}/files`)).items as {
      id: string;
      kind: string;
      attachedByName: string | null;
    }[];
    expect(files.filter((f) => f.kind === 'signed-order').map((f) => f.id)).toEqual([byHr.id, bySigner.id]);
    expect(files.find((f) => f.id === byHr.id)?.attachedByName).toEqual(expect.any(String));
    const scan = await call('teacher', 'GET', `/api/files/${byHr.id}?inline=true`);
    expect([scan.statusCode, scan.rawPayload.equals(tinyPdf('15/2568'))]).toEqual([200, true]);
    const view = await ok(200, 'teacher', 'GET', `/api/cases/${requestId}`);
    expect(view.case.state).toBe('reportingForDuty');
    expect((view.history as { eventType: string; reason: string | null; payload: { kind?: string } }[]).slice(-2)).toEqual([
      expect.objectContaining({
        eventType: '@file.attached',
        reason: 'สำเนาคำสั่งที่ลงนามแล้ว',
        payload: expect.objectContaining({ fileId: byHr.id, kind: 'signed-order' }),
      }),
      expect.objectContaining({ eventType: '@file.attached', payload: expect.objectContaining({ fileId: bySigner.id }) }),
    ]);
    expect(await w.engine.verifyHistory(requestId)).toMatchObject({ ok: true });
    expect(await w.engine.replayHistory(requestId)).toMatchObject({ ok: true });
  });
});
