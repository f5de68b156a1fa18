/**
 * Moves to another area between two offices on one esa-flow over HTTP (issue
 * 21, Act ม.59), against real PostgreSQL: office A's HR officer finds office
 * B's vacancy among those other offices offer and posts it in A's round; A's
 * teacher files for it; A's publication forwards the request (not placed by
 * A); B reads only what it needs to rank, its round ranks the request with
 * its own applicant for its one seat, B's HR officer records its อ.ก.ค.ศ.'s
 * resolution, which returns to A's request. Every read and write is scoped
 * to the two offices; a repeated decision replays, a different one is
 * refused; a person cannot record B's resolution on A's request by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LightMyRequestResponse } from 'fastify';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568, submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld({}, transferWorkflows);
});
afterAll(() => w.close());

/** Sessions signed in at the clock's moment: moving the clock by weeks signs everyone in again. */
const cookies = new Map<string, string>();
const at = (iso: string) => {
  w.clock.set(iso);
  cookies.clear();
};
async function call(
  who: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  if (!cookies.has(who)) {
    const [office, key] = who.split('.') as ['a' | 'b', keyof ServerWorld['a']['users']];
    const { username } = await w.tdb.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', w[office].users[key].userId)
      .executeTakeFirstOrThrow();
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
    cookies.set(who, `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`);
  }
  return w.app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    headers: { cookie: cookies.get(who)!, ...headers },
  });
}
async function ok(status: number, who: string, method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>) {
  const res = await call(who, method, url, body, headers);
  expect({ url, status: res.statusCode, body: res.statusCode === status ? null : res.json() }).toEqual({ url, status, body: null });
  return res.json();
}
/** A refusal: its status and code, a message in Thai and English, and nothing written to the case. */
async function refused(
  status: number,
  code: string,
  who: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  caseId?: string,
): Promise<LightMyRequestResponse> {
  const before = caseId
    ? await w.tdb.db.selectFrom('cases').select(['revision', 'history_length']).where('id', '=', caseId).executeTakeFirstOrThrow()
    : null;
  const res = await call(who, method, url, body);
  expect({ url, who, status: res.statusCode, code: res.json().code }).toEqual({ url, who, status, code });
  expect(res.json().message).toEqual({ th: expect.stringMatching(/[\u0E00-\u0E7F]/), en: expect.any(String) });
  if (caseId)
    expect(
      await w.tdb.db.selectFrom('cases').select(['revision', 'history_length']).where('id', '=', caseId).executeTakeFirstOrThrow(),
    ).toEqual(before);
  return res;
}
const event = (who: string, caseId: string, type: string, payload: unknown = {}) =>
  ok(200, who, 'POST', `/api/cases/${caseId}/events`, { type, payload });
const stateOf = async (caseId: string) =>
  (await w.tdb.db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirstOrThrow()).state;

const rounds = { a: '', b: '' };
const req = { far: '', home: '' };
let exchangeId = '';

async function file(who: string, roundId: string, preferences: string[], over: Parameters<typeof submission>[0] = {}) {
  const upload = await ok(201, who, 'POST', '/api/files', tinyPdf(who), {
    'content-type': 'application/pdf',
    'x-file-name': encodeURIComponent('ทะเบียนบ้าน.pdf'),
  });
  const evidence = [{ name: upload.name, size: upload.size, sha256: upload.sha256, fileId: upload.id, kind: 'ทะเบียนบ้าน' }];
  return (
    await ok(201, who, 'POST', `/api/transfer-rounds/${roundId}/requests`, { submission: submission({ preferences, evidence, ...over }) })
  ).caseId as string;
}

describe('a move to another office on the same esa-flow, over HTTP', () => {
  it('offers B’s vacancy to A’s HR officer only, who posts it as a vacancy of another area', async () => {
    at('2025-01-06T02:00:00Z');
    rounds.a = (
      await ok(201, 'a.hr', 'POST', '/api/cases', {
        workflowId: 'transfer-round',
        officeId: w.a.officeId,
        title: 'การย้าย ครั้งที่ 1/2568 เขต A',
        input: ROUND_1_2568,
      })
    ).caseId;
    rounds.b = (
      await ok(201, 'b.hr', 'POST', '/api/cases', {
        workflowId: 'transfer-round',
        officeId: w.b.officeId,
        title: 'การย้าย ครั้งที่ 1/2568 เขต B',
        input: ROUND_1_2568,
      })
    ).caseId;
    await event('b.hr', rounds.b, 'POST_VACANCIES', {
      vacancies: [{ id: 'V1', schoolId: w.b.schoolIds[1], schoolName: 'โรงเรียนบีสอง', subject: 'คณิตศาสตร์', count: 1 }],
    });

    const offered = (await ok(200, 'a.hr', 'GET', `/api/transfer-rounds/${rounds.a}/cross-area-vacancies`)).items;
    expect(offered).toEqual([
      {
        roundCaseId: rounds.b,
        officeCode: expect.any(String),
        officeName: 'สพป.ทดสอบ B',
        roundLabel: expect.stringContaining('1/2568'),
        vacancies: [{ schoolId: w.b.schoolIds[1], schoolName: 'โรงเรียนบีสอง', subject: 'คณิตศาสตร์', count: 1 }],
      },
    ]);
    await refused(403, 'FORBIDDEN', 'a.group', 'GET', `/api/transfer-rounds/${rounds.a}/cross-area-vacancies`);
    await refused(404, 'CASE_NOT_FOUND', 'a.teacher', 'GET', `/api/transfer-rounds/${rounds.a}/cross-area-vacancies`);
    await refused(404, 'CASE_NOT_FOUND', 'b.hr', 'GET', `/api/transfer-rounds/${rounds.a}/cross-area-vacancies`);

    const area = { code: offered[0].officeCode, name: offered[0].officeName };
    await event('a.hr', rounds.a, 'POST_VACANCIES', {
      vacancies: [
        { id: 'V1', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียนเอสอง', subject: 'คณิตศาสตร์', count: 1 },
        { id: 'X1', ...offered[0].vacancies[0], area },
      ],
    });
    at('2025-01-16T02:00:00Z');
    await event('a.hr', rounds.a, 'OPEN_REQUESTS');
    await event('b.hr', rounds.b, 'OPEN_REQUESTS');
    at('2025-01-20T03:00:00Z');
    req.far = await file('a.teacher', rounds.a, [w.b.schoolIds[1]]);
    req.home = await file('b.teacher', rounds.b, [w.b.schoolIds[1]], { reason: 'other' });
    // one area per request: this area's school and another's together are refused with the reason
    const mixed = await call('a.teacher2', 'POST', `/api/transfer-rounds/${rounds.a}/requests`, {
      submission: submission({ preferences: [w.a.schoolIds[1], w.b.schoolIds[1]] }),
    });
    expect({ status: mixed.statusCode, reasons: mixed.json().detail.reasons.map((r: { code: string }) => r.code) }).toEqual({
      status: 400,
      reasons: expect.arrayContaining(['preferences_across_areas']),
    });

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
    for (const [o, id] of [
      ['a', req.far],
      ['b', req.home],
    ] as const) {
      await event(`${o}.hr`, id, 'ENTER_SCORES', {
        entries: { reason: o === 'a' ? 'home_district' : 'other', workload: 'high', development: 'good' },
      });
      await event(`${o}.group`, id, 'VERIFY_SCORES');
    }
    at('2025-02-21T02:00:00Z');
    for (const o of ['a', 'b'] as const) await event(`${o}.hr`, rounds[o], 'CLOSE_SCORING');
  });

  it('forwards the request when A publishes; B reads only what it needs to rank; a person cannot forward or record B’s resolution', async () => {
    at('2025-03-03T02:00:00Z');
    // FORWARD_TO_AREA is the system's
    const forward = {
      exchangeId: '00000000-0000-4000-8000-000000000001',
      toArea: { code: 'x', name: 'x' },
      schools: [{ schoolId: w.b.schoolIds[1], schoolName: 'x' }],
    };
    await refused(
      403,
      'SYSTEM_ONLY_EVENT',
      'a.hr',
      'POST',
      `/api/cases/${req.far}/events`,
      { type: 'FORWARD_TO_AREA', payload: forward },
      req.far,
    );

    const run = await ok(200, 'a.hr', 'POST', `/api/transfer-rounds/${rounds.a}/matching`);
    expect(run.summary).toMatchObject({ requests: 0, placed: 0, seats: 1 });
    await ok(200, 'a.hr', 'POST', `/api/transfer-rounds/${rounds.a}/matching/publish`, { digest: run.digest });
    expect(await stateOf(req.far)).toBe('forwardedToArea');

    const sent = await ok(200, 'a.hr', 'GET', `/api/transfer-rounds/${rounds.a}/exchanges`);
    expect(sent.incoming).toEqual([]);
    expect(sent.outgoing).toEqual([
      expect.objectContaining({ requestCaseId: req.far, toOfficeName: 'สพป.ทดสอบ B', state: 'forwarded', decision: null }),
    ]);
    exchangeId = sent.outgoing[0].exchangeId;
    expect((await ok(200, 'a.teacher', 'GET', `/api/transfer-requests/${req.far}/exchange`)).exchange).toMatchObject({
      exchangeId,
      state: 'forwarded',
    });
    await refused(404, 'CASE_NOT_FOUND', 'b.hr', 'GET', `/api/transfer-requests/${req.far}/exchange`);

    const seen = await ok(200, 'b.hr', 'GET', `/api/transfer-rounds/${rounds.b}/exchanges`);
    expect(seen.incoming).toEqual([
      expect.objectContaining({
        exchangeId,
        fromOfficeName: 'สพป.ทดสอบ A',
        teacherName: expect.stringContaining('teacher'),
        major: 'คณิตศาสตร์',
        score: 47,
        state: 'forwarded',
        may: { decide: false, signOrder: false },
      }),
    ]);
    // nothing of A's request beyond what ranking and the order need: no ids of people, no evidence, no reason
    expect(Object.keys(seen.incoming[0]).sort()).toEqual([
      'academicStanding',
      'currentSchoolName',
      'decidedOn',
      'decision',
      'exchangeId',
      'forwardedAt',
      'fromOfficeName',
      'kind',
      'major',
      'may',
      'orderDue',
      'ranked',
      'requiredSigner',
      'resolutionRef',
      'schools',
      'score',
      'state',
      'teacherName',
    ]);
    expect(JSON.stringify(seen)).not.toContain(w.a.users.teacher.personId);
    await refused(404, 'CASE_NOT_FOUND', 'a.hr', 'GET', `/api/transfer-rounds/${rounds.b}/exchanges`);
    // B's people cannot read A's request itself
    await refused(404, 'CASE_NOT_FOUND', 'b.hr', 'GET', `/api/cases/${req.far}`);

    // B's resolution on A's request is not recorded by hand: refused with the reason, not offered, nothing written
    const byHand = await refused(
      409,
      'RECEIVING_AREA_BY_EXCHANGE',
      'a.hr',
      'POST',
      `/api/cases/${req.far}/events`,
      { type: 'RECEIVING_AREA_APPROVED', payload: { area: 'สพป.ทดสอบ B', resolutionRef: 'มติ 3/2568', decidedOn: '2025-03-03' } },
      req.far,
    );
    expect(byHand.json().detail).toMatchObject({ area: { name: 'สพป.ทดสอบ B' } });
    const offeredEvents = (await ok(200, 'a.hr', 'GET', `/api/cases/${req.far}`)).availableEvents.map((e: { type: string }) => e.type);
    expect(offeredEvents.filter((t: string) => t.startsWith('RECEIVING_AREA'))).toEqual([]);
    // B's decision before its round ranked the request: refused
    await refused(
      409,
      'TRANSFER_EXCHANGE_NOT_RANKED',
      'b.hr',
      'POST',
      `/api/transfer-exchanges/${exchangeId}/decision`,
      { decision: 'approved', resolutionRef: 'มติ 3/2568', decidedOn: '2025-03-03' },
      req.far,
    );
  });

  it('ranks the forwarded request with B’s own applicant for its one seat: filled once', async () => {
    const run = await ok(200, 'b.hr', 'POST', `/api/transfer-rounds/${rounds.b}/matching`);
    expect(run.summary).toEqual({ requests: 2, placed: 1, swapped: 0, unplaced: 1, seats: 1, seatsFilled: 1 });
    // the run's proposals are B's own requests only (A's request is not B's case)
    expect(run.proposals).toEqual([{ caseId: req.home, placed: false }]);
    const admin = await ok(200, 'b.hr', 'GET', `/api/transfer-rounds/${rounds.b}/administration`);
    expect(
      admin.matching.results[0].applicants.map((a: { teacherName: string; rank: number; result: string }) => [
        a.teacherName.includes('สพป.ทดสอบ A'),
        a.rank,
        a.result,
      ]),
    ).toEqual([
      [true, 1, 'placed'],
      [false, 2, 'outranked'],
    ]);
    await ok(200, 'b.hr', 'POST', `/api/transfer-rounds/${rounds.b}/matching/publish`, { digest: run.digest });
    const seen = (await ok(200, 'b.hr', 'GET', `/api/transfer-rounds/${rounds.b}/exchanges`)).incoming[0];
    expect(seen).toMatchObject({ state: 'ranked', ranked: { placedAt: 'โรงเรียนบีสอง', rank: 1, applicants: 2 }, may: { decide: true } });
    expect(await stateOf(req.home)).toBe('screening');
    const home = await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', req.home).executeTakeFirstOrThrow();
    expect((home.snapshot as { context: { proposal: { placement: unknown } } }).context.proposal.placement).toBeNull();
  });

  it('records B’s resolution by B’s HR officer only, once, and returns it to A’s request', async () => {
    at('2025-03-20T03:00:00Z');
    const url = `/api/transfer-exchanges/${exchangeId}/decision`;
    const body = { decision: 'approved', resolutionRef: 'มติ อ.ก.ค.ศ. สพป.ทดสอบ B ครั้งที่ 3/2568', decidedOn: '2025-03-19' };
    await refused(403, 'FORBIDDEN', 'a.hr', 'POST', url, body, req.far);
    await refused(403, 'FORBIDDEN', 'b.teacher', 'POST', url, body, req.far);
    await refused(404, 'TRANSFER_EXCHANGE_NOT_FOUND', 'b.hr', 'POST', '/api/transfer-exchanges/not-an-id/decision', body);
    await refused(
      404,
      'TRANSFER_EXCHANGE_NOT_FOUND',
      'b.hr',
      'POST',
      '/api/transfer-exchanges/00000000-0000-4000-8000-000000000009/decision',
      body,
    );
    await refused(400, 'INVALID_PAYLOAD', 'b.hr', 'POST', url, { ...body, decidedOn: '2025-03-21' }, req.far);
    await refused(400, 'INVALID_PAYLOAD', 'b.hr', 'POST', url, { ...body, decision: 'maybe' }, req.far);

    const first = await ok(200, 'b.hr', 'POST', url, body, { 'idempotency-key': 'decide-1' });
    expect(first).toEqual({ exchangeId, state: 'returned', requestState: 'screening', replayed: false });
    const history = await w.tdb.db.selectFrom('cases').select('history_length').where('id', '=', req.far).executeTakeFirstOrThrow();
    expect(await ok(200, 'b.hr', 'POST', url, body, { 'idempotency-key': 'decide-1' })).toEqual({ ...first, replayed: true });
    expect(await ok(200, 'b.hr', 'POST', url, body)).toEqual({ ...first, replayed: true });
    await refused(409, 'TRANSFER_EXCHANGE_DECIDED', 'b.hr', 'POST', url, { ...body, decision: 'rejected' }, req.far);
    expect(await w.tdb.db.selectFrom('cases').select('history_length').where('id', '=', req.far).executeTakeFirstOrThrow()).toEqual(
      history,
    );

    const request = await ok(200, 'a.hr', 'GET', `/api/cases/${req.far}`);
    expect(request.case.state).toBe('screening');
    expect(request.history.at(-1)).toMatchObject({
      actorKind: 'system',
      eventType: 'RECEIVING_AREA_DECIDED',
      reason: expect.stringContaining('สพป.ทดสอบ B'),
    });
    const { context } = (await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', req.far).executeTakeFirstOrThrow())
      .snapshot as { context: { receivingArea: unknown; proposal: { placement: unknown } } };
    expect(context.receivingArea).toEqual({
      decision: 'approved',
      area: 'สพป.ทดสอบ B',
      resolutionRef: body.resolutionRef,
      decidedOn: '2025-03-19',
    });
    expect(context.proposal.placement).toMatchObject({ schoolId: w.b.schoolIds[1], crossArea: true, rank: 1, applicants: 2 });
    expect((await ok(200, 'a.hr', 'GET', `/api/transfer-rounds/${rounds.a}/exchanges`)).outgoing[0]).toMatchObject({
      state: 'returned',
      decision: 'approved',
      placedAt: 'โรงเรียนบีสอง',
      decidedOn: '2025-03-19',
    });

    // the order comes later, in B, by the authority over the post: not yet (A's committees first), and never A's director
    const order = {
      orderNo: '45/2568',
      signedOn: '2025-03-20',
      effectiveOn: '2025-04-16',
      reportBy: { date: '2025-04-21', time: '16:30' },
    };
    await refused(
      409,
      'TRANSFER_EXCHANGE_NOT_AT_ORDER',
      'b.director2',
      'POST',
      `/api/transfer-exchanges/${exchangeId}/order`,
      order,
      req.far,
    );
    await refused(403, 'ORDER_SIGNER_MISMATCH', 'a.director', 'POST', `/api/transfer-exchanges/${exchangeId}/order`, order, req.far);
    expect((await ok(200, 'b.director2', 'GET', '/api/transfer-exchanges/orders-to-sign')).items).toEqual([]);
  });
});
