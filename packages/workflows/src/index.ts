import { WorkflowRegistry, type WorkflowDefinition } from '@esa-flow/engine';
import { sopLaterVersions, sopWorkflows } from './sops/index';
import { salaryWorkflows } from './salary/index';
import { academicStandingWorkflows } from './academic-standing/index';
import { transferWorkflows } from './transfer/index';

/**
 * Every procedure esa-flow runs, every version a live case may still use.
 * Procedures are added here as they are written (transfers, academic standing,
 * salary rounds, the seed-002 SOPs).
 */
export const workflows: readonly WorkflowDefinition[] = [
  ...sopLaterVersions,
  ...sopWorkflows,
  ...salaryWorkflows,
  ...academicStandingWorkflows,
  ...transferWorkflows,
];

export function createRegistry(): WorkflowRegistry {
  return new WorkflowRegistry(workflows);
}

export { runWorkflowMaintenance } from './maintenance';

/** Each procedure's own functions (host functions, pure rules, parameters), by procedure. */
export * as transfer from './transfer/index';
export * as salary from './salary/index';
export * as academicStanding from './academic-standing/index';
export * as sops from './sops/index';
export { WORKFLOW_LABELS } from './labels';
