import type { Insertable } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';

/**
 * Writes the day's digest notifications (one per person, `step` = the day):
 * a person who already has that day's digest keeps it and gets no second
 * one (the partial unique index on recipient and step for digests).
 */
export async function insertDigestNotifications(db: Database, rows: readonly Insertable<DB['notifications']>[]): Promise<void> {
  await db
    .insertInto('notifications')
    .values([...rows])
    .onConflict((oc) => oc.columns(['recipient_user_id', 'step']).where('kind', '=', 'digest').doNothing())
    .execute();
}
