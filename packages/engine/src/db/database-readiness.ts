import { sql } from 'kysely';
import { EsaError } from '../errors';
import type { WorkflowRegistry } from '../workflow/registry';
import type { Database } from './database';
import { KNOWN_MIGRATIONS } from './migrate';

/**
 * Whether a database is ready for this release: every migration this program
 * knows is applied (none it does not know), and every workflow version of the
 * registry is published with the same content. `pnpm api` and `pnpm worker`
 * refuse to start otherwise, and `/readyz` answers 503 while it is so; the
 * remedy is always `pnpm migrate`.
 */
export type DatabaseReadiness =
  | { ready: true }
  | { ready: false; code: 'SCHEMA_NOT_MIGRATED'; missingMigrations: string[] }
  | { ready: false; code: 'SCHEMA_TOO_NEW'; unknownMigrations: string[] }
  | { ready: false; code: 'WORKFLOWS_NOT_PUBLISHED'; missingWorkflows: string[] };

export async function checkDatabaseReadiness(db: Database, registry: WorkflowRegistry): Promise<DatabaseReadiness> {
  const table = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(db);
  if (!table.rows[0]?.t) return { ready: false, code: 'SCHEMA_NOT_MIGRATED', missingMigrations: [...KNOWN_MIGRATIONS] };
  const applied = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows.map((r) => r.name));
  const unknown = [...applied].filter((n) => !KNOWN_MIGRATIONS.includes(n));
  if (unknown.length > 0) return { ready: false, code: 'SCHEMA_TOO_NEW', unknownMigrations: unknown };
  const missing = KNOWN_MIGRATIONS.filter((n) => !applied.has(n));
  if (missing.length > 0) return { ready: false, code: 'SCHEMA_NOT_MIGRATED', missingMigrations: missing };

  const published = await db.selectFrom('workflow_versions').select(['workflow_id', 'version', 'content_hash']).execute();
  const byKey = new Map(published.map((r) => [`${r.workflow_id}@${r.version}`, r.content_hash]));
  const missingWorkflows = registry
    .list()
    .filter((d) => byKey.get(d.key) !== d.contentHash)
    .map((d) => d.key);
  if (missingWorkflows.length > 0) return { ready: false, code: 'WORKFLOWS_NOT_PUBLISHED', missingWorkflows };
  return { ready: true };
}

/** Throws the readiness problem as a catalogue error (for process start-up). */
export async function assertDatabaseReady(db: Database, registry: WorkflowRegistry): Promise<void> {
  const readiness = await checkDatabaseReadiness(db, registry);
  if (readiness.ready) return;
  const { code, ready: _ready, ...detail } = readiness;
  throw new EsaError(code, { ...detail, remedy: 'pnpm migrate' });
}
