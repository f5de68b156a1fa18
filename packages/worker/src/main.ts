/** `pnpm worker`: a worker process for production (DATABASE_URL, REDIS_URL, SMTP_URL from the environment). */
import { createRegistry, runWorkflowMaintenance } from '@esa-flow/workflows';
import { createWorkerLogger, runWorkerProcess } from './worker-process';

const logger = createWorkerLogger();
await runWorkerProcess(createRegistry(), runWorkflowMaintenance, process.env, { logger }).catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'worker failed to start');
  process.exit(1);
});
