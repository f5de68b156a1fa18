import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bangkokInstant, formatThaiDate, formatThaiTime, fromThaiDigits, parseThaiDate, toThaiDigits } from '../../src/calendar';

const at = bangkokInstant('2025-02-06', '15:00'); // 08:00Z

describe('formatThaiDate', () => {
  it('writes Thai dates in the Buddhist era', () => {
    expect(formatThaiDate(at, 'th')).toBe('6 กุมภาพันธ์ 2568');
    expect(formatThaiDate(at)).toBe('6 กุมภาพันธ์ 2568');
    expect(formatThaiDate(at, 'th', { style: 'short' })).toBe('6 ก.พ. 2568');
    expect(formatThaiDate(at, 'th', { style: 'short', withTime: true })).toBe('6 ก.พ. 2568 15.00 น.');
    expect(formatThaiDate(at, 'th', { weekday: true })).toBe('วันพฤหัสบดีที่ 6 กุมภาพันธ์ 2568');
    expect(formatThaiDate(at, 'th', { style: 'short', digits: 'thai' })).toBe('๖ ก.พ. ๒๕๖๘');
    expect(formatThaiDate(at, 'th', { era: 'ce' })).toBe('6 กุมภาพันธ์ ค.ศ. 2025');
    expect(formatThaiTime(at)).toBe('15.00 น.');
  });

  it('writes English dates, with a Buddhist-era variant', () => {
    expect(formatThaiDate(at, 'en')).toBe('6 February 2025');
    expect(formatThaiDate(at, 'en', { style: 'short' })).toBe('6 Feb 2025');
    expect(formatThaiDate(at, 'en', { era: 'be' })).toBe('6 February B.E. 2568');
    expect(formatThaiDate(at, 'en', { withTime: true, weekday: true })).toBe('Thursday 6 February 2025, 15:00');
  });

  it('uses Bangkok time whatever the UTC date is, and accepts a date string', () => {
    expect(formatThaiDate(new Date('2025-02-05T17:00:00Z'), 'th', { withTime: true })).toBe('6 กุมภาพันธ์ 2568 00.00 น.');
    expect(formatThaiDate('2025-12-31', 'th', { style: 'short' })).toBe('31 ธ.ค. 2568');
    expect(() => formatThaiDate('2025-12-31', 'th', { withTime: true })).toThrow(TypeError);
  });
});

describe('parseThaiDate', () => {
  it.each([
    ['6 ก.พ. 2568', '2025-02-06', null],
    ['6 กุมภาพันธ์ 2568', '2025-02-06', null],
    ['6 กุมภาพันธ์ พ.ศ. 2568', '2025-02-06', null],
    ['๖/๒/๒๕๖๘', '2025-02-06', null],
    ['๖ ก.พ. ๖๘', '2025-02-06', null],
    ['6/2/68', '2025-02-06', null],
    ['6 กพ 2568', '2025-02-06', null],
    ['06-02-2025', '2025-02-06', null],
    ['6.2.2568', '2025-02-06', null],
    ['2025-02-06', '2025-02-06', null],
    ['2568-02-06', '2025-02-06', null],
    ['วันพฤหัสบดีที่ 6 ก.พ. 2568 เวลา 15.00 น.', '2025-02-06', '15:00'],
    ['วันที่ 6 กุมภาพันธ์ 2568 9.30 น.', '2025-02-06', '09:30'],
    ['6 Feb 2025', '2025-02-06', null],
    ['6 February B.E. 2568', '2025-02-06', null],
    ['February 6, 2025', '2025-02-06', null],
    ['Thursday 6 February 2025, 15:00', '2025-02-06', '15:00'],
    ['1 ม.ค. ค.ศ. 2025', '2025-01-01', null],
    ['29 ก.พ. 2567', '2024-02-29', null],
  ])('%s', (input, date, time) => {
    expect(parseThaiDate(input)).toEqual({ ok: true, date, time });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['พรุ่งนี้', 'unrecognized'],
    ['6 ฟอ. 2568', 'unrecognized'],
    ['29 ก.พ. 2568', 'invalid_date'],
    ['31/4/2568', 'invalid_date'],
    ['6 ก.พ. 2568 25.00 น.', 'invalid_date'],
    ['6/2/1800', 'year_out_of_range'],
  ])('refuses %j (%s)', (input, error) => {
    expect(parseThaiDate(input)).toMatchObject({ ok: false, error });
  });

  it('reads back every date it formats, in every style (1950–2150)', () => {
    const first = Date.UTC(1950, 0, 1) / 60_000;
    const last = Date.UTC(2150, 11, 31) / 60_000;
    fc.assert(
      fc.property(
        fc.integer({ min: first, max: last }).map((m) => new Date(m * 60_000)),
        fc.constantFrom('th' as const, 'en' as const),
        fc.record({
          style: fc.constantFrom('long' as const, 'short' as const),
          era: fc.constantFrom('be' as const, 'ce' as const),
          digits: fc.constantFrom('arabic' as const, 'thai' as const),
          weekday: fc.boolean(),
          withTime: fc.boolean(),
        }),
        (instant, locale, options) => {
          const parsed = parseThaiDate(formatThaiDate(instant, locale, options));
          const expected = formatThaiDate(instant, 'en', { style: 'short' });
          expect(parsed.ok && formatThaiDate(parsed.date, 'en', { style: 'short' })).toBe(expected);
          if (parsed.ok) expect(parsed.time).toBe(options.withTime ? formatThaiTime(instant, 'en') : null);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('Thai digits', () => {
  it('convert both ways', () => {
    expect(toThaiDigits('2568')).toBe('๒๕๖๘');
    expect(fromThaiDigits('๐๑๒๓๔๕๖๗๘๙')).toBe('0123456789');
  });
});
