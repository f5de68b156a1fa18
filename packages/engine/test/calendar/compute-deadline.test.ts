import { describe, expect, it } from '@jest/globals';
import {
  bangkokInstant,
  CalendarRangeError,
  computeDeadline,
  createBusinessCalendar,
  parseDeadlineSpec,
  type DeadlineSpecInput,
} from '../../src/calendar';

const calendar = createBusinessCalendar();
const at = (wallClock: string): Date => {
  const [date = '', time = '00:00'] = wallClock.split(' ');
  return bangkokInstant(date, time);
};
const due = (spec: DeadlineSpecInput, trigger: string) => computeDeadline(parseDeadlineSpec(spec), at(trigger), calendar);

describe('calendar_days', () => {
  it('day one is the day after the trigger; the deadline ends at 16:30', () => {
    const r = due({ kind: 'calendar_days', days: 30, phrase: 'ภายใน 30 วัน' }, '2025-03-03 09:15');
    expect(r).toEqual({
      kind: 'calendar_days',
      dueAt: at('2025-04-02 16:30'),
      remindAt: null,
      dueDate: '2025-04-02',
      nominalDueDate: '2025-04-02',
      rolledForward: false,
    });
  });

  it('a last day on a holiday moves to the next working day (ม.193/8) and says so', () => {
    const r = due({ kind: 'calendar_days', days: 2, phrase: 'ภายใน 2 วัน' }, '2025-04-11 15:00');
    expect(r.nominalDueDate).toBe('2025-04-13');
    expect(r.dueDate).toBe('2025-04-17');
    expect(r.rolledForward).toBe(true);
  });

  it('uses the Bangkok date of the trigger, not the UTC date', () => {
    // 2025-03-02T18:00Z is Monday 3 Mar 01:00 in Bangkok.
    const r = computeDeadline(
      parseDeadlineSpec({ kind: 'calendar_days', days: 1, phrase: 'ภายใน 1 วัน' }),
      new Date('2025-03-02T18:00:00Z'),
      calendar,
    );
    expect(r.dueDate).toBe('2025-03-04');
  });
});

describe('working_days', () => {
  it('counts only working days, from the first working day after the trigger', () => {
    // Friday 11 Apr 2025 → 17, 18, 21 Apr.
    expect(due({ kind: 'working_days', days: 3, phrase: 'ภายใน 3 วันทำการ' }, '2025-04-11 15:00').dueDate).toBe('2025-04-21');
    // From Wed 24 Dec 2025, skipping 31 Dec, 1 Jan, 2 Jan (special) and 16 Jan (วันครู).
    expect(due({ kind: 'working_days', days: 15, phrase: 'ภายใน 15 วันทำการ' }, '2025-12-24 10:00').dueDate).toBe('2026-01-20');
  });
});

describe('range', () => {
  it('reminds at the low end and is due at the high end, in working days when asked', () => {
    const r = due({ kind: 'range', unit: 'working_days', minDays: 3, maxDays: 5, phrase: 'ภายใน 3-5 วันทำการ' }, '2025-04-09 10:00');
    expect(r.remindAt).toEqual(at('2025-04-17 16:30')); // 10, 11, 17
    expect(r.dueAt).toEqual(at('2025-04-21 16:30')); // 18, 21
  });
});

describe('immediately', () => {
  const spec = { kind: 'immediately', phrase: 'ปฏิบัติทันที' } as const;
  it('is the same working day until 16:30, then the next working day', () => {
    expect(due(spec, '2025-03-14 16:29').dueAt).toEqual(at('2025-03-14 16:30'));
    expect(due(spec, '2025-03-14 16:30').dueAt).toEqual(at('2025-03-17 16:30'));
    expect(due(spec, '2025-03-15 10:00').dueAt).toEqual(at('2025-03-17 16:30'));
  });
});

describe('day_of_month', () => {
  it('is the next day D, the last day of a shorter month, moved off days off', () => {
    const by31 = { kind: 'day_of_month', day: 31, phrase: 'ภายในวันที่ 31 ของทุกเดือน' } as const;
    expect(due(by31, '2025-02-10 10:00').dueDate).toBe('2025-02-28');
    expect(due(by31, '2028-02-10 10:00').dueDate).toBe('2028-02-29');
    // 31 May 2025 is a Saturday → Monday 2 Jun is a special day → Tuesday 3 Jun is a holiday → Wednesday 4 Jun.
    expect(due(by31, '2025-06-01 10:00').dueDate).toBe('2025-06-04');
    expect(due(by31, '2025-06-04 17:00').dueDate).toBe('2025-06-30');
  });
});

describe('quarter_end', () => {
  const spec = { kind: 'quarter_end', phrase: 'ภายในไตรมาส' } as const;
  it('is the end of the quarter containing the trigger', () => {
    expect(due(spec, '2025-11-03 10:00').dueDate).toBe('2026-01-05'); // 31 Dec, 1 Jan, 2 Jan special, weekend
    expect(due(spec, '2026-01-02 10:00').dueDate).toBe('2026-03-31');
    expect(due(spec, '2026-03-31 16:45').dueDate).toBe('2026-06-30'); // after the last minute of Q2
  });

  it('with fiscalQuarter, is the end of the next such fiscal quarter', () => {
    const q1 = { ...spec, fiscalQuarter: 1 } as const; // Oct–Dec
    expect(due(q1, '2025-02-03 10:00').dueDate).toBe('2026-01-05');
    // 31 Dec 2026 is วันสิ้นปี and 1 Jan 2027 a Friday holiday → Monday 4 Jan 2027.
    expect(due(q1, '2026-01-06 10:00').dueDate).toBe('2027-01-04');
  });
});

describe('fiscal_year_end', () => {
  const spec = { kind: 'fiscal_year_end', phrase: 'เมื่อสิ้นปีงบประมาณ' } as const;
  it('is 30 September of the fiscal year containing the trigger', () => {
    expect(due(spec, '2025-09-30 16:00').dueAt).toEqual(at('2025-09-30 16:30'));
    expect(due(spec, '2025-10-01 09:00').dueDate).toBe('2026-09-30'); // fiscal year 2569 began
    // 30 Sep 2028 is a Saturday → Monday 2 Oct.
    const r = due(spec, '2028-05-01 09:00');
    expect([r.nominalDueDate, r.dueDate]).toEqual(['2028-09-30', '2028-10-02']);
  });
});

describe('fixed', () => {
  it('is the exact Bangkok date and time, even when already past', () => {
    const spec = { kind: 'fixed', date: '2025-02-06', time: '15:00', phrase: '6 ก.พ. 2568 เวลา 15.00 น.' } as const;
    expect(due(spec, '2025-01-20 10:00').dueAt).toEqual(new Date('2025-02-06T08:00:00Z'));
    expect(due(spec, '2025-03-01 10:00').dueAt).toEqual(new Date('2025-02-06T08:00:00Z'));
    expect(due({ kind: 'fixed', date: '2025-02-06', phrase: 'ภายในวันที่ 6 ก.พ. 2568' }, '2025-01-20 10:00').dueAt).toEqual(
      at('2025-02-06 16:30'),
    );
  });
});

describe('no timer', () => {
  it('external calendars and after-completion steps are recorded without a due moment', () => {
    for (const spec of [
      { kind: 'external', calendar: 'สพฐ.', phrase: 'ตามปฏิทินที่ สพฐ. กำหนด' },
      { kind: 'after_completion', phrase: 'หลังจากดำเนินการตามขั้นตอนเรียบร้อยแล้ว' },
    ] as const) {
      expect(due(spec, '2025-01-20 10:00')).toMatchObject({ dueAt: null, remindAt: null, dueDate: null });
    }
  });
});

describe('errors', () => {
  it('refuses an invalid trigger and counts that leave the calendar', () => {
    const spec = parseDeadlineSpec({ kind: 'calendar_days', days: 30, phrase: 'ภายใน 30 วัน' });
    expect(() => computeDeadline(spec, new Date(Number.NaN), calendar)).toThrow(RangeError);
    expect(() => computeDeadline(spec, at('2035-12-20 10:00'), calendar)).toThrow(CalendarRangeError);
    expect(() => computeDeadline(spec, at('2022-12-20 10:00'), calendar)).toThrow(CalendarRangeError);
  });
});
