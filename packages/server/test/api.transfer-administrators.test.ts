/**
 * A school administrators' transfer round over HTTP (seed-003 §2.2), against
 * real PostgreSQL: the HR officer opens a round for school administrators
 * (POST /api/cases, `applicants`), whose page shows the administrators'
 * scoring table in Thai; two school directors file for the same director's
 * post, a teacher is refused naming the rule (Thai and English), nothing
 * written; the area director certifies (the directors cannot); the scoring
 * committee's three components are entered and a second person verifies
 * (four eyes); the matching ranks the directors by their scores.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LightMyRequestResponse } from 'fastify';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568, submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
const cookies = new Map<string, string>();
let roundId = '';
let s3 = '';
const filed: Record<'director' | 'director2', string> = { director: '', director2: '' };

beforeAll(async () => {
  w = await startServerWorld({}, transferWorkflows);
  s3 = (
    await w.tdb.db
      .insertInto('schools')
      .values({ office_id: w.a.officeId, code: `adm-${w.a.officeId.slice(0, 8)}`, name_th: 'โรงเรียนบ้านทุ่ง', name_en: 'Ban Thung School' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => w.close());

function at(iso: string): void {
  w.clock.set(iso);
  cookies.clear();
}
type Who = 'teacher' | 'director' | 'director2' | 'hr' | 'area' | 'group';
async function call(
  who: Who,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const { username } = await w.tdb.db
    .selectFrom('users')
    .select('username')
    .where('id', '=', w.a.users[who].userId)
    .executeTakeFirstOrThrow();
  let cookie = cookies.get(username);
  if (!cookie) {
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
    cookie = `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;
    cookies.set(username, cookie);
  }
  return w.app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    headers: { cookie, ...headers },
  });
}
async function ok(who: Who, method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>) {
  const res = await call(who, method, url, body, headers);
  expect({ url, status: res.statusCode < 300 ? 'ok' : res.body }).toEqual({ url, status: 'ok' });
  return res.json();
}
const event = (who: Who, caseId: string, type: string, payload: unknown = {}) =>
  ok(who, 'POST', `/api/cases/${caseId}/events`, { type, payload });
async function evidence(who: Who) {
  const file = await ok(who, 'POST', '/api/files', tinyPdf(who), {
    'content-type': 'application/pdf',
    'x-file-name': encodeURIComponent('คำสั่งแต่งตั้ง.pdf'),
  });
  return [{ name: file.name, size: file.size, sha256: file.sha256, fileId: file.id, kind: 'คำสั่งแต่งตั้ง' }];
}
const director = (over: object = {}) => {
  const base = submission({ preferences: [s3] });
  return {
    ...base,
    ...over,
    facts: { ...base.facts, position: 'school_director', academicStanding: 'senior_professional', currentSchoolSince: '2019-05-16' },
  };
};
const counts = async () =>
  (
    await w.tdb.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('parent_case_id', '=', roundId)
      .executeTakeFirstOrThrow()
  ).n;

describe('a school administrators’ transfer round', () => {
  it('is opened by the HR officer for school administrators, and its page shows the administrators’ table in Thai', async () => {
    at('2025-01-06T02:00:00Z');
    const input = { ...ROUND_1_2568, applicants: 'school_administrators' };
    roundId = (
      await ok('hr', 'POST', '/api/cases', {
        workflowId: 'transfer-round',
        officeId: w.a.officeId,
        title: 'การย้ายผู้บริหารสถานศึกษา ครั้งที่ 1/2568',
        input,
      })
    ).caseId;
    await event('hr', roundId, 'POST_VACANCIES', {
      vacancies: [{ id: 'V1', schoolId: s3, schoolName: 'โรงเรียนบ้านทุ่ง', subject: 'ผู้อำนวยการสถานศึกษา', count: 1 }],
    });
    const admin = await ok('hr', 'GET', `/api/transfer-rounds/${roundId}/administration`);
    expect(admin.round.workflowVersion).toBe(5);
    expect(admin.applicants).toEqual({
      kind: 'school_administrators',
      label: { th: 'ผู้บริหารสถานศึกษา (ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา)', en: 'School administrators (directors / deputy directors)' },
    });
    expect(admin.scoringTable).toMatchObject({
      id: 'obec_school_administrator',
      title: { th: 'องค์ประกอบการพิจารณาย้ายผู้บริหารสถานศึกษา' },
      pointsUnverified: true,
    });
    const committee = admin.scoringTable.components.filter((c: { by: { th: string } }) =>
      c.by.th.startsWith('คณะกรรมการคิดค่าคะแนนความสามารถ'),
    );
    expect(committee.map((c: { label: { th: string } }) => c.label.th)).toEqual([
      'ความสามารถในการบริหารจัดการศึกษา',
      'วิสัยทัศน์ในการบริหารจัดการศึกษา',
      'การพัฒนาตนเองและพัฒนาวิชาชีพ',
    ]);
    at('2025-01-16T02:00:00Z');
    await event('hr', roundId, 'OPEN_REQUESTS');
  });

  it('offers the round to a director with the administrators’ positions, and refuses a teacher naming the rule, nothing written', async () => {
    at('2025-01-20T03:00:00Z');
    const open = await ok('director', 'GET', '/api/transfer-rounds/open');
    expect(open.items).toEqual([expect.objectContaining({ caseId: roundId, applicants: 'school_administrators' })]);
    expect(open.submissionSchema.properties.facts.properties.position.enum).toEqual([
      'assistant_teacher',
      'teacher',
      'school_director',
      'deputy_school_director',
    ]);

    const res = await call('teacher', 'POST', `/api/transfer-rounds/${roundId}/requests`, {
      submission: submission({ preferences: [s3], evidence: await evidence('teacher') }),
    });
    const problem = res.json();
    expect({ status: res.statusCode, code: problem.code }).toEqual({ status: 400, code: 'INVALID_PAYLOAD' });
    expect(problem.detail.reasons).toContainEqual({
      code: 'position_not_in_round',
      th: 'รอบนี้เป็นรอบการย้ายผู้บริหารสถานศึกษา ยื่นได้เฉพาะผู้ดำรงตำแหน่งผู้อำนวยการสถานศึกษาหรือรองผู้อำนวยการสถานศึกษา (ตำแหน่งของท่าน: ครู)',
      en: "This is a school administrators' round: only school directors and deputy directors may file (your position: Teacher)",
    });
    expect(await counts()).toBe('0');

    filed.director = (
      await ok('director', 'POST', `/api/transfer-rounds/${roundId}/requests`, {
        submission: director({ evidence: await evidence('director') }),
      })
    ).caseId;
    filed.director2 = (
      await ok('director2', 'POST', `/api/transfer-rounds/${roundId}/requests`, {
        submission: director({ reason: 'other', evidence: await evidence('director2') }),
      })
    ).caseId;
    expect(await counts()).toBe('2');
  });

  it('has the area director certify the directors’ requests: a director cannot certify their own', async () => {
    at('2025-02-03T02:00:00Z');
    const own = await call('director', 'POST', `/api/cases/${filed.director}/events`, { type: 'CERTIFY', payload: {} });
    expect({ status: own.statusCode, code: own.json().code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    for (const id of Object.values(filed)) {
      await event('area', id, 'CERTIFY');
      await event('area', id, 'RECORD_BOARD_OPINION', { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' });
    }
    at('2025-02-06T08:00:00Z');
    await event('hr', roundId, 'CLOSE_REQUESTS');
    await event('hr', roundId, 'CLOSE_SCHOOL_REVIEW');
  });

  it('takes the committee’s three components, verified by a second person (four eyes), and ranks by them', async () => {
    at('2025-02-10T02:00:00Z');
    const table = await ok('hr', 'GET', `/api/transfer-requests/${filed.director}/scoring-table`);
    expect(table.title.th).toBe('องค์ประกอบการพิจารณาย้ายผู้บริหารสถานศึกษา');
    expect(table.components.map((c: { id: string }) => c.id)).toEqual(['reason', 'management_ability', 'vision', 'development']);
    expect(table.components[1].by.th).toContain('คณะกรรมการคิดค่าคะแนนความสามารถ');

    await event('hr', filed.director, 'ENTER_SCORES', {
      entries: { reason: 'home_district', management_ability: 'good', vision: 'good', development: 'good' },
    });
    await event('hr', filed.director2, 'ENTER_SCORES', {
      entries: { reason: 'home_district', management_ability: 'outstanding', vision: 'outstanding', development: 'outstanding' },
    });
    const same = await call('hr', 'POST', `/api/cases/${filed.director}/events`, { type: 'VERIFY_SCORES', payload: {} });
    expect({ status: same.statusCode, code: same.json().code }).toEqual({ status: 409, code: 'SCORES_NEED_ANOTHER_USER' });
    for (const id of Object.values(filed)) await event('group', id, 'VERIFY_SCORES');
    at('2025-02-21T02:00:00Z');
    await event('hr', roundId, 'CLOSE_SCORING');

    const run = await ok('hr', 'POST', `/api/transfer-rounds/${roundId}/matching`);
    expect(run.summary).toMatchObject({ requests: 2, placed: 1, seats: 1, seatsFilled: 1 });
    await ok('hr', 'POST', `/api/transfer-rounds/${roundId}/matching/publish`, { digest: run.digest });
    const admin = await ok('hr', 'GET', `/api/transfer-rounds/${roundId}/administration`);
    const result = admin.matching.results[0];
    // placeholder points: home district 20 + normal area 5 + 4 years or more 10, and the committee's 50 or 35
    expect(
      result.applicants.map((a: { caseId: string; rank: number; score: number; result: string }) => [a.caseId, a.rank, a.score, a.result]),
    ).toEqual([
      [filed.director2, 1, 85, 'placed'],
      [filed.director, 2, 72, 'outranked'],
    ]);
  });
});
