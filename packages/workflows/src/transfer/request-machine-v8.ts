/**
 * The transfer request machine of `transfer-request@8` (school
 * administrators' rounds, seed-003 §2.2): its base's machine (the latest
 * version before it, given by request-workflow.ts) with one rule changed —
 * who signs the order. The base asks the ม.53 authority for the teacher's
 * standing (the school director for ครู / ครูผู้ช่วย without one); here a
 * school administrator's order is the area director's whatever the standing
 * (Act ม.53(3), `requiredSigner` with the position). Everything else — who
 * may file in which round, the posts matched, the scores — is data the base
 * machine already reads (the eligibility check, the round's table).
 *
 * Pure like the base machine: time comes from `event.at`.
 */
import { assign, createMachine, type AnyStateMachine } from 'xstate';
import { phaseInstant } from './round-params';
import { requiredSigner, type RequestContext } from './request-rules';

interface SignEvent {
  type: string;
  at: string;
  actor: { id: string; roles: readonly string[] };
  payload: { orderNo: string; signedOn: string; effectiveOn: string; reportBy: { date: string; time: string } };
}

/** `base` with the order's signer judged by the applicant's position and standing. */
export function withSignerByPosition<M extends AnyStateMachine>(base: M): M {
  const implementations = base.implementations as { guards: Record<string, unknown>; actions: Record<string, unknown> };
  return createMachine(base.config, {
    ...base.implementations,
    guards: {
      ...implementations.guards,
      // a request moved through an exchange (version 7 on) is signed in the receiving office, never here
      rightSigner: ({ context, event }: { context: RequestContext & { exchange?: unknown }; event: SignEvent }) =>
        !context.exchange &&
        context.submission !== null &&
        event.type === 'SIGN_ORDER' &&
        event.actor.roles.includes(requiredSigner(context.submission.facts)) &&
        phaseInstant(event.payload.reportBy).getTime() > new Date(event.at).getTime(),
    },
    actions: {
      ...implementations.actions,
      recordOrder: assign(({ context, event }: { context: RequestContext; event: SignEvent }) => {
        if (event.type !== 'SIGN_ORDER' || !context.submission) return {};
        const p = event.payload;
        return {
          order: {
            orderNo: p.orderNo,
            signedOn: p.signedOn,
            effectiveOn: p.effectiveOn,
            signedBy: event.actor.id,
            signerRole: requiredSigner(context.submission.facts),
            reportByAt: phaseInstant(p.reportBy).toISOString(),
          },
        };
      }),
    },
  } as never) as unknown as M;
}
