/** Shapes of GET /api/cycles, /api/cycles/:id/progress and /api/cases/:id (packages/server/src/routes/{cycles,cases}.routes.ts). */
import type { Label } from '../../lib/api';

export interface CycleSummary {
  id: string;
  officeId: string;
  workflowId: string;
  workflowVersion: number;
  title: string;
  state: string;
  children: number;
  childrenDone: number;
  openingInProgress: boolean;
  updatedAt: string;
}

export interface CycleProgress {
  parentCaseId: string;
  total: number;
  done: number;
  active: number;
  byState: { workflowId: string; state: string; status: 'active' | 'done'; count: number }[];
  openings: {
    runId: string;
    workflowId: string;
    workflowVersion: number;
    total: number;
    created: number;
    rejected: number;
    attempts: number;
    startedAt: string;
    finishedAt: string | null;
  }[];
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actorKind: string;
  actorId: string;
  actorRoles: string[];
  eventType: string;
  payload: unknown;
  reason: string | null;
  fromState: string | null;
  toState: string;
}

export interface CaseView {
  case: {
    id: string;
    workflowId: string;
    workflowVersion: number;
    officeId: string;
    title: string;
    state: string;
    status: 'active' | 'done';
    revision: number;
    createdAt: string;
    updatedAt: string;
  };
  workflow: { id: string; version: number; title: Label };
  steps: { path: string; label: Label | null }[];
  history: HistoryEntry[];
  clocks: { step: string; status: string; startedAt: string; dueAt: string | null; closedAt: string | null; phrase: string | null }[];
}
