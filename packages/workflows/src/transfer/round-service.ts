/**
 * What hosts (the HTTP API, tests) call to run a round beyond single events:
 * a teacher filing a request into a round (opened as a child of the round,
 * one per teacher: the cycle key is the teacher's person id), and the
 * ranking and matching of a round's verified requests, proposed to every
 * request and recorded on the round in one transaction.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  actingRolesFor,
  activeCasesOfOtherOffices,
  childCaseRows,
  EsaError,
  insertTransferExchange,
  listTransferExchanges,
  markTransferExchangeRanked,
  officeNames,
  officesByCode,
  personNameRow,
  procedureCaseRow,
  schoolNameRow,
  type TransferExchange,
  findCycleChild,
  findIdempotentResponse,
  openCycleChild,
  SYSTEM_ACTOR,
  type Actor,
  type CommandResult,
  type Engine,
} from '@esa-flow/engine';
import { checkEligibility, type EligibilityVerdict } from './eligibility';
import { matchRound, type MatchResult } from './match';
import type { Candidate } from './rank';
import { matchSubject, RequestSubmissionV8, type AcademicStanding, type TransferRequestInputV8 } from './request-data';
import type { RequestContext } from './request-rules';
import { reviewerFor, roundApplicants, roundLabel } from './round-params';
import type { RoundContext, RoundContextV3 } from './round-workflow';

async function loadCase(engine: Engine, caseId: string) {
  return procedureCaseRow(engine, caseId);
}

/**
 * A teacher files (or finishes filing) their request in a round. A repeat
 * with the same Idempotency-Key replays the first answer (same case, same
 * status), before anything is judged again. Checks eligibility first and
 * refuses with the reasons (`INVALID_PAYLOAD`, `details.reasons`); then, in
 * one transaction, opens the request as a child of the round if the teacher
 * has none yet (only while the round takes requests: else `CYCLE_CLOSED`)
 * and submits it as the teacher. Filings of different teachers never wait
 * on each other: the round's row is only read (`openCycleChild`). A second
 * request of the same teacher in the same round is refused (`already_filed`).
 */

/** From this version of transfer-round on, each matching run is kept on the round and published to the committees (issue 21). */
const MATCHING_RUNS_VERSION = 4;
export async function fileTransferRequest(
  engine: Engine,
  actor: Actor,
  args: { roundCaseId: string; submission: unknown; idempotencyKey?: string },
): Promise<{ caseId: string; result: CommandResult; eligibility: Pick<EligibilityVerdict, 'cutoff' | 'monthsAtCurrentSchool'> }> {
  const parsed = RequestSubmissionV8.safeParse(args.submission);
  if (!parsed.success) {
    throw new EsaError('INVALID_PAYLOAD', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
    });
  }
  const key = args.idempotencyKey;
  if (key !== undefined) {
    const first = await findIdempotentResponse<CommandResult>(engine, { actorId: actor.id, key, command: 'dispatch' });
    if (first) {
      // the same key again: the dispatch replays its stored answer (or refuses a different request with IDEMPOTENCY_KEY_REUSED)
      const result = await engine.dispatch({ actor, caseId: first.caseId, type: 'SUBMIT', payload: parsed.data, idempotencyKey: key });
      const view = await engine.getCase(actor, first.caseId);
      const ctx = (view.case.snapshot as { context: RequestContext }).context;
      if (ctx.roundCaseId !== args.roundCaseId) throw new EsaError('IDEMPOTENCY_KEY_REUSED', { key });
      return {
        caseId: first.caseId,
        result,
        eligibility: { cutoff: ctx.eligibility?.cutoff ?? '', monthsAtCurrentSchool: ctx.eligibility?.monthsAtCurrentSchool ?? 0 },
      };
    }
  }
  const round = await loadCase(engine, args.roundCaseId);
  if (!round || round.workflow_id !== 'transfer-round') throw new EsaError('CASE_NOT_FOUND', { caseId: args.roundCaseId });
  const ctx = (round.snapshot as { context: RoundContext }).context;
  // a teachers' round is filed by teachers; an administrators' round by school directors (their grant) and deputies (a school staff grant)
  const filers: readonly string[] = roundApplicants(ctx.params) === 'school_administrators' ? ['school_director', 'teacher'] : ['teacher'];
  const grants =
    actor.kind === 'user'
      ? actor.grants.filter((g) => filers.includes(g.role) && g.officeId === round.office_id && g.schoolId !== null)
      : [];
  const grant = grants.find((g) => g.role === 'school_director') ?? grants[0];
  if (actor.kind !== 'user' || actor.personId === null || !grant?.schoolId)
    throw new EsaError('FORBIDDEN', { action: 'file a transfer request', caseId: round.id });
  const personId = actor.personId;

  const [person, school, existing] = await Promise.all([
    personNameRow(engine, personId),
    schoolNameRow(engine, grant.schoolId),
    findCycleChild(engine, round.id, personId), // requests are keyed by the teacher
  ]);
  const eligibility = checkEligibility(parsed.data, {
    params: ctx.params,
    vacancies: ctx.vacancies,
    currentSchoolId: school.id,
    applicantPersonId: personId,
    at: engine.clock.now().toISOString(),
    alreadyFiled: existing !== undefined && existing.state !== 'draft',
    // new requests are filed on version 7 or later: one area per request (request-machine-v7.ts)
    oneAreaPerRequest: true,
    ...(roundApplicants(ctx.params) === 'school_administrators' ? { directorOfCurrentSchool: grant.role === 'school_director' } : {}),
  });
  if (!eligibility.eligible) throw new EsaError('INVALID_PAYLOAD', { reasons: eligibility.reasons });

  const name = `${person.first_name_th} ${person.last_name_th}`;
  const input: z.input<typeof TransferRequestInputV8> = {
    roundCaseId: round.id,
    applicant: { personId, name },
    currentSchool: { id: school.id, name: school.name_th },
    // the round's parameters, and who reviews this request (its assignee: the school's director, or the area director for an administrator)
    params: { ...ctx.params, reviewer: reviewerFor(roundApplicants(ctx.params), school.id) },
    vacancies: ctx.vacancies,
  };
  return openCycleChild(engine, SYSTEM_ACTOR, {
    parentCaseId: round.id,
    workflowId: 'transfer-request',
    child: { key: personId, subjectPersonId: personId, schoolId: school.id, title: `คำขอย้าย ${name} รอบ ${roundLabel(ctx.params)}`, input },
    whileParentAt: ['requestsOpen'],
    then: async (tx, child) => {
      const result = await tx.dispatch({
        actor,
        caseId: child.caseId,
        type: 'SUBMIT',
        payload: parsed.data,
        ...(key !== undefined ? { idempotencyKey: key } : {}),
      });
      return { caseId: child.caseId, result, eligibility };
    },
  });
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
    major: matchSubject(s.facts),
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

/** Steps of a request that hold the seat it was proposed: sent on past the matching, not (yet) refused. */
const HOLDING = new Set(['screening', 'areaApproval', 'receivingAreaApproval', 'orderSigning', 'reportingForDuty', 'transferred']);

/** From this version of transfer-request on, a request for another office's vacancy on esa-flow is forwarded to that office (request-machine-v7.ts). */
export const EXCHANGE_VERSION = 7;
/** The states of a receiving round that take forwarded requests (they are ranked at its matching, or by a rematch until its approval closes). */
const RECEIVING_ROUND_STATES = [
  'postingVacancies',
  'requestsOpen',
  'schoolReview',
  'scoring',
  'matching',
  'screening',
  'approval',
] as const;

/** A request the sending round's publication forwards to another office's round. */
export interface Forward {
  caseId: string;
  receivingOfficeId: string;
  receivingRoundCaseId: string;
  area: { code: string; name: string };
  schools: { schoolId: string; schoolName: string }[];
  candidate: Candidate;
  academicStanding: AcademicStanding;
}

/** What the receiving office keeps of a forwarded request to rank it (no person id, no evidence, nothing else of the request). */
export interface ForwardedCandidate extends Omit<Candidate, 'personId' | 'swapWithPersonId'> {
  sendingOfficeName: string;
  /** who signs the order in the receiving office (ม.53) */
  academicStanding: AcademicStanding;
  /** the receiving area's code, as the sending round's vacancy named it */
  areaCode: string;
}
const forwardedCandidate = (f: Forward, sendingOfficeName: string): ForwardedCandidate => {
  const { personId: _p, swapWithPersonId: _s, ...rest } = f.candidate;
  return { ...rest, sendingOfficeName, academicStanding: f.academicStanding, areaCode: f.area.code };
};

/** A returned placement holds its seat in the receiving round while the sending request goes on; ranked and not yet decided, too. */
function exchangeHolds(x: TransferExchange): boolean {
  if (x.placement === null) return false;
  if (x.state === 'ranked' || x.state === 'decided') return true;
  return x.state === 'returned' && x.decision === 'approved' && HOLDING.has(x.requestState);
}

/**
 * The verified requests of a round (waiting at `awaitingMatch`) as the
 * matching sees them, read in `db` (a transaction), matched against the
 * round's vacancies less the seats held by requests already sent on with a
 * placement (none before the first publication; after it, a request sent
 * back by the screening committee competes for the seats left).
 *
 * Across offices (request version 7): the round's own requests for another
 * office's vacancies on esa-flow are not matched here but forwarded
 * (`forwards`) — the seat is that office's, and a sending round never
 * places into it; and the requests other offices forwarded to this round
 * (`incoming`, by the sending request's case id) are ranked and matched with
 * this round's own applicants, against the same seats.
 */
async function matchingOf(engine: Engine, roundCaseId: string, ctx: Pick<RoundContext, 'vacancies' | 'params'>, officeId?: string) {
  const rows = await childCaseRows(engine, roundCaseId, 'transfer-request', 'id');
  const contextOf = (r: (typeof rows)[number]) => (r.snapshot as { context: RequestContext }).context;
  const waiting = rows.filter((r) => r.status === 'active' && r.state === 'awaitingMatch');
  const [incomingAll, outgoing] = await Promise.all([
    listTransferExchanges(engine, { receivingRoundCaseId: roundCaseId }),
    listTransferExchanges(engine, { sendingRoundCaseId: roundCaseId }),
  ]);
  const exchanged = new Set(outgoing.map((x) => x.requestCaseId));

  // another office's vacancies on esa-flow are not this round's to fill
  const areaCodes = [...new Set(ctx.vacancies.flatMap((v) => (v.area ? [v.area.code] : [])))];
  const offices = await officesByCode(engine, areaCodes);
  const ownOffice = officeId ?? rows[0]?.office_id;
  const receivingRounds =
    offices.size > 0 && ownOffice
      ? await activeCasesOfOtherOffices(engine, { workflowId: 'transfer-round', states: RECEIVING_ROUND_STATES, exceptOfficeId: ownOffice })
      : [];
  const roundFor = (code: string, schoolId: string, subject: string) =>
    receivingRounds.find(
      (r) =>
        r.officeCode === code &&
        (r.snapshot as { context: RoundContext }).context.vacancies.some(
          (v) => v.schoolId === schoolId && v.subject === subject && v.area === undefined,
        ),
    );

  const forwards: Forward[] = [];
  const local: Candidate[] = [];
  for (const r of waiting) {
    const c = candidateOf(r.id, contextOf(r));
    const named = c.preferences.map((p) => ctx.vacancies.find((v) => v.schoolId === p && v.subject === c.major));
    const areas = new Set(named.map((v) => v?.area?.code ?? ''));
    const code = [...areas][0] ?? '';
    const office = areas.size === 1 && code !== '' ? offices.get(code) : undefined;
    const target = office && named[0] ? roundFor(code, named[0].schoolId, c.major) : undefined;
    if (r.workflow_version >= EXCHANGE_VERSION && target && !exchanged.has(r.id)) {
      forwards.push({
        caseId: r.id,
        receivingOfficeId: target.officeId,
        receivingRoundCaseId: target.caseId,
        area: { code, name: named[0]!.area!.name },
        schools: named.map((v) => ({ schoolId: v!.schoolId, schoolName: v!.schoolName })),
        candidate: c,
        academicStanding: contextOf(r).submission!.facts.academicStanding,
      });
    } else local.push(c);
  }
  const incoming = new Map(incomingAll.filter((x) => x.state === 'forwarded').map((x) => [x.requestCaseId, x]));
  const candidates: Candidate[] = [
    ...local,
    ...[...incoming.values()].map((x) => {
      const { sendingOfficeName: _o, academicStanding: _a, areaCode: _c, ...c } = x.candidate as ForwardedCandidate;
      return { ...c, key: x.requestCaseId, personId: '' };
    }),
  ];

  const held = new Map<string, number>();
  for (const r of rows) {
    const placement = HOLDING.has(r.state) ? contextOf(r).proposal?.placement : null;
    if (placement?.kind === 'vacancy') held.set(placement.vacancyId, (held.get(placement.vacancyId) ?? 0) + 1);
  }
  for (const x of incomingAll) {
    const vacancyId = (x.placement as { vacancyId?: string } | null)?.vacancyId;
    if (vacancyId && exchangeHolds(x)) held.set(vacancyId, (held.get(vacancyId) ?? 0) + 1);
  }
  const ownSeats = ctx.vacancies.filter((v) => !(v.area && offices.has(v.area.code)));
  const vacancies = ownSeats.map((v) => ({ ...v, count: v.count - (held.get(v.id) ?? 0) })).filter((v) => v.count > 0);
  const result = matchRound({ candidates, vacancies, policy: ctx.params });
  return { result, incoming, forwards };
}

/** Version 1–2 rounds: the digest of the placements (as recorded by those rounds). */
const placementDigest = (result: MatchResult) =>
  createHash('sha256')
    .update(JSON.stringify(result.explanations.map((e) => [e.key, e.placement])))
    .digest('hex');
/** Version 3 rounds: the digest of each request's proposal, placement and explanation, in case order; and the requests forwarded to other offices, when any. */
const proposalDigest = (result: MatchResult, forwards: readonly Forward[] = []) =>
  createHash('sha256')
    .update(
      JSON.stringify(
        [...result.explanations].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => [e.key, e.placement, e.text]),
      ),
    )
    .update(forwards.length === 0 ? '' : JSON.stringify(forwards.map((f) => [f.caseId, f.receivingRoundCaseId])))
    .digest('hex');

/**
 * What a publication (or a rematch) does across offices, in its transaction:
 * each forwarded request gets its exchange row and `FORWARD_TO_AREA`; each
 * request forwarded to this round gets its rank (the exchange is `ranked`:
 * the receiving office's อ.ก.ค.ศ. decides it next); proposals go to this
 * round's own requests only.
 */
async function sendAcrossOffices(
  engine: Engine,
  tx: Engine,
  round: { id: string; officeId: string },
  m: { result: MatchResult; incoming: Map<string, TransferExchange>; forwards: readonly Forward[] },
  reason: string,
): Promise<void> {
  const at = engine.clock.now();
  const sendingOfficeName = m.forwards.length > 0 ? ((await officeNames(tx, round.officeId))?.nameTh ?? '') : '';
  for (const f of m.forwards) {
    const x = await insertTransferExchange(tx, {
      requestCaseId: f.caseId,
      sendingOfficeId: round.officeId,
      sendingRoundCaseId: round.id,
      receivingOfficeId: f.receivingOfficeId,
      receivingRoundCaseId: f.receivingRoundCaseId,
      candidate: forwardedCandidate(f, sendingOfficeName),
      at,
    });
    await tx.dispatch({
      actor: SYSTEM_ACTOR,
      caseId: f.caseId,
      type: 'FORWARD_TO_AREA',
      payload: { exchangeId: x.id, toArea: f.area, schools: f.schools },
      reason: `${reason}: ส่งคำขอไป ${f.area.name}`,
    });
  }
  for (const e of m.result.explanations) {
    const x = m.incoming.get(e.key);
    if (x)
      await markTransferExchangeRanked(tx, x.id, {
        placement: e.placement,
        explanation: { text: e.text, preferences: e.preferences },
        at,
      });
  }
}
const ownProposals = (m: { result: MatchResult; incoming: Map<string, TransferExchange> }) =>
  m.result.explanations.filter((e) => !m.incoming.has(e.key));

/**
 * The matching as it would run now (read only, nothing recorded): what the
 * round's page shows of the run in force. Its digest equals the run's when
 * nothing changed since the run, so the explanations shown are the run's.
 */
export async function previewRoundMatching(
  engine: Engine,
  ctx: Pick<RoundContext, 'vacancies' | 'params'>,
  roundCaseId: string,
  officeId?: string,
): Promise<MatchResult & { digest: string; forwards: Forward[]; incoming: Map<string, TransferExchange> }> {
  const m = await matchingOf(engine, roundCaseId, ctx, officeId);
  return { ...m.result, digest: proposalDigest(m.result, m.forwards), forwards: m.forwards, incoming: m.incoming };
}

/** The round as the matching service sees it, after checking the officer. */
async function roundForMatching(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  action: string,
  states: readonly string[] = ['matching'],
) {
  const view = await engine.getCase(actor, roundCaseId);
  if (view.case.workflowId !== 'transfer-round') throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  if (actingRolesFor(actor, view.case, ['hr_officer']).length === 0) throw new EsaError('FORBIDDEN', { action, caseId: roundCaseId });
  if (!states.includes(view.case.state)) throw new EsaError('EVENT_NOT_ALLOWED', { type: action, state: view.case.state });
  return view.case;
}

const proposalEvent = (e: MatchResult['explanations'][number]) => {
  const preferences = e.preferences.map((p) => ({ ...p, ahead: [...p.ahead] }));
  return {
    type: e.placement ? 'PROPOSE_PLACEMENT' : 'PROPOSE_NO_PLACEMENT',
    payload: e.placement
      ? { placement: e.placement, explanation: e.text, preferences }
      : { explanation: e.text, preferences, swapProblem: e.swapProblem },
  };
};

/**
 * Ranks and matches every verified request of a round (those waiting at
 * `awaitingMatch`). The actor must be an HR officer of the round's office
 * and the round at its matching phase; the events are the system's (a
 * person cannot send a matching result: `SYSTEM_ONLY_EVENT`), their reason
 * names the officer.
 *
 * A version-3 round keeps the run (`RECORD_MATCHING`: summary, digest, the
 * requests and whether each was placed) and stays at `matching`: the
 * matching can be run again, each run kept, the latest in force, until it is
 * published (`publishRoundMatching`). A round of version 1–2 proposes the
 * result to every request and records it on the round at once, in one
 * transaction, as it always did.
 */
export async function proposeRoundMatching(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
): Promise<MatchResult & { digest: string; runNo: number | null; published: boolean; fromOtherAreas: string[] }> {
  const head = await engine.getCase(actor, roundCaseId);
  // requests the screening committee sent back, in any round: their placements come from a rematch too, never by hand
  const rematch = head.case.state === 'screening' || head.case.state === 'approval';
  const round = await roundForMatching(engine, actor, roundCaseId, 'RECORD_MATCHING', rematch ? ['screening', 'approval'] : ['matching']);
  const ctx = (round.snapshot as { context: RoundContext }).context;
  // shown in the timeline: Thai, no ids (the officer who asked is the run's `requestedBy`)
  const reason = rematch
    ? `ประมวลผลจับคู่ใหม่สำหรับคำขอที่คณะกรรมการกลั่นกรองส่งกลับ รอบ ${roundLabel(ctx.params)}`
    : `ประมวลผลจัดลำดับและจับคู่ตำแหน่งว่าง รอบ ${roundLabel(ctx.params)}`;
  const outcome = await engine.transaction(async (tx) => {
    const m = await matchingOf(tx, roundCaseId, ctx, round.officeId);
    const result = m.result;
    const proposals = () => ownProposals(m).map((e) => ({ caseId: e.key, placed: e.placement !== null }));
    if (rematch) {
      // screening has begun: the requests the committee sent back (and those forwarded from other offices since) are matched to the seats left and proposed at once
      if (result.explanations.length === 0 && m.forwards.length === 0)
        throw new EsaError('EVENT_NOT_ALLOWED', { type: 'RECORD_MATCHING', state: round.state, reason: 'no request waits for matching' });
      const digest = proposalDigest(result, m.forwards);
      // a round of version 4 keeps the rematch as a run; older rounds have no place for it (the proposals' reasons name it)
      if (round.workflowVersion >= MATCHING_RUNS_VERSION) {
        await tx.dispatch({
          actor: SYSTEM_ACTOR,
          caseId: roundCaseId,
          type: 'RECORD_MATCHING',
          payload: { summary: result.summary, digest, tieBreak: ctx.params.tieBreak, requestedBy: actor.id, proposals: proposals() },
          reason,
        });
      }
      for (const e of ownProposals(m)) await tx.dispatch({ actor: SYSTEM_ACTOR, caseId: e.key, ...proposalEvent(e), reason });
      await sendAcrossOffices(engine, tx, round, m, reason);
      return { ...result, digest, kept: round.workflowVersion >= MATCHING_RUNS_VERSION, fromOtherAreas: [...m.incoming.keys()] };
    }
    if (round.workflowVersion >= MATCHING_RUNS_VERSION) {
      const digest = proposalDigest(result, m.forwards);
      await tx.dispatch({
        actor: SYSTEM_ACTOR,
        caseId: roundCaseId,
        type: 'RECORD_MATCHING',
        payload: {
          summary: result.summary,
          digest,
          tieBreak: ctx.params.tieBreak,
          requestedBy: actor.id,
          proposals: proposals(),
        },
        reason,
      });
      return { ...result, digest, kept: true, fromOtherAreas: [...m.incoming.keys()] };
    }
    const digest = placementDigest(result);
    for (const e of ownProposals(m)) await tx.dispatch({ actor: SYSTEM_ACTOR, caseId: e.key, ...proposalEvent(e), reason });
    await sendAcrossOffices(engine, tx, round, m, reason);
    await tx.dispatch({
      actor: SYSTEM_ACTOR,
      caseId: roundCaseId,
      type: 'RECORD_MATCHING',
      payload: { summary: result.summary, digest, tieBreak: ctx.params.tieBreak },
      reason,
    });
    return { ...result, digest, kept: false, fromOtherAreas: [...m.incoming.keys()] };
  });
  const { kept, ...run } = outcome;
  if (!kept) return { ...run, runNo: null, published: true };
  // the run's number, as the round recorded it
  const after = await engine.getCase(actor, roundCaseId);
  const runs = (after.case.snapshot as { context: RoundContextV3 }).context.runs;
  return {
    ...run,
    runNo: runs.findLast((r) => r.digest === run.digest && r.requestedBy === actor.id)?.runNo ?? runs.length,
    published: rematch,
  };
}

/**
 * Publishes the run in force of a version-3 round to the committees: in one
 * transaction, the round moves to screening (`PUBLISH_MATCHING`, naming the
 * run's digest, which locks the round first: a second publish waits, then
 * finds the round past matching), the matching is computed again from the
 * requests as they are now, and it must give the same digest (else
 * `MATCHING_STALE`: a request or vacancy changed since the run — run it
 * again); then each request gets its proposal (`PROPOSE_PLACEMENT` /
 * `PROPOSE_NO_PLACEMENT`, with its explanation). `digest`, when given, must
 * be the run in force (the one the officer read).
 */
export async function publishRoundMatching(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
  args: { digest?: string } = {},
): Promise<MatchResult & { digest: string; runNo: number; forwarded: number; fromOtherAreas: string[] }> {
  const round = await roundForMatching(engine, actor, roundCaseId, 'PUBLISH_MATCHING');
  if (round.workflowVersion < MATCHING_RUNS_VERSION)
    throw new EsaError('EVENT_NOT_ALLOWED', { type: 'PUBLISH_MATCHING', state: round.state, workflowVersion: round.workflowVersion });
  const ctx = (round.snapshot as { context: RoundContextV3 }).context;
  if (ctx.matching === null) throw new EsaError('MATCHING_NOT_RUN', { caseId: roundCaseId });
  const digest = args.digest ?? ctx.matching.digest;
  const reason = `เสนอผลการจับคู่ รอบ ${roundLabel(ctx.params)} (ประมวลผลครั้งที่ ${ctx.matching.runNo}) ต่อคณะกรรมการ`;
  return engine.transaction(async (tx) => {
    await tx.dispatch({
      actor: SYSTEM_ACTOR,
      caseId: roundCaseId,
      type: 'PUBLISH_MATCHING',
      payload: { digest, requestedBy: actor.id },
      reason,
    });
    const m = await matchingOf(tx, roundCaseId, ctx, round.officeId);
    const now = proposalDigest(m.result, m.forwards);
    if (now !== digest) throw new EsaError('MATCHING_STALE', { caseId: roundCaseId, inForce: digest, now });
    for (const e of ownProposals(m)) await tx.dispatch({ actor: SYSTEM_ACTOR, caseId: e.key, ...proposalEvent(e), reason });
    await sendAcrossOffices(engine, tx, round, m, reason);
    return { ...m.result, digest, runNo: ctx.matching!.runNo, forwarded: m.forwards.length, fromOtherAreas: [...m.incoming.keys()] };
  });
}
