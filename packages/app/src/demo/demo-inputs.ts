/**
 * Sample openings for the procedures whose input needs real data, so the
 * demo has cases of them too (opened today and three weeks ago: those have
 * deadlines that have passed). Keyed by workflow id; a procedure missing here
 * and refusing `{}` is opened from the UI or by its round instead.
 */
import { bangkokDate } from './demo-staff';

export function demoInputs(now: Date): Readonly<Record<string, unknown>> {
  return {
    'sop-travel-permission': {
      destination: 'กรุงเทพมหานคร',
      purpose: 'ประชุมเชิงปฏิบัติการพัฒนาหลักสูตรสถานศึกษา',
      departOn: bangkokDate(now, 10),
      returnOn: bangkokDate(now, 12),
    },
    'sop-external-training': {
      letterNo: 'ศธ 04082/ว 1234',
      subject: 'อบรมการจัดการเรียนรู้เชิงรุก (Active Learning)',
      eventKind: 'training',
      organiser: 'สถาบันส่งเสริมการสอนวิทยาศาสตร์และเทคโนโลยี',
    },
    'sop-grants': { grantName: 'ทุนการศึกษาต่อระดับปริญญาโท', sourceAgency: 'สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน', letterNo: 'ศธ 04009/ว 567' },
    'sop-award-selection': { awardName: 'รางวัลครูดีในดวงใจ', letterNo: 'ศธ 04001/ว 890' },
  };
}
