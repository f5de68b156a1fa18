import { addWorkingMinutes } from '../calendar/office-time';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { computeDeadline } from '../calendar/compute-deadline';
import { deadlineSpecSchema } from '../calendar/deadline-spec';
import type { DueBasis } from './sla.repository';

/** A clock's due moment from what it was based on: its spec and trigger, or the office time left when it resumed. */
export function computeDue(spec: unknown, basis: DueBasis, calendar: BusinessCalendar): { dueAt: Date | null; remindAt: Date | null } {
  if (basis.kind === 'data' || basis.kind === 'extended') {
    return { dueAt: basis.dueAt === null ? null : new Date(basis.dueAt), remindAt: null };
  }
  if (basis.kind === 'resumed') {
    return { dueAt: addWorkingMinutes(new Date(basis.resumedAt), basis.remainingMinutes, calendar), remindAt: null };
  }
  const result = computeDeadline(deadlineSpecSchema.parse(spec), new Date(basis.triggerAt), calendar);
  return { dueAt: result.dueAt, remindAt: result.remindAt };
}
