/**
 * An order as DOCX (docs/documents.md "DOCX"), for the officers who edit an
 * order before it is signed: the same words as the PDF (`OrderModel`), laid
 * out as the ระเบียบงานสารบรรณ lays out a คำสั่ง — A4, margins left 3 cm,
 * right 2 cm, the emblem 3 cm high centred at the head, TH SarabunPSK 16 pt
 * (the government's font, installed on the offices' own computers; Word
 * shapes the Thai), the body's first lines indented 2.5 cm, the signature at
 * the right — then the attached list on a landscape page with its header
 * row repeated on every page. Written with the `docx` library.
 */
import {
  AlignmentType,
  Document,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Emblem } from './document-page';
import type { DocumentOptions } from './templates/common';
import type { OrderModel } from './templates/order-model';
import { plainWriterFor } from './html';

/** twips per centimetre */
const CM = 567;
const FONT = 'TH SarabunPSK';
/** half-points: 16 pt */
const BODY = 32;

/** The pixel size of a PNG or JPEG, to keep the emblem's proportions. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const b = Buffer.from(bytes);
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      const length = b.readUInt16BE(i + 2);
      // SOF0–SOF15 except DHT (c4), JPG (c8) and DAC (cc)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      i += 2 + length;
    }
  }
  return null;
}

function emblemParagraph(emblem: Emblem | null): Paragraph {
  // 3 cm high at 96 px per inch
  const height = Math.round((3 / 2.54) * 96);
  const size = emblem ? imageSize(emblem.bytes) : null;
  if (!emblem || !size) return new Paragraph({ spacing: { before: 0, after: 0, line: 3 * CM, lineRule: 'exact' }, children: [] });
  const width = Math.round((height * size.width) / size.height);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type: emblem.type === 'image/png' ? 'png' : 'jpg',
        data: emblem.bytes,
        transformation: { width, height },
        altText: { name: 'ตราครุฑ', description: 'ตราครุฑ', title: 'ตราครุฑ' },
      }),
    ],
  });
}

const text = (value: string, opts: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text: value, font: FONT, size: opts.size ?? BODY, ...(opts.bold ? { bold: true } : {}) });
const centered = (value: string, bold = false) => new Paragraph({ alignment: AlignmentType.CENTER, children: [text(value, { bold })] });

/** The order as a .docx file's bytes. */
export async function orderDocx(m: OrderModel, options: DocumentOptions): Promise<Buffer> {
  const w = plainWriterFor(options);
  const a = m.attachment;
  const portraitWidth = 21 * CM;
  const landscapeWidth = 29.7 * CM;
  const tableWidth = Math.round(landscapeWidth - 5 * CM);
  const cellSize = a.fontPt ? a.fontPt * 2 + 4 : BODY - 4;
  const cell = (lines: string[], align: 'left' | 'center' | 'right', width: number, bold = false) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: lines.map(
        (line) =>
          new Paragraph({
            alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children: [text(line, { bold, size: cellSize })],
          }),
      ),
    });
  const widths = a.columns.map((c) => Math.round((tableWidth * c.width) / 100));
  const signer = [
    m.signer.name ? `(${w.t(m.signer.name)})` : '(........................................)',
    w.t(m.signer.position),
    ...(m.signer.actingFor ? [w.t(m.signer.actingFor)] : []),
  ];
  const first: ISectionOptions = {
    properties: {
      page: {
        size: { width: portraitWidth, height: 29.7 * CM, orientation: PageOrientation.PORTRAIT },
        margin: { top: 1.5 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM },
      },
    },
    children: [
      emblemParagraph(options.emblem),
      centered(m.title, true),
      centered(m.numberLine),
      centered(m.subject),
      new Paragraph({ alignment: AlignmentType.CENTER, children: [text('-----------------------------')] }),
      ...m.paragraphs.map(
        (p) => new Paragraph({ indent: { firstLine: 2.5 * CM }, alignment: AlignmentType.THAI_DISTRIBUTE, children: [text(p)] }),
      ),
      // the date and the signature stay together on one page
      new Paragraph({ indent: { firstLine: 2.5 * CM }, spacing: { before: 240 }, keepNext: true, children: [text(m.signedLine)] }),
      new Paragraph({ spacing: { before: 600 }, keepNext: true, children: [] }),
      ...signer.map(
        (line, i) =>
          new Paragraph({
            indent: { left: 7.5 * CM },
            alignment: AlignmentType.CENTER,
            keepNext: i < signer.length - 1,
            keepLines: true,
            children: [text(line)],
          }),
      ),
    ],
  };
  const attachment: ISectionOptions = {
    properties: {
      page: {
        size: { width: portraitWidth, height: 29.7 * CM, orientation: PageOrientation.LANDSCAPE },
        margin: { top: 2.5 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM },
      },
    },
    children: [
      centered(a.title, true),
      centered(a.subtitle.replace(/\u00a0/g, ' ')),
      new Paragraph({ children: [] }),
      new Table({
        width: { size: tableWidth, type: WidthType.DXA },
        columnWidths: widths,
        rows: [
          new TableRow({ tableHeader: true, children: a.columns.map((c, i) => cell([c.header], 'center', widths[i]!, true)) }),
          ...a.rows.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                children: r.map((lines, i) =>
                  cell(
                    lines.map((l) => l.replace(/\u00a0/g, ' ')),
                    a.columns[i]?.align ?? 'left',
                    widths[i]!,
                  ),
                ),
              }),
          ),
          ...(a.footer
            ? [new TableRow({ children: a.footer.map((lines, i) => cell(lines, a.columns[i]?.align ?? 'left', widths[i]!, true)) })]
            : []),
        ],
      }),
    ],
  };
  const doc = new Document({
    title: m.docTitle,
    creator: 'esa-flow',
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [first, attachment],
  });
  return Packer.toBuffer(doc);
}
