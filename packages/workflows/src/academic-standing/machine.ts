/**
 * The academic-standing (วิทยฐานะ) evaluation as a pure XState machine:
 * seed-004 §2.1 (WF-A, the 7 steps of สพป.พัทลุง เขต ๑) with its two อ.ก.ค.ศ.
 * gates, the revision loop of the real reports' fourth status, the
 * remediation of a failure (seed-004 §2.3, WF-C) and the grievance route of
 * the Act (ม.123). Guards and `assign` only; time comes from `event.at`.
 */
import type { EngineInput } from '@esa-flow/engine';
import { assign, setup } from 'xstate';
import type { Application } from './application';
import {
  aspectsOfEvaluator,
  clearedEvaluation,
  effectiveDateOf,
  grievanceWindowPassed,
  mayRequestRevision,
  mayScore,
  proposalIsValid,
  resultPasses,
  revisionInTime,
  revisionOverdue,
  scoringCompleteAfterOneMore,
  withinGrievanceWindow,
} from './case-rules';
import { checkEligibility } from './eligibility';
import type { AcademicContext, AcademicEvent, Outcome } from './events';
import { casePolicyFor } from './policy';
import { dateOf, nextSemesterStart, windowDueAt } from './timing';

function initialContext(input: EngineInput<Application>): AcademicContext {
  const { policy: given, ...application } = input.data;
  const filedOn = dateOf(input.at);
  const policy = given ?? casePolicyFor(application.targetLevel, filedOn);
  return {
    application,
    policy,
    subjectPersonId: input.subjectPersonId,
    filedAt: input.at,
    eligibility: checkEligibility(application, policy, filedOn),
    eligibilityDecision: null,
    committees: null,
    scores: [],
    revisions: [],
    aspectApprovals: { aspect1: null, aspect2: null },
    outcome: null,
    failure: null,
    grievanceDueAt: null,
    grievances: [],
    certification: null,
    order: null,
    kks: null,
  };
}

const decided = (result: Outcome, at: string, reason: string | null = null): AcademicContext['outcome'] => ({ result, at, reason });

export const academicStandingMachine = setup({
  types: { context: {} as AcademicContext, events: {} as AcademicEvent, input: {} as EngineInput<Application> },
  guards: {
    isEligible: ({ context }) => context.eligibility.eligible,
    validProposal: ({ context, event }) =>
      event.type === 'PROPOSE_COMMITTEES' && proposalIsValid(context, event.payload.aspect1, event.payload.aspect2),
    mayScore: ({ context, event }) => event.type === 'SUBMIT_SCORE' && mayScore(context, event.actor.id, event.payload.aspect),
    completesScoring: ({ context, event }) =>
      event.type === 'SUBMIT_SCORE' && mayScore(context, event.actor.id, event.payload.aspect) && scoringCompleteAfterOneMore(context),
    completesScoringAspect1Approved: ({ context, event }) =>
      event.type === 'SUBMIT_SCORE' &&
      mayScore(context, event.actor.id, event.payload.aspect) &&
      scoringCompleteAfterOneMore(context) &&
      context.aspectApprovals.aspect1 !== null,
    mayRequestRevision: ({ context, event }) => mayRequestRevision(context, event.actor.id),
    revisionInTime: ({ context, event }) => revisionInTime(context, event.at),
    revisionOverdue: ({ context, event }) => revisionOverdue(context, event.at),
    resultPasses: ({ context }) => resultPasses(context),
    needsKksApproval: ({ context }) => context.policy.kks === 'approval',
    reportsToKks: ({ context }) => context.policy.kks === 'report',
    withinGrievanceWindow: ({ context, event }) => withinGrievanceWindow(context, event.at),
    grievanceWindowPassed: ({ context, event }) => grievanceWindowPassed(context, event.at),
    decidedIneligible: ({ context }) => context.outcome?.result === 'ineligible',
  },
  actions: {
    acceptEligible: assign({
      eligibilityDecision: ({ event }) => ({
        accepted: true,
        at: event.at,
        note: event.type === 'ACCEPT_ELIGIBLE' ? (event.payload.note ?? null) : null,
      }),
    }),
    recordIneligible: assign({
      eligibilityDecision: ({ event }) => ({
        accepted: false,
        at: event.at,
        note: event.type === 'REJECT_INELIGIBLE' ? event.payload.note : null,
      }),
      outcome: ({ event }) => decided('ineligible', event.at, event.type === 'REJECT_INELIGIBLE' ? event.payload.note : null),
      grievanceDueAt: ({ context, event }) => windowDueAt(context.policy.grievanceWindow, event.at),
    }),
    recordProposal: assign({
      committees: ({ event }) =>
        event.type === 'PROPOSE_COMMITTEES'
          ? {
              aspect1: event.payload.aspect1,
              aspect2: event.payload.aspect2,
              proposedAt: event.at,
              approvedAt: null,
              approvedAtMeeting: null,
            }
          : null,
    }),
    approveCommittees: assign({
      committees: ({ context, event }) =>
        context.committees && event.type === 'COMMITTEES_APPROVED'
          ? { ...context.committees, approvedAt: event.at, approvedAtMeeting: event.payload.meetingId }
          : context.committees,
    }),
    clearProposal: assign({ committees: () => null }),
    recordScore: assign({
      scores: ({ context, event }) =>
        event.type === 'SUBMIT_SCORE'
          ? [
              ...context.scores,
              {
                aspect: event.payload.aspect,
                evaluatorId: event.actor.id,
                percent: event.payload.percent,
                at: event.at,
                note: event.payload.note ?? null,
              },
            ]
          : context.scores,
    }),
    requestRevision: assign({
      revisions: ({ context, event }) =>
        event.type === 'REQUEST_REVISION'
          ? [
              ...context.revisions,
              {
                requestedAt: event.at,
                requestedBy: event.actor.id,
                note: event.payload.note,
                dueAt: windowDueAt(context.policy.revision.window, event.at) ?? event.at,
                submittedAt: null,
                lapsedAt: null,
              },
            ]
          : context.revisions,
      // the work changes: the requester's aspects are scored again on the revised work
      scores: ({ context, event }) => {
        const aspects = aspectsOfEvaluator(context, event.actor.id);
        return context.scores.filter((s) => !aspects.includes(s.aspect));
      },
    }),
    recordRevisionSubmitted: assign({
      revisions: ({ context, event }) =>
        context.revisions.map((r, i) => (i === context.revisions.length - 1 ? { ...r, submittedAt: event.at } : r)),
    }),
    recordRevisionLapsed: assign({
      revisions: ({ context, event }) =>
        context.revisions.map((r, i) => (i === context.revisions.length - 1 ? { ...r, lapsedAt: event.at } : r)),
      outcome: ({ event }) => decided('failed', event.at, 'revision_lapsed'),
    }),
    approveAspect1: assign({
      aspectApprovals: ({ context, event }) => ({
        ...context.aspectApprovals,
        aspect1: { at: event.at, meetingId: event.type === 'ASPECT1_APPROVED' ? event.payload.meetingId : '' },
      }),
    }),
    approveAspect2: assign({
      aspectApprovals: ({ context, event }) => ({
        ...context.aspectApprovals,
        aspect2: { at: event.at, meetingId: event.type === 'ASPECT2_APPROVED' ? event.payload.meetingId : '' },
      }),
    }),
    // the approval body did not approve an aspect's result: its committee scores it again
    rejectAspect1: assign({ scores: ({ context }) => context.scores.filter((s) => s.aspect !== 1) }),
    rejectAspect2: assign({ scores: ({ context }) => context.scores.filter((s) => s.aspect !== 2) }),
    recordPassed: assign({ outcome: ({ event }) => decided('passed', event.at) }),
    recordFailed: assign({ outcome: ({ event }) => decided('failed', event.at, 'evaluation') }),
    certify: assign({
      certification: ({ event }) => ({
        at: event.at,
        dpaReference: event.type === 'CERTIFY_RESULT' ? (event.payload.dpaReference ?? null) : null,
      }),
    }),
    prepareOrder: assign({
      order: ({ context, event }) => ({
        number: event.type === 'PREPARE_ORDER' ? event.payload.orderNumber : '',
        effectiveDate: effectiveDateOf(context),
        preparedAt: event.at,
        signedAt: null,
      }),
    }),
    signOrder: assign({ order: ({ context, event }) => (context.order ? { ...context.order, signedAt: event.at } : null) }),
    recordKks: assign({
      kks: ({ event }) => ({
        at: event.at,
        reference:
          event.type === 'KKS_REPORTED' || event.type === 'KKS_APPROVED'
            ? event.payload.letterNo
            : event.type === 'KKS_NOT_APPROVED'
              ? event.payload.note
              : '',
        approved: event.type === 'KKS_REPORTED' ? null : event.type === 'KKS_APPROVED',
      }),
    }),
    recordKksNotApproved: assign({ outcome: ({ event }) => decided('failed', event.at, 'kks_not_approved') }),
    recordFailure: assign({
      failure: ({ context, event }) =>
        event.type === 'RECORD_FAILURE'
          ? {
              recommendations: event.payload.recommendations,
              adviser: event.payload.adviser,
              refileFrom: nextSemesterStart(dateOf(event.at), context.policy.semesterStarts),
              recordedAt: event.at,
            }
          : context.failure,
      grievanceDueAt: ({ context, event }) => windowDueAt(context.policy.grievanceWindow, event.at),
    }),
    fileGrievance: assign({
      grievances: ({ context, event }) => [
        ...context.grievances,
        { filedAt: event.at, grounds: event.type === 'FILE_GRIEVANCE' ? event.payload.grounds : '', resolution: null, decidedAt: null },
      ],
    }),
    upholdGrievance: assign(({ context, event }) => ({
      ...clearedEvaluation(),
      grievances: context.grievances.map((g, i) =>
        i === context.grievances.length - 1 ? { ...g, resolution: 'upheld' as const, decidedAt: event.at } : g,
      ),
    })),
    dismissGrievance: assign({
      grievances: ({ context, event }) =>
        context.grievances.map((g, i) =>
          i === context.grievances.length - 1 ? { ...g, resolution: 'dismissed' as const, decidedAt: event.at } : g,
        ),
    }),
    recordWithdrawn: assign({
      outcome: ({ event }) => decided('withdrawn', event.at, event.type === 'WITHDRAW' ? (event.payload.reason ?? null) : null),
    }),
  },
}).createMachine({
  id: 'academic-standing',
  initial: 'eligibilityCheck',
  context: ({ input }) => initialContext(input),
  states: {
    eligibilityCheck: {
      on: {
        ACCEPT_ELIGIBLE: { guard: 'isEligible', target: 'committeeProposal', actions: 'acceptEligible' },
        REJECT_INELIGIBLE: { target: 'notEligible', actions: 'recordIneligible' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawn' },
      },
    },
    committeeProposal: {
      on: {
        PROPOSE_COMMITTEES: { guard: 'validProposal', target: 'committeeApproval', actions: 'recordProposal' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawn' },
      },
    },
    committeeApproval: {
      on: {
        COMMITTEES_APPROVED: { target: 'evaluation', actions: 'approveCommittees' },
        COMMITTEES_REJECTED: { target: 'committeeProposal', actions: 'clearProposal' },
      },
    },
    evaluation: {
      on: {
        SUBMIT_SCORE: [
          { guard: 'completesScoringAspect1Approved', target: 'aspect2Approval', actions: 'recordScore' },
          { guard: 'completesScoring', target: 'aspect1Approval', actions: 'recordScore' },
          { guard: 'mayScore', actions: 'recordScore' },
        ],
        REQUEST_REVISION: { guard: 'mayRequestRevision', target: 'revision', actions: 'requestRevision' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawn' },
      },
    },
    revision: {
      on: {
        SUBMIT_REVISION: { guard: 'revisionInTime', target: 'evaluation', actions: 'recordRevisionSubmitted' },
        REVISION_LAPSED: { guard: 'revisionOverdue', target: 'failureReport', actions: 'recordRevisionLapsed' },
        WITHDRAW: { target: 'withdrawn', actions: 'recordWithdrawn' },
      },
    },
    aspect1Approval: {
      on: {
        ASPECT1_APPROVED: { target: 'aspect2Approval', actions: 'approveAspect1' },
        ASPECT1_REJECTED: { target: 'evaluation', actions: 'rejectAspect1' },
      },
    },
    aspect2Approval: {
      on: {
        ASPECT2_APPROVED: [
          { guard: 'resultPasses', target: 'certification', actions: ['approveAspect2', 'recordPassed'] },
          { target: 'failureReport', actions: ['approveAspect2', 'recordFailed'] },
        ],
        ASPECT2_REJECTED: { target: 'evaluation', actions: 'rejectAspect2' },
      },
    },
    certification: { on: { CERTIFY_RESULT: { target: 'orderPreparation', actions: 'certify' } } },
    orderPreparation: {
      on: {
        PREPARE_ORDER: [
          { guard: 'needsKksApproval', target: 'kksConsideration', actions: 'prepareOrder' },
          { target: 'orderSigning', actions: 'prepareOrder' },
        ],
      },
    },
    orderSigning: {
      on: {
        SIGN_ORDER: [
          { guard: 'reportsToKks', target: 'kksReport', actions: 'signOrder' },
          { target: 'appointed', actions: 'signOrder' },
        ],
      },
    },
    kksReport: { on: { KKS_REPORTED: { target: 'appointed', actions: 'recordKks' } } },
    kksConsideration: {
      on: {
        KKS_APPROVED: { target: 'appointed', actions: 'recordKks' },
        KKS_NOT_APPROVED: { target: 'failureReport', actions: ['recordKks', 'recordKksNotApproved'] },
      },
    },
    failureReport: { on: { RECORD_FAILURE: { target: 'notPassed', actions: 'recordFailure' } } },
    notPassed: {
      on: {
        FILE_GRIEVANCE: { guard: 'withinGrievanceWindow', target: 'grievance', actions: 'fileGrievance' },
        GRIEVANCE_WINDOW_CLOSED: { guard: 'grievanceWindowPassed', target: 'closedNotPassed' },
      },
    },
    notEligible: {
      on: {
        FILE_GRIEVANCE: { guard: 'withinGrievanceWindow', target: 'grievance', actions: 'fileGrievance' },
        GRIEVANCE_WINDOW_CLOSED: { guard: 'grievanceWindowPassed', target: 'closedNotEligible' },
      },
    },
    grievance: {
      on: {
        GRIEVANCE_UPHELD: { target: 'committeeProposal', actions: 'upholdGrievance' },
        GRIEVANCE_DISMISSED: [
          { guard: 'decidedIneligible', target: 'closedNotEligible', actions: 'dismissGrievance' },
          { target: 'closedNotPassed', actions: 'dismissGrievance' },
        ],
      },
    },
    appointed: { type: 'final' },
    closedNotPassed: { type: 'final' },
    closedNotEligible: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
