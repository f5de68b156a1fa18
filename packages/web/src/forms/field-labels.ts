/**
 * Names for the fields and choices of the workflows' event and input schemas,
 * Thai first. The schemas name fields in English code (`signedOn`); a field
 * not listed here is shown by its name split into words, which is readable
 * but not Thai — add it here when a form shows it.
 */
import type { Label } from '../lib/api';

export const FIELD_LABELS: Record<string, Label> = {
  note: { th: 'หมายเหตุ', en: 'Note' },
  reason: { th: 'เหตุผล', en: 'Reason' },
  reasonDetail: { th: 'รายละเอียดเหตุผล', en: 'Reason in detail' },
  opinion: { th: 'ความเห็น', en: 'Opinion' },
  meetingRef: { th: 'การประชุมที่พิจารณา (ครั้งที่/วันที่)', en: 'Meeting (number/date)' },
  entries: { th: 'คะแนนตามองค์ประกอบ', en: 'Scores by component' },
  orderNo: { th: 'เลขที่คำสั่ง', en: 'Order number' },
  orderNumber: { th: 'เลขที่คำสั่ง', en: 'Order number' },
  signedOn: { th: 'วันที่ลงนาม', en: 'Signed on' },
  effectiveOn: { th: 'วันที่มีผล', en: 'Effective on' },
  reportBy: { th: 'รายงานตัวภายใน', en: 'Report for duty by' },
  date: { th: 'วันที่', en: 'Date' },
  time: { th: 'เวลา', en: 'Time' },
  kind: { th: 'ประเภท', en: 'Kind' },
  preferences: { th: 'โรงเรียนที่ขอย้ายไป (เรียงตามลำดับ)', en: 'Preferred schools (in order)' },
  swapWith: { th: 'ขอย้ายสับเปลี่ยนกับ', en: 'Swap with' },
  specialReason: { th: 'เหตุพิเศษ', en: 'Special reason' },
  facts: { th: 'ข้อมูลผู้ยื่นคำขอ', en: 'About the applicant' },
  position: { th: 'ตำแหน่ง', en: 'Position' },
  academicStanding: { th: 'วิทยฐานะ', en: 'Academic standing' },
  major: { th: 'วิชาเอก', en: 'Major' },
  currentSchoolSince: { th: 'ปฏิบัติงานที่โรงเรียนปัจจุบันตั้งแต่', en: 'At the current school since' },
  firstAppointedOn: { th: 'วันที่บรรจุครั้งแรก', en: 'First appointed on' },
  currentSchoolHardship: { th: 'โรงเรียนปัจจุบันอยู่ในพื้นที่พิเศษ', en: 'Current school is in a special area' },
  marriageRegisteredOn: { th: 'วันที่จดทะเบียนสมรส', en: 'Marriage registered on' },
  evidence: { th: 'เอกสารหลักฐาน', en: 'Evidence' },
  name: { th: 'ชื่อ', en: 'Name' },
  size: { th: 'ขนาด (ไบต์)', en: 'Size (bytes)' },
  sha256: { th: 'รหัสตรวจสอบ SHA-256', en: 'SHA-256' },
  storageKey: { th: 'ที่เก็บไฟล์', en: 'Storage key' },
  latestPa: { th: 'ผลการประเมิน PA ล่าสุด', en: 'Latest PA result' },
  yearBe: { th: 'ปี พ.ศ.', en: 'Year (BE)' },
  score: { th: 'คะแนน', en: 'Score' },
  passed: { th: 'ผ่าน', en: 'Passed' },
  personId: { th: 'รหัสบุคคล', en: 'Person id' },
  title: { th: 'เรื่อง', en: 'Title' },
  decidedOn: { th: 'วันที่มีมติ', en: 'Decided on' },
  resolutionRef: { th: 'อ้างอิงมติ', en: 'Resolution reference' },
  fixBy: { th: 'แก้ไขภายใน', en: 'Fix by' },
  grounds: { th: 'เหตุผลการร้องทุกข์', en: 'Grounds' },
  placement: { th: 'ผลการจัดตำแหน่ง', en: 'Placement' },
  vacancies: { th: 'ตำแหน่งว่าง', en: 'Vacancies' },
  id: { th: 'รหัส', en: 'Id' },
  schoolId: { th: 'โรงเรียน', en: 'School' },
  schoolName: { th: 'ชื่อโรงเรียน', en: 'School name' },
  subject: { th: 'วิชาเอก/เรื่อง', en: 'Subject' },
  count: { th: 'จำนวน', en: 'Count' },
  remove: { th: 'ตำแหน่งที่ถอนออก', en: 'Withdrawn' },
  currentLevel: { th: 'วิทยฐานะปัจจุบัน', en: 'Current level' },
  currentLevelSince: { th: 'ดำรงวิทยฐานะปัจจุบันตั้งแต่', en: 'At the current level since' },
  targetLevel: { th: 'วิทยฐานะที่ขอ', en: 'Level requested' },
  learningArea: { th: 'กลุ่มสาระการเรียนรู้', en: 'Learning area' },
  paResults: { th: 'ผลการประเมิน PA', en: 'PA results' },
  penalties: { th: 'โทษทางวินัย', en: 'Disciplinary penalties' },
  evidenceTitle: { th: 'ชื่อผลงาน', en: 'Evidence title' },
  percent: { th: 'ร้อยละ', en: 'Percent' },
  aspect: { th: 'ด้าน', en: 'Aspect' },
  destination: { th: 'สถานที่ไป', en: 'Destination' },
  purpose: { th: 'วัตถุประสงค์', en: 'Purpose' },
  departOn: { th: 'วันเดินทางไป', en: 'Departs on' },
  returnOn: { th: 'วันเดินทางกลับ', en: 'Returns on' },
  letterNo: { th: 'เลขที่หนังสือ', en: 'Letter number' },
  sarabanNo: { th: 'เลขทะเบียนสารบรรณ', en: 'Saraban number' },
  fiscalYear: { th: 'ปีงบประมาณ', en: 'Fiscal year' },
  projectTitle: { th: 'ชื่อโครงการ', en: 'Project title' },
  participants: { th: 'จำนวนผู้เข้าร่วม', en: 'Participants' },
  announcementNo: { th: 'เลขที่ประกาศ', en: 'Announcement number' },
  announcedOn: { th: 'วันที่ประกาศ', en: 'Announced on' },
  university: { th: 'สถาบันอุดมศึกษา', en: 'University' },
  passedOn: { th: 'วันที่ผ่าน', en: 'Passed on' },
  ref: { th: 'อ้างอิง', en: 'Reference' },
  issuedOn: { th: 'วันที่ออก', en: 'Issued on' },
  reportedOn: { th: 'วันที่รายงานตัว', en: 'Reported on' },
  resolution: { th: 'มติ', en: 'Resolution' },
};

/** Names for enum values that appear in forms. */
export const VALUE_LABELS: Record<string, Label> = {
  support: { th: 'เห็นควรให้ย้าย', en: 'Support' },
  object: { th: 'ไม่เห็นควร', en: 'Object' },
  normal: { th: 'ย้ายกรณีปกติ', en: 'Normal' },
  swap: { th: 'ย้ายสับเปลี่ยน', en: 'Swap' },
  special: { th: 'ย้ายกรณีพิเศษ', en: 'Special' },
  home_district: { th: 'กลับภูมิลำเนา (อำเภอ)', en: 'Home district' },
  home_province: { th: 'กลับภูมิลำเนา (จังหวัด)', en: 'Home province' },
  care_parents: { th: 'ดูแลบิดามารดา', en: 'Care for parents' },
  live_with_spouse: { th: 'อยู่ร่วมกับคู่สมรส', en: 'Live with spouse' },
  other: { th: 'อื่น ๆ', en: 'Other' },
  assistant_teacher: { th: 'ครูผู้ช่วย', en: 'Assistant teacher' },
  teacher: { th: 'ครู', en: 'Teacher' },
  none: { th: 'ไม่มีวิทยฐานะ', en: 'None' },
  professional: { th: 'ชำนาญการ', en: 'Professional' },
  senior_professional: { th: 'ชำนาญการพิเศษ', en: 'Senior professional' },
  expert: { th: 'เชี่ยวชาญ', en: 'Expert' },
  senior_expert: { th: 'เชี่ยวชาญพิเศษ', en: 'Senior expert' },
  approve: { th: 'เห็นชอบ', en: 'Approve' },
  reject: { th: 'ไม่เห็นชอบ', en: 'Reject' },
  defer: { th: 'เลื่อนการพิจารณา', en: 'Defer' },
  abstain: { th: 'งดออกเสียง', en: 'Abstain' },
  true: { th: 'ใช่', en: 'Yes' },
  false: { th: 'ไม่ใช่', en: 'No' },
};

/** `currentSchoolSince` → "Current school since" */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

export function fieldLabel(key: string, schema: { title?: unknown }, lang: 'th' | 'en'): string {
  const known = FIELD_LABELS[key];
  if (known) return known[lang];
  if (typeof schema.title === 'string') return schema.title;
  return humanize(key);
}

export function valueLabel(value: unknown, lang: 'th' | 'en'): string {
  const known = VALUE_LABELS[String(value)];
  return known ? known[lang] : String(value);
}
