import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addWorkingMinutes, bangkokInstant, createBusinessCalendar, workingMinutesBetween } from '../../src/calendar';

const calendar = createBusinessCalendar();
const FIRST = bangkokInstant('2024-01-01').getTime() / 60_000;
const LAST = bangkokInstant('2030-12-31', '23:59').getTime() / 60_000;
const instantArb = fc.integer({ min: FIRST, max: LAST }).map((m) => new Date(m * 60_000));
const minutesArb = fc.integer({ min: 0, max: 480 * 250 });

describe('office minutes (2024–2030)', () => {
  it('adding m office minutes then measuring gives m back', () => {
    fc.assert(
      fc.property(instantArb, minutesArb, (from, minutes) => {
        expect(workingMinutesBetween(from, addWorkingMinutes(from, minutes, calendar), calendar)).toBe(minutes);
      }),
      { numRuns: 1000 },
    );
  });

  it('a result of a positive addition lies within office hours of a working day', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 480 * 250 }), (from, minutes) => {
        const at = addWorkingMinutes(from, minutes, calendar);
        const minuteOfDay = (((at.getTime() / 60_000 + 7 * 60) % 1440) + 1440) % 1440;
        expect(calendar.isWorkingDay(at)).toBe(true);
        expect(minuteOfDay).toBeGreaterThan(8 * 60 + 30);
        expect(minuteOfDay).toBeLessThanOrEqual(16 * 60 + 30);
      }),
      { numRuns: 1000 },
    );
  });

  it('measuring is additive and antisymmetric; adding is monotonic', () => {
    fc.assert(
      fc.property(instantArb, instantArb, instantArb, minutesArb, minutesArb, (a, b, c, m1, m2) => {
        const ab = workingMinutesBetween(a, b, calendar);
        expect(ab + workingMinutesBetween(b, c, calendar)).toBe(workingMinutesBetween(a, c, calendar));
        expect(workingMinutesBetween(b, a, calendar) + ab).toBe(0);
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addWorkingMinutes(a, lo, calendar).getTime()).toBeLessThanOrEqual(addWorkingMinutes(a, hi, calendar).getTime());
      }),
      { numRuns: 1000 },
    );
  });
});
