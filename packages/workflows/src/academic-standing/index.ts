/**
 * Academic standing (วิทยฐานะ): the evaluation case and the monthly
 * pre-appointment development batch. See docs/workflows/academic-standing.md.
 */
import {
  preAppointmentDevelopment as developmentWorkflow,
  preAppointmentDevelopmentV2 as developmentWorkflowV2,
} from './development-workflow';
import { withRetrofitSystemEvents } from '../retrofit';
import {
  academicStanding as evaluationWorkflow,
  academicStandingV2 as evaluationWorkflowV2,
  academicStandingV3 as evaluationWorkflowV3,
  academicStandingV4 as evaluationWorkflowV4,
} from './workflow';

/**
 * Both academic-standing workflows, for the registry: version 1 with the
 * system events of version 2 retrofitted (its revision and grievance windows
 * close by timer rows, not by a poller; its content unchanged: retrofit.ts).
 */
export const academicStandingV1Timed = withRetrofitSystemEvents(evaluationWorkflow, evaluationWorkflowV2, [
  'revision',
  'notPassed',
  'notEligible',
]);
export const academicStandingWorkflows = [
  evaluationWorkflowV4,
  evaluationWorkflowV3,
  evaluationWorkflowV2,
  academicStandingV1Timed,
  developmentWorkflowV2,
  developmentWorkflow,
] as const;

export {
  academicStanding,
  academicStandingV2,
  academicStandingV3,
  academicStandingV4,
  RECORDED_FROM_DPA,
  AREA_APPROVAL,
  DEFAULT_EVALUATION_DEADLINE,
  DEFAULT_GRIEVANCE_DECISION_DEADLINE,
} from './workflow';
export { academicStandingMachine } from './machine';
export { academicStandingMachineV4 } from './machine-v4';
export { DpaFilingPayload, DpaReference, dpaFilingEligibility, type DpaFiling } from './dpa-filing';
export {
  DPA_COLUMNS,
  dpaTemplateLayout,
  importDpaFilings,
  parseDpaRow,
  type DpaImportReport,
  type DpaRowReport,
  type DpaTemplateLayout,
} from './dpa-import';
export { Application, PaResult } from './application';
export * from './vocabulary';
export * from './policy';
export {
  checkEligibility,
  ELIGIBILITY_CRITERIA,
  type EligibilityCriterion,
  type EligibilityReason,
  type EligibilityResult,
} from './eligibility';
export { aspectPasses, evaluationVerdict, type AspectScore, type AspectVerdict } from './pass-rule';
export { TEACHER_STATUSES, TEACHER_STATUS_LABELS, STATUS_OF_STEP, teacherStatus, type TeacherStatus } from './teacher-status';
export {
  summarizeCohort,
  cohortReportLines,
  loadCohortRows,
  percentOf,
  type CohortRow,
  type CohortGroup,
  type CohortSummary,
  type Percent,
} from './cohort-report';
export type { AcademicContext, AcademicEvent, Evaluator, ScoreRecord, RevisionRecord } from './events';
export {
  preAppointmentDevelopment,
  preAppointmentDevelopmentV2,
  DevelopmentRequest,
  SCHOOL_SUBMISSION_DEADLINE,
  CHECK_DEADLINE,
  FORWARDING_DEADLINE,
  RECORDING_DEADLINE,
  monthlyCutoff,
  batchMonthOf,
  type DevelopmentContext,
} from './development-workflow';
export { developmentBatchStatus, forwardDevelopmentBatch, latestDevelopmentPass, type BatchStatus } from './development-batch';
export { nextSemesterStart, fiscalYearBE, windowDueAt } from './timing';
export { effectiveDateOf } from './case-rules';
