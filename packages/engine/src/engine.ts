import type { Actor } from './access/actor';
import type { Clock } from './clock';
import { createDatabase, type Database, type DatabaseOptions } from './db/database';
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
import { bindDeps, depsOf } from './engine-deps-of';
import { EsaError } from './errors';

/**
 * The engine's front door: commands (each one transaction) and queries
 * (always scoped to the actor). Hosts (server, worker, the app's entries)
 * open one per process with `openEngine`; the database handle stays inside
 * (docs/architecture.md, "The engine's door").
 */
export interface Engine {
  /** the time the engine's commands stamp */
  readonly clock: Clock;
  /** the workflows the engine runs */
  readonly registry: WorkflowRegistry;
  startCase(cmd: StartCaseCommand): Promise<CommandResult>;
  dispatch(cmd: DispatchCommand): Promise<CommandResult>;
  getCase(actor: Actor, caseId: string): Promise<CaseView>;
  listCases(actor: Actor, filter?: CaseFilter): Promise<CaseRecord[]>;
  verifyHistory(caseId: string): Promise<HistoryVerdict>;
  /** replays the history through the workflow and compares the case row (state, status, snapshot) with the result */
  replayHistory(caseId: string): Promise<ReplayVerdict>;
  /** moves a step's deadline (ขยายเวลา): docs/sla.md "Extending a deadline" */
  extendDeadline(cmd: ExtendDeadlineCommand): Promise<CommandResult>;
  /**
   * Runs `fn` in one transaction, for hosts that must apply several commands
   * atomically (committee resolutions, a batch of dispatches): `tx` is this
   * engine bound to the transaction, its `startCase`/`dispatch` and the
   * engine functions given `tx` run inside it. Called on `tx` again, no
   * nested transaction is opened: `fn` runs in the same one.
   */
  transaction<T>(fn: (tx: Engine) => Promise<T>): Promise<T>;
  /** the same engine (same database) on another clock: seeding a demo at a given time */
  withClock(clock: Clock): Engine;
  /** closes the connection pool the engine opened (`openEngine`); an engine given a database leaves it open */
  close(): Promise<void>;
}

export interface EngineOptions {
  registry: WorkflowRegistry;
  clock: Clock;
  calendars?: CalendarSource;
}

/** An engine on a database its caller owns (tests, benchmarks: `@esa-flow/engine/internal`). */
export function createEngine(options: EngineOptions & { db: Database }): Engine {
  return engineOf(Object.freeze({ ...options, calendars: options.calendars ?? createCalendarSource() }), async () => {});
}

/**
 * Opens the engine of a process: its own connection pool (`connection`:
 * connection string, pool size, application name, statement timeout), closed
 * by `engine.close()`.
 */
export function openEngine(options: EngineOptions & { connection: DatabaseOptions }): Engine {
  const { connection, ...rest } = options;
  const db = createDatabase(connection);
  return engineOf(Object.freeze({ ...rest, db, calendars: rest.calendars ?? createCalendarSource() }), () => db.destroy());
}

function engineOf(deps: EngineDeps, close: () => Promise<void>): Engine {
  const trx = deps.db.isTransaction ? (deps.db as Transaction<DB>) : null;
  const engine: Engine = {
    clock: deps.clock,
    registry: deps.registry,
    startCase: (cmd) => (trx ? startCaseInTransaction(deps, trx, cmd) : startCase(deps, cmd)),
    dispatch: (cmd) => (trx ? dispatchEventInTransaction(deps, trx, cmd) : dispatchEvent(deps, cmd)),
    getCase: (actor, caseId) => getCase(deps, actor, caseId),
    listCases: (actor, filter) => listCases(deps, actor, filter),
    verifyHistory: (caseId) => verifyHistory(deps.db, caseId),
    replayHistory: (caseId) => replayHistory(deps.db, deps.registry, caseId),
    extendDeadline: (cmd) => extendDeadline(deps, cmd),
    transaction: (fn) => (trx ? fn(engine) : deps.db.transaction().execute((t) => fn(engineInTransaction(engine, t)))),
    withClock: (clock) => engineOf(Object.freeze({ ...deps, clock }), close),
    close,
  };
  return bindDeps(engine, deps);
}

/** The engine bound to an open transaction (the `tx` of `engine.transaction`, and of the engine's callbacks run in one). */
export function engineInTransaction(engine: Engine, trx: Transaction<DB>): Engine {
  return engineOf(Object.freeze({ ...depsOf(engine), db: trx }), notOwned);
}

async function notOwned(): Promise<void> {
  throw new EsaError('INTERNAL', { reason: 'a transaction’s engine is not closed; its engine is' });
}
