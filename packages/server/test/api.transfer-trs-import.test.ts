/**
 * Importing requests filed in the national transfer system (TRS) into a
 * round over HTTP (issue 21), against real PostgreSQL: the HR officer
 * downloads the round's template (Thai headers, drop-downs of the choices
 * and of the schools with a vacancy by name and code), pastes TRS's export
 * and sends it back. Good rows open the teacher's request recorded as filed
 * in TRS (`RECORD_EXTERNAL_FILING`, transfer-request@6: the TRS number, the
 * filing moment as the first filing, the history saying HR imported it) at
 * the school's review, where the director certifies it as any other; bad
 * rows are refused with their reasons in Thai and English and write
 * nothing (200 with the per-row report: the good rows did land). The same file sent again replays
 * (nothing filed twice); a TRS number taken by another teacher is refused.
 * Only the office's HR officers may import (403 for the office's others,
 * 404 for another office).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568 } from '../../workflows/test/transfer.fixtures';
import { citizenIdCheckDigit } from '../src/import/thai-citizen-id';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let w: ServerWorld;
const cookies = new Map<string, string>();
const citizen = (n: number) => {
  const first12 = `31012000000${n}`.padEnd(12, '0').slice(0, 12);
  return `${first12}${citizenIdCheckDigit(first12)}`;
};
let roundId = '';
let school2 = '';
let school2Code = '';
let teacher3 = '';

beforeAll(async () => {
  w = await startServerWorld({}, transferWorkflows);
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
  teacher3 = person.id;
  const people = [w.a.users.teacher.personId, w.a.users.teacher2.personId, person.id];
  for (const [i, id] of people.entries())
    await w.tdb.db
      .updateTable('people')
      .set({ citizen_id: citizen(i + 1) })
      .where('id', '=', id)
      .execute();
  school2 = w.a.schoolIds[1]!;
  school2Code = (await w.tdb.db.selectFrom('schools').select('code').where('id', '=', school2).executeTakeFirstOrThrow()).code;
});
afterAll(() => w.close());

function at(iso: string): void {
  w.clock.set(iso);
  cookies.clear();
}

async function usernameOf(who: string): Promise<string> {
  const [office, key] = who.includes('.') ? (who.split('.') as ['a' | 'b', string]) : ['a', who];
  const users = (office === 'a' ? w.a : w.b).users as Record<string, { userId: string }>;
  return (await w.tdb.db.selectFrom('users').select('username').where('id', '=', users[key]!.userId).executeTakeFirstOrThrow()).username;
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
async function ok(who: string, method: 'GET' | 'POST', url: string, body?: unknown) {
  const res = await call(who, method, url, body);
  expect({ url, status: res.statusCode < 300 ? 'ok' : res.body }).toEqual({ url, status: 'ok' });
  return res;
}
const event = (who: string, caseId: string, type: string, payload: unknown = {}) =>
  ok(who, 'POST', `/api/cases/${caseId}/events`, { type, payload });

async function template(who = 'hr'): Promise<ExcelJS.Workbook> {
  const res = await ok(who, 'GET', `/api/transfer-rounds/${roundId}/trs-template.xlsx`);
  expect(res.headers['content-type']).toContain(XLSX);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book;
}
const upload = async (book: ExcelJS.Workbook, who = 'hr') =>
  call(who, 'POST', `/api/transfer-rounds/${roundId}/trs-import`, Buffer.from(await book.xlsx.writeBuffer()), { 'content-type': XLSX });

/** A row of TRS's export, by the template's headers. */
function trsRow(over: Record<string, string> = {}): Record<string, string> {
  return {
    'เลขที่คำขอ TRS': 'TRS-68-0001',
    'วันเวลาที่ยื่นใน TRS': '20/1/2568 10:30',
    เลขประจำตัวประชาชน: citizen(1),
    'ชื่อ-นามสกุล': 'ครูหนึ่ง',
    ประเภทคำขอ: 'ย้ายกรณีปกติ',
    เหตุผลการขอย้าย: 'กลับภูมิลำเนา (อำเภอ)',
    ตำแหน่ง: 'ครู',
    วิทยฐานะ: 'ไม่มีวิทยฐานะ',
    วิชาเอก: 'คณิตศาสตร์',
    วันที่เริ่มปฏิบัติงานที่สถานศึกษาปัจจุบัน: '1/6/2558',
    วันที่บรรจุแต่งตั้ง: '16/5/2555',
    สถานศึกษาปัจจุบันอยู่ในพื้นที่พิเศษ: 'ไม่ใช่',
    'ปีที่ประเมิน PA (พ.ศ.)': '2567',
    'คะแนน PA': '85',
    'ผลการประเมิน PA': 'ผ่าน',
    'ความประสงค์ลำดับที่ 1': `โรงเรียน 2 (${school2Code})`,
    ...over,
  };
}
function fill(book: ExcelJS.Workbook, rows: Record<string, string>[]): ExcelJS.Workbook {
  const sheet = book.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  rows.forEach((r, i) => {
    for (const [h, v] of Object.entries(r)) {
      const col = headers.indexOf(h);
      if (col < 0) throw new Error(`no column ${h}`);
      sheet.getRow(i + 2).getCell(col).value = v;
    }
  });
  return book;
}
const children = async () =>
  w.tdb.db
    .selectFrom('cases')
    .select(['id', 'state', 'workflow_version', 'history_length', 'subject_person_id'])
    .where('parent_case_id', '=', roundId)
    .orderBy('id')
    .execute();

describe('importing requests filed in TRS into a round', () => {
  it('has a round past its request window, at the school review', async () => {
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
      vacancies: [{ id: 'V01', schoolId: school2, schoolName: 'โรงเรียน 2', subject: 'คณิตศาสตร์', count: 2 }],
    });
    at('2025-01-16T02:00:00Z');
    await event('hr', roundId, 'OPEN_REQUESTS');
    at('2025-02-01T02:00:00Z');
    await event('hr', roundId, 'CLOSE_REQUESTS');
  });

  it('gives the HR officer a template with Thai headers, the choices as drop-downs and the schools with a vacancy by name and code', async () => {
    const book = await template();
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('คำขอย้ายจาก TRS');
    const headers = (sheet.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers.slice(0, 4)).toEqual(['เลขที่คำขอ TRS', 'วันเวลาที่ยื่นใน TRS', 'เลขประจำตัวประชาชน', 'ชื่อ-นามสกุล']);
    expect(headers.slice(-5)).toEqual([1, 2, 3, 4, 5].map((n) => `ความประสงค์ลำดับที่ ${n}`));
    const kindCol = headers.indexOf('ประเภทคำขอ') + 1;
    expect(sheet.getRow(2).getCell(kindCol).dataValidation).toMatchObject({ type: 'list' });
    const choices = book.getWorksheet('รายการให้เลือก')!;
    const lists = new Map<string, string[]>();
    choices.getRow(1).eachCell((c, col) => {
      const items: string[] = [];
      for (let r = 2; r <= choices.rowCount; r++)
        if (choices.getRow(r).getCell(col).value) items.push(String(choices.getRow(r).getCell(col).value));
      lists.set(String(c.value), items);
    });
    expect(lists.get('ประเภทคำขอ')).toEqual(['ย้ายกรณีปกติ', 'ย้ายสับเปลี่ยน', 'ย้ายกรณีพิเศษ']);
    expect(lists.get('โรงเรียนที่มีตำแหน่งว่างในรอบ')).toEqual([`โรงเรียน 2 (${school2Code})`]);
    // no code name nor id in what a person reads
    expect(JSON.stringify([...lists.values()])).not.toMatch(/home_district|assistant_teacher|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('imports the good rows at the school review, refuses the bad ones with their reasons and writes nothing for them', async () => {
    at('2025-02-02T03:00:00Z');
    const book = fill(await template(), [
      trsRow(),
      trsRow({
        'เลขที่คำขอ TRS': 'TRS-68-0002',
        'วันเวลาที่ยื่นใน TRS': '2568-01-21 09.15 น.',
        เลขประจำตัวประชาชน: citizen(2),
        'ความประสงค์ลำดับที่ 1': school2Code,
      }),
      trsRow({ 'เลขที่คำขอ TRS': 'TRS-68-0003', เลขประจำตัวประชาชน: citizen(9) }),
      trsRow({ 'เลขที่คำขอ TRS': 'TRS-68-0004', เลขประจำตัวประชาชน: citizen(3), 'วันเวลาที่ยื่นใน TRS': '1/2/2568 10:00' }),
      trsRow({
        'เลขที่คำขอ TRS': 'TRS-68-0005',
        เลขประจำตัวประชาชน: citizen(3),
        เหตุผลการขอย้าย: 'อยากย้าย',
        'วันเวลาที่ยื่นใน TRS': '20/1/2568',
        'ความประสงค์ลำดับที่ 1': 'โรงเรียน 9',
      }),
    ]);
    const res = await upload(book);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.message.th).toBe('นำเข้า 2 คำขอ นำเข้าไว้แล้ว 0 คำขอ (ไม่สร้างซ้ำ) ไม่รับ 3 แถว ข้ามแถวว่าง 0 แถว');
    expect(report.totals).toEqual({ rows: 5, imported: 2, replayed: 0, refused: 3, skipped: 0 });
    expect(
      report.rows.map((r: { row: number; outcome: string; reason: { code: string } | null }) => [r.row, r.outcome, r.reason?.code ?? null]),
    ).toEqual([
      [2, 'imported', null],
      [3, 'imported', null],
      [4, 'refused', 'TRS_TEACHER_UNKNOWN'],
      [5, 'refused', 'TRANSFER_NOT_ELIGIBLE'],
      [6, 'refused', 'TRS_ROW_INVALID'],
    ]);
    expect(report.rows[0].stateLabel.th).toBe('ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง');
    // the reasons in Thai and English, naming the rule and the cells
    expect(report.rows[3].teacherName).toBe('สมศรี ใจดี');
    expect(report.rows[3].reason.details.map((d: { th: string }) => d.th).join(' ')).toContain('ยื่นคำขอได้ระหว่าง');
    const invalid = report.rows[4].reason.details;
    expect(invalid.map((d: { th: string }) => d.th)).toEqual([
      expect.stringContaining('"วันเวลาที่ยื่นใน TRS": "20/1/2568" ต้องมีทั้งวันที่และเวลา'),
      expect.stringContaining('"เหตุผลการขอย้าย": "อยากย้าย" ไม่มีในรายการ'),
      expect.stringContaining('"ความประสงค์ลำดับที่ 1": "โรงเรียน 9" ไม่ใช่โรงเรียนที่มีตำแหน่งว่างในรอบนี้'),
    ]);
    expect(invalid.every((d: { en: string }) => d.en.length > 0)).toBe(true);

    // two requests, of the teachers of the good rows, on the latest version (8: version 6's TRS filing, 7's moves to another area, 8's administrators' rounds), at the school review; nothing for the others
    const made = await children();
    expect(made.map((c) => [c.subject_person_id, c.state, c.workflow_version]).sort()).toEqual(
      [
        [w.a.users.teacher.personId, 'schoolReview', 8],
        [w.a.users.teacher2.personId, 'schoolReview', 8],
      ].sort(),
    );
    expect(made.some((c) => c.subject_person_id === teacher3)).toBe(false);
    const first = report.rows[0].caseId as string;
    const { snapshot } = await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', first).executeTakeFirstOrThrow();
    const ctx = (
      snapshot as {
        context: { firstFiledAt: string; externalFiling: { ref: string; filedAt: string }; submission: { preferences: string[] } };
      }
    ).context;
    expect(ctx.firstFiledAt).toBe('2025-01-20T03:30:00.000Z');
    expect(ctx.externalFiling).toMatchObject({ ref: 'TRS-68-0001', filedAt: '2025-01-20T03:30:00.000Z' });
    expect(ctx.submission.preferences).toEqual([school2]);
    // the history: imported by HR from TRS, with the number
    const history = await w.tdb.db
      .selectFrom('case_history')
      .select(['event_type', 'actor_id', 'reason'])
      .where('case_id', '=', first)
      .orderBy('seq')
      .execute();
    expect(history.at(-1)).toEqual({
      event_type: 'RECORD_EXTERNAL_FILING',
      actor_id: w.a.users.hr.userId,
      reason: expect.stringContaining('นำเข้าคำขอย้ายจากระบบ TRS เลขที่คำขอ TRS-68-0001'),
    });
  });

  it('replays the same file: the same requests, nothing filed twice', async () => {
    const before = await children();
    at('2025-02-02T04:00:00Z');
    const book = fill(await template(), [
      trsRow(),
      trsRow({
        'เลขที่คำขอ TRS': 'TRS-68-0002',
        'วันเวลาที่ยื่นใน TRS': '2568-01-21 09.15 น.',
        เลขประจำตัวประชาชน: citizen(2),
        'ความประสงค์ลำดับที่ 1': school2Code,
      }),
    ]);
    const res = await upload(book);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.totals).toEqual({ rows: 2, imported: 0, replayed: 2, refused: 0, skipped: 0 });
    expect(report.rows.map((r: { caseId: string }) => r.caseId).sort()).toEqual(before.map((c) => c.id).sort());
    expect(await children()).toEqual(before);
  });

  it('refuses a TRS number already imported for another teacher', async () => {
    const book = fill(await template(), [trsRow({ เลขประจำตัวประชาชน: citizen(3) })]);
    const res = await upload(book);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows[0].reason.code).toBe('TRS_REF_TAKEN');
    expect((await children()).length).toBe(2);
  });

  it('lets the office-side steps run the same way: the director certifies an imported request', async () => {
    const [c] = await children();
    await event('director', c!.id, 'CERTIFY');
    expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', c!.id).executeTakeFirstOrThrow()).state).toBe(
      'boardOpinion',
    );
  });

  it('is the office’s HR officers’: refused to the office’s others (403, or 404 where the round is not theirs to read), 404 for another office', async () => {
    const book = fill(await template(), [trsRow({ 'เลขที่คำขอ TRS': 'TRS-68-0009', เลขประจำตัวประชาชน: citizen(3) })]);
    const statuses: [string, number, number][] = [];
    for (const who of ['teacher', 'director', 'group', 'area', 'b.hr']) {
      statuses.push([
        who,
        (await call(who, 'GET', `/api/transfer-rounds/${roundId}/trs-template.xlsx`)).statusCode,
        (await upload(book, who)).statusCode,
      ]);
    }
    expect(statuses).toEqual([
      ['teacher', 404, 404],
      ['director', 404, 404],
      ['group', 403, 403],
      ['area', 403, 403],
      ['b.hr', 404, 404],
    ]);
    expect((await children()).length).toBe(2);
  });

  it('refuses a file without the template’s columns, naming them', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['ชื่อ', 'นามสกุล']);
    const res = await upload(book);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().detail)).toContain('เลขที่คำขอ TRS');
  });
});
