import { systemClock, type Clock } from '../../src/clock';
import type { Database } from '../../src/db/database';
import { createEngine, type Engine } from '../../src/engine';
import { WorkflowRegistry } from '../../src/workflow/registry';

/**
 * An engine on a test's database, for the host functions that take the engine
 * (the door) where a test holds only the database: no workflows unless given,
 * the system clock unless given.
 */
export function engineOn(db: Database, registry: WorkflowRegistry = new WorkflowRegistry(), clock: Clock = systemClock): Engine {
  return createEngine({ db, registry, clock });
}
