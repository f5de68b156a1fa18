/**
 * The salary raise round (การเลื่อนเงินเดือน): the round workflow and its
 * per-person child, the round's parameters, eligibility, the pure allocation,
 * the published lists, the personal notices, and the host functions that
 * drive a round through the engine. See docs/workflows/salary-round.md.
 */
import { salaryRaise, salaryRaiseV2, salaryRaiseV3, salaryRaiseV4 } from './salary-raise.workflow';
import { salaryRound, salaryRoundV2, salaryRoundV3, salaryRoundV4 } from './salary-round.workflow';

export * from './round-params';
export * from './money';
export * from './tiers';
export * from './eligibility';
export * from './allocate-raises';
export * from './band-ranges';
export * from './publication';
export * from './notices';
export { salaryRaise, salaryRaiseV2, salaryRaiseV3, salaryRaiseV4, salaryRound, salaryRoundV2, salaryRoundV3, salaryRoundV4 };
export { SalaryRaiseInput, type SalaryRaiseContext, type RaiseDecision } from './salary-raise.machine';
export { SalaryRaiseInputV2, AppraiserSchema, type Appraiser, type SalaryRaiseContextV2 } from './salary-raise-v2.machine';
export type { SalaryRoundContext, IneligiblePerson } from './salary-round.machine';
export type { SalaryRoundContextV3 } from './salary-round-v3.machine';
export { AllocationOverridesSetPayload, AllocationRangesSetPayload } from './salary-round-v3.machine';
export * from './round-host';
export * from './round-results';
export * from './appraisals';
export * from './round-allocation';

/** The workflows of the salary round, for the registry (the round first: it opens the other; every version a live case may use). */
export const salaryWorkflows = [
  salaryRoundV4,
  salaryRoundV3,
  salaryRoundV2,
  salaryRound,
  salaryRaiseV4,
  salaryRaiseV3,
  salaryRaiseV2,
  salaryRaise,
] as const;
export * from './round-documents';
export * from './roster-from-records';
