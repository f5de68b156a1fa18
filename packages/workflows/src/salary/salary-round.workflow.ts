/**
 * `salary-round@1`: the salary raise round of one office, twice a year. Opened
 * by an HR officer or on schedule (the worker's `open-cycle` hook, as the
 * system). Its input is the round's policy parameters (round-params.ts). The
 * three committees of seed 000 decide at round level — one agenda item for
 * the whole round — through the engine's committees capability; the children
 * follow in bulk (round-host.ts). See docs/workflows/salary-round.md.
 */
import { WORKFLOW_LABELS } from '../labels';
import { CommitteeResolutionPayload, defineWorkflow } from '@esa-flow/engine';
import { RoundParams } from './round-params';
import { RoundParamsV3 } from './band-ranges';
import {
  AllocationOverridesSetPayload,
  AllocationProposedPayloadV3,
  AllocationRangesSetPayload,
  salaryRoundMachineV3,
} from './salary-round-v3.machine';
import {
  AllocationProposedPayload,
  AnnounceCriteriaPayload,
  BeginAppraisalPayload,
  Empty,
  OrdersIssuedPayload,
  ResultsPublishedPayload,
  salaryRoundMachine,
} from './salary-round.machine';

const SEED = 'seed-000 §2.1 (L73–L95)';
const ROUND_CALENDAR = 'กำหนดการของรอบเลื่อนเงินเดือน';
const resolutionEvent = (th: string, en: string) => ({
  label: { th, en },
  payload: CommitteeResolutionPayload,
  roles: ['committee' as const],
});

export const salaryRound = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'salary-round',
  version: 1,
  title: { th: 'รอบการเลื่อนเงินเดือนข้าราชการครูและบุคลากรทางการศึกษา', en: 'Salary raise round' },
  machine: salaryRoundMachine,
  input: RoundParams,
  starters: ['hr_officer', 'system'],
  steps: {
    announcing: {
      label: { th: 'ประกาศหลักเกณฑ์และวิธีการประเมินผลการปฏิบัติราชการ', en: 'Announce the appraisal criteria' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'immediately',
        phrase: 'ประกาศให้ทราบโดยทั่วกัน เมื่อเริ่มรอบการประเมิน',
        source: 'seed-000 §2.1 rule 3.1 (L79)',
        note: '"when the round starts": read as the working day the round is opened',
      },
      source: `${SEED} steps 1–2, rule 3.1`,
    },
    evaluating: {
      label: { th: 'ระหว่างรอบการประเมิน (ข้อตกลง ตัวชี้วัด ติดตามให้คำปรึกษา)', en: 'Evaluation half-year (agreements, indicators, monitoring)' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'external',
        calendar: `${ROUND_CALENDAR} (dates.evaluationTo)`,
        phrase: 'ประเมินผลการปฏิบัติงานระหว่างวันที่ ๑ ตุลาคม ถึงวันที่ ๓๐ มีนาคม ของปีถัดไป',
        source: 'seed-000 §2.1 (rounds table)',
        note: 'round 1 ends 31 March (the seed\'s "๓๐" read as a typo, regulations.md §3.2); round 2 ends 30 September; the round opens the appraisal when its half-year ends',
      },
      source: `${SEED} steps 3–4 (individual indicators and monitoring run in the PA; not modelled per person)`,
    },
    appraising: {
      label: { th: 'ผู้บังคับบัญชาประเมินและให้คะแนน', en: 'Supervisors appraise and score' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'external',
        calendar: `${ROUND_CALENDAR} (schedule.appraisalDueOn)`,
        phrase: 'ภายในระยะเวลาที่กำหนดไว้อย่างแน่นอน',
        source: 'seed-000 §2.1 (L75)',
        note: 'the seed gives no number: round parameter schedule.appraisalDueOn (default: end of the evaluation period + 15 days, unverified); the host closes the appraisal then (advanceCycleIfSettled orAfter)',
      },
      source: `${SEED} step 5`,
    },
    screening: {
      label: { th: 'คณะกรรมการกลั่นกรองผลการประเมินพิจารณา', en: 'Screening committee reviews the appraisals' },
      roles: ['committee', 'hr_officer'],
      committee: { kind: 'salary_screening', resolutions: { approve: 'SCREENING_APPROVED', reject: 'SCREENING_RETURNED' } },
      deadline: {
        kind: 'external',
        calendar: `${ROUND_CALENDAR} (schedule.screeningDueOn)`,
        phrase: 'เสนอคณะกรรมการกลั่นกรองผลการประเมิน',
        source: 'seed-000 §2.1 step 6',
        note: 'no time limit in the seed: round parameter schedule.screeningDueOn (default: end of the evaluation period + 30 days, unverified)',
      },
      source: `${SEED} step 6, rule 3.4 (L89)`,
    },
    notifyingAppraisal: {
      label: { th: 'แจ้งผลการประเมินรายบุคคล', en: 'Tell each person the appraisal result' },
      roles: ['hr_officer'],
      source: `${SEED} step 7 "แจ้งผลการประเมิน"`,
    },
    allocating: {
      label: { th: 'จัดทำข้อเสนอการเลื่อนเงินเดือนตามวงเงิน', en: 'Prepare the allocation within the budget' },
      roles: ['hr_officer'],
      source: `${SEED} step 8; regulations.md §3.4 (คณะกรรมการบริหารวงเงิน)`,
    },
    budgetReview: {
      label: { th: 'คณะกรรมการพิจารณาผลคะแนนกับวงเงินงบประมาณ', en: 'Committee matching scores to the budget' },
      roles: ['committee', 'hr_officer'],
      committee: { kind: 'salary_budget', resolutions: { approve: 'BUDGET_APPROVED', reject: 'BUDGET_RETURNED' } },
      deadline: {
        kind: 'external',
        calendar: `${ROUND_CALENDAR} (schedule.budgetDueOn)`,
        phrase: 'เสนอคณะกรรมการพิจารณาผลคะแนนกับวงเงินงบประมาณ',
        source: 'seed-000 §2.1 step 8',
        note: 'no time limit in the seed: round parameter schedule.budgetDueOn (default + 45 days, unverified)',
      },
      source: `${SEED} step 8; Act ม.73 (the committee the supervisor appoints)`,
    },
    approval: {
      label: { th: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษาให้ความเห็นชอบ', en: 'Approval by the area sub-committee' },
      roles: ['committee', 'hr_officer'],
      committee: { kind: 'area_approval', resolutions: { approve: 'ROUND_APPROVED', reject: 'ROUND_REFUSED' } },
      deadline: {
        kind: 'external',
        calendar: `${ROUND_CALENDAR} (schedule.approvalDueOn)`,
        phrase: 'เสนอขอความเห็นชอบต่อ อศจ. และ กศจ. ตามลำดับ',
        source: 'seed-000 §2.1 step 9',
        note: 'the seed names อศจ. then กศจ. (2560–2565); today the body is อ.ก.ค.ศ. เขต (regulations.md §0); no time limit: schedule.approvalDueOn (default + 60 days, unverified)',
      },
      source: `${SEED} step 9; regulations.md §0 (approving body by date)`,
    },
    publishing: {
      label: {
        th: 'ประกาศรายชื่อผู้มีผลการประเมินดีเด่นและดีมาก และแจ้งร้อยละรายบุคคล',
        en: 'Publish the ดีเด่น/ดีมาก lists and tell each person their %',
      },
      roles: ['hr_officer'],
      source: `${SEED} step 10, rule 3.5 (L91); Act ม.73 (reasons to those not raised)`,
    },
    ordering: {
      label: { th: 'จัดทำคำสั่งเลื่อนเงินเดือน', en: 'Issue the salary orders' },
      roles: ['hr_officer', 'area_director'],
      deadline: {
        kind: 'external',
        calendar: `${ROUND_CALENDAR} (schedule.ordersDueOn)`,
        phrase: 'จัดทำคำสั่งเลื่อนเงินเดือนและแจ้งผลเลื่อนเงินเดือน',
        source: 'seed-000 §2.1 step 11',
        note: 'no time limit in the seed: schedule.ordersDueOn (default + 75 days, unverified); signed by the ม.53 authority (Act ม.73)',
      },
      source: `${SEED} step 11; Act ม.53, ม.73`,
    },
    grievanceWindow: {
      label: { th: 'ระยะเวลาร้องทุกข์', en: 'Grievance window' },
      roles: [],
      deadline: {
        kind: 'external',
        calendar: `${ROUND_CALENDAR} (grievanceWindowDays นับแต่วันแจ้งผล)`,
        phrase: 'ภายในสามสิบวันนับแต่วันที่ได้รับแจ้งคำสั่ง',
        source: 'Act ม.121 wording, by analogy; issue 8; regulations.md §3.6 (the window of กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์ is unverified)',
        note: 'round parameter grievanceWindowDays (default 30, calendar days, ม.193/3 and ม.193/8), counted from the individual notices; the host closes the window then',
      },
      source: 'Act ม.123–124; regulations.md §3.6',
    },
    settling: {
      label: { th: 'รอผลการพิจารณาเรื่องร้องทุกข์ที่ค้างอยู่', en: 'Waiting for pending grievances' },
      roles: ['hr_officer'],
      source: 'Act ม.123 (grievances filed in the window are decided before the round closes)',
    },
  },
  events: {
    ANNOUNCE_CRITERIA: {
      label: { th: 'ประกาศหลักเกณฑ์การประเมิน', en: 'Announce the criteria' },
      payload: AnnounceCriteriaPayload,
      roles: ['hr_officer'],
    },
    BEGIN_APPRAISAL: {
      label: { th: 'เปิดการประเมินรายบุคคล', en: 'Open the appraisals' },
      payload: BeginAppraisalPayload,
      roles: ['hr_officer', 'system'],
    },
    APPRAISAL_CLOSED: { label: { th: 'ปิดรับผลการประเมิน', en: 'Close the appraisal' }, payload: Empty, roles: ['system', 'hr_officer'] },
    SCREENING_APPROVED: resolutionEvent('มติกลั่นกรองเห็นชอบผลการประเมิน', 'Screening approved'),
    SCREENING_RETURNED: resolutionEvent('มติให้ทบทวนผลการประเมิน', 'Screening returned for review'),
    APPRAISAL_RESULTS_NOTIFIED: {
      label: { th: 'แจ้งผลการประเมินครบแล้ว', en: 'Appraisal results told' },
      payload: Empty,
      roles: ['system', 'hr_officer'],
    },
    ALLOCATION_PROPOSED: {
      label: { th: 'เสนอการจัดสรรวงเงิน', en: 'Propose the allocation' },
      payload: AllocationProposedPayload,
      roles: ['hr_officer'],
    },
    BUDGET_APPROVED: resolutionEvent('มติเห็นชอบการจัดสรรวงเงิน', 'Allocation approved'),
    BUDGET_RETURNED: resolutionEvent('มติให้ปรับการจัดสรรวงเงิน', 'Allocation returned'),
    ROUND_APPROVED: resolutionEvent('มติ อ.ก.ค.ศ. เห็นชอบ', 'Approved by the sub-committee'),
    ROUND_REFUSED: resolutionEvent('มติ อ.ก.ค.ศ. ไม่เห็นชอบ', 'Refused by the sub-committee'),
    RESULTS_PUBLISHED: {
      label: { th: 'ประกาศรายชื่อและแจ้งผลรายบุคคล', en: 'Publish and tell each person' },
      payload: ResultsPublishedPayload,
      roles: ['hr_officer'],
    },
    ORDERS_ISSUED: {
      label: { th: 'ออกคำสั่งเลื่อนเงินเดือน', en: 'Orders issued' },
      payload: OrdersIssuedPayload,
      roles: ['hr_officer', 'area_director'],
    },
    WINDOW_CLOSED: { label: { th: 'สิ้นสุดระยะเวลาร้องทุกข์', en: 'Grievance window closed' }, payload: Empty, roles: ['system', 'hr_officer'] },
    ROUND_CLOSED: { label: { th: 'ปิดรอบ', en: 'Close the round' }, payload: Empty, roles: ['system'] },
  },
});

const v1 = salaryRound.steps;
/** A phase's target date, read from the round's resolved dates (`roundDates`: the round's `schedule.*DueOn`, or its default), 16:30 that day. */
const scheduled = (step: keyof typeof v1, path: string) => {
  const d = v1[step]!.deadline as { phrase: string; source: string; note?: string };
  return { kind: 'from_data' as const, path, phrase: d.phrase, source: d.source, ...(d.note ? { note: d.note } : {}) };
};

/**
 * Version 2 (issue 18): every phase of the round's schedule opens an SLA clock
 * read from the round's data (`dates.appraisalDueOn` … `dates.ordersDueOn`, the
 * round's `schedule.*DueOn` or their defaults; docs/sla.md "Moments from the
 * case's data"), with the reminders, due and overdue notices and escalation of
 * any clock, on the supervisor's dashboard and in the inbox. The grievance
 * window's clock ends at the end the published notices state
 * (`publication.windowEndsAt`). The machine is unchanged; the host's closings
 * (closeAppraisal, closeGrievanceWindow) are as in version 1. Version 1 stays
 * registered for the rounds opened on it.
 */
export const salaryRoundV2 = defineWorkflow({
  ...(({ key: _k, contentHash: _h, leafSteps: _l, ...config }) => config)(salaryRound),
  version: 2,
  steps: {
    ...v1,
    appraising: { ...v1.appraising!, deadline: scheduled('appraising', 'dates.appraisalDueOn') },
    screening: { ...v1.screening!, deadline: scheduled('screening', 'dates.screeningDueOn') },
    budgetReview: { ...v1.budgetReview!, deadline: scheduled('budgetReview', 'dates.budgetDueOn') },
    approval: { ...v1.approval!, deadline: scheduled('approval', 'dates.approvalDueOn') },
    ordering: { ...v1.ordering!, deadline: scheduled('ordering', 'dates.ordersDueOn'), sla: { remindWorkingDaysBefore: [5, 1] } },
    grievanceWindow: {
      ...v1.grievanceWindow!,
      deadline: {
        kind: 'from_data',
        path: 'publication.windowEndsAt',
        phrase: 'ภายในสามสิบวันนับแต่วันที่ได้รับแจ้งคำสั่ง',
        source: 'Act ม.121 wording, by analogy; regulations.md §3.6',
        note: 'the end the individual notices state (grievanceWindowDays calendar days from the notices, ม.193/3 and ม.193/8); nobody acts here, so a window the host has not closed by then escalates',
      },
    },
  },
});

const v2 = salaryRoundV2;
const COMMITTEE_ALLOCATORS = ['hr_officer', 'committee_chair', 'committee_secretary', 'committee_member'] as const;

/**
 * Version 3 (issue 22): the allocation the committees actually make. The
 * budget is pooled per group (teachers; school administrators; 38 ค.(2)
 * staff; others) and, where the office decides so, per school; the budget
 * committee sets a % range per band and decides each person's % within it,
 * the computed suggestion shown (`ALLOCATION_RANGES_SET`,
 * `ALLOCATION_OVERRIDES_SET`, at the allocation); the proposal is refused
 * while any pool is exceeded. Its policy is `band_ranges` (default) or seed
 * 001's headcount quota (band-ranges.ts). The schedule's clocks are those of
 * version 2. Versions 1–2 stay registered for the rounds opened on them, with
 * the old formula.
 */
export const salaryRoundV3 = defineWorkflow({
  ...(({ key: _k, contentHash: _h, leafSteps: _l, ...config }) => config)(v2),
  version: 3,
  machine: salaryRoundMachineV3,
  input: RoundParamsV3,
  steps: {
    ...v2.steps,
    allocating: {
      ...v2.steps.allocating!,
      label: { th: 'คณะกรรมการกำหนดช่วงร้อยละและจัดสรรวงเงินตามกลุ่ม', en: 'The committee sets the ranges and allocates each pool' },
      source: `${SEED} step 8; regulations.md §3.4 (คณะกรรมการบริหารวงเงิน); seed-003 §2.7 (committees per group); issue 22`,
    },
  },
  events: {
    ...v2.events,
    ALLOCATION_RANGES_SET: {
      label: { th: 'กำหนดช่วงร้อยละของแต่ละระดับและกลุ่มวงเงิน', en: 'Set the % range of each band and the pools' },
      payload: AllocationRangesSetPayload,
      roles: [...COMMITTEE_ALLOCATORS],
    },
    ALLOCATION_OVERRIDES_SET: {
      label: { th: 'บันทึกร้อยละที่คณะกรรมการกำหนดรายบุคคล', en: "Record the committee's % for people" },
      payload: AllocationOverridesSetPayload,
      roles: [...COMMITTEE_ALLOCATORS],
    },
    ALLOCATION_PROPOSED: { ...v2.events.ALLOCATION_PROPOSED!, payload: AllocationProposedPayloadV3 },
  },
});

const v3 = salaryRoundV3;

/**
 * Version 4 (issue 22): the round of version 3 — the same machine and
 * allocation — whose children are `salary-raise@4` (the host opens them at
 * that version: round-host.ts `CHILD_RAISE_VERSION`): each person's grievance
 * window counts from the day that person was notified, the round's
 * `grievanceWindowDays` passed to every child. The round's own window
 * (`publication.windowEndsAt`) closes those told at the publication; a person
 * notified later has their own window, closed by the system, and the round
 * waits for it at `settling`. Versions 1–3 stay registered for the rounds
 * opened on them (their children stay at `salary-raise@3`).
 */
export const salaryRoundV4 = defineWorkflow({
  ...(({ key: _k, contentHash: _h, leafSteps: _l, ...config }) => config)(v3),
  version: 4,
  steps: {
    ...v3.steps,
    grievanceWindow: {
      ...v3.steps.grievanceWindow!,
      deadline: {
        ...(v3.steps.grievanceWindow!.deadline as { kind: 'from_data'; path: string; phrase: string; source: string }),
        note: 'the end the published notices state (grievanceWindowDays calendar days from the publication, ม.193/3 and ม.193/8) for everyone told then; a person notified later (salary-raise@4 NOTICE_RECEIVED) has their own window from that day, and the round waits for it at settling',
      },
    },
    settling: {
      ...v3.steps.settling!,
      label: {
        th: 'รอผลการพิจารณาเรื่องร้องทุกข์และระยะเวลาร้องทุกข์รายบุคคลที่ค้างอยู่',
        en: 'Waiting for pending grievances and personal grievance windows',
      },
      source:
        'Act ม.123 (grievances filed in the window are decided before the round closes); Act ม.121–123 (a person notified later counts from that day: salary-raise@4)',
    },
  },
});
