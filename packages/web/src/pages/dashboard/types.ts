/** The shapes of GET /api/supervision/sla and /api/supervision/sla/cases, from the API's generated types (lib/api-types.ts). */
import type { ApiOk } from '../../lib/api-types';

/** GET /api/supervision/sla (`getSlaOverview`) */
export type SlaOverview = ApiOk<'getSlaOverview'>;
export type SlaStepRow = SlaOverview['byStep'][number];
export type SlaOfficeRow = SlaOverview['byOffice'][number];
export type SlaPersonRow = SlaOverview['byPerson'][number];

export const CLOCK_FILTERS = ['overdue', 'at_risk', 'open', 'paused', 'met', 'breached'] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];

/** one row of GET /api/supervision/sla/cases (`listSlaCases`) */
export type SlaCase = ApiOk<'listSlaCases'>['items'][number];

/** one row of GET /api/workflows (`listWorkflows`) */
export type WorkflowSummary = ApiOk<'listWorkflows'>['items'][number];

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
