import type { Actor } from '../access/actor';
import { actingRolesFor, canReadCase } from '../access/authorize';
import { isSelfDealing } from '../access/segregation';
import { EsaError } from '../errors';
import { presentedSchema } from '../workflow/presented-schema';
import { eventsAtStep } from '../workflow/state-paths';
import type { Label, StepMeta, WorkflowDefinition } from '../workflow/types';
import { findCaseById, type CaseRecord } from './case.repository';
import type { EngineDeps } from './engine-deps';
import { readHistory, type HistoryEntry } from './history.repository';

export interface AvailableEvent {
  type: string;
  label: Label;
  /** JSON Schema of the payload, for generated forms */
  payloadSchema: unknown;
}

export interface CaseView {
  case: CaseRecord;
  workflow: { id: string; version: number; title: Label };
  steps: { path: string; meta: StepMeta | null }[];
  history: HistoryEntry[];
  /** what this actor may send now (guards are checked when it is sent) */
  availableEvents: AvailableEvent[];
  /** label and labelled payload schema of each event type in the history (`@start`: the input), for the timeline */
  eventSchemas: Record<string, { label: Label; payloadSchema: unknown }>;
}

/** A case as one actor may see it; a case they may not see does not exist. */
export async function getCase(deps: EngineDeps, actor: Actor, caseId: string): Promise<CaseView> {
  const record = await findCaseById(deps.db, caseId);
  if (!record || !canReadCase(actor, record)) throw new EsaError('CASE_NOT_FOUND', { caseId });
  const def = deps.registry.get(record.workflowId, record.workflowVersion);
  const paths = record.status === 'done' ? [] : record.state.split(',');
  const history = await readHistory(deps.db, caseId);
  const eventSchemas: CaseView['eventSchemas'] = { '@start': { label: { th: 'เปิดเรื่อง', en: 'Opened' }, payloadSchema: presentedSchema(def.input, def.labels) } };
  for (const type of new Set(history.map((h) => h.eventType))) {
    const meta = def.events[type];
    if (meta) eventSchemas[type] = { label: meta.label, payloadSchema: presentedSchema(meta.payload, def.labels) };
  }
  return {
    case: record,
    workflow: { id: def.id, version: def.version, title: def.title },
    steps: record.state.split(',').map((path) => ({ path, meta: def.steps[path] ?? null })),
    history,
    availableEvents: availableEvents(def, actor, record, paths),
    eventSchemas,
  };
}

export function availableEvents(def: WorkflowDefinition, actor: Actor, record: CaseRecord, paths: readonly string[]): AvailableEvent[] {
  const types = new Set(paths.flatMap((p) => eventsAtStep(def.machine, p)));
  return [...types]
    .sort()
    .flatMap((type) => {
      const meta = def.events[type];
      if (!meta || actingRolesFor(actor, record, meta.roles).length === 0) return [];
      if (isSelfDealing(actor, record, meta.roles)) return [];
      return [{ type, label: meta.label, payloadSchema: presentedSchema(meta.payload, def.labels) }];
    });
}

