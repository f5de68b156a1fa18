import type { Engine } from '@esa-flow/engine';
import { planRetrofitTimers } from './retrofit';
import { settleTransferRounds } from './transfer/index';

/**
 * The procedures' own periodic work, run by the worker with every promotion
 * pass. No deadline is kept here: every dated closing event (a revision or
 * grievance window, an uncorrected transfer request, a round's phase) is a
 * timed system event of its step, a timer row fired by the worker's timer
 * path — for the versions published before steps declared them too
 * (retrofit.ts: their cases already waiting get their rows once, on the
 * first pass of the process). What remains is not a deadline: a transfer
 * round's phase closes early once all its requests have moved on.
 */
export async function runWorkflowMaintenance(engine: Engine): Promise<{ retrofitTimers: number; settledRounds: number }> {
  const retrofitTimers = await planRetrofitTimers(engine);
  const settled = await settleTransferRounds(engine);
  return { retrofitTimers, settledRounds: settled.length };
}
