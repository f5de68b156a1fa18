/**
 * The clock of a step a case enters, planned without I/O: the deadline as
 * the office's rules read it (its day-count policy for "วัน" the source left
 * open), the SLA policy, where the count starts (`DueBasis`), the due and
 * reminder moments and the timers. One plan for every command that opens a
 * clock — a started case, an event (`apply-sla.ts`), a cycle's children in
 * bulk (`cycle/write-child-batch.ts`) — so they cannot drift apart.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import { stepDeadlineSpecSchema } from '../calendar/deadline-spec';
import { DEFAULT_DAY_COUNT, readsDayCountPolicy, resolveOfficeDays, type DayCount } from '../office/deadline-policy';
import type { StepMeta } from '../workflow/types';
import { computeDue } from './compute-due';
import { resolveDataMoment } from './data-moment';
import { planTimers, type PlannedTimer } from './plan-timers';
import type { DueBasis } from './sla.repository';
import { resolveSlaPolicy, type ResolvedSlaPolicy } from './sla-policy';

export interface StepClockPlan {
  /** the step's deadline with the office's day count applied: what the clock row keeps as its spec */
  readonly spec: Record<string, unknown>;
  readonly policy: ResolvedSlaPolicy;
  readonly basis: DueBasis;
  readonly dueAt: Date | null;
  readonly remindAt: Date | null;
  readonly timers: readonly PlannedTimer[];
}

/** null when the step has no deadline. */
export function planStepClock(
  meta: StepMeta | undefined,
  args: {
    readonly calendar: BusinessCalendar;
    readonly now: Date;
    /** where a counted deadline starts: the moment of entry (`now`), or the `occurredAt` the event carries */
    readonly triggerAt?: Date;
    /** the case's context after the transition: where `from_data` moments are read */
    readonly context: unknown;
    /** the office's day-count policy in force (default: calendar days, version 0) */
    readonly dayCount?: { readonly version: number; readonly dayCount: DayCount };
  },
): StepClockPlan | null {
  if (meta?.deadline === undefined) return null;
  const { calendar, now } = args;
  const triggerAt = args.triggerAt ?? now;
  const policy = resolveSlaPolicy(meta.sla);
  const resolved = readsDayCountPolicy(meta.deadline)
    ? resolveOfficeDays(meta.deadline, args.dayCount ?? { version: 0, dayCount: DEFAULT_DAY_COUNT })
    : meta.deadline;
  const spec = stepDeadlineSpecSchema.parse(resolved);
  const basis: DueBasis =
    spec.kind === 'from_data'
      ? { kind: 'data', readAt: now.toISOString(), dueAt: resolveDataMoment(spec, args.context, calendar)?.toISOString() ?? null }
      : {
          kind: 'spec',
          triggerAt: triggerAt.toISOString(),
          ...(triggerAt.getTime() !== now.getTime() ? { enteredAt: now.toISOString() } : {}),
        };
  const due = computeDue(resolved, basis, calendar);
  return {
    spec: resolved as Record<string, unknown>,
    policy,
    basis,
    dueAt: due.dueAt,
    remindAt: due.remindAt,
    timers: planTimers({ startedAt: now, dueAt: due.dueAt, remindAt: due.remindAt, policy, calendar }),
  };
}
