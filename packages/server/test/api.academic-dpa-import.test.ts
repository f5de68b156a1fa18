/**
 * Importing academic-standing requests filed in OTEPC's DPA system into an
 * office over HTTP (issue 21), against real PostgreSQL: the HR officer
 * downloads the office's template (Thai headers, drop-downs of the position
 * and the standings), pastes DPA's list and sends it back. Good rows open
 * the request about the person — found by citizen id or by the position
 * number of their personnel record — recorded as filed in DPA
 * (`RECORD_DPA_FILING`, academic-standing@4: the DPA number, the filing
 * moment as the request's, the eligibility check as of that day, the
 * penalties from the record, the history saying HR imported it) at the
 * eligibility check, where the HR officer decides as for any request. Bad
 * rows are refused with their reasons in Thai and English and write
 * nothing; the answer is 200 with the report (the good rows landed). The
 * same file sent again replays (nothing filed twice); a DPA number taken by
 * another person, or a second request for the same standing, is refused.
 * Only the office's HR officers may import (403 for the office's others,
 * 404 for another office).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { academicStandingWorkflows } from '../../workflows/src/academic-standing/index';
import { citizenIdCheckDigit } from '../src/import/thai-citizen-id';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let w: ServerWorld;
const cookies = new Map<string, string>();
const citizen = (n: number) => {
  const first12 = `31012000000${n}`.padEnd(12, '0').slice(0, 12);
  return `${first12}${citizenIdCheckDigit(first12)}`;
};

beforeAll(async () => {
  w = await startServerWorld({}, academicStandingWorkflows);
  const people = [w.a.users.teacher.personId, w.a.users.teacher2.personId];
  for (const [i, id] of people.entries())
    await w.tdb.db
      .updateTable('people')
      .set({ citizen_id: citizen(i + 1) })
      .where('id', '=', id)
      .execute();
  // teacher2's personnel record: a position number, and a salary cut in 2566
  const entry = (field: string, effective_on: string, value: unknown) => ({
    person_id: w.a.users.teacher2.personId,
    office_id: w.a.officeId,
    field,
    effective_on,
    value: JSON.stringify(value),
    source: 'edit',
    recorded_at: new Date('2024-01-01T00:00:00Z'),
  });
  await w.tdb.db
    .insertInto('personnel_entries')
    .values([entry('position_no', '2020-01-01', '4521'), entry('penalty', '2023-06-01', { kind: 'salary_cut' })])
    .execute();
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

const base = () => `/api/offices/${w.a.officeId}/academic-standing`;
async function template(who = 'hr'): Promise<ExcelJS.Workbook> {
  const res = await ok(who, 'GET', `${base()}/dpa-template.xlsx`);
  expect(res.headers['content-type']).toContain(XLSX);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book;
}
const upload = async (book: ExcelJS.Workbook, who = 'hr', officeId = w.a.officeId) =>
  call(who, 'POST', `/api/offices/${officeId}/academic-standing/dpa-import`, Buffer.from(await book.xlsx.writeBuffer()), {
    'content-type': XLSX,
  });

/** A row of DPA's list, by the template's headers. */
function dpaRow(over: Record<string, string> = {}): Record<string, string> {
  return {
    'เลขที่คำขอ DPA': 'DPA-68-00017',
    'วันเวลาที่ยื่นใน DPA': '15/1/2568 09:30',
    เลขประจำตัวประชาชน: citizen(1),
    'ชื่อ-นามสกุล': 'ครูหนึ่ง',
    'ตำแหน่ง (สายงาน)': 'ครู',
    วิทยฐานะปัจจุบัน: 'ไม่มีวิทยฐานะ',
    'ดำรงวิทยฐานะ/ตำแหน่งปัจจุบันตั้งแต่': '1/5/2560',
    วิทยฐานะที่ขอ: 'ชำนาญการ',
    กลุ่มสาระการเรียนรู้: 'คณิตศาสตร์',
    'ผล PA ปีงบประมาณ (พ.ศ.) รอบที่ 1': '2567',
    'ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 1': '85, 90, 88',
    'ผล PA ปีงบประมาณ (พ.ศ.) รอบที่ 2': '2566',
    'ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 2': '80, 82, 84',
    'ผล PA ปีงบประมาณ (พ.ศ.) รอบที่ 3': '2565',
    'ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 3': '78, 75, 90',
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
const cases = async () =>
  w.tdb.db
    .selectFrom('cases')
    .select(['id', 'state', 'workflow_version', 'history_length', 'subject_person_id', 'school_id'])
    .where('workflow_id', '=', 'academic-standing')
    .orderBy('id')
    .execute();
const refs = async () =>
  w.tdb.db
    .selectFrom('cycle_external_refs')
    .select(['office_id', 'parent_case_id', 'source', 'ref', 'child_case_id'])
    .orderBy('ref')
    .execute();

/** teacher (by citizen id), teacher2 (by position number only), an unknown person, a row with bad cells */
const FIRST_FILE = () => [
  dpaRow(),
  dpaRow({
    'เลขที่คำขอ DPA': 'DPA-68-00018',
    'วันเวลาที่ยื่นใน DPA': '2568-01-16 14.05 น.',
    เลขประจำตัวประชาชน: '',
    เลขที่ตำแหน่ง: '4521',
    'ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 2': '80, 65, 84',
  }),
  dpaRow({ 'เลขที่คำขอ DPA': 'DPA-68-00019', เลขประจำตัวประชาชน: citizen(9) }),
  dpaRow({
    'เลขที่คำขอ DPA': 'DPA-68-00020',
    'วันเวลาที่ยื่นใน DPA': '15/1/2568',
    วิทยฐานะที่ขอ: 'ชำนาญการมาก',
    'ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 1': 'ดีมาก',
  }),
];

describe('importing academic-standing requests filed in DPA into an office', () => {
  it('gives the HR officer a template with Thai headers, the position and the standings as drop-downs, and notes', async () => {
    at('2025-02-02T03:00:00Z');
    const book = await template();
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('คำขอวิทยฐานะจาก DPA');
    const headers = (sheet.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers.slice(0, 5)).toEqual(['เลขที่คำขอ DPA', 'วันเวลาที่ยื่นใน DPA', 'เลขประจำตัวประชาชน', 'เลขที่ตำแหน่ง', 'ชื่อ-นามสกุล']);
    const target = headers.indexOf('วิทยฐานะที่ขอ') + 1;
    expect(sheet.getRow(2).getCell(target).dataValidation).toMatchObject({ type: 'list' });
    const choices = book.getWorksheet('รายการให้เลือก')!;
    const lists = new Map<string, string[]>();
    choices.getRow(1).eachCell((c, col) => {
      const items: string[] = [];
      for (let r = 2; r <= choices.rowCount; r++)
        if (choices.getRow(r).getCell(col).value) items.push(String(choices.getRow(r).getCell(col).value));
      lists.set(String(c.value), items);
    });
    expect(lists.get('วิทยฐานะที่ขอ')).toEqual(['ชำนาญการ', 'ชำนาญการพิเศษ', 'เชี่ยวชาญ', 'เชี่ยวชาญพิเศษ']);
    expect(lists.get('ตำแหน่ง (สายงาน)')).toEqual(['ครู', 'รองผู้อำนวยการสถานศึกษา', 'ผู้อำนวยการสถานศึกษา', 'ศึกษานิเทศก์', 'ผู้บริหารการศึกษา']);
    const notes = book.getWorksheet('คำอธิบาย')!;
    expect(String(notes.getRow(2).getCell(3).value)).toContain('ส่งไฟล์เดิมซ้ำได้');
    // no code name nor id in what a person reads
    expect(JSON.stringify([...lists.values()])).not.toMatch(/senior_professional|school_director|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('imports the good rows at the eligibility check, refuses the bad ones with their reasons (200 with the report) and writes nothing for them', async () => {
    const res = await upload(fill(await template(), FIRST_FILE()));
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.totals).toEqual({ rows: 4, imported: 2, replayed: 0, refused: 2, skipped: 0 });
    expect(report.message.th).toBe('นำเข้า 2 คำขอ นำเข้าไว้แล้ว 0 คำขอ (ไม่สร้างซ้ำ) ไม่รับ 2 แถว ข้ามแถวว่าง 0 แถว');
    expect(
      report.rows.map((r: { row: number; outcome: string; reason: { code: string } | null }) => [r.row, r.outcome, r.reason?.code ?? null]),
    ).toEqual([
      [2, 'imported', null],
      [3, 'imported', null],
      [4, 'refused', 'DPA_PERSON_UNKNOWN'],
      [5, 'refused', 'DPA_ROW_INVALID'],
    ]);
    expect(report.rows[0].stateLabel.th).toBe('ตรวจสอบคุณสมบัติผู้ยื่นคำขอ');
    expect(report.rows[1].personName).toMatch(/^teacher2 A/);
    expect(report.rows[2].reason.th).toContain('ไม่พบบุคลากร');
    expect(report.rows[2].reason.en).toContain('personnel records');
    const invalid = report.rows[3].reason.details;
    expect(invalid.map((d: { th: string }) => d.th)).toEqual([
      expect.stringContaining('"วันเวลาที่ยื่นใน DPA": "15/1/2568" ต้องมีทั้งวันที่และเวลา'),
      expect.stringContaining('"วิทยฐานะที่ขอ": "ชำนาญการมาก" ไม่มีในรายการ'),
      expect.stringContaining('"ร้อยละที่กรรมการแต่ละคนให้ รอบที่ 1": "ดีมาก" ต้องเป็นตัวเลข'),
    ]);
    expect(invalid.every((d: { en: string }) => d.en.length > 0)).toBe(true);

    // two cases, about the persons of the good rows, on version 4, at the eligibility check, in their school; nothing for the others
    const made = await cases();
    expect(made.map((c) => [c.subject_person_id, c.state, c.workflow_version, c.school_id]).sort()).toEqual(
      [
        [w.a.users.teacher.personId, 'eligibilityCheck', 4, w.a.schoolIds[0]],
        [w.a.users.teacher2.personId, 'eligibilityCheck', 4, w.a.schoolIds[0]],
      ].sort(),
    );
    expect((await refs()).map((r) => [r.office_id, r.parent_case_id, r.source, r.ref])).toEqual([
      [w.a.officeId, null, 'DPA', 'DPA-68-00017'],
      [w.a.officeId, null, 'DPA', 'DPA-68-00018'],
    ]);

    // the filing is DPA's: its moment, the check as of that day (the evidence in DPA), the penalties from the record
    type Ctx = {
      filedAt: string;
      dpaFiling: { ref: string; filedAt: string };
      eligibility: { eligible: boolean; asOf: string; reasons: { criterion: string; ok: boolean; th: string }[] };
      application: { penalties: unknown[] };
    };
    const contextOf = async (caseId: string) =>
      (
        (await w.tdb.db.selectFrom('cases').select('snapshot').where('id', '=', caseId).executeTakeFirstOrThrow()).snapshot as {
          context: Ctx;
        }
      ).context;
    const first = await contextOf(report.rows[0].caseId);
    expect(first.filedAt).toBe('2025-01-15T02:30:00.000Z');
    expect(first.dpaFiling).toMatchObject({ ref: 'DPA-68-00017', filedAt: '2025-01-15T02:30:00.000Z' });
    expect(first.eligibility).toMatchObject({ eligible: true, asOf: '2025-01-15' });
    expect(first.eligibility.reasons.find((r) => r.criterion === 'evidence')).toMatchObject({
      ok: true,
      th: expect.stringContaining('ระบบ DPA'),
    });
    const second = await contextOf(report.rows[1].caseId);
    expect(second.application.penalties).toEqual([{ kind: 'salary_cut', date: '2023-06-01' }]);
    expect(second.eligibility.eligible).toBe(false);
    expect(second.eligibility.reasons.filter((r) => !r.ok).map((r) => r.criterion)).toEqual(['pa_results', 'penalties']);
    // the history: opened by the system, recorded by HR from DPA with the number and the row
    const history = await w.tdb.db
      .selectFrom('case_history')
      .select(['event_type', 'actor_kind', 'actor_id', 'reason'])
      .where('case_id', '=', report.rows[0].caseId)
      .orderBy('seq')
      .execute();
    expect(history).toEqual([
      { event_type: '@start', actor_kind: 'system', actor_id: 'system', reason: null },
      {
        event_type: 'RECORD_DPA_FILING',
        actor_kind: 'user',
        actor_id: w.a.users.hr.userId,
        reason: 'นำเข้าคำขอจากระบบ DPA เลขที่คำขอ DPA-68-00017 โดยเจ้าหน้าที่บริหารงานบุคคล (แถวที่ 2)',
      },
    ]);
  });

  it('replays the same file: the same cases, nothing filed twice', async () => {
    const before = await cases();
    at('2025-02-02T04:00:00Z');
    const res = await upload(fill(await template(), FIRST_FILE()));
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.totals).toEqual({ rows: 4, imported: 0, replayed: 2, refused: 2, skipped: 0 });
    expect(
      report.rows
        .filter((r: { outcome: string }) => r.outcome === 'replayed')
        .map((r: { caseId: string }) => r.caseId)
        .sort(),
    ).toEqual(before.map((c) => c.id).sort());
    expect(await cases()).toEqual(before);
    expect((await refs()).length).toBe(2);
  });

  it('refuses a DPA number already imported for another person, and a second request for the same standing', async () => {
    const res = await upload(
      fill(await template(), [dpaRow({ เลขประจำตัวประชาชน: '', เลขที่ตำแหน่ง: '4521' }), dpaRow({ 'เลขที่คำขอ DPA': 'DPA-68-00090' })]),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().rows.map((r: { reason: { code: string } }) => r.reason.code)).toEqual(['DPA_REF_TAKEN', 'DPA_ALREADY_FILED']);
    expect((await cases()).length).toBe(2);
  });

  it('lets the office-side steps run the same way: HR confirms the eligibility of an imported request', async () => {
    const c = (await cases()).find((x) => x.subject_person_id === w.a.users.teacher.personId)!;
    await ok('hr', 'POST', `/api/cases/${c.id}/events`, { type: 'ACCEPT_ELIGIBLE', payload: {} });
    expect((await w.tdb.db.selectFrom('cases').select('state').where('id', '=', c.id).executeTakeFirstOrThrow()).state).toBe(
      'committeeProposal',
    );
    // the teacher follows it as their own request
    expect((await ok('teacher', 'GET', `/api/cases/${c.id}`)).json().case.state).toBe('committeeProposal');
  });

  it('is the office’s HR officers’: 403 for the office’s others, 404 for another office; nothing written', async () => {
    const book = fill(await template(), [
      dpaRow({ 'เลขที่คำขอ DPA': 'DPA-68-00099', เลขประจำตัวประชาชน: citizen(2), วิทยฐานะที่ขอ: 'ชำนาญการพิเศษ', วิทยฐานะปัจจุบัน: 'ชำนาญการ' }),
    ]);
    const statuses: [string, number, number][] = [];
    for (const who of ['teacher', 'director', 'group', 'area', 'admin', 'b.hr']) {
      statuses.push([who, (await call(who, 'GET', `${base()}/dpa-template.xlsx`)).statusCode, (await upload(book, who)).statusCode]);
    }
    expect(statuses).toEqual([
      ['teacher', 403, 403],
      ['director', 403, 403],
      ['group', 403, 403],
      ['area', 403, 403],
      ['admin', 403, 403],
      ['b.hr', 404, 404],
    ]);
    const refused = await upload(book, 'teacher');
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN', message: { th: expect.any(String), en: expect.any(String) } });
    // office B's HR officer cannot import into office A, nor find A's people from B
    const intoB = await upload(book, 'b.hr', w.b.officeId);
    expect(intoB.statusCode).toBe(200);
    expect(intoB.json().rows[0].reason.code).toBe('DPA_PERSON_UNKNOWN');
    expect((await cases()).length).toBe(2);
  });

  it('refuses a file without the template’s columns, naming them, and writes nothing', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['ชื่อ', 'นามสกุล']);
    const res = await upload(book);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_PAYLOAD');
    expect(JSON.stringify(res.json().detail)).toContain('เลขที่คำขอ DPA');
    const garbage = await call('hr', 'POST', `${base()}/dpa-import`, Buffer.from('not a workbook'), { 'content-type': XLSX });
    expect(garbage.statusCode).toBe(400);
    expect((await cases()).length).toBe(2);
  });
});
