/**
 * All 44 time phrases of the SOP manual (research/seed-002.md §4), each read
 * as a DeadlineSpec and checked against the exact due moment (Asia/Bangkok)
 * for a given trigger. The manual never says วันทำการ, so "วัน" is read as
 * calendar days (ป.พ.พ. ม.193/3 and ม.193/8 apply).
 */
import { describe, expect, it } from '@jest/globals';
import {
  bangkokInstant,
  computeDeadline,
  createBusinessCalendar,
  fromThaiDigits,
  parseDeadlineSpec,
  type DeadlineSpecInput,
} from '../../src/calendar';

type WithoutPhrase<T> = T extends unknown ? Omit<T, 'phrase' | 'source'> : never;
type Row = {
  no: number;
  source: string;
  phrase: string;
  spec: WithoutPhrase<DeadlineSpecInput>;
  /** Bangkok wall-clock 'YYYY-MM-DD HH:MM'. */
  trigger: string;
  due: string | null;
  remind?: string;
};

const days = (n: number) => ({ kind: 'calendar_days', days: n }) as const;
const external = (calendar: string) => ({ kind: 'external', calendar }) as const;
const immediately = { kind: 'immediately' } as const;
const afterCompletion = { kind: 'after_completion' } as const;

const ROWS: readonly Row[] = [
  { no: 1, source: '3.1/2', phrase: 'ตามระยะเวลาที่กำหนดในแผนฯ', spec: external('แผนฯ'), trigger: '2025-01-06 09:00', due: null },
  {
    no: 2,
    source: '3.2/4',
    phrase: 'ภายใน 3 วัน หลังจากดำเนินการจัดทำร่างแผนพัฒนาครูฯ แล้วเสร็จ',
    spec: days(3),
    trigger: '2025-02-03 10:00',
    due: '2025-02-06 16:30',
  },
  {
    no: 3,
    source: '3.2/5',
    phrase: 'ภายใน 3 วัน หลังจากดำเนินการแต่งตั้งคณะกรรมการฯ เพื่อพิจารณา',
    spec: days(3),
    trigger: '2025-02-10 14:00',
    due: '2025-02-13 16:30',
  },
  {
    no: 4,
    source: '3.2/6',
    phrase: '…รายงานผลการดำเนินการตามโครงการฯ ภายในกำหนด',
    spec: external('กำหนดการของโครงการฯ'),
    trigger: '2025-02-10 14:00',
    due: null,
  },
  { no: 5, source: '3.3/3', phrase: 'เสนอโครงการ ภายในกำหนด', spec: external('กำหนดการที่แจ้ง'), trigger: '2025-02-10 14:00', due: null },
  {
    no: 6,
    source: '3.3/4',
    phrase: 'ภายในกำหนดของคณะกรรมการดำเนินการประชุมจัดทำแผนปฏิบัติการประจำปี',
    spec: external('คณะกรรมการจัดทำแผนปฏิบัติการประจำปี'),
    trigger: '2025-02-10 14:00',
    due: null,
  },
  // The project asked for fiscal Q3 (Apr–Jun 2025).
  {
    no: 7,
    source: '3.3/5',
    phrase: 'ภายในไตรมาสที่เสนอขอในโครงการ',
    spec: { kind: 'quarter_end', fiscalQuarter: 3 },
    trigger: '2025-02-03 10:00',
    due: '2025-06-30 16:30',
  },
  // Day 10 is Sunday 13 Jul → Monday.
  {
    no: 8,
    source: '3.3/7',
    phrase: 'ภายใน 10 วัน หลังจากมีข้อมูลเรียบร้อยแล้ว',
    spec: days(10),
    trigger: '2025-07-03 09:00',
    due: '2025-07-14 16:30',
  },
  // Day 5 is Mon 11 Aug (cabinet special day), then 12 Aug (วันแม่) → Wednesday.
  {
    no: 9,
    source: '3.3/8',
    phrase: 'ภายใน 5 วัน หลังจากคณะกรรมการที่เกี่ยวข้องทราบคำสั่งแต่งตั้งคณะกรรมการ',
    spec: days(5),
    trigger: '2025-08-06 11:00',
    due: '2025-08-13 16:30',
  },
  { no: 10, source: '3.3/10', phrase: 'ดำเนินการทันทีหลังการฝึกอบรม', spec: immediately, trigger: '2025-03-14 16:00', due: '2025-03-14 16:30' },
  // Day 2 is Fri 11 Jul (เข้าพรรษา) → Monday.
  {
    no: 11,
    source: '3.4/1',
    phrase: 'ภายใน ๒ วัน นับจาก สพฐ.แจ้งแนวปฏิบัติให้ สพป.ทราบ',
    spec: days(2),
    trigger: '2025-07-09 13:00',
    due: '2025-07-14 16:30',
  },
  // 5 Oct 2025 is a Sunday → Monday 6 Oct.
  {
    no: 12,
    source: '3.4/2',
    phrase: 'ภายในวันที่ ๕ ของทุกเดือน',
    spec: { kind: 'day_of_month', day: 5 },
    trigger: '2025-10-02 09:00',
    due: '2025-10-06 16:30',
  },
  {
    no: 13,
    source: '3.4/3',
    phrase: 'ภายใน 1 วัน นับจากโรงเรียนส่งแบบคำขอเข้ารับการพัฒนา',
    spec: days(1),
    trigger: '2025-10-03 10:00',
    due: '2025-10-06 16:30',
  },
  {
    no: 14,
    source: '3.4/4',
    phrase: 'ภายใน 1 วัน นับจากโรงเรียนส่งแบบคำขอรับการพัฒนา',
    spec: days(1),
    trigger: '2025-10-06 10:00',
    due: '2025-10-07 16:30',
  },
  // 10 Dec 2025 is วันรัฐธรรมนูญ: this month's cut-off moved to 11 Dec, still ahead of a trigger at 17:00 on the 10th.
  {
    no: 15,
    source: '3.4/5',
    phrase: 'ภายในวันที่ 10 ของทุกเดือน',
    spec: { kind: 'day_of_month', day: 10 },
    trigger: '2025-12-10 17:00',
    due: '2025-12-11 16:30',
  },
  // Day 1 is Fri 5 Dec (วันพ่อ) → Monday.
  {
    no: 16,
    source: '3.4/6',
    phrase: 'ภายใน 1 วัน นับจากสถาบันอุดมศึกษา แจ้งผลการพัฒนาให้ สพป.ทราบ',
    spec: days(1),
    trigger: '2025-12-04 15:00',
    due: '2025-12-08 16:30',
  },
  // Friday evening before Songkran 2025: the next working day is Thursday 17 Apr.
  { no: 17, source: '3.5/1', phrase: 'ปฏิบัติทันที', spec: immediately, trigger: '2025-04-11 17:00', due: '2025-04-17 16:30' },
  // Saturday; Sunday 11 May วิสาขบูชา gives Monday 12 off → Tuesday.
  { no: 18, source: '3.5/2', phrase: 'ปฏิบัติทันที', spec: immediately, trigger: '2025-05-10 09:00', due: '2025-05-13 16:30' },
  // Friday afternoon before Songkran 2025: day 1 is Saturday; 13–16 Apr are off → Thursday 17 Apr.
  {
    no: 19,
    source: '3.5/3',
    phrase: 'ภายใน 1 วัน แจ้งโรงเรียนในสังกัดทราบ',
    spec: days(1),
    trigger: '2025-04-11 15:00',
    due: '2025-04-17 16:30',
  },
  {
    no: 20,
    source: '3.5/4',
    phrase: 'ภายใน 3 - 5 วัน ให้แจ้งรายชื่อผู้เข้าร่วมฝึกอบรมฯ ประชุม สัมมนา ถึงหน่วยงานดำเนินการจัดอบรม',
    spec: { kind: 'range', unit: 'calendar_days', minDays: 3, maxDays: 5 },
    trigger: '2025-06-09 10:00',
    remind: '2025-06-12 16:30',
    due: '2025-06-16 16:30',
  },
  {
    no: 21,
    source: '3.5/5',
    phrase: 'ภายใน 1 วัน หลังจากได้รับรายชื่อผู้เข้าร่วมฝึกอบรมฯ ประชุม สัมมนาฯ จากโรงเรียนในสังกัด',
    spec: days(1),
    trigger: '2025-06-30 16:45',
    due: '2025-07-01 16:30',
  },
  // Before opening on a working day: still the same working day.
  {
    no: 22,
    source: '3.5/6',
    phrase: 'ปฏิบัติทันที เมื่อส่งรายชื่อให้หน่วยงานที่ดำเนินการจัดอบรมเรียบร้อยแล้ว',
    spec: immediately,
    trigger: '2025-07-09 08:00',
    due: '2025-07-09 16:30',
  },
  {
    no: 23,
    source: '3.5/6',
    phrase: '…รายงานผลตามตัวชี้วัด ให้ สพฐ. เมื่อสิ้นปีงบประมาณ',
    spec: { kind: 'fiscal_year_end' },
    trigger: '2025-03-20 10:00',
    due: '2025-09-30 16:30',
  },
  { no: 24, source: '3.6/1', phrase: 'ภายใน 1 วันหลังจากได้รับหนังสือแจ้ง', spec: days(1), trigger: '2025-09-30 12:00', due: '2025-10-01 16:30' },
  // Received on a Sunday; Monday 13 Oct is วันนวมินทรมหาราช.
  { no: 25, source: '3.6/2', phrase: 'ภายใน 1 วันหลังจากได้รับหนังสือแจ้ง', spec: days(1), trigger: '2025-10-12 10:00', due: '2025-10-14 16:30' },
  {
    no: 26,
    source: '3.6/3',
    phrase: 'ภายใน 2 หลังจากครบกำหนดการรับสมัคร',
    spec: { ...days(2), note: 'unit missing in the source; read as days' },
    trigger: '2025-10-21 16:30',
    due: '2025-10-24 16:30',
  },
  // Day 2 is 1 Jan 2026; 2 Jan is a cabinet special day → Monday 5 Jan.
  {
    no: 27,
    source: '3.6/4',
    phrase: 'ภายใน 2 หลังจากครบกำหนดการรับสมัคร',
    spec: { ...days(2), note: 'unit missing in the source; read as days' },
    trigger: '2025-12-30 10:00',
    due: '2026-01-05 16:30',
  },
  // Day 4 is Fri 16 Jan 2026 (วันครู, Ministry of Education) → Monday.
  {
    no: 28,
    source: '3.6/5',
    phrase: 'ภายใน 4 วัน นับแต่มีคำสั่งแต่งตั้งคณะกรรมการ (หรือตามปฏิทินที่กำหนด)',
    spec: { ...days(4), overriddenBy: 'ปฏิทินที่กำหนด' },
    trigger: '2026-01-12 10:00',
    due: '2026-01-19 16:30',
  },
  // Meeting on a Saturday; day 3 is Tue 3 Mar 2026 (มาฆบูชา) → Wednesday.
  { no: 29, source: '3.6/6', phrase: 'ภายใน 3 วัน นับแต่เสร็จสิ้นการประชุม', spec: days(3), trigger: '2026-02-28 12:00', due: '2026-03-04 16:30' },
  { no: 30, source: '3.6/7', phrase: 'ภายใน 1 วัน นับแต่วันพิจารณาคัดเลือก', spec: days(1), trigger: '2026-04-08 11:00', due: '2026-04-09 16:30' },
  // Friday afternoon before Songkran 2026 (Mon 13 – Wed 15 Apr) → Thursday 16 Apr.
  { no: 31, source: '3.6/8', phrase: 'ภายใน 2 วัน นับแต่วันพิจารณาคัดเลือก', spec: days(2), trigger: '2026-04-10 15:00', due: '2026-04-16 16:30' },
  // 1 May is not a government holiday; day 2 is Saturday; Monday 4 May is วันฉัตรมงคล.
  { no: 32, source: '3.6/9', phrase: 'ภายใน 2 วัน นับแต่วันพิจารณาคัดเลือก', spec: days(2), trigger: '2026-04-30 10:00', due: '2026-05-05 16:30' },
  // Wed 13 May 2026 is วันพืชมงคล (government only).
  { no: 33, source: '3.7/1', phrase: 'ภายใน 1 วันหลังจากได้รับหนังสือแจ้ง', spec: days(1), trigger: '2026-05-12 14:00', due: '2026-05-14 16:30' },
  { no: 34, source: '3.7/4', phrase: 'หลังจากดำเนินการตามขั้นตอนเรียบร้อยแล้ว', spec: afterCompletion, trigger: '2026-05-12 14:00', due: null },
  // Day 1 Saturday; Monday 1 Jun substitutes for วิสาขบูชา (Sun 31 May).
  { no: 35, source: '3.8/1', phrase: 'ภายใน1 วันหลังจากได้รับหนังสือแจ้ง', spec: days(1), trigger: '2026-05-29 10:00', due: '2026-06-02 16:30' },
  { no: 36, source: '3.8/2', phrase: 'ภายใน1 วันหลังจากได้รับหนังสือแจ้ง', spec: days(1), trigger: '2026-06-02 10:00', due: '2026-06-04 16:30' },
  { no: 37, source: '3.8/3', phrase: 'ตามปฏิทินที่กำหนด', spec: external('ปฏิทินที่กำหนด'), trigger: '2026-06-02 10:00', due: null },
  // 28–30 Jul 2026: King's birthday, อาสาฬหบูชา, เข้าพรรษา.
  {
    no: 38,
    source: '3.8/4',
    phrase: 'ภายใน 1 วันหลังจากได้รับเอกสารหลักฐาน',
    spec: days(1),
    trigger: '2026-07-27 10:00',
    due: '2026-07-31 16:30',
  },
  {
    no: 39,
    source: '3.8/5',
    phrase: 'ภายใน 1 วันหลังจากตรวจสอบเอกสารหลักฐานเสร็จเรียบร้อย',
    spec: days(1),
    trigger: '2026-08-11 09:00',
    due: '2026-08-13 16:30',
  },
  { no: 40, source: '3.8/6', phrase: 'หลังจากดำเนินการตามขั้นตอนเรียบร้อยแล้ว', spec: afterCompletion, trigger: '2026-08-11 09:00', due: null },
  { no: 41, source: '3.9/1,3,4', phrase: 'ดำเนินการตามปฏิทินที่ สพฐ. กำหนด', spec: external('สพฐ.'), trigger: '2026-08-11 09:00', due: null },
  // Sat 5 Dec 2026 gives Monday 7 Dec off → Tuesday.
  {
    no: 42,
    source: '3.9/2',
    phrase: 'ภายใน 1 วันหลังจากได้รับหนังสือขออนุญาต',
    spec: days(1),
    trigger: '2026-12-04 16:00',
    due: '2026-12-08 16:30',
  },
  {
    no: 43,
    source: '3.9/6',
    phrase: 'ภายใน 2 วันหลังจากได้รับหนังสือแจ้งจาก สพฐ.',
    spec: days(2),
    trigger: '2026-12-09 10:00',
    due: '2026-12-11 16:30',
  },
  {
    no: 44,
    source: '3.9/7',
    phrase: 'ดำเนินการตามระยะเวลาที่กำหนด',
    spec: external('ระยะเวลาที่กำหนด'),
    trigger: '2026-12-09 10:00',
    due: null,
  },
];

const calendar = createBusinessCalendar();
const instant = (wallClock: string): Date => {
  const [date = '', time = ''] = wallClock.split(' ');
  return bangkokInstant(date, time);
};

describe('seed-002 §4: every time phrase of the SOP manual', () => {
  it('has all 44 rows, numbered in order', () => {
    expect(ROWS.map((r) => r.no)).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
  });

  it.each(ROWS)('#$no $phrase', (row) => {
    const spec = parseDeadlineSpec({ ...row.spec, phrase: row.phrase, source: `seed-002 §${row.source}` });
    expect(spec.phrase).toBe(row.phrase);

    // Where the phrase states a number of days, the spec must carry the same number.
    const stated = /ภายใน\s*(\d+)\s*(?:-\s*(\d+)\s*)?(?:วัน|หลังจาก)/.exec(fromThaiDigits(row.phrase));
    if (stated) {
      if (spec.kind === 'range') expect([spec.minDays, spec.maxDays]).toEqual([Number(stated[1]), Number(stated[2])]);
      else expect(spec.kind === 'calendar_days' ? spec.days : undefined).toBe(Number(stated[1]));
    }

    const result = computeDeadline(spec, instant(row.trigger), calendar);
    expect(result.dueAt).toEqual(row.due === null ? null : instant(row.due));
    expect(result.remindAt).toEqual(row.remind === undefined ? null : instant(row.remind));
    if (result.dueAt !== null && spec.kind !== 'fixed') {
      expect(result.dueAt.getTime()).toBeGreaterThan(instant(row.trigger).getTime());
      expect(calendar.isWorkingDay(result.dueAt)).toBe(true);
    }
  });
});
