import { createHash } from 'node:crypto';
import type { AnyStateMachine } from 'xstate';
import { z } from 'zod';
import { contextPathSchema, stepDeadlineSpecSchema } from '../calendar/deadline-spec';
import { readsDayCountPolicy } from '../office/deadline-policy';
import { EsaError } from '../errors';
import { isRole, ROLE_READ_SCOPE } from '../access/roles';
import { eventsAtStep, leafStatePaths } from './state-paths';
import { stableStringify } from './stable-json';
import type { WorkflowConfig, WorkflowDefinition } from './types';

const ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

/**
 * Declares one version of a procedure. Checks that the machine and its
 * metadata agree: every step a case can wait at has a label, roles and a
 * source; every event the machine handles has a payload schema and roles;
 * nothing is described that the machine does not have.
 */
export function defineWorkflow<TMachine extends AnyStateMachine>(config: WorkflowConfig<TMachine>): WorkflowDefinition<TMachine> {
  const problems: string[] = [];
  if (!ID_PATTERN.test(config.id)) problems.push(`id "${config.id}" must be kebab-case`);
  if (!Number.isInteger(config.version) || config.version < 1) problems.push('version must be a positive integer');

  const leafSteps = leafStatePaths(config.machine);
  const leafPaths = new Set(leafSteps.map((s) => s.path));
  for (const step of leafSteps) {
    if (!step.final && !config.steps[step.path]) problems.push(`step "${step.path}" has no metadata`);
  }
  for (const path of Object.keys(config.steps)) {
    if (!leafPaths.has(path)) problems.push(`metadata for unknown step "${path}"`);
    const meta = config.steps[path];
    if (meta && !meta.source.trim()) problems.push(`step "${path}" has no source`);
    for (const type of meta?.committee ? Object.values(meta.committee.resolutions) : []) {
      if (!config.events[type]?.roles.includes('committee'))
        problems.push(`step "${path}": resolution event "${type}" must exist and allow the role "committee"`);
    }
    if (meta?.deadline !== undefined) {
      const parsed = stepDeadlineSpecSchema.safeParse(meta.deadline);
      if (!parsed.success) problems.push(`step "${path}" has an invalid deadline: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
  }

  problems.push(...datedStepProblems(config));

  const machineEvents = new Set(config.machine.root.events.filter((t: string) => !t.startsWith('xstate.') && t !== '*'));
  for (const type of machineEvents) {
    if (!config.events[type]) problems.push(`event "${type}" has no metadata`);
  }
  for (const [type, meta] of Object.entries(config.events)) {
    if (!machineEvents.has(type)) problems.push(`metadata for unknown event "${type}"`);
    if (meta.roles.length === 0) problems.push(`event "${type}" allows nobody`);
    if (meta.systemOnly && (meta.roles.length !== 1 || meta.roles[0] !== 'system'))
      problems.push(`event "${type}" is systemOnly: its roles must be exactly ["system"]`);
  }
  for (const [where, meta] of [
    ...Object.entries(config.steps).map(([p, m]) => [`step "${p}"`, m] as const),
    ...Object.entries(config.events).map(([t, m]) => [`event "${t}"`, m] as const),
  ]) {
    if (meta.assignee === undefined) continue;
    if (!contextPathSchema.safeParse(meta.assignee).success) problems.push(`${where}: assignee is not a context path`);
    if (!meta.roles.some((r) => isRole(r) && ROLE_READ_SCOPE[r] === 'office'))
      problems.push(`${where}: assignee given but no office role to narrow`);
  }

  if (problems.length > 0) {
    throw new EsaError('INVALID_WORKFLOW_DEFINITION', { workflow: `${config.id}@${config.version}`, problems });
  }
  return Object.freeze({
    ...config,
    key: `${config.id}@${config.version}`,
    contentHash: contentHashOf(config),
    leafSteps,
  });
}

const UNTIMED = new Set(['external', 'after_completion']);

/** A spec that gives a moment: valid, and not one of the kinds without a time (external, after completion). */
function momentProblem(spec: unknown): string | null {
  const parsed = stepDeadlineSpecSchema.safeParse(spec);
  if (!parsed.success) return parsed.error.issues.map((i) => i.message).join('; ');
  if (readsDayCountPolicy(parsed.data)) return 'office_days is read when a clock opens: only a step deadline may count it';
  return UNTIMED.has(parsed.data.kind) ? `a "${parsed.data.kind}" spec names no moment` : null;
}

/** Timed system events, date guards, occurredAt anchors and extensions agree with the machine and the events. */
function datedStepProblems(config: WorkflowConfig): string[] {
  const problems: string[] = [];
  for (const path of Object.keys(config.retrofitSystemEvents ?? {})) {
    if (!config.steps[path]) problems.push(`retrofitted system events for unknown step "${path}"`);
  }
  for (const [path, meta] of Object.entries(config.steps)) {
    const handled = new Set(eventsAtStep(config.machine, path));
    for (const se of [...(meta.systemEvents ?? []), ...(config.retrofitSystemEvents?.[path] ?? [])]) {
      const ev = config.events[se.event];
      if (!ev?.roles.includes('system')) problems.push(`step "${path}": system event "${se.event}" must exist and allow the role "system"`);
      else if (!ev.payload.safeParse({}).success) problems.push(`step "${path}": system event "${se.event}" must take an empty payload`);
      if (!handled.has(se.event)) problems.push(`step "${path}": system event "${se.event}" is not handled at the step`);
      const p = momentProblem(se.at);
      if (p) problems.push(`step "${path}": system event "${se.event}" has an invalid moment: ${p}`);
    }
    if (meta.extendableBy !== undefined) {
      if (meta.extendableBy.length === 0) problems.push(`step "${path}": extendableBy names nobody`);
      if (meta.deadline === undefined && (meta.systemEvents ?? []).length === 0)
        problems.push(`step "${path}": extendableBy on a step with no deadline`);
    }
  }
  for (const [type, meta] of Object.entries(config.events)) {
    const guard = meta.dateGuard;
    if (guard) {
      if (guard.until === 'step_deadline') {
        for (const [path, step] of Object.entries(config.steps)) {
          if (eventsAtStep(config.machine, path).includes(type) && step.deadline === undefined) {
            problems.push(`event "${type}": its date guard reads the step deadline, but step "${path}" has none`);
          }
        }
      } else {
        const p = momentProblem(guard.until);
        if (p) problems.push(`event "${type}" has an invalid date guard: ${p}`);
      }
      if (!guard.rule.th.trim() || !guard.rule.en.trim()) problems.push(`event "${type}": its date guard names no rule`);
      if (guard.against === 'occurred_at' && !meta.occurredAt)
        problems.push(`event "${type}": its date guard reads occurredAt, which the event does not declare`);
    }
    if (meta.informs) {
      if (meta.informs.roles.length === 0) problems.push(`event "${type}": informs names nobody`);
      for (const m of [meta.informs.message, ...Object.values(meta.informs.byState ?? {})]) {
        if (!m.th.trim() || !m.en.trim()) problems.push(`event "${type}": a notice without its Thai or English text`);
      }
    }
    if (meta.occurredAt) {
      const schema = z.toJSONSchema(meta.payload, { unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
      if (!schema.properties?.occurredAt) problems.push(`event "${type}": occurredAt is declared but its payload has no occurredAt`);
      const nb = meta.occurredAt.notBefore;
      if (nb !== 'step_entered' && !contextPathSchema.safeParse(nb).success)
        problems.push(`event "${type}": occurredAt.notBefore is not a context path`);
    }
  }
  return problems;
}

/** What a version "is": change any of it and it must be published as a new version. */
function contentHashOf(config: WorkflowConfig): string {
  const machine = config.machine;
  const content = {
    id: config.id,
    version: config.version,
    machine: machine.config,
    implementations: machine.implementations,
    steps: config.steps,
    events: Object.fromEntries(Object.entries(config.events).map(([type, meta]) => [type, { ...meta, payload: schemaText(meta.payload) }])),
    input: schemaText(config.input),
    starters: config.starters,
  };
  return createHash('sha256').update(stableStringify(content)).digest('hex');
}

function schemaText(schema: z.ZodType): unknown {
  return withoutPresentation(z.toJSONSchema(schema, { unrepresentable: 'any' }));
}

/** Drops `x-…` keys (hints for forms such as `x-format: 'date'`): how a field is shown is not what a version is. */
function withoutPresentation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPresentation);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !k.startsWith('x-'))
      .map(([k, v]) => [k, withoutPresentation(v)]),
  );
}
