/**
 * `pnpm migrate`, before it fills the holders not yet stored
 * (fill-case-waiting.ts): when the stored holder keys were written by a rule
 * other than this program's (`holderKeysFingerprint`, access/holder-keys-form.ts,
 * differs from the one recorded in `stored_forms`), the active cases' holders
 * are cleared — null: "not filled yet" — and the new fingerprint recorded, in
 * one transaction; the fill then writes them by this program's rule. A run
 * cut off after that leaves nulls, which the next `pnpm migrate` fills.
 */
import { sql } from 'kysely';
import { holderKeysFingerprint } from '../access/holder-keys-form';
import type { Database } from '../db/database';

export async function refreshStoredHolders(db: Database): Promise<{ cleared: number | null }> {
  const fingerprint = holderKeysFingerprint();
  return db.transaction().execute(async (trx) => {
    const stored = await trx
      .selectFrom('stored_forms')
      .select('fingerprint')
      .where('name', '=', 'holder_keys')
      .forUpdate()
      .executeTakeFirst();
    if (stored?.fingerprint === fingerprint) return { cleared: null };
    const cleared = await trx
      .updateTable('cases')
      .set({ waiting_for: null, waiting_keys: null })
      .where('status', '=', 'active')
      .where('waiting_for', 'is not', null)
      .executeTakeFirst();
    await trx
      .insertInto('stored_forms')
      .values({ name: 'holder_keys', fingerprint, recorded_at: sql`now()` })
      .onConflict((oc) => oc.column('name').doUpdateSet({ fingerprint, recorded_at: sql`now()` }))
      .execute();
    return { cleared: Number(cleared.numUpdatedRows) };
  });
}
