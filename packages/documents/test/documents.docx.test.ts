/**
 * Orders as DOCX (docs/documents.md "DOCX"): the same words as the PDF, read
 * back from the file's word/document.xml in order; TH SarabunPSK 16 pt; the
 * order on an A4 portrait page with the ระเบียบ's margins, the attached list
 * on a landscape section whose header row repeats; the office's emblem
 * embedded (proportions kept) when it has one, its place left empty when not.
 */
import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { imageSize, orderDocx, salaryRaiseOrderModel, transferOrderModel, academicStandingOrderModel } from '../src/index';
import { missingInOrder } from './support/pdf-checks';
import * as fx from './fixtures';

/** A real 2×1 PNG. */
const PNG_2x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mNk+M/AwMDAxAAAGAYCAQq5mxUAAAAASUVORK5CYII=',
  'base64',
);

async function read(docx: Buffer) {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join(' ')
    .replace(/\s+/g, ' ');
  return {
    xml,
    text,
    media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && !f.endsWith('/')),
    styles: await zip.file('word/styles.xml')!.async('string'),
  };
}

describe('orders as DOCX', () => {
  it('writes the transfer order with the same words as its PDF, the list on a landscape page, in TH SarabunPSK 16 pt', async () => {
    const model = transferOrderModel(fx.transferOrder, fx.options(true));
    const docx = await orderDocx(model, fx.options(true));
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const { xml, text, media, styles } = await read(docx);
    expect(
      missingInOrder(text, [
        model.title,
        model.numberLine,
        model.subject,
        ...model.paragraphs,
        model.signedLine,
        '(นายวิรัตน์ ศรีสุข)',
        'บัญชีรายละเอียดแนบท้ายคำสั่ง',
        'ที่',
        'ชื่อ – สกุล',
        'นางสาวปิ่นแก้ว ตั้งใจเรียน',
        'โรงเรียนวัดป่าลิไลย์',
        'นายสมศักดิ์ เพ็ญศรี',
      ]),
    ).toBeNull();
    expect(text).not.toMatch(/[0-9]/);
    expect(styles).toContain('w:ascii="TH SarabunPSK"');
    expect(styles).toMatch(/<w:sz w:val="32"\/>/);
    // A4 portrait with left 3 cm and right 2 cm, then a landscape section
    expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840" w:orient="portrait"\/>|<w:pgSz w:w="11907" w:h="16839" w:orient="portrait"\/>/);
    expect(xml).toMatch(/w:orient="landscape"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:left="1701"/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(media).toEqual([]);
  });

  it('embeds the office’s emblem, 3 cm high with its proportions', async () => {
    expect(imageSize(PNG_2x1)).toEqual({ width: 2, height: 1 });
    const options = { ...fx.options(false), emblem: { type: 'image/png' as const, bytes: PNG_2x1 } };
    const { xml, media } = await read(await orderDocx(salaryRaiseOrderModel(fx.salaryOrder, options), options));
    expect(media).toHaveLength(1);
    // 3 cm = 113 px high, 226 px wide, in EMU (9525 per px)
    expect(xml).toContain(`cx="${226 * 9525}" cy="${113 * 9525}"`);
  });

  it('writes the salary raise order’s money and the วิทยฐานะ order’s levels as the PDF does', async () => {
    const salary = await read(await orderDocx(salaryRaiseOrderModel(fx.salaryOrder, fx.options(false)), fx.options(false)));
    expect(
      missingInOrder(salary.text, [
        'ที่ 45/2569',
        'เรื่อง เลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา',
        'เงินเดือนเดิม',
        '32,450.00',
        '31,200.00',
        '3.80',
        '1,185.60',
        '33,635.60',
        'รวม 3 ราย',
        '1,965.60',
      ]),
    ).toBeNull();
    const standing = await read(await orderDocx(academicStandingOrderModel(fx.academicStandingOrder, fx.options(true)), fx.options(true)));
    expect(
      missingInOrder(standing.text, ['ที่ ๘๘/๒๕๖๙', 'เลื่อนเป็นวิทยฐานะสูงขึ้น', 'นางสาวปิ่นแก้ว ตั้งใจเรียน', 'ครูชำนาญการพิเศษ', '๓ พฤศจิกายน ๒๕๖๘']),
    ).toBeNull();
  });
});
