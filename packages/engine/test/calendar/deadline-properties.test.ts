/**
 * Property tests over 2024–2030 (fast-check): for every spec kind, deadlines
 * land on working days at 16:30, never before the trigger, move forward
 * monotonically with the trigger, and agree with a naive day-by-day oracle.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addWorkingDays,
  bangkokInstant,
  computeDeadline,
  countWorkingDays,
  createBusinessCalendar,
  DEADLINE_KINDS,
  localDateOfInstant,
  type DeadlineSpec,
} from '../../src/calendar';
import { holidaySet, naiveDueAt } from '../../bench/calendar.bench';

const calendar = createBusinessCalendar();
const holidays = holidaySet(calendar);
const RUNS = { numRuns: 1000 };

const FIRST = bangkokInstant('2024-01-01').getTime();
const LAST = bangkokInstant('2030-12-31', '23:59').getTime();
const DAY_MS = 86_400_000;
const BOUNDARY_MINUTES = [0, 8 * 60 + 29, 8 * 60 + 30, 12 * 60, 16 * 60 + 29, 16 * 60 + 30, 16 * 60 + 31, 23 * 60 + 59];

/** Any minute of 2024–2030, often one next to the opening or closing of the office. */
const triggerArb: fc.Arbitrary<Date> = fc.oneof(
  fc.integer({ min: FIRST / 60_000, max: LAST / 60_000 }).map((m) => new Date(m * 60_000)),
  fc
    .tuple(fc.integer({ min: 0, max: Math.floor((LAST - FIRST) / DAY_MS) }), fc.constantFrom(...BOUNDARY_MINUTES))
    .map(([d, minute]) => new Date(FIRST + d * DAY_MS + minute * 60_000)),
);

const phrase = 'property';
const specArbs: Record<DeadlineSpec['kind'], fc.Arbitrary<DeadlineSpec>> = {
  calendar_days: fc.integer({ min: 1, max: 120 }).map((days) => ({ kind: 'calendar_days', days, phrase })),
  working_days: fc.integer({ min: 1, max: 120 }).map((days) => ({ kind: 'working_days', days, phrase })),
  range: fc
    .tuple(
      fc.integer({ min: 1, max: 60 }),
      fc.integer({ min: 1, max: 60 }),
      fc.constantFrom('calendar_days' as const, 'working_days' as const),
    )
    .map(([a, b, unit]) => ({ kind: 'range', unit, minDays: a, maxDays: a + b, phrase })),
  immediately: fc.constant({ kind: 'immediately', phrase }),
  day_of_month: fc.integer({ min: 1, max: 31 }).map((day) => ({ kind: 'day_of_month', day, phrase })),
  quarter_end: fc
    .option(fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const), { nil: undefined })
    .map((q) => (q === undefined ? { kind: 'quarter_end', phrase } : { kind: 'quarter_end', fiscalQuarter: q, phrase })),
  fiscal_year_end: fc.constant({ kind: 'fiscal_year_end', phrase }),
  fixed: fc.tuple(fc.integer({ min: 0, max: 2556 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([d, h, m]) => ({
    kind: 'fixed',
    date: localDateOfInstant(new Date(FIRST + d * DAY_MS)),
    time: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
    phrase,
  })),
  external: fc.constant({ kind: 'external', calendar: 'สพฐ.', phrase }),
  after_completion: fc.constant({ kind: 'after_completion', phrase }),
};
const COUNTED = DEADLINE_KINDS.filter((k) => k !== 'fixed' && k !== 'external' && k !== 'after_completion');

const minuteOfDay = (d: Date): number => ((((d.getTime() + 7 * 3_600_000) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;

describe.each(COUNTED)('%s', (kind) => {
  const specArb = specArbs[kind];

  it('is due at 16:30 of a working day, after the trigger', () => {
    fc.assert(
      fc.property(specArb, triggerArb, (spec, trigger) => {
        const r = computeDeadline(spec, trigger, calendar);
        for (const at of [r.dueAt, r.remindAt]) {
          if (at === null) continue;
          expect(calendar.isWorkingDay(at)).toBe(true);
          expect(minuteOfDay(at)).toBe(16 * 60 + 30);
          expect(at.getTime()).toBeGreaterThan(trigger.getTime());
        }
        expect(r.dueAt).not.toBeNull();
        if (r.remindAt !== null && r.dueAt !== null) expect(r.remindAt.getTime()).toBeLessThanOrEqual(r.dueAt.getTime());
      }),
      RUNS,
    );
  });

  it('agrees with the naive day-by-day oracle', () => {
    fc.assert(
      fc.property(specArb, triggerArb, (spec, trigger) => {
        expect(computeDeadline(spec, trigger, calendar).dueAt).toEqual(naiveDueAt(spec, trigger, holidays));
      }),
      RUNS,
    );
  });
});

describe.each(DEADLINE_KINDS)('%s is monotonic', (kind) => {
  it('a later trigger never gives an earlier deadline or reminder', () => {
    fc.assert(
      fc.property(specArbs[kind], triggerArb, triggerArb, (spec, a, b) => {
        const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        const r1 = computeDeadline(spec, early, calendar);
        const r2 = computeDeadline(spec, late, calendar);
        expect(r1.dueAt === null).toBe(r2.dueAt === null);
        if (r1.dueAt && r2.dueAt) expect(r1.dueAt.getTime()).toBeLessThanOrEqual(r2.dueAt.getTime());
        if (r1.remindAt && r2.remindAt) expect(r1.remindAt.getTime()).toBeLessThanOrEqual(r2.remindAt.getTime());
      }),
      RUNS,
    );
  });
});

describe('day counting', () => {
  it('working days: N counted from the trigger day round-trips through countWorkingDays', () => {
    fc.assert(
      fc.property(specArbs.working_days, triggerArb, (spec, trigger) => {
        if (spec.kind !== 'working_days') return;
        const r = computeDeadline(spec, trigger, calendar);
        expect(countWorkingDays(trigger, r.dueDate ?? '', calendar)).toBe(spec.days);
      }),
      RUNS,
    );
  });

  it('calendar days: the nominal last day is trigger + N, and every day before the due day is a day off', () => {
    fc.assert(
      fc.property(specArbs.calendar_days, triggerArb, (spec, trigger) => {
        if (spec.kind !== 'calendar_days') return;
        const r = computeDeadline(spec, trigger, calendar);
        const nominal = localDateOfInstant(new Date(trigger.getTime() + spec.days * DAY_MS));
        expect(r.nominalDueDate).toBe(nominal);
        for (let d = bangkokInstant(nominal); localDateOfInstant(d) < (r.dueDate ?? ''); d = new Date(d.getTime() + DAY_MS)) {
          expect(calendar.isWorkingDay(d)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('addWorkingDays then countWorkingDays round-trips, and the other way round', () => {
    fc.assert(
      fc.property(triggerArb, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 600 }), (t, n, span) => {
        const from = localDateOfInstant(t);
        const to = addWorkingDays(from, n, calendar);
        expect(countWorkingDays(from, to, calendar)).toBe(n);
        expect(n === 0 || calendar.isWorkingDay(to)).toBe(true);
        const later = calendar.workingDayOnOrAfter(new Date(t.getTime() + span * DAY_MS));
        expect(addWorkingDays(from, countWorkingDays(from, later, calendar), calendar)).toBe(later);
      }),
      RUNS,
    );
  });
});
