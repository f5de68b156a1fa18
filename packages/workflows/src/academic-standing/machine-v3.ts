/**
 * The machine of `academic-standing@3`: the machine of versions 1–2
 * (machine.ts, unchanged for their cases) with the grievance window counted
 * from the day the teacher was notified of the decision (ม.121/122
 * "นับแต่วันที่ได้รับแจ้ง"), not from the decision:
 *
 * - `notPassed` / `notEligible` wait for `RESULT_NOTIFIED` (HR records the
 *   day the teacher received the notice, `occurredAt`; or the teacher
 *   acknowledges it in the app, now), which sets `grievanceDueAt` from that
 *   moment by the case's policy and opens `notPassedNotified` /
 *   `notEligibleNotified`, the windows;
 * - there the teacher files (`FILE_GRIEVANCE`), or HR records a grievance
 *   received on paper with its received date (`RECORD_PAPER_GRIEVANCE`,
 *   `occurredAt`; the decision's 90 days count from it); the system closes
 *   the window one second after `grievanceDueAt`.
 *
 * Whether a grievance is in time is the engine's date guard (the window's
 * clock; for a paper one, its received date). Pure: time from the event.
 */
import { assign, createMachine } from 'xstate';
import type { AcademicContext } from './events';
import { academicStandingMachine } from './machine';
import { windowDueAt } from './timing';

interface Ev {
  type: string;
  at: string;
  actor: { id: string };
  payload: { occurredAt?: string; how?: string; grounds?: string; ref?: string };
}
type Ctx = AcademicContext & { notifiedAt?: string | null };

const base = academicStandingMachine;
const states = base.config.states!;
const windowOn = (closedTo: string) => ({
  FILE_GRIEVANCE: { target: 'grievance', actions: 'fileGrievance' },
  RECORD_PAPER_GRIEVANCE: { target: 'grievance', actions: 'recordPaperGrievance' },
  GRIEVANCE_WINDOW_CLOSED: { guard: 'grievanceWindowPassed', target: closedTo },
});

export const academicStandingMachineV3 = createMachine(
  {
    ...base.config,
    states: {
      ...states,
      notPassed: { on: { RESULT_NOTIFIED: { target: 'notPassedNotified', actions: 'recordNotified' } } },
      notEligible: { on: { RESULT_NOTIFIED: { target: 'notEligibleNotified', actions: 'recordNotified' } } },
      notPassedNotified: { on: windowOn('closedNotPassed') },
      notEligibleNotified: { on: windowOn('closedNotEligible') },
    },
  } as typeof base.config,
  {
    guards: base.implementations.guards,
    actions: {
      ...base.implementations.actions,
      recordNotified: assign(({ context, event }: { context: Ctx; event: Ev }) => {
        const at = event.payload.occurredAt ?? event.at;
        return { notifiedAt: at, grievanceDueAt: windowDueAt(context.policy.grievanceWindow, at) };
      }),
      recordPaperGrievance: assign(({ context, event }: { context: Ctx; event: Ev }) => ({
        grievances: [
          ...context.grievances,
          {
            filedAt: event.payload.occurredAt ?? event.at,
            grounds: event.payload.grounds ?? '',
            resolution: null,
            decidedAt: null,
            onPaper: {
              receivedAt: event.payload.occurredAt ?? event.at,
              recordedAt: event.at,
              recordedBy: event.actor.id,
              ref: event.payload.ref ?? null,
            },
          },
        ],
      })),
    },
  } as never,
) as unknown as typeof academicStandingMachine;
