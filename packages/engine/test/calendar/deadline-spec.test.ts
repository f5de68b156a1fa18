import { describe, expect, it } from '@jest/globals';
import { DEADLINE_KINDS, deadlineSpecSchema, parseDeadlineSpec } from '../../src/calendar';

describe('DeadlineSpec', () => {
  it('has one kind per way the sources state a time limit', () => {
    expect([...DEADLINE_KINDS].sort()).toEqual([
      'after_completion',
      'calendar_days',
      'day_of_month',
      'external',
      'fiscal_year_end',
      'fixed',
      'immediately',
      'quarter_end',
      'range',
      'working_days',
    ]);
  });

  it('requires the source phrase', () => {
    expect(deadlineSpecSchema.safeParse({ kind: 'calendar_days', days: 3 }).success).toBe(false);
    expect(deadlineSpecSchema.safeParse({ kind: 'calendar_days', days: 3, phrase: '  ' }).success).toBe(false);
  });

  it('rejects impossible specs with the field named', () => {
    const range = deadlineSpecSchema.safeParse({ kind: 'range', unit: 'calendar_days', minDays: 5, maxDays: 3, phrase: 'x' });
    expect(range.success).toBe(false);
    expect(range.error?.issues[0]?.path).toEqual(['maxDays']);
    for (const bad of [
      { kind: 'calendar_days', days: 0, phrase: 'x' },
      { kind: 'working_days', days: 2.5, phrase: 'x' },
      { kind: 'day_of_month', day: 32, phrase: 'x' },
      { kind: 'quarter_end', fiscalQuarter: 5, phrase: 'x' },
      { kind: 'fixed', date: '2025-02-30', phrase: 'x' },
      { kind: 'fixed', date: '2025-02-06', time: '24:00', phrase: 'x' },
      { kind: 'external', phrase: 'x' },
      { kind: 'weeks', weeks: 2, phrase: 'x' },
    ]) {
      expect(deadlineSpecSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('defaults a fixed deadline to the close of office hours', () => {
    expect(parseDeadlineSpec({ kind: 'fixed', date: '2025-02-06', phrase: 'ภายในวันที่ 6 ก.พ. 2568' })).toMatchObject({ time: '16:30' });
  });
});
