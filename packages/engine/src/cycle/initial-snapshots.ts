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
 * population with the same data.
 *
 * The data is observed the same way, one level down: the fields of `data` the
 * transition reads (a guard, a default taken from it) are part of the key;
 * `data` kept whole in the context (`person: input.data`) is not — the
 * snapshot is kept as a template with the data's place marked, and each child
 * gets it with its own data's JSON in that place. So a machine that copies
 * its input into its context is computed once per distinct value of the
 * fields it looks at, not once per child. A transition that walks the data
 * (spreads it, lists its keys, parses it) makes the whole data the key, as
 * before; so does data holding what XState would persist as an actor.
 */
import { randomBytes } from 'node:crypto';
import { initialTransition } from 'xstate';
import { EsaError } from '../errors';
import { toStoredSnapshot } from '../case/machine-snapshot';
import { activeStepPaths, stateKey } from '../workflow/state-paths';
import { stableStringify } from '../workflow/stable-json';
import type { EngineInput, WorkflowDefinition } from '../workflow/types';

export interface InitialSnapshot {
  /** `cases.state` */
  readonly state: string;
  readonly status: 'active' | 'done';
  /** `cases.snapshot`, as JSON text */
  readonly snapshotJson: string;
  /** the active leaf steps: where the child waits first */
  readonly steps: readonly string[];
  /** the snapshot's context (the value `snapshotJson` holds), to read only: it may share parts with other children's */
  context(): unknown;
}

type InputField = keyof EngineInput;
const FIELDS: readonly InputField[] = ['data', 'caseId', 'officeId', 'schoolId', 'subjectPersonId', 'at'];
const MAX_ENTRIES = 20_000;

export interface InitialSnapshots {
  /** `dataJson`: the stable JSON of `input.data` (already computed by the caller) */
  get(input: EngineInput, dataJson: string): InitialSnapshot;
  readonly stats: { computed: number; reused: number };
}

/** How a computation depended on `input.data`: not at all, on some of its fields, or on all of it. */
type DataRead = { kind: 'none' } | { kind: 'fields'; fields: readonly string[] } | { kind: 'whole' };

interface Entry {
  readonly state: string;
  readonly status: 'active' | 'done';
  readonly steps: readonly string[];
  /** the snapshot's JSON split where the data was kept whole; one part: it holds no data of its own */
  readonly parts: readonly string[];
  /** the context with the data's places (`dataPaths`) to fill; for a plain entry, parsed from its JSON when first asked */
  context: unknown;
  readonly dataPaths: readonly (readonly string[])[];
}

interface Group {
  readonly fields: readonly InputField[];
  readonly data: DataRead;
  readonly entries: Map<string, Entry>;
}

export function createInitialSnapshots(def: WorkflowDefinition): InitialSnapshots {
  // read-set signature → (values of those fields → snapshot)
  const groups = new Map<string, Group>();
  const stats = { computed: 0, reused: 0 };
  let size = 0;

  const keyOf = (input: EngineInput, dataJson: string, group: Pick<Group, 'fields' | 'data'>): string =>
    group.fields
      .map((f) => {
        if (f !== 'data') return JSON.stringify(input[f]);
        const read = group.data;
        if (read.kind === 'whole') return dataJson;
        if (read.kind === 'none') return '';
        const data = input.data as Record<string, unknown>;
        return read.fields.map((k) => (Object.hasOwn(data, k) ? (stableStringify(data[k]) ?? '~') : '!')).join('\u0001');
      })
      .join('\u0000');

  const render = (entry: Entry, dataJson: string, data: unknown): InitialSnapshot => ({
    state: entry.state,
    status: entry.status,
    steps: entry.steps,
    snapshotJson: entry.parts.length === 1 ? entry.parts[0]! : entry.parts.join(dataJson),
    context: () => {
      if (entry.parts.length === 1) return (entry.context ??= (JSON.parse(entry.parts[0]!) as { context?: unknown }).context);
      return withDataAt(entry.context, entry.dataPaths, data);
    },
  });

  return {
    stats,
    get(input, dataJson) {
      // data that XState would persist differently (an actor-like object inside) is never templated
      const templated = isPlainData(input.data);
      if (templated) {
        for (const group of groups.values()) {
          if (group.data.kind === 'fields' && !isRecord(input.data)) continue;
          const hit = group.entries.get(keyOf(input, dataJson, group));
          if (hit) {
            stats.reused += 1;
            return render(hit, dataJson, input.data);
          }
        }
      }
      const { entry, read, data } = compute(def, input, dataJson, templated);
      stats.computed += 1;
      if (templated && size < MAX_ENTRIES) {
        const fields = FIELDS.filter((f) => read.has(f));
        const signature = `${fields.join(',')}|${data.kind}${data.kind === 'fields' ? `:${data.fields.join(',')}` : ''}`;
        let group = groups.get(signature);
        if (!group) {
          group = { fields, data, entries: new Map() };
          groups.set(signature, group);
        }
        group.entries.set(keyOf(input, dataJson, group), entry);
        size += 1;
      }
      return render(entry, dataJson, input.data);
    },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** No object inside that XState's persistence would turn into an actor reference (`sessionId`, `send`, `ref`). */
function isPlainData(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (!Array.isArray(value) && 'sessionId' in value && 'send' in value && 'ref' in value) return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (!isPlainData(v)) return false;
  return true;
}

function compute(
  def: WorkflowDefinition,
  input: EngineInput,
  dataJson: string,
  templated: boolean,
): { entry: Entry; read: Set<string>; data: DataRead } {
  const read = new Set<string>();
  const note = (p: string | symbol) => {
    if (typeof p === 'string') read.add(p);
  };
  // the data, watched while the transition runs: which fields it reads, or that it walked it all
  const raw = input.data;
  const watchData = templated && isRecord(raw);
  let watching = true;
  let whole = false;
  const dataFields = new Set<string>();
  const dataProxy = watchData
    ? new Proxy(raw, {
        get(target, p, receiver) {
          if (watching) {
            if (typeof p === 'string') dataFields.add(p);
            else whole = true;
          }
          return Reflect.get(target, p, receiver);
        },
        has(target, p) {
          if (watching) whole = true;
          return Reflect.has(target, p);
        },
        ownKeys(target) {
          if (watching) whole = true;
          return Reflect.ownKeys(target);
        },
        getOwnPropertyDescriptor(target, p) {
          if (watching) whole = true;
          return Reflect.getOwnPropertyDescriptor(target, p);
        },
      })
    : undefined;
  const tracked = new Proxy(input, {
    get(target, p, receiver) {
      note(p);
      if (p === 'data' && dataProxy) return dataProxy;
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
      if (p === 'data' && dataProxy) return { ...Reflect.getOwnPropertyDescriptor(target, p), value: dataProxy };
      return Reflect.getOwnPropertyDescriptor(target, p);
    },
  });
  const [snapshot] = initialTransition(def.machine, tracked);
  if (snapshot.status === 'error') throw new EsaError('INTERNAL', { reason: 'initial transition failed', workflow: def.key });
  watching = false;
  // serialised inside the tracked window: a machine that kept the input object itself reads all of it here
  const stored = toStoredSnapshot(def, snapshot);
  const plainJson = JSON.stringify(stored);
  const base = {
    state: stateKey(snapshot.value),
    status: snapshot.status === 'done' ? ('done' as const) : ('active' as const),
    steps: activeStepPaths(snapshot.value),
  };
  const plain: Entry = { ...base, parts: [plainJson], context: undefined, dataPaths: [] };
  if (!read.has('data') || !dataProxy) return { entry: plain, read, data: read.has('data') ? { kind: 'whole' } : { kind: 'none' } };
  if (whole) return { entry: plain, read, data: { kind: 'whole' } };

  // the data kept whole: its place in the JSON marked
  const marker = `\u0000esa-flow-data-${randomBytes(8).toString('hex')}\u0000`;
  const parts = JSON.stringify(stored, (_key, value: unknown) => (value === dataProxy ? marker : value)).split(JSON.stringify(marker));
  const dataPaths = pathsTo(stored.context, dataProxy);
  const entry: Entry = { ...base, parts, context: stored.context, dataPaths };
  // the template must give back exactly the snapshot computed; else this input is keyed whole
  const rendered = stableStringify(JSON.parse(parts.join(dataJson)));
  const renderedContext = stableStringify(withDataAt(stored.context, dataPaths, raw) ?? null);
  if (
    rendered !== stableStringify(JSON.parse(plainJson)) ||
    renderedContext !== stableStringify((JSON.parse(plainJson) as { context?: unknown }).context ?? null)
  ) {
    return { entry: plain, read, data: { kind: 'whole' } };
  }
  return { entry, read, data: { kind: 'fields', fields: [...dataFields].sort() } };
}

/** Where `target` sits in `root` (plain objects and arrays, followed down to it). */
function pathsTo(root: unknown, target: object): string[][] {
  const out: string[][] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, path: string[]) => {
    if (v === target) {
      out.push(path);
      return;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    seen.delete(v);
  };
  walk(root, []);
  return out;
}

/** `root` with `data` at each of `paths`: the objects on the way copied, the rest shared. */
function withDataAt(root: unknown, paths: readonly (readonly string[])[], data: unknown): unknown {
  if (paths.length === 0) return root;
  if (paths.some((p) => p.length === 0)) return data;
  const copy = (v: unknown): Record<string, unknown> => (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string, unknown>;
  const copies = new Map<unknown, Record<string, unknown>>();
  const out = copy(root);
  copies.set(root, out);
  for (const path of paths) {
    let src = root as Record<string, unknown>;
    let dst = out;
    for (const key of path.slice(0, -1)) {
      const next = src[key];
      let c = copies.get(next);
      if (!c) {
        c = copy(next);
        copies.set(next, c);
        dst[key] = c;
      }
      src = next as Record<string, unknown>;
      dst = c;
    }
    dst[path[path.length - 1]!] = data;
  }
  return out;
}
