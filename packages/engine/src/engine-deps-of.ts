/**
 * Where each engine's dependencies (the database handle among them) are kept,
 * out of the public `Engine` type (door.ts). Keyed by the engine object; this
 * module knows no `Engine` type, so engine.ts can import it without a cycle.
 */
import type { Transaction } from 'kysely';
import type { EngineDeps } from './case/engine-deps';
import type { Database } from './db/database';
import type { DB } from './db/schema';
import { EsaError } from './errors';

const depsOfEngine = new WeakMap<object, EngineDeps>();

/** Records the deps an engine was made with (engine.ts only). */
export function bindDeps<E extends object>(engine: E, deps: EngineDeps): E {
  depsOfEngine.set(engine, deps);
  return engine;
}

/** The deps of an engine made by `createEngine`/`openEngine` (or one of its transactions). */
export function depsOf(engine: object): EngineDeps {
  const deps = depsOfEngine.get(engine);
  if (!deps) throw new EsaError('INTERNAL', { reason: 'not an engine made by createEngine or openEngine' });
  return deps;
}

/** The database handle of an engine: inside `engine.transaction`, the transaction. */
export const dbOf = (engine: object): Database => depsOf(engine).db;

/** The open transaction of an engine given to `engine.transaction`'s function. */
export function transactionOf(engine: object): Transaction<DB> {
  const db = dbOf(engine);
  if (!db.isTransaction) throw new EsaError('INTERNAL', { reason: 'called outside engine.transaction' });
  return db as Transaction<DB>;
}
