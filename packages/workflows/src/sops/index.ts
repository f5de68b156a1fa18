/**
 * The standard operating procedures of the teacher development group of
 * สพป.พิษณุโลก เขต 2 (seed 002) that carry time standards, one workflow each
 * (docs/workflows/sops.md). The monthly pre-appointment development batch
 * (seed-002 §3.4) belongs with the academic-standing workflows, not here.
 */
import type { WorkflowDefinition } from '@esa-flow/engine';
import { sopAwardSelection, sopAwardSelectionV2 } from './sop-award-selection';
import { sopDevelopmentPlan } from './sop-development-plan';
import { sopExternalTraining } from './sop-external-training';
import { sopGrants } from './sop-grants';
import { sopNeedsBasedTraining } from './sop-needs-based-training';
import { sopTravelPermission } from './sop-travel-permission';
import { withOfficeDayCount } from './office-day-count';

export {
  sopAwardSelection,
  sopAwardSelectionV2,
  sopDevelopmentPlan,
  sopExternalTraining,
  sopGrants,
  sopNeedsBasedTraining,
  sopTravelPermission,
};
export { fiscalQuarterOf } from './sop-common';

/** In the order of the manual (§3.2, 3.3, 3.5, 3.6, 3.7, 3.8). */
export const sopWorkflows: readonly WorkflowDefinition[] = [
  sopDevelopmentPlan,
  sopNeedsBasedTraining,
  sopExternalTraining,
  sopAwardSelection,
  sopTravelPermission,
  sopGrants,
];

/**
 * Later versions of the SOPs above, registered beside them (the docs'
 * diagrams and time-standard tables are those of `sopWorkflows`; a later
 * version's changes are described in docs/workflows/sops.md): award
 * selection 2 counts its 2 days from the calendar's close of applications;
 * development plan 2, needs-based training 2, external training 2, award
 * selection 3, travel permission 2 and grants 2 count their "วัน" as the
 * office's day-count policy says when each clock opens.
 */
/** The SOPs whose "วัน" counts as the office's day-count policy says (docs/workflows/sops.md "Counting"). */
export const sopDevelopmentPlanV2 = withOfficeDayCount(sopDevelopmentPlan, 2);
export const sopNeedsBasedTrainingV2 = withOfficeDayCount(sopNeedsBasedTraining, 2);
export const sopExternalTrainingV2 = withOfficeDayCount(sopExternalTraining, 2);
export const sopAwardSelectionV3 = withOfficeDayCount(sopAwardSelectionV2, 3);
export const sopTravelPermissionV2 = withOfficeDayCount(sopTravelPermission, 2);
export const sopGrantsV2 = withOfficeDayCount(sopGrants, 2);

export const sopLaterVersions: readonly WorkflowDefinition[] = [
  sopAwardSelectionV2,
  sopDevelopmentPlanV2,
  sopNeedsBasedTrainingV2,
  sopExternalTrainingV2,
  sopAwardSelectionV3,
  sopTravelPermissionV2,
  sopGrantsV2,
];
