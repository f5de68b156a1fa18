import type { AnyMachineSnapshot, StateValue } from 'xstate';
import type { WorkflowDefinition } from '../workflow/types';

/** The JSON we keep in `cases.snapshot`: enough to resolve the state again. */
export interface StoredSnapshot {
  value: StateValue;
  context: unknown;
  status: string;
  output?: unknown;
  historyValue?: unknown;
}

export function toStoredSnapshot(def: WorkflowDefinition, snapshot: AnyMachineSnapshot): StoredSnapshot {
  const persisted = def.machine.getPersistedSnapshot(snapshot) as unknown as StoredSnapshot;
  return {
    value: persisted.value,
    context: persisted.context,
    status: persisted.status,
    ...(persisted.output !== undefined ? { output: persisted.output } : {}),
    ...(persisted.historyValue && Object.keys(persisted.historyValue).length > 0 ? { historyValue: persisted.historyValue } : {}),
  };
}

export function fromStoredSnapshot(def: WorkflowDefinition, stored: Record<string, unknown>): AnyMachineSnapshot {
  const s = stored as unknown as StoredSnapshot;
  return def.machine.resolveState({
    value: s.value,
    context: s.context,
    status: s.status as 'active' | 'done',
    ...(s.output !== undefined ? { output: s.output } : {}),
    ...(s.historyValue !== undefined ? { historyValue: s.historyValue as never } : {}),
  });
}
