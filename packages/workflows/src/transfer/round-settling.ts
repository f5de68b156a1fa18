/**
 * A transfer round's phase closes early when every one of its requests has
 * moved past it (scoring, screening, approval) or is done (orders): nothing
 * is left to wait for. Not a deadline: the phases' dates are timed system
 * events of the round's steps (timer rows, for every version: version 1's
 * retrofitted, retrofit.ts), so nothing here reads a case's data. The host
 * runs it with the worker's maintenance pass, over the rounds (a handful per
 * office) waiting at those phases; `advanceCycleIfSettled` counts their
 * requests by step and sends the closing event as the system when none is
 * left behind. Safe to run at any time and from several processes.
 */
import { advanceCycleIfSettled, listCyclesWaitingAt, type Engine } from '@esa-flow/engine';

/** Request steps that count as "past" each round phase that closes when settled. */
const AFTER_SCORING = [
  'awaitingMatch',
  'screening',
  'areaApproval',
  'receivingAreaApproval',
  'orderSigning',
  'reportingForDuty',
  'notMoved',
  'grievanceWindow',
  'grievance',
]; // grievanceWindow: request 4
const SETTLED: Record<string, { event: string; steps: string[] } | undefined> = {
  scoring: { event: 'CLOSE_SCORING', steps: AFTER_SCORING },
  screening: { event: 'CLOSE_SCREENING', steps: AFTER_SCORING.slice(2) },
  approval: { event: 'CLOSE_APPROVAL', steps: AFTER_SCORING.slice(3) },
};

export interface SettledRound {
  readonly caseId: string;
  readonly type: string;
}

/** One pass over the transfer rounds of an office (or of all offices) waiting at a phase that closes when settled. */
export async function settleTransferRounds(engine: Engine, opts: { officeId?: string } = {}): Promise<SettledRound[]> {
  const rounds = await listCyclesWaitingAt(engine, {
    workflowId: 'transfer-round',
    states: ['scoring', 'screening', 'approval', 'orders'],
    ...(opts.officeId !== undefined ? { officeId: opts.officeId } : {}),
  });
  const settled: SettledRound[] = [];
  for (const round of rounds) {
    const phase = SETTLED[round.state];
    const r = phase
      ? await advanceCycleIfSettled(engine, round.caseId, { event: phase.event, when: { steps: phase.steps } })
      : await advanceCycleIfSettled(engine, round.caseId, { event: 'CLOSE_ROUND', when: 'all_done' });
    if (r.advanced) settled.push({ caseId: round.caseId, type: phase?.event ?? 'CLOSE_ROUND' });
  }
  return settled;
}
