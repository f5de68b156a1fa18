/** `pnpm migrate`: see operator/migrate-database.ts. */
import { createDatabase, loadConfig } from '@esa-flow/engine';
import { createRegistry } from '@esa-flow/workflows';
import { requireDatabaseUrl } from '../database-url';
import { migrateDatabase } from '../operator/migrate-database';
import { runCommand, say } from '../say';

await runCommand(async () => {
  const config = loadConfig();
  const db = createDatabase({ connectionString: requireDatabaseUrl(config), maxConnections: 2, applicationName: 'esa-flow-migrate' });
  try {
    const outcome = await migrateDatabase(db, createRegistry());
    if (outcome.migrations.length > 0) say(`ปรับโครงสร้างฐานข้อมูล ${outcome.migrations.length} ขั้น: ${outcome.migrations.join(', ')}`, `applied ${outcome.migrations.length} migration(s)`);
    else say('โครงสร้างฐานข้อมูลเป็นปัจจุบันอยู่แล้ว', 'the schema was already up to date');
    if (outcome.published.length > 0) say(`เผยแพร่กระบวนงาน ${outcome.published.length} รุ่น: ${outcome.published.join(', ')}`, `published ${outcome.published.length} workflow version(s)`);
    else say(`กระบวนงานทั้ง ${outcome.workflows} รุ่นเผยแพร่อยู่แล้ว`, `all ${outcome.workflows} workflow versions were already published`);
    say('พร้อมให้ pnpm api และ pnpm worker ทำงาน', 'ready for pnpm api and pnpm worker');
  } finally {
    await db.destroy();
  }
});
