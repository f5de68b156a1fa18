/**
 * คำสั่ง ให้ข้าราชการครูและบุคลากรทางการศึกษามีวิทยฐานะ (or เลื่อนวิทยฐานะ):
 * the appointment order of a passed วิทยฐานะ request, signed by the area
 * director once the อ.ก.ค.ศ. approved the result (seed-004 §2.1 step 6), with
 * its บัญชีรายละเอียดแนบท้ายคำสั่ง, effective from the day the request was
 * received complete (ว 9/2564).
 */
import { documentPage, emblemBlock } from '../document-page';
import { beforeName, buddhistYearOf, writerFor } from '../html';
import { numberLine, signatureBlock, type DocumentOptions, type Signer } from './common';

export interface AcademicStandingOrderPerson {
  name: string;
  /** 'ครู', 'ผู้อำนวยการสถานศึกษา' */
  position: string;
  schoolName: string;
  /** 'ชำนาญการ', or null for a first standing */
  fromLevel: string | null;
  /** 'ครูชำนาญการพิเศษ' */
  toLevel: string;
  effectiveOn: string;
}

export interface AcademicStandingOrderData {
  /** from the order register (or typed when it was prepared); null prints "ที่ ......../2569" */
  documentNo: string | null;
  /** the day it was signed; null before: "สั่ง ณ วันที่ ........" */
  signedOn: string | null;
  draftedOn: string;
  /** the อ.ก.ค.ศ.'s approval, e.g. 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา… ในการประชุมครั้งที่ 3/2569 เมื่อวันที่ …' */
  approvedBy: string | null;
  people: AcademicStandingOrderPerson[];
  signer: Signer;
}

export function academicStandingOrderHtml(d: AcademicStandingOrderData, options: DocumentOptions): string {
  const w = writerFor(options);
  const office = options.office.nameTh;
  const beYear = buddhistYearOf(d.signedOn ?? d.draftedOn);
  const promotion = d.people.every((p) => p.fromLevel !== null);
  const subject = promotion ? 'ให้ข้าราชการครูและบุคลากรทางการศึกษาเลื่อนเป็นวิทยฐานะสูงขึ้น' : 'ให้ข้าราชการครูและบุคลากรทางการศึกษามีวิทยฐานะ';
  const signedOn = d.signedOn ? w.date(d.signedOn) : `........................ พ.ศ. ${w.t(beYear)}`;
  const rows = d.people
    .map(
      (p, i) =>
        `<tr><td class="num">${w.t(i + 1)}</td><td>${w.t(p.name)}</td><td>${w.t(p.position)}<br>${w.t(p.schoolName)}</td><td>${p.fromLevel ? w.t(p.fromLevel) : '-'}</td><td>${w.t(p.toLevel)}</td><td class="center">${w.date(p.effectiveOn)}</td></tr>`,
    )
    .join('');
  const body = `
${emblemBlock(options.emblem, 'garuda')}
<p class="title">คำสั่ง${w.t(office)}</p>
<p class="center">${numberLine(w, d.documentNo, beYear)}</p>
<p class="center">เรื่อง ${subject}</p>
<div class="rule"></div>
<p class="indent">ตามหลักเกณฑ์และวิธีการให้ข้าราชการครูและบุคลากรทางการศึกษามีวิทยฐานะและเลื่อนวิทยฐานะ ตามหนังสือสำนักงาน ก.ค.ศ. ที่ ศธ ${w.t('0206.3')}/ว ${w.t(9)} ลงวันที่ ${w.t(20)} พฤษภาคม ${w.t(2564)} ผู้มีรายชื่อตามบัญชีรายละเอียดแนบท้ายคำสั่งนี้ได้รับการประเมินและผ่านเกณฑ์การประเมิน${d.approvedBy ? ` และ${w.t(beforeName('', d.approvedBy))} ได้มีมติอนุมัติแล้ว` : ''} นั้น</p>
<p class="indent">อาศัยอำนาจตามความในมาตรา ${w.t(53)} แห่งพระราชบัญญัติระเบียบข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. ${w.t(2547)} และที่แก้ไขเพิ่มเติม จึงให้ข้าราชการครูและบุคลากรทางการศึกษาจำนวน ${w.t(d.people.length)} ราย มีวิทยฐานะตามบัญชีรายละเอียดแนบท้ายคำสั่งนี้ ทั้งนี้ ตั้งแต่วันที่ที่ระบุไว้ในบัญชีดังกล่าว</p>
<p class="indent gap">สั่ง ณ วันที่ ${signedOn}</p>
${signatureBlock(w, d.signer)}
<section class="attachment">
<p class="title">บัญชีรายละเอียดแนบท้ายคำสั่ง${w.t(office)}</p>
<p class="center"><span class="nowrap">${numberLine(w, d.documentNo, beYear)}</span> <span class="nowrap">ลงวันที่ ${signedOn}</span></p>
<p class="center gap"></p>
<table class="list">
<colgroup><col style="width:5%"><col style="width:22%"><col style="width:27%"><col style="width:14%"><col style="width:16%"><col style="width:16%"></colgroup>
<thead><tr><th>ที่</th><th>ชื่อ – สกุล</th><th>ตำแหน่ง/สถานศึกษา</th><th>วิทยฐานะเดิม</th><th>วิทยฐานะที่ได้รับ</th><th>ตั้งแต่วันที่</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</section>`;
  return documentPage({ title: `คำสั่ง${office} เรื่อง ${subject}`, body, thaiDigits: options.thaiDigits });
}
