/**
 * หนังสือแจ้งผลการเลื่อนเงินเดือนรายบุคคล: the letter each person of a salary
 * round receives (seed-000 rule 3.5): their result and raise, or — for a
 * person not raised or not considered — the reasons (Act ม.73), and until when
 * a grievance may be filed (ม.123). Set out as a หนังสือภายนอก: the emblem
 * centred, ที่ at the left and the office at the right, the date, เรื่อง,
 * เรียน, the body, ขอแสดงความนับถือ and the signer. One letter per page, so
 * an office prints a whole round's letters at once.
 */
import { documentPage, emblemBlock } from '../document-page';
import { buddhistYearOf, writerFor } from '../html';
import { letterFoot, letterFrom, numberLine, signatureBlock, type DocumentOptions, type Signer } from './common';

export interface PersonalNoticeLetter {
  toTh: string;
  subjectTh: string;
  /** the paragraphs; a line starting with "- " is a reason in a list */
  bodyTh: string[];
}

export interface PersonalNoticesData {
  /** a circular number (ว) from the outgoing register; null prints "ที่ ......../2569" */
  documentNo: string | null;
  date: string;
  letters: PersonalNoticeLetter[];
  signer: Signer;
}

export function personalNoticesHtml(d: PersonalNoticesData, options: DocumentOptions): string {
  const w = writerFor(options);
  const office = options.office.nameTh;
  const beYear = buddhistYearOf(d.date);
  const letters = d.letters.map((l, i) => {
    const paragraphs = l.bodyTh
      .map((line) => (line.startsWith('- ') ? `<p class="reason">${w.t(line)}</p>` : `<p class="indent">${w.t(line)}</p>`))
      .join('\n');
    return `<section class="letter${i > 0 ? ' page-break' : ''}">
${emblemBlock(options.emblem, 'garuda')}
<div class="head"><p>${numberLine(w, d.documentNo, beYear)}</p><div class="from">${letterFrom(w, options)}</div></div>
<p class="dated">${w.date(d.date)}</p>
<p>เรื่อง ${w.t(l.subjectTh)}</p>
<p class="gap">เรียน ${w.t(l.toTh)}</p>
${paragraphs}
<p class="indent">จึงเรียนมาเพื่อโปรดทราบ</p>
${signatureBlock(w, d.signer, 'ขอแสดงความนับถือ')}
${letterFoot(w, options)}
</section>`;
  });
  const css = `.letter .head { display: flex; justify-content: space-between; align-items: flex-start; }
.letter .head .from { max-width: 7cm; text-align: left; }
.letter .dated { margin-left: 7.5cm; margin-top: 0.5cm; }
.letter .reason { padding-left: 3cm; text-indent: -0.5cm; }
.letter .unit { margin-top: 1cm; }
.letter .unit p { margin: 0; }
.letter .head .from p { margin: 0; }
.letter .signature p:first-child { margin-bottom: 0; }`;
  return documentPage({ title: `หนังสือแจ้งผลการเลื่อนเงินเดือน ${office}`, body: letters.join('\n'), thaiDigits: options.thaiDigits, css });
}
