/**
 * The database's table types. They are generated from a migrated database
 * (`pnpm run schema:types`, kysely-codegen; `pnpm test` fails when the file is
 * stale), so they cannot drift from the migrations; what a column means is a
 * database comment (migration 0012) carried into the generated doc comments.
 */
export type { DB } from './schema.generated';
export type { CycleRuns as CycleRunsTable, SlaClocks as SlaClocksTable } from './schema.generated';
