/**
 * Moments read from a case's own data (the `from_data` deadline kind): a
 * transfer round's phase dates, the fix-by moment a director entered, the
 * report-by date of an order. Pure: the context, the calendar and the spec
 * decide; nothing is read from the clock.
 */
import { bangkokInstant, isLocalDate } from '../calendar/bangkok-time';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { computeDeadline } from '../calendar/compute-deadline';
import { stepDeadlineSpecSchema, type StepDeadlineSpec } from '../calendar/deadline-spec';

type FromDataSpec = Extract<StepDeadlineSpec, { kind: 'from_data' }>;

/** The value at a dotted path of the context (`last` on a list: its last item); undefined when any part is missing. */
export function valueAtPath(context: unknown, path: string): unknown {
  let at: unknown = context;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = Array.isArray(at) && key === 'last' ? at.at(-1) : (at as Record<string, unknown>)[key];
  }
  return at;
}

const TIME = /^([01]\d|2[0-3])[:.][0-5]\d$/;

/** An ISO instant, a Bangkok date (16:30 of that day), or `{ date, time? }`; null for anything else. */
export function momentOfValue(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string') {
    if (isLocalDate(value)) return bangkokInstant(value, '16:30');
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (typeof value === 'object' && value !== null && 'date' in value) {
    const { date, time } = value as { date: unknown; time?: unknown };
    if (typeof date !== 'string' || !isLocalDate(date)) return null;
    const t = typeof time === 'string' && TIME.test(time) ? time.replace('.', ':') : '16:30';
    return bangkokInstant(date, t);
  }
  return null;
}

/** The moment a `from_data` spec names for this context; null when the data does not hold one. */
export function resolveDataMoment(spec: FromDataSpec, context: unknown, calendar: BusinessCalendar): Date | null {
  let base = momentOfValue(valueAtPath(context, spec.path));
  if (!base) return null;
  for (const other of spec.laterOf ?? []) {
    const m = momentOfValue(valueAtPath(context, other));
    if (m && m.getTime() > base.getTime()) base = m;
  }
  let at: Date | null = base;
  if (spec.plus) {
    const days = spec.plus.days ?? Number(valueAtPath(context, spec.plus.daysPath!));
    if (!Number.isInteger(days) || days < 1) return null;
    const unit = spec.plus.unit;
    // resolved when the clock opens (office/deadline-policy.ts); never reaches here unresolved
    if (unit === 'office_days') throw new Error('an office_days count must be resolved by the office policy first');
    at = computeDeadline({ kind: unit, days, phrase: spec.phrase }, base, calendar).dueAt;
  }
  return at && spec.offsetSeconds ? new Date(at.getTime() + spec.offsetSeconds * 1000) : at;
}

/**
 * When a spec falls for a case: read from the data for `from_data`,
 * otherwise counted from `triggerAt` (the moment of entry, or the moment an
 * event says it happened).
 */
export function momentOfSpec(
  specInput: unknown,
  args: { context: unknown; triggerAt: Date; calendar: BusinessCalendar },
): { dueAt: Date | null; remindAt: Date | null } {
  const spec = stepDeadlineSpecSchema.parse(specInput);
  if (spec.kind === 'from_data') return { dueAt: resolveDataMoment(spec, args.context, args.calendar), remindAt: null };
  // refused by defineWorkflow for system events and guards; step deadlines are resolved before
  if (spec.kind === 'office_days') throw new Error('an office_days spec must be resolved by the office policy first');
  const r = computeDeadline(spec, args.triggerAt, args.calendar);
  return { dueAt: r.dueAt, remindAt: r.remindAt };
}
