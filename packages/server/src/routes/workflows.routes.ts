/**
 * The workflows this server runs, for the web: which ones I may start (with
 * the JSON Schema of their input, from which the web builds the form), and a
 * version's state graph (the case page draws where a case stands on it).
 * A workflow's definition is not secret; starting one is still the engine's
 * decision (403 when the role is missing).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isRole, presentedSchema, toStateGraph, type Role } from '@esa-flow/engine';
import { actorOf } from '../http/authenticate';
import { problems, Label } from '../http/schemas';
import type { RouteContext } from './route-context';

const TAGS = ['workflows'];

const WorkflowSummary = z.object({
  id: z.string(),
  version: z.number(),
  title: Label,
  /** I hold a starter role somewhere: the offices and schools where I may open one */
  startableAt: z.array(z.object({ officeId: z.string(), schoolId: z.string().nullable() })),
  /** JSON Schema of the input, when I may start it */
  inputSchema: z.unknown().nullable(),
});

const GraphSchema = z.object({
  initial: z.string().nullable(),
  nodes: z.array(
    z.object({
      id: z.string(),
      parent: z.string().nullable(),
      label: Label,
      final: z.boolean(),
      compound: z.boolean(),
      deadline: z.string().nullable(),
    }),
  ),
  edges: z.array(z.object({ from: z.string(), to: z.string(), event: z.string(), label: Label, guard: z.string().nullable() })),
});

export function workflowRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { registry } = ctx.engine;

  r.get(
    '/api/workflows',
    {
      schema: {
        operationId: 'listWorkflows',
        tags: TAGS,
        summary: 'กระบวนงานในระบบ และที่ฉันเปิดเรื่องได้ / The workflows (latest versions) and where I may start each',
        response: { 200: z.object({ items: z.array(WorkflowSummary) }), ...problems() },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const latest = new Map<string, ReturnType<typeof registry.latest>>();
      for (const def of registry.list()) if (!latest.has(def.id) || latest.get(def.id)!.version < def.version) latest.set(def.id, def);
      const items = [...latest.values()].map((def) => {
        const starters = new Set<string>(def.starters.filter((s): s is Role => s !== 'system' && isRole(s)));
        const startableAt =
          actor.kind === 'user'
            ? actor.grants.filter((g) => starters.has(g.role)).map((g) => ({ officeId: g.officeId, schoolId: g.schoolId }))
            : [];
        const unique = [...new Map(startableAt.map((s) => [`${s.officeId}/${s.schoolId ?? ''}`, s])).values()];
        return {
          id: def.id,
          version: def.version,
          title: { th: def.title.th, en: def.title.en },
          startableAt: unique,
          inputSchema: unique.length > 0 ? presentedSchema(def.input, def.labels) : null,
        };
      });
      return { items: items.sort((a, b) => a.id.localeCompare(b.id)) };
    },
  );

  r.get(
    '/api/workflows/:workflowId/versions/:version/graph',
    {
      schema: {
        operationId: 'getWorkflowGraph',
        tags: TAGS,
        summary: 'แผนภาพสถานะของกระบวนงาน / A workflow version’s state graph (states, nesting, transitions) for drawing',
        params: z.object({ workflowId: z.string().min(1).max(100), version: z.coerce.number().int().positive().max(1_000_000) }),
        response: { 200: GraphSchema, ...problems('WORKFLOW_NOT_FOUND') },
      },
    },
    async (request) => toStateGraph(registry.get(request.params.workflowId, request.params.version)),
  );
}
