/**
 * SOP "จัดทำแผนพัฒนาครูและบุคลากรทางการศึกษา" (seed-002 §3.2): the teacher
 * development group prepares the office's yearly teacher-development plan
 * from the projects of the approved annual action plan, a committee it
 * appoints considers the draft, and the group follows up every project.
 *
 * Time standards: the committee is appointed within 3 days of the draft being
 * finished, and meets within 3 days of its appointment; the responsible groups
 * report "within the set deadline" (an external schedule, no timer).
 * The committee's "revise" resolution and the revision step are inferred: the
 * seed writes only the happy path.
 */
import { WORKFLOW_LABELS } from '../labels';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { CommitteeResolutionPayload, defineWorkflow, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { Empty, FiscalYearBE, LocalDate, OrderPayload, seed002 } from './sop-common';

const Input = z.object({ fiscalYear: FiscalYearBE }).strict();
/** Step 2's condition: the annual action plan is approved ("เมื่อแผนปฏิบัติการได้รับอนุมัติแล้ว"). */
const ProjectsSelected = z.object({ actionPlanApprovedOn: LocalDate, projectCount: z.int().min(1).max(500) }).strict();
/** Step 3's condition: the data are complete ("เมื่อได้ดำเนินการจัดเก็บข้อมูลครบถ้วน"). */
const DraftCompleted = z.object({ dataComplete: z.literal(true) }).strict();
const Resolution = CommitteeResolutionPayload;

type Ctx = { fiscalYear: number; projectCount: number | null; orderNo: string | null; revisions: number };
type Ev =
  | EngineEvent<'DATA_COLLECTED' | 'DRAFT_REVISED' | 'RESULTS_REPORTED', z.infer<typeof Empty>>
  | EngineEvent<'PROJECTS_SELECTED', z.infer<typeof ProjectsSelected>>
  | EngineEvent<'DRAFT_COMPLETED', z.infer<typeof DraftCompleted>>
  | EngineEvent<'COMMITTEE_APPOINTED', z.infer<typeof OrderPayload>>
  | EngineEvent<'PLAN_ENDORSED' | 'PLAN_TO_REVISE', z.infer<typeof Resolution>>;

const machine = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as EngineInput<z.infer<typeof Input>> },
  actions: {
    recordProjects: assign({ projectCount: ({ event }) => (event.type === 'PROJECTS_SELECTED' ? event.payload.projectCount : null) }),
    recordOrder: assign({ orderNo: ({ event }) => (event.type === 'COMMITTEE_APPOINTED' ? event.payload.orderNo : null) }),
    countRevision: assign({ revisions: ({ context }) => context.revisions + 1 }),
  },
}).createMachine({
  id: 'sop-development-plan',
  initial: 'collectingData',
  context: ({ input }) => ({ fiscalYear: input.data.fiscalYear, projectCount: null, orderNo: null, revisions: 0 }),
  states: {
    collectingData: { on: { DATA_COLLECTED: 'analysingProjects' } },
    analysingProjects: { on: { PROJECTS_SELECTED: { target: 'compilingDraft', actions: 'recordProjects' } } },
    compilingDraft: { on: { DRAFT_COMPLETED: 'appointingCommittee' } },
    appointingCommittee: { on: { COMMITTEE_APPOINTED: { target: 'committeeMeeting', actions: 'recordOrder' } } },
    committeeMeeting: { on: { PLAN_ENDORSED: 'followingUp', PLAN_TO_REVISE: { target: 'revisingDraft', actions: 'countRevision' } } },
    revisingDraft: { on: { DRAFT_REVISED: 'committeeMeeting' } },
    followingUp: { on: { RESULTS_REPORTED: 'completed' } },
    completed: { type: 'final' },
  },
});

export const sopDevelopmentPlan = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'sop-development-plan',
  version: 1,
  title: { th: 'จัดทำแผนพัฒนาครูและบุคลากรทางการศึกษา', en: 'Teacher and personnel development plan' },
  machine,
  input: Input,
  starters: ['hr_officer', 'group_director'],
  steps: {
    collectingData: {
      label: { th: 'จัดหาข้อมูลทั่วไปที่เกี่ยวข้องกับแผนพัฒนาครูฯ', en: 'Collect general data for the plan' },
      roles: ['hr_officer'],
      source: seed002('3.2', 1),
    },
    analysingProjects: {
      label: { th: 'วิเคราะห์ข้อมูลและโครงการในแผนปฏิบัติการที่เกี่ยวข้อง', en: 'Analyse the related projects of the action plan' },
      roles: ['hr_officer'],
      source: seed002('3.2', 2),
    },
    compilingDraft: {
      label: { th: 'จัดเก็บข้อมูลและโครงการ จัดทำร่างแผนพัฒนาครูฯ', en: 'Compile data and projects into a draft plan' },
      roles: ['hr_officer'],
      source: seed002('3.2', 3),
    },
    appointingCommittee: {
      label: { th: 'แต่งตั้งคณะกรรมการดำเนินการจัดทำแผนพัฒนาครูฯ', en: 'Appoint the plan committee' },
      roles: ['hr_officer'],
      deadline: { kind: 'calendar_days', days: 3, phrase: 'ภายใน 3 วัน หลังจากดำเนินการจัดทำร่างแผนพัฒนาครูฯ แล้วเสร็จ', source: seed002('3.2', 4) },
      source: seed002('3.2', 4),
    },
    committeeMeeting: {
      label: { th: 'ประชุมคณะกรรมการดำเนินการจัดทำแผนพัฒนาครูฯ เพื่อพิจารณา', en: 'Plan committee meets to consider the draft' },
      roles: ['committee', 'hr_officer'],
      committee: { kind: 'development_plan', resolutions: { approve: 'PLAN_ENDORSED', reject: 'PLAN_TO_REVISE' } },
      deadline: {
        kind: 'calendar_days',
        days: 3,
        phrase: 'ภายใน 3 วัน หลังจากดำเนินการแต่งตั้งคณะกรรมการฯ เพื่อพิจารณา',
        source: seed002('3.2', 5),
      },
      source: seed002('3.2', 5),
    },
    revisingDraft: {
      label: { th: 'ปรับปรุงร่างแผนตามมติคณะกรรมการ', en: 'Revise the draft as the committee resolved' },
      roles: ['hr_officer'],
      source: seed002('3.2', 5, 'revision path inferred; the seed gives no outcome'),
    },
    followingUp: {
      label: { th: 'ติดตามผลการดำเนินงานตามแผนพัฒนาครูฯ ทุกโครงการ', en: 'Follow up every project of the plan' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'external',
        calendar: 'กำหนดการของโครงการฯ',
        phrase: '…รายงานผลการดำเนินการตามโครงการฯ ภายในกำหนด',
        source: seed002('3.2', 6),
      },
      source: seed002('3.2', 6),
    },
  },
  events: {
    DATA_COLLECTED: { label: { th: 'ได้ข้อมูลครบ', en: 'Data collected' }, payload: Empty, roles: ['hr_officer'] },
    PROJECTS_SELECTED: {
      label: { th: 'คัดเลือกโครงการจากแผนปฏิบัติการที่อนุมัติแล้ว', en: 'Projects selected from the approved action plan' },
      payload: ProjectsSelected,
      roles: ['hr_officer'],
    },
    DRAFT_COMPLETED: { label: { th: 'จัดทำร่างแผนแล้วเสร็จ', en: 'Draft finished' }, payload: DraftCompleted, roles: ['hr_officer'] },
    COMMITTEE_APPOINTED: {
      label: { th: 'ลงนามคำสั่งแต่งตั้งคณะกรรมการ', en: 'Committee appointed' },
      payload: OrderPayload,
      roles: ['hr_officer', 'area_director'],
    },
    PLAN_ENDORSED: { label: { th: 'มติเห็นชอบแผน', en: 'Plan endorsed' }, payload: Resolution, roles: ['committee'] },
    PLAN_TO_REVISE: { label: { th: 'มติให้ปรับปรุงแผน', en: 'Plan to be revised' }, payload: Resolution, roles: ['committee'] },
    DRAFT_REVISED: { label: { th: 'ส่งร่างแผนที่ปรับปรุงแล้ว', en: 'Revised draft submitted' }, payload: Empty, roles: ['hr_officer'] },
    RESULTS_REPORTED: {
      label: { th: 'ทุกกลุ่มรายงานผลครบ', en: 'Every group has reported' },
      payload: Empty,
      roles: ['hr_officer', 'group_director'],
    },
  },
});
