/**
 * A worker in its own process, for the fault tests (killed with SIGKILL).
 * Env: DATABASE_URL, REDIS_URL, QUEUE_PREFIX, TEST_CLOCK (ISO instant).
 * Prints "READY" once it takes jobs, and "PROMOTED n" after its first pass.
 */
import { createDatabase, createEngine, ManualClock, WorkflowRegistry } from '@esa-flow/engine';
import { sampleSla } from '../../../engine/test/support/sample-sla';
import { loadWorkerConfig } from '../../src/config';
import { startWorker } from '../../src/worker-runtime';

const config = loadWorkerConfig();
const db = createDatabase({ connectionString: config.DATABASE_URL, maxConnections: 10 });
const engine = createEngine({ db, registry: new WorkflowRegistry([sampleSla]), clock: new ManualClock(process.env.TEST_CLOCK ?? new Date().toISOString()) });
const worker = await startWorker(engine.deps, config);
// before saying anything: a test may send SIGTERM the moment it reads a line
process.on('SIGTERM', async () => {
  await worker.stop();
  await db.destroy();
  process.exit(0);
});
console.log('READY');
const { promoted } = await worker.promote();
console.log(`PROMOTED ${promoted}`);
