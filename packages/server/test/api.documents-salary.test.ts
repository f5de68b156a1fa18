/**
 * The salary round's ประกาศ as PDF over HTTP (docs/documents.md): refused
 * until the results are published, then printed with the number the
 * announcement register gave it when it was published, for whoever may read
 * the round; another office gets 404.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { salary } from '@esa-flow/workflows';
import { missingInOrder, pdfText } from '../../documents/test/support/pdf-checks';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';
import { setUpSalaryRound, type SalaryRoundFixture } from './support/salary-round';

let w: ServerWorld;
let r: SalaryRoundFixture;

async function fresh(who: string, method: 'GET' | 'POST', url: string) {
  const [office, key] = who.split('.') as ['a' | 'b', keyof ServerWorld['a']['users']];
  const user = await w.tdb.db
    .selectFrom('users')
    .select('username')
    .where('id', '=', (office === 'a' ? w.a : w.b).users[key].userId)
    .executeTakeFirstOrThrow();
  const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: PASSWORD } });
  const cookie = `esa_session=${signIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
  return w.app.inject({ method, url, headers: { cookie } });
}

beforeAll(async () => {
  w = await startServerWorld({}, salary.salaryWorkflows);
  r = await setUpSalaryRound(w);
});
afterAll(() => w.close());

describe('the salary round’s announcement', () => {
  it('is not ready before publishing, then prints the lists with the register’s number', async () => {
    const url = `/api/cycles/${r.roundId}/documents/announcement.pdf`;
    expect((await fresh('a.hr', 'GET', url)).json()).toMatchObject({ code: 'DOCUMENT_NOT_READY' });
    expect((await fresh('a.hr', 'GET', `/api/cycles/${r.roundId}/documents/salary-lists.xlsx`)).json()).toMatchObject({
      code: 'DOCUMENT_NOT_READY',
    });
    await r.score((i) => i !== 5); // ครู6 is never appraised: not raised, told why (ม.73)
    const { appraisalDueOn } = (await salary.loadRound(w.engine, r.hr, r.roundId)).context.dates;
    w.clock.set(`${appraisalDueOn}T10:00:00Z`); // past 16.30 Bangkok time on the day
    expect((await fresh('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/close-appraisal`)).statusCode).toBe(200);
    await r.approveAll('salary_screening');
    expect((await fresh('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/tell-results`)).statusCode).toBe(200);
    expect((await fresh('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/allocation`)).statusCode).toBe(200);
    await r.approveAll('salary_budget');
    await r.approveAll('area_approval');
    w.clock.set('2025-06-02T03:00:00Z');
    expect((await fresh('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/publish`)).json()).toMatchObject({ announcementNo: '1/2568' });

    const res = await fresh('a.hr', 'GET', url);
    expect({
      status: res.statusCode,
      type: res.headers['content-type'],
      nosniff: res.headers['x-content-type-options'],
      cache: res.headers['cache-control'],
    }).toEqual({ status: 200, type: 'application/pdf', nosniff: 'nosniff', cache: 'no-store' });
    const text = pdfText(res.rawPayload);
    expect(
      missingInOrder(text, [
        'ประกาศ',
        'ที่ ๑/๒๕๖๘',
        'เรื่อง รายชื่อข้าราชการครูและบุคลากรทางการศึกษาที่มีผลการประเมินระดับดีเด่นและระดับดีมาก',
        'ระดับดีเด่น',
        'ประกาศ ณ วันที่ ๒ มิถุนายน ๒๕๖๘',
      ]),
    ).toBeNull();
    expect((await fresh('b.hr', 'GET', url)).statusCode).toBe(404);
  });

  it('prints every person’s notice, the reasons of those not raised (ม.73), one person’s own, and refuses another office', async () => {
    const url = `/api/cycles/${r.roundId}/documents/salary-notices.pdf`;
    const all = await fresh('a.hr', 'GET', url);
    expect(all.statusCode).toBe(200);
    const text = pdfText(all.rawPayload);
    // one letter per person, each to its person, with the grievance line
    for (let i = 1; i <= 6; i++) expect(text).toContain(`เรียน ครู${'๐๑๒๓๔๕๖'[i]} ทดสอบ`);
    expect(text.match(/ขอแสดงความนับถือ/g)?.length).toBe(6);
    const notRaised = pdfText((await fresh('a.hr', 'GET', `${url}?only=not_raised&digits=arabic`)).rawPayload);
    expect(missingInOrder(notRaised, ['เรียน ครู6 ทดสอบ', 'มาตรา 73', 'ร้องทุกข์'])).toBeNull();
    expect(notRaised).not.toContain('ครู1 ทดสอบ');
    expect(pdfText((await fresh('a.hr', 'GET', `${url}?personnelNo=P101&digits=arabic`)).rawPayload)).toContain('เรียน ครู2 ทดสอบ');
    expect((await fresh('a.hr', 'GET', `${url}?personnelNo=NOBODY`)).json()).toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    expect((await fresh('b.hr', 'GET', url)).statusCode).toBe(404);

    const child = (await salary.roundChildren(w.engine, r.hr, r.roundId)).find((c) => c.key === 'P105')!;
    const own = await fresh('a.hr', 'GET', `/api/cases/${child.caseId}/documents/salary-notice.pdf?digits=arabic`);
    expect(own.statusCode).toBe(200);
    expect(missingInOrder(pdfText(own.rawPayload), ['เรื่อง ผลการเลื่อนเงินเดือน ครั้งที่ 1', 'เรียน ครู6 ทดสอบ', 'มาตรา 73'])).toBeNull();
    expect((await fresh('b.hr', 'GET', `/api/cases/${child.caseId}/documents/salary-notice.pdf`)).statusCode).toBe(404);
    expect((await fresh('a.hr', 'GET', `/api/cases/${r.roundId}/documents/salary-notice.pdf`)).json()).toMatchObject({
      code: 'DOCUMENT_NOT_READY',
    });
  });

  it('prints each salary order with its attached list of the people it raises, numbered from the order register', async () => {
    const url = `/api/cycles/${r.roundId}/documents/salary-order.pdf`;
    expect((await fresh('a.hr', 'GET', url)).json()).toMatchObject({ code: 'DOCUMENT_NOT_READY' });
    const issued = await fresh('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/orders`);
    expect(issued.statusCode).toBe(200);
    const orders = issued.json().orders as { number: string; count: number; schoolName: string | null }[];
    expect(orders.length).toBeGreaterThan(0);
    let people = 0;
    for (let i = 1; i <= orders.length; i++) {
      const res = await fresh('a.hr', 'GET', `${url}?order=${i}&digits=arabic`);
      expect(res.statusCode).toBe(200);
      const text = pdfText(res.rawPayload);
      expect(
        missingInOrder(text, [
          `ที่ ${orders[i - 1]!.number}`,
          'เรื่อง เลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา',
          'บัญชีรายละเอียดการเลื่อนเงินเดือน',
          'เงินเดือนเดิม',
          'ฐานในการคำนวณ',
          `รวม ${orders[i - 1]!.count} ราย`,
        ]),
      ).toBeNull();
      expect(text).not.toContain('ครู6 ทดสอบ'); // not raised: on no order
      people += (text.match(/ครู\d ทดสอบ/g) ?? []).length;
    }
    expect(people).toBe(5);
    // the same order as DOCX, for the officer who edits it before it is signed
    const docx = await fresh('a.hr', 'GET', `/api/cycles/${r.roundId}/documents/salary-order.docx?order=1`);
    expect({ status: docx.statusCode, type: docx.headers['content-type'], zip: docx.rawPayload.subarray(0, 2).toString('latin1') }).toEqual(
      {
        status: 200,
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        zip: 'PK',
      },
    );
    expect(String(docx.headers['content-disposition'])).toMatch(/^attachment; .*\.docx/);
    expect((await fresh('a.hr', 'GET', `${url}?order=${orders.length + 1}`)).json()).toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    expect((await fresh('b.hr', 'GET', url)).statusCode).toBe(404);
  });

  it('gives the round’s lists as a workbook: the names announced, then every person each order raises, money in baht as numbers', async () => {
    const url = `/api/cycles/${r.roundId}/documents/salary-lists.xlsx`;
    const res = await fresh('a.hr', 'GET', url);
    expect({ status: res.statusCode, type: res.headers['content-type'], cache: res.headers['cache-control'] }).toEqual({
      status: 200,
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      cache: 'no-store',
    });
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('บัญชีรายชื่อ-');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['ประกาศรายชื่อดีเด่นและดีมาก', 'บัญชีการเลื่อนเงินเดือน']);
    const published = book.worksheets[0]!;
    expect(published.getRow(1).values).toEqual([undefined, 'ผลการประเมิน', 'ลำดับ', 'เลขประจำตัว', 'ชื่อ', 'สถานศึกษา', 'คะแนน', 'ร้อยละที่ได้เลื่อน']);
    const lists = (await fresh('a.hr', 'GET', `/api/cycles/${r.roundId}/publication`)).json() as { lists: { entries: unknown[] }[] };
    expect(published.rowCount - 1).toBe(lists.lists.reduce((n, l) => n + l.entries.length, 0));

    const raised = book.worksheets[1]!;
    const rows = raised.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(5); // ครู6 was not raised
    const orders = await salary.issuedRaiseOrders(w.engine, r.hr, r.roundId);
    const line = orders.flatMap((o) => o.lines).find((l) => l.nameTh === rows[0]![4])!;
    const first = rows[0]!;
    // คำสั่งที่, its date as a real date, the personnel number as text, then money as numbers in baht
    expect(typeof first[1]).toBe('string');
    expect(first[2]).toBeInstanceOf(Date);
    expect(first[3]).toBe(line.personnelNo);
    expect([first[7], first[8], first[9], first[10], first[11]]).toEqual([
      line.salarySatang / 100,
      line.baseSatang / 100,
      line.pctBp / 100,
      line.amountSatang / 100,
      line.newSalarySatang / 100,
    ]);
    expect(raised.getCell('G2').numFmt).toBe('#,##0.00');
    expect(raised.getCell('C2').numFmt).toBe('@');
    expect((await fresh('b.hr', 'GET', url)).statusCode).toBe(404);
  });
});
