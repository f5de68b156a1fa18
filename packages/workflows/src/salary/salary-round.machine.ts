/**
 * The salary raise round of one office (รอบการเลื่อนเงินเดือน), the parent of
 * one `salary-raise` child per eligible person. It follows the order of work
 * of seed 000 §2.1: criteria announced at the start, the half-year runs,
 * appraisal by the supervisors, the screening committee, appraisal results
 * told, the committee matching scores to the budget, the approval body,
 * publication, orders, and the grievance window. Pure: guards and assign only;
 * the round's parameters are its input.
 */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { CommitteeResolutionPayload, localDateSchema, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import { RaisePolicy, roundDates, TIER_CODES, type RoundDates, type RoundParams } from './round-params';

const Ref = z.string().trim().min(1).max(200);
const Digest = z.string().regex(/^[0-9a-f]{64}$/);
const Reason = z.object({ code: z.string().min(1).max(50), th: z.string().min(1).max(1000), en: z.string().min(1).max(1000) }).strict();

export const AnnounceCriteriaPayload = z.object({ announcementRef: Ref, announcedOn: localDateSchema }).strict();
export const IneligiblePerson = z
  .object({
    personnelNo: z.string().min(1).max(50),
    personId: z.string().uuid().nullable(),
    schoolId: z.string().uuid().nullable(),
    nameTh: z.string().min(1).max(200),
    reasons: z.array(Reason).min(1).max(10),
  })
  .strict();
export type IneligiblePerson = z.infer<typeof IneligiblePerson>;
export const BeginAppraisalPayload = z.object({ considered: z.int().min(1), ineligible: z.array(IneligiblePerson).max(100_000) }).strict();
export const AllocationProposedPayload = z
  .object({
    /** the policy the budget committee is asked to approve (the round's own, or a revision of it) */
    policy: RaisePolicy,
    considered: z.int().min(0),
    raisedCount: z.int().min(0),
    eligibleSalaryTotalSatang: z.int().min(0),
    poolSatang: z.int().min(0),
    allocatedSatang: z.int().min(0),
    digest: Digest,
  })
  .strict();
export const ResultsPublishedPayload = z
  .object({
    announcementRef: Ref,
    digest: Digest,
    /** names on the public lists, per tier */
    listed: z.partialRecord(z.enum(TIER_CODES), z.int().min(0)),
    /** the end of the grievance window, counted from the notices (ม.193/3, ม.193/8) */
    windowEndsAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export const OrdersIssuedPayload = z
  .object({
    orders: z
      .array(
        z
          .object({
            ref: Ref,
            issuedOn: localDateSchema,
            authority: z.enum(['school_director', 'area_director']),
            schoolId: z.string().uuid().nullable(),
            count: z.int().min(0),
          })
          .strict(),
      )
      .min(1)
      .max(2000),
  })
  .strict();
export const Empty = z.object({}).strict();

type P<S extends z.ZodType> = z.infer<S>;
export type SalaryRoundEvent =
  | EngineEvent<'ANNOUNCE_CRITERIA', P<typeof AnnounceCriteriaPayload>>
  | EngineEvent<'BEGIN_APPRAISAL', P<typeof BeginAppraisalPayload>>
  | EngineEvent<'APPRAISAL_CLOSED' | 'APPRAISAL_RESULTS_NOTIFIED' | 'WINDOW_CLOSED' | 'ROUND_CLOSED', P<typeof Empty>>
  | EngineEvent<
      'SCREENING_APPROVED' | 'SCREENING_RETURNED' | 'BUDGET_APPROVED' | 'BUDGET_RETURNED' | 'ROUND_APPROVED' | 'ROUND_REFUSED',
      CommitteeResolutionPayload
    >
  | EngineEvent<'ALLOCATION_PROPOSED', P<typeof AllocationProposedPayload>>
  | EngineEvent<'RESULTS_PUBLISHED', P<typeof ResultsPublishedPayload>>
  | EngineEvent<'ORDERS_ISSUED', P<typeof OrdersIssuedPayload>>;

export interface SalaryRoundContext {
  params: RoundParams;
  dates: RoundDates;
  criteria: P<typeof AnnounceCriteriaPayload> | null;
  considered: number;
  ineligible: IneligiblePerson[];
  screeningReturns: number;
  /** the allocation before the committees, and the one they approved */
  proposal: P<typeof AllocationProposedPayload> | null;
  approvedDigest: string | null;
  resolutions: { step: string; event: string; meetingId: string; at: string }[];
  publication: (P<typeof ResultsPublishedPayload> & { at: string }) | null;
  orders: P<typeof OrdersIssuedPayload>['orders'];
}

/** The committee resolutions the round has received, in order (the resolution payload names the meeting). */
function withResolution(context: SalaryRoundContext, event: SalaryRoundEvent, step: string): SalaryRoundContext['resolutions'] {
  const payload = event.payload as Partial<CommitteeResolutionPayload>;
  return [...context.resolutions, { step, event: event.type, meetingId: payload.meetingId ?? '', at: event.at }];
}

export const salaryRoundMachine = setup({
  types: { context: {} as SalaryRoundContext, events: {} as SalaryRoundEvent, input: {} as EngineInput<RoundParams> },
  guards: {
    withinPool: ({ event }) => event.type === 'ALLOCATION_PROPOSED' && event.payload.allocatedSatang <= event.payload.poolSatang,
    publishesApproved: ({ context, event }) => event.type === 'RESULTS_PUBLISHED' && event.payload.digest === context.approvedDigest,
  },
  actions: {
    recordCriteria: assign({ criteria: ({ event }) => (event.type === 'ANNOUNCE_CRITERIA' ? event.payload : null) }),
    recordPopulation: assign(({ event }) =>
      event.type === 'BEGIN_APPRAISAL' ? { considered: event.payload.considered, ineligible: event.payload.ineligible } : {},
    ),
    recordScreeningApproved: assign({ resolutions: ({ context, event }) => withResolution(context, event, 'screening') }),
    recordScreeningReturned: assign({
      screeningReturns: ({ context }) => context.screeningReturns + 1,
      resolutions: ({ context, event }) => withResolution(context, event, 'screening'),
    }),
    recordProposal: assign({
      proposal: ({ event }) => (event.type === 'ALLOCATION_PROPOSED' ? event.payload : null),
      approvedDigest: () => null,
    }),
    recordBudgetResolution: assign({ resolutions: ({ context, event }) => withResolution(context, event, 'budgetReview') }),
    recordApproval: assign({
      approvedDigest: ({ context }) => context.proposal?.digest ?? null,
      resolutions: ({ context, event }) => withResolution(context, event, 'approval'),
    }),
    recordRefusal: assign({ resolutions: ({ context, event }) => withResolution(context, event, 'approval') }),
    recordPublication: assign({
      publication: ({ event }) => (event.type === 'RESULTS_PUBLISHED' ? { ...event.payload, at: event.at } : null),
    }),
    recordOrders: assign({ orders: ({ event }) => (event.type === 'ORDERS_ISSUED' ? event.payload.orders : []) }),
  },
}).createMachine({
  id: 'salary-round',
  initial: 'announcing',
  context: ({ input }) => ({
    params: input.data,
    dates: roundDates(input.data),
    criteria: null,
    considered: 0,
    ineligible: [],
    screeningReturns: 0,
    proposal: null,
    approvedDigest: null,
    resolutions: [],
    publication: null,
    orders: [],
  }),
  states: {
    announcing: { on: { ANNOUNCE_CRITERIA: { target: 'evaluating', actions: 'recordCriteria' } } },
    evaluating: { on: { BEGIN_APPRAISAL: { target: 'appraising', actions: 'recordPopulation' } } },
    appraising: { on: { APPRAISAL_CLOSED: 'screening' } },
    screening: {
      on: {
        SCREENING_APPROVED: { target: 'notifyingAppraisal', actions: 'recordScreeningApproved' },
        SCREENING_RETURNED: { target: 'appraising', actions: 'recordScreeningReturned' },
      },
    },
    notifyingAppraisal: { on: { APPRAISAL_RESULTS_NOTIFIED: 'allocating' } },
    allocating: { on: { ALLOCATION_PROPOSED: { guard: 'withinPool', target: 'budgetReview', actions: 'recordProposal' } } },
    budgetReview: {
      on: {
        BUDGET_APPROVED: { target: 'approval', actions: 'recordBudgetResolution' },
        BUDGET_RETURNED: { target: 'allocating', actions: 'recordBudgetResolution' },
      },
    },
    approval: {
      on: {
        ROUND_APPROVED: { target: 'publishing', actions: 'recordApproval' },
        ROUND_REFUSED: { target: 'allocating', actions: 'recordRefusal' },
      },
    },
    publishing: { on: { RESULTS_PUBLISHED: { guard: 'publishesApproved', target: 'ordering', actions: 'recordPublication' } } },
    ordering: { on: { ORDERS_ISSUED: { target: 'grievanceWindow', actions: 'recordOrders' } } },
    grievanceWindow: { on: { WINDOW_CLOSED: 'settling' } },
    settling: { on: { ROUND_CLOSED: 'closed' } },
    closed: { type: 'final' },
  },
});
