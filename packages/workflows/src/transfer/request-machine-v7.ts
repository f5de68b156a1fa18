/**
 * The transfer request machine of `transfer-request@7` (issue 21, Act ม.59:
 * moves to another area): the machine of version 6 (request-machine-v6.ts,
 * unchanged) with
 *
 * - one area per request: the schools a request names are all of this area
 *   or all of one other area (`preferences_across_areas`), since a request to
 *   another area goes to that area as a whole;
 * - the exchange with another office on esa-flow: at `awaitingMatch` the
 *   sending round's publication forwards the request (`FORWARD_TO_AREA`, the
 *   system's) instead of placing it — the seat is the other office's, whose
 *   round ranks it with its own applicants; the request waits at
 *   `forwardedToArea` until that office's อ.ก.ค.ศ. decides and the system
 *   returns the decision (`RECEIVING_AREA_DECIDED`): approved with a
 *   placement, it goes to this office's committees (screening, then the
 *   อ.ก.ค.ศ. เขต, whose approval sends it to the order: both areas have
 *   approved); approved without a placement or rejected, it ends as not
 *   moved. Recording the receiving area's resolution by hand on a forwarded
 *   request is refused (`RECEIVING_AREA_BY_EXCHANGE`);
 * - the order of a move through an exchange is signed in the receiving
 *   office, by the ม.53 authority over the post being filled, and recorded
 *   here by the system (`RECORD_RECEIVING_ORDER`); `SIGN_ORDER` from this
 *   office is refused for it;
 * - to an area not on esa-flow the exchange is a document: at
 *   `receivingAreaApproval` the HR officer records the list sent by letter
 *   (`RECORD_FORWARDED_LIST`: the day and the letter's number) before the
 *   returned resolution (`RECEIVING_AREA_APPROVED` / `_REJECTED`, with its
 *   reference and date, not before the letter).
 *
 * Pure like the base machine: time comes from `event.at` and the payloads.
 */
import { assign, createMachine } from 'xstate';
import { checkEligibility } from './eligibility';
import type { ExternalFilingPayload, RequestSubmission } from './request-data';
import { transferRequestMachineV4 } from './request-machine-v4';
import { externalFilingVerdict, transferRequestMachineV6 } from './request-machine-v6';
import { requiredSigner, type RequestContext } from './request-rules';
import { phaseInstant } from './round-params';

type Ctx = RequestContext;
interface Ev {
  type: string;
  at: string;
  actor: { id: string; roles: readonly string[] };
  payload: Record<string, unknown>;
}
type GuardFn = (args: { context: Ctx; event: Ev }, params?: unknown) => boolean;

/** The filing names schools of one area only (this area's or one other area's). */
export function oneAreaVerdict(ctx: Pick<Ctx, 'params' | 'vacancies' | 'currentSchool' | 'applicant' | 'firstFiledAt'>, event: Ev) {
  if (event.type === 'RECORD_EXTERNAL_FILING') {
    const p = event.payload as unknown as ExternalFilingPayload;
    const base = externalFilingVerdict(ctx, p);
    const areas = checkEligibility(
      { ...p, evidence: [] },
      {
        params: ctx.params,
        vacancies: ctx.vacancies,
        currentSchoolId: ctx.currentSchool.id,
        applicantPersonId: ctx.applicant.personId,
        at: p.occurredAt,
        oneAreaPerRequest: true,
      },
    );
    const extra = areas.reasons.filter((r) => r.code === 'preferences_across_areas');
    return { ...base, reasons: [...base.reasons, ...extra], eligible: base.eligible && extra.length === 0 };
  }
  return checkEligibility(event.payload as unknown as RequestSubmission, {
    params: ctx.params,
    vacancies: ctx.vacancies,
    currentSchoolId: ctx.currentSchool.id,
    applicantPersonId: ctx.applicant.personId,
    at: event.type === 'SUBMIT' ? event.at : (ctx.firstFiledAt ?? event.at),
    oneAreaPerRequest: true,
  });
}

const oneArea = (ctx: Ctx, event: Ev) => !oneAreaVerdict(ctx, event).reasons.some((r) => r.code === 'preferences_across_areas');
const exchanged = (ctx: Ctx) => ctx.exchange !== null && ctx.exchange !== undefined;

const base = transferRequestMachineV6;
const states = base.config.states!;
const baseGuards = base.implementations.guards as unknown as Record<string, GuardFn>;
const also =
  (name: string, extra: GuardFn): GuardFn =>
  (args, params) =>
    baseGuards[name]!(args, params) && extra(args, params);
const on = (state: string) => states[state]!.on as Record<string, unknown>;
// a target, so the engine counts the event as handled here and asks why it was refused (the guard never passes)
const never = { guard: 'byExchangeOnly', target: 'forwardedToArea' };

export const transferRequestMachineV7 = createMachine(
  {
    ...base.config,
    states: {
      ...states,
      awaitingMatch: {
        ...states.awaitingMatch,
        on: { ...on('awaitingMatch'), FORWARD_TO_AREA: { target: 'forwardedToArea', actions: 'recordForwarding' } },
      },
      forwardedToArea: {
        on: {
          RECEIVING_AREA_DECIDED: [
            { guard: 'returnedWithPlacement', target: 'screening', actions: 'recordReturned' },
            { target: 'notMoved', actions: 'recordReturned' },
          ],
          // the receiving office decides through the exchange; these are offered to no one here and refused with the reason
          RECEIVING_AREA_APPROVED: never,
          RECEIVING_AREA_REJECTED: never,
        },
      },
      areaApproval: {
        ...states.areaApproval,
        on: {
          ...on('areaApproval'),
          AREA_APPROVE: [
            { guard: 'approvedByReceivingArea', target: 'orderSigning', actions: 'recordApproval' },
            ...(on('areaApproval').AREA_APPROVE as unknown[]),
          ],
        },
      },
      receivingAreaApproval: {
        on: {
          RECORD_FORWARDED_LIST: { actions: 'recordForwardedList' },
          RECEIVING_AREA_APPROVED: { guard: 'afterForwardedList', target: 'orderSigning', actions: 'recordReceivingArea' },
          RECEIVING_AREA_REJECTED: { guard: 'afterForwardedList', target: 'notMoved', actions: 'recordReceivingArea' },
        },
      },
      orderSigning: {
        on: {
          ...on('orderSigning'),
          RECORD_RECEIVING_ORDER: { guard: 'signedInReceivingArea', target: 'reportingForDuty', actions: 'recordReceivingOrder' },
        },
      },
    },
  } as typeof base.config,
  {
    guards: {
      ...base.implementations.guards,
      eligibleInWindow: also('eligibleInWindow', ({ context, event }) => oneArea(context, event)),
      fixedInTime: also('fixedInTime', ({ context, event }) => oneArea(context, event)),
      eligibleAsFiledInTrs: also('eligibleAsFiledInTrs', ({ context, event }) => oneArea(context, event)),
      // an order from this office for a move the receiving office orders: refused
      rightSigner: also('rightSigner', ({ context }) => !exchanged(context)),
      byExchangeOnly: () => false,
      returnedWithPlacement: ({ event }: { event: Ev }) => event.payload.decision === 'approved' && event.payload.seat !== null,
      approvedByReceivingArea: ({ context }: { context: Ctx }) =>
        exchanged(context) && context.receivingArea?.decision === 'approved' && context.proposal?.placement != null,
      afterForwardedList: ({ context, event }: { context: Ctx; event: Ev }) =>
        !exchanged(context) && context.forwardedList != null && String(event.payload.decidedOn) >= context.forwardedList.sentOn,
      signedInReceivingArea: ({ context, event }: { context: Ctx; event: Ev }) => {
        if (!exchanged(context) || context.submission === null) return false;
        const p = event.payload as { signedIn: { signerRole: string }; reportBy: { date: string; time: string } };
        return (
          p.signedIn.signerRole === requiredSigner(context.submission.facts.academicStanding) &&
          phaseInstant({ date: p.reportBy.date, time: p.reportBy.time }).getTime() > new Date(event.at).getTime()
        );
      },
    },
    actions: {
      ...base.implementations.actions,
      recordForwarding: assign(({ event }: { event: Ev }) => {
        const p = event.payload as { exchangeId: string; toArea: { code: string; name: string } };
        return {
          exchange: {
            id: p.exchangeId,
            area: { code: p.toArea.code, name: p.toArea.name },
            forwardedAt: event.at,
            returnedAt: null,
            decision: null,
            placed: null,
          },
        };
      }),
      recordReturned: assign(({ context, event }: { context: Ctx; event: Ev }) => {
        const p = event.payload as {
          decision: 'approved' | 'rejected';
          receivingArea: { code: string; name: string };
          resolutionRef: string;
          decidedOn: string;
          seat: NonNullable<Ctx['proposal']>['placement'];
          explanation: { th: string; en: string };
        };
        const placed = p.decision === 'approved' && p.seat !== null;
        return {
          exchange: context.exchange ? { ...context.exchange, returnedAt: event.at, decision: p.decision, placed } : null,
          receivingArea: { decision: p.decision, area: p.receivingArea.name, resolutionRef: p.resolutionRef, decidedOn: p.decidedOn },
          proposal: { placement: placed ? p.seat : null, explanation: p.explanation, preferences: [], by: event.actor.id, at: event.at },
          ...(placed
            ? {}
            : {
                notMoved: {
                  since: event.at,
                  why: p.decision === 'rejected' ? ('receiving_area_rejected' as const) : ('not_placed_by_receiving_area' as const),
                },
              }),
        };
      }),
      recordForwardedList: assign(({ event }: { event: Ev }) => {
        const p = event.payload as { area: string; sentOn: string; letterRef: string };
        return {
          forwardedList: { area: p.area, sentOn: p.sentOn, letterRef: p.letterRef, recordedBy: event.actor.id, recordedAt: event.at },
        };
      }),
      recordReceivingOrder: assign(({ context, event }: { context: Ctx; event: Ev }) => {
        const p = event.payload as {
          orderNo: string;
          signedOn: string;
          effectiveOn: string;
          reportBy: { date: string; time: string };
          signedIn: { officeName: string; signerName: string; signerRole: string; signerUserId: string };
        };
        return {
          order: {
            orderNo: p.orderNo,
            signedOn: p.signedOn,
            effectiveOn: p.effectiveOn,
            signedBy: p.signedIn.signerUserId,
            signerRole: context.submission ? requiredSigner(context.submission.facts.academicStanding) : p.signedIn.signerRole,
            reportByAt: phaseInstant({ date: p.reportBy.date, time: p.reportBy.time }).toISOString(),
            signedIn: { officeName: p.signedIn.officeName, signerName: p.signedIn.signerName },
          },
        };
      }),
    },
  } as never,
) as unknown as typeof transferRequestMachineV4;
