import { WorkflowRegistry, type WorkflowDefinition } from '@esa-flow/engine';

/**
 * Every procedure esa-flow runs, every version a live case may still use.
 * Procedures are added here as they are written (transfers, academic standing,
 * salary rounds, the seed-002 SOPs).
 */
export const workflows: readonly WorkflowDefinition[] = [];

export function createRegistry(): WorkflowRegistry {
  return new WorkflowRegistry(workflows);
}
