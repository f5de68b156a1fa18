/**
 * คำสั่ง: the order that transfers teachers (ย้ายข้าราชการครู), with its
 * บัญชีรายละเอียดแนบท้ายคำสั่ง listing each person moved: name, position,
 * from which school, to which school, from when.
 */
import { beforeName, buddhistYearOf, plainWriterFor } from '../html';
import type { DocumentOptions, Signer } from './common';
import { orderHtml, type OrderModel } from './order-model';

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
  /** whose order: teachers (ตำแหน่งครู, the default) or school administrators (ตำแหน่งผู้บริหารสถานศึกษา) */
  positionGroup?: 'teachers' | 'school_administrators';
}

const NBSP = '\u00a0';
/** a phrase that must not break across lines */
const keep = (text: string) => text.replace(/ /g, NBSP);

export function transferOrderModel(data: TransferOrderData, options: DocumentOptions): OrderModel {
  const w = plainWriterFor(options);
  const beYear = buddhistYearOf(data.signedOn ?? data.draftedOn);
  const office = w.t(options.office.nameTh);
  const number = data.documentNo ? `ที่ ${w.t(data.documentNo)}` : `ที่ ......../${w.t(beYear)}`;
  const effective = data.effectiveOn ? `ตั้งแต่วันที่ ${w.date(data.effectiveOn)} เป็นต้นไป` : 'ตั้งแต่วันที่ ........................ เป็นต้นไป';
  const signedOn = data.signedOn ? w.date(data.signedOn) : `........................ พ.ศ. ${w.t(beYear)}`;
  const admins = data.positionGroup === 'school_administrators';
  const who = admins ? 'ข้าราชการครูและบุคลากรทางการศึกษา ตำแหน่งผู้บริหารสถานศึกษา' : 'ข้าราชการครูและบุคลากรทางการศึกษา ตำแหน่งครู';
  const whoShort = admins ? 'ผู้บริหารสถานศึกษา' : 'ข้าราชการครู';
  return {
    docTitle: `คำสั่ง${options.office.nameTh} เรื่อง ย้าย${whoShort}`,
    title: `คำสั่ง${office}`,
    numberLine: number,
    subject: `เรื่อง ย้าย${who}`,
    paragraphs: [
      `ตามที่${whoShort}ในสังกัด${office} ได้ยื่นคำร้องขอย้ายตามหลักเกณฑ์และวิธีการย้าย${who} ที่ ก.ค.ศ. กำหนด และได้ผ่านการพิจารณาตามขั้นตอนแล้ว${data.approvedBy ? ` ${w.t(beforeName('โดย', data.approvedBy))} ได้มีมติอนุมัติให้ย้าย` : ''} นั้น`,
      `อาศัยอำนาจตามความในมาตรา ${w.t(53)} แห่งพระราชบัญญัติระเบียบข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. ${w.t(2547)} และที่แก้ไขเพิ่มเติม จึงให้ย้าย${whoShort}จำนวน ${w.t(data.people.length)} ราย ตามบัญชีรายละเอียดแนบท้ายคำสั่งนี้`,
      `${data.reportBy ? `ให้ผู้ได้รับการย้ายไปรายงานตัวต่อผู้บริหารสถานศึกษาแห่งใหม่ภายในวันที่ ${w.date(data.reportBy)} ` : ''}ทั้งนี้ ${effective}`,
    ],
    signedLine: `สั่ง ณ วันที่ ${signedOn}`,
    signer: data.signer,
    attachment: {
      title: 'บัญชีรายละเอียดแนบท้ายคำสั่ง',
      subtitle: `คำสั่ง${office} ${keep(number)} ${keep(`ลงวันที่ ${signedOn}`)}`,
      columns: [
        { header: 'ที่', width: 5, align: 'center' },
        { header: 'ชื่อ – สกุล', width: 21, align: 'left' },
        { header: 'ตำแหน่ง', width: 17, align: 'left' },
        { header: 'สถานศึกษาเดิม', width: 20, align: 'left' },
        { header: 'ย้ายไปดำรงตำแหน่งที่', width: 21, align: 'left' },
        { header: 'ตั้งแต่วันที่', width: 16, align: 'center' },
      ],
      rows: data.people.map((p, i) => [
        [w.t(i + 1)],
        [w.t(p.name)],
        p.academicStanding ? [w.t(p.position), `วิทยฐานะ${keep(w.t(p.academicStanding))}`] : [w.t(p.position)],
        [w.t(p.fromSchool)],
        p.toArea ? [w.t(p.toSchool), w.t(p.toArea)] : [w.t(p.toSchool)],
        [p.effectiveOn ? w.date(p.effectiveOn) : ''],
      ]),
    },
  };
}

export function transferOrderHtml(data: TransferOrderData, options: DocumentOptions): string {
  return orderHtml(transferOrderModel(data, options), options);
}
