/**
 * `pnpm migrate`, after the workflows are published: who holds the steps of
 * the active cases, kept written by this program's rule.
 * - The cases written before the engine stored it (`waiting_for` null) are
 *   filled (`fillCaseWaiting`, 'unfilled').
 * - When the stored holders were written by another rule than this program's
 *   (`holderKeysFingerprint`, access/holder-keys-form.ts, differs from the one
 *   recorded in `stored_forms`, or none is recorded), every active case's are
 *   written again, a page at a time (`fillCaseWaiting`, 'all') — each case
 *   keeps its old holders until its page is written, so an inbox never misses
 *   it — and the fingerprint is recorded only after the last page: a run cut
 *   off halfway is done again by the next `pnpm migrate`.
 */
import { sql } from 'kysely';
import { holderKeysFingerprint } from '../access/holder-keys-form';
import type { Database } from '../db/database';
import type { WorkflowRegistry } from '../workflow/registry';
import { fillCaseWaiting } from './fill-case-waiting';

export async function refreshStoredHolders(
  db: Database,
  registry: WorkflowRegistry,
): Promise<{ filled: number; rewritten: number | null }> {
  const { filled } = await fillCaseWaiting(db, registry, 'unfilled');
  const fingerprint = holderKeysFingerprint();
  const stored = await db.selectFrom('stored_forms').select('fingerprint').where('name', '=', 'holder_keys').executeTakeFirst();
  if (stored?.fingerprint === fingerprint) return { filled, rewritten: null };
  const { filled: rewritten } = await fillCaseWaiting(db, registry, 'all');
  await db
    .insertInto('stored_forms')
    .values({ name: 'holder_keys', fingerprint, recorded_at: sql`now()` })
    .onConflict((oc) => oc.column('name').doUpdateSet({ fingerprint, recorded_at: sql`now()` }))
    .execute();
  return { filled, rewritten };
}
