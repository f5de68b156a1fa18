/**
 * A procedure with time standards, to test SLA clocks: the HR officer reviews
 * within 3 working days, may send the work back to the applicant (who has 5
 * calendar days, while the review clock pauses), and the area director decides
 * within 1 working day.
 */
import { setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, type EngineEvent, type EngineInput } from '../../src/index';

const Empty = z.object({}).strict();
type Ev = EngineEvent<'SEND_BACK' | 'REVISED' | 'FORWARD' | 'APPROVE', Record<string, never>>;

export const sampleSla = defineWorkflow({
  id: 'sample-sla',
  version: 1,
  title: { th: 'ตัวอย่างมาตรฐานเวลา', en: 'Sample with time standards' },
  machine: setup({ types: { events: {} as Ev, input: {} as EngineInput } }).createMachine({
    id: 'sample-sla',
    initial: 'review',
    states: {
      review: { on: { SEND_BACK: 'revision', FORWARD: 'decision' } },
      revision: { on: { REVISED: 'review' } },
      decision: { on: { APPROVE: 'approved' } },
      approved: { type: 'final' },
    },
  }),
  input: z.object({}),
  starters: ['hr_officer', 'teacher'],
  steps: {
    review: {
      label: { th: 'ตรวจสอบเอกสาร', en: 'Document review' },
      roles: ['hr_officer'],
      deadline: { kind: 'working_days', days: 3, phrase: 'ภายใน 3 วันทำการ' },
      sla: { remindWorkingDaysBefore: [2], escalationChain: ['group_director', 'area_director'], maxEscalations: 3 },
      source: 'engine test sample',
    },
    revision: {
      label: { th: 'ผู้ยื่นปรับปรุงผลงาน', en: 'Applicant revises' },
      roles: ['applicant'],
      deadline: { kind: 'calendar_days', days: 5, phrase: 'ภายใน 5 วัน' },
      waitsOnApplicant: true,
      source: 'engine test sample',
    },
    decision: {
      label: { th: 'ผอ.สพท. พิจารณา', en: 'Area director decides' },
      roles: ['area_director'],
      deadline: { kind: 'working_days', days: 1, phrase: 'ภายใน 1 วันทำการ' },
      source: 'engine test sample',
    },
  },
  events: {
    SEND_BACK: { label: { th: 'ส่งกลับให้ปรับปรุง', en: 'Send back' }, payload: Empty, roles: ['hr_officer'] },
    REVISED: { label: { th: 'ส่งผลงานที่ปรับปรุงแล้ว', en: 'Submit revision' }, payload: Empty, roles: ['applicant'] },
    FORWARD: { label: { th: 'เสนอ ผอ.สพท.', en: 'Forward' }, payload: Empty, roles: ['hr_officer'] },
    APPROVE: { label: { th: 'อนุมัติ', en: 'Approve' }, payload: Empty, roles: ['area_director'] },
  },
});
