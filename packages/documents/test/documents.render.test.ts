/**
 * Each official document rendered by the real Chromium and read back with
 * poppler: the Thai text comes back in order, no line is broken inside a
 * word (Intl.Segmenter('th')), every font is Sarabun and embedded (no
 * fallback, no tofu), A4. Page 1 of each is kept as a PNG (docs/documents/
 * with ESA_WRITE_DOC_PAGES=1). One browser for the file.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPdfPrinter, documentPage, transferOrderHtml } from '../src/index';
import { breaksInsideWords, firstPagePng, missingInOrder, pdfBlocks, pdfFonts, pdfLayoutPages, pdfText } from './support/pdf-checks';
import * as fx from './fixtures';

const printer = createPdfPrinter({ concurrency: 2 });
afterAll(() => printer.close());

const pagesDir = process.env.ESA_WRITE_DOC_PAGES === '1' ? new URL('../../../docs/documents/', import.meta.url).pathname : join(tmpdir(), 'esa-flow-documents');
mkdirSync(pagesDir, { recursive: true });

function expectWellPrinted(pdf: Buffer, name: string): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const fonts = pdfFonts(pdf);
  expect(fonts.length).toBeGreaterThan(0);
  for (const f of fonts) {
    expect(f.name).toMatch(/Sarabun/);
    expect(f.embedded).toBe(true);
  }
  expect(breaksInsideWords(pdfBlocks(pdf))).toEqual([]);
  writeFileSync(join(pagesDir, `${name}.png`), firstPagePng(pdf));
}

describe('the line-break check', () => {
  it('finds a line broken inside a word when the page is told to break anywhere', async () => {
    const body = `<p style="word-break: break-all">${'ข้าราชการครูและบุคลากรทางการศึกษาได้ยื่นคำร้องขอย้ายตามหลักเกณฑ์และวิธีการที่กำหนด'.repeat(3)}</p>`;
    const pdf = await printer.print(documentPage({ title: 'break-all', body, thaiDigits: false }));
    expect(breaksInsideWords(pdfBlocks(pdf)).length).toBeGreaterThan(0);
  });
});

describe('คำสั่ง: the transfer order with its บัญชีแนบท้าย', () => {
  it('prints the order, then the list of the people moved on a page of its own, in Thai digits', async () => {
    const pdf = await printer.print(transferOrderHtml(fx.transferOrder, fx.options(true)));
    const text = pdfText(pdf);
    expect(
      missingInOrder(text, [
        'คำสั่งสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต ๑',
        'ที่ ๑๒/๒๕๖๙',
        'เรื่อง ย้ายข้าราชการครูและบุคลากรทางการศึกษา ตำแหน่งครู',
        'ในการประชุมครั้งที่ ๑๒/๒๕๖๙ เมื่อวันที่ ๑ ธันวาคม ๒๕๖๙',
        'มาตรา ๕๓',
        'จำนวน ๒ ราย',
        'ภายในวันที่ ๒๐ มกราคม ๒๕๗๐',
        'ตั้งแต่วันที่ ๑๖ มกราคม ๒๕๗๐ เป็นต้นไป',
        'สั่ง ณ วันที่ ๔ ธันวาคม ๒๕๖๙',
        '(นายวิรัตน์ ศรีสุข)',
        'บัญชีรายละเอียดแนบท้ายคำสั่ง',
        'ที่ ๑๒/๒๕๖๙ ลงวันที่ ๔ ธันวาคม ๒๕๖๙',
        'นางสาวปิ่นแก้ว ตั้งใจเรียน',
        'โรงเรียนบ้านควนขนุน',
        'โรงเรียนวัดป่าลิไลย์',
        'นายสมศักดิ์ เพ็ญศรี',
        'โรงเรียนอนุบาลพัทลุง',
      ]),
    ).toBeNull();
    expect(text).not.toMatch(/[0-9]/);
    const pages = pdfLayoutPages(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[1]).toMatch(/-\s*๒\s*-/);
    expectWellPrinted(pdf, 'transfer-order');
  });

  it('before a number is issued and before signing, leaves the blanks to fill; arabic digits when the office writes them', async () => {
    const pdf = await printer.print(transferOrderHtml({ ...fx.transferOrder, documentNo: null, signedOn: null, signer: { ...fx.transferOrder.signer, name: null } }, fx.options(false)));
    const text = pdfText(pdf);
    expect(missingInOrder(text, ['ที่ ......../2569', 'สั่ง ณ วันที่ ........................ พ.ศ. 2569', '(........................................)', 'เขต 1'])).toBeNull();
  });
});
