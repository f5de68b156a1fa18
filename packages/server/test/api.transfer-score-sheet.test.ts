/**
 * A transfer round's score sheet over HTTP (issue 21), against real
 * PostgreSQL: the HR officer downloads the round's sheet (one row per
 * request waiting for scores, the citizen id as text, one column per entered
 * component, the options with their points on the second sheet), fills it
 * and sends it back; each row becomes the same commands as the form, with a
 * report per row — good rows taken, a row naming an option the table does
 * not have refused with the rule, a row scored and verified by the same
 * officer scored but its verification refused (four eyes). Sent again with
 * the same Idempotency-Key, the rows replay (nothing done twice). Another
 * office's round is 404; the group director verifies through the sheet; the
 * round's administration view lists the requests by state.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568, submission, tinyPdf } from '../../workflows/test/transfer.fixtures';
import { citizenIdCheckDigit } from '../src/import/thai-citizen-id';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let w: ServerWorld;
const cookies = new Map<string, string>();
const citizen = (n: number) => {
  const first12 = `31012000000${n}`.padEnd(12, '0').slice(0, 12);
  return `${first12}${citizenIdCheckDigit(first12)}`;
};
/** the three teachers who file: fixture user key or username, and citizen id */
const teachers: { who: string; citizenId: string; caseId: string }[] = [];
let roundId = '';

beforeAll(async () => {
  w = await startServerWorld({}, transferWorkflows);
  const { password_hash } = await w.tdb.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', w.a.users.teacher.userId)
    .executeTakeFirstOrThrow();
  const person = await w.tdb.db
    .insertInto('people')
    .values({
      first_name_th: 'สมศรี',
      last_name_th: 'ใจดี',
      office_id: w.a.officeId,
      school_id: w.a.schoolIds[0],
      email: 'teacher3@example.test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await w.tdb.db
    .insertInto('users')
    .values({ username: 'teacher3', person_id: person.id, email: 'teacher3@example.test', password_hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.tdb.db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role: 'teacher', office_id: w.a.officeId, school_id: w.a.schoolIds[0], valid_from: '2020-01-01T00:00:00Z' })
    .execute();
  const people = [w.a.users.teacher.personId, w.a.users.teacher2.personId, person.id];
  for (const [i, id] of people.entries())
    await w.tdb.db
      .updateTable('people')
      .set({ citizen_id: citizen(i + 1) })
      .where('id', '=', id)
      .execute();
  teachers.push(
    { who: 'teacher', citizenId: citizen(1), caseId: '' },
    { who: 'teacher2', citizenId: citizen(2), caseId: '' },
    { who: 'teacher3', citizenId: citizen(3), caseId: '' },
  );
});
afterAll(() => w.close());

function at(iso: string): void {
  w.clock.set(iso);
  cookies.clear();
}

async function usernameOf(who: string): Promise<string> {
  const [office, key] = who.includes('.') ? (who.split('.') as ['a' | 'b', string]) : ['a', who];
  const users = (office === 'a' ? w.a : w.b).users as Record<string, { userId: string }>;
  if (!users[key]) return key;
  return (await w.tdb.db.selectFrom('users').select('username').where('id', '=', users[key].userId).executeTakeFirstOrThrow()).username;
}

async function call(
  who: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const username = await usernameOf(who);
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

async function ok(who: string, method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>) {
  const res = await call(who, method, url, body, headers);
  expect({ url, status: res.statusCode < 300 ? 'ok' : res.body }).toEqual({ url, status: 'ok' });
  return res;
}
const event = (who: string, caseId: string, type: string, payload: unknown = {}) =>
  ok(who, 'POST', `/api/cases/${caseId}/events`, { type, payload });
const stateOf = async (caseId: string) =>
  (await w.tdb.db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirstOrThrow()).state;
const historyLengths = async () =>
  await w.tdb.db.selectFrom('cases').select(['id', 'history_length']).where('parent_case_id', '=', roundId).orderBy('id').execute();

async function download(who: string): Promise<ExcelJS.Workbook> {
  const res = await ok(who, 'GET', `/api/transfer-rounds/${roundId}/score-sheet.xlsx`);
  expect(res.headers['content-type']).toContain(XLSX);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book;
}
/** the sheet's row for a teacher, by citizen id */
function rowOf(sheet: ExcelJS.Worksheet, citizenId: string): ExcelJS.Row {
  for (let i = 2; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(2).value === citizenId) return sheet.getRow(i);
  throw new Error(`no row for ${citizenId}`);
}
/** the workbook as the file part of multipart/form-data, as a browser's FormData or `curl -F` sends it */
async function uploadMultipart(who: string, book: ExcelJS.Workbook, key: string) {
  const boundary = '----esa-flow-test-7d1f';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nตารางคะแนน\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="score-sheet.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
    ),
    Buffer.from(await book.xlsx.writeBuffer()),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return call(who, 'POST', `/api/transfer-rounds/${roundId}/score-sheet`, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'idempotency-key': key,
  });
}
const upload = async (who: string, book: ExcelJS.Workbook, key?: string) =>
  call(who, 'POST', `/api/transfer-rounds/${roundId}/score-sheet`, Buffer.from(await book.xlsx.writeBuffer()), {
    'content-type': XLSX,
    ...(key ? { 'idempotency-key': key } : {}),
  });

describe('a transfer round’s score sheet', () => {
  it('has three requests waiting for scores', async () => {
    at('2025-01-06T02:00:00Z');
    roundId = (
      await ok('hr', 'POST', '/api/cases', {
        workflowId: 'transfer-round',
        officeId: w.a.officeId,
        title: 'การย้ายข้าราชการครู ครั้งที่ 1/2568',
        input: ROUND_1_2568,
      })
    ).json().caseId;
    await event('hr', roundId, 'POST_VACANCIES', {
      vacancies: [{ id: 'V01', schoolId: w.a.schoolIds[1], schoolName: 'โรงเรียน 2', subject: 'คณิตศาสตร์', count: 2 }],
    });
    at('2025-01-16T02:00:00Z');
    await event('hr', roundId, 'OPEN_REQUESTS');
    at('2025-01-20T03:00:00Z');
    for (const t of teachers) {
      const file = (
        await ok(t.who, 'POST', '/api/files', tinyPdf(t.who), {
          'content-type': 'application/pdf',
          'x-file-name': encodeURIComponent('ทะเบียนบ้าน.pdf'),
        })
      ).json();
      const evidence = [{ name: file.name, size: file.size, sha256: file.sha256, fileId: file.id, kind: 'ทะเบียนบ้าน' }];
      t.caseId = (
        await ok(t.who, 'POST', `/api/transfer-rounds/${roundId}/requests`, {
          submission: submission({ preferences: [w.a.schoolIds[1]], evidence }),
        })
      ).json().caseId;
    }
    at('2025-02-03T02:00:00Z');
    for (const t of teachers) {
      await event('director', t.caseId, 'CERTIFY');
      await event('director', t.caseId, 'RECORD_BOARD_OPINION', { opinion: 'support', meetingRef: 'ครั้งที่ 1/2568' });
    }
    at('2025-02-06T08:00:00Z');
    await event('hr', roundId, 'CLOSE_REQUESTS');
    await event('hr', roundId, 'CLOSE_SCHOOL_REVIEW');
    for (const t of teachers) expect(await stateOf(t.caseId)).toBe('scoring');
  });

  it('gives the HR officer the sheet: one row per request, the citizen id as text, a column per component, the options with points on the second sheet', async () => {
    at('2025-02-10T02:00:00Z');
    const book = await download('hr');
    const [sheet, options] = [book.worksheets[0]!, book.worksheets[1]!];
    expect(sheet.name).toBe('คะแนน');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'ลำดับ',
      'เลขประจำตัวประชาชน',
      'ชื่อ-นามสกุล',
      'โรงเรียนปัจจุบัน',
      'ขั้นตอน',
      'เหตุผลในการขอย้าย',
      'ภาระงานของข้าราชการครู',
      'การพัฒนาตนเองและพัฒนาวิชาชีพ',
      'ยืนยันคะแนน (ใส่ "ใช่")',
      'หมายเหตุ',
    ]);
    expect(sheet.rowCount).toBe(4);
    for (const t of teachers) {
      const row = rowOf(sheet, t.citizenId);
      expect(typeof row.getCell(2).value).toBe('string');
      expect(row.getCell(2).numFmt).toBe('@');
      expect(row.getCell(5).value).toBe('รอบันทึกคะแนน');
    }
    expect(rowOf(sheet, citizen(3)).getCell(3).value).toBe('สมศรี ใจดี');
    expect(options.name).toBe('ตัวเลือกคะแนน');
    const listed = options
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1));
    expect(listed).toEqual(
      expect.arrayContaining([
        ['เหตุผลในการขอย้าย', 'กลับภูมิลำเนา: อำเภอเดียวกับสถานศึกษาที่ขอย้าย (20 คะแนน)', 20],
        ['การพัฒนาตนเองและพัฒนาวิชาชีพ', 'ดี (7 คะแนน)', 7],
      ]),
    );
    expect(rowOf(sheet, citizen(1)).getCell(6).dataValidation).toMatchObject({
      type: 'list',
      formulae: [expect.stringContaining('ตัวเลือกคะแนน')],
    });
    // no code name in the file
    expect(JSON.stringify(sheet.getSheetValues())).not.toMatch(/home_district|transfer-request|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('takes the good rows, refuses a bad option and a verification by the one who scored, each row with its reason', async () => {
    const book = await download('hr');
    const sheet = book.worksheets[0]!;
    const fill = (citizenId: string, reason: string, workload: string, development: string, verify = '') => {
      const row = rowOf(sheet, citizenId);
      row.getCell(6).value = reason;
      row.getCell(7).value = workload;
      row.getCell(8).value = development;
      row.getCell(9).value = verify;
    };
    fill(citizen(1), 'กลับภูมิลำเนา: อำเภอเดียวกับสถานศึกษาที่ขอย้าย (20 คะแนน)', 'ภาระงานมาก (10 คะแนน)', 'ดี (7 คะแนน)');
    fill(citizen(2), 'กลับภูมิลำเนา: จังหวัดเดียวกับสถานศึกษาที่ขอย้าย (15 คะแนน)', 'ภาระงานน้อย (4 คะแนน)', 'ดีมาก');
    fill(citizen(3), 'เหตุผลอื่น', 'ภาระงานปานกลาง', 'ดีเด่น (10 คะแนน)', 'ใช่');
    const first = await upload('hr', book, 'sheet-1');
    expect(first.statusCode).toBe(200);
    const report = first.json();
    const byRow = (citizenId: string) => report.rows.find((r: { row: number }) => r.row === Number(rowOf(sheet, citizenId).number));
    expect(byRow(citizen(1))).toEqual({
      row: expect.any(Number),
      teacherName: expect.stringContaining('teacher'),
      outcome: 'accepted',
      done: ['scored'],
      replayed: false,
      scoreTotal: 47,
      reason: null,
    });
    expect(byRow(citizen(2))).toMatchObject({
      outcome: 'refused',
      done: [],
      reason: { code: 'SCORES_INCOMPLETE', th: expect.stringContaining('ตารางคะแนน') },
    });
    expect(byRow(citizen(2)).reason.details).toEqual([
      {
        th: expect.stringContaining('"การพัฒนาตนเองและพัฒนาวิชาชีพ": "ดีมาก" ไม่มีในรายการตัวเลือก'),
        en: expect.stringContaining('is not one of its options'),
      },
    ]);
    expect(byRow(citizen(3))).toMatchObject({
      teacherName: 'สมศรี ใจดี',
      outcome: 'refused',
      done: ['scored'],
      reason: { code: 'SCORES_NEED_ANOTHER_USER', th: expect.stringContaining('คะแนนต้องยืนยันโดยผู้อื่น') },
    });
    expect(report.totals).toEqual({ rows: 3, accepted: 1, refused: 2, skipped: 0, scored: 2, verified: 0 });
    expect(report.message.th).toContain('รับ 1 แถว');
    expect([await stateOf(teachers[0]!.caseId), await stateOf(teachers[1]!.caseId), await stateOf(teachers[2]!.caseId)]).toEqual([
      'verification',
      'scoring',
      'verification',
    ]);

    // the same upload again with its key (as multipart/form-data this time): the rows taken replay, nothing is written twice
    const before = await historyLengths();
    const again = (await uploadMultipart('hr', book, 'sheet-1')).json();
    expect(again.rows.map((r: { outcome: string; done: string[]; replayed: boolean }) => [r.outcome, r.done, r.replayed])).toEqual(
      report.rows.map((r: { outcome: string; done: string[]; replayed: boolean; row: number }) => [r.outcome, r.done, r.done.length > 0]),
    );
    expect(await historyLengths()).toEqual(before);
  });

  it('is 404 for another office, 403 for a teacher of the office, and 400 for a file that is not the sheet', async () => {
    const b = await call('b.hr', 'GET', `/api/transfer-rounds/${roundId}/score-sheet.xlsx`);
    expect([b.statusCode, b.json().code]).toEqual([404, 'CASE_NOT_FOUND']);
    const bPost = await call('b.hr', 'POST', `/api/transfer-rounds/${roundId}/score-sheet`, Buffer.from('x'), { 'content-type': XLSX });
    expect([bPost.statusCode, bPost.json().code]).toEqual([404, 'CASE_NOT_FOUND']);
    const teacher = await call('teacher', 'GET', `/api/transfer-rounds/${roundId}/score-sheet.xlsx`);
    expect([403, 404]).toContain(teacher.statusCode);
    const wrong = new ExcelJS.Workbook();
    wrong.addWorksheet('x').addRow(['ชื่อ', 'คะแนน']);
    const bad = await upload('hr', wrong);
    expect([bad.statusCode, bad.json().code, bad.json().detail.issues[0].message]).toEqual([
      400,
      'INVALID_PAYLOAD',
      expect.stringContaining('เลขประจำตัวประชาชน'),
    ]);
  });

  it('lets the group director verify through the sheet and the fixed row be scored', async () => {
    at('2025-02-12T02:00:00Z');
    const book = await download('group');
    const sheet = book.worksheets[0]!;
    // the rows waiting for verification show the levels entered
    expect(rowOf(sheet, citizen(1)).getCell(5).value).toContain('รอยืนยันคะแนน');
    expect(rowOf(sheet, citizen(1)).getCell(8).value).toBe('ดี (7 คะแนน)');
    rowOf(sheet, citizen(1)).getCell(9).value = 'ใช่';
    rowOf(sheet, citizen(3)).getCell(9).value = 'ใช่';
    const report = (await upload('group', book, 'sheet-2')).json();
    // the row still waiting for scores is blank in the group director's sheet: skipped
    expect(report.totals).toEqual({ rows: 3, accepted: 2, refused: 0, skipped: 1, scored: 0, verified: 2 });

    // the HR officer fixes the refused row: only it is left in the sheet
    const fixed = await download('hr');
    expect(fixed.worksheets[0]!.rowCount).toBe(2);
    const row = rowOf(fixed.worksheets[0]!, citizen(2));
    row.getCell(6).value = 'กลับภูมิลำเนา: จังหวัดเดียวกับสถานศึกษาที่ขอย้าย (15 คะแนน)';
    row.getCell(7).value = 'ภาระงานน้อย (4 คะแนน)';
    row.getCell(8).value = 'พื้นฐาน (4 คะแนน)';
    expect((await upload('hr', fixed, 'sheet-3')).json().totals).toMatchObject({ accepted: 1, scored: 1 });
    expect([await stateOf(teachers[0]!.caseId), await stateOf(teachers[1]!.caseId), await stateOf(teachers[2]!.caseId)]).toEqual([
      'awaitingMatch',
      'verification',
      'awaitingMatch',
    ]);

    const admin = (await ok('hr', 'GET', `/api/transfer-rounds/${roundId}/administration`)).json();
    expect(admin.byState).toEqual(
      expect.arrayContaining([
        { state: 'awaitingMatch', label: { th: 'รอการประมวลผลจัดลำดับและจับคู่ตำแหน่งว่าง', en: expect.any(String) }, count: 2 },
        expect.objectContaining({ state: 'verification', count: 1 }),
      ]),
    );
    expect(admin.requests.map((r: { teacherName: string }) => r.teacherName)).toContain('สมศรี ใจดี');
    expect(admin.vacancies).toEqual([expect.objectContaining({ schoolName: 'โรงเรียน 2', subject: 'คณิตศาสตร์', count: 2 })]);
    expect(admin.phases[2]).toEqual({
      key: 'requestsUntil',
      label: { th: 'ปิดรับคำขอย้าย', en: 'Requests close' },
      date: '2025-01-31',
      time: '16:30',
    });
    const bAdmin = await call('b.hr', 'GET', `/api/transfer-rounds/${roundId}/administration`);
    expect(bAdmin.statusCode).toBe(404);
  });

  it('explains the run in force per vacancy in the administration view, and says when the requests changed since', async () => {
    await event('group', teachers[1]!.caseId, 'VERIFY_SCORES');
    at('2025-02-21T02:00:00Z');
    await event('hr', roundId, 'CLOSE_SCORING');
    at('2025-03-03T02:00:00Z');
    // no ranking before the matching has run
    expect((await call('hr', 'GET', `/api/transfer-rounds/${roundId}/ranking.xlsx`)).json()).toMatchObject({ code: 'DOCUMENT_NOT_READY' });
    const run = (await ok('hr', 'POST', `/api/transfer-rounds/${roundId}/matching`)).json();
    expect(run).toMatchObject({ runNo: 1, summary: { requests: 3, placed: 2, seats: 2 } });
    const admin = (await ok('hr', 'GET', `/api/transfer-rounds/${roundId}/administration`)).json();
    expect(admin.matching).toMatchObject({ inForce: { runNo: 1, requestedByName: expect.any(String) }, current: true, published: null });
    expect(admin.may).toMatchObject({ runMatching: true, publish: true, postVacancies: false });
    const [vacancy] = admin.matching.results;
    expect(vacancy).toMatchObject({ schoolName: 'โรงเรียน 2', subject: 'คณิตศาสตร์', seats: 2, filled: 2 });
    // ranks 1–3 by total score (47; 33 for teacher2's fixed row; 32 for สมศรี's): the third outranked, said in words
    expect(vacancy.applicants.map((a: { rank: number; score: number; result: string }) => [a.rank, a.score, a.result])).toEqual([
      [1, 47, 'placed'],
      [2, 33, 'placed'],
      [3, 32, 'outranked'],
    ]);
    expect(vacancy.applicants[2].why.th).toBe('ไม่ได้ที่นี่: อันดับที่ 3 จากผู้ขอ 3 คน มีผู้ได้อันดับสูงกว่าครบ 2 อัตรา');
    expect(admin.matching.explanations.find((e: { teacherName: string }) => e.teacherName === 'สมศรี ใจดี').text.th).toMatch(
      /^ไม่ได้ย้าย; ลำดับที่ 3 ของ โรงเรียน 2/,
    );

    // the same ranking as a workbook: per vacancy in rank order, then every request with where it goes and why
    const xlsx = await ok('hr', 'GET', `/api/transfer-rounds/${roundId}/ranking.xlsx`);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(String(xlsx.headers['content-disposition']))).toContain('ครั้งที่ 1.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['ผลการจัดลำดับตามตำแหน่งว่าง', 'คำขอย้ายทั้งหมด']);
    const ranked = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(ranked.map((r) => [r[1], r[3], r[4], r[6]])).toEqual([
      ['โรงเรียน 2', 2, 1, 47],
      ['โรงเรียน 2', 2, 2, 33],
      ['โรงเรียน 2', 2, 3, 32],
    ]);
    expect(ranked[2]![8]).toBe('ไม่ได้ที่นี่: อันดับที่ 3 จากผู้ขอ 3 คน มีผู้ได้อันดับสูงกว่าครบ 2 อัตรา');
    const all = book.worksheets[1]!.getSheetValues().slice(2) as unknown[][];
    expect(all).toHaveLength(3);
    expect(String(all.find((r) => r[1] === 'สมศรี ใจดี')![6])).toMatch(/^ไม่ได้ย้าย; ลำดับที่ 3 ของ โรงเรียน 2/);
    expect((await call('b.hr', 'GET', `/api/transfer-rounds/${roundId}/ranking.xlsx`)).statusCode).toBe(404);

    // a teacher withdraws after the run: the view no longer vouches for the run's explanations
    await event('teacher', teachers[0]!.caseId, 'WITHDRAW', {});
    const changed = (await ok('hr', 'GET', `/api/transfer-rounds/${roundId}/administration`)).json();
    expect(changed.matching).toMatchObject({ current: false, results: [expect.objectContaining({ applicants: [] })] });
  });
});
