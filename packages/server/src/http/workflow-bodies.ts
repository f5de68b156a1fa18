/**
 * The bodies of the generic case commands as the OpenAPI document shows them
 * (issue 17): built from the registered workflows' own zod schemas, so a
 * client sees each event's payload and each workflow's input. Documentation
 * only: the route still takes any payload and the engine validates it against
 * the schema of the case's version (the codes and messages stay the engine's).
 *
 * - `POST /api/cases/{caseId}/events`: `oneOf` discriminated by `type`, one
 *   branch per event a person may send (system-only events are left out); an
 *   event whose payload differs between workflows or versions takes `anyOf`
 *   of those payloads.
 * - `POST /api/cases`: `oneOf` discriminated by `workflowId`, each with the
 *   `anyOf` of its versions' inputs (workflows only the system opens are left out).
 */
import { z } from 'zod';
import type { WorkflowDefinition } from '@esa-flow/engine';

interface Registry {
  list(): WorkflowDefinition[];
  systemOnly(def: WorkflowDefinition, type: string): unknown;
}

const jsonOf = (schema: z.ZodType) => JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));

/** The distinct schemas among `schemas` (by their JSON Schema), one when all are the same. */
function distinct(schemas: readonly z.ZodType[]): z.ZodType {
  const seen = new Map<string, z.ZodType>();
  for (const s of schemas) {
    const key = jsonOf(s);
    if (!seen.has(key)) seen.set(key, s);
  }
  const list = [...seen.values()];
  return list.length === 1 ? list[0]! : z.union(list as [z.ZodType, z.ZodType, ...z.ZodType[]]);
}

/** `transfer-request@1–8, transfer-round@5` */
function keysText(defs: readonly WorkflowDefinition[]): string {
  const byId = new Map<string, number[]>();
  for (const d of defs) byId.set(d.id, [...(byId.get(d.id) ?? []), d.version]);
  return [...byId]
    .map(([id, versions]) => {
      const v = [...versions].sort((a, b) => a - b);
      const consecutive = v.every((n, i) => i === 0 || n === v[i - 1]! + 1);
      return `${id}@${v.length > 1 && consecutive ? `${v[0]}–${v[v.length - 1]}` : v.join(',')}`;
    })
    .join(', ');
}

/** The body of POST /api/cases/{caseId}/events, typed per event. */
export function eventBodyDocument(registry: Registry, reason: z.ZodType): z.ZodType {
  const byType = new Map<string, { defs: WorkflowDefinition[]; payloads: z.ZodType[] }>();
  for (const def of registry.list()) {
    for (const [type, meta] of Object.entries(def.events)) {
      if (registry.systemOnly(def, type)) continue;
      const entry = byType.get(type) ?? byType.set(type, { defs: [], payloads: [] }).get(type)!;
      entry.defs.push(def);
      entry.payloads.push(meta.payload);
    }
  }
  const branches = [...byType]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, { defs, payloads }]) => {
      const label = defs[defs.length - 1]!.events[type]!.label;
      return z
        .object({ type: z.literal(type), payload: distinct(payloads).optional(), reason })
        .strict()
        .describe(`${label.th} / ${label.en} (${keysText(defs)})`);
    });
  return z.discriminatedUnion(
    'type',
    branches as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>, ...z.ZodObject<{ type: z.ZodLiteral<string> }>[]],
  );
}

/** The body of POST /api/cases, typed per workflow: `common` with `workflowId` and `input` set per workflow. */
export function startBodyDocument(registry: Registry, common: z.ZodObject): z.ZodType {
  const byId = new Map<string, WorkflowDefinition[]>();
  for (const def of registry.list()) byId.set(def.id, [...(byId.get(def.id) ?? []), def]);
  const branches = [...byId]
    // a workflow only the system opens (a round's child cases) is not started here
    .filter(([, defs]) => defs.some((d) => d.starters.some((s) => s !== 'system')))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, defs]) => {
      const latest = defs.reduce((a, b) => (b.version > a.version ? b : a));
      return common
        .extend({ workflowId: z.literal(id), input: distinct(defs.map((d) => d.input)) })
        .describe(`${latest.title.th} / ${latest.title.en} (${keysText(defs)})`);
    });
  return z.discriminatedUnion(
    'workflowId',
    branches as unknown as [z.ZodObject<{ workflowId: z.ZodLiteral<string> }>, ...z.ZodObject<{ workflowId: z.ZodLiteral<string> }>[]],
  );
}
