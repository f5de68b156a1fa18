/**
 * `academic-standing@1`: the วิทยฐานะ evaluation case, its steps (who acts,
 * the time standard, the source) and its events (payload, who may send it).
 * The machine is in machine.ts; docs/workflows/academic-standing.md explains
 * the design and embeds the generated diagram.
 */
import { WORKFLOW_LABELS } from '../labels';
import { defineWorkflow, type DeadlineSpecInput, type Label, type StepMeta } from '@esa-flow/engine';
import { Application } from './application';
import {
  CertifyPayload,
  CommitteeResolutionPayload,
  Empty,
  FailurePayload,
  GrievancePayload,
  LetterPayload,
  NotePayload,
  OptionalNotePayload,
  OrderPayload,
  ProposeCommitteesPayload,
  RevisionRequestPayload,
  RevisionSubmittedPayload,
  ScorePayload,
  WithdrawPayload,
} from './events';
import { academicStandingMachine } from './machine';
import { academicStandingMachineV3 } from './machine-v3';
import { academicStandingMachineV4 } from './machine-v4';
import { DpaFilingPayload } from './dpa-filing';
import { z } from 'zod';
import { DEFAULT_GRIEVANCE_WINDOW, DEFAULT_REVISION_WINDOW } from './policy';

/** The committee kind of the area approval body (อ.ก.ค.ศ. เขตพื้นที่การศึกษา); see docs/committees.md. */
export const AREA_APPROVAL = 'area_approval';

const WF_A = 'seed-004 §2.1 (WF-A)';

/** No source gives the evaluation committees a time limit (regulations.md §2.4 [GAP]); the clock exists so it can pause during a revision. */
export const DEFAULT_EVALUATION_DEADLINE = {
  kind: 'calendar_days',
  days: 60,
  phrase: 'ภายใน 60 วัน นับแต่ อ.ก.ค.ศ. เห็นชอบคณะกรรมการประเมิน',
  source: 'esa-flow default; research/regulations.md §2.4 [GAP: evaluation time limits not found]',
  note: 'Not a verbatim phrase of a source. Paused while the academic work is being revised.',
} as const satisfies DeadlineSpecInput;

/** ก.ค.ศ. decides within 90 days (verified for appeals, Act ม.122; for grievances unverified, regulations.md §3.6). */
export const DEFAULT_GRIEVANCE_DECISION_DEADLINE = {
  kind: 'calendar_days',
  days: 90,
  phrase: 'ภายใน 90 วัน นับแต่วันที่ได้รับหนังสือร้องทุกข์',
  source: 'Act ม.122 (90 days, appeals); research/regulations.md §3.6 [UNVERIFIED for ร้องทุกข์]',
  note: 'Not a verbatim phrase: the กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์ was not found.',
} as const satisfies DeadlineSpecInput;

/** A window of the applicant's: only the overdue moment matters (the system closes it), nobody to remind or escalate to. */
const windowSla = { remindWorkingDaysBefore: [], dueTodayNotice: false, maxEscalations: 0 } as const;

const committeeStep = (label: Label, approve: string, reject: string, source: string, extra: Partial<StepMeta> = {}): StepMeta => ({
  label,
  roles: ['committee'],
  committee: { kind: AREA_APPROVAL, resolutions: { approve, reject } },
  source,
  ...extra,
});

const resolution = (th: string, en: string) => ({ label: { th, en }, payload: CommitteeResolutionPayload, roles: ['committee' as const] });

export const academicStanding = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'academic-standing',
  version: 1,
  title: { th: 'การประเมินเพื่อขอมีหรือเลื่อนวิทยฐานะ', en: 'Academic standing evaluation' },
  machine: academicStandingMachine,
  input: Application,
  starters: ['teacher'],
  steps: {
    eligibilityCheck: {
      label: { th: 'ตรวจสอบคุณสมบัติผู้ยื่นคำขอ', en: 'Eligibility check' },
      roles: ['hr_officer'],
      source: `${WF_A} step 2; criteria research/regulations.md §2.2`,
    },
    committeeProposal: {
      label: { th: 'เสนอแต่งตั้งคณะกรรมการประเมินด้านที่ 1 และด้านที่ 2', en: 'Propose the evaluation committees (aspects 1 and 2)' },
      roles: ['hr_officer'],
      source: `${WF_A} step 3`,
    },
    committeeApproval: committeeStep(
      { th: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา เห็นชอบคณะกรรมการประเมิน', en: 'Area approval body approves the committees' },
      'COMMITTEES_APPROVED',
      'COMMITTEES_REJECTED',
      `${WF_A} steps 3–4 (gate 1)`,
    ),
    evaluation: {
      label: { th: 'คณะกรรมการประเมินด้านที่ 1 และด้านที่ 2 ประเมิน', en: 'The committees evaluate aspects 1 and 2' },
      roles: ['committee_member'],
      deadline: DEFAULT_EVALUATION_DEADLINE,
      source: `${WF_A} between steps 4 and 5; status "อยู่ระหว่างการประเมิน" (seed-004 §3.3)`,
    },
    revision: {
      label: { th: 'อยู่ระหว่างการปรับปรุงผลงานวิชาการ', en: 'Revising the academic work' },
      roles: ['applicant'],
      deadline: DEFAULT_REVISION_WINDOW,
      waitsOnApplicant: true,
      sla: { remindWorkingDaysBefore: [5, 1], maxEscalations: 0 },
      source: 'seed-004 §3.2 (ศึกษานิเทศก์เชี่ยวชาญ "อยู่ระหว่างการปรับปรุงผลงานวิชาการ"); research/regulations.md §2.5',
    },
    aspect1Approval: committeeStep(
      { th: 'อ.ก.ค.ศ. พิจารณาอนุมัติผลการประเมินด้านที่ 1', en: 'Approval body decides on the aspect 1 result' },
      'ASPECT1_APPROVED',
      'ASPECT1_REJECTED',
      `${WF_A} steps 5–6 (gate 2, aspect 1)`,
    ),
    aspect2Approval: committeeStep(
      { th: 'อ.ก.ค.ศ. พิจารณาอนุมัติผลการประเมินด้านที่ 2', en: 'Approval body decides on the aspect 2 result' },
      'ASPECT2_APPROVED',
      'ASPECT2_REJECTED',
      `${WF_A} steps 5–6 (gate 2, aspect 2)`,
    ),
    certification: {
      label: { th: 'รับรองผลการประเมินในระบบ DPA', en: 'Certify the result in DPA' },
      roles: ['hr_officer'],
      source: `${WF_A} step 6(๑)`,
    },
    orderPreparation: {
      label: { th: 'จัดทำคำสั่งแต่งตั้งให้มีหรือเลื่อนวิทยฐานะ', en: 'Prepare the appointment order' },
      roles: ['hr_officer'],
      source: `${WF_A} step 6(๑); effective date: research/regulations.md §2.5`,
    },
    orderSigning: {
      label: { th: 'ผอ.สพท. ลงนามคำสั่งแต่งตั้ง', en: 'Area director signs the order' },
      roles: ['area_director'],
      source: 'Act ม.53(3); research/regulations.md §0',
    },
    kksReport: {
      label: { th: 'ส่งคำสั่งแต่งตั้งให้ ก.ค.ศ. พิจารณา', en: 'Send the order to ก.ค.ศ.' },
      roles: ['hr_officer'],
      source: `${WF_A} step 7`,
    },
    kksConsideration: {
      label: { th: 'รอ ก.ค.ศ. อนุมัติการแต่งตั้ง', en: 'ก.ค.ศ. approval of the appointment' },
      roles: ['hr_officer'],
      deadline: { kind: 'external', calendar: 'ก.ค.ศ.', phrase: 'ตามที่ ก.ค.ศ. พิจารณา', source: 'Act ม.53(1); research/regulations.md §2.4' },
      source: 'Act ม.53(1) (เชี่ยวชาญพิเศษ); research/regulations.md §2.4',
    },
    failureReport: {
      label: {
        th: 'รายงานผลไม่ผ่าน พร้อมข้อเสนอแนะของคณะกรรมการและมอบหมายศึกษานิเทศก์เป็นที่ปรึกษา',
        en: 'Record the failure, the recommendations and the adviser',
      },
      roles: ['hr_officer'],
      source: `${WF_A} step 6(๒); seed-004 §2.3 (WF-C)`,
    },
    notPassed: {
      label: { th: 'ไม่ผ่านการประเมิน (ร้องทุกข์ได้ภายในกำหนด)', en: 'Not passed (grievance window open)' },
      roles: ['applicant'],
      deadline: DEFAULT_GRIEVANCE_WINDOW,
      sla: windowSla,
      source: 'seed-004 §2.3 (WF-C: resubmit "ในภาคเรียนถัดไป"); Act ม.123',
    },
    notEligible: {
      label: { th: 'คุณสมบัติไม่ครบตามหลักเกณฑ์ (ร้องทุกข์ได้ภายในกำหนด)', en: 'Not eligible (grievance window open)' },
      roles: ['applicant'],
      deadline: DEFAULT_GRIEVANCE_WINDOW,
      sla: windowSla,
      source: `${WF_A} step 2 (the not-qualified branch is a [GAP]); Act ม.123`,
    },
    grievance: committeeStep(
      { th: 'อ.ก.ค.ศ. พิจารณาเรื่องร้องทุกข์', en: 'Approval body decides the grievance' },
      'GRIEVANCE_UPHELD',
      'GRIEVANCE_DISMISSED',
      'Act ม.123–124; research/regulations.md §3.6',
      { deadline: DEFAULT_GRIEVANCE_DECISION_DEADLINE },
    ),
    // final steps: labelled for people; the applicant is told of the appointment
    appointed: {
      label: { th: 'แต่งตั้งให้มีหรือเลื่อนวิทยฐานะแล้ว', en: 'Appointed' },
      roles: ['applicant'],
      source: `${WF_A} steps 6(๑)–7`,
    },
    closedNotPassed: {
      label: { th: 'ไม่ผ่านการประเมิน (สิ้นสุด)', en: 'Not passed (closed)' },
      roles: [],
      source: `${WF_A} step 6(๒); seed-004 §2.3`,
    },
    closedNotEligible: { label: { th: 'คุณสมบัติไม่ครบ (สิ้นสุด)', en: 'Not eligible (closed)' }, roles: [], source: `${WF_A} step 2` },
    withdrawn: {
      label: { th: 'ถอนคำขอ', en: 'Withdrawn' },
      roles: [],
      source: 'esa-flow: a request may be withdrawn before a decision (not in the seeds)',
    },
  },
  events: {
    ACCEPT_ELIGIBLE: { label: { th: 'คุณสมบัติครบถ้วน', en: 'Eligible' }, payload: OptionalNotePayload, roles: ['hr_officer'] },
    REJECT_INELIGIBLE: { label: { th: 'คุณสมบัติไม่ครบ', en: 'Not eligible' }, payload: NotePayload, roles: ['hr_officer'] },
    PROPOSE_COMMITTEES: {
      label: { th: 'เสนอรายชื่อคณะกรรมการประเมิน', en: 'Propose committees' },
      payload: ProposeCommitteesPayload,
      roles: ['hr_officer'],
    },
    COMMITTEES_APPROVED: resolution('มติเห็นชอบคณะกรรมการประเมิน', 'Committees approved'),
    COMMITTEES_REJECTED: resolution('มติไม่เห็นชอบคณะกรรมการประเมิน', 'Committees not approved'),
    SUBMIT_SCORE: { label: { th: 'บันทึกผลการประเมิน', en: 'Submit a score' }, payload: ScorePayload, roles: ['committee_member'] },
    REQUEST_REVISION: {
      label: { th: 'ให้ปรับปรุงผลงานวิชาการ', en: 'Send back for revision' },
      payload: RevisionRequestPayload,
      roles: ['committee_member'],
    },
    SUBMIT_REVISION: {
      label: { th: 'ส่งผลงานที่ปรับปรุงแล้ว', en: 'Submit the revised work' },
      payload: RevisionSubmittedPayload,
      roles: ['applicant'],
    },
    REVISION_LAPSED: { label: { th: 'พ้นกำหนดปรับปรุงผลงาน', en: 'Revision window passed' }, payload: Empty, roles: ['system'] },
    ASPECT1_APPROVED: resolution('มติอนุมัติผลการประเมินด้านที่ 1', 'Aspect 1 result approved'),
    ASPECT1_REJECTED: resolution('มติไม่อนุมัติผลด้านที่ 1 ให้ประเมินใหม่', 'Aspect 1 result sent back'),
    ASPECT2_APPROVED: resolution('มติอนุมัติผลการประเมินด้านที่ 2', 'Aspect 2 result approved'),
    ASPECT2_REJECTED: resolution('มติไม่อนุมัติผลด้านที่ 2 ให้ประเมินใหม่', 'Aspect 2 result sent back'),
    CERTIFY_RESULT: { label: { th: 'รับรองผลการประเมิน', en: 'Certify the result' }, payload: CertifyPayload, roles: ['hr_officer'] },
    PREPARE_ORDER: { label: { th: 'จัดทำคำสั่งแต่งตั้ง', en: 'Prepare the order' }, payload: OrderPayload, roles: ['hr_officer'] },
    SIGN_ORDER: { label: { th: 'ลงนามคำสั่ง', en: 'Sign the order' }, payload: Empty, roles: ['area_director'] },
    KKS_REPORTED: { label: { th: 'ส่งคำสั่งให้ ก.ค.ศ. แล้ว', en: 'Order sent to ก.ค.ศ.' }, payload: LetterPayload, roles: ['hr_officer'] },
    KKS_APPROVED: { label: { th: 'ก.ค.ศ. อนุมัติ', en: 'ก.ค.ศ. approved' }, payload: LetterPayload, roles: ['hr_officer'] },
    KKS_NOT_APPROVED: { label: { th: 'ก.ค.ศ. ไม่อนุมัติ', en: 'ก.ค.ศ. did not approve' }, payload: NotePayload, roles: ['hr_officer'] },
    RECORD_FAILURE: {
      label: { th: 'บันทึกผลไม่ผ่านและที่ปรึกษา', en: 'Record failure and adviser' },
      payload: FailurePayload,
      roles: ['hr_officer'],
    },
    FILE_GRIEVANCE: { label: { th: 'ยื่นร้องทุกข์', en: 'File a grievance' }, payload: GrievancePayload, roles: ['applicant'] },
    GRIEVANCE_WINDOW_CLOSED: { label: { th: 'พ้นกำหนดร้องทุกข์', en: 'Grievance window passed' }, payload: Empty, roles: ['system'] },
    GRIEVANCE_UPHELD: resolution('มติรับฟังเรื่องร้องทุกข์ ให้ประเมินใหม่', 'Grievance upheld'),
    GRIEVANCE_DISMISSED: resolution('มติยกเรื่องร้องทุกข์', 'Grievance dismissed'),
    WITHDRAW: { label: { th: 'ถอนคำขอ', en: 'Withdraw' }, payload: WithdrawPayload, roles: ['applicant'] },
  },
});

const { key: _key, contentHash: _hash, leafSteps: _leaves, ...v1Config } = academicStanding;
const afterMoment = (path: string, phrase: string, source: string) => ({
  kind: 'from_data' as const,
  path,
  offsetSeconds: 1,
  phrase,
  source,
});

/**
 * Version 2: the windows that end a case on their own are timed system
 * events of their steps (timer rows fired by the worker as the system, one
 * second after the window's moment; docs/sla.md), not a poller over case
 * snapshots: an unrevised work lapses at the revision's due moment, a
 * grievance window closes at its due moment. Version 1 stays registered for
 * the cases filed on it, with these system events retrofitted (retrofit.ts).
 */
export const academicStandingV2 = defineWorkflow({
  ...v1Config,
  version: 2,
  steps: {
    ...v1Config.steps,
    revision: {
      ...v1Config.steps.revision!,
      systemEvents: [
        {
          event: 'REVISION_LAPSED',
          at: afterMoment('revisions.last.dueAt', 'กรณีไม่ปรับปรุงผลงานภายในกำหนด ถือว่าไม่ผ่านการประเมิน', 'research/regulations.md §2.5'),
        },
      ],
    },
    notPassed: {
      ...v1Config.steps.notPassed!,
      systemEvents: [{ event: 'GRIEVANCE_WINDOW_CLOSED', at: afterMoment('grievanceDueAt', 'พ้นกำหนดร้องทุกข์', 'Act ม.123') }],
    },
    notEligible: {
      ...v1Config.steps.notEligible!,
      systemEvents: [{ event: 'GRIEVANCE_WINDOW_CLOSED', at: afterMoment('grievanceDueAt', 'พ้นกำหนดร้องทุกข์', 'Act ม.123') }],
    },
  },
});

const { key: _key2, contentHash: _hash2, leafSteps: _leaves2, ...v2Config } = academicStandingV2;
const OccurredAt = z.iso.datetime({ offset: true });
const GRIEVANCE_RULE = {
  th: 'พ้นกำหนดร้องทุกข์แล้ว (นับแต่วันที่ได้รับแจ้งผลการพิจารณา)',
  en: 'The grievance window has closed (counted from the day the decision was notified).',
};
const fromNotice = {
  kind: 'from_data' as const,
  path: 'grievanceDueAt',
  phrase: 'ภายใน 30 วัน นับแต่วันที่ได้รับแจ้งผลการพิจารณา',
  source: 'Act ม.121/122/123 ("นับแต่วันที่ได้รับแจ้ง"); research/regulations.md §3.6 [UNVERIFIED: กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์]',
  note: "the window of the case's policy (grievanceWindow), counted from the day the teacher was notified (RESULT_NOTIFIED.occurredAt)",
};
const toNotify = (label: Label, source: string): StepMeta => ({ label, roles: ['hr_officer', 'applicant'], source });
const windowStep = (label: Label, source: string): StepMeta => ({
  label,
  roles: ['applicant', 'hr_officer'],
  deadline: fromNotice,
  sla: windowSla,
  systemEvents: [{ event: 'GRIEVANCE_WINDOW_CLOSED', at: { ...fromNotice, offsetSeconds: 1 } }],
  source,
});

/**
 * Version 3 (issue 18): the grievance window counts from the day the teacher
 * was notified of the decision (machine-v3.ts): `RESULT_NOTIFIED` opens it,
 * `FILE_GRIEVANCE` is refused after it, and HR records a grievance received
 * on paper with its received date (`RECORD_PAPER_GRIEVANCE`, judged in time
 * by that date; the 90 days of the decision count from it). Versions 1–2 stay
 * registered for their cases.
 */
export const academicStandingV3 = defineWorkflow({
  ...v2Config,
  version: 3,
  machine: academicStandingMachineV3,
  steps: {
    ...v2Config.steps,
    notPassed: toNotify(
      { th: 'ไม่ผ่านการประเมิน: แจ้งผลให้ผู้ขอทราบ', en: 'Not passed: the teacher is notified' },
      'seed-004 §2.3 (WF-C); Act ม.121/122 (the window counts from the notification)',
    ),
    notEligible: toNotify(
      { th: 'คุณสมบัติไม่ครบ: แจ้งผลให้ผู้ขอทราบ', en: 'Not eligible: the teacher is notified' },
      `${WF_A} step 2; Act ม.121/122 (the window counts from the notification)`,
    ),
    notPassedNotified: windowStep(
      { th: 'ไม่ผ่านการประเมิน (ร้องทุกข์ได้ภายในกำหนดนับแต่วันที่ได้รับแจ้ง)', en: 'Not passed (grievance window from notification)' },
      'Act ม.121–123; research/regulations.md §3.6',
    ),
    notEligibleNotified: windowStep(
      { th: 'คุณสมบัติไม่ครบ (ร้องทุกข์ได้ภายในกำหนดนับแต่วันที่ได้รับแจ้ง)', en: 'Not eligible (grievance window from notification)' },
      'Act ม.121–123; research/regulations.md §3.6',
    ),
  },
  events: {
    ...v2Config.events,
    FILE_GRIEVANCE: { ...v2Config.events.FILE_GRIEVANCE!, dateGuard: { until: 'step_deadline', mode: 'refuse', rule: GRIEVANCE_RULE } },
    RESULT_NOTIFIED: {
      label: { th: 'บันทึกวันที่ผู้ขอได้รับแจ้งผล', en: 'Record the day the teacher was notified' },
      payload: z
        .object({
          occurredAt: OccurredAt.meta({
            'x-label': {
              th: 'วันเวลาที่ผู้ขอได้รับแจ้งผล (เว้นว่างหากรับทราบในระบบขณะนี้)',
              en: 'When the teacher was notified (leave empty when acknowledging now)',
            },
          }).optional(),
          how: z.enum(['in_app', 'letter', 'in_person']),
          ref: z.string().trim().min(1).max(500).optional(),
        })
        .strict(),
      roles: ['hr_officer', 'applicant'],
      occurredAt: { notBefore: 'outcome.at' },
    },
    RECORD_PAPER_GRIEVANCE: {
      label: { th: 'บันทึกหนังสือร้องทุกข์ที่รับเป็นกระดาษ', en: 'Record a grievance received on paper' },
      payload: z
        .object({
          occurredAt: OccurredAt.meta({ 'x-label': { th: 'วันเวลาที่รับหนังสือร้องทุกข์', en: 'When the grievance letter was received' } }),
          grounds: z.string().trim().min(1).max(4000),
          ref: z.string().trim().min(1).max(500),
        })
        .strict(),
      roles: ['hr_officer'],
      occurredAt: { notBefore: 'notifiedAt' },
      dateGuard: { until: 'step_deadline', mode: 'refuse', against: 'occurred_at', rule: GRIEVANCE_RULE },
    },
  },
});

const { key: _key3, contentHash: _hash3, leafSteps: _leaves3, ...v3Config } = academicStandingV3;

/** How the history names an imported DPA filing (the import's reason adds the number and the row). */
export const RECORDED_FROM_DPA = {
  th: 'นำเข้าคำขอที่ยื่นในระบบ DPA โดยเจ้าหน้าที่บริหารงานบุคคล',
  en: 'A request filed in DPA, imported by the HR officer',
};

/**
 * Version 4 (issue 21): version 3, plus `RECORD_DPA_FILING` at the
 * eligibility check: the office's HR officer records a request the teacher
 * filed in OTEPC's DPA system (the import of DPA's requests, dpa-import.ts,
 * opens the case as the system and records it in the same transaction), so
 * the teacher does not file twice. The event carries the DPA request number
 * and the moment it was filed there (`occurredAt`: not in the future, not
 * before the policy's effective date); the request's filing moment and its
 * eligibility check become DPA's (machine-v4.ts). The system may open a case
 * (`starters` adds `system`: the import); from the eligibility check on, the
 * request runs as any other.
 */
export const academicStandingV4 = defineWorkflow({
  ...v3Config,
  version: 4,
  machine: academicStandingMachineV4,
  starters: ['teacher', 'system'],
  events: {
    ...v3Config.events,
    RECORD_DPA_FILING: {
      label: { th: 'บันทึกคำขอที่ยื่นในระบบ DPA', en: 'Record the request filed in DPA' },
      payload: DpaFilingPayload,
      roles: ['hr_officer'],
      occurredAt: { notBefore: 'policy.effectiveFrom' },
    },
  },
});
