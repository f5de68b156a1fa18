/**
 * Spreadsheets in and out: imports read CSV (any encoding an office's Excel
 * writes, with the rows numbered as the spreadsheet shows them) and xlsx
 * (from the template, with the citizen id kept whole), and the case list is
 * exported whole, as CSV and as a streamed xlsx workbook an office can read.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { actorOf } from '../../engine/test/support/index';
import { citizenIdCheckDigit } from '../src/import/thai-citizen-id';
import { startServerWorld, type ServerWorld } from './support/server-world';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let w: ServerWorld;
let aCode: string;
beforeAll(async () => {
  w = await startServerWorld();
  aCode = (await w.tdb.db.selectFrom('schools').select('code').where('id', '=', w.a.schoolIds[0]!).executeTakeFirstOrThrow()).code;
});
afterAll(() => w.close());

const cid = (first12: string) => `${first12}${citizenIdCheckDigit(first12)}`;
const importFile = (kind: 'schools' | 'staff', body: string | Buffer, type: string, query = '?dryRun=true') =>
  w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/import/${kind}${query}`, body, { 'content-type': type });
const csv = (text: string, query?: string) => importFile('staff', text, 'text/csv; charset=utf-8', query);
type Row = { row: number; status: string; reasons: { code: string; th: string }[] };
const rowsOf = (res: { json(): unknown }) => new Map((res.json() as { rows: Row[] }).rows.map((r) => [r.row, r]));

describe('CSV import', () => {
  it('numbers rows as the spreadsheet does: blank rows and cells spanning lines count', async () => {
    const res = await csv(
      [
        'เลขประจำตัวประชาชน,ชื่อ,นามสกุล,ตำแหน่ง',
        `${cid('110000000001')},หนึ่ง,แถวสอง,ครู`, // row 2
        '', // row 3: blank
        '', // row 4: blank
        `${cid('110000000002')},ห้า,"หลาย\nบรรทัด",ครู`, // row 5 (spans two lines, one row; a name may not break lines)
        `${cid('110000000003')},หก,,ครู`, // row 6: last name missing
      ].join('\r\n'),
    );
    expect(res.statusCode).toBe(200);
    const rows = rowsOf(res);
    expect([...rows.keys()]).toEqual([2, 5, 6]);
    expect(rows.get(2)!.status).toBe('created');
    expect(rows.get(5)!.reasons.map((r) => r.code)).toEqual(['forbidden_character']);
    expect(rows.get(6)!.reasons.map((r) => r.code)).toEqual(['required']);
  });

  it('reports a stray quote on its own row and reads the others', async () => {
    const res = await csv(
      ['เลขประจำตัวประชาชน,ชื่อ,นามสกุล', `${cid('110000000011')},ก,ข`, `${cid('110000000012')},สม"ใจ,ค`, `${cid('110000000013')},ง,จ`].join(
        '\n',
      ),
    );
    expect(res.statusCode).toBe(200);
    const rows = rowsOf(res);
    expect(rows.get(2)!.status).toBe('created');
    expect(rows.get(3)).toMatchObject({ status: 'rejected', reasons: [expect.objectContaining({ code: 'quote_malformed' })] });
    expect(rows.get(4)!.status).toBe('created');
  });

  it('refuses a quote that opens and never closes, naming its row, and writes nothing', async () => {
    const before = await w.tdb.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await csv(
      ['เลขประจำตัวประชาชน,ชื่อ,นามสกุล', `${cid('110000000021')},ก,ข`, `${cid('110000000022')},"ไม่ปิด,ค`, `${cid('110000000023')},ง,จ`].join(
        '\n',
      ),
      '',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().detail.issues).toEqual([expect.objectContaining({ path: 'row.3', code: 'quote_not_closed' })]);
    const after = await w.tdb.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('reads UTF-8 with a BOM and Windows-874 (an older Thai Excel) alike', async () => {
    const text = ['เลขประจำตัวประชาชน,ชื่อ,นามสกุล', `${cid('110000000031')},สมหญิง,ทดสอบ`].join('\r\n');
    const withBom = await importFile('staff', Buffer.from(`\uFEFF${text}`, 'utf8'), 'text/csv');
    expect(rowsOf(withBom).get(2)!.status).toBe('created');
    // Windows-874: Thai letters U+0E01..U+0E5B are the bytes 0xA1..0xFB
    const tis = Buffer.from(
      [...text].map((ch) => {
        const c = ch.codePointAt(0)!;
        return c >= 0x0e01 && c <= 0x0e5b ? c - 0x0e01 + 0xa1 : c;
      }),
    );
    const win = await importFile('staff', tis, 'text/csv');
    expect(win.statusCode).toBe(200);
    expect(rowsOf(win).get(2)!.status).toBe('created');
    expect((win.json() as { rows: { key: string }[] }).rows[0]!.key).toBe(cid('110000000031'));
  });

  it('names scientific notation as the reason a citizen id was refused', async () => {
    const res = await csv(['เลขประจำตัวประชาชน,ชื่อ,นามสกุล', '1.10123E+12,ก,ข'].join('\n'));
    const row = rowsOf(res).get(2)!;
    expect(row.status).toBe('rejected');
    expect(row.reasons.map((r) => r.code)).toEqual(['citizen_id_scientific']);
    expect(row.reasons[0]!.th).toContain('1.10123E+12');
  });
});

describe('xlsx import', () => {
  it('offers an xlsx template whose citizen id column is text, and reads it back filled in', async () => {
    const template = await w.call('a.hr', 'GET', '/api/import/staff/columns?format=xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header[0]).toBe('เลขประจำตัวประชาชน/citizen id');
    expect(header.join(' ')).not.toMatch(/_/); // no code names
    expect(sheet.getCell(2, 1).numFmt).toBe('@');

    // filled in as an officer would: one id typed as text, one pasted as a number
    sheet.getCell(2, 1).value = cid('120000000001');
    sheet.getCell(2, 3).value = 'พิมพ์';
    sheet.getCell(2, 4).value = 'เป็นข้อความ';
    sheet.getCell(3, 1).value = Number(cid('120000000002'));
    sheet.getCell(3, 3).value = 'วาง';
    sheet.getCell(3, 4).value = 'เป็นตัวเลข';
    sheet.getCell(4, 1).value = cid('120000000003');
    sheet.getCell(4, 3).value = 'ไม่มีนามสกุล';
    sheet.getCell(4, 8).value = aCode;
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    const res = await importFile('staff', filled, XLSX, '');
    expect(res.statusCode).toBe(200);
    const rows = rowsOf(res);
    expect(rows.get(2)!.status).toBe('created');
    expect(rows.get(3)!.status).toBe('created');
    expect(rows.get(4)!.reasons.map((r) => r.code)).toEqual(['required']);
    const people = await w.tdb.db
      .selectFrom('people')
      .select(['citizen_id', 'first_name_th'])
      .where('citizen_id', 'in', [cid('120000000001'), cid('120000000002')])
      .orderBy('citizen_id')
      .execute();
    expect(people).toEqual([
      { citizen_id: cid('120000000001'), first_name_th: 'พิมพ์' },
      { citizen_id: cid('120000000002'), first_name_th: 'วาง' },
    ]);
  });

  it('refuses a file that is not a workbook (400) and a zip that inflates past the limit (413)', async () => {
    const notXlsx = await importFile('schools', Buffer.from('%PDF-1.7 not a workbook'), XLSX);
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().detail.issues[0].code).toBe('not_xlsx');

    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(120 * 1024 * 1024, 0x20)); // 120 MB of spaces, deflates to ~120 kB
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await importFile('schools', bomb, XLSX);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('IMPORT_TOO_LARGE');
  });
});

describe('case list export', () => {
  const TOTAL = 1_234;
  beforeAll(async () => {
    const actor = await actorOf(w.tdb.db, w.a.users.teacher);
    for (let i = 0; i < TOTAL; i += 16) {
      await Promise.all(
        Array.from({ length: Math.min(16, TOTAL - i) }, (_, k) =>
          w.engine.startCase({
            actor,
            workflowId: 'sample-approval',
            officeId: w.a.officeId,
            schoolId: w.a.schoolIds[0]!,
            subjectPersonId: w.a.users.teacher.personId,
            title: `คำขอส่งออก ${String(i + k + 1).padStart(4, '0')}`,
            input: { amount: 1 },
          }),
        ),
      );
    }
  });

  it('writes every row as CSV, with names and Buddhist-era dates instead of code names, ids and ISO dates', async () => {
    const res = await w.call('a.hr', 'GET', '/api/cases.csv');
    expect(res.statusCode).toBe(200);
    const lines = res.body.split('\r\n').filter((l) => l !== '');
    const exported = lines.filter((l) => l.startsWith('คำขอส่งออก'));
    expect(exported).toHaveLength(TOTAL);
    expect(new Set(exported.map((l) => l.split(',')[0])).size).toBe(TOTAL);
    expect(exported[0]).toMatch(/^คำขอส่งออก \d{4},ตัวอย่างการอนุมัติ,[^,]+,ดำเนินการอยู่,\d{1,2} [ก-๙.]+ 25\d\d \d\d\.\d\d น\.,/);
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // no UUID
    expect(res.body).not.toMatch(/\d{4}-\d{2}-\d{2}/); // no ISO date
    expect(res.body).not.toContain('sample-approval');
  });

  it('streams every row as an xlsx workbook with real dates in a Thai format', async () => {
    const res = await w.call('a.hr', 'GET', '/api/cases.xlsx?status=active');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(['เรื่อง', 'กระบวนงาน', 'ขั้นตอนปัจจุบัน', 'สถานะ', 'วันที่เริ่ม', 'ปรับปรุงล่าสุด']);
    const titles: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) titles.push(String(row.getCell(1).value));
    });
    expect(titles.filter((t) => t.startsWith('คำขอส่งออก'))).toHaveLength(TOTAL);
    const started = sheet.getCell(2, 5);
    expect(started.value).toBeInstanceOf(Date);
    expect(started.numFmt).toContain('bbbb'); // the Buddhist-era year
    // the world's clock is 2025-06-16 09:00 in Bangkok: written as that wall-clock time
    expect((started.value as Date).toISOString()).toBe('2025-06-16T09:00:00.000Z');
  });

  it('exports only what the reader may see', async () => {
    expect((await w.call('b.hr', 'GET', '/api/cases.xlsx')).rawPayload.includes(Buffer.from('คำขอส่งออก'))).toBe(false);
    expect((await w.call('b.hr', 'GET', '/api/cases.csv')).body).not.toContain('คำขอส่งออก');
  });
});
