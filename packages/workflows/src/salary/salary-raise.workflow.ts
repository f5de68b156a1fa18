/**
 * `salary-raise@1`: the per-person child case of a salary raise round.
 * Opened in bulk by the round (`openCycleChildren`), never by hand: its
 * starters are the HR officers who open a round and the system (scheduled
 * openings). The computed results (the band told, the raise decided, the
 * window closed) are sent by the system only, from the round's approved data
 * (round-host.ts), so nobody can hand one person a different raise.
 * See docs/workflows/salary-round.md.
 */
import { WORKFLOW_LABELS } from '../labels';
import { CommitteeResolutionPayload, defineWorkflow, type StepMeta } from '@esa-flow/engine';
import { z } from 'zod';
import {
  AdjustScorePayload,
  AmendRaisePayload,
  ConfirmAppraisalPayload,
  Empty,
  GrievancePayload,
  NotePayload,
  RaiseDecisionPayload,
  SalaryRaiseInput,
  salaryRaiseMachine,
  SubmitScorePayload,
  WithdrawPayload,
} from './salary-raise.machine';
import { SalaryRaiseInputV2, salaryRaiseMachineV2 } from './salary-raise-v2.machine';
import { DEFAULT_GRIEVANCE_WINDOW_DAYS, salaryRaiseMachineV3 } from './salary-raise-v3.machine';

const SEED = 'seed-000 §2.1 (L73–L95)';

export const salaryRaise = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'salary-raise',
  version: 1,
  title: { th: 'การเลื่อนเงินเดือนรายบุคคล', en: 'Salary raise (one person)' },
  machine: salaryRaiseMachine,
  input: SalaryRaiseInput,
  starters: ['hr_officer', 'system'],
  steps: {
    appraisal: {
      label: { th: 'ผู้บังคับบัญชาประเมินผลการปฏิบัติงานและให้คะแนน', en: 'Appraisal and score by the supervisor' },
      roles: ['school_director'],
      deadline: {
        kind: 'external',
        calendar: 'กำหนดการของรอบเลื่อนเงินเดือน (schedule.appraisalDueOn ของรอบ)',
        phrase: 'ภายในระยะเวลาที่กำหนดไว้อย่างแน่นอน',
        source: 'seed-000 §2.1 (L75)',
        note: 'the seed gives no number: the round sets the date (default: end of the evaluation period + 15 days, unverified); the round closes the appraisal at that date',
      },
      source: `${SEED} step 5 "การประเมินผลการปฏิบัติงานและให้คะแนน"; Act ม.72`,
    },
    screening: {
      label: { th: 'รอคณะกรรมการกลั่นกรองผลการประเมิน', en: 'Waiting for the screening committee' },
      roles: [],
      source: `${SEED} step 6 "เสนอคณะกรรมการกลั่นกรองผลการประเมิน", rule 3.4 (L89)`,
    },
    appraisalNotified: {
      label: { th: 'แจ้งผลการประเมินแล้ว รอผลการพิจารณาเลื่อนเงินเดือน', en: 'Appraisal result told; waiting for the raise decision' },
      roles: ['applicant'],
      source: `${SEED} step 7 "แจ้งผลการประเมิน"`,
    },
    raiseNotified: {
      label: { th: 'แจ้งผลการเลื่อนเงินเดือนและร้อยละแล้ว (ร้องทุกข์ได้ภายในกำหนด)', en: 'Raise and % told (a grievance may be filed in the window)' },
      roles: ['applicant'],
      source:
        'seed-000 rule 3.5 (L91) "แจ้งผลการประเมิน แจ้งร้อยละการเลื่อนเงินเดือน ให้ผู้รับการประเมินทราบเป็นรายบุคคล"; step 11 (L95); Act ม.123 (grievance)',
    },
    notRaisedNotified: {
      label: {
        th: 'แจ้งการไม่ได้เลื่อนเงินเดือนพร้อมเหตุผลแล้ว (ร้องทุกข์ได้ภายในกำหนด)',
        en: 'Told of no raise, with the reasons (a grievance may be filed in the window)',
      },
      roles: ['applicant'],
      source: 'Act ม.73 "ให้ผู้บังคับบัญชาแจ้งให้ผู้นั้นทราบพร้อมเหตุผล"; Act ม.123 (grievance)',
    },
    grievance: {
      label: { th: 'อ.ก.ค.ศ. เขตพื้นที่การศึกษาพิจารณาเรื่องร้องทุกข์', en: 'Grievance before the area sub-committee' },
      roles: ['committee', 'hr_officer'],
      committee: { kind: 'area_approval', resolutions: { approve: 'GRIEVANCE_UPHELD', reject: 'GRIEVANCE_DISMISSED' } },
      source: 'Act ม.123 (ร้องทุกข์ต่อ อ.ก.ค.ศ. เขตพื้นที่การศึกษา); regulations.md §3.6',
    },
    amending: {
      label: { th: 'แก้ไขผลการเลื่อนเงินเดือนตามมติ', en: 'Amending the raise as resolved' },
      roles: ['hr_officer'],
      source: 'Act ม.124–125 (the ม.53 authority acts on the decision)',
    },
  },
  events: {
    SUBMIT_SCORE: {
      label: { th: 'ส่งผลการประเมินและคะแนน', en: 'Submit the appraisal score' },
      payload: SubmitScorePayload,
      roles: ['school_director', 'group_director'],
    },
    MARK_NOT_APPRAISED: {
      label: { th: 'บันทึกว่าไม่มีผลการประเมิน', en: 'Record that there is no appraisal' },
      payload: NotePayload,
      roles: ['hr_officer', 'system'],
    },
    ADJUST_SCORE: {
      label: { th: 'บันทึกคะแนนที่คณะกรรมการกลั่นกรองปรับ', en: "Record the screening committee's score change" },
      payload: AdjustScorePayload,
      roles: ['hr_officer'],
    },
    RETURN_FOR_REAPPRAISAL: {
      label: { th: 'ส่งกลับให้ผู้บังคับบัญชาประเมินใหม่', en: 'Return to the supervisor to appraise again' },
      payload: NotePayload,
      roles: ['hr_officer'],
    },
    APPRAISAL_CONFIRMED: {
      label: { th: 'แจ้งผลการประเมิน', en: 'Tell the appraisal result' },
      payload: ConfirmAppraisalPayload,
      roles: ['system'],
    },
    RAISE_DECIDED: {
      label: { th: 'แจ้งผลการเลื่อนเงินเดือน', en: 'Tell the raise decision' },
      payload: RaiseDecisionPayload,
      roles: ['system'],
    },
    FILE_GRIEVANCE: { label: { th: 'ยื่นเรื่องร้องทุกข์', en: 'File a grievance' }, payload: GrievancePayload, roles: ['applicant'] },
    CLOSE_WINDOW: { label: { th: 'สิ้นสุดระยะเวลาร้องทุกข์', en: 'Grievance window closed' }, payload: Empty, roles: ['system'] },
    GRIEVANCE_UPHELD: {
      label: { th: 'มติรับฟังเรื่องร้องทุกข์', en: 'Grievance upheld' },
      payload: CommitteeResolutionPayload,
      roles: ['committee'],
    },
    GRIEVANCE_DISMISSED: {
      label: { th: 'มติยกเรื่องร้องทุกข์', en: 'Grievance dismissed' },
      payload: CommitteeResolutionPayload,
      roles: ['committee'],
    },
    AMEND_RAISE: {
      label: { th: 'บันทึกผลการเลื่อนเงินเดือนที่แก้ไข', en: 'Record the amended raise' },
      payload: AmendRaisePayload,
      roles: ['hr_officer'],
    },
    WITHDRAW: { label: { th: 'พ้นจากการพิจารณาในรอบ', en: 'Leaves the round' }, payload: WithdrawPayload, roles: ['hr_officer', 'system'] },
  },
});

const { key: _key, contentHash: _hash, leafSteps: _leaves, ...raiseV1 } = salaryRaise;
/**
 * Version 2 (issue 18): the grievance decision has its clock — 90 calendar
 * days from the grievance (unverified, regulations.md §3.6), with reminders,
 * overdue and escalation like any clock. The machine is unchanged; version 1
 * stays registered for the raises of its rounds.
 */
export const salaryRaiseV2 = defineWorkflow({
  ...raiseV1,
  version: 2,
  steps: {
    ...raiseV1.steps,
    grievance: {
      ...raiseV1.steps.grievance!,
      deadline: {
        kind: 'calendar_days',
        days: 90,
        phrase: 'พิจารณาให้แล้วเสร็จภายใน 90 วัน นับแต่วันที่ได้รับหนังสือร้องทุกข์',
        source: 'regulations.md §3.6 ([UNVERIFIED] กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์)',
      },
    },
  },
});

/**
 * Version 3 (salary-raise-v2.machine.ts; the clocks of version 2): the appraisal is assigned to the
 * person's ผู้บังคับบัญชา named in the case's data (`person.appraiser`,
 * resolved when the round opens: eligibility.appraiserOf) — the school's
 * director for its teachers and staff, the area director for school
 * directors and deputies, a group director for office staff — and the person
 * acknowledges the appraisal result told to them. Nobody appraises
 * themself (the engine's segregation rule). Versions 1 and 2 stay registered
 * unchanged for the rounds opened on them.
 */
export const salaryRaiseV3 = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'salary-raise',
  version: 3,
  title: salaryRaise.title,
  machine: salaryRaiseMachineV2,
  input: SalaryRaiseInputV2,
  starters: salaryRaise.starters,
  steps: {
    // version 2's steps (the grievance decision's clock), then the appraiser
    ...salaryRaiseV2.steps,
    appraisal: {
      ...salaryRaise.steps.appraisal!,
      label: { th: 'ผู้บังคับบัญชาประเมินผลการปฏิบัติงานและให้คะแนน', en: 'Appraisal and score by the supervisor (ผู้บังคับบัญชา)' },
      roles: ['school_director', 'area_director', 'group_director'],
      assignee: 'person.appraiser',
      source: `${SEED} step 5 "การประเมินผลการปฏิบัติงานและให้คะแนน"; Act ม.72 (ผู้บังคับบัญชา)`,
    },
    appraisalNotified: {
      ...salaryRaise.steps.appraisalNotified!,
      label: {
        th: 'แจ้งผลการประเมินแล้ว รอรับทราบและผลการพิจารณาเลื่อนเงินเดือน',
        en: 'Appraisal result told; to acknowledge; waiting for the raise decision',
      },
    },
  },
  events: {
    ...salaryRaise.events,
    SUBMIT_SCORE: {
      ...salaryRaise.events.SUBMIT_SCORE!,
      roles: ['school_director', 'area_director', 'group_director'],
      assignee: 'person.appraiser',
    },
    ACKNOWLEDGE_APPRAISAL: {
      label: { th: 'รับทราบผลการประเมิน', en: 'Acknowledge the appraisal result' },
      payload: Empty,
      roles: ['applicant'],
    },
  },
});

const OccurredAt = z.iso.datetime({ offset: true });
const GRIEVANCE_RULE = {
  th: 'พ้นกำหนดร้องทุกข์แล้ว (สามสิบวันนับแต่วันที่ได้รับแจ้งคำสั่ง)',
  en: 'The grievance window has closed (thirty days from the day the order was notified).',
};
/** The person's window: their notification moment (the decision's, or the day HR recorded) plus the round's days (calendar days, ม.193/3 and ม.193/8). */
const personalWindow = {
  kind: 'from_data' as const,
  path: 'grievanceWindowFrom',
  plus: { unit: 'calendar_days' as const, daysPath: 'grievanceWindowDays' },
  phrase: 'ร้องทุกข์ภายในสามสิบวันนับแต่วันที่ได้รับแจ้งคำสั่ง',
  source: 'Act ม.121/122/123 ("นับแต่วันที่ได้รับแจ้ง"); research/regulations.md §3.6 [UNVERIFIED: กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์]',
  note: `counted from the day this person was notified: the publication, or the day HR recorded they received the notice (NOTICE_RECEIVED.occurredAt); the round's grievanceWindowDays when the round passes it, else ${DEFAULT_GRIEVANCE_WINDOW_DAYS}`,
};
/** How long after a person's window ends the system closes it: a day to record a grievance letter received in time. */
const PAPER_GRACE_SECONDS = 86_400;
/** Nobody must act in a window: no reminder, no due-today notice, no escalation; the clock shows when it closes. */
const windowSla = { remindWorkingDaysBefore: [], dueTodayNotice: false, maxEscalations: 0 } as const;
const windowStep = (label: { th: string; en: string }): StepMeta => ({
  label,
  roles: ['applicant', 'hr_officer'],
  deadline: personalWindow,
  sla: windowSla,
  // closed a day after its end, not at once: a letter received in time (by 16:30 of the last day) can still be recorded
  // with its received date the next morning; a grievance filed in the app after the end is refused by its date guard
  systemEvents: [{ event: 'CLOSE_WINDOW', at: { ...personalWindow, offsetSeconds: PAPER_GRACE_SECONDS } }],
  source: 'Act ม.121–123 (the window counts from the day the person was notified); research/regulations.md §3.6',
});
const { key: _key3, contentHash: _hash3, leafSteps: _leaves3, ...v3Config } = salaryRaiseV3;

/**
 * Version 4 (issue 18; salary-raise-v3.machine.ts): the grievance window counts,
 * per person, from the day that person was notified of the order — the
 * publication for everyone told in the app, or the day HR records they received
 * the notice (`NOTICE_RECEIVED`, `occurredAt`), which opens their own window (a
 * clock; the system closes the step a day after the window ends, so a letter
 * received in time can still be recorded). `FILE_GRIEVANCE` is
 * refused after the person's window; HR records a grievance received on paper
 * with its received date (`RECORD_PAPER_GRIEVANCE`, refused when received after
 * the window, whenever recorded; the decision's 90 days count from it). The
 * input may carry the round's `grievanceWindowDays` (else 30). Versions 1–3 stay
 * registered for their rounds.
 */
export const salaryRaiseV4 = defineWorkflow({
  ...v3Config,
  version: 4,
  machine: salaryRaiseMachineV3,
  input: SalaryRaiseInputV2.extend({ grievanceWindowDays: z.int().min(1).max(365).optional() }).strict(),
  steps: {
    ...v3Config.steps,
    raiseWindow: windowStep({
      th: 'ได้รับแจ้งผลการเลื่อนเงินเดือนแล้ว (ร้องทุกข์ได้ภายในกำหนดนับแต่วันที่ได้รับแจ้ง)',
      en: 'Raise notified to the person (grievance window from that day)',
    }),
    notRaisedWindow: windowStep({
      th: 'ได้รับแจ้งการไม่ได้เลื่อนเงินเดือนแล้ว (ร้องทุกข์ได้ภายในกำหนดนับแต่วันที่ได้รับแจ้ง)',
      en: 'No raise notified to the person (grievance window from that day)',
    }),
  },
  events: {
    ...v3Config.events,
    FILE_GRIEVANCE: { ...v3Config.events.FILE_GRIEVANCE!, dateGuard: { until: personalWindow, mode: 'refuse', rule: GRIEVANCE_RULE } },
    NOTICE_RECEIVED: {
      label: { th: 'บันทึกวันที่ผู้รับการประเมินได้รับแจ้งคำสั่ง', en: 'Record the day the person received the notice' },
      payload: z
        .object({
          occurredAt: OccurredAt.meta({ 'x-label': { th: 'วันเวลาที่ได้รับแจ้ง', en: 'When the person received the notice' } }),
          how: z.enum(['letter', 'in_person']),
          ref: z.string().trim().min(1).max(500).optional(),
        })
        .strict(),
      roles: ['hr_officer'],
      occurredAt: { notBefore: 'step_entered' },
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
      occurredAt: { notBefore: 'grievanceWindowFrom' },
      dateGuard: { until: personalWindow, mode: 'refuse', against: 'occurred_at', rule: GRIEVANCE_RULE },
    },
  },
});
