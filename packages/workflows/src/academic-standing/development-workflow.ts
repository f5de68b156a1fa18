/**
 * `pre-appointment-development@1`: the monthly pre-appointment development
 * for ชำนาญการพิเศษ and เชี่ยวชาญ, delivered by a partner university
 * (seed-002 §3.4, SOP "การพัฒนาก่อนแต่งตั้งให้มีและเลื่อนวิทยฐานะ…"). One case per
 * teacher's request: the school sends the request form by the 5th of the
 * month, the area checks it and presents it to its superiors within 1 day,
 * forwards the month's batch to the university by the 10th, and records the
 * university's result and tells the school and the staffing unit within 1
 * day of hearing it. A passed development is an eligibility input of the
 * academic-standing case (`Application.development`).
 */
import { WORKFLOW_LABELS } from '../labels';
import { bangkokInstant, defineWorkflow, type DeadlineSpecInput, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { assign, createMachine, setup } from 'xstate';
import { z } from 'zod';
import { dateOf, windowDueAt } from './timing';

const SOURCE = 'seed-002 §3.4';

/** Step 2: schools send the request forms "ภายในวันที่ ๕ ของทุกเดือน" (the school's cutoff, not an area step). */
export const SCHOOL_SUBMISSION_DEADLINE = {
  kind: 'day_of_month',
  day: 5,
  phrase: 'ภายในวันที่ ๕ ของทุกเดือน',
  source: `${SOURCE} step 2`,
} as const satisfies DeadlineSpecInput;

export const CHECK_DEADLINE = {
  kind: 'calendar_days',
  days: 1,
  phrase: 'ภายใน 1 วัน นับจากโรงเรียนส่งแบบคำขอเข้ารับการพัฒนา',
  source: `${SOURCE} steps 3–4`,
  note: 'Step 4 (เสนอผู้บังคับบัญชาตามลำดับชั้น) has the same anchor and the same 1 day, so checking and presenting are one step.',
} as const satisfies DeadlineSpecInput;

export const FORWARDING_DEADLINE = {
  kind: 'day_of_month',
  day: 10,
  phrase: 'ภายในวันที่ 10 ของทุกเดือน',
  source: `${SOURCE} step 5`,
} as const satisfies DeadlineSpecInput;

export const RECORDING_DEADLINE = {
  kind: 'calendar_days',
  days: 1,
  phrase: 'ภายใน 1 วัน นับจากสถาบันอุดมศึกษา แจ้งผลการพัฒนาให้ สพป.ทราบ',
  source: `${SOURCE} step 6`,
} as const satisfies DeadlineSpecInput;

export const DevelopmentRequest = z
  .object({
    targetLevel: z.enum(['senior_professional', 'expert']),
    /** the reference of the request form (แบบคำขอเข้ารับการพัฒนา) */
    formReference: z.string().trim().min(1).max(200),
    /** the partner university the teacher chose ("สถาบันอุดมศึกษาที่แจ้งความประสงค์ไว้") */
    university: z.string().trim().min(1).max(300),
  })
  .strict();
export type DevelopmentRequest = z.infer<typeof DevelopmentRequest>;

const Note = z.object({ note: z.string().trim().min(1).max(2000) }).strict();
const OptionalNote = z.object({ note: z.string().trim().min(1).max(2000).optional() }).strict();
const Forward = z.object({ university: z.string().trim().min(1).max(300), letterNo: z.string().trim().min(1).max(100) }).strict();
const Reported = z.object({ passed: z.boolean(), letterNo: z.string().trim().min(1).max(100) }).strict();
const Empty = z.object({}).strict();

export interface DevelopmentContext {
  readonly request: DevelopmentRequest;
  /** when the school sent it (version 2: null until `SEND_TO_AREA`) */
  readonly submittedAt: string | null;
  /** the school sent it after the month's cutoff (the 5th, moved to a working day) */
  readonly submittedLate: boolean;
  /** the month (YYYY-MM) of the batch it is forwarded in: the month of its forwarding deadline */
  readonly batchMonth: string | null;
  readonly checkedAt: string | null;
  readonly refusal: string | null;
  readonly forwarded: { readonly at: string; readonly university: string; readonly letterNo: string } | null;
  readonly result: { readonly passed: boolean; readonly letterNo: string; readonly reportedAt: string } | null;
  readonly recordedAt: string | null;
}

type Ev =
  | EngineEvent<'PRESENT_TO_SUPERIORS', z.infer<typeof OptionalNote>>
  | EngineEvent<'NOT_ELIGIBLE', z.infer<typeof Note>>
  | EngineEvent<'FORWARD_TO_UNIVERSITY', z.infer<typeof Forward>>
  | EngineEvent<'UNIVERSITY_REPORTED', z.infer<typeof Reported>>
  | EngineEvent<'RECORD_RESULT', z.infer<typeof Empty>>;

/** The cutoff of the month `at` falls in: the 5th at 16:30, or the next working day (ม.193/8). */
export function monthlyCutoff(at: string): string {
  return windowDueAt(SCHOOL_SUBMISSION_DEADLINE, bangkokInstant(`${dateOf(at).slice(0, 7)}-01`).toISOString())!;
}

/** The batch a request checked at `at` goes in: the month of its forwarding deadline. */
export function batchMonthOf(at: string): string {
  return dateOf(windowDueAt(FORWARDING_DEADLINE, at)!).slice(0, 7);
}

const machine = setup({
  types: { context: {} as DevelopmentContext, events: {} as Ev, input: {} as EngineInput<DevelopmentRequest> },
  guards: { passed: ({ context }) => context.result?.passed === true },
  actions: {
    present: assign({ checkedAt: ({ event }) => event.at, batchMonth: ({ event }) => batchMonthOf(event.at) }),
    refuse: assign({
      checkedAt: ({ event }) => event.at,
      refusal: ({ event }) => (event.type === 'NOT_ELIGIBLE' ? event.payload.note : null),
    }),
    forward: assign({
      forwarded: ({ event }) =>
        event.type === 'FORWARD_TO_UNIVERSITY'
          ? { at: event.at, university: event.payload.university, letterNo: event.payload.letterNo }
          : null,
    }),
    report: assign({
      result: ({ event }) =>
        event.type === 'UNIVERSITY_REPORTED'
          ? { passed: event.payload.passed, letterNo: event.payload.letterNo, reportedAt: event.at }
          : null,
    }),
    record: assign({ recordedAt: ({ event }) => event.at }),
  },
}).createMachine({
  id: 'pre-appointment-development',
  initial: 'areaCheck',
  context: ({ input }) => ({
    request: input.data,
    submittedAt: input.at,
    submittedLate: input.at > monthlyCutoff(input.at),
    batchMonth: null,
    checkedAt: null,
    refusal: null,
    forwarded: null,
    result: null,
    recordedAt: null,
  }),
  states: {
    areaCheck: {
      on: {
        PRESENT_TO_SUPERIORS: { target: 'forwarding', actions: 'present' },
        NOT_ELIGIBLE: { target: 'notEligible', actions: 'refuse' },
      },
    },
    forwarding: { on: { FORWARD_TO_UNIVERSITY: { target: 'atUniversity', actions: 'forward' } } },
    atUniversity: { on: { UNIVERSITY_REPORTED: { target: 'recordingResult', actions: 'report' } } },
    recordingResult: {
      on: {
        RECORD_RESULT: [
          { guard: 'passed', target: 'developed', actions: 'record' },
          { target: 'notDeveloped', actions: 'record' },
        ],
      },
    },
    developed: { type: 'final' },
    notDeveloped: { type: 'final' },
    notEligible: { type: 'final' },
  },
});

/** Who is told of the result: the school, the staffing unit (งานอัตรากำลัง, in the HR group) and the teacher. */
const TOLD_OF_RESULT = ['school_director', 'hr_officer', 'applicant'] as const;

export const preAppointmentDevelopment = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'pre-appointment-development',
  version: 1,
  title: { th: 'การพัฒนาก่อนแต่งตั้งให้มีและเลื่อนวิทยฐานะชำนาญการพิเศษและเชี่ยวชาญ', en: 'Pre-appointment development (senior professional, expert)' },
  machine,
  input: DevelopmentRequest,
  starters: ['school_director', 'hr_officer'],
  steps: {
    areaCheck: {
      label: { th: 'ตรวจสอบคุณสมบัติผู้เข้ารับการพัฒนาและเสนอผู้บังคับบัญชา', en: 'Check eligibility and present to superiors' },
      roles: ['hr_officer'],
      deadline: CHECK_DEADLINE,
      source: `${SOURCE} steps 3–4`,
    },
    forwarding: {
      label: { th: 'ส่งหนังสือพร้อมแบบคำขอไปยังสถาบันอุดมศึกษาและแจ้งโรงเรียน', en: 'Forward the batch to the partner university' },
      roles: ['hr_officer'],
      deadline: FORWARDING_DEADLINE,
      source: `${SOURCE} step 5`,
    },
    atUniversity: {
      label: { th: 'สถาบันอุดมศึกษาดำเนินการพัฒนา', en: 'Development at the university' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'external',
        calendar: 'กำหนดการพัฒนาของสถาบันอุดมศึกษาคู่พัฒนา',
        phrase: 'ตรวจสอบรายชื่อและกำหนดการพัฒนาจากเว็บไซต์ของสถาบันอุดมศึกษาที่แจ้งความประสงค์ไว้',
        source: `${SOURCE} step 5`,
      },
      source: `${SOURCE} step 5`,
    },
    recordingResult: {
      label: { th: 'บันทึกข้อมูลผู้ผ่านการพัฒนาและแจ้งโรงเรียนและงานอัตรากำลัง', en: 'Record the result and tell the school and the staffing unit' },
      roles: ['hr_officer'],
      deadline: RECORDING_DEADLINE,
      source: `${SOURCE} step 6`,
    },
    developed: { label: { th: 'ผ่านการพัฒนา', en: 'Development passed' }, roles: [...TOLD_OF_RESULT], source: `${SOURCE} step 6` },
    notDeveloped: {
      label: { th: 'ไม่ผ่านการพัฒนา', en: 'Development not passed' },
      roles: [...TOLD_OF_RESULT],
      source: `${SOURCE} step 6 (a not-passed result is not described: inferred)`,
    },
    notEligible: {
      label: { th: 'คุณสมบัติไม่ครบ ไม่ส่งเข้ารับการพัฒนา', en: 'Not eligible for development' },
      roles: ['school_director', 'applicant'],
      source: `${SOURCE} step 3 (the outcome of a failed check is not described: inferred)`,
    },
  },
  events: {
    PRESENT_TO_SUPERIORS: {
      label: { th: 'ตรวจสอบแล้ว เสนอผู้บังคับบัญชา', en: 'Checked, presented to superiors' },
      payload: OptionalNote,
      roles: ['hr_officer'],
    },
    NOT_ELIGIBLE: { label: { th: 'คุณสมบัติไม่ครบ', en: 'Not eligible' }, payload: Note, roles: ['hr_officer'] },
    FORWARD_TO_UNIVERSITY: {
      label: { th: 'ส่งสถาบันอุดมศึกษาแล้ว', en: 'Forwarded to the university' },
      payload: Forward,
      roles: ['hr_officer'],
    },
    UNIVERSITY_REPORTED: { label: { th: 'สถาบันอุดมศึกษาแจ้งผล', en: 'University reported' }, payload: Reported, roles: ['hr_officer'] },
    RECORD_RESULT: { label: { th: 'บันทึกผลและแจ้งผู้เกี่ยวข้องแล้ว', en: 'Result recorded and told' }, payload: Empty, roles: ['hr_officer'] },
  },
});

/* ---- Version 2 (issue 18) ---- */

const ReportedV2 = Reported.extend({
  /** when the university's result reached the area (its letter's date of receipt); the 1 day counts from it */
  occurredAt: z.iso
    .datetime({ offset: true })
    .meta({ 'x-label': { th: 'วันเวลาที่สถาบันอุดมศึกษาแจ้งผล', en: 'When the university reported' } })
    .optional(),
}).strict();

type DevEv = { type: string; at: string; payload: { occurredAt?: string; passed?: boolean; letterNo?: string } };
const devStates = machine.config.states!;

/**
 * The machine of version 1 with the school's own step first (`schoolSubmission`:
 * the school prepares the request and sends it to the area by the 5th,
 * `SEND_TO_AREA`; the submission moment and lateness are recorded then), and
 * the university's result recorded at the moment it reported (`occurredAt`).
 */
const machineV2 = createMachine(
  {
    ...machine.config,
    initial: 'schoolSubmission',
    context: ({ input }: { input: EngineInput<DevelopmentRequest> }) => ({
      request: input.data,
      submittedAt: null,
      submittedLate: false,
      batchMonth: null,
      checkedAt: null,
      refusal: null,
      forwarded: null,
      result: null,
      recordedAt: null,
    }),
    states: {
      schoolSubmission: { on: { SEND_TO_AREA: { target: 'areaCheck', actions: 'sendToArea' } } },
      ...devStates,
      atUniversity: { on: { UNIVERSITY_REPORTED: { target: 'recordingResult', actions: 'reportAtOccurrence' } } },
    },
  } as typeof machine.config,
  {
    guards: machine.implementations.guards,
    actions: {
      ...machine.implementations.actions,
      sendToArea: assign(({ event }: { event: DevEv }) => ({ submittedAt: event.at, submittedLate: event.at > monthlyCutoff(event.at) })),
      reportAtOccurrence: assign(({ event }: { event: DevEv }) => ({
        result: {
          passed: event.payload.passed === true,
          letterNo: event.payload.letterNo ?? '',
          reportedAt: event.payload.occurredAt ?? event.at,
        },
      })),
    },
  } as never,
) as unknown as typeof machine;

const { key: _devKey, contentHash: _devHash, leafSteps: _devLeaves, ...devV1 } = preAppointmentDevelopment;

/**
 * Version 2: the school's "by the 5th" is a clock on the school's side — the
 * case opens at `schoolSubmission` (the school director's step, due the 5th
 * of the month at 16:30 or the next working day, reminded 2 working days
 * before) and the area's 1 day counts from `SEND_TO_AREA`; and recording the
 * result "within 1 day of the university's report" counts from when the
 * university reported (`UNIVERSITY_REPORTED.occurredAt`, not in the future,
 * not before the batch was forwarded), not from when the area typed it in.
 * Version 1 stays registered for its cases.
 */
export const preAppointmentDevelopmentV2 = defineWorkflow({
  ...devV1,
  version: 2,
  machine: machineV2,
  starters: ['school_director', 'hr_officer'],
  steps: {
    schoolSubmission: {
      label: { th: 'โรงเรียนส่งแบบคำขอเข้ารับการพัฒนาถึง สพป.', en: 'The school sends the request form to the area' },
      roles: ['school_director'],
      deadline: SCHOOL_SUBMISSION_DEADLINE,
      sla: { remindWorkingDaysBefore: [2] },
      source: `${SOURCE} step 2`,
    },
    ...devV1.steps,
  },
  events: {
    SEND_TO_AREA: { label: { th: 'ส่งแบบคำขอถึง สพป. แล้ว', en: 'Sent to the area' }, payload: Empty, roles: ['school_director'] },
    ...devV1.events,
    UNIVERSITY_REPORTED: { ...devV1.events.UNIVERSITY_REPORTED!, payload: ReportedV2, occurredAt: { notBefore: 'forwarded.at' } },
  },
});
