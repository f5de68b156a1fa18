/**
 * The machine of `salary-raise@4`: the machine of version 3
 * (salary-raise-v2.machine.ts, unchanged for its cases) with the grievance
 * window counted, per person, from the day THAT person was notified of the
 * order (ม.121/122/123 "นับแต่วันที่ได้รับแจ้ง"):
 *
 * - publishing the results (`RAISE_DECIDED`) notifies everyone in the app:
 *   the window counts from then (`grievanceWindowFrom` = the decision's
 *   moment), which is also where the round's own window
 *   (`publication.windowEndsAt`) counts from; the round closes the windows of
 *   those still there (`CLOSE_WINDOW` from the host), as before;
 * - a person notified later (on leave, a letter delivered later) has HR record
 *   the day they received the notice (`NOTICE_RECEIVED`, `occurredAt`): their
 *   own window opens from that day (`raiseWindow` / `notRaisedWindow`, a
 *   clock), and the system closes the step a day after its end (a timed
 *   system event: a letter received in time can still be recorded with its
 *   received date the next morning), whatever the round does;
 * - the person files (`FILE_GRIEVANCE`), or HR records a grievance received
 *   on paper with its received date (`RECORD_PAPER_GRIEVANCE`, judged in time
 *   by that date; the decision's 90 days count from it).
 *
 * Whether a grievance is in time is the engine's date guard (the workflow's
 * metadata). Pure: time from the event.
 */
import { assign, createMachine } from 'xstate';
import { salaryRaiseMachineV2, type SalaryRaiseContextV2 } from './salary-raise-v2.machine';

/** The grievance window's length when the round does not pass one: 30 days (ม.123, กฎ ก.ค.ศ. ว่าด้วยการร้องทุกข์). */
export const DEFAULT_GRIEVANCE_WINDOW_DAYS = 30;

export interface SalaryRaiseContextV3 extends SalaryRaiseContextV2 {
  /** the moment the person's grievance window counts from: the decision's, or the day HR recorded that they received the notice */
  grievanceWindowFrom: string | null;
  /** calendar days of the window: the round's grievanceWindowDays when the input carries it, else 30 */
  grievanceWindowDays: number;
  /** the day the person received the notice, when HR recorded one after the publication */
  noticeReceived: { at: string; recordedAt: string; recordedBy: string; how: string; ref: string | null } | null;
}

interface Ev {
  type: string;
  at: string;
  actor: { id: string };
  payload: { occurredAt?: string; how?: string; grounds?: string; ref?: string };
}
type Ctx = SalaryRaiseContextV3 & { grievance: (SalaryRaiseContextV2['grievance'] & { onPaper?: unknown }) | null };

const base = salaryRaiseMachineV2;
const states = base.config.states!;
const windowOn = (closedTo: string) => ({
  ACKNOWLEDGE_APPRAISAL: { actions: 'recordAcknowledgement' },
  FILE_GRIEVANCE: { target: 'grievance', actions: 'recordGrievance' },
  RECORD_PAPER_GRIEVANCE: { target: 'grievance', actions: 'recordPaperGrievance' },
  CLOSE_WINDOW: closedTo,
});

export const salaryRaiseMachineV3 = createMachine(
  {
    ...base.config,
    context: (args: Parameters<Extract<NonNullable<typeof base.config.context>, (...a: never[]) => unknown>>[0]) => {
      const initial = (base.config.context as (a: typeof args) => SalaryRaiseContextV2)(args);
      const days = (args.input.data as { grievanceWindowDays?: number }).grievanceWindowDays;
      return { ...initial, grievanceWindowFrom: null, grievanceWindowDays: days ?? DEFAULT_GRIEVANCE_WINDOW_DAYS, noticeReceived: null };
    },
    states: {
      ...states,
      appraisalNotified: {
        on: {
          ...states.appraisalNotified!.on,
          RAISE_DECIDED: [
            { guard: 'decidedRaised', target: 'raiseNotified', actions: ['recordDecision', 'openWindow'] },
            { target: 'notRaisedNotified', actions: ['recordDecision', 'openWindow'] },
          ],
        },
      },
      raiseNotified: { on: { ...windowOn('raised'), NOTICE_RECEIVED: { target: 'raiseWindow', actions: 'recordNoticeReceived' } } },
      notRaisedNotified: {
        on: { ...windowOn('notRaised'), NOTICE_RECEIVED: { target: 'notRaisedWindow', actions: 'recordNoticeReceived' } },
      },
      raiseWindow: { on: windowOn('raised') },
      notRaisedWindow: { on: windowOn('notRaised') },
    },
  } as typeof base.config,
  {
    guards: base.implementations.guards,
    actions: {
      ...base.implementations.actions,
      openWindow: assign(({ event }: { event: Ev }) => ({ grievanceWindowFrom: event.at })),
      recordNoticeReceived: assign(({ event }: { event: Ev }) => {
        const at = event.payload.occurredAt ?? event.at;
        return {
          grievanceWindowFrom: at,
          noticeReceived: {
            at,
            recordedAt: event.at,
            recordedBy: event.actor.id,
            how: event.payload.how ?? 'letter',
            ref: event.payload.ref ?? null,
          },
        };
      }),
      recordPaperGrievance: assign(({ event }: { event: Ev }) => ({
        grievance: {
          grounds: event.payload.grounds ?? '',
          filedAt: event.payload.occurredAt ?? event.at,
          outcome: null,
          meetingId: null,
          onPaper: {
            receivedAt: event.payload.occurredAt ?? event.at,
            recordedAt: event.at,
            recordedBy: event.actor.id,
            ref: event.payload.ref ?? null,
          },
        },
      })),
    },
  } as never,
) as unknown as typeof salaryRaiseMachineV2;

export type { Ctx as SalaryRaiseContextV3WithPaper };
