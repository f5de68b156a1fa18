import type { ActingRole } from '../access/roles';
import type { StepSlaPolicy } from '../workflow/types';

export type ResolvedSlaPolicy = {
  remindWorkingDaysBefore: number[];
  dueTodayNotice: boolean;
  escalateEveryWorkingDays: number;
  escalationChain: ActingRole[];
  maxEscalations: number;
};

/** The defaults every step gets unless it says otherwise (documented in docs/sla.md). */
export const DEFAULT_SLA_POLICY: Readonly<ResolvedSlaPolicy> = Object.freeze({
  remindWorkingDaysBefore: [2],
  dueTodayNotice: true,
  escalateEveryWorkingDays: 1,
  escalationChain: ['group_director', 'area_director'] as ActingRole[],
  maxEscalations: 5,
});

/** Bounds no step may exceed, whatever its metadata says. */
export const SLA_LIMITS = Object.freeze({ maxReminders: 5, maxRemindWorkingDaysBefore: 30, maxEscalations: 20 });

export function resolveSlaPolicy(policy: StepSlaPolicy | undefined): ResolvedSlaPolicy {
  const p = { ...DEFAULT_SLA_POLICY, ...policy };
  return {
    remindWorkingDaysBefore: [...new Set(p.remindWorkingDaysBefore)]
      .filter((n) => Number.isInteger(n) && n > 0 && n <= SLA_LIMITS.maxRemindWorkingDaysBefore)
      .sort((a, b) => b - a)
      .slice(0, SLA_LIMITS.maxReminders),
    dueTodayNotice: p.dueTodayNotice,
    escalateEveryWorkingDays: Math.max(1, Math.floor(p.escalateEveryWorkingDays)),
    escalationChain: [...p.escalationChain],
    maxEscalations: Math.min(Math.max(0, Math.floor(p.maxEscalations)), SLA_LIMITS.maxEscalations),
  };
}
