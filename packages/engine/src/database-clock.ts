/**
 * The database's clock, read through the process's own. Due moments are
 * compared with "now" in several processes (every worker, the API); if one
 * machine's clock runs ahead, it would fire timers and send mail early. So a
 * process measures how far its clock is from PostgreSQL's (`clock_timestamp()`,
 * the round trip halved, the best of a few samples) and adds that to every
 * reading: all processes then agree with the one database, whatever their
 * machines say. Readings stay synchronous (a Clock), the offset is measured
 * again every so often (`sync`), and a failed measurement keeps the last one.
 */
import { sql } from 'kysely';
import type { Clock } from './clock';
import type { Database } from './db/database';

export interface DatabaseClock extends Clock {
  /** measures the offset again; resolves with it (ms the database is ahead of the local clock) */
  sync(): Promise<{ offsetMs: number; roundTripMs: number }>;
  /** the offset in use (0 until the first sync) */
  offsetMs(): number;
}

/** PostgreSQL's clock, in ms since the epoch. */
export function readDatabaseTime(db: Database): () => Promise<number> {
  return async () => {
    const r = await sql<{ ms: number }>`select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms`.execute(db);
    return Number(r.rows[0]!.ms);
  };
}

export function databaseClock(local: Clock, readReference: () => Promise<number>, samples = 3): DatabaseClock {
  let offset = 0;
  return {
    now: () => new Date(local.now().getTime() + offset),
    offsetMs: () => offset,
    async sync() {
      let best: { offsetMs: number; roundTripMs: number } | undefined;
      for (let i = 0; i < samples; i++) {
        const before = local.now().getTime();
        const reference = await readReference();
        const after = local.now().getTime();
        const roundTripMs = after - before;
        // the reference was read somewhere in the round trip: its middle is the best guess
        const sample = { offsetMs: Math.round(reference - (before + after) / 2), roundTripMs };
        if (!best || sample.roundTripMs < best.roundTripMs) best = sample;
      }
      offset = best!.offsetMs;
      return best!;
    },
  };
}
