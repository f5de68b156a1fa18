/** The shapes of GET /api/supervision/sla and /api/supervision/sla/cases (packages/server/src/routes/supervision.routes.ts). */
import type { Label } from '../../lib/api';

export interface SlaStepRow {
  workflowId: string;
  step: string;
  label: Label | null;
  open: number;
  paused: number;
  overdue: number;
  atRisk: number;
  met: number;
  breached: number;
  onTimeShare: number | null;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface SlaOfficeRow {
  officeId: string;
  nameTh: string;
  nameEn: string;
  open: number;
  paused: number;
  overdue: number;
  atRisk: number;
}

export interface SlaPersonRow {
  userId: string;
  username: string;
  nameTh: string | null;
  open: number;
  overdue: number;
  atRisk: number;
}

export interface SlaOverview {
  now: string;
  offices: string[];
  byStep: SlaStepRow[];
  byOffice: SlaOfficeRow[];
  byPerson: SlaPersonRow[];
}

export const CLOCK_FILTERS = ['overdue', 'at_risk', 'open', 'paused', 'met', 'breached'] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];

export interface SlaCase {
  caseId: string;
  title: string;
  officeId: string;
  workflowId: string;
  step: string;
  stepLabel: Label | null;
  clockStatus: string;
  startedAt: string;
  dueAt: string | null;
  closedAt: string | null;
  overdue: boolean;
  atRisk: boolean;
  hoursSpent: number | null;
}

export interface WorkflowSummary {
  id: string;
  version: number;
  title: Label;
}

/** What the drill-down shows: one kind of clock, narrowed by step, person or office. */
export interface Drill {
  filter: ClockFilter;
  /** the workflow of `step` (a step name alone may exist in several workflows) */
  workflowId: string;
  step: string;
  userId: string;
  officeId: string;
}

/** The toolbar: which workflow, which period (for closed clocks), which office. */
export interface Scope {
  workflowId: string;
  period: Period;
  officeId: string;
}

export const PERIODS = ['all', '30d', '90d', 'fy', '365d'] as const;
export type Period = (typeof PERIODS)[number];
