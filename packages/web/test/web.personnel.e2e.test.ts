/**
 * The person records in the browser (docs/personnel.md): HR imports the
 * office's records sheet on the import page (a citizen id Excel mangled is
 * named as the reason), reads a person's record with its history in พ.ศ.,
 * turns on the automatic opening, and opens a salary round's appraisals from
 * the records as of its base date with the button beside the sheet upload;
 * the round's page shows the opening.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { salary } from '@esa-flow/workflows';
import { citizenIdCheckDigit } from '../../server/src/import/thai-citizen-id';
import { setUpSalaryRound, type SalaryRoundFixture } from '../../server/test/support/salary-round';
import { startWebWorld, type WebWorld } from './support/web-world';

let w: WebWorld;
let r: SalaryRoundFixture;
let code = '';
const ids: string[] = [];
let firstPersonId = '';

const cid = (n: number) => {
  const first12 = `310160000${String(n).padStart(3, '0')}`;
  return `${first12}${citizenIdCheckDigit(first12)}`;
};

beforeAll(async () => {
  w = await startWebWorld(salary.salaryWorkflows);
  // the round of October 2024 – March 2025 (base date 1 March 2025), at its evaluation
  r = await setUpSalaryRound(w, { openAppraisal: false });
  code = (await w.tdb.db.selectFrom('schools').select('code').where('id', '=', w.a.schoolIds[0]).executeTakeFirstOrThrow()).code;
  for (let i = 0; i < 2; i++) {
    ids.push(cid(i));
    const p = await w.tdb.db
      .insertInto('people')
      .values({ first_name_th: `ครูเว็บ${i + 1}`, last_name_th: 'ระเบียน', office_id: w.a.officeId, citizen_id: ids[i] })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (i === 0) firstPersonId = p.id;
  }
});
afterAll(() => w?.close());

const HEADER =
  'เลขประจำตัวประชาชน,มีผลตั้งแต่วันที่,เลขที่ตำแหน่ง,ตำแหน่ง,ระดับ (ค.ศ.),เงินเดือน (บาท),ฐานในการคำนวณ (บาท),รหัสโรงเรียน,วันเริ่มรับราชการ,ครึ่งปีของการลา,ลาป่วย (ครั้ง),ลาป่วย (วัน)';
const sheet = (first: string) =>
  Buffer.from(
    [
      HEADER,
      `${first},1 ต.ค. 2567,W101,ครู,คศ.2,"28,000",27000,${code},16 พ.ค. 2553,,,`,
      `${ids[1]},1 ต.ค. 2567,W102,ครู,คศ.1,24000,24000,${code},1 มิ.ย. 2555,1/2568,12,40`,
    ].join('\r\n'),
  );

describe('the person records', () => {
  it('are imported, read with their history, and open a round’s appraisals', async () => {
    const page = await w.as('a.hr');
    await page.goto('/admin/import');
    await page.getByRole('radio', { name: /^ระเบียนบุคคล/ }).check();
    await page.locator('#csv-file').setInputFiles({ name: 'ระเบียนบุคคล.csv', mimeType: 'text/csv', buffer: sheet('3.10160E+12') });
    await page.getByRole('button', { name: 'ตรวจสอบไฟล์ (ยังไม่บันทึก)' }).click();
    await page
      .getByText(/Excel แสดงเลขประจำตัวประชาชนเป็นตัวเลขแบบวิทยาศาสตร์/)
      .first()
      .waitFor();

    await page.locator('#csv-file').setInputFiles({ name: 'ระเบียนบุคคล.csv', mimeType: 'text/csv', buffer: sheet(ids[0]!) });
    await page.getByRole('button', { name: 'นำเข้าระเบียนบุคคล' }).click();
    await page.getByText('เพิ่มใหม่', { exact: true }).first().waitFor();

    // the list, then one person's record with its history in พ.ศ.
    await page.getByRole('link', { name: 'ระเบียนบุคคล', exact: true }).first().click();
    const list = page.getByTestId('personnel-list');
    await list.getByText('W101').waitFor();
    await page.getByTestId('round-auto-open').click();
    await page.getByText(/บันทึกแล้ว \(ฉบับที่ 1\)/).waitFor();
    await list.getByRole('link', { name: /ครูเว็บ1/ }).click();
    await page.waitForURL(`**/personnel/${firstPersonId}`);
    const values = page.getByTestId('record-values');
    await values.getByText('28,000.00 บาท').waitFor();
    const history = page.getByTestId('record-history');
    expect(await history.textContent()).toContain('1 ตุลาคม 2567');
    expect(await history.textContent()).toContain('ระเบียนบุคคล.csv');
    // as of a day before the record begins: nothing
    await page.locator('#record-as-of').fill('1 ก.ย. 2567');
    await page.locator('#record-as-of').blur();
    await page.getByRole('heading', { name: 'ข้อมูล ณ วันที่ 1 กันยายน 2567' }).waitFor();
    await values.getByText(/ไม่มีข้อมูล ณ วันที่นี้/).waitFor();
    // a hand correction from a date, kept in the history with its reason
    await page.locator('#edit-effective-on').fill('1 ม.ค. 2568');
    await page.getByLabel('ระดับ (ค.ศ.)').selectOption('คศ.3');
    await page.getByLabel('เหตุผลการแก้ไข').fill('ได้รับแต่งตั้งตามคำสั่ง');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await page.getByText('บันทึกแล้ว 1 รายการ').waitFor();
    await history.getByText(/แก้ไขโดยเจ้าหน้าที่ \(ได้รับแต่งตั้งตามคำสั่ง\)/).waitFor();
    // a move out within OBEC after the half-year: the day left and the office moved to, in the history
    await page.locator('#edit-effective-on').fill('1 พ.ค. 2568');
    await page.getByLabel('พ้นจากสำนักงานในวันที่มีผล').selectOption({ label: 'ย้ายไปหน่วยงานอื่นในสังกัด สพฐ.' });
    await page.getByLabel('ย้ายไปสังกัด (ภายใน สพฐ.)').fill('สพป.ลำพูน เขต 1');
    await page.getByLabel('เหตุผลการแก้ไข').fill('ย้ายตามคำสั่ง สพป.ลำพูน เขต 1');
    await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await page.getByText('บันทึกแล้ว 2 รายการ').waitFor();
    await history.getByRole('row', { name: /ย้ายไปสังกัด \(ภายใน สพฐ\.\) สพป\.ลำพูน เขต 1 1 พฤษภาคม 2568/ }).waitFor();

    // the round: open from the records as of 1 March 2568
    await page.goto(`/cycles/${r.roundId}`);
    const panel = page.getByTestId('records-opening');
    await panel.getByRole('button', { name: 'ตรวจระเบียนบุคคล' }).click();
    const report = page.getByTestId('roster-report');
    await report.getByText(/ตรวจแล้ว: จะเปิดการประเมิน \d+ ราย/).waitFor();
    await panel.getByRole('button', { name: 'เปิดการประเมินจากระเบียนบุคคล' }).click();
    await report.getByText(/เปิดการประเมินจากระเบียนบุคคล ณ 1 มีนาคม 2568 แล้ว 1 ราย ไม่ได้รับการพิจารณา 1 ราย/).waitFor();
    expect(await report.textContent()).toMatch(/ครูเว็บ2 ระเบียน: .*ลา/);
    await page
      .getByTestId('round-opening')
      .getByText(/เปิดการประเมินแล้ว 1 ราย/)
      .waitFor();
    const children = await salary.roundChildren(w.engine, r.hr, r.roundId);
    expect(children.map((c) => [c.key, c.context.person.salarySatang])).toEqual([['W101', 2_800_000]]);
    expect(w.pageErrors).toEqual([]);
  });
});
