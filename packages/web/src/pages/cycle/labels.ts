/**
 * The names of a workflow's states, from its graph
 * (GET /api/workflows/:id/versions/:v/graph), fetched once per page load and
 * shared by every page that asks. Every state is named in the graph; before
 * it arrives the workflows' own state labels name the common ones.
 */
import { useEffect, useMemo, useState } from 'react';
import { client, type Label } from '../../lib/api';
import type { ApiOk } from '../../lib/api-types';
import { useI18n } from '../../lib/i18n';
import { WORKFLOW_LABELS } from '@esa-flow/workflows/labels';

/** GET /api/workflows/{workflowId}/versions/{version}/graph (`getWorkflowGraph`) */
export type WorkflowGraph = ApiOk<'getWorkflowGraph'>;
export type GraphNode = WorkflowGraph['nodes'][number];

const cache = new Map<string, Promise<WorkflowGraph | null>>();

function loadGraph(workflowId: string, version: number): Promise<WorkflowGraph | null> {
  const key = `${workflowId}@${version}`;
  let p = cache.get(key);
  if (!p) {
    p = client.GET('/api/workflows/{workflowId}/versions/{version}/graph', { params: { path: { workflowId, version } } }).catch(() => {
      cache.delete(key);
      return null;
    });
    cache.set(key, p);
  }
  return p;
}

/**
 * Names of states while a graph is still loading (or could not be): the same
 * labels the workflows give their states (a browser-safe module of theirs).
 */
const FINAL_NAMES: Readonly<Record<string, Label>> = WORKFLOW_LABELS.states ?? {};

export function nodeLabel(node: GraphNode | undefined, id: string): Label {
  const named = node && node.label.th !== node.id && node.label.th !== id ? node.label : null;
  if (named) return named;
  const last = id.split('.').at(-1) ?? id;
  return FINAL_NAMES[last] ?? node?.label ?? { th: last, en: last };
}

/**
 * Graphs of the given workflow versions (`"salary-raise@1"`), and a function
 * naming a state (a path, or several joined by commas) in the current language.
 */
export function useGraphs(keys: string[]): {
  graphs: Map<string, WorkflowGraph>;
  stateName: (workflowId: string, version: number | null, state: string) => string;
} {
  const { pick } = useI18n();
  const wanted = [...new Set(keys)].sort().join('|');
  const [graphs, setGraphs] = useState<Map<string, WorkflowGraph>>(new Map());
  useEffect(() => {
    let live = true;
    const list = wanted ? wanted.split('|') : [];
    void Promise.all(
      list.map(async (k) => {
        const at = k.lastIndexOf('@');
        return [k, await loadGraph(k.slice(0, at), Number(k.slice(at + 1)))] as const;
      }),
    ).then((pairs) => {
      if (!live) return;
      setGraphs(new Map(pairs.filter((p): p is readonly [string, WorkflowGraph] => p[1] !== null)));
    });
    return () => {
      live = false;
    };
  }, [wanted]);
  const stateName = useMemo(
    () => (workflowId: string, version: number | null, state: string) => {
      const graph =
        version !== null
          ? graphs.get(`${workflowId}@${version}`)
          : [...graphs.entries()].find(([k]) => k.startsWith(`${workflowId}@`))?.[1];
      return state
        .split(',')
        .map((s) =>
          pick(
            nodeLabel(
              graph?.nodes.find((n) => n.id === s),
              s,
            ),
          ),
        )
        .join(' · ');
    },
    [graphs, pick],
  );
  return { graphs, stateName };
}
