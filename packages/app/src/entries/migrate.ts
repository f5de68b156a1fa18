/**
 * `pnpm migrate`: see the engine's db/migrate-database.ts. Connects as the owner role:
 * MIGRATION_DATABASE_URL, else DATABASE_URL (one role for everything, which
 * docs/operations.md advises against).
 */
import { appRoleName, loadConfig, migrateDatabase, openEngine, processEnvironment, systemClock } from '@esa-flow/engine';
import { createRegistry } from '@esa-flow/workflows';
import { requireDatabaseUrl } from '../database-url';
import { runCommand, say } from '../say';

await runCommand(async () => {
  const env = processEnvironment();
  const config = loadConfig(env);
  const url = env.MIGRATION_DATABASE_URL || requireDatabaseUrl(config);
  const role = appRoleName(env);
  const registry = createRegistry();
  const engine = openEngine({
    connection: { connectionString: url, maxConnections: 2, applicationName: 'esa-flow-migrate' },
    registry,
    clock: systemClock,
  });
  try {
    const outcome = await migrateDatabase(engine, registry, { appRole: role, queueInPostgres: !env.REDIS_URL });
    if (outcome.migrations.length > 0)
      say(
        `ปรับโครงสร้างฐานข้อมูล ${outcome.migrations.length} ขั้น: ${outcome.migrations.join(', ')}`,
        `applied ${outcome.migrations.length} migration(s)`,
      );
    else say('โครงสร้างฐานข้อมูลเป็นปัจจุบันอยู่แล้ว', 'the schema was already up to date');
    if (outcome.published.length > 0)
      say(
        `เผยแพร่กระบวนงาน ${outcome.published.length} รุ่น: ${outcome.published.join(', ')}`,
        `published ${outcome.published.length} workflow version(s)`,
      );
    else say(`กระบวนงานทั้ง ${outcome.workflows} รุ่นเผยแพร่อยู่แล้ว`, `all ${outcome.workflows} workflow versions were already published`);
    const { filled, rewritten } = outcome.holders;
    if (filled > 0) say(`บันทึกผู้รับผิดชอบขั้นตอนของเรื่องที่ยังไม่มี ${filled} เรื่อง`, `stored who holds the steps of ${filled} case(s) that had none`);
    if (rewritten !== null && rewritten > 0)
      say(
        `กฎผู้รับผิดชอบขั้นตอนเปลี่ยน: บันทึกใหม่ให้เรื่องที่ยังดำเนินการ ${rewritten} เรื่อง`,
        `the rule of who holds a step changed: stored again for ${rewritten} active case(s)`,
      );
    if (!outcome.autovacuum)
      say(
        'คำเตือน: PostgreSQL ปิด autovacuum (หรือ track_counts) ไว้ งานของฉันและภาพรวมกำหนดเวลาจะช้าลงเรื่อย ๆ: เปิด autovacuum = on',
        'warning: PostgreSQL runs with autovacuum (or track_counts) off; the inbox and the SLA overview slow down as rows are written: set autovacuum = on',
      );
    const app = outcome.appRole!;
    say(
      `สิทธิ์ของบทบาทแอปพลิเคชัน ${app.role} ตั้งแล้ว${app.created ? ' (สร้างใหม่)' : ''}`,
      `privileges of the application role ${app.role} set${app.created ? ' (role created)' : ''}`,
    );
    if (!app.canLogin)
      say(
        `บทบาท ${app.role} ยังเข้าระบบไม่ได้: ALTER ROLE ${app.role} LOGIN PASSWORD '…'`,
        `the role ${app.role} cannot log in yet: ALTER ROLE ${app.role} LOGIN PASSWORD '…'`,
      );
    say(
      'พร้อมให้ pnpm api และ pnpm worker ทำงาน (DATABASE_URL ของบทบาทแอปพลิเคชัน)',
      'ready for pnpm api and pnpm worker (DATABASE_URL of the application role)',
    );
  } finally {
    await engine.close();
  }
});
