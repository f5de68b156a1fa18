/** `pnpm start`: everything in one process on embedded defaults (all-in-one.ts). */
import { processEnvironment } from '@esa-flow/engine';
import { createRegistry, runWorkflowMaintenance } from '@esa-flow/workflows';
import { startAllInOne } from '../all-in-one';
import { runCommand } from '../say';
import { webDistDir } from '../web-dist';

await runCommand(async () => {
  const running = await startAllInOne(
    createRegistry(),
    runWorkflowMaintenance,
    processEnvironment(),
    console.log,
    webDistDir(import.meta.url),
  );
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
});
