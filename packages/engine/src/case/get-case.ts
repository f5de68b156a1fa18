import type { Actor } from '../access/actor';
import { actingRolesFor, canReadCase } from '../access/authorize';
import { isSelfDealing } from '../access/segregation';
import { assignedTo, contextOfSnapshot } from '../access/assignee';
import { EsaError } from '../errors';
import { presentedSchema } from '../workflow/presented-schema';
import { eventsAtStep } from '../workflow/state-paths';
import type { Label, StepMeta, WorkflowDefinition } from '../workflow/types';
import { findCaseById, type CaseRecord } from './case.repository';
import type { EngineDeps } from './engine-deps';
import { readHistory, type HistoryEntry } from './history.repository';
import { evaluateDateGuard } from '../sla/date-guard';

export interface AvailableEvent {
  type: string;
  label: Label;
  /** JSON Schema of the payload, for generated forms */
  payloadSchema: unknown;
}

export interface CaseDeadline {
  step: string;
  stepLabel: Label | null;
  status: string;
  dueAt: Date | null;
  overdue: boolean;
  /** the spec's own phrase (its source's words) */
  phrase: string | null;
  /** roles that may extend it (ขยายเวลา); empty: nobody */
  extendableBy: readonly string[];
  /** this actor may extend it now */
  canExtend: boolean;
  extensions: { by: string; at: string; from: string | null; to: string; reason: string }[];
}

export interface CaseView {
  case: CaseRecord;
  workflow: { id: string; version: number; title: Label };
  steps: { path: string; meta: StepMeta | null }[];
  history: HistoryEntry[];
  /** what this actor may send now: a date guard that would refuse it now leaves it out (other guards are checked when it is sent) */
  availableEvents: AvailableEvent[];
  /** the clocks of the steps the case waits at, with their moments and extensions */
  deadlines: CaseDeadline[];
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
  const eventSchemas: CaseView['eventSchemas'] = {
    '@start': { label: { th: 'เปิดเรื่อง', en: 'Opened' }, payloadSchema: presentedSchema(def.input, def.labels) },
  };
  for (const type of new Set(history.map((h) => h.eventType))) {
    const meta = def.events[type];
    if (meta) eventSchemas[type] = { label: meta.label, payloadSchema: presentedSchema(meta.payload, def.labels) };
  }
  // an event only the system sends (in this version or the latest) is never offered to a person
  const offered = availableEvents(def, actor, record, paths).filter(
    (e) => actor.kind === 'system' || !deps.registry.systemOnly(def, e.type),
  );
  const now = deps.clock.now();
  const context = (record.snapshot as { context?: unknown }).context;
  const refused = new Set<string>();
  for (const e of offered) {
    const g = def.events[e.type]?.dateGuard;
    if (g?.mode !== 'refuse' || g.against === 'occurred_at') continue;
    const verdict = await evaluateDateGuard(deps.db, deps.calendars, { def, record, type: e.type, context, now });
    if (verdict.kind === 'refuse') refused.add(e.type);
  }
  return {
    case: record,
    workflow: { id: def.id, version: def.version, title: def.title },
    steps: record.state.split(',').map((path) => ({ path, meta: def.steps[path] ?? null })),
    history,
    availableEvents: offered.filter((e) => !refused.has(e.type)),
    deadlines: await caseDeadlines(deps, actor, record, def, now),
    eventSchemas,
  };
}

async function caseDeadlines(
  deps: EngineDeps,
  actor: Actor,
  record: CaseRecord,
  def: WorkflowDefinition,
  now: Date,
): Promise<CaseDeadline[]> {
  const clocks = await deps.db
    .selectFrom('sla_clocks')
    .select(['step', 'status', 'due_at', 'spec', 'extensions'])
    .where('case_id', '=', record.id)
    .where('status', 'in', ['running', 'paused'])
    .orderBy('started_at')
    .execute();
  return clocks.map((c) => {
    const meta = def.steps[c.step];
    const extendableBy = meta?.extendableBy ?? [];
    return {
      step: c.step,
      stepLabel: meta?.label ?? null,
      status: c.status,
      dueAt: c.due_at,
      overdue: c.status === 'running' && c.due_at !== null && c.due_at.getTime() < now.getTime(),
      phrase: typeof (c.spec as { phrase?: unknown }).phrase === 'string' ? (c.spec as { phrase: string }).phrase : null,
      extendableBy,
      canExtend:
        record.status === 'active' &&
        c.status === 'running' &&
        extendableBy.length > 0 &&
        actingRolesFor(actor, record, extendableBy).length > 0,
      extensions: (c.extensions as CaseDeadline['extensions'] | null) ?? [],
    };
  });
}

export function availableEvents(def: WorkflowDefinition, actor: Actor, record: CaseRecord, paths: readonly string[]): AvailableEvent[] {
  const types = new Set(paths.flatMap((p) => eventsAtStep(def.machine, p)));
  return [...types].sort().flatMap((type) => {
    const meta = def.events[type];
    if (!meta) return [];
    const assigned = assignedTo(meta, record, contextOfSnapshot(record.snapshot));
    if (actingRolesFor(actor, assigned.scope, assigned.roles).length === 0) return [];
    if (isSelfDealing(actor, record, assigned.roles)) return [];
    if (meta.offeredWhen && !meta.offeredWhen(contextOfSnapshot(record.snapshot))) return [];
    return [{ type, label: meta.label, payloadSchema: presentedSchema(meta.payload, def.labels) }];
  });
}
