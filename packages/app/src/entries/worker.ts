/**
 * `pnpm worker`: a worker process for production (DATABASE_URL, REDIS_URL,
 * SMTP_URL from the environment). Refuses to start on a database that
 * `pnpm migrate` has not prepared for this release. Audits the histories once
 * a day (HISTORY_CHECKPOINT_DIR, HISTORY_CHECKPOINT_KEY: docs/operations.md).
 */
import { assertDatabaseReady, createDatabase } from '@esa-flow/engine';
import { loadWorkerConfig, runWorkerProcess } from '@esa-flow/worker';
import { createRegistry, runWorkflowMaintenance } from '@esa-flow/workflows';
import { connectedAsOwner } from '../operator/app-role';
import { dailyHistoryAudit } from '../operator/daily-history-audit';
import { runCommand } from '../say';

await runCommand(async () => {
  const registry = createRegistry();
  const config = loadWorkerConfig();
  const db = createDatabase({ connectionString: config.DATABASE_URL, maxConnections: 1, applicationName: 'esa-flow-worker-check' });
  try {
    await assertDatabaseReady(db, registry);
    const role = await connectedAsOwner(db).catch(() => null);
    if (role?.owner) {
      console.log(JSON.stringify({ level: 'warn', time: new Date().toISOString(), role: role.user, msg: 'DATABASE_URL is the owner role (or a superuser): the history could be rewritten; use the application role (docs/operations.md)' }));
    }
  } finally {
    await db.destroy();
  }
  // the daily audit of the histories rides on the maintenance pass (operator/daily-history-audit.ts)
  const audit = dailyHistoryAudit(process.env, (line) => console.log(JSON.stringify({ time: new Date().toISOString(), ...line })));
  await runWorkerProcess(registry, async (engine) => {
    audit(engine);
    return runWorkflowMaintenance(engine);
  });
});
