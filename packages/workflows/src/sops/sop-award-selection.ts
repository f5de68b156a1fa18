/**
 * SOP "การคัดเลือกดีเด่นต่าง ๆ" (seed-002 §3.6): a notice of an award
 * arrives; the group sets the selection calendar and announces the criteria,
 * takes applications, checks them and appoints the selection committee, which
 * meets and selects; then the minutes, the announcement with certificates,
 * the notice to personnel and the forwarding of the results.
 *
 * Steps whose time standards share an anchor run side by side, each with its
 * own clock from that anchor: 1 and 2 (the notice), 3 and 4 (the close of
 * applications), 6–9 (the meeting, which is read as the consideration day).
 * The seed writes no unit in "ภายใน 2 หลังจาก…" (steps 3–4): read as days.
 * "No one selected" still goes through minutes and announcement; a round that
 * closes without applicants ends at once (inferred).
 */
import { WORKFLOW_LABELS } from '../labels';
import { assign, createMachine, setup } from 'xstate';
import { z } from 'zod';
import { CommitteeResolutionPayload, defineWorkflow, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { Empty, LocalDate, OrderPayload, seed002 } from './sop-common';

const Input = z.object({ awardName: z.string().trim().min(1).max(300), letterNo: z.string().trim().min(1).max(100) }).strict();
const CalendarSet = z.object({ applicationsCloseOn: LocalDate }).strict();
const ApplicationsClosed = z.object({ applications: z.int().min(0).max(10_000) }).strict();
const Announced = z.object({ announcementNo: z.string().trim().min(1).max(100), certificates: z.int().min(0).max(10_000) }).strict();
const Resolution = CommitteeResolutionPayload;
const UNIT_MISSING = 'unit missing in the source; read as days';

type Ctx = { awardName: string; applications: number | null; selected: boolean | null };
type Ev =
  | EngineEvent<'CALENDAR_SET', z.infer<typeof CalendarSet>>
  | EngineEvent<
      'CRITERIA_ANNOUNCED' | 'DOCUMENTS_CHECKED' | 'MINUTES_DONE' | 'PERSONNEL_NOTIFIED' | 'RESULTS_FORWARDED',
      z.infer<typeof Empty>
    >
  | EngineEvent<'APPLICATIONS_CLOSED', z.infer<typeof ApplicationsClosed>>
  | EngineEvent<'COMMITTEE_APPOINTED', z.infer<typeof OrderPayload>>
  | EngineEvent<'SELECTION_MADE' | 'NONE_SELECTED', z.infer<typeof Resolution>>
  | EngineEvent<'RESULTS_ANNOUNCED', z.infer<typeof Announced>>;

/** A region that waits at one step and then is done. */
const oneStep = (step: string, event: string) => ({
  initial: step,
  states: { [step]: { on: { [event]: 'done' } }, done: { type: 'final' as const } },
});

const machine = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as EngineInput<z.infer<typeof Input>> },
  guards: {
    hasApplications: ({ event }) => event.type === 'APPLICATIONS_CLOSED' && event.payload.applications > 0,
  },
  actions: {
    recordApplications: assign({ applications: ({ event }) => (event.type === 'APPLICATIONS_CLOSED' ? event.payload.applications : null) }),
    recordSelection: assign({ selected: ({ event }) => event.type === 'SELECTION_MADE' }),
  },
}).createMachine({
  id: 'sop-award-selection',
  initial: 'announcing',
  context: ({ input }) => ({ awardName: input.data.awardName, applications: null, selected: null }),
  states: {
    announcing: {
      type: 'parallel',
      states: { calendar: oneStep('preparingCalendar', 'CALENDAR_SET'), publicity: oneStep('announcingCriteria', 'CRITERIA_ANNOUNCED') },
      onDone: 'receivingApplications',
    },
    receivingApplications: {
      on: {
        APPLICATIONS_CLOSED: [
          { guard: 'hasApplications', target: 'afterClosing', actions: 'recordApplications' },
          { target: 'noApplications', actions: 'recordApplications' },
        ],
      },
    },
    afterClosing: {
      type: 'parallel',
      states: {
        documents: oneStep('checkingDocuments', 'DOCUMENTS_CHECKED'),
        committee: oneStep('appointingCommittee', 'COMMITTEE_APPOINTED'),
      },
      onDone: 'selectionMeeting',
    },
    selectionMeeting: {
      on: {
        SELECTION_MADE: { target: 'afterSelection', actions: 'recordSelection' },
        NONE_SELECTED: { target: 'afterSelection', actions: 'recordSelection' },
      },
    },
    afterSelection: {
      type: 'parallel',
      states: {
        minutes: oneStep('writingMinutes', 'MINUTES_DONE'),
        announcement: oneStep('announcingResults', 'RESULTS_ANNOUNCED'),
        notice: oneStep('notifyingPersonnel', 'PERSONNEL_NOTIFIED'),
        forwarding: oneStep('forwardingResults', 'RESULTS_FORWARDED'),
      },
      onDone: 'completed',
    },
    completed: { type: 'final' },
    noApplications: { type: 'final' },
  },
});

const dayAfterSelection = (days: number, phrase: string, step: number) => ({
  kind: 'calendar_days' as const,
  days,
  phrase,
  source: seed002('3.6', step),
  note: 'the consideration day is read as the day of the selection meeting',
});

export const sopAwardSelection = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'sop-award-selection',
  version: 1,
  title: { th: 'การคัดเลือกดีเด่นต่าง ๆ', en: 'Selection for awards' },
  machine,
  input: Input,
  starters: ['hr_officer'],
  steps: {
    'announcing.calendar.preparingCalendar': {
      label: { th: 'จัดทำปฏิทินการคัดเลือก', en: 'Set the selection calendar' },
      roles: ['hr_officer'],
      deadline: { kind: 'calendar_days', days: 1, phrase: 'ภายใน 1 วันหลังจากได้รับหนังสือแจ้ง', source: seed002('3.6', 1) },
      source: seed002('3.6', 1),
    },
    'announcing.publicity.announcingCriteria': {
      label: { th: 'แจ้งประชาสัมพันธ์ ประกาศ หลักเกณฑ์ แนวทางการคัดเลือก', en: 'Publish the announcement and criteria' },
      roles: ['hr_officer'],
      deadline: { kind: 'calendar_days', days: 1, phrase: 'ภายใน 1 วันหลังจากได้รับหนังสือแจ้ง', source: seed002('3.6', 2) },
      source: seed002('3.6', 2),
    },
    receivingApplications: {
      label: { th: 'รับสมัครตามปฏิทินการคัดเลือก', en: 'Applications open per the selection calendar' },
      roles: ['hr_officer'],
      deadline: { kind: 'external', calendar: 'สพฐ.', phrase: 'ดำเนินการตามปฏิทินที่ สพฐ. กำหนด', source: 'seed-002 §3.9 row 1' },
      source: 'seed-002 §3.6 (application period implied by step 3) and §3.9 row 1',
    },
    'afterClosing.documents.checkingDocuments': {
      label: { th: 'ตรวจสอบเอกสารหลักฐานการสมัคร', en: 'Check the application documents' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'calendar_days',
        days: 2,
        phrase: 'ภายใน 2 หลังจากครบกำหนดการรับสมัคร',
        source: seed002('3.6', 3),
        note: UNIT_MISSING,
      },
      source: seed002('3.6', 3),
    },
    'afterClosing.committee.appointingCommittee': {
      label: { th: 'แต่งตั้งคณะกรรมการพิจารณาการคัดเลือก', en: 'Appoint the selection committee' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'calendar_days',
        days: 2,
        phrase: 'ภายใน 2 หลังจากครบกำหนดการรับสมัคร',
        source: seed002('3.6', 4),
        note: UNIT_MISSING,
      },
      source: seed002('3.6', 4),
    },
    selectionMeeting: {
      label: { th: 'ประชุมคณะกรรมการพิจารณาการคัดเลือก', en: 'Selection committee meets' },
      roles: ['committee', 'hr_officer'],
      committee: { kind: 'award_selection', resolutions: { approve: 'SELECTION_MADE', reject: 'NONE_SELECTED' } },
      deadline: {
        kind: 'calendar_days',
        days: 4,
        overriddenBy: 'ปฏิทินที่กำหนด',
        phrase: 'ภายใน 4 วัน นับแต่มีคำสั่งแต่งตั้งคณะกรรมการ (หรือตามปฏิทินที่กำหนด)',
        source: seed002('3.6', 5),
        note: 'counted from when both the documents are checked and the committee is appointed',
      },
      source: seed002('3.6', 5),
    },
    'afterSelection.minutes.writingMinutes': {
      label: { th: 'จัดทำรายงานการประชุม', en: 'Write the minutes' },
      roles: ['hr_officer', 'committee_secretary'],
      deadline: { kind: 'calendar_days', days: 3, phrase: 'ภายใน 3 วัน นับแต่เสร็จสิ้นการประชุม', source: seed002('3.6', 6) },
      source: seed002('3.6', 6),
    },
    'afterSelection.announcement.announcingResults': {
      label: { th: 'ประกาศผลการคัดเลือก มีเกียรติบัตร', en: 'Announce the results, with certificates' },
      roles: ['hr_officer'],
      deadline: dayAfterSelection(1, 'ภายใน 1 วัน นับแต่วันพิจารณาคัดเลือก', 7),
      source: seed002('3.6', 7),
    },
    'afterSelection.notice.notifyingPersonnel': {
      label: { th: 'แจ้งผลการคัดเลือกให้ข้าราชการในสังกัด', en: 'Tell the personnel the results' },
      roles: ['hr_officer'],
      deadline: dayAfterSelection(2, 'ภายใน 2 วัน นับแต่วันพิจารณาคัดเลือก', 8),
      source: seed002('3.6', 8),
    },
    'afterSelection.forwarding.forwardingResults': {
      label: { th: 'ส่งผลการคัดเลือกให้หน่วยงานที่เกี่ยวข้อง', en: 'Send the results to the agencies concerned' },
      roles: ['hr_officer'],
      deadline: dayAfterSelection(2, 'ภายใน 2 วัน นับแต่วันพิจารณาคัดเลือก', 9),
      source: seed002('3.6', 9),
    },
  },
  events: {
    CALENDAR_SET: { label: { th: 'กำหนดปฏิทินแล้ว', en: 'Calendar set' }, payload: CalendarSet, roles: ['hr_officer'] },
    CRITERIA_ANNOUNCED: { label: { th: 'ประชาสัมพันธ์แล้ว', en: 'Criteria published' }, payload: Empty, roles: ['hr_officer'] },
    APPLICATIONS_CLOSED: {
      label: { th: 'ครบกำหนดการรับสมัคร', en: 'Applications closed' },
      payload: ApplicationsClosed,
      roles: ['hr_officer'],
    },
    DOCUMENTS_CHECKED: { label: { th: 'ตรวจสอบเอกสารแล้ว', en: 'Documents checked' }, payload: Empty, roles: ['hr_officer'] },
    COMMITTEE_APPOINTED: {
      label: { th: 'ลงนามคำสั่งแต่งตั้งคณะกรรมการ', en: 'Committee appointed' },
      payload: OrderPayload,
      roles: ['hr_officer', 'area_director'],
    },
    SELECTION_MADE: { label: { th: 'มติคัดเลือกผู้ได้รับรางวัล', en: 'Winners selected' }, payload: Resolution, roles: ['committee'] },
    NONE_SELECTED: { label: { th: 'มติไม่มีผู้ผ่านการคัดเลือก', en: 'No one selected' }, payload: Resolution, roles: ['committee'] },
    MINUTES_DONE: {
      label: { th: 'รับรองรายงานการประชุมแล้ว', en: 'Minutes done' },
      payload: Empty,
      roles: ['hr_officer', 'committee_secretary'],
    },
    RESULTS_ANNOUNCED: { label: { th: 'ประกาศผลแล้ว', en: 'Results announced' }, payload: Announced, roles: ['hr_officer'] },
    PERSONNEL_NOTIFIED: { label: { th: 'แจ้งผลแล้ว', en: 'Personnel told' }, payload: Empty, roles: ['hr_officer'] },
    RESULTS_FORWARDED: { label: { th: 'ส่งผลแล้ว', en: 'Results forwarded' }, payload: Empty, roles: ['hr_officer'] },
  },
});

/* Version 2 (issue 18): the close of applications is the date the calendar set, not the officer's click. */
type CtxV2 = Ctx & { applicationsCloseOn?: string | null };
const baseStates = machine.config.states!;
const calendarRegion = baseStates.announcing!.states!.calendar!;

/** The machine of version 1 with `CALENDAR_SET` recording the calendar's close of applications (`applicationsCloseOn`). */
const machineV2 = createMachine(
  {
    ...machine.config,
    context: ({ input }: { input: EngineInput<z.infer<typeof Input>> }): CtxV2 => ({
      awardName: input.data.awardName,
      applications: null,
      selected: null,
      applicationsCloseOn: null,
    }),
    states: {
      ...baseStates,
      announcing: {
        ...baseStates.announcing,
        states: {
          ...baseStates.announcing!.states,
          calendar: {
            ...calendarRegion,
            states: {
              ...calendarRegion.states,
              preparingCalendar: { on: { CALENDAR_SET: { target: 'done', actions: 'recordCalendar' } } },
            },
          },
        },
      },
    },
  } as typeof machine.config,
  {
    guards: machine.implementations.guards,
    actions: {
      ...machine.implementations.actions,
      recordCalendar: assign(({ event }: { event: { type: string; payload: { applicationsCloseOn?: string } } }) => ({
        applicationsCloseOn: event.type === 'CALENDAR_SET' ? (event.payload.applicationsCloseOn ?? null) : null,
      })),
    },
  } as never,
) as unknown as typeof machine;

const { key: _key, contentHash: _hash, leafSteps: _leaves, ...v1Config } = sopAwardSelection;
/** Two days after the close of applications the calendar set (16:30 of that day, then two calendar days). */
const afterClose = (step: number) => ({
  kind: 'from_data' as const,
  path: 'applicationsCloseOn',
  plus: { unit: 'calendar_days' as const, days: 2 },
  phrase: 'ภายใน 2 หลังจากครบกำหนดการรับสมัคร',
  source: seed002('3.6', step),
  note: `${UNIT_MISSING}; counted from the close of applications in the selection calendar (CALENDAR_SET.applicationsCloseOn), not from when the officer records it`,
});

/**
 * Version 2: checking the documents and appointing the committee ("ภายใน 2
 * หลังจากครบกำหนดการรับสมัคร") count from the close of applications the
 * selection calendar set (`applicationsCloseOn`, recorded by `CALENDAR_SET`),
 * not from the officer's `APPLICATIONS_CLOSED`: an officer who records the
 * close three days late finds both clocks already overdue. Version 1 stays
 * registered for its cases.
 */
export const sopAwardSelectionV2 = defineWorkflow({
  ...v1Config,
  version: 2,
  machine: machineV2,
  steps: {
    ...v1Config.steps,
    'afterClosing.documents.checkingDocuments': { ...v1Config.steps['afterClosing.documents.checkingDocuments']!, deadline: afterClose(3) },
    'afterClosing.committee.appointingCommittee': {
      ...v1Config.steps['afterClosing.committee.appointingCommittee']!,
      deadline: afterClose(4),
    },
  },
});
