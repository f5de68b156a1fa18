/**
 * `pnpm worker`: a worker process for production (DATABASE_URL, REDIS_URL,
 * SMTP_URL from the environment). It refuses to start (exit code 1, naming
 * `pnpm migrate`) on a database that is not prepared for this release.
 */
import { withRecordPurge } from '@esa-flow/engine';
import { createWorkerLogger, runWorkerProcess } from '@esa-flow/worker';
import { createRegistry, runWorkflowMaintenance } from '@esa-flow/workflows';

const logger = createWorkerLogger();
// the retention purge (sessions, idempotency keys, sign-in records) runs with the workflows' maintenance
await runWorkerProcess(createRegistry(), withRecordPurge(runWorkflowMaintenance), process.env, { logger }).catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'worker failed to start');
  process.exit(1);
});
