/**
 * The real worker process (runWorkerProcess: pino logs, readiness check, the
 * pass loops, the HTTP server) on the engine tests' sample workflow, for the
 * process-level fault tests. Env as for `pnpm worker`, plus
 * TEST_CLOCK_OFFSET_MS: the test's world runs in real time shifted by this
 * much — the process's own clock, and the database's as it reads it — so the
 * test and the process agree on "now" to the millisecond;
 * TEST_CLOCK_SKEW_MS: this machine's clock is off by this much more (a
 * skewed machine); the process must still go by the database's clock.
 */
import { WorkflowRegistry, type Clock } from '@esa-flow/engine';
import { createDatabase, readDatabaseTime } from '@esa-flow/engine/internal';
import { sampleSla } from '../../../engine/test/support/sample-sla';
import { runWorkerProcess } from '../../src/worker-process';
import { realTimeClockShifted } from '../../../engine/test/support/wait-until';

const offset = Number(process.env.TEST_CLOCK_OFFSET_MS ?? 0);
const skew = Number(process.env.TEST_CLOCK_SKEW_MS ?? 0);
const clock: Clock = realTimeClockShifted(offset + skew);
const databaseTime = readDatabaseTime(createDatabase({ connectionString: process.env.DATABASE_URL ?? '', maxConnections: 1 }));
await runWorkerProcess(new WorkflowRegistry([sampleSla]), async () => ({}), process.env, {
  clock,
  clockReference: async () => (await databaseTime()) + offset,
});
