/**
 * A คำสั่ง (order) as words, before it is laid out: the transfer order, the
 * salary raise order and the วิทยฐานะ order each make one from their data,
 * and the same model is printed as PDF (`orderHtml`, Chromium) and written as
 * DOCX (`orderDocx`, for officers who edit before signing) — one wording,
 * two formats. Every text is final (digits as the office prints them), not
 * escaped.
 */
import { documentPage, emblemBlock } from '../document-page';
import { escapeHtml, writerFor } from '../html';
import { signatureBlock, type DocumentOptions, type Signer } from './common';

export interface OrderColumn {
  header: string;
  /** percent of the table's width */
  width: number;
  align: 'left' | 'center' | 'right';
}

/** A cell: one or more lines. */
export type OrderCell = string[];

export interface OrderModel {
  /** the PDF's and DOCX's title */
  docTitle: string;
  /** 'คำสั่งสำนักงานเขตพื้นที่การศึกษา…' */
  title: string;
  /** 'ที่ 12/2569' */
  numberLine: string;
  /** 'เรื่อง …' */
  subject: string;
  /** the body, each an indented paragraph */
  paragraphs: string[];
  /** 'สั่ง ณ วันที่ …' */
  signedLine: string;
  signer: Signer;
  attachment: {
    title: string;
    subtitle: string;
    columns: OrderColumn[];
    rows: OrderCell[][];
    /** a closing row (e.g. the total), as many cells as columns */
    footer?: OrderCell[];
    /** the table's font size, when the list is wide */
    fontPt?: number;
  };
}

const CELL_CLASS = { left: '', center: ' class="center"', right: ' class="money"' } as const;

function cellHtml(cell: OrderCell, column: OrderColumn | undefined, bold = false): string {
  const text = cell.map(escapeHtml).join('<br>');
  const cls =
    column?.align === 'center' && cell.length === 1 && /^[0-9๐-๙]+$/.test(cell[0] ?? '')
      ? ' class="num"'
      : CELL_CLASS[column?.align ?? 'left'];
  return `<td${cls}>${bold ? `<strong>${text}</strong>` : text}</td>`;
}

/** The order as the HTML Chromium prints: the first page, then the list on a landscape page of its own. */
export function orderHtml(m: OrderModel, options: DocumentOptions): string {
  const w = writerFor(options);
  const e = escapeHtml;
  const a = m.attachment;
  const body = `
${emblemBlock(options.emblem, 'garuda')}
<p class="title">${e(m.title)}</p>
<p class="center">${e(m.numberLine)}</p>
<p class="center">${e(m.subject)}</p>
<div class="rule"></div>
${m.paragraphs.map((p) => `<p class="indent">${e(p)}</p>`).join('\n')}
<p class="indent gap">${e(m.signedLine)}</p>
${signatureBlock(w, m.signer)}
<section class="attachment">
<p class="title">${e(a.title)}</p>
<p class="center">${e(a.subtitle)}</p>
<p class="center gap"></p>
<table class="list">
<colgroup>${a.columns.map((c) => `<col style="width:${c.width}%">`).join('')}</colgroup>
<thead><tr>${a.columns.map((c) => `<th>${e(c.header)}</th>`).join('')}</tr></thead>
<tbody>${a.rows.map((r) => `<tr>${r.map((cell, i) => cellHtml(cell, a.columns[i])).join('')}</tr>`).join('')}${a.footer ? `<tr>${a.footer.map((cell, i) => cellHtml(cell, a.columns[i], true)).join('')}</tr>` : ''}</tbody>
</table>
</section>`;
  const css = `table.list td.money { text-align: right; white-space: nowrap; }${a.fontPt ? ` table.list { font-size: ${a.fontPt}pt; }` : ''}`;
  return documentPage({ title: m.docTitle, body, thaiDigits: options.thaiDigits, css });
}
