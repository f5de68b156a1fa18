/**
 * A procedure with dated steps, to test moments read from the case's data:
 * the director reviews until `reviewUntil` (a round date in the data; a date
 * guard refuses CERTIFY after it, the system closes the review at that
 * moment), may return the work with a fix-by moment (the teacher's clock;
 * LAPSE one second after it), and after a notice (ACK carries when the
 * teacher was notified) the teacher may appeal within 5 days of being
 * notified (accepted late, but marked).
 */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, type EngineEvent, type EngineInput } from '../../src/index';

const Empty = z.object({}).strict();
const Moment = z.object({ date: z.string(), time: z.string() });
const Input = z.object({ reviewUntil: Moment });
type Ctx = { reviewUntil: { date: string; time: string }; fixBy: string | null; notifiedAt: string | null };
type Ev =
  | EngineEvent<'CERTIFY' | 'EXPIRE' | 'RESUBMIT' | 'LAPSE' | 'APPEAL', Record<string, never>>
  | EngineEvent<'RETURN', { fixBy: string }>
  | EngineEvent<'ACK', { occurredAt?: string }>;

export const REVIEW_RULE = { th: 'พ้นกำหนดรับรองคำขอแล้ว (reviewUntil)', en: 'The review period has ended (reviewUntil).' };

export const sampleDated = defineWorkflow({
  id: 'sample-dated',
  version: 1,
  title: { th: 'ตัวอย่างขั้นตอนที่มีกำหนดวัน', en: 'Sample with dated steps' },
  machine: setup({
    types: { context: {} as Ctx, events: {} as Ev, input: {} as EngineInput<z.infer<typeof Input>> },
    guards: {
      fixByPassed: ({ context, event }) => context.fixBy !== null && new Date(event.at).getTime() > new Date(context.fixBy).getTime(),
    },
  }).createMachine({
    id: 'sample-dated',
    initial: 'review',
    context: ({ input }) => ({ reviewUntil: input.data.reviewUntil, fixBy: null, notifiedAt: null }),
    states: {
      review: {
        on: {
          CERTIFY: 'notice',
          RETURN: {
            target: 'correction',
            actions: assign({ fixBy: ({ event }) => (event.type === 'RETURN' ? event.payload.fixBy : null) }),
          },
          EXPIRE: 'expired',
        },
      },
      correction: { on: { RESUBMIT: 'review', LAPSE: { guard: 'fixByPassed', target: 'lapsed' } } },
      notice: {
        on: {
          ACK: {
            target: 'appealWindow',
            actions: assign({ notifiedAt: ({ event }) => (event.type === 'ACK' ? (event.payload.occurredAt ?? event.at) : null) }),
          },
        },
      },
      appealWindow: { on: { APPEAL: 'appealed' } },
      expired: { type: 'final' },
      lapsed: { type: 'final' },
      appealed: { type: 'final' },
    },
  }),
  input: Input,
  starters: ['hr_officer'],
  steps: {
    review: {
      label: { th: 'ผู้อำนวยการตรวจสอบและรับรอง', en: 'Director reviews' },
      roles: ['school_director'],
      deadline: { kind: 'from_data', path: 'reviewUntil', phrase: 'ภายในวันที่กำหนดในปฏิทินของรอบ' },
      sla: { remindWorkingDaysBefore: [1], escalationChain: ['group_director'], maxEscalations: 1 },
      systemEvents: [{ event: 'EXPIRE', at: { kind: 'from_data', path: 'reviewUntil', offsetSeconds: 1, phrase: 'พ้นกำหนดรับรอง' } }],
      extendableBy: ['group_director'],
      source: 'engine test sample',
    },
    correction: {
      label: { th: 'ครูแก้ไขคำขอ', en: 'Teacher corrects' },
      roles: ['applicant'],
      deadline: { kind: 'from_data', path: 'fixBy', phrase: 'แก้ไขภายในวันเวลาที่ผู้อำนวยการกำหนด' },
      systemEvents: [{ event: 'LAPSE', at: { kind: 'from_data', path: 'fixBy', offsetSeconds: 1, phrase: 'หากพ้นกำหนดถือว่าสละสิทธิ์' } }],
      source: 'engine test sample',
    },
    notice: { label: { th: 'แจ้งผล', en: 'Notice' }, roles: ['hr_officer'], source: 'engine test sample' },
    appealWindow: {
      label: { th: 'ครูอุทธรณ์ได้ภายในกำหนด', en: 'Appeal window' },
      roles: ['applicant'],
      deadline: { kind: 'calendar_days', days: 5, phrase: 'ภายใน 5 วันนับแต่วันที่ได้รับแจ้ง' },
      source: 'engine test sample',
    },
  },
  events: {
    CERTIFY: {
      label: { th: 'รับรอง', en: 'Certify' },
      payload: Empty,
      roles: ['school_director'],
      dateGuard: { until: 'step_deadline', mode: 'refuse', rule: REVIEW_RULE },
    },
    RETURN: {
      label: { th: 'ส่งคืนให้แก้ไข', en: 'Return' },
      payload: z.object({ fixBy: z.iso.datetime({ offset: true }) }),
      roles: ['school_director'],
    },
    EXPIRE: { label: { th: 'พ้นกำหนดรับรอง', en: 'Review period ended' }, payload: Empty, roles: ['system'] },
    RESUBMIT: { label: { th: 'ส่งคำขอที่แก้ไขแล้ว', en: 'Resubmit' }, payload: Empty, roles: ['applicant'] },
    LAPSE: { label: { th: 'พ้นกำหนดแก้ไข', en: 'Lapsed' }, payload: Empty, roles: ['system'] },
    ACK: {
      label: { th: 'บันทึกวันที่ครูได้รับแจ้ง', en: 'Record the notification' },
      payload: z.object({ occurredAt: z.iso.datetime({ offset: true }).optional() }).strict(),
      roles: ['hr_officer'],
      occurredAt: { notBefore: 'step_entered' },
    },
    APPEAL: {
      label: { th: 'ยื่นอุทธรณ์', en: 'Appeal' },
      payload: Empty,
      roles: ['applicant'],
      dateGuard: {
        until: 'step_deadline',
        mode: 'mark_late',
        rule: { th: 'ยื่นอุทธรณ์พ้นกำหนด 5 วันนับแต่วันที่ได้รับแจ้ง', en: 'Appeal filed after the 5 days from notification.' },
      },
    },
  },
});
