/**
 * Why a transfer event is refused, as people read it (issue 21: "refusals
 * say which rule failed and what to do"): for each event whose guard can
 * say no, the code of the error catalogue that names the rule, with what to
 * show (the eligibility reasons, the scoring problems, the moment that
 * passed). The engine asks only when the machine handles the event at the
 * current step and a guard refused it (`EventMeta.explainRefusal`); pure,
 * like the guards: time comes from `event.at`.
 */
import type { EngineEvent, RefusalExplanation } from '@esa-flow/engine';
import { checkEligibility } from './eligibility';
import type { ExternalFilingPayload, RequestSubmission } from './request-data';
import { externalFilingVerdict } from './request-machine-v6';
import { oneAreaVerdict } from './request-machine-v7';
import { correctionDue, requiredSigner, type RequestContext } from './request-rules';
import { phaseInstant, type PhaseMoment, type TransferRoundParams } from './round-params';
import { scoreRequest } from './scoring-table';

const ms = (iso: string) => new Date(iso).getTime();
const payloadOf = <T>(event: EngineEvent) => event.payload as T;

/** SUBMIT / RESUBMIT: the eligibility reasons (window, months, preferences, evidence…), or the fix-by moment that passed. */
export function explainFiling(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  if (event.type === 'RESUBMIT' && ctx.correction !== null && ms(event.at) > ms(ctx.correction.dueAt)) {
    return { code: 'CORRECTION_DUE_PASSED', details: { dueAt: ctx.correction.dueAt } };
  }
  const verdict = checkEligibility(payloadOf<RequestSubmission>(event), {
    params: ctx.params,
    vacancies: ctx.vacancies,
    currentSchoolId: ctx.currentSchool.id,
    applicantPersonId: ctx.applicant.personId,
    at: event.type === 'SUBMIT' ? event.at : (ctx.firstFiledAt ?? event.at),
  });
  return verdict.eligible ? null : { code: 'TRANSFER_NOT_ELIGIBLE', details: { reasons: verdict.reasons } };
}

/** RECORD_EXTERNAL_FILING (version 6): the eligibility reasons as of the moment the request was filed in TRS (evidence aside). */
export function explainExternalFiling(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const verdict = externalFilingVerdict(context as RequestContext, payloadOf<ExternalFilingPayload>(event));
  return verdict.eligible ? null : { code: 'TRANSFER_NOT_ELIGIBLE', details: { reasons: verdict.reasons } };
}

/** RETURN_FOR_CORRECTION: the fix-by moment is past, or later than the round's correctionUntil. */
export function explainReturn(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  const fixBy = payloadOf<{ fixBy?: { date: string; time: string } }>(event).fixBy;
  if (correctionDue(ctx.params, event.at, fixBy) !== null) return null;
  return { code: 'FIX_BY_OUT_OF_RANGE', details: { correctionUntil: momentText(ctx.params.phases.correctionUntil) } };
}

/** ENTER_SCORES: every component missing or naming a level the table does not have. */
export function explainScores(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  if (ctx.submission === null) return null;
  const years = Math.floor((ctx.eligibility?.monthsAtCurrentSchool ?? 0) / 12);
  const r = scoreRequest(
    ctx.params.scoringTable,
    { currentSchoolHardship: ctx.submission.facts.currentSchoolHardship, yearsAtCurrentSchool: years },
    payloadOf<{ entries: Record<string, string> }>(event).entries,
  );
  return r.ok ? null : { code: 'SCORES_INCOMPLETE', details: { problems: r.problems } };
}

/** VERIFY_SCORES / DISPUTE_SCORES: four eyes. */
export function explainFourEyes(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  return ctx.scores !== null && ctx.scores.enteredBy === event.actor.id
    ? { code: 'SCORES_NEED_ANOTHER_USER', details: { enteredAt: ctx.scores.enteredAt } }
    : null;
}

/** SIGN_ORDER: the ม.53 authority for the teacher's standing, and a report-by moment after the signing. */
export function explainSigning(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  if (ctx.submission === null) return null;
  const signer = requiredSigner(ctx.submission.facts.academicStanding);
  if (!event.actor.roles.includes(signer)) return { code: 'ORDER_SIGNER_MISMATCH', details: { requiredRole: signer } };
  const reportBy = payloadOf<{ reportBy: { date: string; time: string } }>(event).reportBy;
  if (phaseInstant({ date: reportBy.date, time: reportBy.time }).getTime() <= ms(event.at))
    return { code: 'REPORT_BY_NOT_FUTURE', details: { reportBy } };
  return null;
}

/** SIGN_ORDER from request 8 on: the ม.53 authority for the applicant's position and standing (the area director for a school administrator). */
export function explainSigningByPosition(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  if (ctx.submission === null) return null;
  const signer = requiredSigner(ctx.submission.facts);
  if (!event.actor.roles.includes(signer)) return { code: 'ORDER_SIGNER_MISMATCH', details: { requiredRole: signer } };
  const reportBy = payloadOf<{ reportBy: { date: string; time: string } }>(event).reportBy;
  if (phaseInstant({ date: reportBy.date, time: reportBy.time }).getTime() <= ms(event.at))
    return { code: 'REPORT_BY_NOT_FUTURE', details: { reportBy } };
  return null;
}

/** REPORT_FOR_DUTY: after the order's report-by moment. */
export function explainReport(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  return ctx.order !== null && ms(event.at) > ms(ctx.order.reportByAt)
    ? { code: 'REPORT_DUE_PASSED', details: { reportByAt: ctx.order.reportByAt } }
    : null;
}

const momentText = (m: PhaseMoment) => ({ date: m.date, time: m.time, phrase: m.phrase, at: phaseInstant(m).toISOString() });

/** The round's phase events: the moment of its calendar not yet reached (or no vacancy posted). */
export function explainRoundPhase(context: unknown, event: EngineEvent): RefusalExplanation | null {
  // a round's context (round-workflow.ts), as much of it as the phases read
  const ctx = context as { params: TransferRoundParams; vacancies: readonly unknown[] };
  const p = ctx.params.phases;
  if (event.type === 'OPEN_REQUESTS') {
    if (ctx.vacancies.length === 0) return { code: 'ROUND_PHASE_NOT_DUE', details: { rule: 'no_vacancies' } };
    return { code: 'ROUND_PHASE_NOT_DUE', details: { notBefore: momentText(p.requestsFrom) } };
  }
  if (event.type === 'CLOSE_REQUESTS') return { code: 'ROUND_PHASE_NOT_DUE', details: { notBefore: momentText(p.requestsUntil) } };
  if (event.type === 'CLOSE_SCHOOL_REVIEW') {
    const later =
      phaseInstant(p.schoolReviewUntil).getTime() >= phaseInstant(p.correctionUntil).getTime() ? p.schoolReviewUntil : p.correctionUntil;
    return { code: 'ROUND_PHASE_NOT_DUE', details: { notBefore: momentText(later) } };
  }
  return null;
}

/** PUBLISH_MATCHING: no run yet, or the run named is not the one in force. */
export function explainPublish(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as { matching: { digest: string } | null };
  if (ctx.matching === null) return { code: 'MATCHING_NOT_RUN' };
  const digest = payloadOf<{ digest: string }>(event).digest;
  return digest !== ctx.matching.digest ? { code: 'MATCHING_STALE', details: { named: digest, inForce: ctx.matching.digest } } : null;
}

/** Version 7: SUBMIT / RESUBMIT / RECORD_EXTERNAL_FILING, with one area per request among the reasons. */
export function explainFilingV7(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  if (event.type === 'RESUBMIT' && ctx.correction !== null && ms(event.at) > ms(ctx.correction.dueAt)) {
    return { code: 'CORRECTION_DUE_PASSED', details: { dueAt: ctx.correction.dueAt } };
  }
  const verdict = oneAreaVerdict(ctx, event as never);
  return verdict.eligible ? null : { code: 'TRANSFER_NOT_ELIGIBLE', details: { reasons: verdict.reasons } };
}

/**
 * Version 7: the receiving area's resolution recorded by hand. On a request
 * forwarded to an office on esa-flow it comes from that office, through the
 * exchange; to an area not on esa-flow, after the list sent by letter.
 */
export function explainReceivingArea(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  if (ctx.exchange)
    return { code: 'RECEIVING_AREA_BY_EXCHANGE', details: { area: ctx.exchange.area, forwardedAt: ctx.exchange.forwardedAt } };
  if (!ctx.forwardedList) return { code: 'FORWARDED_LIST_MISSING' };
  const decidedOn = payloadOf<{ decidedOn: string }>(event).decidedOn;
  return decidedOn < ctx.forwardedList.sentOn
    ? { code: 'FORWARDED_LIST_MISSING', details: { sentOn: ctx.forwardedList.sentOn, decidedOn } }
    : null;
}

/** Version 7: SIGN_ORDER for a move through an exchange is signed in the receiving office; else as before. */
export function explainSigningV7(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  if (ctx.exchange && ctx.submission) {
    return {
      code: 'ORDER_SIGNER_MISMATCH',
      details: { requiredRole: requiredSigner(ctx.submission.facts.academicStanding), signsIn: ctx.exchange.area },
    };
  }
  return explainSigning(context, event);
}

/** Version 8: a request moved through an exchange is signed in the receiving office (as version 7); else the signer by position and standing. */
export function explainSigningV8(context: unknown, event: EngineEvent): RefusalExplanation | null {
  const ctx = context as RequestContext;
  if (ctx.exchange && ctx.submission) {
    return { code: 'ORDER_SIGNER_MISMATCH', details: { requiredRole: requiredSigner(ctx.submission.facts), signsIn: ctx.exchange.area } };
  }
  return explainSigningByPosition(context, event);
}

/** Version 7: RECORD_RECEIVING_ORDER with a report-by moment not after the signing. */
export function explainReceivingOrder(_context: unknown, event: EngineEvent): RefusalExplanation | null {
  const reportBy = payloadOf<{ reportBy: { date: string; time: string } }>(event).reportBy;
  return phaseInstant({ date: reportBy.date, time: reportBy.time }).getTime() <= ms(event.at)
    ? { code: 'REPORT_BY_NOT_FUTURE', details: { reportBy } }
    : null;
}
