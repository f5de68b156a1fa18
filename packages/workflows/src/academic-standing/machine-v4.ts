/**
 * The machine of `academic-standing@4` (issue 21): the machine of version 3
 * (machine-v3.ts, unchanged for its cases) plus, at `eligibilityCheck`,
 * `RECORD_DPA_FILING`: the HR officer records that the request was filed in
 * OTEPC's DPA system — its DPA request number and the moment it was filed
 * there (`occurredAt`). The request's filing moment becomes DPA's (`filedAt`:
 * the effective date of an appointment counts from it) and the eligibility
 * check is run again as of that day (dpa-filing.ts: the evidence stays in
 * DPA). Once per case; the step does not change: the office's checking and
 * everything after run as for any request.
 *
 * Pure like the base machine: time comes from the payload and `event.at`.
 */
import { assign, createMachine } from 'xstate';
import type { AcademicContext } from './events';
import { academicStandingMachine } from './machine';
import { academicStandingMachineV3 } from './machine-v3';
import { dpaFilingEligibility, type DpaFiling, type DpaFilingPayload } from './dpa-filing';

interface Ev {
  type: string;
  at: string;
  actor: { id: string };
  payload: DpaFilingPayload;
}
type Ctx = AcademicContext & { dpaFiling?: DpaFiling | null };

const base = academicStandingMachineV3;
const states = base.config.states!;

export const academicStandingMachineV4 = createMachine(
  {
    ...base.config,
    states: {
      ...states,
      eligibilityCheck: {
        ...states.eligibilityCheck,
        on: {
          ...states.eligibilityCheck!.on,
          RECORD_DPA_FILING: { guard: 'mayRecordDpaFiling', actions: 'recordDpaFiling' },
        },
      },
    },
  } as typeof base.config,
  {
    guards: {
      ...base.implementations.guards,
      // once per case; the moment (not in the future, not before the policy) is the engine's check of `occurredAt`, which names the rule
      mayRecordDpaFiling: ({ context, event }: { context: Ctx; event: Ev }) => event.type === 'RECORD_DPA_FILING' && !context.dpaFiling,
    },
    actions: {
      ...base.implementations.actions,
      recordDpaFiling: assign(({ context, event }: { context: Ctx; event: Ev }) => ({
        filedAt: event.payload.occurredAt,
        eligibility: dpaFilingEligibility(context.application, context.policy, event.payload.occurredAt),
        dpaFiling: {
          system: 'DPA' as const,
          ref: event.payload.dpaRef,
          filedAt: event.payload.occurredAt,
          recordedBy: event.actor.id,
          recordedAt: event.at,
        },
      })),
    },
  } as never,
) as unknown as typeof academicStandingMachine;
