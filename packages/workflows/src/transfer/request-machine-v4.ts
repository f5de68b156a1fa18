/**
 * The transfer request machine of `transfer-request@4`: the machine of
 * versions 1–3 (request-machine.ts, unchanged: their cases go on with it)
 * plus what happens to a request the school never finished reviewing by
 * `schoolReviewUntil` (a round parameter, `notCertified`):
 *
 * - at `schoolReview` (never certified): `REVIEW_PERIOD_CLOSED`, sent by the
 *   system at the step's moment, either lapses the request — it ends as not
 *   moved (`notMoved.why = 'not_certified'`), from which the teacher may file
 *   a grievance in the round's window — or forwards it to the working group
 *   as not certified (`notCertified.outcome = 'forwarded'`);
 * - at `boardOpinion` (certified, the board's opinion never recorded):
 *   `BOARD_PERIOD_CLOSED`; the request goes on to scoring without the opinion, in both modes.
 *
 * The teacher is told in both cases (the event's `informs`, a notice).
 *
 * And the grievance window counts from the day the teacher was notified of
 * the result (ม.121/122 "นับแต่วันที่ได้รับแจ้ง"), not from the decision:
 * `notMoved` waits for `RESULT_NOTIFIED` (HR records the day the teacher
 * received the notice, `occurredAt`; or the teacher acknowledges it in the
 * app, now), which opens `grievanceWindow`, whose clock and closing event
 * are read from `notMoved.notifiedAt`. There the teacher files in the app,
 * or HR records a grievance received on paper with its received date
 * (`RECORD_PAPER_GRIEVANCE`, `occurredAt`), from which the decision's
 * 90 days count. Whether a grievance is in time is the engine's date guard
 * (the window's clock, holidays and extensions included; for a paper one,
 * its received date), not a guard here.
 *
 * Pure like the base machine: time comes from `event.at` and the payload.
 */
import { assign, createMachine } from 'xstate';
import { transferRequestMachine } from './request-machine';
import { grievanceWindowNominalEnd } from './request-rules';
import { phaseInstant } from './round-params';
import type { RequestContext } from './request-rules';

const ms = (iso: string) => new Date(iso).getTime();

/** The moment the school review of this request ends: the round's date, or a later fix-by moment of its own. */
export function schoolReviewEndsAt(ctx: Pick<RequestContext, 'params' | 'correction'>): Date {
  const round = phaseInstant(ctx.params.phases.schoolReviewUntil).getTime();
  return new Date(Math.max(round, ctx.correction ? ms(ctx.correction.dueAt) : round));
}

/** The round's parameter; rounds opened before it existed lapse (the default). */
export function notCertifiedMode(ctx: Pick<RequestContext, 'params'>): 'lapse' | 'forward' {
  return (ctx.params as { notCertified?: 'lapse' | 'forward' }).notCertified ?? 'lapse';
}

type Ctx = RequestContext;
interface Ev {
  type: string;
  at: string;
  actor: { id: string };
  payload: { occurredAt?: string; how?: string; ref?: string; grounds?: string };
}

/** The earliest end of the grievance window counted from the notification (the exact end is the step's clock, with the office calendar). */
function windowFromNoticeEnd(ctx: Ctx): number {
  const since = ctx.notMoved?.notifiedAt;
  return since ? grievanceWindowNominalEnd(since, ctx.params.grievanceWindowDays).getTime() : Number.POSITIVE_INFINITY;
}

const base = transferRequestMachine;
const states = base.config.states!;

/* The base machine's config and implementations, with two transitions and their guards and actions added. */
export const transferRequestMachineV4 = createMachine(
  {
    ...base.config,
    states: {
      ...states,
      schoolReview: {
        ...states.schoolReview,
        on: {
          ...states.schoolReview!.on,
          REVIEW_PERIOD_CLOSED: [
            { guard: 'reviewPeriodOverForward', target: 'scoring', actions: 'forwardNotCertified' },
            { guard: 'reviewPeriodOver', target: 'notMoved', actions: 'lapseNotCertified' },
          ],
        },
      },
      boardOpinion: {
        ...states.boardOpinion,
        on: {
          ...states.boardOpinion!.on,
          BOARD_PERIOD_CLOSED: { guard: 'reviewPeriodOver', target: 'scoring', actions: 'noBoardOpinion' },
        },
      },
      notMoved: { on: { RESULT_NOTIFIED: { target: 'grievanceWindow', actions: 'recordNotified' } } },
      grievanceWindow: {
        on: {
          FILE_GRIEVANCE: { target: 'grievance', actions: 'recordGrievance' },
          RECORD_PAPER_GRIEVANCE: { target: 'grievance', actions: 'recordPaperGrievance' },
          CLOSE_GRIEVANCE_WINDOW: { guard: 'windowFromNoticeOver', target: 'notTransferred' },
        },
      },
    },
  } as typeof base.config,
  {
    guards: {
      ...base.implementations.guards,
      reviewPeriodOver: ({ context, event }: { context: Ctx; event: Ev }) => ms(event.at) >= schoolReviewEndsAt(context).getTime(),
      windowFromNoticeOver: ({ context, event }: { context: Ctx; event: Ev }) => ms(event.at) >= windowFromNoticeEnd(context),
      reviewPeriodOverForward: ({ context, event }: { context: Ctx; event: Ev }) =>
        notCertifiedMode(context) === 'forward' && ms(event.at) >= schoolReviewEndsAt(context).getTime(),
    },
    actions: {
      ...base.implementations.actions,
      lapseNotCertified: assign(({ event }: { event: Ev }) => ({
        notCertified: { at: event.at, outcome: 'lapsed' as const },
        notMoved: { since: event.at, why: 'not_certified' as const },
      })),
      forwardNotCertified: assign(({ event }: { event: Ev }) => ({ notCertified: { at: event.at, outcome: 'forwarded' as const } })),
      recordNotified: assign(({ context, event }: { context: Ctx; event: Ev }) =>
        context.notMoved
          ? {
              notMoved: {
                ...context.notMoved,
                notifiedAt: event.payload.occurredAt ?? event.at,
                notifiedHow: event.payload.how ?? 'in_app',
                notifiedRecordedBy: event.actor.id,
              },
            }
          : {},
      ),
      recordPaperGrievance: assign(({ event }: { event: Ev }) => ({
        grievance: {
          filedAt: event.payload.occurredAt ?? event.at,
          grounds: event.payload.grounds ?? '',
          decision: null,
          ref: null,
          onPaper: {
            receivedAt: event.payload.occurredAt ?? event.at,
            recordedAt: event.at,
            recordedBy: event.actor.id,
            ref: event.payload.ref ?? null,
          },
        },
      })),
      noBoardOpinion: assign(({ event }: { event: Ev }) => ({ boardOpinionMissing: { at: event.at } })),
    },
  } as never,
) as unknown as typeof transferRequestMachine;
