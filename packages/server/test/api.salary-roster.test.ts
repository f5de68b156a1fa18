/**
 * Opening a salary round's appraisals from the office's roster sheet
 * (docs/workflows/salary-round.md "Running a round"): a dry run checks every
 * row and names what is wrong; a sheet with a rejected row opens nothing; a
 * good sheet opens one appraisal per eligible person and lists those not
 * considered with the reasons. Schools by code, people by citizen id, dates
 * in พ.ศ.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { salary } from '@esa-flow/workflows';
import { citizenIdCheckDigit } from '../src/import/thai-citizen-id';
import { startServerWorld, type ServerWorld } from './support/server-world';
import { setUpSalaryRound, type SalaryRoundFixture } from './support/salary-round';

let w: ServerWorld;
let r: SalaryRoundFixture;
let schoolCodes: string[] = [];
const citizenIds: string[] = [];

const HEADER =
  'เลขที่ตำแหน่ง,เลขประจำตัวประชาชน,ชื่อ-นามสกุล,รหัสโรงเรียน,ตำแหน่ง,วิทยฐานะ,เงินเดือน (บาท),ฐานในการคำนวณ (บาท),เงินเดือนสูงสุดของอันดับ (บาท),วันเริ่มรับราชการ,ลาป่วย (ครั้ง),ลาป่วย (วัน)';

const upload = (csv: string, dryRun: boolean) =>
  w.call('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/roster?dryRun=${dryRun}`, csv, { 'content-type': 'text/csv' });

beforeAll(async () => {
  w = await startServerWorld({}, salary.salaryWorkflows);
  r = await setUpSalaryRound(w, { openAppraisal: false });
  schoolCodes = (await w.tdb.db.selectFrom('schools').select('code').where('office_id', '=', w.a.officeId).orderBy('code').execute()).map(
    (s) => s.code,
  );
  for (let i = 0; i < 4; i++) {
    const first12 = `310120000${String(i).padStart(3, '0')}`;
    const id = `${first12}${citizenIdCheckDigit(first12)}`;
    citizenIds.push(id);
    await w.tdb.db
      .insertInto('people')
      .values({ first_name_th: `ครูบัญชี${i + 1}`, last_name_th: 'ทดสอบ', office_id: w.a.officeId, citizen_id: id })
      .execute();
  }
});
afterAll(() => w.close());

describe('the salary round roster', () => {
  it('names every wrong cell on a dry run, opens nothing while a row is wrong, then opens the eligible', async () => {
    const bad = [
      HEADER,
      `R001,${citizenIds[0]},ครูบัญชี1 ทดสอบ,${schoolCodes[0]},ครู,ชำนาญการ,"25,000",25000,58390,16 พ.ค. 2553,0,0`,
      `R002,${citizenIds[1]},ครูบัญชี2 ทดสอบ,no-such-school,ครู,ไม่มี,ยี่สิบ,25000,,16/05/2553,0,0`,
      `R003,${citizenIds[2]},ครูบัญชี3 ทดสอบ,${schoolCodes[1]},ครู,ครูเก่ง,30000,25000,,31 ก.พ. 2553,0,0`,
    ].join('\r\n');
    const checked = await upload(bad, true);
    expect(checked.statusCode).toBe(200);
    const report = checked.json();
    expect(report).toMatchObject({ dryRun: true, opened: false, state: 'evaluating', totals: { rows: 3, rejected: 2 } });
    const byRow = new Map(
      (report.rejected as { row: number; reasons: { code: string; column: string }[] }[]).map((x) => [
        x.row,
        x.reasons.map((y) => `${y.column}:${y.code}`).sort(),
      ]),
    );
    expect(byRow.get(3)).toEqual(['salary:number_invalid', 'school_code:school_code_unknown']);
    expect(byRow.get(4)).toEqual(['academic_standing:academic_standing_unknown', 'service_started_on:date_invalid']);
    expect(report.message.th).toContain('2 แถวที่ไม่ถูกต้อง');
    // not a dry run, still wrong: nothing opened
    expect((await upload(bad, false)).json()).toMatchObject({ opened: false, state: 'evaluating' });

    // moves within OBEC in the half-year (1 Oct 2024 – 31 Mar 2025): not "left service"; appraised where served longest
    const moves = [
      `${HEADER},ย้ายภายใน สพฐ.,วันที่ย้าย,สำนักงานที่ย้ายมาหรือย้ายไป`,
      `M001,,ครูย้ายไปช้า ทดสอบ,${schoolCodes[0]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,ย้ายไป,1 มี.ค. 2568,สพป.ตรัง เขต 1`,
      `M002,,ครูย้ายไปเร็ว ทดสอบ,${schoolCodes[0]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,ย้ายไป,1 พ.ย. 2567,สพป.ตรัง เขต 1`,
      `M003,,ครูย้ายมาเร็ว ทดสอบ,${schoolCodes[1]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,ย้ายมา,1 พ.ย. 2567,สพป.สงขลา เขต 1`,
      `M004,,ครูย้ายไม่ครบ ทดสอบ,${schoolCodes[1]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,ย้ายไป,,`,
      `M005,,ครูย้ายผิด ทดสอบ,${schoolCodes[1]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,ย้ายข้ามห้วย,1 พ.ย. 2567,สพป.สงขลา เขต 1`,
    ].join('\r\n');
    const movesReport = (await upload(moves, true)).json();
    expect(movesReport).toMatchObject({ dryRun: true, opened: false, totals: { rows: 5, considered: 2, notConsidered: 1, rejected: 2 } });
    expect(
      (movesReport.rejected as { key: string; reasons: { code: string; column: string }[] }[]).map((x) => [
        x.key,
        x.reasons.map((y) => `${y.column}:${y.code}`).sort(),
      ]),
    ).toEqual([
      ['M004', ['transfer_office:required', 'transfer_on:required']],
      ['M005', ['transfer:transfer_direction_unknown']],
    ]);
    expect(movesReport.notConsidered).toMatchObject([{ key: 'M002' }]);
    expect(movesReport.notConsidered[0].reasons[0].th).toContain('ย้ายไป สพป.ตรัง เขต 1');
    expect(movesReport.notConsidered[0].reasons[0].th).not.toContain('พ้นจากสังกัด');

    // a penalty heavier than ภาคทัณฑ์ in the half-year bars the raise; one without its date (or a date without a penalty) is refused
    const penalties = [
      `${HEADER},โทษทางวินัย,วันที่ลงโทษ`,
      `D001,,ครูถูกตัดเงินเดือน ทดสอบ,${schoolCodes[0]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,ตัดเงินเดือน,1 ธ.ค. 2567`,
      `D002,,ครูภาคทัณฑ์ ทดสอบ,${schoolCodes[0]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,ภาคทัณฑ์,1 ธ.ค. 2567`,
      `D003,,ครูโทษไม่มีวันที่ ทดสอบ,${schoolCodes[1]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,ลดขั้นเงินเดือน,`,
      `D004,,ครูวันที่ไม่มีโทษ ทดสอบ,${schoolCodes[1]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,,1 ธ.ค. 2567`,
      `D005,,ครูโทษแปลก ทดสอบ,${schoolCodes[1]},ครู,,25000,25000,,16 พ.ค. 2553,0,0,ตักเตือน,1 ธ.ค. 2567`,
    ].join('\r\n');
    const penaltyReport = (await upload(penalties, true)).json();
    expect(penaltyReport).toMatchObject({
      totals: { rows: 5, considered: 1, notConsidered: 1, rejected: 3 },
      notConsidered: [{ key: 'D001' }],
    });
    expect(penaltyReport.notConsidered[0].reasons[0].th).toContain('โทษ');
    expect(
      (penaltyReport.rejected as { key: string; reasons: { code: string; column: string }[] }[]).map((x) => [
        x.key,
        x.reasons.map((y) => `${y.column}:${y.code}`),
      ]),
    ).toEqual([
      ['D003', ['penalty_on:required']],
      ['D004', ['penalty:required']],
      ['D005', ['penalty:penalty_kind_unknown']],
    ]);

    const good = [
      HEADER,
      `R001,${citizenIds[0]},ครูบัญชี1 ทดสอบ,${schoolCodes[0]},ครู,ชำนาญการ,"25,000",25000,58390,16 พ.ค. 2553,0,0`,
      `R002,${citizenIds[1]},ครูบัญชี2 ทดสอบ,${schoolCodes[1]},ครู,ไม่มี,22000.50,25000,,16/05/2553,1,2`,
      `R003,${citizenIds[2]},ครูบัญชี3 ทดสอบ,${schoolCodes[1]},ครู,,30000,25000,,๑ มิ.ย. ๒๕๕๕,0,0`,
      // sick leave far over the limit: not considered, with the reason
      `R004,${citizenIds[3]},ครูบัญชี4 ทดสอบ,${schoolCodes[0]},ครู,,28000,25000,,1 มิ.ย. 2555,12,40`,
    ].join('\r\n');
    const opened = await upload(good, false);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      dryRun: false,
      opened: true,
      state: 'appraising',
      totals: { rows: 4, considered: 3, notConsidered: 1, rejected: 0 },
    });
    expect(opened.json().notConsidered).toMatchObject([{ row: 5, key: 'R004', nameTh: 'ครูบัญชี4 ทดสอบ' }]);
    expect(opened.json().notConsidered[0].reasons[0].th).toMatch(/ลา/);
    const children = await salary.roundChildren(w.engine, r.hr, r.roundId);
    expect(children.map((c) => c.key).sort()).toEqual(['R001', 'R002', 'R003']);
    const r002 = children.find((c) => c.key === 'R002')!;
    expect(r002.context.person).toMatchObject({ salarySatang: 2_200_050, baseSatang: 2_500_000, serviceStartedOn: '2010-05-16' });
    // the round has moved on: the roster is not taken again
    expect((await upload(good, false)).json().code).toBe('EVENT_NOT_ALLOWED');
  });

  it('refuses everyone but the office’s HR officers', async () => {
    expect(
      (await w.call('a.area', 'POST', `/api/salary-rounds/${r.roundId}/roster?dryRun=true`, HEADER, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await w.call('b.hr', 'POST', `/api/salary-rounds/${r.roundId}/roster?dryRun=true`, HEADER, { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(404);
  });
});
