/**
 * A worker in its own process, for the fault tests (killed with SIGKILL) and
 * the shutdown test (SIGTERM: finishes its jobs and exits 0).
 * Env: DATABASE_URL, REDIS_URL, QUEUE_PREFIX, TEST_CLOCK (ISO instant).
 * Prints "READY" once it takes jobs, and "PROMOTED n" after its first pass.
 */
import { ManualClock, WorkflowRegistry } from '@esa-flow/engine';
import { createDatabase, createEngine } from '@esa-flow/engine/internal';
import { sampleSla } from '../../../engine/test/support/sample-sla';
import { loadWorkerConfig } from '../../src/config';
import { startWorker } from '../../src/worker-runtime';

const config = loadWorkerConfig();
const db = createDatabase({ connectionString: config.DATABASE_URL, maxConnections: 10 });
const engine = createEngine({
  db,
  registry: new WorkflowRegistry([sampleSla]),
  clock: new ManualClock(process.env.TEST_CLOCK ?? new Date().toISOString()),
});
const worker = await startWorker(engine, config);
// Before anything is printed: a SIGTERM sent as soon as the test reads "PROMOTED"
// must find the handler in place (without one, Node dies of the signal, code null).
process.on('SIGTERM', async () => {
  await worker.stop();
  await db.destroy();
  process.exit(0);
});
console.log('READY');
const { promoted } = await worker.promote();
console.log(`PROMOTED ${promoted}`);
