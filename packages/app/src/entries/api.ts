/**
 * `pnpm api`: the HTTP API (and the built web application) for production.
 * DATABASE_URL is required. On a database that `pnpm migrate` has not
 * prepared for this release it listens but refuses every call with
 * SCHEMA_NOT_MIGRATED / WORKFLOWS_NOT_PUBLISHED and /readyz answers 503,
 * until the operator migrates. Run `pnpm worker` beside it.
 */
import {
  checkDatabaseReadiness,
  connectedAsOwner,
  openEngine,
  databaseClock,
  loadConfig,
  readDatabaseTime,
  systemClock,
} from '@esa-flow/engine';

/** how often the API measures its clock against the database's again */
const CLOCK_RESYNC_MS = 60_000;
import { buildApp, loadServerConfig } from '@esa-flow/server';
import { createRegistry } from '@esa-flow/workflows';
import { requireDatabaseUrl } from '../database-url';
import { runCommand } from '../say';
import { webDistDir } from '../web-dist';

await runCommand(async () => {
  const config = loadConfig();
  const serverConfig = loadServerConfig();
  const registry = createRegistry();
  const opened = openEngine({
    connection: {
      connectionString: requireDatabaseUrl(config),
      maxConnections: config.DATABASE_POOL_MAX,
      applicationName: 'esa-flow-api',
      statementTimeoutMs: config.STATEMENT_TIMEOUT_MS,
    },
    registry,
    clock: systemClock,
  });
  // the moments the API writes (steps entered, deadlines planned) go by the database's clock, as the worker's do
  const clock = databaseClock(systemClock, readDatabaseTime(opened));
  const skew = await clock.sync().catch(() => undefined);
  const resync = setInterval(() => void clock.sync().catch(() => undefined), CLOCK_RESYNC_MS);
  resync.unref();
  const engine = opened.withClock(clock);
  const app = await buildApp({
    engine,
    config: serverConfig,
    logger: { level: config.LOG_LEVEL },
    webDistDir: webDistDir(import.meta.url),
    readiness: () => checkDatabaseReadiness(engine, registry),
  });
  await app.listen({ port: serverConfig.PORT, host: serverConfig.HOST });
  const readiness = await checkDatabaseReadiness(engine, registry).catch(
    (error: unknown) => ({ ready: false, code: 'DATABASE_UNAVAILABLE', error: String(error) }) as const,
  );
  if (!readiness.ready) {
    app.log.warn({ readiness }, 'ฐานข้อมูลยังไม่พร้อมสำหรับรุ่นนี้ ให้สั่ง pnpm migrate / the database is not ready for this release: run pnpm migrate');
  }
  if (skew && Math.abs(skew.offsetMs) > 1_000) {
    app.log.warn(
      { offsetMs: skew.offsetMs },
      "นาฬิกาของเครื่องนี้ต่างจากฐานข้อมูลเกินหนึ่งวินาที ใช้เวลาของฐานข้อมูลแทน / this machine's clock differs from the database's by more than a second; the database's time is used (check NTP)",
    );
  }
  const role = await connectedAsOwner(engine).catch(() => null);
  if (role?.owner) {
    app.log.warn(
      { role: role.user },
      'DATABASE_URL เป็นบทบาทเจ้าของตาราง ประวัติจึงถูกแก้ได้ ให้ใช้บทบาทแอปพลิเคชัน / DATABASE_URL is the owner role (or a superuser): the history could be rewritten; use the application role (docs/operations.md)',
    );
  }
  const stop = async () => {
    clearInterval(resync);
    await app.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
});
