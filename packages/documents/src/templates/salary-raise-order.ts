/**
 * คำสั่ง เลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา: one order per
 * signer (the area director for the office and school administrators; each
 * school's director for the school's staff, ม.53), with its
 * บัญชีรายละเอียดแนบท้ายคำสั่ง: each person raised, their salary before, the
 * base the percentage was counted on, the percentage, the amount and the new
 * salary (กฎ ก.ค.ศ. ว่าด้วยการเลื่อนเงินเดือน พ.ศ. 2561).
 */
import { buddhistYearOf, plainWriterFor } from '../html';
import type { DocumentOptions, Signer } from './common';
import { orderHtml, type OrderModel } from './order-model';

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

const keep = (text: string) => text.replace(/ /g, '\u00a0');

export function salaryRaiseOrderModel(d: SalaryRaiseOrderData, options: DocumentOptions): OrderModel {
  const w = plainWriterFor(options);
  const beYear = buddhistYearOf(d.issuedOn);
  const issuer = w.t(d.schoolName ?? options.office.nameTh);
  const number = d.documentNo ? `ที่ ${w.t(d.documentNo)}` : `ที่ ......../${w.t(beYear)}`;
  const total = d.people.reduce((n, p) => n + p.amountSatang, 0);
  return {
    docTitle: `คำสั่ง${d.schoolName ?? options.office.nameTh} เรื่อง เลื่อนเงินเดือน`,
    title: `คำสั่ง${issuer}`,
    numberLine: number,
    subject: 'เรื่อง เลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา',
    paragraphs: [
      `อาศัยอำนาจตามความในมาตรา ${w.t(53)} และมาตรา ${w.t(72)} แห่งพระราชบัญญัติระเบียบข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. ${w.t(2547)} และที่แก้ไขเพิ่มเติม ประกอบกฎ ก.ค.ศ. ว่าด้วยการเลื่อนเงินเดือนของข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. ${w.t(2561)} จึงให้เลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา ครั้งที่ ${w.t(d.round)} ปีงบประมาณ พ.ศ. ${w.t(d.fiscalYearBe)} จำนวน ${w.t(d.people.length)} ราย ตามบัญชีรายละเอียดแนบท้ายคำสั่งนี้`,
      `ทั้งนี้ ตั้งแต่วันที่ ${w.date(d.effectiveOn)} เป็นต้นไป`,
    ],
    signedLine: `สั่ง ณ วันที่ ${w.date(d.issuedOn)}`,
    signer: d.signer,
    attachment: {
      title: `บัญชีรายละเอียดการเลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา แนบท้ายคำสั่ง${issuer}`,
      subtitle: `${keep(number)} ${keep(`ลงวันที่ ${w.date(d.issuedOn)}`)}`,
      fontPt: 12,
      columns: [
        { header: 'ที่', width: 4, align: 'center' },
        { header: 'ชื่อ – สกุล', width: 15, align: 'left' },
        { header: 'ตำแหน่ง', width: 12, align: 'left' },
        { header: 'สถานศึกษา/หน่วยงาน', width: 14, align: 'left' },
        { header: 'เงินเดือนเดิม', width: 10, align: 'right' },
        { header: 'ฐานในการคำนวณ', width: 10, align: 'right' },
        { header: 'ร้อยละ', width: 6, align: 'center' },
        { header: 'จำนวนเงินที่ได้เลื่อน', width: 9, align: 'right' },
        { header: 'เงินเดือนที่ได้รับ', width: 10, align: 'right' },
        { header: 'หมายเหตุ', width: 10, align: 'left' },
      ],
      rows: d.people.map((p, i) => [
        [w.t(i + 1)],
        [w.t(p.name)],
        [w.t(p.position)],
        [w.t(p.schoolName ?? options.office.nameTh)],
        [w.baht(p.salarySatang)],
        [w.baht(p.baseSatang)],
        [w.percent(p.pctBp)],
        [w.baht(p.amountSatang)],
        [w.baht(p.newSalarySatang)],
        [p.note ? w.t(p.note) : ''],
      ]),
      footer: [[''], [`รวม ${w.t(d.people.length)} ราย`], [''], [''], [''], [''], [''], [w.baht(total)], [''], ['']],
    },
  };
}

export function salaryRaiseOrderHtml(d: SalaryRaiseOrderData, options: DocumentOptions): string {
  return orderHtml(salaryRaiseOrderModel(d, options), options);
}
