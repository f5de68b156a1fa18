/** `pnpm worker`: a worker process for production (DATABASE_URL, REDIS_URL, SMTP_URL from the environment). */
import { createRegistry, runWorkflowMaintenance } from '@esa-flow/workflows';
import { runWorkerProcess } from './worker-process';

await runWorkerProcess(createRegistry(), runWorkflowMaintenance);
