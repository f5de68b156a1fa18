/**
 * The integrity of a transfer round over HTTP (issue 21), against real
 * PostgreSQL: a vacancy names a school of the office in plain text; fifty
 * teachers filing at the same moment are all accepted, and a filing retried
 * with its Idempotency-Key replays the first answer; matching results and
 * placements come only from the round's matching (the generic events route
 * refuses them for people, who are not offered them), the matching can be run
 * again until it is published, each run kept with its digest; refusals name
 * the rule that failed. Every refusal writes nothing (the case's revision and
 * history stay as they were).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LightMyRequestResponse } from 'fastify';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568, submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
const cookies = new Map<string, string>();
/** the fifty teachers of school 1 filed for this test: username and person id */
const crowd: { username: string; personId: string }[] = [];

beforeAll(async () => {
  w = await startServerWorld({}, transferWorkflows);
  const { password_hash } = await w.tdb.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', w.a.users.teacher.userId)
    .executeTakeFirstOrThrow();
  for (let i = 1; i <= 50; i++) {
    const username = `crowd-${i}`;
    const person = await w.tdb.db
      .insertInto('people')
      .values({
        first_name_th: `ครู${i}`,
        last_name_th: 'ยื่นพร้อมกัน',
        office_id: w.a.officeId,
        school_id: w.a.schoolIds[0],
        email: `${username}@example.test`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await w.tdb.db
      .insertInto('users')
      .values({ username, person_id: person.id, email: `${username}@example.test`, password_hash })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.tdb.db
      .insertInto('role_assignments')
      .values({
        user_id: user.id,
        role: 'teacher',
        office_id: w.a.officeId,
        school_id: w.a.schoolIds[0],
        valid_from: '2020-01-01T00:00:00Z',
      })
      .execute();
    crowd.push({ username, personId: person.id });
  }
});
afterAll(() => w.close());

function at(iso: string): void {
  w.clock.set(iso);
  cookies.clear();
}

async function signIn(username: string): Promise<string> {
  const cached = cookies.get(username);
  if (cached) return cached;
  const res = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const value = `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;
  cookies.set(username, value);
  return value;
}

type Who = 'hr' | 'group' | 'director' | 'teacher' | 'teacher2';
const usernameOf = async (who: Who) =>
  (await w.tdb.db.selectFrom('users').select('username').where('id', '=', w.a.users[who].userId).executeTakeFirstOrThrow()).username;

async function call(
  who: Who | string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const username = who in w.a.users ? await usernameOf(who as Who) : who;
  return w.app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    headers: { cookie: await signIn(username), ...headers },
  });
}

async function ok(
  status: number,
  who: Who | string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) {
  const res = await call(who, method, url, body, headers);
  expect({ url, status: res.statusCode, body: res.statusCode === status ? null : res.json() }).toEqual({ url, status, body: null });
  return res.json();
}

/** A refusal: its status and code, a message in Thai and English, and nothing written to the case. */
async function refused(status: number, code: string, who: Who | string, url: string, body: unknown, caseId: string) {
  const before = await w.tdb.db
    .selectFrom('cases')
    .select(['revision', 'history_length'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const res = await call(who, 'POST', url, body);
  const problem = res.json();
  expect({ url, status: res.statusCode, code: problem.code }).toEqual({ url, status, code });
  expect(problem.message).toEqual({ th: expect.stringMatching(/[\u0E00-\u0E7F]/), en: expect.any(String) });
  const after = await w.tdb.db
    .selectFrom('cases')
    .select(['revision', 'history_length'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  expect(after).toEqual(before);
  return problem;
}

const event = (who: Who, caseId: string, type: string, payload: unknown = {}) =>
  ok(200, who, 'POST', `/api/cases/${caseId}/events`, { type, payload });
const offered = async (who: Who, caseId: string) =>
  ((await ok(200, who, 'GET', `/api/cases/${caseId}`)).availableEvents as { type: string }[]).map((e) => e.type);

let roundId = '';
const filed = new Map<string, string>(); // username → request case id

describe('a transfer round’s integrity over HTTP', () => {
  it('takes only vacancies at schools of the office, with plain names and whole seats', async () => {
    at('2025-01-06T02:00:00Z');
    roundId = (
      await ok(201, 'hr', 'POST', '/api/cases', {
        workflowId: 'transfer-round',
        officeId: w.a.officeId,
        title: 'การย้ายข้าราชการครู ครั้งที่ 1/2568',
        input: ROUND_1_2568,
      })
    ).caseId;
    const good = { id: 'V01', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียนบ้านเขา', subject: 'คณิตศาสตร์', count: 1 };
    const post = (v: unknown) => ({ type: 'POST_VACANCIES', payload: { vacancies: [v] } });
    const url = `/api/cases/${roundId}/events`;
    const missing = await refused(
      400,
      'SCHOOL_NOT_IN_OFFICE',
      'hr',
      url,
      post({ ...good, schoolId: '00000000-0000-4000-8000-000000000099' }),
      roundId,
    );
    expect(missing.detail).toMatchObject({ path: 'vacancies.0.schoolId' });
    await refused(400, 'SCHOOL_NOT_IN_OFFICE', 'hr', url, post({ ...good, schoolId: w.b.schoolIds[0] }), roundId);
    await refused(400, 'SCHOOL_NOT_IN_OFFICE', 'hr', url, post({ ...good, schoolId: 'S-NA' }), roundId);
    await refused(400, 'INVALID_PAYLOAD', 'hr', url, post({ ...good, schoolName: '<img src=x onerror=alert(1)>' }), roundId);
    await refused(400, 'INVALID_PAYLOAD', 'hr', url, post({ ...good, subject: '<b>คณิต</b>' }), roundId);
    for (const count of [0, -1, 1.5, '2']) await refused(400, 'INVALID_PAYLOAD', 'hr', url, post({ ...good, count }), roundId);
    // the request window has not begun: the refusal names the moment
    const early = await refused(409, 'ROUND_PHASE_NOT_DUE', 'hr', url, { type: 'OPEN_REQUESTS', payload: {} }, roundId);
    expect(early.detail).toMatchObject({ rule: 'no_vacancies' });
    await event('hr', roundId, 'POST_VACANCIES', { vacancies: [good] });
    const notYet = await refused(409, 'ROUND_PHASE_NOT_DUE', 'hr', url, { type: 'OPEN_REQUESTS', payload: {} }, roundId);
    expect(notYet.detail).toMatchObject({ notBefore: { date: '2025-01-16', time: '08:30' } });
    at('2025-01-16T02:00:00Z');
    await event('hr', roundId, 'OPEN_REQUESTS');
  });

  it('accepts fifty teachers filing at the same moment, and replays a filing retried with its key', async () => {
    at('2025-01-20T03:00:00Z');
    const ready = await Promise.all(
      crowd.map(async ({ username }) => {
        const upload = await ok(201, username, 'POST', '/api/files', tinyPdf(username), {
          'content-type': 'application/pdf',
          'x-file-name': encodeURIComponent('ทะเบียนบ้าน.pdf'),
        });
        const evidence = [{ name: upload.name, size: upload.size, sha256: upload.sha256, fileId: upload.id, kind: 'ทะเบียนบ้าน' }];
        return { username, body: { submission: submission({ preferences: [w.a.schoolIds[1]], evidence }) } };
      }),
    );
    const answers = await Promise.all(
      ready.map(async ({ username, body }) => ({
        username,
        body,
        res: await call(username, 'POST', `/api/transfer-rounds/${roundId}/requests`, body, { 'idempotency-key': `file-${username}` }),
      })),
    );
    expect(answers.map((a) => [a.username, a.res.statusCode, a.res.statusCode === 201 ? null : a.res.json()])).toEqual(
      ready.map((r) => [r.username, 201, null]),
    );
    for (const a of answers) filed.set(a.username, a.res.json().caseId);
    expect(new Set(filed.values()).size).toBe(50);
    const states = await w.tdb.db
      .selectFrom('cases')
      .select(['state', 'subject_person_id'])
      .where('parent_case_id', '=', roundId)
      .execute();
    expect(states).toHaveLength(50);
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(['schoolReview']));
    // the round's counters are derived from its children: the filings wrote nothing on the round
    const round = await w.tdb.db.selectFrom('cases').select(['revision', 'state']).where('id', '=', roundId).executeTakeFirstOrThrow();
    expect(round).toEqual({ revision: 3, state: 'requestsOpen' });

    // retried with its key: the first answer again (201, the same case), marked replayed
    const first = answers[0]!;
    const again = await call(first.username, 'POST', `/api/transfer-rounds/${roundId}/requests`, first.body, {
      'idempotency-key': `file-${first.username}`,
    });
    expect({ status: again.statusCode, body: again.json() }).toEqual({
      status: 201,
      body: { ...first.res.json(), replayed: true },
    });
    // the same key with another filing is refused; without a key, a second filing is refused with its reason
    const other = { submission: { ...first.body.submission, reason: 'care_parents' } };
    const reused = await call(first.username, 'POST', `/api/transfer-rounds/${roundId}/requests`, other, {
      'idempotency-key': `file-${first.username}`,
    });
    expect([reused.statusCode, reused.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const twice = await call(first.username, 'POST', `/api/transfer-rounds/${roundId}/requests`, first.body);
    expect({ status: twice.statusCode, body: twice.json() }).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PAYLOAD', detail: { reasons: [expect.objectContaining({ code: 'already_filed' })] } },
    });
    expect(await w.tdb.db.selectFrom('cases').select('id').where('parent_case_id', '=', roundId).execute()).toHaveLength(50);
  });

  it('says which rule refused an action: the fix-by moment, the scores, four eyes', async () => {
    const [one, two, three] = [...filed.values()];
    at('2025-02-03T02:00:00Z');
    const late = await refused(
      400,
      'FIX_BY_OUT_OF_RANGE',
      'director',
      `/api/cases/${three}/events`,
      { type: 'RETURN_FOR_CORRECTION', payload: { note: 'ขาดเอกสาร', fixBy: { date: '2025-02-20', time: '15:00' } } },
      three!,
    );
    expect(late.detail).toMatchObject({ correctionUntil: { date: '2025-02-06', time: '15:00' } });
    for (const id of [one!, two!]) {
      await event('director', id, 'CERTIFY', { note: 'ตรวจสอบแล้ว' });
      await event('director', id, 'RECORD_BOARD_OPINION', { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' });
    }
    at('2025-02-06T08:00:00Z');
    await event('hr', roundId, 'CLOSE_REQUESTS');
    await event('hr', roundId, 'CLOSE_SCHOOL_REVIEW');

    at('2025-02-10T02:00:00Z');
    const incomplete = await refused(
      400,
      'SCORES_INCOMPLETE',
      'hr',
      `/api/cases/${one}/events`,
      { type: 'ENTER_SCORES', payload: { entries: { reason: 'home_district', workload: 'nonsense' } } },
      one!,
    );
    expect(incomplete.detail.problems).toEqual(
      expect.arrayContaining([expect.stringContaining('workload'), expect.stringContaining('development')]),
    );
    for (const id of [one!, two!])
      await event('hr', id, 'ENTER_SCORES', { entries: { reason: 'home_district', workload: 'high', development: 'good' } });
    const own = await refused(
      409,
      'SCORES_NEED_ANOTHER_USER',
      'hr',
      `/api/cases/${one}/events`,
      { type: 'VERIFY_SCORES', payload: {} },
      one!,
    );
    expect(own.message.th).toContain('คะแนนต้องยืนยันโดยผู้อื่น');
    for (const id of [one!, two!]) await event('group', id, 'VERIFY_SCORES');
    at('2025-02-21T02:00:00Z');
    expect(await event('hr', roundId, 'CLOSE_SCORING')).toMatchObject({ state: 'matching' });
  });

  it('takes matching results and placements only from the round’s matching, run again until published, each run kept', async () => {
    const [one, two] = [...filed.values()];
    at('2025-03-03T02:00:00Z');
    const madeUp = {
      summary: { requests: 999, placed: 999, swapped: 0, unplaced: 0, seats: 1, seatsFilled: 999 },
      digest: '0'.repeat(64),
      tieBreak: [],
    };
    const placement = {
      placement: {
        kind: 'vacancy',
        vacancyId: 'V01',
        schoolId: w.a.schoolIds[1],
        schoolName: 'โรงเรียนบ้านเขา',
        preference: 1,
        crossArea: false,
      },
      explanation: { th: 'ก', en: 'a' },
      preferences: [],
    };
    for (const [caseId, type, payload] of [
      [roundId, 'RECORD_MATCHING', madeUp],
      [roundId, 'RECORD_MATCHING', { ...madeUp, requestedBy: 'x', proposals: [] }],
      [roundId, 'PUBLISH_MATCHING', { digest: '0'.repeat(64), requestedBy: 'x' }],
      [one!, 'PROPOSE_PLACEMENT', placement],
      [one!, 'PROPOSE_NO_PLACEMENT', { explanation: { th: 'ก', en: 'a' }, preferences: [], swapProblem: null }],
    ] as const) {
      const problem = await refused(403, 'SYSTEM_ONLY_EVENT', 'hr', `/api/cases/${caseId}/events`, { type, payload }, caseId);
      expect(problem.detail.via.th).toContain('/api/transfer-rounds/');
    }
    expect(await offered('hr', roundId)).not.toEqual(expect.arrayContaining(['RECORD_MATCHING']));
    expect((await offered('hr', roundId)).filter((t) => ['RECORD_MATCHING', 'PUBLISH_MATCHING'].includes(t))).toEqual([]);
    expect((await offered('hr', one!)).filter((t) => t.startsWith('PROPOSE_'))).toEqual([]);

    // two runs on the same requests: the same digest, both kept; the requests wait until the run is published
    const run1 = await ok(200, 'hr', 'POST', `/api/transfer-rounds/${roundId}/matching`);
    expect(run1).toMatchObject({ runNo: 1, published: false, summary: { requests: 2, placed: 1, seats: 1, seatsFilled: 1 } });
    const run2 = await ok(200, 'hr', 'POST', `/api/transfer-rounds/${roundId}/matching`);
    expect(run2).toMatchObject({ runNo: 2, digest: run1.digest });
    expect((await ok(200, 'hr', 'GET', `/api/cases/${one}`)).case.state).toBe('awaitingMatch');
    expect((await ok(200, 'hr', 'GET', `/api/cases/${roundId}`)).case.state).toBe('matching');

    // a request changes after the run: publishing it is refused, nothing sent; a new run is then in force
    const placedId = run1.proposals.find((p: { placed: boolean }) => p.placed).caseId as string;
    const teacherOf = [...filed.entries()].find(([, id]) => id === placedId)![0];
    expect(
      await ok(200, teacherOf, 'POST', `/api/cases/${placedId}/events`, { type: 'WITHDRAW', payload: { reason: 'ไม่ประสงค์ย้ายแล้ว' } }),
    ).toMatchObject({ state: 'withdrawn' });
    await refused(409, 'MATCHING_STALE', 'hr', `/api/transfer-rounds/${roundId}/matching/publish`, {}, roundId);
    const stillWaiting = placedId === one ? two! : one!;
    expect((await ok(200, 'hr', 'GET', `/api/cases/${stillWaiting}`)).case.state).toBe('awaitingMatch');
    const run3 = await ok(200, 'hr', 'POST', `/api/transfer-rounds/${roundId}/matching`);
    expect(run3).toMatchObject({ runNo: 3, summary: { requests: 1, placed: 1 } });
    expect(run3.digest).not.toBe(run1.digest);
    // naming an earlier run is refused: the latest is the one in force
    await refused(409, 'MATCHING_STALE', 'hr', `/api/transfer-rounds/${roundId}/matching/publish`, { digest: run1.digest }, roundId);
    await refused(403, 'FORBIDDEN', 'group', `/api/transfer-rounds/${roundId}/matching/publish`, {}, roundId);

    const published = await ok(200, 'hr', 'POST', `/api/transfer-rounds/${roundId}/matching/publish`, { digest: run3.digest });
    expect(published).toMatchObject({
      runNo: 3,
      published: true,
      digest: run3.digest,
      proposals: [{ caseId: stillWaiting, placed: true }],
    });
    const request = await ok(200, 'hr', 'GET', `/api/cases/${stillWaiting}`);
    expect(request.case.state).toBe('screening');
    const proposal = (request.history as { eventType: string; actorKind: string; reason: string | null }[]).find(
      (h) => h.eventType === 'PROPOSE_PLACEMENT',
    )!;
    expect(proposal).toMatchObject({ actorKind: 'system', reason: 'เสนอผลการจับคู่ รอบ 1/2568 (ประมวลผลครั้งที่ 3) ต่อคณะกรรมการ' });

    const round = await ok(200, 'hr', 'GET', `/api/cases/${roundId}`);
    expect(round.case.state).toBe('screening');
    const context = (await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', roundId).executeTakeFirstOrThrow())
      .snapshot as {
      context: {
        runs: { runNo: number; digest: string; requestedBy: string }[];
        matching: { runNo: number };
        published: { runNo: number; digest: string };
      };
    };
    expect(context.context.runs.map((r) => [r.runNo, r.digest, r.requestedBy])).toEqual([
      [1, run1.digest, w.a.users.hr.userId],
      [2, run1.digest, w.a.users.hr.userId],
      [3, run3.digest, w.a.users.hr.userId],
    ]);
    expect(context.context.published).toMatchObject({ runNo: 3, digest: run3.digest });
    const matchingEvents = (round.history as { eventType: string; actorKind: string }[]).filter((h) =>
      ['RECORD_MATCHING', 'PUBLISH_MATCHING'].includes(h.eventType),
    );
    expect(matchingEvents.map((h) => [h.eventType, h.actorKind])).toEqual([
      ['RECORD_MATCHING', 'system'],
      ['RECORD_MATCHING', 'system'],
      ['RECORD_MATCHING', 'system'],
      ['PUBLISH_MATCHING', 'system'],
    ]);
    // screening has begun: nothing waits for matching, so there is nothing to run
    const after = await call('hr', 'POST', `/api/transfer-rounds/${roundId}/matching`);
    expect([after.statusCode, after.json().code]).toEqual([409, 'EVENT_NOT_ALLOWED']);

    // the screening committee sends the request back: a rematch matches it to the seats left (its own, now free) and proposes at once
    const committee = { kind: 'committee' as const, id: '00000000-0000-4000-8000-00000000c0c0', officeId: w.a.officeId };
    const resolution = {
      meetingId: '00000000-0000-4000-8000-00000000a001',
      itemId: '00000000-0000-4000-8000-00000000a002',
      resolution: 'reject',
      note: 'ตรวจสอบคะแนนใหม่',
      tally: { approve: 0, reject: 3, defer: 0, abstain: 0, recused: 0 },
    };
    expect(await w.engine.dispatch({ actor: committee, caseId: stillWaiting, type: 'SCREEN_FAIL', payload: resolution })).toMatchObject({
      state: 'awaitingMatch',
    });
    await refused(
      403,
      'SYSTEM_ONLY_EVENT',
      'hr',
      `/api/cases/${stillWaiting}/events`,
      { type: 'PROPOSE_PLACEMENT', payload: placement },
      stillWaiting,
    );
    const rematch = await ok(200, 'hr', 'POST', `/api/transfer-rounds/${roundId}/matching`);
    expect(rematch).toMatchObject({
      runNo: 4,
      published: true,
      summary: { requests: 1, placed: 1, seats: 1 },
      proposals: [{ caseId: stillWaiting, placed: true }],
    });
    expect((await ok(200, 'hr', 'GET', `/api/cases/${stillWaiting}`)).case.state).toBe('screening');
    expect((await ok(200, 'hr', 'GET', `/api/cases/${roundId}`)).case.state).toBe('screening');
    expect(await w.engine.verifyHistory(roundId)).toMatchObject({ ok: true });
    expect(await w.engine.replayHistory(stillWaiting)).toMatchObject({ ok: true });
  });
});
