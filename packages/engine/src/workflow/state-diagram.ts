/**
 * A workflow's state diagram as Mermaid (`stateDiagram-v2`), generated from
 * the machine so the docs never drift: states labelled with the step's Thai
 * (or English) label, transitions with the event's label, final states marked,
 * and deadlines shown on the steps that have one.
 */
import type { AnyStateNode } from 'xstate';
import type { WorkflowDefinition } from './types';
import { stateLabel } from './presented-schema';

const safeId = (path: string) => path.replace(/[^A-Za-z0-9_]/g, '_');

export function toMermaid(def: WorkflowDefinition, lang: 'th' | 'en' = 'th'): string {
  const graph = toStateGraph(def);
  const lines = ['stateDiagram-v2'];
  if (graph.initial) lines.push(`  [*] --> ${safeId(graph.initial)}`);
  // nodes come in walk order, each followed here by its own transitions, as the diagram reads
  for (const node of graph.nodes) {
    const id = safeId(node.id);
    lines.push(`  ${id} : ${escape(node.label[lang] + (node.deadline ? ` (${node.deadline})` : ''))}`);
    if (node.final) lines.push(`  ${id} --> [*]`);
    for (const e of graph.edges) {
      if (e.from === node.id) lines.push(`  ${id} --> ${safeId(e.to)} : ${escape(e.label[lang] + (e.guard ? ` [${e.guard}]` : ''))}`);
    }
  }
  return lines.join('\n');
}

function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return String((guard as { type: unknown }).type);
  return 'guard';
}

function escape(text: string): string {
  return text.replace(/[:;#]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** One state of a workflow's graph, for drawing it (the web draws with dagre). */
export interface StateGraphNode {
  /** the state path, e.g. 'review' or 'approval.chair' */
  id: string;
  /** the parent state's path, for nested states; null at the top */
  parent: string | null;
  label: { th: string; en: string };
  final: boolean;
  /** a state with children is drawn as a group around them */
  compound: boolean;
  deadline: string | null;
}

export interface StateGraphEdge {
  from: string;
  to: string;
  event: string;
  label: { th: string; en: string };
  guard: string | null;
}

export interface StateGraph {
  initial: string | null;
  nodes: StateGraphNode[];
  edges: StateGraphEdge[];
}

/**
 * The same diagram as data, for the web's case page (where the case stands is
 * drawn on it): states with their labels in both languages, nesting, and the
 * transitions with the event's label.
 */
export function toStateGraph(def: WorkflowDefinition): StateGraph {
  const nodes: StateGraphNode[] = [];
  const edges: StateGraphEdge[] = [];
  const machine = def.machine;
  const initial = machine.root.initial?.target?.[0] as AnyStateNode | undefined;
  const walk = (node: AnyStateNode, parent: string | null): void => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      const path = child.path.join('.');
      const meta = def.steps[path];
      nodes.push({
        id: path,
        parent,
        label: ((l) => (l ? { th: l.th, en: l.en } : { th: path, en: path }))(stateLabel(def, path)),
        final: child.type === 'final',
        compound: Object.keys(child.states).length > 0,
        deadline: meta?.deadline?.phrase ?? null,
      });
      for (const [event, transitions] of child.transitions) {
        for (const t of transitions) {
          for (const target of t.target ?? []) {
            const label = def.events[event]?.label;
            edges.push({
              from: path,
              to: (target as AnyStateNode).path.join('.'),
              event,
              label: label ? { th: label.th, en: label.en } : { th: event, en: event },
              guard: t.guard ? guardName(t.guard) : null,
            });
          }
        }
      }
      walk(child, path);
    }
  };
  walk(machine.root, null);
  return { initial: initial ? initial.path.join('.') : null, nodes, edges };
}
