/** Data for the document tests: a real-looking office, people and dates. */
import type { DocumentOptions, TransferOrderData } from '../src/index';

export const OFFICE = { nameTh: 'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1' };
export const options = (thaiDigits: boolean): DocumentOptions => ({ office: OFFICE, emblem: null, thaiDigits });

export const transferOrder: TransferOrderData = {
  documentNo: '12/2569',
  signedOn: '2026-12-04',
  draftedOn: '2026-12-04',
  effectiveOn: '2027-01-16',
  reportBy: new Date('2027-01-20T09:30:00Z'),
  approvedBy: 'อ.ก.ค.ศ. สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1 ในการประชุมครั้งที่ 12/2569 เมื่อวันที่ 1 ธันวาคม 2569',
  people: [
    { name: 'นางสาวปิ่นแก้ว ตั้งใจเรียน', position: 'ครู', academicStanding: 'ชำนาญการพิเศษ', fromSchool: 'โรงเรียนบ้านควนขนุน', toSchool: 'โรงเรียนวัดป่าลิไลย์', toArea: null, effectiveOn: '2027-01-16' },
    { name: 'นายสมศักดิ์ เพ็ญศรี', position: 'ครูผู้ช่วย', academicStanding: null, fromSchool: 'โรงเรียนบ้านท่าแค', toSchool: 'โรงเรียนอนุบาลพัทลุง', toArea: null, effectiveOn: '2027-01-16' },
  ],
  signer: { name: 'นายวิรัตน์ ศรีสุข', position: 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1' },
};
