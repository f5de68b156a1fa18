import { randomUUID } from 'node:crypto';
import type { Engine } from '@esa-flow/engine';
import { planRetrofitTimers } from './retrofit';
import { openScheduledRounds } from './salary/roster-from-records';
import { settleTransferRounds } from './transfer/index';

/** names this process in the claims of the salary rounds it opens */
const PROCESS_ID = `worker-${randomUUID().slice(0, 8)}`;

/**
 * The procedures' own periodic work, run by the worker with every promotion
 * pass. No deadline is kept here: every dated closing event (a revision or
 * grievance window, an uncorrected transfer request, a round's phase) is a
 * timed system event of its step, a timer row fired by the worker's timer
 * path — for the versions published before steps declared them too
 * (retrofit.ts: their cases already waiting get their rows once, on the
 * first pass of the process). What remains is not a deadline: a transfer
 * round's phase closes early once all its requests have moved on; and the
 * salary rounds opened from the person records on 1 April / 1 October
 * (salary/roster-from-records.ts).
 */
export async function runWorkflowMaintenance(
  engine: Engine,
): Promise<{ retrofitTimers: number; settledRounds: number; salaryRoundsOpened: number }> {
  const retrofitTimers = await planRetrofitTimers(engine);
  const settled = await settleTransferRounds(engine);
  const rounds = await openScheduledRounds(engine, { workerId: PROCESS_ID });
  return { retrofitTimers, settledRounds: settled.length, salaryRoundsOpened: rounds.filter((r) => r.outcome === 'opened').length };
}
