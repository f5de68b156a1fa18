/**
 * SOP "การขออนุญาตไปราชการของผู้อำนวยการสถานศึกษา" (seed-002 §3.7): a school
 * director asks the office for permission to travel on official business; the
 * group receives the letter, checks the documents, puts it to the authorised
 * official (ผู้มีอำนาจ, here the area director), registers the outgoing letter
 * in the correspondence system (ระบบสารบรรณ), tells the school, and keeps the
 * control register (ทะเบียนคุม).
 *
 * The case is about the director (its subject) and belongs to their school.
 * Only step 1 has a written time standard ("within 1 day of receiving the
 * letter"); steps 2–3 are blank in the seed and get no clock. The monitoring
 * table (§3.9 row 2) expects the whole request handled within 1 day of
 * receipt; the engine's clocks are per step, so that is a supervisor's
 * reading, not a timer here. Sending documents back, and the refusal, are
 * inferred: the seed only says the authority "considers" and the school is
 * told.
 */
import { WORKFLOW_LABELS } from '../labels';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { Empty, LetterPayload, LocalDate, NotePayload, seed002 } from './sop-common';

const Input = z
  .object({
    destination: z.string().trim().min(1).max(300),
    purpose: z.string().trim().min(1).max(1000),
    departOn: LocalDate,
    returnOn: LocalDate,
  })
  .strict()
  .refine((v) => v.returnOn >= v.departOn, { message: 'returnOn must not be before departOn', path: ['returnOn'] });
const Registered = z.object({ registerNo: z.string().trim().min(1).max(100) }).strict();

type Ctx = { decision: 'approved' | 'denied' | null; returns: number };
type Ev =
  | EngineEvent<'REQUEST_ACCEPTED' | 'DOCUMENTS_COMPLETE' | 'RESUBMITTED' | 'TRAVEL_APPROVED', z.infer<typeof Empty>>
  | EngineEvent<'DOCUMENTS_INCOMPLETE' | 'TRAVEL_DENIED', z.infer<typeof NotePayload>>
  | EngineEvent<'SCHOOL_NOTIFIED', z.infer<typeof LetterPayload>>
  | EngineEvent<'REGISTERED', z.infer<typeof Registered>>;

const machine = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as EngineInput<z.infer<typeof Input>> },
  guards: {
    wasApproved: ({ context }) => context.decision === 'approved',
  },
  actions: {
    countReturn: assign({ returns: ({ context }) => context.returns + 1 }),
    recordApproval: assign({ decision: 'approved' as const }),
    recordDenial: assign({ decision: 'denied' as const }),
  },
}).createMachine({
  id: 'sop-travel-permission',
  initial: 'receivingRequest',
  context: { decision: null, returns: 0 },
  states: {
    receivingRequest: { on: { REQUEST_ACCEPTED: 'checkingDocuments' } },
    checkingDocuments: {
      on: { DOCUMENTS_COMPLETE: 'authorityDecision', DOCUMENTS_INCOMPLETE: { target: 'returnedToSchool', actions: 'countReturn' } },
    },
    returnedToSchool: { on: { RESUBMITTED: 'checkingDocuments' } },
    authorityDecision: {
      on: {
        TRAVEL_APPROVED: { target: 'notifyingSchool', actions: 'recordApproval' },
        TRAVEL_DENIED: { target: 'notifyingSchool', actions: 'recordDenial' },
      },
    },
    notifyingSchool: { on: { SCHOOL_NOTIFIED: 'controlRegister' } },
    controlRegister: { on: { REGISTERED: [{ guard: 'wasApproved', target: 'approved' }, { target: 'denied' }] } },
    approved: { type: 'final' },
    denied: { type: 'final' },
  },
});

export const sopTravelPermission = defineWorkflow({
  labels: WORKFLOW_LABELS,
  id: 'sop-travel-permission',
  version: 1,
  title: { th: 'การขออนุญาตไปราชการของผู้อำนวยการสถานศึกษา', en: 'Official-travel permission for school directors' },
  machine,
  input: Input,
  starters: ['school_director', 'hr_officer'],
  steps: {
    receivingRequest: {
      label: { th: 'ได้รับหนังสือขออนุญาตไปราชการของผู้อำนวยการโรงเรียน', en: 'Travel request letter received' },
      roles: ['hr_officer'],
      deadline: { kind: 'calendar_days', days: 1, phrase: 'ภายใน 1 วันหลังจากได้รับหนังสือแจ้ง', source: seed002('3.7', 1) },
      source: seed002('3.7', 1),
    },
    checkingDocuments: {
      label: { th: 'ตรวจสอบเอกสารหลักฐานการขออนุญาตไปราชการ', en: 'Check the supporting documents' },
      roles: ['hr_officer'],
      source: seed002('3.7', 2),
    },
    returnedToSchool: {
      label: { th: 'ส่งคืนให้โรงเรียนแก้ไขเอกสาร', en: 'Returned to the school to complete the documents' },
      roles: ['applicant'],
      waitsOnApplicant: true,
      source: seed002('3.7', 2, 'return path inferred; the seed gives no outcome of the check'),
    },
    authorityDecision: {
      label: { th: 'เสนอผู้มีอำนาจพิจารณาตามลำดับ', en: 'The authorised official decides' },
      roles: ['area_director'],
      source: seed002('3.7', 3, 'refusal inferred'),
    },
    notifyingSchool: {
      label: {
        th: 'ลงทะเบียนส่งหนังสือในระบบสารบรรณ และแจ้งโรงเรียน',
        en: 'Register the letter in the correspondence system and tell the school',
      },
      roles: ['hr_officer'],
      source: seed002('3.7', 3),
    },
    controlRegister: {
      label: { th: 'จัดทำทะเบียนคุมการขออนุญาตไปราชการ', en: 'Enter the request in the control register' },
      roles: ['hr_officer'],
      deadline: { kind: 'after_completion', phrase: 'หลังจากดำเนินการตามขั้นตอนเรียบร้อยแล้ว', source: seed002('3.7', 4) },
      source: seed002('3.7', 4),
    },
  },
  events: {
    REQUEST_ACCEPTED: { label: { th: 'ลงรับหนังสือแล้ว', en: 'Letter registered' }, payload: Empty, roles: ['hr_officer'] },
    DOCUMENTS_COMPLETE: { label: { th: 'เอกสารครบถ้วน เสนอพิจารณา', en: 'Documents complete' }, payload: Empty, roles: ['hr_officer'] },
    DOCUMENTS_INCOMPLETE: { label: { th: 'เอกสารไม่ครบ ส่งคืน', en: 'Documents incomplete' }, payload: NotePayload, roles: ['hr_officer'] },
    RESUBMITTED: { label: { th: 'ส่งเอกสารเพิ่มเติมแล้ว', en: 'Documents resubmitted' }, payload: Empty, roles: ['applicant'] },
    TRAVEL_APPROVED: { label: { th: 'อนุญาต', en: 'Approve' }, payload: Empty, roles: ['area_director'] },
    TRAVEL_DENIED: { label: { th: 'ไม่อนุญาต', en: 'Deny' }, payload: NotePayload, roles: ['area_director'] },
    SCHOOL_NOTIFIED: { label: { th: 'แจ้งโรงเรียนแล้ว', en: 'School told' }, payload: LetterPayload, roles: ['hr_officer'] },
    REGISTERED: { label: { th: 'ลงทะเบียนคุมแล้ว', en: 'Registered' }, payload: Registered, roles: ['hr_officer'] },
  },
});
