/**
 * The rules the academic-standing machine's guards and actions apply, as
 * plain functions of the context and the event, so they can be read and
 * tested on their own. Pure.
 */
import { evaluationVerdict } from './pass-rule';
import type { AcademicContext, Evaluator, RevisionRecord } from './events';
import { dateOf } from './timing';
import type { Aspect } from './vocabulary';

export const evaluatorsOf = (ctx: AcademicContext, aspect: Aspect): readonly Evaluator[] =>
  (aspect === 1 ? ctx.committees?.aspect1 : ctx.committees?.aspect2) ?? [];

/** The committee proposal has the policy's number of distinct evaluators per aspect, none of them the applicant. */
export function proposalIsValid(ctx: AcademicContext, aspect1: readonly Evaluator[], aspect2: readonly Evaluator[]): boolean {
  const n = ctx.policy.evaluatorsPerAspect;
  const ok = (list: readonly Evaluator[]) =>
    list.length === n &&
    new Set(list.map((e) => e.userId)).size === n &&
    list.every((e) => ctx.subjectPersonId === null || e.personId !== ctx.subjectPersonId);
  return ok(aspect1) && ok(aspect2);
}

/** The sender is an appointed evaluator of the aspect who has not scored it yet. */
export function mayScore(ctx: AcademicContext, actorId: string, aspect: Aspect): boolean {
  return (
    evaluatorsOf(ctx, aspect).some((e) => e.userId === actorId) && !ctx.scores.some((s) => s.aspect === aspect && s.evaluatorId === actorId)
  );
}

/** After this score, every evaluator of both aspects has scored. */
export function scoringCompleteAfterOneMore(ctx: AcademicContext): boolean {
  const needed = evaluatorsOf(ctx, 1).length + evaluatorsOf(ctx, 2).length;
  return ctx.scores.length + 1 === needed;
}

/** The aspects the sender evaluates. */
export function aspectsOfEvaluator(ctx: AcademicContext, actorId: string): Aspect[] {
  return ([1, 2] as const).filter((a) => evaluatorsOf(ctx, a).some((e) => e.userId === actorId));
}

export function mayRequestRevision(ctx: AcademicContext, actorId: string): boolean {
  const r = ctx.policy.revision;
  return r.allowed && ctx.revisions.length < r.maxRounds && aspectsOfEvaluator(ctx, actorId).length > 0;
}

/** The revision the teacher is working on now, if any. */
export function openRevision(ctx: AcademicContext): RevisionRecord | undefined {
  const last = ctx.revisions.at(-1);
  return last && last.submittedAt === null && last.lapsedAt === null ? last : undefined;
}

export const revisionInTime = (ctx: AcademicContext, at: string): boolean => {
  const r = openRevision(ctx);
  return r !== undefined && at <= r.dueAt;
};

/** The revision window has closed: "an unrevised case fails at that moment". */
export const revisionOverdue = (ctx: AcademicContext, at: string): boolean => {
  const r = openRevision(ctx);
  return r !== undefined && at > r.dueAt;
};

export const resultPasses = (ctx: AcademicContext): boolean => evaluationVerdict(ctx.scores, ctx.policy.passRule).passed;

export const withinGrievanceWindow = (ctx: AcademicContext, at: string): boolean => ctx.grievanceDueAt !== null && at <= ctx.grievanceDueAt;
export const grievanceWindowPassed = (ctx: AcademicContext, at: string): boolean => ctx.grievanceDueAt !== null && at > ctx.grievanceDueAt;

/** The date the appointment takes effect, by the level's rule. */
export function effectiveDateOf(ctx: AcademicContext): string {
  switch (ctx.policy.effectiveDateRule) {
    case 'filing_date':
      return dateOf(ctx.filedAt);
    case 'approval_date':
      return dateOf(ctx.aspectApprovals.aspect2?.at ?? ctx.filedAt);
    case 'filing_or_revision_date': {
      const revised = [...ctx.revisions].reverse().find((r) => r.submittedAt !== null);
      return dateOf(revised?.submittedAt ?? ctx.filedAt);
    }
  }
}

/** What a fresh evaluation starts from (after an upheld grievance). */
export function clearedEvaluation(): Pick<
  AcademicContext,
  'committees' | 'scores' | 'aspectApprovals' | 'outcome' | 'failure' | 'grievanceDueAt'
> {
  return {
    committees: null,
    scores: [],
    aspectApprovals: { aspect1: null, aspect2: null },
    outcome: null,
    failure: null,
    grievanceDueAt: null,
  };
}
