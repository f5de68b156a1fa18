/** `pnpm start`: everything in one process on embedded defaults (see packages/server/src/all-in-one.ts). */
import { startAllInOne } from '@esa-flow/server';
import { createRegistry, runWorkflowMaintenance } from '@esa-flow/workflows';

const running = await startAllInOne(createRegistry(), runWorkflowMaintenance);
const stop = async () => {
  await running.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
