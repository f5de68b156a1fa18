import { WorkflowRegistry, type WorkflowDefinition } from '@esa-flow/engine';
import { sopWorkflows } from './sops/index';
import { salaryWorkflows } from './salary/index';
import { academicStandingWorkflows } from './academic-standing/index';
import { transferWorkflows } from './transfer/index';

/**
 * Every procedure esa-flow runs, every version a live case may still use.
 * Procedures are added here as they are written (transfers, academic standing,
 * salary rounds, the seed-002 SOPs).
 */
export const workflows: readonly WorkflowDefinition[] = [
  ...sopWorkflows,
  ...salaryWorkflows,
  ...academicStandingWorkflows,
  ...transferWorkflows,
];

export function createRegistry(): WorkflowRegistry {
  return new WorkflowRegistry(workflows);
}

export { runWorkflowMaintenance } from './maintenance';
