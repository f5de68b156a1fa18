/**
 * `pnpm worker`: a worker process for production (DATABASE_URL, REDIS_URL,
 * SMTP_URL from the environment). Refuses to start on a database that
 * `pnpm migrate` has not prepared for this release.
 */
import { assertDatabaseReady, createDatabase, withRecordPurge } from '@esa-flow/engine';
import { loadWorkerConfig, runWorkerProcess } from '@esa-flow/worker';
import { createRegistry, runWorkflowMaintenance } from '@esa-flow/workflows';
import { runCommand } from '../say';

await runCommand(async () => {
  const registry = createRegistry();
  const config = loadWorkerConfig();
  const db = createDatabase({ connectionString: config.DATABASE_URL, maxConnections: 1, applicationName: 'esa-flow-worker-check' });
  try {
    await assertDatabaseReady(db, registry);
  } finally {
    await db.destroy();
  }
  // the retention purge (sessions, idempotency keys, sign-in records) runs with the workflows' maintenance
  await runWorkerProcess(registry, withRecordPurge(runWorkflowMaintenance));
});
