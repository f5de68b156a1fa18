/**
 * `@esa-flow/engine/internal`: the database handle and what takes it, for the
 * engine's migrations, tests, benchmarks and scripts only. Product code
 * (packages/{server,workflows,worker,app,web,documents}/src) may not import it
 * (eslint.config.js): hosts hold an `Engine` and call the main entry's
 * functions, which take the engine (docs/architecture.md, "The engine's door").
 */
import type { Engine } from './engine';
import type { EngineDeps } from './case/engine-deps';
import { depsOf } from './door';

export { createDatabase, type Database, type DatabaseOptions } from './db/database';
export * from './db/schema';
export type { EngineDeps } from './case/engine-deps';
export { createEngine } from './engine';
export { dbOf, viaDb, viaDeps, viaTransaction } from './door';

/** The deps (database handle, registry, clock, calendars) an engine was made with. */
export function engineDeps(engine: Engine): EngineDeps {
  return depsOf(engine);
}

// the functions of the database (or of the deps, or of an open transaction) the main entry wraps or leaves out (raw-functions.ts)
export * from './raw-functions';
