import { describe, expect, it } from '@jest/globals';
import {
  addWorkingDays,
  CalendarRangeError,
  countWorkingDays,
  createBusinessCalendar,
  DEFAULT_CABINET_SPECIAL_DAYS,
} from '../../src/calendar';

const calendar = createBusinessCalendar();

describe('working days', () => {
  it('are Monday–Friday minus holidays, special days and substitution days', () => {
    expect(calendar.isWorkingDay('2025-02-11')).toBe(true); // Tuesday
    expect(calendar.isWorkingDay('2025-02-12')).toBe(false); // วันมาฆบูชา
    expect(calendar.isWorkingDay('2025-02-15')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2025-04-16')).toBe(false); // Songkran substitution day
    expect(calendar.isWorkingDay('2025-08-11')).toBe(false); // cabinet special day
    expect(calendar.isWorkingDay('2025-01-16')).toBe(false); // วันครู, Ministry of Education
  });

  it('accept an instant and use its Bangkok date', () => {
    // 2025-02-11T17:30Z is Wednesday 12 Feb 00:30 in Bangkok: วันมาฆบูชา.
    expect(calendar.isWorkingDay(new Date('2025-02-11T17:30:00Z'))).toBe(false);
    expect(calendar.isWorkingDay(new Date('2025-02-11T16:59:59Z'))).toBe(true);
  });

  it('addWorkingDays counts from the day after and skips Songkran 2025', () => {
    expect(addWorkingDays('2025-04-11', 1, calendar)).toBe('2025-04-17'); // Fri → Thu
    expect(addWorkingDays('2025-04-11', 3, calendar)).toBe('2025-04-21');
    expect(addWorkingDays('2025-04-12', 1, calendar)).toBe('2025-04-17'); // from a Saturday
    expect(addWorkingDays('2025-04-11', 0, calendar)).toBe('2025-04-11');
    expect(() => addWorkingDays('2025-04-11', -1, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-04-11', 1.5, calendar)).toThrow(RangeError);
  });

  it('countWorkingDays counts days in (from, to]', () => {
    expect(countWorkingDays('2025-04-11', '2025-04-17', calendar)).toBe(1);
    expect(countWorkingDays('2025-04-10', '2025-04-11', calendar)).toBe(1);
    expect(countWorkingDays('2025-04-11', '2025-04-11', calendar)).toBe(0);
    expect(countWorkingDays('2025-04-17', '2025-04-11', calendar)).toBe(-1);
    // 2025: 365 days, 104 weekend days, and 27 days off of which 5 fall on a weekend.
    expect(countWorkingDays('2024-12-31', '2025-12-31', calendar)).toBe(365 - 104 - (27 - 5));
  });

  it('nextWorkingDay and workingDayOnOrAfter', () => {
    expect(calendar.nextWorkingDay('2025-12-30')).toBe('2026-01-05'); // 31 Dec, 1 Jan, 2 Jan special, weekend
    expect(calendar.workingDayOnOrAfter('2025-12-31')).toBe('2026-01-05');
    expect(calendar.workingDayOnOrAfter('2025-12-30')).toBe('2025-12-30');
  });
});

describe('extra days', () => {
  it('include the already declared cabinet special days by default', () => {
    expect(DEFAULT_CABINET_SPECIAL_DAYS.map((d) => d.date)).toEqual([
      '2023-05-05',
      '2023-07-31',
      '2023-12-29',
      '2024-04-12',
      '2024-12-30',
      '2025-06-02',
      '2025-08-11',
      '2026-01-02',
    ]);
    const without = createBusinessCalendar({ includeDefaultSpecialDays: false });
    expect(without.isWorkingDay('2025-06-02')).toBe(true);
    expect(calendar.isWorkingDay('2025-06-02')).toBe(false);
  });

  it('add a newly declared special day and an office closure for the right office only', () => {
    const extraDays = [
      { date: '2026-10-12', nameTh: 'วันหยุดพิเศษ', nameEn: 'Special holiday', kind: 'special' as const },
      { date: '2026-03-10', nameTh: 'ปิดสำนักงาน', nameEn: 'Office closed', kind: 'office_closure' as const, officeId: 'spp-phitsanulok-2' },
    ];
    const ours = createBusinessCalendar({ extraDays, officeId: 'spp-phitsanulok-2' });
    const theirs = createBusinessCalendar({ extraDays, officeId: 'spp-phitsanulok-1' });
    expect(ours.isWorkingDay('2026-10-12')).toBe(false);
    expect(theirs.isWorkingDay('2026-10-12')).toBe(false);
    expect(ours.isWorkingDay('2026-03-10')).toBe(false);
    expect(theirs.isWorkingDay('2026-03-10')).toBe(true);
    expect(ours.holidaysOn('2026-03-10')).toEqual([expect.objectContaining({ kind: 'office_closure', officeId: 'spp-phitsanulok-2' })]);
    expect(ours.holidaysInYear(2026).map((h) => h.date)).toContain('2026-10-12');
    expect(addWorkingDays('2026-03-09', 1, ours)).toBe('2026-03-11');
  });

  it('are validated', () => {
    const bad = [{ date: '2026-02-30', nameTh: 'x', nameEn: 'x', kind: 'special' as const }];
    expect(() => createBusinessCalendar({ extraDays: bad })).toThrow(/YYYY-MM-DD/);
    const badKind = [{ date: '2026-02-03', nameTh: 'x', nameEn: 'x', kind: 'holiday' }];
    // @ts-expect-error kind must be 'special' or 'office_closure'
    expect(() => createBusinessCalendar({ extraDays: badKind })).toThrow();
  });
});

describe('range', () => {
  it('covers 2024–2035 and throws CalendarRangeError beyond', () => {
    expect(calendar.range).toEqual({ first: '2023-01-01', last: '2035-12-31' });
    expect(() => calendar.isWorkingDay('2036-01-02')).toThrow(CalendarRangeError);
    try {
      addWorkingDays('2035-12-28', 5, calendar);
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(CalendarRangeError);
      expect((error as CalendarRangeError).code).toBe('CALENDAR_OUT_OF_RANGE');
    }
  });
});
