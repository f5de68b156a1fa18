/**
 * One person's part of a salary raise round (child case of `salary-round`):
 * appraised and scored by the school director, screened, told the appraisal
 * result, given the raise the approved allocation decided (or told why not,
 * Act ม.73), with a grievance window at the end. Pure: guards and assign only.
 */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { CommitteeResolutionPayload, localDateSchema, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { ACADEMIC_STANDINGS } from './eligibility';
import { TIER_CODES, type TierCode } from './round-params';

const Score = z
  .number()
  .min(0)
  .max(100)
  .refine((s) => Math.abs(Math.round(s * 100) - s * 100) < 1e-6, { message: 'at most two decimals' });
const Note = z.string().trim().min(1).max(2000);
const Lines = z.array(z.string().min(1).max(1000)).min(1).max(20);

/** What the child case is opened with (one row of the round's population). */
export const SalaryRaiseInput = z
  .object({
    personnelNo: z.string().trim().min(1).max(50),
    nameTh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().max(200).nullable().default(null),
    position: z.string().trim().min(1).max(100),
    academicStanding: z.enum(ACADEMIC_STANDINGS).default('none'),
    salarySatang: z.int().min(1).max(100_000_000),
    baseSatang: z.int().min(1).max(100_000_000),
    maxSalarySatang: z.int().min(1).max(100_000_000).nullable().default(null),
    serviceStartedOn: localDateSchema,
    /** who signs the order (ม.53): see eligibility.orderAuthorityOf */
    orderAuthority: z.enum(['school_director', 'area_director']),
  })
  .strict();
export type SalaryRaiseInput = z.infer<typeof SalaryRaiseInput>;

export const SubmitScorePayload = z.object({ score: Score, note: z.string().trim().max(2000).optional() }).strict();
export const NotePayload = z.object({ note: Note }).strict();
export const AdjustScorePayload = z.object({ score: Score, note: Note }).strict();
export const ConfirmAppraisalPayload = z.object({ score: Score.nullable(), tier: z.enum(TIER_CODES).nullable() }).strict();
export const RaiseDecisionPayload = z
  .object({
    raised: z.boolean(),
    pctBp: z.int().min(0).max(10_000),
    amountSatang: z.int().min(0),
    newSalarySatang: z.int().min(1),
    notRaised: z.enum(['not_appraised', 'below_minimum_tier', 'zero_weight', 'salary_at_ceiling', 'pool_too_small']).nullable(),
    limitedBy: z.enum(['cap', 'salary_ceiling']).nullable(),
    quotaPlace: z.boolean(),
    explanation: z.object({ th: Lines, en: Lines }).strict(),
    /** the approved allocation this decision comes from */
    digest: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict()
  .refine((d) => d.raised === d.amountSatang > 0 && d.raised === (d.notRaised === null), { message: 'raised, amount and reason disagree' });
export type RaiseDecision = z.infer<typeof RaiseDecisionPayload>;
export const GrievancePayload = z.object({ grounds: z.string().trim().min(1).max(4000) }).strict();
export const AmendRaisePayload = z.object({ pctBp: z.int().min(0).max(10_000), amountSatang: z.int().min(0), note: Note }).strict();
export const WithdrawPayload = z
  .object({ reason: z.enum(['retired', 'transferred_out', 'resigned', 'deceased', 'other']), note: z.string().trim().max(2000).optional() })
  .strict();
export const Empty = z.object({}).strict();

export interface SalaryRaiseContext {
  person: SalaryRaiseInput;
  score: number | null;
  appraisedBy: string | null;
  notAppraisedNote: string | null;
  adjustments: { from: number | null; to: number; note: string; at: string }[];
  reappraisals: number;
  tier: TierCode | null;
  /** when the appraisal result was told: from then on the person is part of the round's allocation */
  confirmedAt: string | null;
  decision: RaiseDecision | null;
  grievance: { grounds: string; filedAt: string; outcome: 'upheld' | 'dismissed' | null; meetingId: string | null } | null;
  amendment: { pctBp: number; amountSatang: number; note: string; at: string } | null;
  withdrawal: z.infer<typeof WithdrawPayload> | null;
}

type P<S extends z.ZodType> = z.infer<S>;
export type SalaryRaiseEvent =
  | EngineEvent<'SUBMIT_SCORE', P<typeof SubmitScorePayload>>
  | EngineEvent<'MARK_NOT_APPRAISED', P<typeof NotePayload>>
  | EngineEvent<'ADJUST_SCORE', P<typeof AdjustScorePayload>>
  | EngineEvent<'RETURN_FOR_REAPPRAISAL', P<typeof NotePayload>>
  | EngineEvent<'APPRAISAL_CONFIRMED', P<typeof ConfirmAppraisalPayload>>
  | EngineEvent<'RAISE_DECIDED', RaiseDecision>
  | EngineEvent<'FILE_GRIEVANCE', P<typeof GrievancePayload>>
  | EngineEvent<'CLOSE_WINDOW', P<typeof Empty>>
  | EngineEvent<'GRIEVANCE_UPHELD' | 'GRIEVANCE_DISMISSED', CommitteeResolutionPayload>
  | EngineEvent<'AMEND_RAISE', P<typeof AmendRaisePayload>>
  | EngineEvent<'WITHDRAW', P<typeof WithdrawPayload>>;

export const salaryRaiseMachine = setup({
  types: { context: {} as SalaryRaiseContext, events: {} as SalaryRaiseEvent, input: {} as EngineInput<SalaryRaiseInput> },
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
        RAISE_DECIDED: [
          { guard: 'decidedRaised', target: 'raiseNotified', actions: 'recordDecision' },
          { target: 'notRaisedNotified', actions: 'recordDecision' },
        ],
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    raiseNotified: {
      on: {
        FILE_GRIEVANCE: { target: 'grievance', actions: 'recordGrievance' },
        CLOSE_WINDOW: 'raised',
      },
    },
    notRaisedNotified: {
      on: {
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
