/**
 * The status a teacher sees, in the words of the real reports (seed-004 §3.2,
 * §3.3, §7): ผ่าน, ไม่ผ่าน, อยู่ระหว่างการประเมิน, อยู่ระหว่างการปรับปรุงผลงานวิชาการ.
 * A withdrawn request, which the reports never show, is ถอนคำขอ.
 * The step's own label is the detail ("waiting for the approval body").
 */
import type { Label } from '@esa-flow/engine';

export const TEACHER_STATUSES = ['passed', 'failed', 'under_evaluation', 'under_revision', 'withdrawn'] as const;
export type TeacherStatus = (typeof TEACHER_STATUSES)[number];

export const TEACHER_STATUS_LABELS: Readonly<Record<TeacherStatus, Label>> = Object.freeze({
  passed: { th: 'ผ่าน', en: 'Passed' },
  failed: { th: 'ไม่ผ่าน', en: 'Not passed' },
  under_evaluation: { th: 'อยู่ระหว่างการประเมิน', en: 'Under evaluation' },
  under_revision: { th: 'อยู่ระหว่างการปรับปรุงผลงานวิชาการ', en: 'Revising the academic work' },
  withdrawn: { th: 'ถอนคำขอ', en: 'Withdrawn' },
});

/**
 * Every step of `academic-standing` (versions 1–3) and the status it shows. Passed from
 * the moment the approval body approves a passing result (the area then
 * certifies it); failed from the moment of a failing decision, including
 * while a grievance is pending (the decision stands until changed).
 */
export const STATUS_OF_STEP: Readonly<Record<string, TeacherStatus>> = Object.freeze({
  eligibilityCheck: 'under_evaluation',
  committeeProposal: 'under_evaluation',
  committeeApproval: 'under_evaluation',
  evaluation: 'under_evaluation',
  aspect1Approval: 'under_evaluation',
  aspect2Approval: 'under_evaluation',
  revision: 'under_revision',
  certification: 'passed',
  orderPreparation: 'passed',
  orderSigning: 'passed',
  kksReport: 'passed',
  kksConsideration: 'passed',
  appointed: 'passed',
  failureReport: 'failed',
  notPassed: 'failed',
  notEligible: 'failed',
  notPassedNotified: 'failed',
  notEligibleNotified: 'failed',
  grievance: 'failed',
  closedNotPassed: 'failed',
  closedNotEligible: 'failed',
  withdrawn: 'withdrawn',
});

/** The status of a case at `state` (the `cases.state` column). */
export function teacherStatus(state: string): TeacherStatus {
  const status = STATUS_OF_STEP[state];
  if (!status) throw new RangeError(`unknown academic-standing step "${state}"`);
  return status;
}
