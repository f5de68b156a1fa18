import { createHash } from 'node:crypto';
import type { AnyStateMachine } from 'xstate';
import { z } from 'zod';
import { deadlineSpecSchema } from '../calendar/deadline-spec';
import { EsaError } from '../errors';
import { leafStatePaths } from './state-paths';
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
      if (!config.events[type]?.roles.includes('committee')) problems.push(`step "${path}": resolution event "${type}" must exist and allow the role "committee"`);
    }
    if (meta?.deadline !== undefined) {
      const parsed = deadlineSpecSchema.safeParse(meta.deadline);
      if (!parsed.success) problems.push(`step "${path}" has an invalid deadline: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    }
  }

  const machineEvents = new Set(config.machine.root.events.filter((t: string) => !t.startsWith('xstate.') && t !== '*'));
  for (const type of machineEvents) {
    if (!config.events[type]) problems.push(`event "${type}" has no metadata`);
  }
  for (const [type, meta] of Object.entries(config.events)) {
    if (!machineEvents.has(type)) problems.push(`metadata for unknown event "${type}"`);
    if (meta.roles.length === 0) problems.push(`event "${type}" allows nobody`);
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

/** What a version "is": change any of it and it must be published as a new version. */
function contentHashOf(config: WorkflowConfig): string {
  const machine = config.machine;
  const content = {
    id: config.id,
    version: config.version,
    machine: machine.config,
    implementations: machine.implementations,
    steps: config.steps,
    events: Object.fromEntries(
      Object.entries(config.events).map(([type, meta]) => [type, { ...meta, payload: schemaText(meta.payload) }]),
    ),
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
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('x-')).map(([k, v]) => [k, withoutPresentation(v)]));
}
