import type { Actor } from './access/actor';
import type { Clock } from './clock';
import type { Database } from './db/database';
import type { CommandResult, DispatchCommand, StartCaseCommand } from './case/command-types';
import { dispatchEvent, dispatchEventInTransaction } from './case/dispatch-event';
import type { EngineDeps } from './case/engine-deps';
import { getCase, type CaseView } from './case/get-case';
import { listCases, type CaseFilter } from './case/list-cases';
import type { CaseRecord } from './case/case.repository';
import { startCase, startCaseInTransaction } from './case/start-case';
import { verifyHistory, type HistoryVerdict } from './case/verify-history';
import { replayHistory, type ReplayVerdict } from './case/replay-history';
import type { Transaction } from 'kysely';
import type { DB } from './db/schema';
import type { WorkflowRegistry } from './workflow/registry';
import { createCalendarSource, type CalendarSource } from './sla/calendar-source';
import { extendDeadline, type ExtendDeadlineCommand } from './sla/extend-deadline';

/**
 * The engine's front door: commands (each one transaction) and queries
 * (always scoped to the actor). Hosts (server, worker, tests) create one
 * per process with the database, the workflow registry and a clock.
 */
export interface Engine {
  readonly deps: EngineDeps;
  startCase(cmd: StartCaseCommand): Promise<CommandResult>;
  dispatch(cmd: DispatchCommand): Promise<CommandResult>;
  /** for hosts that must apply several commands atomically (committee resolutions) */
  startCaseIn(trx: Transaction<DB>, cmd: StartCaseCommand): Promise<CommandResult>;
  dispatchIn(trx: Transaction<DB>, cmd: DispatchCommand): Promise<CommandResult>;
  getCase(actor: Actor, caseId: string): Promise<CaseView>;
  listCases(actor: Actor, filter?: CaseFilter): Promise<CaseRecord[]>;
  verifyHistory(caseId: string): Promise<HistoryVerdict>;
  /** replays the history through the workflow and compares the case row (state, status, snapshot) with the result */
  replayHistory(caseId: string): Promise<ReplayVerdict>;
  /** moves a step's deadline (ขยายเวลา): docs/sla.md "Extending a deadline" */
  extendDeadline(cmd: ExtendDeadlineCommand): Promise<CommandResult>;
}

export function createEngine(options: { db: Database; registry: WorkflowRegistry; clock: Clock; calendars?: CalendarSource }): Engine {
  const deps: EngineDeps = Object.freeze({ ...options, calendars: options.calendars ?? createCalendarSource() });
  return {
    deps,
    startCase: (cmd) => startCase(deps, cmd),
    dispatch: (cmd) => dispatchEvent(deps, cmd),
    startCaseIn: (trx, cmd) => startCaseInTransaction(deps, trx, cmd),
    dispatchIn: (trx, cmd) => dispatchEventInTransaction(deps, trx, cmd),
    getCase: (actor, caseId) => getCase(deps, actor, caseId),
    listCases: (actor, filter) => listCases(deps, actor, filter),
    verifyHistory: (caseId) => verifyHistory(deps.db, caseId),
    replayHistory: (caseId) => replayHistory(deps.db, deps.registry, caseId),
    extendDeadline: (cmd) => extendDeadline(deps, cmd),
  };
}
