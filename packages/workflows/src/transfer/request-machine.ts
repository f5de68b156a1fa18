/**
 * The transfer request machine (คำขอย้าย): one teacher's request in one
 * round, from filing to the order, the report for duty or the grievance.
 * Pure: guards and `assign` only; time comes from `event.at`, policy from the
 * round's parameters copied into the context when the request was filed.
 */
import type { EngineInput } from '@esa-flow/engine';
import { assign, setup } from 'xstate';
import { checkEligibility } from './eligibility';
import type { RequestEvent } from './request-events';
import type { TransferRequestInput } from './request-data';
import {
  correctionDue,
  grievanceWindowNominalEnd,
  placementFits,
  requestWindowClosed,
  requiredSigner,
  type RequestContext,
  type Resolution,
} from './request-rules';
import { phaseInstant } from './round-params';
import { scoreRequest } from './scoring-table';

const ms = (iso: string) => new Date(iso).getTime();
type Ev<T extends RequestEvent['type']> = Extract<RequestEvent, { type: T }>;
const is = <T extends RequestEvent['type']>(e: RequestEvent, ...types: T[]): e is Ev<T> => (types as string[]).includes(e.type);

function eligibleAt(context: RequestContext, event: RequestEvent): boolean {
  if (!is(event, 'SUBMIT', 'RESUBMIT')) return false;
  return checkEligibility(event.payload, {
    params: context.params,
    vacancies: context.vacancies,
    currentSchoolId: context.currentSchool.id,
    applicantPersonId: context.applicant.personId,
    // a correction comes after the window: it is judged as of the first filing
    at: event.type === 'SUBMIT' ? event.at : (context.firstFiledAt ?? event.at),
  }).eligible;
}

function yearsAt(context: RequestContext): number {
  return Math.floor((context.eligibility?.monthsAtCurrentSchool ?? 0) / 12);
}

function resolution(event: RequestEvent): Resolution | null {
  if (!is(event, 'SCREEN_PASS', 'SCREEN_FAIL', 'AREA_APPROVE', 'AREA_REJECT')) return null;
  const p = event.payload;
  return { meetingId: p.meetingId, itemId: p.itemId, resolution: p.resolution, note: p.note, at: event.at };
}

export const transferRequestMachine = setup({
  types: { context: {} as RequestContext, events: {} as RequestEvent, input: {} as EngineInput<TransferRequestInput> },
  guards: {
    /** filed inside the request window, and eligible (reasons: eligibility.ts) */
    eligibleInWindow: ({ context, event }) => event.type === 'SUBMIT' && eligibleAt(context, event),
    /** fixed by the fix-by moment, and still eligible; months are counted to the same cut-off */
    fixedInTime: ({ context, event }) =>
      event.type === 'RESUBMIT' &&
      context.correction !== null &&
      ms(event.at) <= ms(context.correction.dueAt) &&
      eligibleAt(context, event),
    windowClosed: ({ context, event }) => requestWindowClosed(context.params, event.at),
    /** a fix-by moment that is after now and not after the round's correction deadline */
    canBeFixedInTime: ({ context, event }) =>
      is(event, 'RETURN_FOR_CORRECTION') && correctionDue(context.params, event.at, event.payload.fixBy) !== null,
    correctionDuePassed: ({ context, event }) => context.correction !== null && ms(event.at) >= ms(context.correction.dueAt),
    scoresComplete: ({ context, event }) =>
      is(event, 'ENTER_SCORES') &&
      context.submission !== null &&
      scoreRequest(
        context.params.scoringTable,
        { currentSchoolHardship: context.submission.facts.currentSchoolHardship, yearsAtCurrentSchool: yearsAt(context) },
        event.payload.entries,
      ).ok,
    /** four eyes: the verifier is not the user who entered the scores */
    anotherUser: ({ context, event }) => context.scores !== null && event.actor.id !== context.scores.enteredBy,
    placementFits: ({ context, event }) => is(event, 'PROPOSE_PLACEMENT') && placementFits(context, event.payload.placement),
    placedAcrossAreas: ({ context }) => context.proposal?.placement?.kind === 'vacancy' && context.proposal.placement.crossArea,
    placed: ({ context }) => context.proposal?.placement != null,
    rightSigner: ({ context, event }) =>
      context.submission !== null &&
      event.actor.roles.includes(requiredSigner(context.submission.facts.academicStanding)) &&
      is(event, 'SIGN_ORDER') &&
      phaseInstant({ date: event.payload.reportBy.date, time: event.payload.reportBy.time }).getTime() > ms(event.at),
    reportedInTime: ({ context, event }) => context.order !== null && ms(event.at) <= ms(context.order.reportByAt),
    reportDuePassed: ({ context, event }) => context.order !== null && ms(event.at) >= ms(context.order.reportByAt),
    grievanceWindowOver: ({ context, event }) =>
      context.notMoved !== null &&
      ms(event.at) >= grievanceWindowNominalEnd(context.notMoved.since, context.params.grievanceWindowDays).getTime(),
  },
  actions: {
    recordSubmission: assign(({ context, event }) => {
      if (!is(event, 'SUBMIT', 'RESUBMIT')) return {};
      const firstFiledAt = context.firstFiledAt ?? event.at;
      const eligibility = checkEligibility(event.payload, {
        params: context.params,
        vacancies: context.vacancies,
        currentSchoolId: context.currentSchool.id,
        applicantPersonId: context.applicant.personId,
        at: firstFiledAt,
      });
      return { submission: event.payload, firstFiledAt, eligibility };
    }),
    recordReturn: assign(({ context, event }) => {
      if (!is(event, 'RETURN_FOR_CORRECTION')) return {};
      const due = correctionDue(context.params, event.at, event.payload.fixBy)!;
      return {
        correction: {
          note: event.payload.note,
          returnedAt: event.at,
          returnedBy: event.actor.id,
          due,
          dueAt: phaseInstant(due).toISOString(),
          times: (context.correction?.times ?? 0) + 1,
        },
      };
    }),
    recordCertification: assign({ certifiedBy: ({ event }) => event.actor.id }),
    recordBoardOpinion: assign({
      boardOpinion: ({ event }) =>
        is(event, 'RECORD_BOARD_OPINION')
          ? {
              opinion: event.payload.opinion,
              meetingRef: event.payload.meetingRef,
              note: event.payload.note ?? null,
              recordedBy: event.actor.id,
            }
          : null,
    }),
    recordScores: assign(({ context, event }) => {
      if (!is(event, 'ENTER_SCORES') || !context.submission) return {};
      const r = scoreRequest(
        context.params.scoringTable,
        { currentSchoolHardship: context.submission.facts.currentSchoolHardship, yearsAtCurrentSchool: yearsAt(context) },
        event.payload.entries,
      );
      return r.ok
        ? {
            scores: { ...r.sheet, entries: { ...event.payload.entries }, enteredBy: event.actor.id, enteredAt: event.at },
            verifiedBy: null,
          }
        : {};
    }),
    recordDisqualification: assign(({ event }) =>
      is(event, 'DISQUALIFY')
        ? { disqualified: [...event.payload.reasons], notMoved: { since: event.at, why: 'disqualified' as const } }
        : {},
    ),
    recordVerification: assign({ verifiedBy: ({ event }) => event.actor.id }),
    recordDispute: assign(({ context, event }) =>
      is(event, 'DISPUTE_SCORES')
        ? {
            disputes: [
              ...context.disputes,
              { by: event.actor.id, at: event.at, note: event.payload.note, components: [...event.payload.components] },
            ],
          }
        : {},
    ),
    recordProposal: assign(({ event }) => {
      if (is(event, 'PROPOSE_PLACEMENT'))
        return {
          proposal: {
            placement: event.payload.placement,
            explanation: event.payload.explanation,
            preferences: event.payload.preferences,
            by: event.actor.id,
            at: event.at,
          },
        };
      if (is(event, 'PROPOSE_NO_PLACEMENT'))
        return {
          proposal: {
            placement: null,
            explanation: event.payload.explanation,
            preferences: event.payload.preferences,
            by: event.actor.id,
            at: event.at,
          },
        };
      return {};
    }),
    recordScreening: assign({ screening: ({ event }) => resolution(event) }),
    recordApproval: assign({ approval: ({ event }) => resolution(event) }),
    notPlaced: assign({ notMoved: ({ event }) => ({ since: event.at, why: 'not_placed' as const }) }),
    areaRejected: assign({ notMoved: ({ event }) => ({ since: event.at, why: 'area_rejected' as const }) }),
    recordReceivingArea: assign(({ event }) => {
      if (!is(event, 'RECEIVING_AREA_APPROVED', 'RECEIVING_AREA_REJECTED')) return {};
      const decision = event.type === 'RECEIVING_AREA_APPROVED' ? ('approved' as const) : ('rejected' as const);
      const receivingArea = {
        decision,
        area: event.payload.area,
        resolutionRef: event.payload.resolutionRef,
        decidedOn: event.payload.decidedOn,
      };
      return decision === 'approved'
        ? { receivingArea }
        : { receivingArea, notMoved: { since: event.at, why: 'receiving_area_rejected' as const } };
    }),
    recordOrder: assign(({ context, event }) => {
      if (!is(event, 'SIGN_ORDER') || !context.submission) return {};
      const p = event.payload;
      return {
        order: {
          orderNo: p.orderNo,
          signedOn: p.signedOn,
          effectiveOn: p.effectiveOn,
          signedBy: event.actor.id,
          signerRole: requiredSigner(context.submission.facts.academicStanding),
          reportByAt: phaseInstant(p.reportBy).toISOString(),
        },
      };
    }),
    recordReport: assign({ reportedOn: ({ event }) => (is(event, 'REPORT_FOR_DUTY') ? event.payload.reportedOn : null) }),
    recordGrievance: assign({
      grievance: ({ event }) =>
        is(event, 'FILE_GRIEVANCE') ? { filedAt: event.at, grounds: event.payload.grounds, decision: null, ref: null } : null,
    }),
    recordGrievanceDecision: assign(({ context, event }) =>
      is(event, 'GRIEVANCE_UPHELD', 'GRIEVANCE_DISMISSED') && context.grievance
        ? {
            grievance: {
              ...context.grievance,
              decision: event.type === 'GRIEVANCE_UPHELD' ? ('upheld' as const) : ('dismissed' as const),
              ref: event.payload.ref,
            },
          }
        : {},
    ),
    recordWithdrawal: assign({ withdrawnAt: ({ event }) => event.at }),
  },
}).createMachine({
  id: 'transfer-request',
  initial: 'draft',
  context: ({ input }) => ({
    roundCaseId: input.data.roundCaseId,
    applicant: input.data.applicant,
    currentSchool: input.data.currentSchool,
    params: input.data.params,
    vacancies: input.data.vacancies,
    submission: null,
    firstFiledAt: null,
    eligibility: null,
    correction: null,
    certifiedBy: null,
    boardOpinion: null,
    scores: null,
    disputes: [],
    verifiedBy: null,
    disqualified: null,
    proposal: null,
    screening: null,
    approval: null,
    receivingArea: null,
    order: null,
    reportedOn: null,
    notMoved: null,
    grievance: null,
    withdrawnAt: null,
  }),
  states: {
    draft: {
      on: {
        SUBMIT: { guard: 'eligibleInWindow', target: 'schoolReview', actions: 'recordSubmission' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
        WINDOW_CLOSED: { guard: 'windowClosed', target: 'notFiled' },
      },
    },
    schoolReview: {
      on: {
        CERTIFY: { target: 'boardOpinion', actions: 'recordCertification' },
        RETURN_FOR_CORRECTION: { guard: 'canBeFixedInTime', target: 'correction', actions: 'recordReturn' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    correction: {
      on: {
        RESUBMIT: { guard: 'fixedInTime', target: 'schoolReview', actions: 'recordSubmission' },
        LAPSE: { guard: 'correctionDuePassed', target: 'lapsed' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    boardOpinion: {
      on: {
        RECORD_BOARD_OPINION: { target: 'scoring', actions: 'recordBoardOpinion' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    scoring: {
      on: {
        ENTER_SCORES: { guard: 'scoresComplete', target: 'verification', actions: 'recordScores' },
        DISQUALIFY: { target: 'notMoved', actions: 'recordDisqualification' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    verification: {
      on: {
        VERIFY_SCORES: { guard: 'anotherUser', target: 'awaitingMatch', actions: 'recordVerification' },
        DISPUTE_SCORES: { guard: 'anotherUser', target: 'scoring', actions: 'recordDispute' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    awaitingMatch: {
      on: {
        PROPOSE_PLACEMENT: { guard: 'placementFits', target: 'screening', actions: 'recordProposal' },
        PROPOSE_NO_PLACEMENT: { target: 'screening', actions: 'recordProposal' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawal' },
      },
    },
    screening: {
      on: {
        SCREEN_PASS: { target: 'areaApproval', actions: 'recordScreening' },
        SCREEN_FAIL: { target: 'awaitingMatch', actions: 'recordScreening' },
      },
    },
    areaApproval: {
      on: {
        AREA_APPROVE: [
          { guard: 'placedAcrossAreas', target: 'receivingAreaApproval', actions: 'recordApproval' },
          { guard: 'placed', target: 'orderSigning', actions: 'recordApproval' },
          { target: 'notMoved', actions: ['recordApproval', 'notPlaced'] },
        ],
        AREA_REJECT: { target: 'notMoved', actions: ['recordApproval', 'areaRejected'] },
      },
    },
    receivingAreaApproval: {
      on: {
        RECEIVING_AREA_APPROVED: { target: 'orderSigning', actions: 'recordReceivingArea' },
        RECEIVING_AREA_REJECTED: { target: 'notMoved', actions: 'recordReceivingArea' },
      },
    },
    orderSigning: {
      on: { SIGN_ORDER: { guard: 'rightSigner', target: 'reportingForDuty', actions: 'recordOrder' } },
    },
    reportingForDuty: {
      on: {
        REPORT_FOR_DUTY: { guard: 'reportedInTime', target: 'transferred', actions: 'recordReport' },
        REPORT_DEADLINE_PASSED: { guard: 'reportDuePassed', target: 'didNotReport' },
      },
    },
    notMoved: {
      on: {
        FILE_GRIEVANCE: { target: 'grievance', actions: 'recordGrievance' },
        CLOSE_GRIEVANCE_WINDOW: { guard: 'grievanceWindowOver', target: 'notTransferred' },
      },
    },
    grievance: {
      on: {
        GRIEVANCE_UPHELD: { target: 'grievanceUpheld', actions: 'recordGrievanceDecision' },
        GRIEVANCE_DISMISSED: { target: 'notTransferred', actions: 'recordGrievanceDecision' },
      },
    },
    withdrawn: { type: 'final' },
    notFiled: { type: 'final' },
    lapsed: { type: 'final' },
    transferred: { type: 'final' },
    didNotReport: { type: 'final' },
    notTransferred: { type: 'final' },
    grievanceUpheld: { type: 'final' },
  },
});
