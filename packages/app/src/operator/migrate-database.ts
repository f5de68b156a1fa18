/**
 * `pnpm migrate`: applies the migrations of this release (forward only, under
 * Kysely's advisory lock) and publishes every workflow version the release
 * carries (content hash checked: a version published before with other
 * content is refused). Running it again changes nothing.
 */
import { migrateToLatest, publishWorkflows, type Database, type WorkflowRegistry } from '@esa-flow/engine';

export interface MigrateOutcome {
  migrations: string[];
  published: string[];
  workflows: number;
}

export async function migrateDatabase(db: Database, registry: WorkflowRegistry): Promise<MigrateOutcome> {
  const migrations = await migrateToLatest(db);
  const { published } = await publishWorkflows(db, registry);
  return { migrations, published, workflows: registry.list().length };
}
