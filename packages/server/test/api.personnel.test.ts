/**
 * The person record (docs/personnel.md) over the API: the office's sheet
 * imported with a report per row (a citizen id Excel turned into scientific
 * notation, a level that does not exist, a person of another office), the
 * same file again changes nothing, a record read as of a date with its
 * history, a hand edit, another office's person is 404; then a salary round
 * opened by the worker on 1 October from the records as of 1 September —
 * the right people with the right salaries, once with two workers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { createDatabase, createEngine, type Database, engineDeps } from '@esa-flow/engine/internal';
import { runWorkflowMaintenance, salary } from '@esa-flow/workflows';
import { actorOf } from '../../engine/test/support/index';
import { citizenIdCheckDigit } from '../src/import/thai-citizen-id';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let schoolCodes: string[] = [];
const ids: string[] = [];
const personIds: string[] = [];
let otherOfficeId = '';
let roundId = '';
let roundB = '';
const extraPools: Database[] = [];

const citizenId = (n: number) => {
  const first12 = `310150000${String(n).padStart(3, '0')}`;
  return `${first12}${citizenIdCheckDigit(first12)}`;
};

const HEADER =
  'เลขประจำตัวประชาชน,มีผลตั้งแต่วันที่,เลขที่ตำแหน่ง,ตำแหน่ง,ระดับ (ค.ศ.),เงินเดือน (บาท),ฐานในการคำนวณ (บาท),วิทยฐานะ,รหัสโรงเรียน,วันเริ่มรับราชการ,ครึ่งปีของการลา,ลาป่วย (ครั้ง),ลาป่วย (วัน),โทษทางวินัย,วันที่ลงโทษ';

const sheet = () => [
  HEADER,
  `${ids[0]},1 เม.ย. 2568,T001,ครู,คศ.2,"30,000",29000,ชำนาญการ,${schoolCodes[0]},16 พ.ค. 2553,,,,,`,
  // a raise after the base date: not what the October round reads
  `${ids[0]},15 ก.ย. 2568,,,,31000,,,,,,,,,`,
  `${ids[1]},1 เม.ย. 2568,T002,ครู,คศ.1,25000,24000,,${schoolCodes[1]},1 มิ.ย. 2555,2/2568,12,40,,`,
  `${ids[2]},1 ส.ค. 2568,T003,ครู,คศ.1,22000.50,24000,ไม่มี,${schoolCodes[1]},1 มิ.ย. 2565,,,,ภาคทัณฑ์,1 ส.ค. 2568`,
  // on the records only after the base date: not on the October roster
  `${ids[3]},10 ก.ย. 2568,T004,ครู,คศ.1,21000,24000,,${schoolCodes[0]},10 ก.ย. 2568,,,,,`,
];

/** signs in afresh: the test moves the clock by days, past a session's idle limit */
async function callNow(
  who: 'hr' | 'teacher',
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: unknown,
  office: 'a' | 'b' = 'a',
  headers: Record<string, string> = {},
) {
  const username = (
    await w.tdb.db.selectFrom('users').select('username').where('id', '=', w[office].users[who].userId).executeTakeFirstOrThrow()
  ).username;
  const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return w.app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    headers: { cookie, ...headers },
  });
}

const importCsv = (rows: string[], dryRun = false, who = 'a.hr', officeId = w.a.officeId) =>
  w.call(who, 'POST', `/api/offices/${officeId}/import/personnel?dryRun=${dryRun}`, rows.join('\r\n'), {
    'content-type': 'text/csv',
    'x-file-name': encodeURIComponent('ระเบียนบุคคล.csv'),
  });

beforeAll(async () => {
  w = await startServerWorld({}, salary.salaryWorkflows);
  schoolCodes = (await w.tdb.db.selectFrom('schools').select('code').where('office_id', '=', w.a.officeId).orderBy('code').execute()).map(
    (s) => s.code,
  );
  for (let i = 0; i < 4; i++) {
    ids.push(citizenId(i));
    const p = await w.tdb.db
      .insertInto('people')
      .values({ first_name_th: `ครูระเบียน${i + 1}`, last_name_th: 'ทดสอบ', office_id: w.a.officeId, citizen_id: ids[i] })
      .returning('id')
      .executeTakeFirstOrThrow();
    personIds.push(p.id);
  }
  otherOfficeId = w.b.officeId;
  const other = await w.tdb.db
    .insertInto('people')
    .values({ first_name_th: 'ครูเขตอื่น', last_name_th: 'ทดสอบ', office_id: otherOfficeId, citizen_id: citizenId(50) })
    .returning('id')
    .executeTakeFirstOrThrow();
  personIds.push(other.id);
  // the round of April–September 2025 (FY 2568, round 2), announced by HR at the start of the half-year
  const hr = await actorOf(w.tdb.db, w.a.users.hr);
  w.clock.set('2025-04-01T02:00:00Z');
  roundId = (await salary.startSalaryRound(w.engine, hr, { officeId: w.a.officeId, params: { fiscalYearBe: 2568, round: 2 } })).caseId;
  await w.engine.dispatch({
    actor: hr,
    caseId: roundId,
    type: 'ANNOUNCE_CRITERIA',
    payload: { announcementRef: 'ประกาศ เรื่อง หลักเกณฑ์การประเมิน', announcedOn: '2025-04-01' },
  });
  const hrB = await actorOf(w.tdb.db, w.b.users.hr);
  roundB = (await salary.startSalaryRound(w.engine, hrB, { officeId: otherOfficeId, params: { fiscalYearBe: 2568, round: 2 } })).caseId;
  await w.engine.dispatch({
    actor: hrB,
    caseId: roundB,
    type: 'ANNOUNCE_CRITERIA',
    payload: { announcementRef: 'ประกาศ เรื่อง หลักเกณฑ์การประเมิน', announcedOn: '2025-04-01' },
  });
});
afterAll(async () => {
  for (const db of extraPools) await db.destroy();
  await w.close();
});

describe('importing the person records', () => {
  it('reports each row, writes the good ones with their history, and changes nothing the second time', async () => {
    w.clock.set('2025-09-20T03:00:00Z');
    const bad = [
      HEADER,
      `3.10150E+12,1 เม.ย. 2568,T009,ครู,คศ.1,25000,24000,,,1 มิ.ย. 2555,,,,,`,
      `${ids[1]},1 เม.ย. 2568,T002,ครู,คศ.9,25000,24000,,,1 มิ.ย. 2555,,,,,`,
      `${citizenId(50)},1 เม.ย. 2568,T010,ครู,คศ.1,25000,24000,,,1 มิ.ย. 2555,,,,,`,
      `${ids[2]},1 เม.ย. 2568,T003,ครู,คศ.1,25000,24000,,,1 มิ.ย. 2555,,3,,,`,
    ];
    const checked = await importCsv(bad, true);
    expect(checked.statusCode).toBe(200);
    const byRow = new Map(
      (checked.json().rows as { row: number; status: string; reasons: { code: string; column: string; th: string; en: string }[] }[]).map(
        (r) => [r.row, r],
      ),
    );
    expect(byRow.get(2)!.reasons.map((r) => `${r.column}:${r.code}`)).toEqual(['citizen_id:citizen_id_scientific']);
    expect(byRow.get(2)!.reasons[0]!.th).toContain('Excel');
    expect(byRow.get(3)!.reasons.map((r) => `${r.column}:${r.code}`)).toEqual(['level:level_unknown']);
    expect(byRow.get(3)!.reasons[0]!.en).toContain('level');
    // a person of another office reads as "not in this office": no oracle
    expect(byRow.get(4)!.reasons.map((r) => `${r.column}:${r.code}`)).toEqual(['citizen_id:person_not_in_office']);
    expect(byRow.get(5)!.reasons.map((r) => `${r.column}:${r.code}`)).toEqual(['leave_half_year:required']);
    expect(checked.json().totals).toMatchObject({ rows: 4, rejected: 4 });

    // a move within OBEC: the office moved to, with the day the person left (without it the row is refused)
    const moves = await importCsv(
      [
        'เลขประจำตัวประชาชน,มีผลตั้งแต่วันที่,วันที่พ้นจากสำนักงาน,ย้ายไปสังกัด',
        `${ids[0]},16 ม.ค. 2569,,สพป.ลำพูน เขต 1`,
        `${ids[1]},16 ม.ค. 2569,16 ม.ค. 2569,สพป.ลำพูน เขต 1`,
      ],
      true,
    );
    expect(
      (moves.json().rows as { row: number; status: string; reasons: { column: string; code: string }[] }[]).map((r) => [
        r.row,
        r.status,
        r.reasons.map((x) => `${x.column}:${x.code}`),
      ]),
    ).toEqual([
      [2, 'rejected', ['left_on:required']],
      [3, 'created', []],
    ]);

    const first = await importCsv(sheet());
    expect(first.json().totals).toEqual({ rows: 5, created: 4, updated: 1, unchanged: 0, rejected: 0 });
    const replay = await importCsv(sheet());
    expect(replay.json().totals).toEqual({ rows: 5, created: 0, updated: 0, unchanged: 5, rejected: 0 });

    // the template, as a workbook with the citizen id typed as text; filled in, it reads as the CSV did
    const template = await w.call('a.hr', 'GET', '/api/import/personnel/columns?format=xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = book.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 2)).toEqual(['เลขประจำตัวประชาชน/citizen id', 'มีผลตั้งแต่วันที่/effective from']);
    expect(ws.getCell(2, 1).numFmt).toBe('@');
    const col = (th: string) => header.findIndex((h) => h.startsWith(`${th}/`)) + 1;
    // the fourth person's row of the CSV, with the citizen id pasted as a number and real date cells
    ws.getCell(2, col('เลขประจำตัวประชาชน')).value = Number(ids[3]);
    ws.getCell(2, col('มีผลตั้งแต่วันที่')).value = new Date(Date.UTC(2025, 8, 10));
    ws.getCell(2, col('เลขที่ตำแหน่ง')).value = 'T004';
    ws.getCell(2, col('ตำแหน่ง')).value = 'ครู';
    ws.getCell(2, col('ระดับ (ค.ศ.)')).value = 'ค.ศ.1';
    ws.getCell(2, col('เงินเดือน (บาท)')).value = 21000;
    ws.getCell(2, col('ฐานในการคำนวณ (บาท)')).value = 24000;
    ws.getCell(2, col('รหัสโรงเรียน')).value = schoolCodes[0]!;
    // 10/9/2568 typed into a date cell of a Gregorian Excel: the year 2568, read as พ.ศ.
    ws.getCell(2, col('วันเริ่มรับราชการ')).value = new Date(Date.UTC(2568, 8, 10));
    const xlsx = await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/import/personnel`, Buffer.from(await book.xlsx.writeBuffer()), {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(xlsx.json()).toMatchObject({ kind: 'personnel' });
    expect(xlsx.json().rows).toMatchObject([{ row: 2, key: ids[3], status: 'unchanged', reasons: [] }]);
  });

  it('reads a record as of a date, with its history in พ.ศ., and keeps a hand edit', async () => {
    const url = `/api/offices/${w.a.officeId}/personnel/${personIds[0]}`;
    const atBase = (await w.call('a.hr', 'GET', `${url}?asOf=2025-09-01`)).json();
    const value = (f: string) => (atBase.values as { field: string; value: unknown }[]).find((v) => v.field === f)?.value;
    expect(value('salary')).toBe(3_000_000);
    expect(value('level')).toBe('คศ.2');
    expect(value('position_no')).toBe('T001');
    const now = (await w.call('a.hr', 'GET', url)).json();
    expect((now.values as { field: string; value: unknown; shown: { th: string } }[]).find((v) => v.field === 'salary')).toMatchObject({
      value: 3_100_000,
      effectiveOnTh: '15 กันยายน 2568',
    });
    const salaries = (
      now.history as { field: string; source: string; sourceRef: string; effectiveOnTh: string; recordedAtTh: string }[]
    ).filter((h) => h.field === 'salary');
    expect(salaries).toHaveLength(2);
    expect(salaries[0]).toMatchObject({ source: 'import', sourceRef: 'ระเบียนบุคคล.csv', effectiveOnTh: '15 กันยายน 2568' });
    expect(salaries[0]!.recordedAtTh).toContain('2568');

    const edit = { effectiveOn: '2025-09-15', reason: 'แก้ไขตามคำสั่งเลื่อนเงินเดือน', values: { salary: 3_110_000 } };
    expect((await w.call('a.hr', 'POST', url, edit)).json()).toEqual({ written: 1, unchanged: 0 });
    expect((await w.call('a.hr', 'POST', url, edit)).json()).toEqual({ written: 0, unchanged: 1 });
    const edited = (await w.call('a.hr', 'GET', url)).json();
    expect(edited.history[0]).toMatchObject({ field: 'salary', source: 'edit', sourceRef: 'แก้ไขตามคำสั่งเลื่อนเงินเดือน' });
    // put it back as imported (a correction is a new entry, the old ones stay)
    expect((await w.call('a.hr', 'POST', url, { ...edit, values: { salary: 3_100_000 } })).json()).toEqual({ written: 1, unchanged: 0 });

    // a move within OBEC names the day the person left: without it nothing is written
    const movedAlone = await w.call('a.hr', 'POST', url, {
      effectiveOn: '2026-01-16',
      reason: 'ย้ายตามคำสั่ง',
      values: { moved_to: 'สพป.ลำพูน เขต 1' },
    });
    expect([movedAlone.statusCode, movedAlone.json().code]).toEqual([400, 'INVALID_PAYLOAD']);
    const move = { effectiveOn: '2026-01-16', reason: 'ย้ายตามคำสั่ง', values: { left_on: '2026-01-16', moved_to: 'สพป.ลำพูน เขต 1' } };
    expect((await w.call('a.hr', 'POST', url, move)).json()).toEqual({ written: 2, unchanged: 0 });
    const afterMove = (await w.call('a.hr', 'GET', `${url}?asOf=2026-01-16`)).json();
    expect(
      (afterMove.values as { field: string; label: { th: string }; shown: { th: string } }[]).find((v) => v.field === 'moved_to'),
    ).toMatchObject({
      label: { th: 'ย้ายไปสังกัด (ภายใน สพฐ.)' },
      shown: { th: 'สพป.ลำพูน เขต 1' },
    });

    // another office's person, or another office: 404; the office's others: 403
    expect((await w.call('a.hr', 'GET', `/api/offices/${w.a.officeId}/personnel/${personIds[4]}`)).statusCode).toBe(404);
    expect((await w.call('b.hr', 'GET', url)).statusCode).toBe(404);
    expect((await w.call('b.hr', 'GET', `/api/offices/${otherOfficeId}/personnel/${personIds[0]}`)).statusCode).toBe(404);
    expect((await w.call('a.teacher', 'GET', url)).statusCode).toBe(403);
    const list = (await w.call('a.hr', 'GET', `/api/offices/${w.a.officeId}/personnel?asOf=2025-09-01`)).json();
    expect(
      (list.items as { positionNo: string | null }[])
        .map((i) => i.positionNo)
        .filter(Boolean)
        .sort(),
    ).toEqual(['T001', 'T002', 'T003']);
  });
});

describe('the round opened from the records', () => {
  it('is opened by the worker on 1 October from the records as of 1 September, once with two workers', async () => {
    const hr = await actorOf(w.tdb.db, w.a.users.hr);

    // an officer checks what the records would open (a dry run opens nothing)
    w.clock.set('2025-09-25T03:00:00Z');
    const dry = (await callNow('hr', 'POST', `/api/salary-rounds/${roundId}/roster-from-records?dryRun=true`)).json();
    expect(dry).toMatchObject({
      dryRun: true,
      opened: false,
      asOf: '2025-09-01',
      asOfTh: '1 กันยายน 2568',
      state: 'evaluating',
      totals: { rows: 3, considered: 2, notConsidered: 1, rejected: 0 },
    });
    expect(dry.notConsidered).toMatchObject([{ key: 'T002' }]);

    // the office turns the worker's opening on
    expect((await callNow('teacher', 'PUT', `/api/offices/${w.a.officeId}/salary-round-settings`, { autoOpen: true })).statusCode).toBe(
      403,
    );
    expect((await callNow('hr', 'PUT', `/api/offices/${w.a.officeId}/salary-round-settings`, { autoOpen: true })).json()).toMatchObject({
      autoOpen: true,
      changed: true,
    });
    expect((await callNow('hr', 'PUT', `/api/offices/${w.a.officeId}/salary-round-settings`, { autoOpen: true })).json()).toMatchObject({
      changed: false,
    });

    // the evening before (Bangkok): nothing
    w.clock.set('2025-09-30T12:00:00Z');
    expect(await salary.openScheduledRounds(w.engine, { workerId: 'worker-1' })).toEqual([]);
    expect((await callNow('hr', 'GET', `/api/salary-rounds/${roundId}/opening`)).json()).toEqual({ opening: null });

    // 08:05 on 1 October (Bangkok), two workers at once, each with its own pool
    w.clock.set('2025-10-01T01:05:00Z');
    const workers = [1, 2].map((n) => {
      const db = createDatabase({ connectionString: w.tdb.url });
      extraPools.push(db);
      return { id: `worker-${n}`, engine: createEngine({ db, registry: engineDeps(w.engine).registry, clock: w.clock }) };
    });
    // what each worker process runs with every maintenance pass (the pass lock is left out here: the claim alone keeps it once)
    const passes = await Promise.all(workers.map((x) => runWorkflowMaintenance(x.engine)));
    expect(passes.map((p) => p.salaryRoundsOpened).sort()).toEqual([0, 1]);
    // and two more looking at once, straight: one opened it, nobody opens it again
    const results = (await Promise.all(workers.map((x) => salary.openScheduledRounds(x.engine, { workerId: x.id }))))
      .flat()
      .filter((r) => r.officeId === w.a.officeId);
    expect(results.map((r) => r.outcome)).toEqual(['not_at_evaluation', 'not_at_evaluation']);

    const children = await salary.roundChildren(w.engine, hr, roundId);
    expect(children.map((c) => c.key).sort()).toEqual(['T001', 'T003']);
    expect(children.find((c) => c.key === 'T001')!.context.person).toMatchObject({
      salarySatang: 3_000_000,
      baseSatang: 2_900_000,
      academicStanding: 'ชำนาญการ',
      serviceStartedOn: '2010-05-16',
    });
    expect(children.find((c) => c.key === 'T003')!.context.person).toMatchObject({ salarySatang: 2_200_050 });
    const round = await salary.loadRound(w.engine, hr, roundId);
    expect(round.state).toBe('appraising');
    expect(round.context.ineligible).toMatchObject([{ personnelNo: 'T002' }]);

    const opening = (await callNow('hr', 'GET', `/api/salary-rounds/${roundId}/opening`)).json().opening;
    expect(opening).toMatchObject({
      status: 'done',
      byWorker: true,
      asOf: '2025-09-01',
      done: 2,
      total: 2,
      considered: 2,
      notConsidered: 1,
    });

    // later passes change nothing; an officer asking again is refused: the round moved on
    w.clock.set('2025-10-02T01:05:00Z');
    expect(
      (await salary.openScheduledRounds(w.engine, { workerId: 'worker-1' }))
        .filter((r) => r.officeId === w.a.officeId)
        .map((r) => r.outcome),
    ).toEqual(['not_at_evaluation']);
    expect((await salary.roundChildren(w.engine, hr, roundId)).length).toBe(2);
    expect((await callNow('hr', 'POST', `/api/salary-rounds/${roundId}/roster-from-records`)).json().code).toBe('EVENT_NOT_ALLOWED');
  });

  it('records why the worker did not open a round whose records are incomplete, until HR completes them and opens it', async () => {
    w.clock.set('2025-10-02T02:00:00Z');
    const csv = [
      'เลขประจำตัวประชาชน,มีผลตั้งแต่วันที่,เลขที่ตำแหน่ง,ตำแหน่ง,เงินเดือน (บาท),วันเริ่มรับราชการ',
      `${citizenId(50)},1 เม.ย. 2568,B001,ครู,26000,1 มิ.ย. 2555`,
    ].join('\r\n');
    const imported = await callNow('hr', 'POST', `/api/offices/${otherOfficeId}/import/personnel`, csv, 'b', {
      'content-type': 'text/csv',
    });
    expect(imported.json().totals).toMatchObject({ created: 1, rejected: 0 });
    expect(
      (await callNow('hr', 'PUT', `/api/offices/${otherOfficeId}/salary-round-settings`, { autoOpen: true }, 'b')).json(),
    ).toMatchObject({ autoOpen: true });

    const first = (await salary.openScheduledRounds(w.engine, { workerId: 'worker-1' })).filter((r) => r.officeId === otherOfficeId);
    expect(first.map((r) => r.outcome)).toEqual(['incomplete']);
    expect(first[0]!.report!.rejected).toMatchObject([{ key: 'B001', reasons: [{ code: 'required', column: 'base' }] }]);
    const opening = (await callNow('hr', 'GET', `/api/salary-rounds/${roundB}/opening`, undefined, 'b')).json().opening;
    expect(opening).toMatchObject({ status: 'failed', byWorker: true, rejected: 1 });
    // the next pass within the hour does not look again
    w.clock.set('2025-10-02T02:10:00Z');
    expect(
      (await salary.openScheduledRounds(w.engine, { workerId: 'worker-2' }))
        .filter((r) => r.officeId === otherOfficeId)
        .map((r) => r.report),
    ).toEqual([undefined]);

    // HR completes the record by hand and opens the round from the records
    const edit = { effectiveOn: '2025-04-01', reason: 'เพิ่มฐานในการคำนวณ', values: { base: 2_400_000 } };
    expect((await callNow('hr', 'POST', `/api/offices/${otherOfficeId}/personnel/${personIds[4]}`, edit, 'b')).json()).toEqual({
      written: 1,
      unchanged: 0,
    });
    const opened = (await callNow('hr', 'POST', `/api/salary-rounds/${roundB}/roster-from-records`, undefined, 'b')).json();
    expect(opened).toMatchObject({ opened: true, state: 'appraising', totals: { considered: 1 } });
    expect((await callNow('hr', 'GET', `/api/salary-rounds/${roundB}/opening`, undefined, 'b')).json().opening).toMatchObject({
      status: 'done',
      byWorker: false,
      done: 1,
      total: 1,
    });
  });
});
