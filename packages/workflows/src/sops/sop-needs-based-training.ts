/**
 * SOP "งานฝึกอบรมการพัฒนาตามความต้องการของข้าราชการครูและบุคลากรทางการศึกษา"
 * (seed-002 §3.3): survey the needs, write a training project, submit it to
 * the policy and planning group for the annual action-plan committee, and,
 * once approved, run it within the fiscal quarter the project asked for.
 *
 * Step 5 ("ภายในไตรมาสที่เสนอขอในโครงการ") is the window in which steps 6–9
 * happen (research/seed-002.md §3.3 ordering note), so it is a region of a
 * parallel state beside them: its clock runs from the start of the delivery
 * to the end of the quarter and closes when the training is done. A deadline
 * is step metadata and cannot depend on case data, so the delivery starts
 * only inside the requested quarter (guard `inRequestedQuarter`); an approval
 * that comes earlier waits at `awaitingQuarter`. The refusal and cancellation
 * paths are inferred.
 */
import { WORKFLOW_LABELS } from '../labels';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { CommitteeResolutionPayload, defineWorkflow, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { Empty, FiscalQuarter, FiscalYearBE, NotePayload, OrderPayload, fiscalQuarterOf, seed002 } from './sop-common';

const Input = z.object({ fiscalYear: FiscalYearBE }).strict();
const SurveyDone = z.object({ respondents: z.int().min(0).max(100_000) }).strict();
const ProjectDrafted = z.object({ projectTitle: z.string().trim().min(1).max(300), requestedQuarter: FiscalQuarter }).strict();
const PlanSet = z.object({ curriculum: z.string().trim().min(1).max(300), manual: z.string().trim().min(1).max(300) }).strict();
const TrainingDone = z.object({ participants: z.int().min(0).max(100_000) }).strict();
const Resolution = CommitteeResolutionPayload;

type Ctx = { fiscalYear: number; projectTitle: string | null; requestedQuarter: number | null; participants: number | null };
type Ev =
  | EngineEvent<'SURVEY_COMPLETED', z.infer<typeof SurveyDone>>
  | EngineEvent<'PROJECT_DRAFTED', z.infer<typeof ProjectDrafted>>
  | EngineEvent<'PROJECT_SUBMITTED' | 'QUARTER_BEGAN' | 'INFORMATION_READY' | 'ORDER_ACKNOWLEDGED' | 'EVALUATED', z.infer<typeof Empty>>
  | EngineEvent<'PROJECT_APPROVED' | 'PROJECT_NOT_APPROVED', z.infer<typeof Resolution>>
  | EngineEvent<'PROJECT_CANCELLED', z.infer<typeof NotePayload>>
  | EngineEvent<'COMMITTEES_APPOINTED', z.infer<typeof OrderPayload>>
  | EngineEvent<'TRAINING_PLANNED', z.infer<typeof PlanSet>>
  | EngineEvent<'TRAINING_COMPLETED', z.infer<typeof TrainingDone>>;

const machine = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as EngineInput<z.infer<typeof Input>> },
  guards: {
    /** The event happens inside the quarter (and fiscal year) the project asked for. */
    inRequestedQuarter: ({ context, event }) => {
      const now = fiscalQuarterOf(event.at);
      return now.fiscalYear === context.fiscalYear && now.quarter === context.requestedQuarter;
    },
  },
  actions: {
    recordProject: assign(({ event }) =>
      event.type === 'PROJECT_DRAFTED'
        ? { projectTitle: event.payload.projectTitle, requestedQuarter: event.payload.requestedQuarter }
        : {},
    ),
    recordParticipants: assign({ participants: ({ event }) => (event.type === 'TRAINING_COMPLETED' ? event.payload.participants : null) }),
  },
}).createMachine({
  id: 'sop-needs-based-training',
  initial: 'surveyingNeeds',
  context: ({ input }) => ({ fiscalYear: input.data.fiscalYear, projectTitle: null, requestedQuarter: null, participants: null }),
  states: {
    surveyingNeeds: { on: { SURVEY_COMPLETED: 'draftingProject' } },
    draftingProject: { on: { PROJECT_DRAFTED: { target: 'submittingProject', actions: 'recordProject' } } },
    submittingProject: { on: { PROJECT_SUBMITTED: 'actionPlanCommittee' } },
    actionPlanCommittee: {
      on: {
        PROJECT_APPROVED: [{ guard: 'inRequestedQuarter', target: 'delivery' }, { target: 'awaitingQuarter' }],
        PROJECT_NOT_APPROVED: 'notApproved',
      },
    },
    awaitingQuarter: { on: { QUARTER_BEGAN: { guard: 'inRequestedQuarter', target: 'delivery' }, PROJECT_CANCELLED: 'cancelled' } },
    delivery: {
      type: 'parallel',
      states: {
        window: { initial: 'withinRequestedQuarter', states: { withinRequestedQuarter: {} } },
        work: {
          initial: 'preparingInformation',
          states: {
            preparingInformation: { on: { INFORMATION_READY: 'appointingCommittees' } },
            appointingCommittees: { on: { COMMITTEES_APPOINTED: 'awaitingAcknowledgement' } },
            awaitingAcknowledgement: { on: { ORDER_ACKNOWLEDGED: 'planningMeeting' } },
            planningMeeting: { on: { TRAINING_PLANNED: 'conductingTraining' } },
            conductingTraining: {
              on: { TRAINING_COMPLETED: { target: '#sop-needs-based-training.evaluating', actions: 'recordParticipants' } },
            },
          },
        },
      },
    },
    evaluating: { on: { EVALUATED: 'completed' } },
    completed: { type: 'final' },
    notApproved: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export const sopNeedsBasedTraining = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'sop-needs-based-training',
  version: 1,
  title: { th: 'งานฝึกอบรมการพัฒนาตามความต้องการของข้าราชการครูและบุคลากรทางการศึกษา', en: 'Needs-based training and development' },
  machine,
  input: Input,
  starters: ['hr_officer', 'group_director'],
  steps: {
    surveyingNeeds: {
      label: { th: 'สำรวจความต้องการพัฒนาของข้าราชการครูฯ ในสังกัด', en: 'Survey development needs' },
      roles: ['hr_officer'],
      source: seed002('3.3', 1),
    },
    draftingProject: {
      label: { th: 'จัดทำโครงการตามความต้องการ', en: 'Write the training project' },
      roles: ['hr_officer'],
      source: seed002('3.3', 2),
    },
    submittingProject: {
      label: { th: 'เสนอโครงการต่อกลุ่มนโยบายและแผน', en: 'Submit the project to the policy and planning group' },
      roles: ['hr_officer'],
      deadline: { kind: 'external', calendar: 'กำหนดการที่แจ้ง', phrase: 'เสนอโครงการ ภายในกำหนด', source: seed002('3.3', 3) },
      source: seed002('3.3', 3),
    },
    actionPlanCommittee: {
      label: { th: 'คณะกรรมการจัดทำแผนปฏิบัติการประจำปีพิจารณาอนุมัติโครงการ', en: 'Annual action-plan committee decides on the project' },
      roles: ['committee', 'hr_officer'],
      committee: { kind: 'annual_action_plan', resolutions: { approve: 'PROJECT_APPROVED', reject: 'PROJECT_NOT_APPROVED' } },
      deadline: {
        kind: 'external',
        calendar: 'คณะกรรมการจัดทำแผนปฏิบัติการประจำปี',
        phrase: 'ภายในกำหนดของคณะกรรมการดำเนินการประชุมจัดทำแผนปฏิบัติการประจำปี',
        source: seed002('3.3', 4),
      },
      source: seed002('3.3', 4),
    },
    awaitingQuarter: {
      label: { th: 'รอไตรมาสที่เสนอขอในโครงการ', en: 'Waiting for the requested quarter' },
      roles: ['hr_officer'],
      source: seed002('3.3', 5, 'waiting step inferred: the delivery starts in the requested quarter'),
    },
    'delivery.window.withinRequestedQuarter': {
      label: { th: 'ดำเนินการฝึกอบรมและพัฒนาตามไตรมาสที่เสนอขอ', en: 'Train within the requested quarter' },
      roles: ['group_director'],
      deadline: {
        kind: 'quarter_end',
        phrase: 'ภายในไตรมาสที่เสนอขอในโครงการ',
        source: seed002('3.3', 5),
        note: 'entered only inside the requested quarter, so its end is the end of that quarter',
      },
      source: seed002('3.3', 5),
    },
    'delivery.work.preparingInformation': {
      label: { th: 'จัดทำข้อมูลสารสนเทศในการวางแผนฝึกอบรม', en: 'Prepare the planning information' },
      roles: ['hr_officer'],
      source: seed002('3.3', 6),
    },
    'delivery.work.appointingCommittees': {
      label: { th: 'แต่งตั้งคณะกรรมการที่เกี่ยวข้องในการฝึกอบรม', en: 'Appoint the training committees' },
      roles: ['hr_officer'],
      deadline: { kind: 'calendar_days', days: 10, phrase: 'ภายใน 10 วัน หลังจากมีข้อมูลเรียบร้อยแล้ว', source: seed002('3.3', 7) },
      source: seed002('3.3', 7),
    },
    'delivery.work.awaitingAcknowledgement': {
      label: { th: 'คณะกรรมการรับทราบคำสั่งแต่งตั้ง', en: 'Members acknowledge the appointment order' },
      roles: ['hr_officer'],
      source: seed002('3.3', 8, 'the anchor of step 8 as its own step: members acknowledging the order'),
    },
    'delivery.work.planningMeeting': {
      label: { th: 'ประชุมคณะกรรมการวางแผน กำหนดหลักสูตรและคู่มือ', en: 'Committees meet to plan the curriculum and manual' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'calendar_days',
        days: 5,
        phrase: 'ภายใน 5 วัน หลังจากคณะกรรมการที่เกี่ยวข้องทราบคำสั่งแต่งตั้งคณะกรรมการ',
        source: seed002('3.3', 8),
      },
      source: seed002('3.3', 8),
    },
    'delivery.work.conductingTraining': {
      label: { th: 'ดำเนินการพัฒนาตามหลักสูตร', en: 'Run the training per the curriculum' },
      roles: ['hr_officer'],
      source: seed002('3.3', 9),
    },
    evaluating: {
      label: { th: 'ติดตามและประเมินผลตามโครงการ', en: 'Follow up and evaluate the project' },
      roles: ['hr_officer'],
      deadline: { kind: 'immediately', phrase: 'ดำเนินการทันทีหลังการฝึกอบรม', source: seed002('3.3', 10) },
      source: seed002('3.3', 10),
    },
  },
  events: {
    SURVEY_COMPLETED: { label: { th: 'สำรวจความต้องการเสร็จ', en: 'Survey done' }, payload: SurveyDone, roles: ['hr_officer'] },
    PROJECT_DRAFTED: { label: { th: 'จัดทำโครงการแล้ว', en: 'Project written' }, payload: ProjectDrafted, roles: ['hr_officer'] },
    PROJECT_SUBMITTED: { label: { th: 'เสนอโครงการแล้ว', en: 'Project submitted' }, payload: Empty, roles: ['hr_officer'] },
    PROJECT_APPROVED: { label: { th: 'มติอนุมัติโครงการ', en: 'Project approved' }, payload: Resolution, roles: ['committee'] },
    PROJECT_NOT_APPROVED: { label: { th: 'มติไม่อนุมัติโครงการ', en: 'Project not approved' }, payload: Resolution, roles: ['committee'] },
    QUARTER_BEGAN: { label: { th: 'เริ่มไตรมาสที่เสนอขอ', en: 'Requested quarter began' }, payload: Empty, roles: ['hr_officer', 'system'] },
    PROJECT_CANCELLED: { label: { th: 'ยกเลิกโครงการ', en: 'Project cancelled' }, payload: NotePayload, roles: ['group_director'] },
    INFORMATION_READY: { label: { th: 'ข้อมูลสารสนเทศเรียบร้อย', en: 'Information complete' }, payload: Empty, roles: ['hr_officer'] },
    COMMITTEES_APPOINTED: {
      label: { th: 'ลงนามคำสั่งแต่งตั้งคณะกรรมการ', en: 'Committees appointed' },
      payload: OrderPayload,
      roles: ['hr_officer', 'area_director'],
    },
    ORDER_ACKNOWLEDGED: { label: { th: 'คณะกรรมการทราบคำสั่งแล้ว', en: 'Order acknowledged' }, payload: Empty, roles: ['hr_officer'] },
    TRAINING_PLANNED: { label: { th: 'กำหนดหลักสูตรและคู่มือแล้ว', en: 'Curriculum and manual set' }, payload: PlanSet, roles: ['hr_officer'] },
    TRAINING_COMPLETED: { label: { th: 'ฝึกอบรมเสร็จสิ้น', en: 'Training finished' }, payload: TrainingDone, roles: ['hr_officer'] },
    EVALUATED: { label: { th: 'ประเมินผลแล้ว', en: 'Evaluated' }, payload: Empty, roles: ['hr_officer'] },
  },
});
