/**
 * คำสั่ง: the order that transfers teachers (ย้ายข้าราชการครู), with its
 * บัญชีรายละเอียดแนบท้ายคำสั่ง listing each person moved: name, position,
 * from which school, to which school, from when.
 */
import { documentPage, emblemBlock } from '../document-page';
import { beforeName, buddhistYearOf, writerFor } from '../html';
import { numberLine, signatureBlock, type DocumentOptions, type Signer } from './common';

export interface TransferOrderPerson {
  name: string;
  /** 'ครู', 'ครูผู้ช่วย' */
  position: string;
  /** 'ชำนาญการ' …; null without one */
  academicStanding: string | null;
  fromSchool: string;
  toSchool: string;
  /** the receiving area, when the move crosses areas */
  toArea: string | null;
  effectiveOn: string | null;
}

export interface TransferOrderData {
  /** from the order register; null prints "ที่ ......../2569" */
  documentNo: string | null;
  /** the day it is signed; null before: "สั่ง ณ วันที่ ........" */
  signedOn: string | null;
  /** the year of the register when not yet signed */
  draftedOn: string;
  effectiveOn: string | null;
  /** report for duty at the new school by */
  reportBy: Date | null;
  /** the committee's approval, e.g. 'อ.ก.ค.ศ. สำนักงานเขตพื้นที่การศึกษา… ในการประชุมครั้งที่ 1/2569 เมื่อวันที่ …' */
  approvedBy: string | null;
  people: TransferOrderPerson[];
  signer: Signer;
}

export function transferOrderHtml(data: TransferOrderData, options: DocumentOptions): string {
  const w = writerFor(options);
  const beYear = buddhistYearOf(data.signedOn ?? data.draftedOn);
  const office = options.office.nameTh;
  const effective = data.effectiveOn ? `ตั้งแต่วันที่ ${w.date(data.effectiveOn)} เป็นต้นไป` : 'ตั้งแต่วันที่ ........................ เป็นต้นไป';
  const signedOn = data.signedOn ? w.date(data.signedOn) : `........................ พ.ศ. ${w.t(beYear)}`;
  const orderRef = `คำสั่ง${w.t(office)} <span class="nowrap">${numberLine(w, data.documentNo, beYear)}</span> <span class="nowrap">ลงวันที่ ${signedOn}</span>`;
  const rows = data.people
    .map(
      (p, i) => `<tr><td class="num">${w.t(i + 1)}</td><td>${w.t(p.name)}</td><td>${w.t(p.position)}${p.academicStanding ? `<br>วิทยฐานะ<span class="nowrap">${w.t(p.academicStanding)}</span>` : ''}</td><td>${w.t(p.fromSchool)}</td><td>${w.t(p.toSchool)}${p.toArea ? `<br>${w.t(p.toArea)}` : ''}</td><td class="center">${p.effectiveOn ? w.date(p.effectiveOn) : ''}</td></tr>`,
    )
    .join('');
  const body = `
${emblemBlock(options.emblem, 'garuda')}
<p class="title">คำสั่ง${w.t(office)}</p>
<p class="center">${numberLine(w, data.documentNo, beYear)}</p>
<p class="center">เรื่อง ย้ายข้าราชการครูและบุคลากรทางการศึกษา ตำแหน่งครู</p>
<div class="rule"></div>
<p class="indent">ตามที่ข้าราชการครูในสังกัด${w.t(office)} ได้ยื่นคำร้องขอย้ายตามหลักเกณฑ์และวิธีการย้ายข้าราชการครูและบุคลากรทางการศึกษา ตำแหน่งครู ที่ ก.ค.ศ. กำหนด และได้ผ่านการพิจารณาตามขั้นตอนแล้ว${data.approvedBy ? ` ${w.t(beforeName('โดย', data.approvedBy))} ได้มีมติอนุมัติให้ย้าย` : ''} นั้น</p>
<p class="indent">อาศัยอำนาจตามความในมาตรา ${w.t(53)} แห่งพระราชบัญญัติระเบียบข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. ${w.t(2547)} และที่แก้ไขเพิ่มเติม จึงให้ย้ายข้าราชการครูจำนวน ${w.t(data.people.length)} ราย ตามบัญชีรายละเอียดแนบท้ายคำสั่งนี้</p>
<p class="indent">${data.reportBy ? `ให้ผู้ได้รับการย้ายไปรายงานตัวต่อผู้บริหารสถานศึกษาแห่งใหม่ภายในวันที่ ${w.date(data.reportBy)} ` : ''}ทั้งนี้ ${effective}</p>
<p class="indent gap">สั่ง ณ วันที่ ${signedOn}</p>
${signatureBlock(w, data.signer)}
<section class="attachment">
<p class="title">บัญชีรายละเอียดแนบท้ายคำสั่ง</p>
<p class="center">${orderRef}</p>
<p class="center gap"></p>
<table class="list">
<colgroup><col style="width:5%"><col style="width:21%"><col style="width:17%"><col style="width:20%"><col style="width:21%"><col style="width:16%"></colgroup>
<thead><tr><th>ที่</th><th>ชื่อ – สกุล</th><th>ตำแหน่ง</th><th>สถานศึกษาเดิม</th><th>ย้ายไปดำรงตำแหน่งที่</th><th>ตั้งแต่วันที่</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</section>`;
  return documentPage({ title: `คำสั่ง${office} เรื่อง ย้ายข้าราชการครู`, body, thaiDigits: options.thaiDigits });
}
