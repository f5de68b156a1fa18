export { openCycleChildren, CYCLE_OPENED_EVENT, DEFAULT_CYCLE_BATCH_SIZE, MAX_CYCLE_BATCH_SIZE } from './open-cycle-children';
export { openCycleChild, type OpenCycleChildOptions } from './open-cycle-child';
export { cycleProgress } from './cycle-progress';
export { advanceCycleIfSettled } from './advance-cycle';
export { listActiveCycles, listCyclesWaitingAt } from './list-active-cycles';
export { findCycleChild, type CycleChild } from './find-cycle-child';
export {
  findCycleExternalRef,
  findExternalRef,
  recordCycleExternalRef,
  recordExternalRef,
  type CycleExternalRef,
  type ExternalRefScope,
} from './external-refs';
export { childrenActorMaySend, type ChildForActor } from './children-for-actor';
export { listCycleChildren, type CycleChildRow } from './list-cycle-children';
export type {
  AdvanceCycleOptions,
  AdvanceCycleOutcome,
  CycleChildSpec,
  CycleOpeningProgress,
  CycleOpeningResult,
  CycleProgress,
  CycleRunView,
  CycleSettledWhen,
  CycleStateCount,
  OpenCycleChildrenOptions,
  RejectedChild,
} from './types';
