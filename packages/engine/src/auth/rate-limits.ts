/**
 * Fixed-window rate-limit counters in PostgreSQL, shared by every API
 * process (a limit of 10 a minute is 10 a minute however many processes run).
 * One atomic upsert per hit; the worker's purge deletes old windows.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';

/** Counts a hit on `bucket` and says whether it is within `max` per `windowMs`. */
export async function takeRateLimit(db: Database, bucket: string, max: number, windowMs: number, now: Date): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await db
    .insertInto('rate_limit_hits')
    .values({ bucket: bucket.slice(0, 300), window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql<number>`rate_limit_hits.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits <= max;
}
