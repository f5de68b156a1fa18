/**
 * Where a case stands, drawn on its workflow's state diagram: the graph from
 * /api/workflows/:id/versions/:v/graph laid out by dagre (top to bottom),
 * the current step filled, the steps and transitions the case has been
 * through outlined, nested steps drawn inside their parent. Below the
 * drawing the same facts are written out for screen readers.
 */
import dagre from '@dagrejs/dagre';
import { useEffect, useMemo, useRef } from 'react';
import type { ApiOk } from '../lib/api-types';
import { useI18n } from '../lib/i18n';

/** GET /api/workflows/{workflowId}/versions/{version}/graph (`getWorkflowGraph`) */
export type StateGraph = ApiOk<'getWorkflowGraph'>;

const NODE_H = 40;
const charWidth = (text: string) => Math.min(220, Math.max(90, text.length * 7.2 + 24));

export function StateDiagram({
  graph,
  current,
  visited,
  taken,
}: {
  graph: StateGraph;
  current: string[];
  visited: Set<string>;
  taken: Set<string>;
}) {
  const { pick, tr } = useI18n();
  const layout = useMemo(() => {
    const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
    g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 38, marginx: 8, marginy: 8 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of graph.nodes) {
      const label = pick(n.label);
      g.setNode(n.id, n.compound ? { label, paddingTop: 24 } : { label, width: charWidth(label), height: NODE_H });
    }
    for (const n of graph.nodes) if (n.parent) g.setParent(n.id, n.parent);
    // dagre lays out edges between leaves only: an edge to or from a group is drawn to its first step
    const compound = new Set(graph.nodes.filter((n) => n.compound).map((n) => n.id));
    const leafOf = (id: string): string => {
      if (!compound.has(id)) return id;
      const child = graph.nodes.find((n) => n.parent === id);
      return child ? leafOf(child.id) : id;
    };
    graph.edges.forEach((e, i) => {
      const from = leafOf(e.from);
      const to = leafOf(e.to);
      if (from !== to) g.setEdge(from, to, { label: pick(e.label), width: 0, height: 0 }, `e${i}`);
    });
    dagre.layout(g);
    return g;
  }, [graph, pick]);

  const info = layout.graph();
  const width = (info.width ?? 400) + 16;
  const height = (info.height ?? 300) + 16;
  const currentSet = new Set(current.flatMap((c) => prefixes(c)));
  const currentLabels = graph.nodes.filter((n) => current.includes(n.id)).map((n) => pick(n.label));
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // bring the current step into view in a diagram wider or taller than its box
    const box = scroller.current;
    const node = box?.querySelector<SVGGElement>('.node.current');
    if (!box || !node) return;
    const b = node.getBoundingClientRect();
    const c = box.getBoundingClientRect();
    box.scrollLeft += b.left - c.left - c.width / 2 + b.width / 2;
    box.scrollTop += b.top - c.top - c.height / 2 + b.height / 2;
  }, [layout, current]);

  return (
    <figure className="diagram">
      <div className="diagram-scroll" ref={scroller} tabIndex={0} aria-label={tr('แผนภาพขั้นตอน (เลื่อนดูได้)', 'Step diagram (scrollable)')}>
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby="diagram-caption">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#9aa7b8" />
            </marker>
          </defs>
          {graph.nodes
            .filter((n) => n.compound)
            .map((n) => {
              const b = layout.node(n.id);
              if (!b) return null;
              return (
                <g key={n.id} className="group">
                  <rect x={b.x - b.width / 2} y={b.y - b.height / 2} width={b.width} height={b.height} rx={10} />
                  <text x={b.x - b.width / 2 + 8} y={b.y - b.height / 2 + 15}>
                    {pick(n.label)}
                  </text>
                </g>
              );
            })}
          {layout.edges().map((e) => {
            const edge = layout.edge(e) as { points?: { x: number; y: number }[]; label?: string; x?: number; y?: number };
            const pts = edge.points ?? [];
            if (pts.length === 0) return null;
            const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
            const isTaken = taken.has(`${e.v}->${e.w}`);
            return (
              <g key={e.name ?? `${e.v}-${e.w}`} className={`edge${isTaken ? ' taken' : ''}`}>
                <path d={d} markerEnd="url(#arrow)" />
              </g>
            );
          })}
          {graph.nodes
            .filter((n) => !n.compound)
            .map((n) => {
              const b = layout.node(n.id);
              if (!b) return null;
              const cls = ['node', currentSet.has(n.id) ? 'current' : visited.has(n.id) ? 'visited' : '', n.final ? 'final' : ''].join(' ');
              return (
                <g key={n.id} className={cls} data-state={n.id} aria-current={currentSet.has(n.id) ? 'step' : undefined}>
                  <rect x={b.x - b.width / 2} y={b.y - b.height / 2} width={b.width} height={b.height} rx={n.final ? 18 : 6} />
                  <text x={b.x} y={b.y + 4} textAnchor="middle">
                    {truncate(pick(n.label), Math.floor((b.width - 12) / 6.6))}
                  </text>
                  <title>{pick(n.label) + (n.deadline ? ` — ${n.deadline}` : '')}</title>
                </g>
              );
            })}
        </svg>
      </div>
      <figcaption id="diagram-caption" data-testid="diagram-caption">
        {tr('ขั้นตอนปัจจุบัน', 'Current step')}: <strong>{currentLabels.join(', ') || '—'}</strong>
        <span className="muted">
          {' '}
          · {tr('กรอบทึบคือขั้นตอนปัจจุบัน กรอบสีฟ้าคือขั้นตอนที่ผ่านมาแล้ว', 'Filled: where the case is now; blue: steps it has been through')}
        </span>
      </figcaption>
    </figure>
  );
}

function prefixes(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
