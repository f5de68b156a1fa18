/**
 * The JSON Schema of an event's payload or a workflow's input as a person's
 * form, timeline and mail read it: every field carries `x-label` (th and en)
 * and every enum or constant value its label in `x-enum-labels`. A label set
 * on the field itself (`.meta({ 'x-label': … })`) wins; otherwise the
 * workflow's vocabulary (`labels.fields`, `labels.values`) names it. `x-` keys
 * are presentation: they are left out of a version's content hash, so naming
 * a field never makes a new version. `x-picker` marks the fields whose value
 * is chosen by name (a person, an account, a school: `labels.pickers`);
 * `x-widget` those shown with a widget of their own (`labels.widgets`).
 */
import { z } from 'zod';
import type { Label, WorkflowDefinition, WorkflowLabels } from './types';

export type JsonSchema = Record<string, unknown>;

export function presentedSchema(schema: z.ZodType, labels: WorkflowLabels | undefined): JsonSchema {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as JsonSchema;
  label(json, labels ?? EMPTY);
  return json;
}

const EMPTY: WorkflowLabels = { fields: {}, values: {}, states: {} };

function label(node: unknown, labels: WorkflowLabels): void {
  if (Array.isArray(node)) {
    for (const n of node) label(n, labels);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const s = node as JsonSchema;
  const values = [...(Array.isArray(s.enum) ? s.enum : []), ...('const' in s ? [s.const] : [])].filter(
    (v) => typeof v === 'string' || typeof v === 'boolean',
  );
  if (values.length > 0) {
    const own = (s['x-enum-labels'] ?? {}) as Record<string, Label>;
    const all: Record<string, Label> = {};
    for (const v of values) {
      const named = own[String(v)] ?? labels.values[String(v)];
      if (named) all[String(v)] = named;
    }
    s['x-enum-labels'] = all;
  }
  if (typeof s.properties === 'object' && s.properties !== null) {
    for (const [key, prop] of Object.entries(s.properties as Record<string, JsonSchema>)) {
      if (!prop['x-label'] && labels.fields[key]) prop['x-label'] = labels.fields[key];
      const picker = labels.pickers?.[key];
      if (picker && !prop['x-picker']) markPicker(prop, picker);
      const widget = labels.widgets?.[key];
      if (widget && !prop['x-widget']) prop['x-widget'] = widget;
    }
  }
  for (const [key, value] of Object.entries(s))
    if (key !== 'x-label' && key !== 'x-enum-labels' && key !== 'enum' && key !== 'const') label(value, labels);
}

/** `x-picker` on a string field (through a nullable wrapper), or on the items of a list of them. */
function markPicker(prop: JsonSchema, picker: string): void {
  if (prop.type === 'array' && typeof prop.items === 'object' && prop.items !== null) {
    (prop.items as JsonSchema)['x-picker'] = picker;
    return;
  }
  prop['x-picker'] = picker;
}

/** A state's label: the step's own, else the workflow's vocabulary by path or by its last name (`withdrawn`). */
export function stateLabel(def: WorkflowDefinition, path: string): Label | null {
  const step = def.steps[path];
  if (step) return step.label;
  const states = def.labels?.states ?? {};
  return states[path] ?? states[path.split('.').at(-1) ?? path] ?? null;
}

/** Fields, enum values and states of a workflow that have no label in th and en (a test keeps this empty). */
export function unlabelled(def: WorkflowDefinition, stateIds: readonly string[]): string[] {
  const missing: string[] = [];
  const check = (where: string, node: unknown): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => check(`${where}[${i}]`, n));
    if (typeof node !== 'object' || node === null) return;
    const s = node as JsonSchema;
    const enumLabels = (s['x-enum-labels'] ?? {}) as Record<string, Label>;
    for (const v of [...(Array.isArray(s.enum) ? s.enum : []), ...('const' in s ? [s.const] : [])]) {
      if ((typeof v === 'string' || typeof v === 'boolean') && !complete(enumLabels[String(v)]))
        missing.push(`${where}: value "${String(v)}"`);
    }
    if (typeof s.properties === 'object' && s.properties !== null) {
      for (const [key, prop] of Object.entries(s.properties as Record<string, JsonSchema>)) {
        if (!complete(prop['x-label'] as Label | undefined)) missing.push(`${where}: field "${key}"`);
      }
    }
    for (const [key, value] of Object.entries(s))
      if (key !== 'x-label' && key !== 'x-enum-labels' && key !== 'enum' && key !== 'const') check(`${where}.${key}`, value);
  };
  check(`${def.key} input`, presentedSchema(def.input, def.labels));
  for (const [type, meta] of Object.entries(def.events)) check(`${def.key} ${type}`, presentedSchema(meta.payload, def.labels));
  for (const id of stateIds) if (!complete(stateLabel(def, id) ?? undefined)) missing.push(`${def.key}: state "${id}"`);
  return missing;
}

function complete(label: Label | undefined): boolean {
  return !!label && typeof label.th === 'string' && label.th.trim() !== '' && typeof label.en === 'string' && label.en.trim() !== '';
}
