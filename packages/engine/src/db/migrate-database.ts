/**
 * `pnpm migrate`: applies the migrations of this release (forward only, under
 * Kysely's advisory lock), publishes every workflow version the release
 * carries (content hash checked: a version published before with other
 * content is refused), fills who holds the steps of the active cases written
 * before the engine stored it, or by another rule (case/refresh-stored-holders.ts, case/fill-case-waiting.ts), and sets the application role's privileges (app-role.ts).
 * Running it again changes nothing.
 */
import { sql } from 'kysely';
import { refreshStoredHolders } from '../case/refresh-stored-holders';
import { EsaError } from '../errors';
import { publishWorkflows, type WorkflowRegistry } from '../workflow/registry';
import { grantAppRole, type AppRoleOutcome } from './app-role';
import type { Database } from './database';
import { migrateToLatest } from './migrate';

export interface MigrateOutcome {
  migrations: string[];
  published: string[];
  workflows: number;
  /** active cases whose holders were filled (written before the engine stored them) and written again (another rule; null: the same rule) */
  holders: { filled: number; rewritten: number | null };
  /**
   * whether the server vacuums by itself (autovacuum with its statistics): the inbox's counts and the SLA overview
   * read their indexes alone only where vacuum has marked the pages (docs/operations.md)
   */
  autovacuum: boolean;
  /** null when no application role was asked for */
  appRole: AppRoleOutcome | null;
}

export async function migrateDatabase(
  db: Database,
  registry: WorkflowRegistry,
  options: { appRole?: string | null; queueInPostgres?: boolean } = {},
): Promise<MigrateOutcome> {
  if (options.appRole) {
    const me = await sql<{ user: string }>`select current_user as user`.execute(db);
    if (me.rows[0]!.user === options.appRole) {
      throw new EsaError('CONFIG_INVALID', {
        variables: [
          {
            name: 'MIGRATION_DATABASE_URL',
            message: `pnpm migrate ต้องใช้บทบาทเจ้าของ ไม่ใช่ ${options.appRole} / pnpm migrate must connect as the owner role, not as the application role ${options.appRole}`,
          },
        ],
      });
    }
  }
  const migrations = await migrateToLatest(db);
  const { published } = await publishWorkflows(db, registry);
  // who holds the steps: filled for the cases written before the engine stored it (migration 2026_12_09_0200), and
  // written again for every active case when this program's rule differs from the one they were written by
  const holders = await refreshStoredHolders(db, registry);
  const settings = await sql<{ autovacuum: boolean }>`
    select current_setting('autovacuum')::boolean and current_setting('track_counts')::boolean as autovacuum`.execute(db);
  const autovacuum = settings.rows[0]!.autovacuum;
  const appRole = options.appRole ? await grantAppRole(db, options.appRole, { queueInPostgres: options.queueInPostgres ?? true }) : null;
  return { migrations, published, workflows: registry.list().length, holders, autovacuum, appRole };
}
