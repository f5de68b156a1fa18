/**
 * Version 3 of the salary raise round (issue 22): the steps of versions 1–2,
 * and at the allocation the committee's own decisions — a % range per band
 * and how the budget is pooled (per group; per school for the groups the
 * office names: `ALLOCATION_RANGES_SET`), and each person's % where the
 * committee decides other than the suggestion, with the reason
 * (`ALLOCATION_OVERRIDES_SET`, the whole set each time). The proposal carries
 * each pool's budget and use, and is refused while any pool is exceeded.
 * The round's policy is `band_ranges` (band-ranges.ts) or seed 001's
 * headcount quota. Versions 1–2 stay as published. Pure: guards and assign only.
 */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { CommitteeResolutionPayload, type EngineEvent, type EngineInput } from '@esa-flow/engine';
import {
  AllocationOverride,
  BandRange,
  POOL_GROUPS,
  RaisePolicyV3,
  rangeProblems,
  type BandRangesPolicy,
  type RoundParamsV3,
} from './band-ranges';
import { roundDates } from './round-params';
import {
  AnnounceCriteriaPayload,
  BeginAppraisalPayload,
  Empty,
  OrdersIssuedPayload,
  ResultsPublishedPayload,
  type SalaryRoundContext,
} from './salary-round.machine';

const Digest = z.string().regex(/^[0-9a-f]{64}$/);

export const AllocationRangesSetPayload = z
  .object({
    ranges: z.array(BandRange).min(1).max(10),
    /** the groups pooled per school; the others are one pool each for the office */
    bySchool: z.array(z.enum(POOL_GROUPS)).max(4),
  })
  .strict();

export const AllocationOverridesSetPayload = z
  .object({ overrides: z.array(AllocationOverride).max(5000) })
  .strict()
  .refine((p) => new Set(p.overrides.map((o) => o.personnelNo)).size === p.overrides.length, { message: 'one decision per person' });

export const AllocationProposedPayloadV3 = z
  .object({
    policy: RaisePolicyV3,
    considered: z.int().min(0),
    raisedCount: z.int().min(0),
    eligibleSalaryTotalSatang: z.int().min(0),
    poolSatang: z.int().min(0),
    allocatedSatang: z.int().min(0),
    digest: Digest,
    /** band_ranges: every pool's budget and use (none for a quota) */
    pools: z
      .array(z.object({ key: z.string().min(1).max(100), budgetSatang: z.int().min(0), usedSatang: z.int().min(0) }).strict())
      .max(5000),
    /** how many people's % the committee decided */
    overrides: z.int().min(0),
  })
  .strict();

type P<S extends z.ZodType> = z.infer<S>;

/** The committee resolutions the round has received, in order (the resolution payload names the meeting). */
function withResolution(context: SalaryRoundContextV3, event: SalaryRoundEventV3, step: string): SalaryRoundContextV3['resolutions'] {
  const payload = event.payload as Partial<CommitteeResolutionPayload>;
  return [...context.resolutions, { step, event: event.type, meetingId: payload.meetingId ?? '', at: event.at }];
}

export type SalaryRoundEventV3 =
  | EngineEvent<'ANNOUNCE_CRITERIA', P<typeof AnnounceCriteriaPayload>>
  | EngineEvent<'BEGIN_APPRAISAL', P<typeof BeginAppraisalPayload>>
  | EngineEvent<'APPRAISAL_CLOSED' | 'APPRAISAL_RESULTS_NOTIFIED' | 'WINDOW_CLOSED' | 'ROUND_CLOSED', P<typeof Empty>>
  | EngineEvent<
      'SCREENING_APPROVED' | 'SCREENING_RETURNED' | 'BUDGET_APPROVED' | 'BUDGET_RETURNED' | 'ROUND_APPROVED' | 'ROUND_REFUSED',
      CommitteeResolutionPayload
    >
  | EngineEvent<'ALLOCATION_RANGES_SET', P<typeof AllocationRangesSetPayload>>
  | EngineEvent<'ALLOCATION_OVERRIDES_SET', P<typeof AllocationOverridesSetPayload>>
  | EngineEvent<'ALLOCATION_PROPOSED', P<typeof AllocationProposedPayloadV3>>
  | EngineEvent<'RESULTS_PUBLISHED', P<typeof ResultsPublishedPayload>>
  | EngineEvent<'ORDERS_ISSUED', P<typeof OrdersIssuedPayload>>;

export interface SalaryRoundContextV3 extends Omit<SalaryRoundContext, 'params' | 'proposal'> {
  params: RoundParamsV3;
  /** the policy the committee works on: the round's, with the ranges and pooling it set */
  allocationPolicy: RoundParamsV3['policy'];
  /** the committee's decisions per person (the whole set as last saved), with who and when */
  overrides: (AllocationOverride & { by: string; at: string })[];
  proposal: P<typeof AllocationProposedPayloadV3> | null;
}

export const salaryRoundMachineV3 = setup({
  types: { context: {} as SalaryRoundContextV3, events: {} as SalaryRoundEventV3, input: {} as EngineInput<RoundParamsV3> },
  guards: {
    withinPool: ({ event }) =>
      event.type === 'ALLOCATION_PROPOSED' &&
      event.payload.allocatedSatang <= event.payload.poolSatang &&
      event.payload.pools.every((p) => p.usedSatang <= p.budgetSatang),
    rangesUsable: ({ context, event }) =>
      event.type === 'ALLOCATION_RANGES_SET' &&
      context.allocationPolicy.kind === 'band_ranges' &&
      rangeProblems(
        { ranges: event.payload.ranges, capBp: context.allocationPolicy.capBp },
        context.params.tiers,
        context.params.noRaiseBelow,
      ).length === 0,
    bandRanges: ({ context }) => context.allocationPolicy.kind === 'band_ranges',
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
    recordRanges: assign({
      allocationPolicy: ({ context, event }) =>
        event.type === 'ALLOCATION_RANGES_SET' && context.allocationPolicy.kind === 'band_ranges'
          ? ({ ...context.allocationPolicy, ranges: event.payload.ranges, bySchool: event.payload.bySchool } satisfies BandRangesPolicy)
          : context.allocationPolicy,
    }),
    recordOverrides: assign({
      overrides: ({ event }) =>
        event.type === 'ALLOCATION_OVERRIDES_SET' ? event.payload.overrides.map((o) => ({ ...o, by: event.actor.id, at: event.at })) : [],
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
    allocationPolicy: input.data.policy,
    overrides: [],
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
    allocating: {
      on: {
        ALLOCATION_RANGES_SET: { guard: 'rangesUsable', actions: 'recordRanges' },
        ALLOCATION_OVERRIDES_SET: { guard: 'bandRanges', actions: 'recordOverrides' },
        ALLOCATION_PROPOSED: { guard: 'withinPool', target: 'budgetReview', actions: 'recordProposal' },
      },
    },
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
