/**
 * The names of a workflow's states, from its graph
 * (GET /api/workflows/:id/versions/:v/graph), fetched once per page load and
 * shared by every page that asks. Final states carry no label in the
 * definitions (their label is their id), so the common ones are named here.
 */
import { useEffect, useMemo, useState } from 'react';
import { api, type Label } from '../../lib/api';
import { useI18n } from '../../lib/i18n';

export interface GraphNode {
  id: string;
  parent: string | null;
  label: Label;
  final: boolean;
  compound: boolean;
  deadline: string | null;
}

export interface WorkflowGraph {
  initial: string | null;
  nodes: GraphNode[];
}

const cache = new Map<string, Promise<WorkflowGraph | null>>();

function loadGraph(workflowId: string, version: number): Promise<WorkflowGraph | null> {
  const key = `${workflowId}@${version}`;
  let p = cache.get(key);
  if (!p) {
    p = api<WorkflowGraph>('GET', `/api/workflows/${encodeURIComponent(workflowId)}/versions/${version}/graph`).catch(() => {
      cache.delete(key);
      return null;
    });
    cache.set(key, p);
  }
  return p;
}

/** Names of final states (and other bare ids) that the definitions leave unnamed. */
const FINAL_NAMES: Record<string, Label> = {
  closed: { th: 'ปิดรอบแล้ว', en: 'Closed' },
  done: { th: 'เสร็จสิ้น', en: 'Done' },
  raised: { th: 'ได้เลื่อนเงินเดือน', en: 'Raised' },
  notRaised: { th: 'ไม่ได้เลื่อนเงินเดือน', en: 'Not raised' },
  withdrawn: { th: 'ถอนเรื่อง', en: 'Withdrawn' },
  notFiled: { th: 'ไม่ได้ยื่นคำขอ', en: 'Not filed' },
  lapsed: { th: 'พ้นกำหนด', en: 'Lapsed' },
  transferred: { th: 'ย้ายแล้ว', en: 'Transferred' },
  didNotReport: { th: 'ไม่ไปรายงานตัว', en: 'Did not report' },
  notTransferred: { th: 'ไม่ได้ย้าย', en: 'Not transferred' },
  grievanceUpheld: { th: 'ร้องทุกข์ฟังขึ้น', en: 'Grievance upheld' },
  approved: { th: 'อนุมัติ', en: 'Approved' },
  rejected: { th: 'ไม่อนุมัติ', en: 'Rejected' },
};

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
export function useGraphs(keys: string[]): { graphs: Map<string, WorkflowGraph>; stateName: (workflowId: string, version: number | null, state: string) => string } {
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
      const graph = version !== null ? graphs.get(`${workflowId}@${version}`) : [...graphs.entries()].find(([k]) => k.startsWith(`${workflowId}@`))?.[1];
      return state
        .split(',')
        .map((s) => pick(nodeLabel(graph?.nodes.find((n) => n.id === s), s)))
        .join(' · ');
    },
    [graphs, pick],
  );
  return { graphs, stateName };
}
