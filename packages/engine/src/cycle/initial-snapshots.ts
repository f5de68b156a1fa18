/**
 * The initial state of each child, from XState's pure `initialTransition`,
 * computed once per distinct input that matters.
 *
 * Which input matters is observed, not assumed: the input is handed to the
 * machine through a Proxy that records which of its fields the machine
 * reads (its context factory, guards, entry assigns, and the serialisation of
 * whatever it kept). Machines are pure (design §2), so two inputs that agree
 * on every field the first computation read make the same snapshot: a machine
 * that ignores `caseId` and `subjectPersonId` is computed once for a whole
 * population with the same data, and one that copies `data` into its context
 * is computed once per distinct `data`.
 */
import { initialTransition } from 'xstate';
import { EsaError } from '../errors';
import { toStoredSnapshot } from '../case/machine-snapshot';
import { activeStepPaths, stateKey } from '../workflow/state-paths';
import type { EngineInput, WorkflowDefinition } from '../workflow/types';

export interface InitialSnapshot {
  /** `cases.state` */
  readonly state: string;
  readonly status: 'active' | 'done';
  /** `cases.snapshot`, as JSON text */
  readonly snapshotJson: string;
  /** the active leaf steps: where the child waits first */
  readonly steps: readonly string[];
}

type InputField = keyof EngineInput;
const FIELDS: readonly InputField[] = ['data', 'caseId', 'officeId', 'schoolId', 'subjectPersonId', 'at'];
const MAX_ENTRIES = 20_000;

export interface InitialSnapshots {
  /** `dataJson`: the stable JSON of `input.data` (already computed by the caller) */
  get(input: EngineInput, dataJson: string): InitialSnapshot;
  readonly stats: { computed: number; reused: number };
}

export function createInitialSnapshots(def: WorkflowDefinition): InitialSnapshots {
  // read-set signature → (values of those fields → snapshot)
  const groups = new Map<string, { fields: readonly InputField[]; entries: Map<string, InitialSnapshot> }>();
  const stats = { computed: 0, reused: 0 };
  let size = 0;

  const keyOf = (input: EngineInput, dataJson: string, fields: readonly InputField[]): string =>
    fields.map((f) => (f === 'data' ? dataJson : JSON.stringify(input[f]))).join('\u0000');

  return {
    stats,
    get(input, dataJson) {
      for (const group of groups.values()) {
        const hit = group.entries.get(keyOf(input, dataJson, group.fields));
        if (hit) {
          stats.reused += 1;
          return hit;
        }
      }
      const { snapshot, read } = compute(def, input);
      stats.computed += 1;
      if (size < MAX_ENTRIES) {
        const fields = FIELDS.filter((f) => read.has(f));
        const signature = fields.join(',');
        let group = groups.get(signature);
        if (!group) {
          group = { fields, entries: new Map() };
          groups.set(signature, group);
        }
        group.entries.set(keyOf(input, dataJson, fields), snapshot);
        size += 1;
      }
      return snapshot;
    },
  };
}

function compute(def: WorkflowDefinition, input: EngineInput): { snapshot: InitialSnapshot; read: Set<string> } {
  const read = new Set<string>();
  const note = (p: string | symbol) => {
    if (typeof p === 'string') read.add(p);
  };
  const tracked = new Proxy(input, {
    get(target, p, receiver) {
      note(p);
      return Reflect.get(target, p, receiver);
    },
    has(target, p) {
      note(p);
      return Reflect.has(target, p);
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target);
      keys.forEach(note);
      return keys;
    },
    getOwnPropertyDescriptor(target, p) {
      note(p);
      return Reflect.getOwnPropertyDescriptor(target, p);
    },
  });
  const [snapshot] = initialTransition(def.machine, tracked);
  if (snapshot.status === 'error') throw new EsaError('INTERNAL', { reason: 'initial transition failed', workflow: def.key });
  // serialised inside the tracked window: a machine that kept the input object itself reads all of it here
  const snapshotJson = JSON.stringify(toStoredSnapshot(def, snapshot));
  return {
    snapshot: {
      state: stateKey(snapshot.value),
      status: snapshot.status === 'done' ? 'done' : 'active',
      snapshotJson,
      steps: activeStepPaths(snapshot.value),
    },
    read,
  };
}
