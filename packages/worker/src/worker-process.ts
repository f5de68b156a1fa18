/**
 * A whole worker process: configuration from the environment, the engine,
 * mail delivery wired to the delivery scheduler, graceful shutdown on
 * SIGTERM/SIGINT (stop taking jobs, finish the active ones, close). A process
 * killed harder loses nothing: its jobs stall and another worker takes them.
 */
import { createDatabase, createEngine, systemClock, type Engine, type WorkflowRegistry } from '@esa-flow/engine';
import { loadWorkerConfig } from './config';
import { createMailTransport } from './mail/create-mail-transport';
import { deliverDueNotifications } from './mail/deliver-due-notifications';
import { loadMailConfig } from './mail/mail-config';
import { startWorker, type RunningWorker } from './worker-runtime';

export async function runWorkerProcess(
  registry: WorkflowRegistry,
  workflowMaintenance: (engine: Engine) => Promise<unknown>,
  env: Record<string, string | undefined> = process.env,
  log: (line: Record<string, unknown>) => void = (line) => console.log(JSON.stringify(line)),
): Promise<RunningWorker> {
  const config = loadWorkerConfig(env);
  const mailConfig = loadMailConfig(env);
  const db = createDatabase({ connectionString: config.DATABASE_URL, applicationName: 'esa-flow-worker', onIdleError: (e) => log({ level: 'warn', msg: 'idle connection lost', err: e.message }) });
  const engine = createEngine({ db, registry, clock: systemClock });
  const transport = createMailTransport({ config: mailConfig, db, clock: systemClock });
  const worker = await startWorker(engine.deps, config, {
    deliverNotifications: () => deliverDueNotifications({ db, clock: systemClock, transport, config: mailConfig }),
    workflowMaintenance: () => workflowMaintenance(engine),
    onError: (error, where) => log({ level: 'error', msg: 'job failed', where, err: error instanceof Error ? error.message : String(error) }),
  });
  log({ level: 'info', msg: 'worker started', id: worker.id, queueBackend: worker.kit.kind, mail: mailConfig.smtpUrl ? 'smtp' : 'captured' });
  const stop = async (signal: string) => {
    log({ level: 'info', msg: 'stopping', signal });
    await worker.stop();
    await db.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return worker;
}
