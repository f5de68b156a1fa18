/**
 * A whole worker process: configuration from the environment, JSON logs
 * (pino), a refusal to start on a database this release cannot use, the
 * engine, mail delivery wired to the delivery pass, the optional
 * health/metrics server, and graceful shutdown on SIGTERM/SIGINT (stop the
 * passes and taking jobs, finish the active ones, close). A process killed
 * harder loses nothing: its jobs stall and another worker takes them.
 */
import { pino, type Logger } from 'pino';
import {
  checkDatabaseReadiness,
  openEngine,
  databaseClock,
  EsaError,
  processEnvironment,
  readDatabaseTime,
  systemClock,
  type Clock,
  type DatabaseReadiness,
  type Engine,
  type WorkflowRegistry,
} from '@esa-flow/engine';
import { loadWorkerConfig } from './config';
import { startWorkerHttp, type Readiness, type WorkerHttp } from './http/worker-http';
import { createMailTransport } from './mail/create-mail-transport';
import { deliverDueNotifications } from './mail/deliver-due-notifications';
import { loadMailConfig } from './mail/mail-config';
import { startWorker, type RunningWorker } from './worker-runtime';

export interface WorkerProcessOptions {
  /** @defaultValue a pino logger on stdout */
  logger?: Logger;
  /**
   * This machine's clock; the process reads the database's through it
   * (database-clock.ts). @defaultValue systemClock; tests run the process on a shifted clock
   */
  clock?: Clock;
  /** the reference the clock is set by, in ms since the epoch; @defaultValue PostgreSQL's clock_timestamp() */
  clockReference?: () => Promise<number>;
  /** @defaultValue process.exit */
  exit?: (code: number) => void;
}

/** An offset beyond this is told (once per measurement) */
const CLOCK_WARN_MS = 1_000;

export function createWorkerLogger(): Logger {
  return pino({ name: 'esa-flow-worker' });
}

export async function runWorkerProcess(
  registry: WorkflowRegistry,
  workflowMaintenance: (engine: Engine) => Promise<unknown>,
  env: Readonly<Record<string, string | undefined>> = processEnvironment(),
  options: WorkerProcessOptions = {},
): Promise<RunningWorker | undefined> {
  const log = options.logger ?? createWorkerLogger();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const localClock = options.clock ?? systemClock;
  let config: ReturnType<typeof loadWorkerConfig>;
  let mailConfig: ReturnType<typeof loadMailConfig>;
  try {
    config = loadWorkerConfig(env);
    mailConfig = loadMailConfig(env);
  } catch (error) {
    log.fatal({ err: error instanceof EsaError ? error.toJSON() : String(error) }, 'การตั้งค่าไม่ถูกต้อง / invalid configuration');
    exit(1);
    return undefined;
  }
  const opened = openEngine({
    connection: {
      connectionString: config.DATABASE_URL,
      applicationName: 'esa-flow-worker',
      onIdleError: (e) => log.warn({ err: e.message }, 'idle database connection lost'),
    },
    registry,
    clock: localClock,
  });

  const readiness = await checkDatabaseReadiness(opened, registry).catch(
    (e: unknown): { ready: false; code: 'DATABASE_UNREACHABLE'; error: string } => ({
      ready: false,
      code: 'DATABASE_UNREACHABLE',
      error: e instanceof Error ? e.message : String(e),
    }),
  );
  if (!readiness.ready) {
    const { code, ...detail } = readiness;
    log.fatal({ code, ...detail, remedy: 'pnpm migrate' }, refusalMessage(readiness));
    await opened.close().catch(() => undefined);
    exit(1);
    return undefined;
  }

  // Due moments are decided by the database's clock, not this machine's: a
  // worker whose clock runs ahead must not fire timers or send mail early.
  const clock = databaseClock(localClock, options.clockReference ?? readDatabaseTime(opened));
  const syncClock = async () => {
    const { offsetMs, roundTripMs } = await clock.sync();
    if (Math.abs(offsetMs) > CLOCK_WARN_MS) {
      log.warn(
        { offsetMs, roundTripMs },
        "นาฬิกาของเครื่องนี้ต่างจากฐานข้อมูลเกินหนึ่งวินาที ใช้เวลาของฐานข้อมูลแทน / this machine's clock differs from the database's by more than a second; the database's time is used (check NTP)",
      );
    }
  };
  await syncClock().catch((e: unknown) =>
    log.warn(
      { err: e instanceof Error ? e.message : String(e) },
      'could not read the database clock; measured again with the promotion pass',
    ),
  );
  const engine = opened.withClock(clock);
  const transport = createMailTransport({ config: mailConfig, engine, clock });
  const worker = await startWorker(engine, config, {
    clockSync: syncClock,
    deliverNotifications: () => deliverDueNotifications({ engine, clock, transport, config: mailConfig }),
    workflowMaintenance: () => workflowMaintenance(engine),
    logger: log,
  });
  let http: WorkerHttp | undefined;
  // before the first line a supervisor (or a test) may act on
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await http?.close();
    await worker.stop();
    await transport.close().catch(() => undefined);
    await engine.close();
    log.info({}, 'stopped');
    exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  log.info({ id: worker.id, queueBackend: worker.kit.kind, mail: mailConfig.smtpUrl ? 'smtp' : 'captured' }, 'worker started');
  if (!mailConfig.smtpUrl) log.warn({}, 'SMTP_URL is not set: mail is kept in the captured_mail table, not sent');

  if (config.WORKER_METRICS_PORT !== undefined) {
    http = await startWorkerHttp({
      host: config.WORKER_METRICS_HOST,
      port: config.WORKER_METRICS_PORT,
      registry: worker.metrics.registry,
      metricsToken: config.METRICS_TOKEN,
      readiness: () =>
        workerReadiness(
          () => checkDatabaseReadiness(engine, registry),
          () => worker.queueReachable(),
        ),
    });
    log.info(
      { port: http.port, host: config.WORKER_METRICS_HOST, metricsToken: config.METRICS_TOKEN ? 'required' : 'none' },
      'metrics listening',
    );
  }

  return worker;
}

/** Ready: the database fits this release and the queue answers. Redis away is "degraded": mail and direct firing go on. */
export async function workerReadiness(database: () => Promise<DatabaseReadiness>, queue: () => Promise<boolean>): Promise<Readiness> {
  const [db, q] = await Promise.all([
    database().catch(() => ({ ready: false as const, code: 'DATABASE_UNREACHABLE' as const })),
    queue().catch(() => false),
  ]);
  const checks: Record<string, string> = { database: db.ready ? 'ok' : db.code, queue: q ? 'ok' : 'unreachable' };
  return { ready: db.ready && q, checks };
}

function refusalMessage(readiness: Exclude<DatabaseReadiness, { ready: true }> | { code: 'DATABASE_UNREACHABLE' }): string {
  const how = 'รัน pnpm migrate กับฐานข้อมูลนี้แล้วเริ่ม worker ใหม่ / run pnpm migrate against this database, then start the worker again';
  if (readiness.code === 'DATABASE_UNREACHABLE') {
    return 'ติดต่อฐานข้อมูลไม่ได้ worker ไม่เริ่มทำงาน (ตรวจ DATABASE_URL แล้วรัน pnpm migrate) / the database is unreachable; the worker does not start (check DATABASE_URL, then run pnpm migrate)';
  }
  const e = new EsaError(readiness.code);
  if (readiness.code === 'SCHEMA_TOO_NEW') {
    return `worker ไม่เริ่มทำงาน: ${e.messageTh} ให้ใช้โปรแกรมรุ่นที่ตรงกับฐานข้อมูล (pnpm migrate ไม่ย้อนโครงสร้าง) / the worker does not start: ${e.messageEn} Run the release that migrated it (pnpm migrate never goes back).`;
  }
  return `worker ไม่เริ่มทำงาน: ${e.messageTh} / the worker does not start: ${e.messageEn} — ${how}`;
}
