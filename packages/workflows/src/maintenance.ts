import type { Engine } from '@esa-flow/engine';
import { dispatchDueLapses } from './academic-standing/index';
import { sendDueTransferEvents } from './transfer/index';

/**
 * The procedures' own periodic work, run by the worker with every promotion
 * pass: windows that end a case on their own when they pass (an unrevised
 * academic work, an uncorrected transfer request, a grievance window, a round's
 * phase). The engine's timers tell people; these send the closing event as
 * the system, through the ordinary dispatch.
 */
export async function runWorkflowMaintenance(engine: Engine): Promise<{ lapses: number; transferEvents: number }> {
  const lapses = await dispatchDueLapses(engine);
  const transferEvents = await sendDueTransferEvents(engine);
  return { lapses: lapses.length, transferEvents: transferEvents.length };
}
