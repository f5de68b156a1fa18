/**
 * A small multi-step approval procedure used to test the engine itself:
 * the applicant files, the school director certifies or returns it, the HR
 * officer checks it, the area director decides. Pure: guards and assign only.
 */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, type EngineEvent, type EngineInput } from '../../src/index';

const Empty = z.object({}).strict();
const ReturnPayload = z.object({ note: z.string().min(1).max(500) }).strict();
const CheckPayload = z.object({ score: z.number().int().min(0).max(100) }).strict();
const DecidePayload = z.object({ orderNo: z.string().regex(/^\d+\/\d{4}$/) }).strict();

type Ctx = { amount: number; returns: number; score: number | null; orderNo: string | null; lastNote: string | null };
type Ev =
  | EngineEvent<'CERTIFY', z.infer<typeof Empty>>
  | EngineEvent<'RETURN', z.infer<typeof ReturnPayload>>
  | EngineEvent<'RESUBMIT', z.infer<typeof Empty>>
  | EngineEvent<'WITHDRAW', z.infer<typeof Empty>>
  | EngineEvent<'CHECK', z.infer<typeof CheckPayload>>
  | EngineEvent<'APPROVE', z.infer<typeof DecidePayload>>
  | EngineEvent<'REJECT', z.infer<typeof ReturnPayload>>;

export const MAX_RETURNS = 2;
export const PASS_SCORE = 60;

export const sampleApprovalMachine = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as EngineInput<{ amount: number }> },
  guards: {
    mayReturnAgain: ({ context }) => context.returns < MAX_RETURNS,
    scorePasses: ({ event }) => event.type === 'CHECK' && event.payload.score >= PASS_SCORE,
    scoreFails: ({ event }) => event.type === 'CHECK' && event.payload.score < PASS_SCORE,
  },
  actions: {
    countReturn: assign({
      returns: ({ context }) => context.returns + 1,
      lastNote: ({ event }) => (event.type === 'RETURN' ? event.payload.note : null),
    }),
    recordScore: assign({ score: ({ event }) => (event.type === 'CHECK' ? event.payload.score : null) }),
    recordOrder: assign({ orderNo: ({ event }) => (event.type === 'APPROVE' ? event.payload.orderNo : null) }),
  },
}).createMachine({
  id: 'sample-approval',
  initial: 'schoolReview',
  context: ({ input }) => ({ amount: input.data.amount, returns: 0, score: null, orderNo: null, lastNote: null }),
  states: {
    schoolReview: {
      on: {
        CERTIFY: 'hrCheck',
        RETURN: { guard: 'mayReturnAgain', target: 'returned', actions: 'countReturn' },
        WITHDRAW: 'withdrawn',
      },
    },
    returned: {
      on: { RESUBMIT: 'schoolReview', WITHDRAW: 'withdrawn' },
    },
    hrCheck: {
      on: {
        CHECK: [
          { guard: 'scorePasses', target: 'directorDecision', actions: 'recordScore' },
          { guard: 'scoreFails', target: 'rejected', actions: 'recordScore' },
        ],
      },
    },
    directorDecision: {
      on: {
        APPROVE: { target: 'approved', actions: 'recordOrder' },
        REJECT: 'rejected',
      },
    },
    approved: { type: 'final' },
    rejected: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});

const source = 'engine test sample (not a real procedure)';

export const sampleApproval = defineWorkflow({
  id: 'sample-approval',
  version: 1,
  title: { th: 'ตัวอย่างการอนุมัติ', en: 'Sample approval' },
  machine: sampleApprovalMachine,
  input: z.object({ amount: z.number().int().positive() }).strict(),
  starters: ['teacher', 'hr_officer'],
  steps: {
    schoolReview: { label: { th: 'ผู้อำนวยการสถานศึกษาตรวจสอบ', en: 'School director review' }, roles: ['school_director'], source },
    returned: { label: { th: 'ส่งคืนแก้ไข', en: 'Returned for correction' }, roles: ['applicant'], source },
    hrCheck: { label: { th: 'กลุ่มบริหารงานบุคคลตรวจสอบ', en: 'HR check' }, roles: ['hr_officer'], source },
    directorDecision: { label: { th: 'ผอ.สพท. พิจารณา', en: 'Area director decision' }, roles: ['area_director'], source },
  },
  events: {
    CERTIFY: { label: { th: 'รับรอง', en: 'Certify' }, payload: Empty, roles: ['school_director'] },
    RETURN: { label: { th: 'ส่งคืนแก้ไข', en: 'Return' }, payload: ReturnPayload, roles: ['school_director'] },
    RESUBMIT: { label: { th: 'ส่งใหม่', en: 'Resubmit' }, payload: Empty, roles: ['applicant'] },
    WITHDRAW: { label: { th: 'ถอนคำขอ', en: 'Withdraw' }, payload: Empty, roles: ['applicant'] },
    CHECK: { label: { th: 'ตรวจสอบและให้คะแนน', en: 'Check and score' }, payload: CheckPayload, roles: ['hr_officer'] },
    APPROVE: { label: { th: 'อนุมัติ', en: 'Approve' }, payload: DecidePayload, roles: ['area_director'] },
    REJECT: { label: { th: 'ไม่อนุมัติ', en: 'Reject' }, payload: ReturnPayload, roles: ['area_director'] },
  },
});
