/**
 * `transfer-request@1`: one teacher's transfer request in one round (a child
 * of `transfer-round`). Steps, who acts, their deadlines and sources.
 *
 * The deadlines of this procedure are the round's phase dates, which differ
 * every round: the steps carry `external` deadline specs naming the round
 * parameter that sets them (recorded, no SLA timer), the context carries the
 * dates themselves; from version 3 on (and retrofitted on 1–2, retrofit.ts) the
 * system events are timer rows at those moments (docs/workflows/transfer.md, "Deadlines").
 */
import { WORKFLOW_LABELS } from '../labels';
import { CommitteeResolutionPayload, defineWorkflow, type StepMeta, type WorkflowConfig } from '@esa-flow/engine';
import {
  ExternalFilingPayload,
  ExternalFilingPayloadV8,
  RequestSubmission,
  RequestSubmissionV1,
  RequestSubmissionV8,
  TransferRequestInput,
  TransferRequestInputV4,
  TransferRequestInputV8,
} from './request-data';
import {
  explainExternalFiling,
  explainFiling,
  explainFilingV7,
  explainFourEyes,
  explainReceivingArea,
  explainReceivingOrder,
  explainReport,
  explainReturn,
  explainScores,
  explainSigning,
  explainSigningV7,
  explainSigningV8,
} from './refusals';
import {
  BoardOpinionPayload,
  CertifyPayload,
  DisputePayload,
  DisqualifyPayload,
  Empty,
  EnterScoresPayload,
  ForwardedListPayload,
  ForwardToAreaPayload,
  ReceivingAreaDecidedPayload,
  ReceivingOrderPayload,
  GrievanceDecisionPayload,
  GrievancePayload,
  GrievancePayloadV1,
  PaperGrievancePayload,
  ResultNotifiedPayload,
  ProposeNoPlacementPayload,
  ProposePlacementPayload,
  ReceivingAreaPayload,
  ReportPayload,
  ReturnPayload,
  SignOrderPayload,
  VerifyPayload,
  WithdrawPayload,
} from './request-events';
import { transferRequestMachine } from './request-machine';
import { transferRequestMachineV4 } from './request-machine-v4';
import { transferRequestMachineV6 } from './request-machine-v6';
import { transferRequestMachineV7 } from './request-machine-v7';
import { withSignerByPosition } from './request-machine-v8';

const CAL = 'ปฏิทินรอบการย้าย (round parameter)';
const phase = (param: string, phrase: string, source: string) => ({
  kind: 'external' as const,
  calendar: `${CAL}: ${param}`,
  phrase,
  source,
});

const steps: Record<string, StepMeta> = {
  draft: {
    label: { th: 'ครูกรอกคำขอย้าย', en: 'Teacher fills in the request' },
    roles: ['applicant'],
    deadline: phase(
      'phases.requestsUntil',
      'ยื่นคำขอย้ายภายในวันสุดท้ายของการยื่นคำขอตามปฏิทินของรอบ (รอบ 2/2568: 16–31 ก.ค. 68)',
      'regulations.md §1.2 (kruchiangrai 2025-06-20)',
    ),
    source: 'regulations.md §1.5 step 1 (TRS: register, fill in, upload evidence, submit)',
  },
  schoolReview: {
    label: { th: 'ผู้อำนวยการสถานศึกษาตรวจสอบและรับรอง', en: 'School director checks and certifies' },
    roles: ['school_director'],
    deadline: phase(
      'phases.schoolReviewUntil',
      'ตรวจสอบและรับรองคำขอย้ายภายในวันที่กำหนดในปฏิทินของรอบ',
      'regulations.md §1.5 step 2 (krukengblog 1018)',
    ),
    source: 'regulations.md §1.5 step 2; domain.md §1 step 3',
  },
  correction: {
    label: { th: 'ครูแก้ไขคำขอที่ถูกส่งคืน', en: 'Teacher corrects the returned request' },
    roles: ['applicant'],
    waitsOnApplicant: true,
    deadline: phase(
      'phases.correctionUntil (or the director’s earlier fixBy)',
      'แก้ไขภายในวันที่ 6 ก.พ. 2568 เวลา 15.00 น. หากพ้นกำหนดถือว่าสละสิทธิ์ (รอบ 1/2568)',
      'regulations.md §1.2 (kruchiangrai 2025-02-06)',
    ),
    source: 'regulations.md §1.2 correction loop (170 requests returned in 1/2568)',
  },
  boardOpinion: {
    label: { th: 'คณะกรรมการสถานศึกษาให้ความเห็น', en: 'School board gives its opinion' },
    roles: ['school_director'],
    deadline: phase('phases.schoolReviewUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'Act 2547 ม.59 (no time limit stated)'),
    source: 'Act 2547 ม.59 (the school, through its board, gives an opinion); regulations.md §1.5 step 2b',
  },
  scoring: {
    label: { th: 'คณะทำงานตรวจสอบคุณสมบัติและจัดทำคะแนน', en: 'Working group checks qualifications and scores' },
    roles: ['hr_officer'],
    deadline: phase('phases.scoringUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.1 (Q2 ม.ค.–มี.ค. / Q4 ก.ค.–ก.ย.)'),
    source: 'seed-003 §2.1 T1 and T3 (plan items 1.4, 1.6)',
  },
  verification: {
    label: { th: 'คณะทำงานตรวจสอบคะแนนประเมิน (ผู้ตรวจคนละคนกับผู้ให้คะแนน)', en: 'Second user verifies the scores' },
    roles: ['hr_officer', 'group_director'],
    deadline: phase('phases.scoringUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.1 (Q2 / Q4)'),
    source: 'seed-003 §2.1 T2 (plan item 1.5: an independent check of T1)',
  },
  awaitingMatch: {
    label: { th: 'รอการประมวลผลจัดลำดับและจับคู่ตำแหน่งว่าง', en: 'Awaiting ranking and matching' },
    roles: [],
    deadline: phase(
      'phases.scoringUntil',
      'ประมวลผลเมื่อสิ้นสุดการให้คะแนนตามปฏิทินของรอบ',
      'regulations.md §1.5 step 4 (krukengblog 1018: การประมวลผล)',
    ),
    source: 'regulations.md §1.5 step 4; domain.md §1 step 5',
  },
  screening: {
    label: { th: 'คณะกรรมการกลั่นกรองการย้ายพิจารณา', en: 'Transfer screening committee reviews' },
    roles: ['committee'],
    committee: { kind: 'transfer_screening', resolutions: { approve: 'SCREEN_PASS', reject: 'SCREEN_FAIL' } },
    deadline: phase('phases.screeningUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.1 T4 (plan item 1.13, Q2 / Q4)'),
    source: 'seed-003 §2.1 T4 (คณะกรรมการกลั่นกรองการย้าย)',
  },
  areaApproval: {
    label: { th: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษาพิจารณาอนุมัติ', en: 'Area sub-committee (อ.ก.ค.ศ. เขต) decides' },
    roles: ['committee'],
    committee: { kind: 'area_approval', resolutions: { approve: 'AREA_APPROVE', reject: 'AREA_REJECT' } },
    deadline: phase('phases.approvalUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.4 (meets every quarter)'),
    source: 'Act 2547 ม.59; seed-003 §2.1 T5',
  },
  receivingAreaApproval: {
    label: { th: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษาที่รับย้ายพิจารณา', en: 'Receiving area’s sub-committee decides' },
    roles: ['hr_officer'],
    deadline: {
      kind: 'external',
      calendar: 'การประชุม อ.ก.ค.ศ. ของเขตพื้นที่การศึกษาที่รับย้าย',
      phrase: 'ตามกำหนดการประชุมของเขตพื้นที่การศึกษาที่รับย้าย',
      source: 'Act 2547 ม.59 (no time limit stated)',
    },
    source: 'Act 2547 ม.59 ("ของผู้ประสงค์ย้ายและผู้รับย้าย": both areas approve)',
  },
  orderSigning: {
    label: { th: 'ผู้มีอำนาจตามมาตรา 53 ลงนามคำสั่งย้าย', en: 'The ม.53 authority signs the order' },
    roles: ['school_director', 'area_director'],
    deadline: phase('phases.ordersUntil', 'ออกคำสั่งภายในวันที่กำหนดในปฏิทินของรอบ (รอบ 2/2568 สิ้นสุด 31 ต.ค. 68)', 'regulations.md §1.2'),
    source: 'Act 2547 ม.53(3) (ผอ.สพท. for ชำนาญการ and above) and ม.53(4) (ผอ.สถานศึกษา for ครู/ครูผู้ช่วย)',
  },
  reportingForDuty: {
    label: { th: 'ครูรายงานตัวที่สถานศึกษาแห่งใหม่', en: 'Teacher reports for duty at the new school' },
    roles: ['applicant', 'hr_officer'],
    deadline: {
      kind: 'external',
      calendar: 'คำสั่งย้าย (SIGN_ORDER.reportBy)',
      phrase: 'รายงานตัวภายในวันที่กำหนดในคำสั่งย้าย',
      source: 'regulations.md §1.5 step 8 ([GAP]: no statutory deadline found)',
    },
    source: 'regulations.md §1.5 step 8',
  },
  notMoved: {
    label: { th: 'ไม่ได้รับการพิจารณาย้าย (ร้องทุกข์ได้ภายในกำหนด)', en: 'Not moved (a grievance may be filed in the window)' },
    roles: ['applicant'],
    deadline: {
      kind: 'external',
      calendar: `${CAL}: grievanceWindowDays`,
      phrase: 'ร้องทุกข์ภายในสามสิบวันนับแต่วันทราบเหตุแห่งการร้องทุกข์ (ค่าเริ่มต้น 30 วัน กำหนดได้ต่อรอบ)',
      source: 'regulations.md §3.6 (Act ม.123; 30 days per กฎ ก.ค.ศ., unverified)',
    },
    source: 'Act 2547 ม.123; regulations.md §1.5 step 9',
  },
  grievance: {
    label: { th: 'ผู้มีอำนาจพิจารณาร้องทุกข์วินิจฉัย', en: 'The grievance body decides' },
    roles: ['hr_officer'],
    deadline: {
      kind: 'external',
      calendar: 'อ.ก.ค.ศ. เขต / ก.ค.ศ.',
      phrase: 'พิจารณาให้แล้วเสร็จภายใน 90 วัน (ยังไม่ยืนยัน)',
      source: 'regulations.md §3.6 ([UNVERIFIED] กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์)',
    },
    source: 'Act 2547 ม.123 (against the อ.ก.ค.ศ. เขต decision: ก.ค.ศ., final)',
  },
};

const all = ['committee'] as const;
/**
 * Version 2: evidence is an upload (`fileId`, docs/files.md). Version 1
 * (evidence as metadata with a storage key) stays registered below for the
 * requests filed on it.
 */
const requestConfig = {
  labels: WORKFLOW_LABELS,
  id: 'transfer-request',
  version: 2,
  title: { th: 'คำขอย้ายข้าราชการครู', en: 'Teacher transfer request' },
  machine: transferRequestMachine,
  input: TransferRequestInput,
  // filed through fileTransferRequest (round-service.ts), which opens the request as a child of its round
  starters: ['system'],
  steps,
  events: {
    SUBMIT: { label: { th: 'ยื่นคำขอย้าย', en: 'Submit' }, payload: RequestSubmission, roles: ['applicant'] },
    WITHDRAW: { label: { th: 'ขอยกเลิกคำขอย้าย', en: 'Withdraw' }, payload: WithdrawPayload, roles: ['applicant'] },
    WINDOW_CLOSED: { label: { th: 'ปิดรับคำขอ (ไม่ได้ยื่น)', en: 'Window closed (not filed)' }, payload: Empty, roles: ['system'] },
    CERTIFY: { label: { th: 'รับรองคำขอ', en: 'Certify' }, payload: CertifyPayload, roles: ['school_director'] },
    RETURN_FOR_CORRECTION: { label: { th: 'ส่งคืนให้แก้ไข', en: 'Return for correction' }, payload: ReturnPayload, roles: ['school_director'] },
    RESUBMIT: { label: { th: 'ส่งคำขอที่แก้ไขแล้ว', en: 'Resubmit' }, payload: RequestSubmission, roles: ['applicant'] },
    LAPSE: { label: { th: 'พ้นกำหนดแก้ไข (สละสิทธิ์)', en: 'Correction deadline passed' }, payload: Empty, roles: ['system'] },
    RECORD_BOARD_OPINION: {
      label: { th: 'บันทึกความเห็นคณะกรรมการสถานศึกษา', en: 'Record the board’s opinion' },
      payload: BoardOpinionPayload,
      roles: ['school_director'],
    },
    ENTER_SCORES: { label: { th: 'บันทึกคะแนนตามองค์ประกอบ', en: 'Enter scores' }, payload: EnterScoresPayload, roles: ['hr_officer'] },
    DISQUALIFY: { label: { th: 'ขาดคุณสมบัติ', en: 'Disqualify' }, payload: DisqualifyPayload, roles: ['hr_officer'] },
    VERIFY_SCORES: { label: { th: 'ยืนยันคะแนน', en: 'Verify scores' }, payload: VerifyPayload, roles: ['hr_officer', 'group_director'] },
    DISPUTE_SCORES: {
      label: { th: 'โต้แย้งคะแนน ส่งกลับ', en: 'Dispute scores' },
      payload: DisputePayload,
      roles: ['hr_officer', 'group_director'],
    },
    PROPOSE_PLACEMENT: {
      label: { th: 'เสนอผลการจับคู่ (ได้ย้าย)', en: 'Propose a placement' },
      payload: ProposePlacementPayload,
      roles: ['hr_officer', 'system'],
    },
    PROPOSE_NO_PLACEMENT: {
      label: { th: 'เสนอผลการจับคู่ (ไม่ได้ย้าย)', en: 'Propose no placement' },
      payload: ProposeNoPlacementPayload,
      roles: ['hr_officer', 'system'],
    },
    SCREEN_PASS: { label: { th: 'มติกลั่นกรองเห็นชอบ', en: 'Screening passes' }, payload: CommitteeResolutionPayload, roles: all },
    SCREEN_FAIL: {
      label: { th: 'มติกลั่นกรองส่งกลับประมวลผลใหม่', en: 'Screening sends back' },
      payload: CommitteeResolutionPayload,
      roles: all,
    },
    AREA_APPROVE: {
      label: { th: 'มติ อ.ก.ค.ศ. เขต เห็นชอบผลการพิจารณา', en: 'Area sub-committee approves the result' },
      payload: CommitteeResolutionPayload,
      roles: all,
    },
    AREA_REJECT: {
      label: { th: 'มติ อ.ก.ค.ศ. เขต ไม่อนุมัติ', en: 'Area sub-committee rejects' },
      payload: CommitteeResolutionPayload,
      roles: all,
    },
    RECEIVING_AREA_APPROVED: {
      label: { th: 'เขตที่รับย้ายอนุมัติ', en: 'Receiving area approves' },
      payload: ReceivingAreaPayload,
      roles: ['hr_officer'],
    },
    RECEIVING_AREA_REJECTED: {
      label: { th: 'เขตที่รับย้ายไม่อนุมัติ', en: 'Receiving area rejects' },
      payload: ReceivingAreaPayload,
      roles: ['hr_officer'],
    },
    SIGN_ORDER: {
      label: { th: 'ลงนามคำสั่งย้าย', en: 'Sign the order' },
      payload: SignOrderPayload,
      roles: ['school_director', 'area_director'],
    },
    REPORT_FOR_DUTY: { label: { th: 'บันทึกการรายงานตัว', en: 'Record the report for duty' }, payload: ReportPayload, roles: ['hr_officer'] },
    REPORT_DEADLINE_PASSED: { label: { th: 'พ้นกำหนดรายงานตัว', en: 'Report deadline passed' }, payload: Empty, roles: ['system'] },
    FILE_GRIEVANCE: { label: { th: 'ยื่นร้องทุกข์', en: 'File a grievance' }, payload: GrievancePayload, roles: ['applicant'] },
    CLOSE_GRIEVANCE_WINDOW: { label: { th: 'พ้นกำหนดร้องทุกข์', en: 'Grievance window closed' }, payload: Empty, roles: ['system'] },
    GRIEVANCE_UPHELD: {
      label: { th: 'วินิจฉัยให้ร้องทุกข์ฟังขึ้น', en: 'Grievance upheld' },
      payload: GrievanceDecisionPayload,
      roles: ['hr_officer'],
    },
    GRIEVANCE_DISMISSED: {
      label: { th: 'วินิจฉัยยกคำร้องทุกข์', en: 'Grievance dismissed' },
      payload: GrievanceDecisionPayload,
      roles: ['hr_officer'],
    },
  },
} satisfies WorkflowConfig<typeof transferRequestMachine>;
export const transferRequest = defineWorkflow(requestConfig);

/** Version 1, as published: only the evidence differs (metadata with a storage key); its cases go on with it. */
export const transferRequestV1 = defineWorkflow({
  ...requestConfig,
  version: 1,
  events: {
    ...requestConfig.events,
    SUBMIT: { ...requestConfig.events.SUBMIT, payload: RequestSubmissionV1 },
    RESUBMIT: { ...requestConfig.events.RESUBMIT, payload: RequestSubmissionV1 },
    FILE_GRIEVANCE: { ...requestConfig.events.FILE_GRIEVANCE, payload: GrievancePayloadV1 },
  },
});

/** A moment read from the request's data (`from_data`): the round's dates copied into it, or the moments its events set. */
const fromData = (path: string, phrase: string, source: string, offsetSeconds?: number) => ({
  kind: 'from_data' as const,
  path,
  phrase,
  source,
  ...(offsetSeconds !== undefined ? { offsetSeconds } : {}),
});
const round = (param: string, phrase: string, source: string) => fromData(`params.phases.${param}`, phrase, source);
const toSecretary = { escalationChain: ['committee_secretary', 'area_director'] } as const;
const REVIEW_RULE = {
  th: 'พ้นกำหนดตรวจสอบและรับรองคำขอย้ายของสถานศึกษาแล้ว (วันสุดท้ายตามปฏิทินของรอบ: schoolReviewUntil)',
  en: 'The school review period of the round has ended (schoolReviewUntil).',
};
const ORDERS_RULE = {
  th: 'พ้นกำหนดออกคำสั่งย้ายตามปฏิทินของรอบแล้ว (ordersUntil)',
  en: 'The period for signing transfer orders in this round has ended (ordersUntil).',
};
const GRIEVANCE_RULE = {
  th: 'พ้นกำหนดร้องทุกข์แล้ว (นับแต่วันที่ได้รับแจ้งผล ตามจำนวนวันที่รอบกำหนด)',
  en: 'The grievance window has closed (counted from the day the result was notified).',
};

/**
 * Version 3: every dated step is enforced by the engine (docs/sla.md
 * "Moments from the case's data"; docs/workflows/transfer.md "Deadlines"):
 * clocks at the round's dates and at the moments the request's own events
 * set (the fix-by moment, the order's report-by date, the grievance window),
 * the system events at those moments as timer rows (no poller), and date
 * guards: certifying, returning and the board's opinion are refused after
 * schoolReviewUntil, signing after ordersUntil, a grievance after its window.
 * Versions 1 and 2 stay registered unchanged for the requests filed on them.
 */
export const transferRequestV3 = defineWorkflow({
  ...requestConfig,
  version: 3,
  steps: {
    ...steps,
    draft: {
      ...steps.draft!,
      deadline: round('requestsUntil', steps.draft!.deadline!.phrase, 'regulations.md §1.2 (kruchiangrai 2025-06-20)'),
      systemEvents: [{ event: 'WINDOW_CLOSED', at: round('requestsUntil', 'ปิดรับคำขอเมื่อพ้นวันสุดท้ายของการยื่นคำขอ', 'regulations.md §1.2') }],
    },
    // a returned request is reviewed again until the later of the round's date and its own fix-by moment
    schoolReview: {
      ...steps.schoolReview!,
      deadline: {
        ...round('schoolReviewUntil', steps.schoolReview!.deadline!.phrase, 'regulations.md §1.5 step 2 (krukengblog 1018)'),
        laterOf: ['correction.dueAt'],
      },
    },
    correction: {
      ...steps.correction!,
      deadline: fromData('correction.dueAt', steps.correction!.deadline!.phrase, 'regulations.md §1.2 (kruchiangrai 2025-02-06)'),
      sla: { remindWorkingDaysBefore: [1] },
      // one second after the fix-by moment: a fix sent at 15.00 น. still counts (the machine accepts RESUBMIT up to the moment)
      systemEvents: [
        { event: 'LAPSE', at: fromData('correction.dueAt', 'หากพ้นกำหนดถือว่าสละสิทธิ์', 'regulations.md §1.2 (kruchiangrai 2025-02-06)', 1) },
      ],
    },
    boardOpinion: {
      ...steps.boardOpinion!,
      deadline: {
        ...round('schoolReviewUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'Act 2547 ม.59 (no time limit stated)'),
        laterOf: ['correction.dueAt'],
      },
    },
    scoring: {
      ...steps.scoring!,
      deadline: round('scoringUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.1 (Q2 ม.ค.–มี.ค. / Q4 ก.ค.–ก.ย.)'),
    },
    verification: { ...steps.verification!, deadline: round('scoringUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.1 (Q2 / Q4)') },
    screening: {
      ...steps.screening!,
      deadline: round('screeningUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.1 T4 (plan item 1.13, Q2 / Q4)'),
      sla: toSecretary,
    },
    areaApproval: {
      ...steps.areaApproval!,
      deadline: round('approvalUntil', 'ภายในวันที่กำหนดในปฏิทินของรอบ', 'seed-003 §2.4 (meets every quarter)'),
      sla: toSecretary,
    },
    orderSigning: {
      ...steps.orderSigning!,
      deadline: round('ordersUntil', steps.orderSigning!.deadline!.phrase, 'regulations.md §1.2'),
      sla: { remindWorkingDaysBefore: [5, 1] },
    },
    reportingForDuty: {
      ...steps.reportingForDuty!,
      deadline: fromData(
        'order.reportByAt',
        'รายงานตัวภายในวันที่กำหนดในคำสั่งย้าย',
        'regulations.md §1.5 step 8 ([GAP]: no statutory deadline found)',
      ),
      systemEvents: [
        { event: 'REPORT_DEADLINE_PASSED', at: fromData('order.reportByAt', 'พ้นกำหนดรายงานตัว', 'regulations.md §1.5 step 8', 1) },
      ],
    },
    notMoved: {
      ...steps.notMoved!,
      deadline: {
        ...fromData(
          'notMoved.since',
          steps.notMoved!.deadline!.phrase,
          'regulations.md §3.6 (Act ม.123; 30 days per กฎ ก.ค.ศ., unverified)',
        ),
        plus: { unit: 'calendar_days' as const, daysPath: 'params.grievanceWindowDays' },
      },
      systemEvents: [
        {
          event: 'CLOSE_GRIEVANCE_WINDOW',
          at: {
            ...fromData('notMoved.since', 'พ้นกำหนดร้องทุกข์', 'regulations.md §3.6', 1),
            plus: { unit: 'calendar_days' as const, daysPath: 'params.grievanceWindowDays' },
          },
        },
      ],
    },
    grievance: {
      ...steps.grievance!,
      deadline: {
        kind: 'calendar_days',
        days: 90,
        phrase: 'พิจารณาให้แล้วเสร็จภายใน 90 วัน (ยังไม่ยืนยัน)',
        source: 'regulations.md §3.6 ([UNVERIFIED] กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์)',
      },
    },
  },
  events: {
    ...requestConfig.events,
    CERTIFY: { ...requestConfig.events.CERTIFY, dateGuard: { until: 'step_deadline', mode: 'refuse', rule: REVIEW_RULE } },
    RETURN_FOR_CORRECTION: {
      ...requestConfig.events.RETURN_FOR_CORRECTION,
      dateGuard: { until: 'step_deadline', mode: 'refuse', rule: REVIEW_RULE },
    },
    RECORD_BOARD_OPINION: {
      ...requestConfig.events.RECORD_BOARD_OPINION,
      dateGuard: { until: 'step_deadline', mode: 'refuse', rule: REVIEW_RULE },
    },
    SIGN_ORDER: { ...requestConfig.events.SIGN_ORDER, dateGuard: { until: 'step_deadline', mode: 'refuse', rule: ORDERS_RULE } },
    FILE_GRIEVANCE: { ...requestConfig.events.FILE_GRIEVANCE, dateGuard: { until: 'step_deadline', mode: 'refuse', rule: GRIEVANCE_RULE } },
  },
});

const v3 = transferRequestV3;
/** One second after the end of the school's review of this request: the round's date, or its own later fix-by moment. */
const reviewEnds = (phrase: string) => ({
  ...round('schoolReviewUntil', phrase, 'regulations.md §1.5 step 2 (krukengblog 1018)'),
  laterOf: ['correction.dueAt'],
  offsetSeconds: 1,
});
const fromNotice = (phrase: string, offsetSeconds?: number) => ({
  ...fromData(
    'notMoved.notifiedAt',
    phrase,
    'Act 2547 ม.121/122 ("นับแต่วันที่ได้รับแจ้ง"); regulations.md §3.6 (window per กฎ ก.ค.ศ., 30 days unverified)',
    offsetSeconds,
  ),
  plus: { unit: 'calendar_days' as const, daysPath: 'params.grievanceWindowDays' },
});
const NOT_CERTIFIED_NOTICE = {
  notMoved: {
    th: 'คำขอย้ายของท่านไม่ได้รับการรับรองจากผู้อำนวยการสถานศึกษาภายในกำหนดตามปฏิทินของรอบ จึงสิ้นสุดลง (ไม่ได้รับการพิจารณาย้าย) หากไม่เห็นด้วยร้องทุกข์ได้ภายในกำหนดนับแต่วันที่ได้รับแจ้ง',
    en: 'Your transfer request was not certified by the school director by the round’s date, so it has lapsed (not moved). You may file a grievance within the window counted from the day you are notified.',
  },
  scoring: {
    th: 'คำขอย้ายของท่านไม่ได้รับการรับรองจากผู้อำนวยการสถานศึกษาภายในกำหนด จึงส่งต่อให้คณะทำงานพิจารณาโดยระบุว่าไม่ได้รับรอง',
    en: 'Your transfer request was not certified by the school director in time; it has been forwarded to the working group marked as not certified.',
  },
};

/**
 * Version 4 (docs/workflows/transfer.md "Deadlines"): version 3, plus
 * - a request the school never finished reviewing by `schoolReviewUntil`
 *   (or its own later fix-by moment) is not left waiting: one second after,
 *   the system sends `REVIEW_PERIOD_CLOSED` and the round's parameter
 *   `notCertified` decides — `lapse` (not moved, with a grievance right) or
 *   `forward` (on to scoring, marked not certified); the teacher is told
 *   either way (a notice). A certified request whose board opinion was never
 *   recorded goes on without it (`BOARD_PERIOD_CLOSED`);
 * - the grievance window counts from the day the teacher was notified of the
 *   result (`RESULT_NOTIFIED` with `occurredAt`), with its clock, its closing
 *   event and the guard on filing; HR records a grievance received on paper
 *   with its received date (`RECORD_PAPER_GRIEVANCE`), and the 90-day
 *   decision clock counts from that date.
 * Versions 1–3 stay registered unchanged for the requests filed on them.
 */
export const transferRequestV4 = defineWorkflow({
  ...requestConfig,
  version: 4,
  machine: transferRequestMachineV4,
  input: TransferRequestInputV4,
  steps: {
    ...v3.steps,
    schoolReview: {
      ...v3.steps.schoolReview!,
      systemEvents: [
        {
          event: 'REVIEW_PERIOD_CLOSED',
          at: reviewEnds('คำขอที่ผู้อำนวยการสถานศึกษาไม่ได้รับรองภายในกำหนด: สิ้นสุด หรือส่งต่อโดยระบุว่าไม่ได้รับรอง ตามที่รอบกำหนด'),
        },
      ],
    },
    boardOpinion: {
      ...v3.steps.boardOpinion!,
      systemEvents: [{ event: 'BOARD_PERIOD_CLOSED', at: reviewEnds('พ้นกำหนดให้ความเห็นของคณะกรรมการสถานศึกษา: ส่งต่อโดยไม่มีความเห็น') }],
    },
    notMoved: {
      label: { th: 'ไม่ได้รับการพิจารณาย้าย: แจ้งผลให้ครูทราบ', en: 'Not moved: the teacher is notified of the result' },
      roles: ['hr_officer', 'applicant'],
      deadline: {
        kind: 'external',
        calendar: 'การแจ้งผลให้ครูทราบเป็นรายบุคคล (บันทึก RESULT_NOTIFIED)',
        phrase: 'แจ้งผลการพิจารณาให้ครูทราบ (ไม่พบระยะเวลาที่กำหนด)',
        source: 'Act 2547 ม.121/122 ("นับแต่วันที่ได้รับแจ้ง"); [GAP: no time limit for telling the teacher found]',
      },
      source: 'Act 2547 ม.121/122 (the window counts from the day the person is notified); regulations.md §1.5 step 9',
    },
    grievanceWindow: {
      label: { th: 'ครูทราบผลแล้ว ร้องทุกข์ได้ภายในกำหนดนับแต่วันที่ได้รับแจ้ง', en: 'Notified: a grievance may be filed in the window' },
      roles: ['applicant', 'hr_officer'],
      deadline: fromNotice('ร้องทุกข์ภายในสามสิบวันนับแต่วันที่ได้รับแจ้ง (ค่าเริ่มต้น 30 วัน กำหนดได้ต่อรอบ)'),
      systemEvents: [{ event: 'CLOSE_GRIEVANCE_WINDOW', at: fromNotice('พ้นกำหนดร้องทุกข์', 1) }],
      source: 'Act 2547 ม.121/122/123; regulations.md §3.6',
    },
  },
  events: {
    ...v3.events,
    REVIEW_PERIOD_CLOSED: {
      label: { th: 'พ้นกำหนดตรวจสอบและรับรองของสถานศึกษา', en: 'School review period ended' },
      payload: Empty,
      roles: ['system'],
      informs: { roles: ['applicant'], message: NOT_CERTIFIED_NOTICE.notMoved, byState: NOT_CERTIFIED_NOTICE },
    },
    BOARD_PERIOD_CLOSED: {
      label: { th: 'พ้นกำหนดให้ความเห็นของคณะกรรมการสถานศึกษา', en: 'Board opinion period ended' },
      payload: Empty,
      roles: ['system'],
      informs: {
        roles: ['applicant'],
        message: {
          th: 'คณะกรรมการสถานศึกษาไม่ได้ให้ความเห็นภายในกำหนด คำขอย้ายของท่านจึงส่งต่อให้คณะทำงานพิจารณาโดยไม่มีความเห็น',
          en: 'The school board gave no opinion in time; your request has been forwarded to the working group without it.',
        },
      },
    },
    RESULT_NOTIFIED: {
      label: { th: 'บันทึกวันที่ครูได้รับแจ้งผล', en: 'Record the day the teacher was notified' },
      payload: ResultNotifiedPayload,
      roles: ['hr_officer', 'applicant'],
      occurredAt: { notBefore: 'notMoved.since' },
    },
    RECORD_PAPER_GRIEVANCE: {
      label: { th: 'บันทึกหนังสือร้องทุกข์ที่รับเป็นกระดาษ', en: 'Record a grievance received on paper' },
      payload: PaperGrievancePayload,
      roles: ['hr_officer'],
      occurredAt: { notBefore: 'notMoved.notifiedAt' },
      // in time is judged by the day it was received, not the day HR records it
      dateGuard: { until: 'step_deadline', mode: 'refuse', against: 'occurred_at', rule: GRIEVANCE_RULE },
    },
  },
});

/** What sends the matching's proposals: the round's matching, never a person (issue 21). */
export const SENT_BY_MATCHING = {
  th: 'ผลการจับคู่ส่งถึงคำขอเมื่อเจ้าหน้าที่เสนอผลการประมวลผลของรอบต่อคณะกรรมการ (POST /api/transfer-rounds/:caseId/matching/publish)',
  en: 'Proposals reach a request when an officer publishes the round’s matching run to the committees (POST /api/transfer-rounds/:caseId/matching/publish).',
};
// version 4's events (with their date guards and notices), by name
const v4events = transferRequestV4.events as unknown as typeof requestConfig.events;
/**
 * Version 5: version 4, where placements come only from the round's
 * matching (the system sends PROPOSE_PLACEMENT / PROPOSE_NO_PLACEMENT
 * through the round's matching service; a person sending one is refused
 * with SYSTEM_ONLY_EVENT and is never offered it), and a refused action
 * says which rule failed (refusals.ts: the eligibility reasons, the scoring
 * problems, four eyes, the ม.53 signer, the moments that passed). Same
 * machine as version 4.
 */
export const transferRequestV5 = defineWorkflow({
  ...requestConfig,
  version: 5,
  machine: transferRequestMachineV4,
  input: TransferRequestInputV4,
  steps: transferRequestV4.steps,
  events: {
    ...v4events,
    SUBMIT: { ...v4events.SUBMIT, explainRefusal: explainFiling },
    RESUBMIT: { ...v4events.RESUBMIT, explainRefusal: explainFiling },
    RETURN_FOR_CORRECTION: { ...v4events.RETURN_FOR_CORRECTION, explainRefusal: explainReturn },
    ENTER_SCORES: { ...v4events.ENTER_SCORES, explainRefusal: explainScores },
    VERIFY_SCORES: { ...v4events.VERIFY_SCORES, explainRefusal: explainFourEyes },
    DISPUTE_SCORES: { ...v4events.DISPUTE_SCORES, explainRefusal: explainFourEyes },
    PROPOSE_PLACEMENT: { ...v4events.PROPOSE_PLACEMENT, roles: ['system'], systemOnly: SENT_BY_MATCHING },
    PROPOSE_NO_PLACEMENT: { ...v4events.PROPOSE_NO_PLACEMENT, roles: ['system'], systemOnly: SENT_BY_MATCHING },
    SIGN_ORDER: { ...v4events.SIGN_ORDER, explainRefusal: explainSigning },
    REPORT_FOR_DUTY: { ...v4events.REPORT_FOR_DUTY, explainRefusal: explainReport },
  },
});

/** Who records a TRS filing, and how a refused one is explained (the import's per-row report says the same). */
export const RECORDED_FROM_TRS = {
  th: 'นำเข้าคำขอย้ายที่ครูยื่นในระบบ TRS โดยเจ้าหน้าที่บริหารงานบุคคล',
  en: 'A request the teacher filed in TRS, imported by the HR officer',
};
const v5events = transferRequestV5.events as unknown as typeof requestConfig.events;
/**
 * Version 6 (issue 21): version 5, plus `RECORD_EXTERNAL_FILING` at the
 * draft: the office's HR officer records a request the teacher filed in the
 * national transfer system (TRS), from TRS's export (the round page's TRS
 * import, round-trs-import.ts), instead of the teacher filing it twice. The
 * event carries what was filed, the TRS request number and the moment it
 * was filed there (`occurredAt`: not in the future, not before the round's
 * requests opened; the machine judges the filing as of that moment, so one
 * made after the window closed is refused). From the school's review on,
 * the request runs as any other. Same machine as version 5 with that one
 * transition added (request-machine-v6.ts).
 */
export const transferRequestV6 = defineWorkflow({
  ...requestConfig,
  version: 6,
  machine: transferRequestMachineV6,
  input: TransferRequestInputV4,
  steps: transferRequestV5.steps,
  events: {
    ...v5events,
    RECORD_EXTERNAL_FILING: {
      label: { th: 'บันทึกคำขอย้ายที่ยื่นในระบบ TRS', en: 'Record a request filed in TRS' },
      payload: ExternalFilingPayload,
      roles: ['hr_officer'],
      occurredAt: { notBefore: 'params.phases.requestsFrom' },
      explainRefusal: explainExternalFiling,
    },
  },
});

/** What sends the exchange's events: the sending round's publication and the receiving office's decision and order, never a person here. */
export const SENT_BY_EXCHANGE = {
  th: 'ระบบส่งเมื่อรอบของเขตต้นทางเสนอผลการจับคู่ (ส่งคำขอไปเขตที่รับย้าย) และเมื่อเขตที่รับย้ายบันทึกมติ อ.ก.ค.ศ. หรือลงนามคำสั่ง (POST /api/transfer-exchanges/:id/decision, …/order)',
  en: 'Sent by the system when the sending round publishes its matching (forwarding the request) and when the receiving office records its sub-committee’s resolution or signs the order (POST /api/transfer-exchanges/:id/decision, …/order).',
};
const v6events = transferRequestV6.events as unknown as typeof requestConfig.events;
/** A request forwarded to another office on esa-flow gets that office's resolution through the exchange, never by hand. */
const notExchanged = (context: unknown) => !(context as { exchange?: unknown }).exchange;
/**
 * Version 7 (issue 21, Act ม.59): moves to another area (request-machine-v7.ts).
 * A request names schools of one area only; one for another office on
 * esa-flow is forwarded to that office's round by the sending round's
 * publication (`FORWARD_TO_AREA`), ranked there with that office's own
 * applicants, decided by its อ.ก.ค.ศ. and returned (`RECEIVING_AREA_DECIDED`),
 * then approved by this office's committees; its order is signed in the
 * receiving office (`RECORD_RECEIVING_ORDER`). To an area not on esa-flow,
 * the list sent by letter is recorded (`RECORD_FORWARDED_LIST`) before the
 * resolution returned. Versions 1–6 stay registered unchanged.
 */
export const transferRequestV7 = defineWorkflow({
  ...requestConfig,
  version: 7,
  machine: transferRequestMachineV7,
  input: TransferRequestInputV4,
  steps: {
    ...transferRequestV6.steps,
    forwardedToArea: {
      label: { th: 'ส่งคำขอไปเขตพื้นที่การศึกษาที่รับย้าย รอผลการพิจารณา', en: 'Forwarded to the receiving area, awaiting its decision' },
      roles: [],
      deadline: {
        kind: 'external',
        calendar: 'การประมวลผลและการประชุม อ.ก.ค.ศ. ของเขตพื้นที่การศึกษาที่รับย้าย',
        phrase: 'ตามปฏิทินของรอบและกำหนดการประชุมของเขตพื้นที่การศึกษาที่รับย้าย',
        source: 'Act 2547 ม.59 (no time limit stated)',
      },
      source: 'Act 2547 ม.59 ("ของผู้ประสงค์ย้ายและผู้รับย้าย"): the receiving area ranks and approves',
    },
  },
  events: {
    ...v6events,
    SUBMIT: { ...v6events.SUBMIT, explainRefusal: explainFilingV7 },
    RESUBMIT: { ...v6events.RESUBMIT, explainRefusal: explainFilingV7 },
    RECORD_EXTERNAL_FILING: {
      ...(transferRequestV6.events.RECORD_EXTERNAL_FILING as unknown as typeof v6events.SUBMIT),
      explainRefusal: explainFilingV7,
    },
    SIGN_ORDER: { ...v6events.SIGN_ORDER, explainRefusal: explainSigningV7 },
    RECEIVING_AREA_APPROVED: { ...v6events.RECEIVING_AREA_APPROVED, explainRefusal: explainReceivingArea, offeredWhen: notExchanged },
    RECEIVING_AREA_REJECTED: { ...v6events.RECEIVING_AREA_REJECTED, explainRefusal: explainReceivingArea, offeredWhen: notExchanged },
    RECORD_FORWARDED_LIST: {
      label: { th: 'บันทึกหนังสือส่งรายชื่อไปเขตพื้นที่การศึกษาที่รับย้าย', en: 'Record the list sent to the receiving area by letter' },
      payload: ForwardedListPayload,
      roles: ['hr_officer'],
    },
    FORWARD_TO_AREA: {
      label: { th: 'ส่งคำขอไปให้เขตพื้นที่การศึกษาที่รับย้ายพิจารณา', en: 'Forward to the receiving area' },
      payload: ForwardToAreaPayload,
      roles: ['system'],
      systemOnly: SENT_BY_EXCHANGE,
    },
    RECEIVING_AREA_DECIDED: {
      label: { th: 'ได้รับผลการพิจารณาของเขตพื้นที่การศึกษาที่รับย้าย', en: 'The receiving area’s decision returned' },
      payload: ReceivingAreaDecidedPayload,
      roles: ['system'],
      systemOnly: SENT_BY_EXCHANGE,
      informs: {
        roles: ['applicant'],
        message: {
          th: 'เขตพื้นที่การศึกษาที่รับย้ายพิจารณาคำขอย้ายของท่านแล้ว ดูผลในคำขอ',
          en: 'The receiving area has decided on your transfer request; see the result on the request.',
        },
      },
    },
    RECORD_RECEIVING_ORDER: {
      label: { th: 'บันทึกคำสั่งย้ายที่ลงนามโดยเขตพื้นที่การศึกษาที่รับย้าย', en: 'Record the order signed in the receiving area' },
      payload: ReceivingOrderPayload,
      roles: ['system'],
      systemOnly: SENT_BY_EXCHANGE,
      explainRefusal: explainReceivingOrder,
    },
  },
});

/** The version that version 8 builds on: version 7 (moves to another area through an exchange); nothing else in version 8 names its base. */
const V8_BASE = transferRequestV7;
/** Who may be a request's reviewer (its `params.reviewer`, set when it is filed: the assignee narrows to one). */
const REVIEWERS = ['school_director', 'area_director'] as const;
const v8baseEvents = V8_BASE.events as unknown as typeof requestConfig.events & {
  RECORD_EXTERNAL_FILING: (typeof transferRequestV6.events)['RECORD_EXTERNAL_FILING'];
};
/**
 * Version 8 (issue 21, school administrators' rounds, seed-003 §2.2): its
 * base (above), where the request's facts may name a school
 * administrator's position (ผู้อำนวยการ / รองผู้อำนวยการสถานศึกษา) and the
 * round's parameters say who the round is for (`applicants`, default
 * teachers). The machine is the base's with one guard and its action
 * changed (request-machine-v8.ts): the order of a school administrator is
 * signed by the area director whatever the standing (ม.53(3)). Who may file
 * in which round is the eligibility check (`position_not_in_round`), an
 * administrator is matched to a vacancy naming their post and scored by the
 * round's table (`obec_school_administrator`: the three components of
 * committee A4).
 * The school's review is assigned per request (`params.reviewer`, set when
 * it is filed): the director of the teacher's school as before, or the area
 * director for a school administrator (a director cannot certify their own
 * request: the engine refuses self-dealing).
 */
export const transferRequestV8 = defineWorkflow({
  ...requestConfig,
  version: 8,
  machine: withSignerByPosition(V8_BASE.machine),
  input: TransferRequestInputV8,
  steps: {
    ...V8_BASE.steps,
    // the applicant's ผู้บังคับบัญชา checks and certifies: the school's director, or the area director for a school administrator
    // (the step's label stays the base's: a teacher's request is still the school director's)
    schoolReview: {
      ...V8_BASE.steps.schoolReview!,
      roles: REVIEWERS,
      assignee: 'params.reviewer',
      source: `${V8_BASE.steps.schoolReview!.source}; school administrators: the area director (their ผู้บังคับบัญชา)`,
    },
    boardOpinion: { ...V8_BASE.steps.boardOpinion!, roles: REVIEWERS, assignee: 'params.reviewer' },
    scoring: {
      ...V8_BASE.steps.scoring!,
      source: `${V8_BASE.steps.scoring!.source}; administrators' rounds: seed-003 §2.2 A1 (qualifications), A2 (transfer score) and A4 (management ability, vision, self-development)`,
    },
    verification: {
      ...V8_BASE.steps.verification!,
      source: `${V8_BASE.steps.verification!.source}; administrators' rounds: seed-003 §2.2 A3`,
    },
    screening: {
      ...V8_BASE.steps.screening!,
      source: `${V8_BASE.steps.screening!.source}; administrators' rounds: seed-003 §2.2 A5 (คณะกรรมการกลั่นกรองการย้าย ตำแหน่งผู้บริหารสถานศึกษา)`,
    },
    orderSigning: {
      ...V8_BASE.steps.orderSigning!,
      source: `${V8_BASE.steps.orderSigning!.source}; school administrators: ม.53(3) (ผอ.สพท.)`,
    },
  },
  events: {
    ...v8baseEvents,
    CERTIFY: { ...v8baseEvents.CERTIFY, roles: REVIEWERS, assignee: 'params.reviewer' },
    RETURN_FOR_CORRECTION: { ...v8baseEvents.RETURN_FOR_CORRECTION, roles: REVIEWERS, assignee: 'params.reviewer' },
    RECORD_BOARD_OPINION: { ...v8baseEvents.RECORD_BOARD_OPINION, roles: REVIEWERS, assignee: 'params.reviewer' },
    SIGN_ORDER: { ...v8baseEvents.SIGN_ORDER, explainRefusal: explainSigningV8 },
    SUBMIT: { ...v8baseEvents.SUBMIT, payload: RequestSubmissionV8 },
    RESUBMIT: { ...v8baseEvents.RESUBMIT, payload: RequestSubmissionV8 },
    RECORD_EXTERNAL_FILING: { ...v8baseEvents.RECORD_EXTERNAL_FILING, payload: ExternalFilingPayloadV8 },
  },
});
