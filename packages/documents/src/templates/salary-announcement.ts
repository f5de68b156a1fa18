/**
 * ประกาศ: the salary round's names rated ดีเด่น and ดีมาก, made known to all
 * (seed-000 rule 3.5): one list per published level, by school, with the
 * score (and the raise % when the round publishes it).
 */
import { documentPage, emblemBlock } from '../document-page';
import { buddhistYearOf, writerFor } from '../html';
import { numberLine, signatureBlock, type DocumentOptions, type Signer } from './common';

export interface SalaryAnnouncementData {
  /** from the announcement register; null prints "ที่ ......../2568" */
  documentNo: string | null;
  /** e.g. 'การเลื่อนเงินเดือน ครั้งที่ 1/2568' */
  roundTitle: string;
  /** the day it was published */
  publishedOn: string;
  lists: { th: string; entries: { nameTh: string; schoolName: string | null; score: number | null; pctBp: number | null }[] }[];
  signer: Signer;
}

export function salaryAnnouncementHtml(d: SalaryAnnouncementData, options: DocumentOptions): string {
  const w = writerFor(options);
  const office = options.office.nameTh;
  const withPct = d.lists.some((l) => l.entries.some((e) => e.pctBp !== null));
  const lists = d.lists
    .map(
      (l) => `<p class="bold gap">ระดับ${w.t(l.th)} จำนวน ${w.t(l.entries.length)} ราย</p>
${
  l.entries.length === 0
    ? '<p class="indent">- ไม่มี -</p>'
    : `<table class="list"><thead><tr><th style="width:8%">ที่</th><th>ชื่อ – สกุล</th><th>สถานศึกษา/หน่วยงาน</th><th style="width:13%">คะแนน</th>${withPct ? '<th style="width:13%">ร้อยละ</th>' : ''}</tr></thead><tbody>${l.entries
        .map(
          (e, i) =>
            `<tr><td class="num">${w.t(i + 1)}</td><td>${w.t(e.nameTh)}</td><td>${w.t(e.schoolName ?? office)}</td><td class="num">${e.score === null ? '' : w.t(e.score.toFixed(2))}</td>${withPct ? `<td class="num">${e.pctBp === null ? '' : w.t((e.pctBp / 100).toFixed(2))}</td>` : ''}</tr>`,
        )
        .join('')}</tbody></table>`
}`,
    )
    .join('\n');
  const body = `
${emblemBlock(options.emblem, 'garuda')}
<p class="title">ประกาศ${w.t(office)}</p>
<p class="center">${numberLine(w, d.documentNo, buddhistYearOf(d.publishedOn))}</p>
<p class="center">เรื่อง รายชื่อข้าราชการครูและบุคลากรทางการศึกษาที่มีผลการประเมินระดับดีเด่นและระดับดีมาก ${w.t(d.roundTitle)}</p>
<div class="rule"></div>
<p class="indent">ตามหลักเกณฑ์และวิธีการเลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา กำหนดให้ประกาศรายชื่อผู้ที่มีผลการประเมินในระดับดีเด่นและระดับดีมากให้ทราบโดยทั่วกัน นั้น</p>
<p class="indent">${w.t(office)} จึงประกาศรายชื่อผู้ที่มีผลการประเมินในระดับดีเด่นและระดับดีมาก ${w.t(d.roundTitle)} ดังนี้</p>
${lists}
<p class="indent gap">ประกาศ ณ วันที่ ${w.date(d.publishedOn)}</p>
${signatureBlock(w, d.signer)}`;
  return documentPage({ title: `ประกาศ${office} รายชื่อผู้มีผลการประเมินดีเด่นและดีมาก`, body, thaiDigits: options.thaiDigits });
}
