import { describe, expect, it } from '@jest/globals';
import {
  createBusinessCalendar,
  FIRST_SUPPORTED_YEAR,
  LAST_SUPPORTED_YEAR,
  officialThaiHolidays,
  THAI_HOLIDAY_YEAR_DATA,
} from '../../src/calendar';
import { PYTHON_HOLIDAYS_TH } from './fixtures/python-holidays-th';

const calendar = createBusinessCalendar();
const datesOf = (year: number): string[] => calendar.holidaysInYear(year).map((h) => h.date);

describe('official calendars of research/regulations.md §4.2, date by date', () => {
  it('2025 (พ.ศ. 2568) is reproduced exactly', () => {
    // 1 May is listed there as "private sector only" and is left out.
    expect(datesOf(2025)).toEqual([
      '2025-01-01',
      '2025-01-11',
      '2025-01-16',
      '2025-02-12',
      '2025-04-06',
      '2025-04-07',
      '2025-04-13',
      '2025-04-14',
      '2025-04-15',
      '2025-04-16',
      '2025-05-04',
      '2025-05-05',
      '2025-05-09',
      '2025-05-11',
      '2025-05-12',
      '2025-06-02',
      '2025-06-03',
      '2025-07-10',
      '2025-07-11',
      '2025-07-28',
      '2025-08-11',
      '2025-08-12',
      '2025-10-13',
      '2025-10-23',
      '2025-12-05',
      '2025-12-10',
      '2025-12-31',
    ]);
  });

  it('2026 (พ.ศ. 2569) is reproduced exactly', () => {
    expect(datesOf(2026)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-10',
      '2026-01-16',
      '2026-03-03',
      '2026-04-06',
      '2026-04-13',
      '2026-04-14',
      '2026-04-15',
      '2026-05-04',
      '2026-05-13',
      '2026-05-31',
      '2026-06-01',
      '2026-06-03',
      '2026-07-28',
      '2026-07-29',
      '2026-07-30',
      '2026-08-12',
      '2026-10-13',
      '2026-10-23',
      '2026-12-05',
      '2026-12-07',
      '2026-12-10',
      '2026-12-31',
    ]);
  });

  it('labels the 2025 and 2026 entries by kind as the official lists do', () => {
    const kindOn = (date: string) => calendar.holidaysOn(date).map((h) => h.kind);
    expect(kindOn('2025-05-09')).toEqual(['government']); // วันพืชมงคล
    expect(kindOn('2025-01-16')).toEqual(['education']); // วันครู
    expect(kindOn('2025-06-02')).toEqual(['special']);
    expect(kindOn('2026-01-02')).toEqual(['special']);
    expect(calendar.holidaysOn('2025-04-07')).toEqual([
      expect.objectContaining({ kind: 'substitution', substituteFor: '2025-04-06', nameTh: 'วันหยุดชดเชยวันจักรี' }),
    ]);
    expect(calendar.holidaysOn('2026-12-07')).toEqual([expect.objectContaining({ kind: 'substitution', substituteFor: '2026-12-05' })]);
    expect(calendar.holidaysOn('2025-12-05')[0]?.nameTh).toContain('วันพ่อแห่งชาติ');
  });
});

describe('rules', () => {
  it('1 May is not a government holiday in any year', () => {
    for (let year = FIRST_SUPPORTED_YEAR; year <= LAST_SUPPORTED_YEAR; year += 1) {
      expect(officialThaiHolidays(year).some((h) => h.date === `${year}-05-01`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2025-05-01')).toBe(true); // a Thursday
    expect(calendar.isWorkingDay('2026-05-01')).toBe(true); // a Friday
  });

  it('every year has the four lunar Buddhist days, วันครู and วันเด็ก (second Saturday of January)', () => {
    for (let year = FIRST_SUPPORTED_YEAR; year <= LAST_SUPPORTED_YEAR; year += 1) {
      const names = officialThaiHolidays(year).map((h) => h.nameTh);
      for (const name of ['วันมาฆบูชา', 'วันวิสาขบูชา', 'วันอาสาฬหบูชา', 'วันเข้าพรรษา', 'วันครู', 'วันเด็กแห่งชาติ']) {
        expect(names).toContain(name);
      }
      const children = officialThaiHolidays(year).find((h) => h.nameTh === 'วันเด็กแห่งชาติ');
      const day = Number(children?.date.slice(8));
      expect(new Date(`${children?.date}T00:00:00Z`).getUTCDay()).toBe(6);
      expect(day).toBeGreaterThanOrEqual(8);
      expect(day).toBeLessThanOrEqual(14);
    }
  });

  it('Royal Ploughing Day is data: present where announced, absent where not', () => {
    expect(calendar.holidaysOn('2024-05-10').map((h) => h.nameTh)).toEqual(['วันพืชมงคล']);
    expect(THAI_HOLIDAY_YEAR_DATA[2027]?.royalPloughing).toBeNull();
    expect(officialThaiHolidays(2027).some((h) => h.nameTh === 'วันพืชมงคล')).toBe(false);
  });

  it('Songkran earns one substitution day for the whole group', () => {
    // 2025: SUN-MON-TUE → WED. 2029: FRI-SAT-SUN → MON. 2028: THU-FRI-SAT → MON. 2030: SAT-SUN-MON → TUE.
    const songkranSubstitutes = (year: number) =>
      officialThaiHolidays(year)
        .filter((h) => h.nameTh === 'วันหยุดชดเชยวันสงกรานต์')
        .map((h) => h.date);
    expect(songkranSubstitutes(2025)).toEqual(['2025-04-16']);
    expect(songkranSubstitutes(2029)).toEqual(['2029-04-16']);
    expect(songkranSubstitutes(2028)).toEqual(['2028-04-17']);
    expect(songkranSubstitutes(2030)).toEqual(['2030-04-16']);
    expect(songkranSubstitutes(2026)).toEqual([]); // MON-TUE-WED
  });

  it('อาสาฬหบูชา + เข้าพรรษา share one substitution day', () => {
    const subs = (year: number) => officialThaiHolidays(year).filter((h) => h.kind === 'substitution' && h.date.slice(5, 7) === '07');
    expect(subs(2024).map((h) => h.date)).toEqual(['2024-07-22', '2024-07-29']); // SAT-SUN → MON; plus 28 Jul (Sun)
    expect(subs(2027).map((h) => h.date)).toEqual(['2027-07-20']); // SUN-MON → TUE
    expect(subs(2025)).toEqual([]);
  });

  it('two holidays on one weekend day earn one substitution day (3 Jun 2023, Saturday)', () => {
    expect(
      calendar
        .holidaysOn('2023-06-03')
        .map((h) => h.nameTh)
        .sort(),
    ).toEqual(['วันวิสาขบูชา', 'วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี'].sort());
    expect(calendar.holidaysOn('2023-06-05')).toEqual([
      expect.objectContaining({ kind: 'substitution', substituteFor: '2023-06-03', nameTh: expect.stringContaining(' และวัน') }),
    ]);
    expect(calendar.isWorkingDay('2023-06-06')).toBe(true);
  });

  it('a substitution day crosses into the next year (31 Dec 2028 is a Sunday)', () => {
    expect(calendar.holidaysOn('2029-01-02')).toEqual([
      expect.objectContaining({ kind: 'substitution', substituteFor: '2028-12-31', nameTh: 'วันหยุดชดเชยวันสิ้นปี' }),
    ]);
  });

  it('when two weekend holidays compete, the later takes Monday (31 Dec 2033 Sat, 1 Jan 2034 Sun)', () => {
    expect(calendar.holidaysOn('2034-01-02')[0]?.substituteFor).toBe('2034-01-01');
    expect(calendar.holidaysOn('2034-01-03')[0]?.substituteFor).toBe('2033-12-31');
  });

  it('the cabinet cancelled the 2 Jan 2024 substitution day (29 Dec 2023 was given instead)', () => {
    expect(calendar.isWorkingDay('2024-01-02')).toBe(true);
    expect(THAI_HOLIDAY_YEAR_DATA[2024]?.cancelledSubstitutions?.[0]?.date).toBe('2024-01-02');
  });

  it('throws outside the supported years rather than guessing', () => {
    expect(() => officialThaiHolidays(FIRST_SUPPORTED_YEAR - 1)).toThrow(RangeError);
    expect(() => officialThaiHolidays(LAST_SUPPORTED_YEAR + 1)).toThrow(RangeError);
  });
});

describe('independent cross-check against python-holidays 0.105 (2023–2035)', () => {
  for (let year = FIRST_SUPPORTED_YEAR; year <= LAST_SUPPORTED_YEAR; year += 1) {
    it(`${year}: same dates`, () => {
      const reference = Object.keys(PYTHON_HOLIDAYS_TH[year] ?? {});
      expect(reference.length).toBeGreaterThan(15);
      const dates = officialThaiHolidays(year).map((h) => h.date);
      expect([...new Set(dates)]).toEqual(reference); // python merges holidays sharing a date into one entry
    });
  }
});
