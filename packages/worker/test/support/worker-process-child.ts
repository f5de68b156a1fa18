/**
 * The real worker process (runWorkerProcess: pino logs, readiness check, the
 * pass loops, the HTTP server) on the engine tests' sample workflow, for the
 * process-level fault tests. Env as for `pnpm worker`, plus
 * TEST_CLOCK_OFFSET_MS: the process's clock runs in real time, shifted by
 * this much, so the test and the process agree on "now" to the millisecond.
 */
import { WorkflowRegistry, type Clock } from '@esa-flow/engine';
import { sampleSla } from '../../../engine/test/support/sample-sla';
import { runWorkerProcess } from '../../src/worker-process';
import { realTimeClockShifted } from '../../../engine/test/support/wait-until';

const offset = Number(process.env.TEST_CLOCK_OFFSET_MS ?? 0);
const clock: Clock = realTimeClockShifted(offset);
await runWorkerProcess(new WorkflowRegistry([sampleSla]), async () => ({}), process.env, { clock });
