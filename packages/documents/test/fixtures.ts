/** Data for the document tests: a real-looking office, people and dates. */
import type { Minutes } from '@esa-flow/engine';
import type {
  AcademicStandingOrderData,
  DocumentOptions,
  PersonalNoticesData,
  ResolutionMemoData,
  SalaryAnnouncementData,
  SalaryRaiseOrderData,
  TransferOrderData,
} from '../src/index';

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
    {
      name: 'นางสาวปิ่นแก้ว ตั้งใจเรียน',
      position: 'ครู',
      academicStanding: 'ชำนาญการพิเศษ',
      fromSchool: 'โรงเรียนบ้านควนขนุน',
      toSchool: 'โรงเรียนวัดป่าลิไลย์',
      toArea: null,
      effectiveOn: '2027-01-16',
    },
    {
      name: 'นายสมศักดิ์ เพ็ญศรี',
      position: 'ครูผู้ช่วย',
      academicStanding: null,
      fromSchool: 'โรงเรียนบ้านท่าแค',
      toSchool: 'โรงเรียนอนุบาลพัทลุง',
      toArea: null,
      effectiveOn: '2027-01-16',
    },
  ],
  signer: { name: 'นายวิรัตน์ ศรีสุข', position: 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1' },
};

const tally = (approve: number, reject = 0, defer = 0, abstain = 0, recused = 0) => ({ approve, reject, defer, abstain, recused });

export const minutes: Minutes = {
  meeting: {
    id: '00000000-0000-4000-8000-000000000001',
    officeId: '00000000-0000-4000-8000-000000000002',
    title: 'ครั้งที่ 12/2569',
    scheduledAt: new Date('2026-12-01T02:30:00Z'),
    place: 'ห้องประชุมพัทลุง ชั้น 2 สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1',
    status: 'closed',
    openedAt: new Date('2026-12-01T02:35:00Z'),
    closedAt: new Date('2026-12-01T05:10:00Z'),
  },
  committee: { th: 'อ.ก.ค.ศ. สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1', en: 'Area sub-committee' },
  attendance: [
    { memberId: 'm1', name: 'นายวิรัตน์ ศรีสุข', seat: 'chair', present: true },
    { memberId: 'm2', name: 'นางเพ็ญศรี ทองคำ', seat: 'member', present: true },
    { memberId: 'm3', name: 'ดร.สมศักดิ์ ตั้งใจดี', seat: 'member', present: false },
    { memberId: 'm4', name: 'นางสาวกาญจนา ใจเย็น', seat: 'secretary', present: true },
  ],
  quorum: { seated: 4, present: 3, required: 3, met: true } as Minutes['quorum'],
  items: [
    {
      itemId: 'a1b2c3d4-0000-4000-8000-000000000001',
      position: 1,
      caseId: 'c1',
      title: 'การย้ายข้าราชการครู นางสาวปิ่นแก้ว ตั้งใจเรียน ไปโรงเรียนวัดป่าลิไลย์',
      status: 'applied',
      resolution: 'approve',
      note: 'อนุมัติให้ย้ายตามที่คณะกรรมการกลั่นกรองเสนอ',
      tally: tally(2, 0, 0, 0, 1),
      votes: [
        { name: 'นายวิรัตน์ ศรีสุข', vote: 'approve' },
        { name: 'นางสาวกาญจนา ใจเย็น', vote: 'approve' },
      ],
      recusals: [{ name: 'นางเพ็ญศรี ทองคำ', reason: 'เป็นญาติของผู้ขอย้าย' }],
      listResolutionId: null,
      listException: false,
    },
    {
      itemId: 'a1b2c3d4-0000-4000-8000-000000000002',
      position: 2,
      caseId: 'c2',
      title: 'การย้ายข้าราชการครู นายสมศักดิ์ เพ็ญศรี ไปโรงเรียนอนุบาลพัทลุง',
      status: 'applied',
      resolution: 'reject',
      note: 'ผู้ขอย้ายยังดำรงตำแหน่งในสถานศึกษาปัจจุบันไม่ครบตามหลักเกณฑ์',
      tally: tally(0, 3),
      votes: [],
      recusals: [],
      listResolutionId: null,
      listException: false,
    },
  ],
  listResolutions: [],
};

export const memo: ResolutionMemoData = {
  minutes,
  unit: 'กลุ่มบริหารงานบุคคล',
  documentNo: '345/2569',
  date: '2026-12-02',
  to: 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1',
  signer: { name: 'นางสาวกาญจนา ใจเย็น', position: 'กรรมการและเลขานุการ อ.ก.ค.ศ. สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1' },
};

export const announcement: SalaryAnnouncementData = {
  documentNo: '3/2569',
  roundTitle: 'การเลื่อนเงินเดือน ครั้งที่ 1/2569',
  publishedOn: '2026-03-20',
  lists: [
    { th: 'ดีเด่น', entries: [{ nameTh: 'นางสาวปิ่นแก้ว ตั้งใจเรียน', schoolName: 'โรงเรียนวัดป่าลิไลย์', score: 95.5, pctBp: null }] },
    {
      th: 'ดีมาก',
      entries: [
        { nameTh: 'นายสมศักดิ์ เพ็ญศรี', schoolName: 'โรงเรียนอนุบาลพัทลุง', score: 88, pctBp: null },
        { nameTh: 'นางเพ็ญศรี ทองคำ', schoolName: null, score: 85.25, pctBp: null },
      ],
    },
  ],
  signer: { name: 'นายวิรัตน์ ศรีสุข', position: 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1' },
};

export const salaryOrder: SalaryRaiseOrderData = {
  documentNo: '45/2569',
  issuedOn: '2026-04-20',
  round: 1,
  fiscalYearBe: 2569,
  effectiveOn: '2026-04-01',
  schoolName: null,
  people: [
    {
      name: 'นางสาวปิ่นแก้ว ตั้งใจเรียน',
      position: 'ครู วิทยฐานะชำนาญการ',
      schoolName: 'โรงเรียนวัดป่าลิไลย์',
      salarySatang: 3_245_000,
      baseSatang: 3_120_000,
      pctBp: 380,
      amountSatang: 118_560,
      newSalarySatang: 3_363_560,
      note: null,
    },
    {
      name: 'นายสมศักดิ์ เพ็ญศรี',
      position: 'ครู',
      schoolName: 'โรงเรียนอนุบาลพัทลุง',
      salarySatang: 2_810_000,
      baseSatang: 2_600_000,
      pctBp: 300,
      amountSatang: 78_000,
      newSalarySatang: 2_888_000,
      note: null,
    },
    {
      name: 'นางเพ็ญศรี ทองคำ',
      position: 'นักวิชาการศึกษา',
      schoolName: null,
      salarySatang: 5_839_000,
      baseSatang: 5_210_000,
      pctBp: 0,
      amountSatang: 0,
      newSalarySatang: 5_839_000,
      note: 'ได้รับเงินเดือนสูงสุดของอันดับ',
    },
  ],
  signer: { name: 'นายวิรัตน์ ศรีสุข', position: 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1' },
};

export const notices: PersonalNoticesData = {
  documentNo: null,
  date: '2026-04-10',
  letters: [
    {
      toTh: 'นายสมชาย ใจดี',
      subjectTh: 'ผลการเลื่อนเงินเดือน ครั้งที่ 1 (1 เม.ย. 2569) ปีงบประมาณ พ.ศ. 2569',
      bodyTh: [
        'ไม่ได้เลื่อนเงินเดือน เนื่องจากขาดคุณสมบัติผู้มีสิทธิ์ได้รับการพิจารณาในรอบนี้:',
        '- ลาเกิน 23 ครั้ง หรือมาทำงานสายเกินกำหนด',
        '- ถูกลงโทษทางวินัยที่หนักกว่าโทษภาคทัณฑ์',
        'แจ้งเหตุผลที่ไม่ได้เลื่อนเงินเดือนตามมาตรา 73 แห่งพระราชบัญญัติระเบียบข้าราชการครูและบุคลากรทางการศึกษา พ.ศ. 2547',
        'หากไม่เห็นด้วย ท่านมีสิทธิ์ร้องทุกข์ต่อ อ.ก.ค.ศ. เขตพื้นที่การศึกษา ได้ภายในวันที่ 10 พ.ค. 2569 ตามมาตรา 123',
      ],
    },
    {
      toTh: 'นางสาวปิ่นแก้ว ตั้งใจเรียน',
      subjectTh: 'ผลการเลื่อนเงินเดือน ครั้งที่ 1 (1 เม.ย. 2569) ปีงบประมาณ พ.ศ. 2569',
      bodyTh: [
        'ผลการประเมิน 95.50 คะแนน ระดับดีเด่น ได้เลื่อนเงินเดือนร้อยละ 3.80 ของฐานในการคำนวณ เป็นเงิน 1,185.60 บาท',
        'หากไม่เห็นด้วย ท่านมีสิทธิ์ร้องทุกข์ต่อ อ.ก.ค.ศ. เขตพื้นที่การศึกษา ได้ภายในวันที่ 10 พ.ค. 2569 ตามมาตรา 123',
      ],
    },
  ],
  signer: { name: null, position: 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1' },
};

export const academicStandingOrder: AcademicStandingOrderData = {
  documentNo: '88/2569',
  signedOn: '2026-06-15',
  draftedOn: '2026-06-10',
  approvedBy: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1 ในการประชุมครั้งที่ 6/2569 เมื่อวันที่ 2 มิถุนายน 2569',
  people: [
    {
      name: 'นางสาวปิ่นแก้ว ตั้งใจเรียน',
      position: 'ครู',
      schoolName: 'โรงเรียนวัดป่าลิไลย์',
      fromLevel: 'ชำนาญการ',
      toLevel: 'ครูชำนาญการพิเศษ',
      effectiveOn: '2025-11-03',
    },
  ],
  signer: { name: 'นายวิรัตน์ ศรีสุข', position: 'ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาพัทลุง เขต 1' },
};
