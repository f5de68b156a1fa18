/**
 * The transfer request machine of `transfer-request@6` (issue 21): the
 * machine of versions 4–5 (request-machine-v4.ts, unchanged) plus, at
 * `draft`, `RECORD_EXTERNAL_FILING`: the HR officer records a request the
 * teacher filed in the national transfer system (TRS). It is judged as a
 * filing at the moment it was made there (`occurredAt`): inside the round's
 * request window, and eligible as a SUBMIT then would have been — except
 * the evidence, which stays in TRS. It goes on to the school's review like
 * any filed request; the TRS request number is kept (`externalFiling`), and
 * the filing moment is the request's `firstFiledAt` (the earlier-filing tie-break).
 *
 * Pure like the base machine: time comes from the payload and `event.at`.
 */
import { assign, createMachine } from 'xstate';
import { checkEligibility, type EligibilityVerdict } from './eligibility';
import type { AnyRequestSubmission, ExternalFilingPayload, ExternalFilingPayloadV8 } from './request-data';
import { transferRequestMachineV4 } from './request-machine-v4';
import type { RequestContext } from './request-rules';

type Ctx = RequestContext;
interface Ev {
  type: string;
  at: string;
  actor: { id: string };
  payload: ExternalFilingPayload;
}

/** What was filed in TRS, as the request keeps it (a submission without the TRS fields). */
export function submissionOfExternalFiling(p: ExternalFilingPayload | ExternalFilingPayloadV8): AnyRequestSubmission {
  const { occurredAt: _at, trsRef: _ref, ...submission } = p;
  return submission;
}

/** The verdict on a TRS filing as of the moment it was filed there; evidence is not asked for (it stays in TRS). */
export function externalFilingVerdict(
  ctx: Pick<Ctx, 'params' | 'vacancies' | 'currentSchool' | 'applicant'>,
  p: ExternalFilingPayload | ExternalFilingPayloadV8,
  opts: { alreadyFiled?: boolean } = {},
): EligibilityVerdict {
  const verdict = checkEligibility(submissionOfExternalFiling(p), {
    params: ctx.params,
    vacancies: ctx.vacancies,
    currentSchoolId: ctx.currentSchool.id,
    applicantPersonId: ctx.applicant.personId,
    at: p.occurredAt,
    ...(opts.alreadyFiled !== undefined ? { alreadyFiled: opts.alreadyFiled } : {}),
  });
  const reasons = verdict.reasons.filter((r) => r.code !== 'evidence_missing');
  return { ...verdict, reasons, eligible: reasons.length === 0 };
}

const base = transferRequestMachineV4;
const states = base.config.states!;

export const transferRequestMachineV6 = createMachine(
  {
    ...base.config,
    states: {
      ...states,
      draft: {
        ...states.draft,
        on: {
          ...states.draft!.on,
          RECORD_EXTERNAL_FILING: { guard: 'eligibleAsFiledInTrs', target: 'schoolReview', actions: 'recordExternalFiling' },
        },
      },
    },
  } as typeof base.config,
  {
    guards: {
      ...base.implementations.guards,
      eligibleAsFiledInTrs: ({ context, event }: { context: Ctx; event: Ev }) =>
        event.type === 'RECORD_EXTERNAL_FILING' &&
        new Date(event.payload.occurredAt).getTime() <= new Date(event.at).getTime() &&
        externalFilingVerdict(context, event.payload).eligible,
    },
    actions: {
      ...base.implementations.actions,
      recordExternalFiling: assign(({ context, event }: { context: Ctx; event: Ev }) => ({
        submission: submissionOfExternalFiling(event.payload),
        firstFiledAt: event.payload.occurredAt,
        eligibility: externalFilingVerdict(context, event.payload),
        externalFiling: {
          system: 'TRS' as const,
          ref: event.payload.trsRef,
          filedAt: event.payload.occurredAt,
          recordedBy: event.actor.id,
          recordedAt: event.at,
        },
      })),
    },
  } as never,
) as unknown as typeof transferRequestMachineV4;
