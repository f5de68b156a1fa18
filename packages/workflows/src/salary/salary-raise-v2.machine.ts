/**
 * Version 2 of one person's part of a salary raise round: the same steps as
 * version 1, and
 * - the appraiser (ผู้บังคับบัญชา, Act ม.72) is part of the input, resolved
 *   from the person's position and school when the round opens
 *   (eligibility.appraiserOf); the workflow's appraisal step and score event
 *   are assigned to it (engine access/assignee.ts);
 * - the person acknowledges the appraisal result told to them
 *   (ACKNOWLEDGE_APPRAISAL; the first one counts; seed-000 step 7).
 * Version 1 stays registered unchanged for the rounds opened on it.
 * Pure: guards and assign only.
 */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import type { EngineEvent, EngineInput } from '@esa-flow/engine';
import { Empty, SalaryRaiseInput, type SalaryRaiseContext, type SalaryRaiseEvent } from './salary-raise.machine';

/** Who appraises the person: a role, held for the person's school or (null) office-wide. */
export const AppraiserSchema = z
  .object({
    role: z.enum(['school_director', 'area_director', 'group_director']),
    schoolId: z.string().uuid().nullable(),
  })
  .strict();
export type Appraiser = z.infer<typeof AppraiserSchema>;

export const SalaryRaiseInputV2 = SalaryRaiseInput.extend({ appraiser: AppraiserSchema }).strict();
export type SalaryRaiseInputV2 = z.infer<typeof SalaryRaiseInputV2>;

export interface SalaryRaiseContextV2 extends Omit<SalaryRaiseContext, 'person'> {
  person: SalaryRaiseInputV2;
  /** when the person acknowledged the appraisal result told to them */
  acknowledgedAt: string | null;
}

export type SalaryRaiseEventV2 = SalaryRaiseEvent | EngineEvent<'ACKNOWLEDGE_APPRAISAL', z.infer<typeof Empty>>;

export const salaryRaiseMachineV2 = setup({
  types: { context: {} as SalaryRaiseContextV2, events: {} as SalaryRaiseEventV2, input: {} as EngineInput<SalaryRaiseInputV2> },
  guards: {
    decidedRaised: ({ event }) => event.type === 'RAISE_DECIDED' && event.payload.raised,
    wasRaised: ({ context }) => context.decision?.raised === true,
    amendmentRaises: ({ event }) => event.type === 'AMEND_RAISE' && event.payload.amountSatang > 0,
  },
  actions: {
    recordScore: assign({
      score: ({ event }) => (event.type === 'SUBMIT_SCORE' ? event.payload.score : null),
      appraisedBy: ({ event }) => event.actor.id,
      notAppraisedNote: () => null,
    }),
    recordNotAppraised: assign({
      score: () => null,
      appraisedBy: () => null,
      notAppraisedNote: ({ event }) => (event.type === 'MARK_NOT_APPRAISED' ? event.payload.note : null),
    }),
    adjustScore: assign(({ context, event }) =>
      event.type === 'ADJUST_SCORE'
        ? {
            score: event.payload.score,
            adjustments: [...context.adjustments, { from: context.score, to: event.payload.score, note: event.payload.note, at: event.at }],
          }
        : {},
    ),
    countReappraisal: assign({ reappraisals: ({ context }) => context.reappraisals + 1 }),
    confirmAppraisal: assign(({ event }) =>
      event.type === 'APPRAISAL_CONFIRMED' ? { score: event.payload.score, tier: event.payload.tier, confirmedAt: event.at } : {},
    ),
    recordDecision: assign({ decision: ({ event }) => (event.type === 'RAISE_DECIDED' ? event.payload : null) }),
    recordGrievance: assign({
      grievance: ({ event }) =>
        event.type === 'FILE_GRIEVANCE' ? { grounds: event.payload.grounds, filedAt: event.at, outcome: null, meetingId: null } : null,
    }),
    recordGrievanceOutcome: assign({
      grievance: ({ context, event }) =>
        context.grievance && (event.type === 'GRIEVANCE_UPHELD' || event.type === 'GRIEVANCE_DISMISSED')
          ? {
              ...context.grievance,
              outcome: event.type === 'GRIEVANCE_UPHELD' ? ('upheld' as const) : ('dismissed' as const),
              meetingId: event.payload.meetingId,
            }
          : context.grievance,
    }),
    recordAmendment: assign({
      amendment: ({ event }) =>
        event.type === 'AMEND_RAISE'
          ? { pctBp: event.payload.pctBp, amountSatang: event.payload.amountSatang, note: event.payload.note, at: event.at }
          : null,
    }),
    recordWithdrawal: assign({ withdrawal: ({ event }) => (event.type === 'WITHDRAW' ? event.payload : null) }),
    // the first acknowledgement counts; another is recorded in history and changes nothing
    recordAcknowledgement: assign({ acknowledgedAt: ({ context, event }) => context.acknowledgedAt ?? event.at }),
  },
}).createMachine({
  id: 'salary-raise',
  initial: 'appraisal',
  context: ({ input }) => ({
    person: input.data,
    score: null,
    appraisedBy: null,
    notAppraisedNote: null,
    adjustments: [],
    reappraisals: 0,
    tier: null,
    confirmedAt: null,
    decision: null,
    grievance: null,
    amendment: null,
    withdrawal: null,
    acknowledgedAt: null,
  }),
  states: {
    appraisal: {
      on: {
        SUBMIT_SCORE: { target: 'screening', actions: 'recordScore' },
        MARK_NOT_APPRAISED: { target: 'screening', actions: 'recordNotAppraised' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    screening: {
      on: {
        ADJUST_SCORE: { actions: 'adjustScore' },
        RETURN_FOR_REAPPRAISAL: { target: 'appraisal', actions: 'countReappraisal' },
        APPRAISAL_CONFIRMED: { target: 'appraisalNotified', actions: 'confirmAppraisal' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    appraisalNotified: {
      on: {
        ACKNOWLEDGE_APPRAISAL: { actions: 'recordAcknowledgement' },
        RAISE_DECIDED: [
          { guard: 'decidedRaised', target: 'raiseNotified', actions: 'recordDecision' },
          { target: 'notRaisedNotified', actions: 'recordDecision' },
        ],
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    raiseNotified: {
      on: {
        ACKNOWLEDGE_APPRAISAL: { actions: 'recordAcknowledgement' },
        FILE_GRIEVANCE: { target: 'grievance', actions: 'recordGrievance' },
        CLOSE_WINDOW: 'raised',
      },
    },
    notRaisedNotified: {
      on: {
        ACKNOWLEDGE_APPRAISAL: { actions: 'recordAcknowledgement' },
        FILE_GRIEVANCE: { target: 'grievance', actions: 'recordGrievance' },
        CLOSE_WINDOW: 'notRaised',
      },
    },
    grievance: {
      on: {
        GRIEVANCE_UPHELD: { target: 'amending', actions: 'recordGrievanceOutcome' },
        GRIEVANCE_DISMISSED: [
          { guard: 'wasRaised', target: 'raised', actions: 'recordGrievanceOutcome' },
          { target: 'notRaised', actions: 'recordGrievanceOutcome' },
        ],
      },
    },
    amending: {
      on: {
        AMEND_RAISE: [
          { guard: 'amendmentRaises', target: 'raised', actions: 'recordAmendment' },
          { target: 'notRaised', actions: 'recordAmendment' },
        ],
      },
    },
    raised: { type: 'final' },
    notRaised: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
