import { describe, expect, it } from '@jest/globals';
import { addWorkingMinutes, bangkokInstant, createBusinessCalendar, workingMinutesBetween } from '../../src/calendar';

const calendar = createBusinessCalendar();
const at = bangkokInstant;

describe('workingMinutesBetween', () => {
  it('counts only 08:30–16:30 on working days', () => {
    expect(workingMinutesBetween(at('2025-02-10', '08:30'), at('2025-02-10', '16:30'), calendar)).toBe(480);
    expect(workingMinutesBetween(at('2025-02-10', '07:00'), at('2025-02-10', '18:00'), calendar)).toBe(480);
    expect(workingMinutesBetween(at('2025-02-10', '10:00'), at('2025-02-11', '09:00'), calendar)).toBe(390 + 30);
    // Tuesday 11 Feb 15:00 → Thursday 13 Feb 09:30 skips วันมาฆบูชา (Wed 12).
    expect(workingMinutesBetween(at('2025-02-11', '15:00'), at('2025-02-13', '09:30'), calendar)).toBe(90 + 60);
    expect(workingMinutesBetween(at('2025-02-15', '10:00'), at('2025-02-16', '10:00'), calendar)).toBe(0); // weekend
    expect(workingMinutesBetween(at('2025-02-11', '09:00'), at('2025-02-10', '16:00'), calendar)).toBe(-60);
  });
});

describe('addWorkingMinutes', () => {
  it('ends a full day at 16:30 of the same day, not 08:30 of the next', () => {
    expect(addWorkingMinutes(at('2025-02-10', '08:30'), 480, calendar)).toEqual(at('2025-02-10', '16:30'));
    expect(addWorkingMinutes(at('2025-02-10', '08:30'), 481, calendar)).toEqual(at('2025-02-11', '08:31'));
  });

  it('starts counting at opening time when added outside office hours', () => {
    expect(addWorkingMinutes(at('2025-02-14', '20:00'), 30, calendar)).toEqual(at('2025-02-17', '09:00'));
    expect(addWorkingMinutes(at('2025-02-11', '16:00'), 60, calendar)).toEqual(at('2025-02-13', '09:00'));
  });

  it('returns the same instant for zero and rejects negative minutes', () => {
    const t = at('2025-02-15', '03:00');
    expect(addWorkingMinutes(t, 0, calendar)).toEqual(t);
    expect(() => addWorkingMinutes(t, -1, calendar)).toThrow(RangeError);
  });

  it('pauses and resumes an SLA clock across Songkran', () => {
    const dueAt = at('2025-04-11', '16:30');
    const pausedAt = at('2025-04-10', '14:30');
    const left = workingMinutesBetween(pausedAt, dueAt, calendar);
    expect(left).toBe(120 + 480);
    // Resumed on Friday 11 Apr at 15:30: 60 minutes that day, 480 on Thursday 17 Apr
    // (after Songkran and its substitution day), the last 60 on Friday 18 Apr.
    expect(addWorkingMinutes(at('2025-04-11', '15:30'), left, calendar)).toEqual(at('2025-04-18', '09:30'));
  });
});
