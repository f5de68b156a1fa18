import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bangkokInstant, isLocalDate, localDateOfInstant } from '../../src/calendar';
import { epochDayOfLocalDate, localDateOfEpochDay, ymdOfEpochDay } from '../../src/calendar/bangkok-time';

describe('Bangkok time', () => {
  it('is UTC+7 with no daylight saving', () => {
    expect(bangkokInstant('2025-02-06', '15:00').toISOString()).toBe('2025-02-06T08:00:00.000Z');
    expect(bangkokInstant('2025-07-06', '15:00').toISOString()).toBe('2025-07-06T08:00:00.000Z');
    expect(localDateOfInstant(new Date('2025-02-05T16:59:59Z'))).toBe('2025-02-05');
    expect(localDateOfInstant(new Date('2025-02-05T17:00:00Z'))).toBe('2025-02-06');
    expect(() => bangkokInstant('2025-02-06', '24:00')).toThrow(RangeError);
    expect(() => bangkokInstant('2025-02-30')).toThrow(RangeError);
  });

  it('validates dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2025-2-09')).toBe(false);
  });

  it('converts epoch days like Date does, without allocating one', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        const d = new Date(day * 86_400_000);
        expect(ymdOfEpochDay(day)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
        expect(epochDayOfLocalDate(localDateOfEpochDay(day))).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });
});
