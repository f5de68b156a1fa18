/**
 * `pnpm worker`: a worker process for production (DATABASE_URL, REDIS_URL,
 * SMTP_URL from the environment). It refuses to start (exit code 1, naming
 * `pnpm migrate`) on a database that is not prepared for this release.
 * With its maintenance pass it purges expired records and audits the
 * histories once a day (HISTORY_CHECKPOINT_DIR, HISTORY_CHECKPOINT_KEY:
 * docs/operations.md).
 */
import { connectedAsOwner, openEngine, processEnvironment, systemClock, withRecordPurge } from '@esa-flow/engine';
import { createWorkerLogger, runWorkerProcess } from '@esa-flow/worker';
import { createRegistry, runWorkflowMaintenance } from '@esa-flow/workflows';
import { dailyHistoryAudit } from '../operator/daily-history-audit';

const env = processEnvironment();
const logger = createWorkerLogger();
const registry = createRegistry();
if (env.DATABASE_URL) {
  const check = openEngine({
    connection: { connectionString: env.DATABASE_URL, maxConnections: 1, applicationName: 'esa-flow-worker-check' },
    registry,
    clock: systemClock,
  });
  const role = await connectedAsOwner(check).catch(() => null);
  await check.close().catch(() => undefined);
  if (role?.owner)
    logger.warn(
      { role: role.user },
      'DATABASE_URL is the owner role (or a superuser): the history could be rewritten; use the application role (docs/operations.md)',
    );
}
// the daily audit of the histories and the retention purge ride on the maintenance pass
const audit = dailyHistoryAudit(env, ({ level, msg, ...line }) => {
  const at = level === 'error' ? 'error' : level === 'warn' ? 'warn' : 'info';
  logger[at](line, String(msg ?? 'history audit'));
});
const maintenance = withRecordPurge(runWorkflowMaintenance);
await runWorkerProcess(
  registry,
  async (engine) => {
    audit(engine);
    return maintenance(engine);
  },
  env,
  { logger },
).catch((error: unknown) => {
  logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'worker failed to start');
  process.exit(1);
});
