/**
 * The page every official document is printed on (ระเบียบสำนักนายกรัฐมนตรีว่าด้วย
 * งานสารบรรณ; docs/documents.md "Format"):
 *
 * - A4; margins left 3 cm, right 2 cm, bottom 2 cm; the first page starts
 *   1.5 cm from the top edge (where the ครุฑ sits), later pages 2.5 cm, with
 *   the page number centred at the top ("- ๒ -") from page 2 on;
 * - Sarabun embedded (sarabun-fonts.ts), 14 pt body: Google's Sarabun draws
 *   its glyphs larger per point than TH Sarabun New, whose 16 pt the ระเบียบ's
 *   printing guidance names, so 14 pt looks like it;
 * - the office's emblem (ครุฑ) when one is given: 3 cm high and centred on
 *   กระดาษตราครุฑ (คำสั่ง, ประกาศ, letters), 1.5 cm at the left on
 *   บันทึกข้อความ; without one its place is left empty, the size it would take.
 *
 * Lines break between Thai words (Chromium's ICU dictionary), never inside one.
 */
import { escapeHtml } from './html';
import { sarabunFontFaces } from './sarabun-fonts';

/** The office's emblem image (no emblem is bundled: it is the office's own). */
export interface Emblem {
  type: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

export type EmblemPlacement = 'garuda' | 'memo';

const baseCss = (thaiDigits: boolean) => `
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm; @top-center { content: "- " counter(page, ${thaiDigits ? 'thai' : 'decimal'}) " -"; font-family: 'Sarabun'; font-size: 16pt; vertical-align: bottom; padding-bottom: 0.4cm; } }
@page :first { margin-top: 1.5cm; @top-center { content: none; } }
html { font-family: 'Sarabun', sans-serif; font-size: 16pt; line-height: 1.6; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
p { margin: 0; }
.indent { text-indent: 2.5cm; }
.center { text-align: center; }
.bold { font-weight: 700; }
.title { font-weight: 700; text-align: center; }
.gap { margin-top: 1em; }
.emblem-garuda { display: block; height: 3cm; margin: 0 auto 0.3cm; }
.emblem-garuda img { display: block; height: 3cm; margin: 0 auto; }
.emblem-memo { height: 1.5cm; }
.emblem-memo img { display: block; }
.emblem-memo img { height: 1.5cm; }
.rule { width: 4cm; margin: 0.2cm auto 0.4cm; border-top: 1px solid #000; }
.signature { margin-left: 7.5cm; text-align: center; break-inside: avoid; padding-top: 0.1cm; }
.signature .space { height: 1.6cm; }
table.list { width: 100%; border-collapse: collapse; font-size: 14pt; line-height: 1.45; }
table.list th, table.list td { border: 1px solid #000; padding: 0.08cm 0.15cm; vertical-align: top; text-align: left; }
table.list th { font-weight: 700; text-align: center; }
table.list td.num { text-align: center; white-space: nowrap; }
table.list thead { display: table-header-group; }
table.list tr { break-inside: avoid; }
/* padding: without it, Chromium paints the tip of a tone mark of the new page's first line at the foot of the page before */
.page-break { break-before: page; padding-top: 0.1cm; }
.nowrap { white-space: nowrap; }
@page attachment { size: A4 landscape; margin: 2.5cm 2cm 2cm 3cm; }
.attachment { page: attachment; break-before: page; padding-top: 0.1cm; }
table.list { table-layout: fixed; }
`;

export function emblemBlock(emblem: Emblem | null, placement: EmblemPlacement): string {
  const cls = placement === 'garuda' ? 'emblem-garuda' : 'emblem-memo';
  if (!emblem) return `<div class="${cls}" aria-hidden="true"></div>`;
  const src = `data:${emblem.type};base64,${Buffer.from(emblem.bytes).toString('base64')}`;
  return `<div class="${cls}"><img src="${src}" alt="ตราครุฑ"></div>`;
}

/** The whole HTML of a document: its title (the PDF's title), its own CSS and body. */
export function documentPage(input: { title: string; body: string; css?: string; thaiDigits: boolean }): string {
  return `<!doctype html>
<html lang="th"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>${sarabunFontFaces()}
${baseCss(input.thaiDigits)}
${input.css ?? ''}</style></head>
<body>${input.body}</body></html>`;
}
