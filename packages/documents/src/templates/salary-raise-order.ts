/**
 * คำสั่ง เลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา: one order per
 * signer (the area director for the office and school administrators; each
 * school's director for the school's staff, ม.53), with its
 * บัญชีรายละเอียดแนบท้ายคำสั่ง: each person raised, their salary before, the
 * base the percentage was counted on, the percentage, the amount and the new
 * salary (กฎ ก.ค.ศ. ว่าด้วยการเลื่อนเงินเดือน พ.ศ. 2561).
 */
import { documentPage, emblemBlock } from '../document-page';
import { buddhistYearOf, writerFor } from '../html';
import { numberLine, signatureBlock, type DocumentOptions, type Signer } from './common';

export interface SalaryRaiseOrderPerson {
  name: string;
  /** 'ครู' with its วิทยฐานะ when it has one: 'ครู วิทยฐานะชำนาญการ' */
  position: string;
  /** the school, or null for the office's own staff */
  schoolName: string | null;
  salarySatang: number;
  baseSatang: number;
  pctBp: number;
  amountSatang: number;
  newSalarySatang: number;
  /** e.g. 'ได้รับเงินเดือนเต็มขั้น' */
  note: string | null;
}

export interface SalaryRaiseOrderData {
  /** from the order register; null prints "ที่ ......../2569" */
  documentNo: string | null;
  /** the day the number was given (the order's date) */
  issuedOn: string;
  /** 'ครั้งที่ 1 (1 เมษายน 2569)' comes from these */
  round: 1 | 2;
  fiscalYearBe: number;
  effectiveOn: string;
  /** the school whose director signs, or null for the area director's order */
  schoolName: string | null;
  people: SalaryRaiseOrderPerson[];
  signer: Signer;
}

export function salaryRaiseOrderHtml(d: SalaryRaiseOrderData, options: DocumentOptions): string {
  const w = writerFor(options);
  const beYear = buddhistYearOf(d.issuedOn);
  const issuer = d.schoolName ?? options.office.nameTh;
  const office = options.office.nameTh;
  const rows = d.people
    .map(
      (p, i) =>
        `<tr><td class="num">${w.t(i + 1)}</td><td>${w.t(p.name)}</td><td>${w.t(p.position)}</td><td>${w.t(p.schoolName ?? office)}</td><td class="money">${w.baht(p.salarySatang)}</td><td class="money">${w.baht(p.baseSatang)}</td><td class="num">${w.percent(p.pctBp)}</td><td class="money">${w.baht(p.amountSatang)}</td><td class="money">${w.baht(p.newSalarySatang)}</td><td>${p.note ? w.t(p.note) : ''}</td></tr>`,
    )
    .join('');
  const total = d.people.reduce((n, p) => n + p.amountSatang, 0);
  const body = `
${emblemBlock(options.emblem, 'garuda')}
<p class="title">คำสั่ง${w.t(issuer)}</p>
<p class="center">${numberLine(w, d.documentNo, beYear)}</p>
<p class="center">เรื่อง เลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา</p>
<div class="rule"></div>
<p class="indent">อาศัยอำนาจตามความในมาตรา ${w.t(53)} และมาตรา ${w.t(72)} แห่งพระราชบัญญัติระเบียบข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. ${w.t(2547)} และที่แก้ไขเพิ่มเติม ประกอบกฎ ก.ค.ศ. ว่าด้วยการเลื่อนเงินเดือนของข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. ${w.t(2561)} จึงให้เลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา ครั้งที่ ${w.t(d.round)} ปีงบประมาณ พ.ศ. ${w.t(d.fiscalYearBe)} จำนวน ${w.t(d.people.length)} ราย ตามบัญชีรายละเอียดแนบท้ายคำสั่งนี้</p>
<p class="indent">ทั้งนี้ ตั้งแต่วันที่ ${w.date(d.effectiveOn)} เป็นต้นไป</p>
<p class="indent gap">สั่ง ณ วันที่ ${w.date(d.issuedOn)}</p>
${signatureBlock(w, d.signer)}
<section class="attachment">
<p class="title">บัญชีรายละเอียดการเลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา แนบท้ายคำสั่ง${w.t(issuer)}</p>
<p class="center"><span class="nowrap">${numberLine(w, d.documentNo, beYear)}</span> <span class="nowrap">ลงวันที่ ${w.date(d.issuedOn)}</span></p>
<p class="center gap"></p>
<table class="list">
<colgroup><col style="width:4%"><col style="width:15%"><col style="width:12%"><col style="width:14%"><col style="width:10%"><col style="width:10%"><col style="width:6%"><col style="width:9%"><col style="width:10%"><col style="width:10%"></colgroup>
<thead><tr><th>ที่</th><th>ชื่อ – สกุล</th><th>ตำแหน่ง</th><th>สถานศึกษา/หน่วยงาน</th><th>เงินเดือนเดิม</th><th>ฐานในการคำนวณ</th><th>ร้อยละ</th><th>จำนวนเงินที่ได้เลื่อน</th><th>เงินเดือนที่ได้รับ</th><th>หมายเหตุ</th></tr></thead>
<tbody>${rows}<tr><td></td><td colspan="6" class="bold">รวม ${w.t(d.people.length)} ราย</td><td class="money bold">${w.baht(total)}</td><td></td><td></td></tr></tbody>
</table>
</section>`;
  return documentPage({ title: `คำสั่ง${issuer} เรื่อง เลื่อนเงินเดือน`, body, thaiDigits: options.thaiDigits, css: 'table.list td.money { text-align: right; white-space: nowrap; } table.list { font-size: 11pt; }' });
}
