import { randomUUID } from 'node:crypto';
import type { Engine } from '@esa-flow/engine';
import { dispatchDueLapses } from './academic-standing/index';
import { openScheduledRounds } from './salary/roster-from-records';
import { sendDueTransferEvents } from './transfer/index';

/** names this process in the claims of the salary rounds it opens */
const PROCESS_ID = `worker-${randomUUID().slice(0, 8)}`;

/**
 * The procedures' own periodic work, run by the worker with every promotion
 * pass: windows that end a case on their own when they pass (an unrevised
 * academic work, an uncorrected transfer request, a grievance window, a round's
 * phase), and the salary rounds opened from the person records on 1 April /
 * 1 October (salary/roster-from-records.ts). The engine's timers tell people; these send the closing event as
 * the system, through the ordinary dispatch.
 */
export async function runWorkflowMaintenance(engine: Engine): Promise<{ lapses: number; transferEvents: number; salaryRoundsOpened: number }> {
  const lapses = await dispatchDueLapses(engine);
  const transferEvents = await sendDueTransferEvents(engine);
  const rounds = await openScheduledRounds(engine, { workerId: PROCESS_ID });
  return { lapses: lapses.length, transferEvents: transferEvents.length, salaryRoundsOpened: rounds.filter((r) => r.outcome === 'opened').length };
}
