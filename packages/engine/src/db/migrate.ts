import { Migrator, sql, type Kysely } from 'kysely';
import { EsaError } from '../errors';
import type { DB } from './schema';
import { MIGRATIONS, staticMigrationProvider } from './migrations';

export const KNOWN_MIGRATIONS: readonly string[] = Object.keys(MIGRATIONS);

/**
 * Brings the schema up to date (forward only). Refuses to run against a schema
 * that has migrations this code does not know (a newer program migrated it).
 * Kysely's migrator serialises concurrent callers with an advisory lock.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  await assertSchemaNotNewer(db);
  const migrator = new Migrator({ db, provider: staticMigrationProvider, allowUnorderedMigrations: false });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function assertSchemaNotNewer(db: Kysely<DB>): Promise<void> {
  const exists = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return;
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const unknown = applied.rows.map((r) => r.name).filter((n) => !KNOWN_MIGRATIONS.includes(n));
  if (unknown.length > 0) throw new EsaError('SCHEMA_TOO_NEW', { unknownMigrations: unknown });
}
