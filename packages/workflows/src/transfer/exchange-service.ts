/**
 * Moves to another area between two offices on this esa-flow (issue 21, Act
 * ม.59; docs/workflows/transfer.md "Moves to another area"): what the API
 * calls beyond the rounds' own matching (round-service.ts forwards the
 * requests and ranks those forwarded).
 *
 * - `offeredCrossAreaVacancies`: the vacancies other offices' rounds offer,
 *   for the sending office to post in its round as vacancies of another area
 *   (so its teachers may name them);
 * - `roundExchanges`: a round's exchanges as its office may read them — the
 *   requests forwarded to it (only what it needs to rank and order: the
 *   teacher's name, office, current school, major, standing, score, the
 *   schools named, the tie-break facts) and those it forwarded (the other
 *   office's decision);
 * - `decideExchange`: the receiving office records its อ.ก.ค.ศ.'s
 *   resolution on a ranked request; in the same transaction the system
 *   returns it to the sending request (`RECEIVING_AREA_DECIDED`);
 * - `signExchangeOrder`: the order of a move through an exchange, signed in
 *   the receiving office by the ม.53 authority over the post being filled,
 *   recorded on the sending request by the system (`RECORD_RECEIVING_ORDER`).
 *
 * Every read and write is scoped to the two offices of the exchange; a
 * repeat of a decision or an order already recorded answers as the first
 * (`replayed`), a different one is refused.
 */
import {
  actingRolesFor,
  activeCasesOfOtherOffices,
  EsaError,
  listTransferExchanges,
  localDateOfInstant,
  lockTransferExchange,
  markTransferExchangeReturned,
  officeNames,
  SYSTEM_ACTOR,
  userNamesTh,
  type Actor,
  type Engine,
  type TransferExchange,
} from '@esa-flow/engine';
import { z } from 'zod';
import type { Placement } from './match';
import { ReceivingOrderPayload, SignOrderPayload } from './request-events';
import { requiredSigner, type RequestContext } from './request-rules';
import { roundLabel } from './round-params';
import type { ForwardedCandidate } from './round-service';
import type { RoundContext } from './round-workflow';

const OFFERING_STATES = ['postingVacancies', 'requestsOpen'] as const;

const officeScope = (officeId: string) => ({ officeId, schoolId: null, subjectPersonId: null });
const holds = (actor: Actor, officeId: string) => actor.kind === 'user' && actor.grants.some((g) => g.officeId === officeId);

/** The round, read as `actor` may (else CASE_NOT_FOUND), with its context. */
async function roundOf(engine: Engine, actor: Actor, roundCaseId: string) {
  const view = await engine.getCase(actor, roundCaseId);
  if (view.case.workflowId !== 'transfer-round') throw new EsaError('CASE_NOT_FOUND', { caseId: roundCaseId });
  return { round: view.case, ctx: (view.case.snapshot as { context: RoundContext }).context };
}

export interface OfferedRound {
  roundCaseId: string;
  officeCode: string;
  officeName: string;
  roundLabel: string;
  vacancies: { schoolId: string; schoolName: string; subject: string; count: number }[];
}

/**
 * The vacancies of other offices' rounds still posting vacancies or taking
 * requests, for an HR officer of `roundCaseId`'s office to post in their
 * round as vacancies of another area (`area.code` = the office's code).
 */
export async function offeredCrossAreaVacancies(engine: Engine, actor: Actor, roundCaseId: string): Promise<OfferedRound[]> {
  const { round } = await roundOf(engine, actor, roundCaseId);
  if (actingRolesFor(actor, round, ['hr_officer']).length === 0)
    throw new EsaError('FORBIDDEN', { action: 'list cross-area vacancies', caseId: roundCaseId });
  const rounds = await activeCasesOfOtherOffices(engine, {
    workflowId: 'transfer-round',
    states: OFFERING_STATES,
    exceptOfficeId: round.officeId,
  });
  return rounds
    .map((r) => {
      const ctx = (r.snapshot as { context: RoundContext }).context;
      return {
        roundCaseId: r.caseId,
        officeCode: r.officeCode,
        officeName: r.officeNameTh,
        roundLabel: roundLabel(ctx.params),
        vacancies: ctx.vacancies
          .filter((v) => v.area === undefined)
          .map((v) => ({ schoolId: v.schoolId, schoolName: v.schoolName, subject: v.subject, count: v.count })),
      };
    })
    .filter((r) => r.vacancies.length > 0);
}

export interface IncomingExchange {
  exchangeId: string;
  fromOfficeName: string;
  teacherName: string;
  currentSchoolName: string;
  major: string;
  academicStanding: string;
  kind: 'normal' | 'special' | 'swap';
  score: number;
  /** the schools of this office the teacher named, in order */
  schools: { preference: number; schoolName: string }[];
  state: TransferExchange['state'];
  forwardedAt: string;
  /** this round's ranking of the request (a published run), or null before it */
  ranked: { placedAt: string | null; rank: number | null; applicants: number | null; text: { th: string; en: string } } | null;
  decision: TransferExchange['decision'];
  resolutionRef: string | null;
  decidedOn: string | null;
  /** the order: waiting for it in this office (`requestState` orderSigning), or signed */
  orderDue: boolean;
  requiredSigner: 'school_director' | 'area_director';
  may: { decide: boolean; signOrder: boolean };
}

export interface OutgoingExchange {
  exchangeId: string;
  requestCaseId: string;
  teacherName: string;
  toOfficeName: string;
  state: TransferExchange['state'];
  forwardedAt: string;
  decision: TransferExchange['decision'];
  resolutionRef: string | null;
  decidedOn: string | null;
  returnedAt: string | null;
  placedAt: string | null;
}

const placementOf = (x: TransferExchange) => x.placement as Extract<Placement, { kind: 'vacancy' }> | null;

/** Whether `actor` may sign the order of the move (the ม.53 authority over the post, in the receiving office). */
function maySignOrder(actor: Actor, x: TransferExchange): boolean {
  const c = x.candidate as ForwardedCandidate;
  const signer = requiredSigner(c.academicStanding ?? 'none');
  const school = placementOf(x)?.schoolId ?? null;
  return (
    actor.kind === 'user' &&
    actor.grants.some(
      (g) => g.role === signer && g.officeId === x.receivingOfficeId && (signer === 'area_director' || g.schoolId === school),
    )
  );
}

function incomingView(actor: Actor, x: TransferExchange, schoolName: (id: string) => string, hr: boolean): IncomingExchange {
  const c = x.candidate as ForwardedCandidate;
  const p = placementOf(x);
  const ranked = x.explanation as { text: { th: string; en: string } } | null;
  const orderDue = x.requestState === 'orderSigning' && x.requestStatus === 'active';
  return {
    exchangeId: x.id,
    fromOfficeName: x.sendingOfficeName,
    teacherName: c.name,
    currentSchoolName: c.currentSchoolName,
    major: c.major,
    academicStanding: c.academicStanding ?? 'none',
    kind: c.kind,
    score: c.score,
    schools: c.preferences.map((id, i) => ({ preference: i + 1, schoolName: schoolName(id) })),
    state: x.state,
    forwardedAt: x.forwardedAt,
    ranked: ranked
      ? { placedAt: p?.schoolName ?? null, rank: p?.rank ?? null, applicants: p?.applicants ?? null, text: ranked.text }
      : null,
    decision: x.decision,
    resolutionRef: x.resolutionRef,
    decidedOn: x.decidedOn,
    orderDue,
    requiredSigner: requiredSigner(c.academicStanding ?? 'none'),
    may: { decide: hr && x.state === 'ranked', signOrder: orderDue && maySignOrder(actor, x) },
  };
}

/**
 * The moves from other areas whose order `actor` signs now: in the offices
 * where they hold the ม.53 authority (the area director, or the director of
 * the school the teacher moves to), the forwarded requests both areas
 * approved, waiting for their order. A school director reads no round, so
 * this is their list.
 */
export async function ordersToSign(engine: Engine, actor: Actor): Promise<IncomingExchange[]> {
  if (actor.kind !== 'user') return [];
  const offices = [
    ...new Set(actor.grants.filter((g) => g.role === 'area_director' || g.role === 'school_director').map((g) => g.officeId)),
  ];
  const due = (
    await Promise.all(
      offices.map((officeId) => listTransferExchanges(engine, { receivingOfficeId: officeId, requestState: 'orderSigning' })),
    )
  ).flat();
  return due
    .filter((x) => maySignOrder(actor, x))
    .map((x) => {
      const p = placementOf(x);
      return incomingView(actor, x, (id) => (p && p.schoolId === id ? p.schoolName : ''), false);
    });
}

/** A round's exchanges as its office reads them: those forwarded to it (`incoming`) and those it forwarded (`outgoing`). */
export async function roundExchanges(
  engine: Engine,
  actor: Actor,
  roundCaseId: string,
): Promise<{ incoming: IncomingExchange[]; outgoing: OutgoingExchange[] }> {
  const { round, ctx } = await roundOf(engine, actor, roundCaseId);
  const hr = actingRolesFor(actor, round, ['hr_officer']).length > 0;
  const [incoming, outgoing] = await Promise.all([
    listTransferExchanges(engine, { receivingRoundCaseId: roundCaseId }),
    listTransferExchanges(engine, { sendingRoundCaseId: roundCaseId }),
  ]);
  const schoolName = (id: string) => ctx.vacancies.find((v) => v.schoolId === id)?.schoolName ?? '';
  return {
    incoming: incoming.map((x) => incomingView(actor, x, schoolName, hr)),
    outgoing: outgoing.map((x) => ({
      exchangeId: x.id,
      requestCaseId: x.requestCaseId,
      teacherName: (x.candidate as ForwardedCandidate).name,
      toOfficeName: x.receivingOfficeName,
      state: x.state,
      forwardedAt: x.forwardedAt,
      decision: x.decision,
      resolutionRef: x.resolutionRef,
      decidedOn: x.decidedOn,
      returnedAt: x.returnedAt,
      placedAt: x.decision === 'approved' ? (placementOf(x)?.schoolName ?? null) : null,
    })),
  };
}

/** The exchange of a request, as the sending office reads it on the request's page (the request readable by `actor`), or null. */
export async function requestExchange(engine: Engine, actor: Actor, requestCaseId: string): Promise<OutgoingExchange | null> {
  const view = await engine.getCase(actor, requestCaseId);
  if (view.case.workflowId !== 'transfer-request') throw new EsaError('CASE_NOT_FOUND', { caseId: requestCaseId });
  const [x] = await listTransferExchanges(engine, { requestCaseId });
  if (!x) return null;
  return {
    exchangeId: x.id,
    requestCaseId: x.requestCaseId,
    teacherName: (x.candidate as ForwardedCandidate).name,
    toOfficeName: x.receivingOfficeName,
    state: x.state,
    forwardedAt: x.forwardedAt,
    decision: x.decision,
    resolutionRef: x.resolutionRef,
    decidedOn: x.decidedOn,
    returnedAt: x.returnedAt,
    placedAt: x.decision === 'approved' ? (placementOf(x)?.schoolName ?? null) : null,
  };
}

export const ExchangeDecision = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    /** the resolution as the minutes name it, e.g. 'มติ อ.ก.ค.ศ. ครั้งที่ 3/2568' */
    resolutionRef: z.string().trim().min(1).max(500),
    decidedOn: z.iso.date(),
  })
  .strict();

/** The exchange as `actor` may act on it: of one of its two offices (else not found), HR of the receiving one (else forbidden). */
function assertReceivingHr(actor: Actor, x: TransferExchange | undefined, id: string, action: string): TransferExchange {
  if (!x || !(holds(actor, x.receivingOfficeId) || holds(actor, x.sendingOfficeId)))
    throw new EsaError('TRANSFER_EXCHANGE_NOT_FOUND', { exchangeId: id });
  if (actingRolesFor(actor, officeScope(x.receivingOfficeId), ['hr_officer']).length === 0)
    throw new EsaError('FORBIDDEN', { action, exchangeId: id });
  return x;
}

/**
 * The receiving office's อ.ก.ค.ศ. decided on a forwarded request its round
 * ranked: recorded by its HR officer and returned to the sending request by
 * the system, in one transaction. Approved with the ranking's placement, the
 * request goes to the sending office's committees; approved without one (not
 * placed here) or rejected, it ends as not moved there. The same decision
 * again is answered as the first (`replayed`); another is refused.
 */
export async function decideExchange(
  engine: Engine,
  actor: Actor,
  exchangeId: string,
  body: unknown,
): Promise<{ exchangeId: string; state: TransferExchange['state']; requestState: string; replayed: boolean }> {
  const parsed = ExchangeDecision.safeParse(body);
  if (!parsed.success)
    throw new EsaError('INVALID_PAYLOAD', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
    });
  const d = parsed.data;
  const today = localDateOfInstant(engine.clock.now());
  if (d.decidedOn > today)
    throw new EsaError('INVALID_PAYLOAD', {
      issues: [{ path: 'decidedOn', code: 'in_future', message: `the resolution's day is after today (${today})` }],
    });
  return engine.transaction(async (tx) => {
    const x = assertReceivingHr(actor, await lockTransferExchange(tx, exchangeId), exchangeId, 'decide a request from another area');
    if (x.state === 'returned' || x.state === 'decided') {
      if (x.decision === d.decision && x.resolutionRef === d.resolutionRef && x.decidedOn === d.decidedOn)
        return { exchangeId, state: x.state, requestState: x.requestState, replayed: true };
      throw new EsaError('TRANSFER_EXCHANGE_DECIDED', {
        exchangeId,
        decision: x.decision,
        resolutionRef: x.resolutionRef,
        decidedOn: x.decidedOn,
      });
    }
    if (x.state !== 'ranked') throw new EsaError('TRANSFER_EXCHANGE_NOT_RANKED', { exchangeId });
    const officeName = (await officeNames(tx, x.receivingOfficeId))?.nameTh ?? x.receivingOfficeName;
    const ranked = x.explanation as { text: { th: string; en: string } } | null;
    const placement = placementOf(x);
    const result = await tx.dispatch({
      actor: SYSTEM_ACTOR,
      caseId: x.requestCaseId,
      type: 'RECEIVING_AREA_DECIDED',
      payload: {
        exchangeId: x.id,
        receivingArea: { code: areaCodeOf(x), name: officeName },
        decision: d.decision,
        resolutionRef: d.resolutionRef,
        decidedOn: d.decidedOn,
        seat: placement ? { ...placement, crossArea: true } : null,
        explanation: ranked?.text ?? { th: 'ไม่ได้จัดลำดับ', en: 'not ranked' },
      },
      reason: `${officeName} บันทึกมติ อ.ก.ค.ศ. (${d.resolutionRef}) ส่งกลับเขตต้นทาง`,
    });
    await markTransferExchangeReturned(tx, x.id, { ...d, decidedBy: actor.id, at: engine.clock.now() });
    return { exchangeId, state: 'returned' as const, requestState: result.state, replayed: false };
  });
}

/** The receiving area's code as the sending round named it (kept on the candidate when forwarded). */
const areaCodeOf = (x: TransferExchange) => (x.candidate as ForwardedCandidate).areaCode ?? '';

/**
 * The order of a move through an exchange, signed in the receiving office:
 * by its area director for a teacher from ชำนาญการ up (ม.53(3)), by the
 * director of the receiving school otherwise (ม.53(4)); recorded on the
 * sending request by the system. The same order again is answered as the
 * first (`replayed`).
 */
export async function signExchangeOrder(
  engine: Engine,
  actor: Actor,
  exchangeId: string,
  body: unknown,
): Promise<{ exchangeId: string; requestState: string; replayed: boolean }> {
  const parsed = SignOrderPayload.safeParse(body);
  if (!parsed.success)
    throw new EsaError('INVALID_PAYLOAD', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
    });
  return engine.transaction(async (tx) => {
    const x = await lockTransferExchange(tx, exchangeId);
    if (!x || !(holds(actor, x.receivingOfficeId) || holds(actor, x.sendingOfficeId)))
      throw new EsaError('TRANSFER_EXCHANGE_NOT_FOUND', { exchangeId });
    const c = x.candidate as ForwardedCandidate;
    const signer = requiredSigner(c.academicStanding ?? 'none');
    if (!maySignOrder(actor, x)) throw new EsaError('ORDER_SIGNER_MISMATCH', { requiredRole: signer, signsIn: x.receivingOfficeName });
    const request = await engine.getCase(SYSTEM_ACTOR, x.requestCaseId);
    const order = (request.case.snapshot as { context: RequestContext }).context.order;
    if (order && order.orderNo === parsed.data.orderNo) return { exchangeId, requestState: request.case.state, replayed: true };
    if (request.case.state !== 'orderSigning')
      throw new EsaError('TRANSFER_EXCHANGE_NOT_AT_ORDER', { exchangeId, state: request.case.state });
    const names = await userNamesTh(tx, [actor.id]);
    const payload = ReceivingOrderPayload.parse({
      ...parsed.data,
      signedIn: { officeName: x.receivingOfficeName, signerName: names.get(actor.id) ?? '', signerRole: signer, signerUserId: actor.id },
    });
    const result = await tx.dispatch({
      actor: SYSTEM_ACTOR,
      caseId: x.requestCaseId,
      type: 'RECORD_RECEIVING_ORDER',
      payload,
      reason: `คำสั่ง ${x.receivingOfficeName} ที่ ${parsed.data.orderNo} ลงนามโดย${names.get(actor.id) ?? ''}`,
    });
    return { exchangeId, requestState: result.state, replayed: false };
  });
}
