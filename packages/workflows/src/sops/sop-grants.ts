/**
 * SOP "การขอรับทุนต่าง ๆ" (seed-002 §3.8): a notice of a grant or scholarship
 * arrives from an affiliated or other agency; the group publicises it to the
 * civil servants of the office, receives the applications on the prescribed
 * form by the date the calendar sets, checks the evidence, puts them to the
 * superiors, registers and forwards them to OBEC or the agency, and keeps the
 * control register.
 *
 * One case per grant notice; its applications are checked and forwarded as
 * one batch. Steps 1 and 2 share their anchor (the notice received), so they
 * run side by side with their own clocks. Step 5 is one seed step with one
 * time standard, so the superiors' sign-off and the forwarding are one step:
 * the officer records the forwarding once the superiors have signed, and a
 * superior may refuse (inferred). A notice without applicants, or without an
 * eligible one, ends early (inferred).
 */
import { WORKFLOW_LABELS } from '../labels';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { Empty, NotePayload, seed002 } from './sop-common';

const Input = z
  .object({
    grantName: z.string().trim().min(1).max(300),
    sourceAgency: z.string().trim().min(1).max(300),
    letterNo: z.string().trim().min(1).max(100),
  })
  .strict();
const ApplicationsClosed = z.object({ applications: z.int().min(0).max(10_000) }).strict();
const EvidenceChecked = z.object({ eligible: z.int().min(0).max(10_000), ineligible: z.int().min(0).max(10_000) }).strict();
const Forwarded = z.object({ sarabanNo: z.string().trim().min(1).max(100), systemRef: z.string().trim().min(1).max(100) }).strict();
const Registered = z.object({ registerNo: z.string().trim().min(1).max(100) }).strict();

type Ctx = { grantName: string; applications: number | null; eligible: number | null };
type Ev =
  | EngineEvent<'NOTICE_REGISTERED' | 'PUBLICISED', z.infer<typeof Empty>>
  | EngineEvent<'APPLICATIONS_CLOSED', z.infer<typeof ApplicationsClosed>>
  | EngineEvent<'EVIDENCE_CHECKED', z.infer<typeof EvidenceChecked>>
  | EngineEvent<'FORWARDED', z.infer<typeof Forwarded>>
  | EngineEvent<'FORWARD_REFUSED', z.infer<typeof NotePayload>>
  | EngineEvent<'REGISTERED', z.infer<typeof Registered>>;

const machine = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as EngineInput<z.infer<typeof Input>> },
  guards: {
    hasApplications: ({ event }) => event.type === 'APPLICATIONS_CLOSED' && event.payload.applications > 0,
    hasEligible: ({ event }) => event.type === 'EVIDENCE_CHECKED' && event.payload.eligible > 0,
  },
  actions: {
    recordApplications: assign({ applications: ({ event }) => (event.type === 'APPLICATIONS_CLOSED' ? event.payload.applications : null) }),
    recordEligible: assign({ eligible: ({ event }) => (event.type === 'EVIDENCE_CHECKED' ? event.payload.eligible : null) }),
  },
}).createMachine({
  id: 'sop-grants',
  initial: 'onNotice',
  context: ({ input }) => ({ grantName: input.data.grantName, applications: null, eligible: null }),
  states: {
    onNotice: {
      type: 'parallel',
      states: {
        receipt: {
          initial: 'registeringNotice',
          states: { registeringNotice: { on: { NOTICE_REGISTERED: 'done' } }, done: { type: 'final' } },
        },
        publicity: { initial: 'publicising', states: { publicising: { on: { PUBLICISED: 'done' } }, done: { type: 'final' } } },
      },
      onDone: 'receivingApplications',
    },
    receivingApplications: {
      on: {
        APPLICATIONS_CLOSED: [
          { guard: 'hasApplications', target: 'checkingEvidence', actions: 'recordApplications' },
          { target: 'noApplications', actions: 'recordApplications' },
        ],
      },
    },
    checkingEvidence: {
      on: {
        EVIDENCE_CHECKED: [
          { guard: 'hasEligible', target: 'forwarding', actions: 'recordEligible' },
          { target: 'noEligibleApplicants', actions: 'recordEligible' },
        ],
      },
    },
    forwarding: { on: { FORWARDED: 'controlRegister', FORWARD_REFUSED: 'notForwarded' } },
    controlRegister: { on: { REGISTERED: 'forwarded' } },
    forwarded: { type: 'final' },
    notForwarded: { type: 'final' },
    noApplications: { type: 'final' },
    noEligibleApplicants: { type: 'final' },
  },
});

export const sopGrants = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'sop-grants',
  version: 1,
  title: { th: 'การขอรับทุนต่าง ๆ', en: 'Grant and scholarship applications' },
  machine,
  input: Input,
  starters: ['hr_officer'],
  steps: {
    'onNotice.receipt.registeringNotice': {
      label: { th: 'ได้รับหนังสือแจ้งจากหน่วยงาน ลงรับและเสนอ', en: 'Grant notice received and registered' },
      roles: ['hr_officer'],
      deadline: { kind: 'calendar_days', days: 1, phrase: 'ภายใน1 วันหลังจากได้รับหนังสือแจ้ง', source: seed002('3.8', 1) },
      source: seed002('3.8', 1),
    },
    'onNotice.publicity.publicising': {
      label: { th: 'มีหนังสือแจ้งประชาสัมพันธ์ไปยังข้าราชการในสังกัด', en: 'Publicise to the civil servants of the office' },
      roles: ['hr_officer'],
      deadline: { kind: 'calendar_days', days: 1, phrase: 'ภายใน1 วันหลังจากได้รับหนังสือแจ้ง', source: seed002('3.8', 2) },
      source: seed002('3.8', 2),
    },
    receivingApplications: {
      label: { th: 'ผู้ประสงค์ส่งใบสมัครตามแบบฟอร์มที่กำหนด', en: 'Applicants send the prescribed form' },
      roles: ['hr_officer'],
      deadline: { kind: 'external', calendar: 'ปฏิทินที่กำหนด', phrase: 'ตามปฏิทินที่กำหนด', source: seed002('3.8', 3) },
      source: seed002('3.8', 3, 'ending without applicants inferred'),
    },
    checkingEvidence: {
      label: { th: 'ตรวจสอบเอกสารหลักฐานของผู้ประสงค์เข้าร่วมโครงการ', en: 'Check the applicants’ evidence' },
      roles: ['hr_officer'],
      deadline: { kind: 'calendar_days', days: 1, phrase: 'ภายใน 1 วันหลังจากได้รับเอกสารหลักฐาน', source: seed002('3.8', 4) },
      source: seed002('3.8', 4, 'ending without eligible applicants inferred'),
    },
    forwarding: {
      label: {
        th: 'เสนอผู้บังคับบัญชา ลงทะเบียนในระบบสารบรรณและในระบบ ส่ง สพฐ./หน่วยงาน',
        en: 'Superiors sign; register and forward to OBEC or the agency',
      },
      roles: ['hr_officer', 'area_director'],
      deadline: { kind: 'calendar_days', days: 1, phrase: 'ภายใน 1 วันหลังจากตรวจสอบเอกสารหลักฐานเสร็จเรียบร้อย', source: seed002('3.8', 5) },
      source: seed002('3.8', 5, 'refusal inferred'),
    },
    controlRegister: {
      label: { th: 'จัดทำทะเบียนคุมการขอรับทุน', en: 'Enter the applications in the control register' },
      roles: ['hr_officer'],
      deadline: { kind: 'after_completion', phrase: 'หลังจากดำเนินการตามขั้นตอนเรียบร้อยแล้ว', source: seed002('3.8', 6) },
      source: seed002('3.8', 6),
    },
  },
  events: {
    NOTICE_REGISTERED: { label: { th: 'ลงรับหนังสือแล้ว', en: 'Notice registered' }, payload: Empty, roles: ['hr_officer'] },
    PUBLICISED: { label: { th: 'ประชาสัมพันธ์แล้ว', en: 'Publicised' }, payload: Empty, roles: ['hr_officer'] },
    APPLICATIONS_CLOSED: {
      label: { th: 'ครบกำหนดรับใบสมัคร', en: 'Applications closed' },
      payload: ApplicationsClosed,
      roles: ['hr_officer'],
    },
    EVIDENCE_CHECKED: { label: { th: 'ตรวจสอบหลักฐานแล้ว', en: 'Evidence checked' }, payload: EvidenceChecked, roles: ['hr_officer'] },
    FORWARDED: { label: { th: 'ส่งเอกสารแล้ว', en: 'Forwarded' }, payload: Forwarded, roles: ['hr_officer'] },
    FORWARD_REFUSED: { label: { th: 'ผู้บังคับบัญชาไม่เห็นชอบ', en: 'Superior refuses' }, payload: NotePayload, roles: ['area_director'] },
    REGISTERED: { label: { th: 'ลงทะเบียนคุมแล้ว', en: 'Registered' }, payload: Registered, roles: ['hr_officer'] },
  },
});
