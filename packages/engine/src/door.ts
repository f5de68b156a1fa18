/**
 * The engine is the only door to the database (docs/architecture.md, "The
 * engine's door"): hosts hold an `Engine`, never the Kysely handle. Each
 * engine's dependencies (the handle among them) are kept out of the public
 * type (engine-deps-of.ts); the engine's own modules, its tests and benchmarks reach them
 * through `depsOf`/`dbOf` (tests via `engineDeps` in `@esa-flow/engine/internal`).
 *
 * The functions the main entry exports to hosts take the engine as their
 * first parameter: `viaDb`/`viaDeps`/`viaTransaction` turn a function of the
 * database (or of the deps, or of an open transaction) into one of the engine,
 * so the engine's own callers keep calling the function of the database.
 */
import type { Transaction } from 'kysely';
import type { EngineDeps } from './case/engine-deps';
import type { Database } from './db/database';
import type { DB } from './db/schema';
import type { Engine } from './engine';
import * as kept from './engine-deps-of';

/** The deps of an engine made by `createEngine`/`openEngine` (or one of its transactions). */
export const depsOf = (engine: Engine): EngineDeps => kept.depsOf(engine);
/** The database handle of an engine: inside `engine.transaction`, the transaction. */
export const dbOf = (engine: Engine): Database => kept.dbOf(engine);
/** The open transaction of an engine given to `engine.transaction`'s function. */
export const transactionOf = (engine: Engine): Transaction<DB> => kept.transactionOf(engine);

/** A function of the database as a function of the engine. */
export function viaDb<A extends unknown[], R>(fn: (db: Database, ...args: A) => R): (engine: Engine, ...args: A) => R {
  return (engine, ...args) => fn(dbOf(engine), ...args);
}

/** A function of the engine's deps as a function of the engine. */
export function viaDeps<A extends unknown[], R>(fn: (deps: EngineDeps, ...args: A) => R): (engine: Engine, ...args: A) => R {
  return (engine, ...args) => fn(depsOf(engine), ...args);
}

/** A function of an open transaction as a function of the engine `engine.transaction` gives. */
export function viaTransaction<A extends unknown[], R>(fn: (trx: Transaction<DB>, ...args: A) => R): (tx: Engine, ...args: A) => R {
  return (tx, ...args) => fn(transactionOf(tx), ...args);
}
