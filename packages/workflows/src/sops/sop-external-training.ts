/**
 * SOP "ส่งเสริมการจัดส่งข้าราชการครูและบุคลากรทางการศึกษา พนักงานราชการ
 * ลูกจ้างประจำ ไปเข้ารับการฝึกอบรมประชุม สัมมนาหรือคณะทำงานร่วมกับหน่วยงานอื่นๆ"
 * (seed-002 §3.5): a letter from OBEC (or another agency) invites personnel to
 * a training, meeting, seminar or working group; the group asks the superiors'
 * permission, tells the target schools, collects the names on the reply form,
 * forwards them to the organiser, records the participants and reports them to
 * OBEC at the end of the fiscal year.
 *
 * One case per invitation letter. The schools' replies come in on the reply
 * form; the officer records them (a school director may too when the case
 * names their school). The refusal path is inferred.
 */
import { WORKFLOW_LABELS } from '../labels';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { Empty, LetterPayload, NotePayload, seed002 } from './sop-common';

const Input = z
  .object({
    letterNo: z.string().trim().min(1).max(100),
    subject: z.string().trim().min(1).max(500),
    /** ฝึกอบรม / ประชุม / สัมมนา / คณะทำงาน */
    eventKind: z.enum(['training', 'meeting', 'seminar', 'working_group']),
    organiser: z.string().trim().min(1).max(300),
  })
  .strict();
const SchoolsNotified = z.object({ schoolCount: z.int().min(1).max(2000) }).strict();
const NamesReceived = z
  .object({
    participants: z
      .array(z.object({ name: z.string().trim().min(1).max(200), school: z.string().trim().min(1).max(300) }).strict())
      .min(1)
      .max(5000),
  })
  .strict();

type Ctx = { letterNo: string; participants: number | null };
type Ev =
  | EngineEvent<'PROPOSED' | 'PARTICIPANTS_RECORDED' | 'KPI_REPORTED', z.infer<typeof Empty>>
  | EngineEvent<'PERMISSION_GRANTED', z.infer<typeof Empty>>
  | EngineEvent<'PERMISSION_DENIED', z.infer<typeof NotePayload>>
  | EngineEvent<'SCHOOLS_NOTIFIED', z.infer<typeof SchoolsNotified>>
  | EngineEvent<'NAMES_RECEIVED', z.infer<typeof NamesReceived>>
  | EngineEvent<'REPLIES_SENT', z.infer<typeof LetterPayload>>;

const machine = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as EngineInput<z.infer<typeof Input>> },
  actions: {
    recordNames: assign({ participants: ({ event }) => (event.type === 'NAMES_RECEIVED' ? event.payload.participants.length : null) }),
  },
}).createMachine({
  id: 'sop-external-training',
  initial: 'receivingLetter',
  context: ({ input }) => ({ letterNo: input.data.letterNo, participants: null }),
  states: {
    receivingLetter: { on: { PROPOSED: 'superiorPermission' } },
    superiorPermission: { on: { PERMISSION_GRANTED: 'notifyingSchools', PERMISSION_DENIED: 'notPermitted' } },
    notifyingSchools: { on: { SCHOOLS_NOTIFIED: 'awaitingNames' } },
    awaitingNames: { on: { NAMES_RECEIVED: { target: 'forwardingReplies', actions: 'recordNames' } } },
    forwardingReplies: { on: { REPLIES_SENT: 'recordingParticipants' } },
    recordingParticipants: { on: { PARTICIPANTS_RECORDED: 'kpiReport' } },
    kpiReport: { on: { KPI_REPORTED: 'completed' } },
    completed: { type: 'final' },
    notPermitted: { type: 'final' },
  },
});

export const sopExternalTraining = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'sop-external-training',
  version: 1,
  title: {
    th: 'ส่งเสริมการจัดส่งบุคลากรไปเข้ารับการฝึกอบรม ประชุม สัมมนา หรือคณะทำงานร่วมกับหน่วยงานอื่น',
    en: 'Sending personnel to outside training, meetings, seminars and working groups',
  },
  machine,
  input: Input,
  starters: ['hr_officer'],
  steps: {
    receivingLetter: {
      label: { th: 'รับหนังสือจาก สพฐ. แจ้งให้บุคลากรเข้าร่วม', en: 'Letter from OBEC received' },
      roles: ['hr_officer'],
      deadline: { kind: 'immediately', phrase: 'ปฏิบัติทันที', source: seed002('3.5', 1) },
      source: seed002('3.5', 1),
    },
    superiorPermission: {
      label: { th: 'เสนอผู้บังคับบัญชาตามลำดับชั้นเพื่อขออนุญาต', en: 'Superiors asked for permission' },
      roles: ['area_director'],
      deadline: { kind: 'immediately', phrase: 'ปฏิบัติทันที', source: seed002('3.5', 2) },
      source: seed002('3.5', 2, 'refusal path inferred'),
    },
    notifyingSchools: {
      label: { th: 'แจ้งโรงเรียนในสังกัดตามกลุ่มเป้าหมาย', en: 'Target schools notified' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'calendar_days',
        days: 1,
        phrase: 'ภายใน 1 วัน แจ้งโรงเรียนในสังกัดทราบ',
        source: seed002('3.5', 3),
        note: 'anchor not written; read as from the permission',
      },
      source: seed002('3.5', 3),
    },
    awaitingNames: {
      label: { th: 'โรงเรียนแจ้งรายชื่อผู้เข้าร่วมตามแบบตอบรับ', en: 'Schools send participant names on the reply form' },
      roles: ['hr_officer', 'school_director'],
      deadline: {
        kind: 'range',
        unit: 'calendar_days',
        minDays: 3,
        maxDays: 5,
        phrase: 'ภายใน 3 - 5 วัน ให้แจ้งรายชื่อผู้เข้าร่วมฝึกอบรมฯ ประชุม สัมมนา ถึงหน่วยงานดำเนินการจัดอบรม',
        source: seed002('3.5', 4),
        note: 'anchor not written; read as from the schools being notified',
      },
      source: seed002('3.5', 4),
    },
    forwardingReplies: {
      label: { th: 'แจ้งแบบตอบรับถึง สพฐ./หน่วยงานที่จัด', en: 'Reply forms sent to the organiser' },
      roles: ['hr_officer'],
      deadline: {
        kind: 'calendar_days',
        days: 1,
        phrase: 'ภายใน 1 วัน หลังจากได้รับรายชื่อผู้เข้าร่วมฝึกอบรมฯ ประชุม สัมมนาฯ จากโรงเรียนในสังกัด',
        source: seed002('3.5', 5),
      },
      source: seed002('3.5', 5),
    },
    recordingParticipants: {
      label: { th: 'บันทึกข้อมูลรายชื่อผู้เข้าร่วม', en: 'Participants recorded' },
      roles: ['hr_officer'],
      deadline: { kind: 'immediately', phrase: 'ปฏิบัติทันที เมื่อส่งรายชื่อให้หน่วยงานที่ดำเนินการจัดอบรมเรียบร้อยแล้ว', source: seed002('3.5', 6) },
      source: seed002('3.5', 6),
    },
    kpiReport: {
      label: { th: 'รายงานผลตามตัวชี้วัดให้ สพฐ. เมื่อสิ้นปีงบประมาณ', en: 'KPI report to OBEC at fiscal-year end' },
      roles: ['hr_officer'],
      deadline: { kind: 'fiscal_year_end', phrase: '…รายงานผลตามตัวชี้วัด ให้ สพฐ. เมื่อสิ้นปีงบประมาณ', source: seed002('3.5', 6) },
      source: seed002('3.5', 6),
    },
  },
  events: {
    PROPOSED: { label: { th: 'เสนอขออนุญาตแล้ว', en: 'Proposed to the superiors' }, payload: Empty, roles: ['hr_officer'] },
    PERMISSION_GRANTED: { label: { th: 'อนุญาต', en: 'Permission granted' }, payload: Empty, roles: ['area_director'] },
    PERMISSION_DENIED: { label: { th: 'ไม่อนุญาต', en: 'Permission denied' }, payload: NotePayload, roles: ['area_director'] },
    SCHOOLS_NOTIFIED: { label: { th: 'แจ้งโรงเรียนแล้ว', en: 'Schools notified' }, payload: SchoolsNotified, roles: ['hr_officer'] },
    NAMES_RECEIVED: {
      label: { th: 'ได้รับรายชื่อจากโรงเรียน', en: 'Names received' },
      payload: NamesReceived,
      roles: ['hr_officer', 'school_director'],
    },
    REPLIES_SENT: { label: { th: 'ส่งแบบตอบรับแล้ว', en: 'Reply forms sent' }, payload: LetterPayload, roles: ['hr_officer'] },
    PARTICIPANTS_RECORDED: { label: { th: 'บันทึกรายชื่อแล้ว', en: 'Recorded' }, payload: Empty, roles: ['hr_officer'] },
    KPI_REPORTED: { label: { th: 'รายงานตัวชี้วัดแล้ว', en: 'KPI reported' }, payload: Empty, roles: ['hr_officer'] },
  },
});
