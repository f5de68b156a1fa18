/**
 * What hosts (the HTTP API, tests) call to run a round beyond single events:
 * a teacher filing a request into a round (opened as a child of the round,
 * one per teacher: the cycle key is the teacher's person id), and the
 * ranking and matching of a round's verified requests, proposed to every
 * request and recorded on the round in one transaction.
 */
import { createHash } from 'node:crypto';
import {
  actingRolesFor,
  EsaError,
  findCycleChild,
  openCycleChildren,
  SYSTEM_ACTOR,
  type Actor,
  type CommandResult,
  type Engine,
} from '@esa-flow/engine';
import { checkEligibility, type EligibilityVerdict } from './eligibility';
import { matchRound, type MatchResult } from './match';
import type { Candidate } from './rank';
import { RequestSubmission, type TransferRequestInput } from './request-data';
import type { RequestContext } from './request-rules';
import { roundLabel } from './round-params';
import type { RoundContext } from './round-workflow';

async function loadCase(engine: Engine, caseId: string) {
  return engine.deps.db
    .selectFrom('cases')
    .select(['id', 'workflow_id', 'office_id', 'school_id', 'state', 'status', 'snapshot'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}

/**
 * A teacher files (or finishes filing) their request in a round. Checks
 * eligibility first and refuses with the reasons (`INVALID_PAYLOAD`,
 * `details.reasons`); opens the request as a child of the round if the
 * teacher has none yet (only while the round takes requests: else
 * `CYCLE_CLOSED`); then submits it as the teacher. A second request of the
 * same teacher in the same round is refused (`already_filed`).
 */
export async function fileTransferRequest(
  engine: Engine,
  actor: Actor,
  args: { roundCaseId: string; submission: unknown; idempotencyKey?: string },
): Promise<{ caseId: string; result: CommandResult; eligibility: EligibilityVerdict }> {
  const { db } = engine.deps;
  const parsed = RequestSubmission.safeParse(args.submission);
  if (!parsed.success) {
    throw new EsaError('INVALID_PAYLOAD', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })) });
  }
  const round = await loadCase(engine, args.roundCaseId);
  if (!round || round.workflow_id !== 'transfer-round') throw new EsaError('CASE_NOT_FOUND', { caseId: args.roundCaseId });
  const grant = actor.kind === 'user' ? actor.grants.find((g) => g.role === 'teacher' && g.officeId === round.office_id && g.schoolId !== null) : undefined;
  if (actor.kind !== 'user' || actor.personId === null || !grant?.schoolId) throw new EsaError('FORBIDDEN', { action: 'file a transfer request', caseId: round.id });
  const personId = actor.personId;
  const ctx = (round.snapshot as { context: RoundContext }).context;

  const [person, school, existing] = await Promise.all([
    db.selectFrom('people').select(['first_name_th', 'last_name_th']).where('id', '=', personId).executeTakeFirstOrThrow(),
    db.selectFrom('schools').select(['id', 'name_th']).where('id', '=', grant.schoolId).executeTakeFirstOrThrow(),
    findCycleChild(engine.deps, round.id, personId), // requests are keyed by the teacher
  ]);
  const eligibility = checkEligibility(parsed.data, {
    params: ctx.params,
    vacancies: ctx.vacancies,
    currentSchoolId: school.id,
    applicantPersonId: personId,
    at: engine.deps.clock.now().toISOString(),
    alreadyFiled: existing !== undefined && existing.state !== 'draft',
  });
  if (!eligibility.eligible) throw new EsaError('INVALID_PAYLOAD', { reasons: eligibility.reasons });

  let caseId = existing?.caseId;
  if (caseId === undefined) {
    const name = `${person.first_name_th} ${person.last_name_th}`;
    const input: TransferRequestInput = {
      roundCaseId: round.id,
      applicant: { personId, name },
      currentSchool: { id: school.id, name: school.name_th },
      params: ctx.params,
      vacancies: ctx.vacancies,
    };
    await openCycleChildren(engine.deps, SYSTEM_ACTOR, {
      parentCaseId: round.id,
      workflowId: 'transfer-request',
      population: [{ key: personId, subjectPersonId: personId, schoolId: school.id, title: `คำขอย้าย ${name} รอบ ${roundLabel(ctx.params)}`, input }],
      whileParentAt: ['requestsOpen'],
    });
    const opened = await findCycleChild(engine.deps, round.id, personId);
    if (!opened) throw new Error(`the request of ${personId} in round ${round.id} was not opened`);
    caseId = opened.caseId;
  }
  const result = await engine.dispatch({
    actor,
    caseId,
    type: 'SUBMIT',
    payload: parsed.data,
    ...(args.idempotencyKey !== undefined ? { idempotencyKey: args.idempotencyKey } : {}),
  });
  return { caseId, result, eligibility };
}

/** A verified request as the matching sees it. */
export function candidateOf(caseId: string, ctx: RequestContext): Candidate {
  const s = ctx.submission;
  if (!s || !ctx.scores || !ctx.firstFiledAt) throw new EsaError('INTERNAL', { reason: 'request without submission or scores', caseId });
  return {
    key: caseId,
    personId: ctx.applicant.personId,
    name: ctx.applicant.name,
    kind: s.kind,
    major: s.facts.major,
    currentSchoolId: ctx.currentSchool.id,
    currentSchoolName: ctx.currentSchool.name,
    preferences: s.preferences,
    ...(s.swapWith ? { swapWithPersonId: s.swapWith.personId } : {}),
    score: ctx.scores.total,
    currentSchoolSince: s.facts.currentSchoolSince,
    firstAppointedOn: s.facts.firstAppointedOn,
    filedAt: ctx.firstFiledAt,
    paScore: s.latestPa.score,
  };
}

/**
 * Ranks and matches every verified request of a round (those waiting at
 * `awaitingMatch`) and, in one transaction, proposes the result to each
 * request (PROPOSE_PLACEMENT / PROPOSE_NO_PLACEMENT, with its explanation)
 * and records it on the round (RECORD_MATCHING, with a digest). The round
 * must be at its matching phase; the actor must be an HR officer of the
 * round's office.
 */
export async function proposeRoundMatching(engine: Engine, actor: Actor, roundCaseId: string): Promise<MatchResult & { digest: string }> {
  const view = await engine.getCase(actor, roundCaseId);
  if (view.case.workflowId !== 'transfer-round') throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  if (actingRolesFor(actor, view.case, ['hr_officer']).length === 0) throw new EsaError('FORBIDDEN', { action: 'RECORD_MATCHING', caseId: roundCaseId });
  if (view.case.state !== 'matching') throw new EsaError('EVENT_NOT_ALLOWED', { type: 'RECORD_MATCHING', state: view.case.state });
  const ctx = (view.case.snapshot as { context: RoundContext }).context;

  const rows = await engine.deps.db
    .selectFrom('cases')
    .select(['id', 'snapshot'])
    .where('parent_case_id', '=', roundCaseId)
    .where('workflow_id', '=', 'transfer-request')
    .where('status', '=', 'active')
    .where('state', '=', 'awaitingMatch')
    .execute();
  const candidates = rows.map((r) => candidateOf(r.id, (r.snapshot as { context: RequestContext }).context));
  const result = matchRound({ candidates, vacancies: ctx.vacancies, policy: ctx.params });
  const digest = createHash('sha256')
    .update(JSON.stringify(result.explanations.map((e) => [e.key, e.placement])))
    .digest('hex');

  await engine.deps.db.transaction().execute(async (trx) => {
    for (const e of result.explanations) {
      const preferences = e.preferences.map((p) => ({ ...p, ahead: [...p.ahead] }));
      await engine.dispatchIn(trx, {
        actor,
        caseId: e.key,
        type: e.placement ? 'PROPOSE_PLACEMENT' : 'PROPOSE_NO_PLACEMENT',
        payload: e.placement
          ? { placement: e.placement, explanation: e.text, preferences }
          : { explanation: e.text, preferences, swapProblem: e.swapProblem },
        reason: `matching of round ${roundLabel(ctx.params)}`,
      });
    }
    await engine.dispatchIn(trx, {
      actor,
      caseId: roundCaseId,
      type: 'RECORD_MATCHING',
      payload: { summary: result.summary, digest, tieBreak: ctx.params.tieBreak },
    });
  });
  return { ...result, digest };
}
