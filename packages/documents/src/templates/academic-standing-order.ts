/**
 * คำสั่ง ให้ข้าราชการครูและบุคลากรทางการศึกษามีวิทยฐานะ (or เลื่อนวิทยฐานะ):
 * the appointment order of a passed วิทยฐานะ request, signed by the area
 * director once the อ.ก.ค.ศ. approved the result (seed-004 §2.1 step 6), with
 * its บัญชีรายละเอียดแนบท้ายคำสั่ง, effective from the day the request was
 * received complete (ว 9/2564).
 */
import { beforeName, buddhistYearOf, plainWriterFor } from '../html';
import type { DocumentOptions, Signer } from './common';
import { orderHtml, type OrderModel } from './order-model';

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

const keep = (text: string) => text.replace(/ /g, '\u00a0');

export function academicStandingOrderModel(d: AcademicStandingOrderData, options: DocumentOptions): OrderModel {
  const w = plainWriterFor(options);
  const office = w.t(options.office.nameTh);
  const beYear = buddhistYearOf(d.signedOn ?? d.draftedOn);
  const promotion = d.people.every((p) => p.fromLevel !== null);
  const subject = promotion ? 'ให้ข้าราชการครูและบุคลากรทางการศึกษาเลื่อนเป็นวิทยฐานะสูงขึ้น' : 'ให้ข้าราชการครูและบุคลากรทางการศึกษามีวิทยฐานะ';
  const number = d.documentNo ? `ที่ ${w.t(d.documentNo)}` : `ที่ ......../${w.t(beYear)}`;
  const signedOn = d.signedOn ? w.date(d.signedOn) : `........................ พ.ศ. ${w.t(beYear)}`;
  return {
    docTitle: `คำสั่ง${options.office.nameTh} เรื่อง ${subject}`,
    title: `คำสั่ง${office}`,
    numberLine: number,
    subject: `เรื่อง ${subject}`,
    paragraphs: [
      `ตามหลักเกณฑ์และวิธีการให้ข้าราชการครูและบุคลากรทางการศึกษามีวิทยฐานะและเลื่อนวิทยฐานะ ตามหนังสือ${keep(`สำนักงาน ก.ค.ศ.`)} ที่ ศธ ${w.t('0206.3')}/ว ${w.t(9)} ลงวันที่ ${w.t(20)} พฤษภาคม ${w.t(2564)} ผู้มีรายชื่อตามบัญชีรายละเอียดแนบท้ายคำสั่งนี้ได้รับการประเมินและผ่านเกณฑ์การประเมิน${d.approvedBy ? ` และ${w.t(beforeName('', d.approvedBy))} ได้มีมติอนุมัติแล้ว` : ''} นั้น`,
      `อาศัยอำนาจตามความในมาตรา ${w.t(53)} แห่งพระราชบัญญัติระเบียบข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. ${w.t(2547)} และที่แก้ไขเพิ่มเติม จึงให้ข้าราชการครูและบุคลากรทางการศึกษาจำนวน ${w.t(d.people.length)} ราย มีวิทยฐานะตามบัญชีรายละเอียดแนบท้ายคำสั่งนี้ ทั้งนี้ ตั้งแต่วันที่ที่ระบุไว้ในบัญชีดังกล่าว`,
    ],
    signedLine: `สั่ง ณ วันที่ ${signedOn}`,
    signer: d.signer,
    attachment: {
      title: `บัญชีรายละเอียดแนบท้ายคำสั่ง${office}`,
      subtitle: `${keep(number)} ${keep(`ลงวันที่ ${signedOn}`)}`,
      columns: [
        { header: 'ที่', width: 5, align: 'center' },
        { header: 'ชื่อ – สกุล', width: 22, align: 'left' },
        { header: 'ตำแหน่ง/สถานศึกษา', width: 27, align: 'left' },
        { header: 'วิทยฐานะเดิม', width: 14, align: 'left' },
        { header: 'วิทยฐานะที่ได้รับ', width: 16, align: 'left' },
        { header: 'ตั้งแต่วันที่', width: 16, align: 'center' },
      ],
      rows: d.people.map((p, i) => [
        [w.t(i + 1)],
        [w.t(p.name)],
        [w.t(p.position), w.t(p.schoolName)],
        [p.fromLevel ? w.t(p.fromLevel) : '-'],
        [w.t(p.toLevel)],
        [w.date(p.effectiveOn)],
      ]),
    },
  };
}

export function academicStandingOrderHtml(d: AcademicStandingOrderData, options: DocumentOptions): string {
  return orderHtml(academicStandingOrderModel(d, options), options);
}
