import { sql } from 'kysely';
import type { Database } from './database';

/** The first key of every pass lock ("esa pass"); the second is hashtext(pass name). */
const PASS_LOCK_NAMESPACE = 0x0e5a9a55;

/**
 * Runs `fn` only if no other process is running the same pass: a session
 * advisory lock (`pg_try_advisory_lock`) taken on one pooled connection,
 * held while `fn` runs on the others, released after. A process that dies
 * holding it loses its session and so the lock. Returns undefined when
 * another process has it: that process is doing the work right now.
 *
 * Every pass is also safe to run twice (docs/architecture.md): the lock only
 * saves the duplicate work, it is not what makes the passes correct.
 */
export async function withPassLock<T>(db: Database, pass: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  return db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${PASS_LOCK_NAMESPACE}, hashtext(${pass})) as ok`.execute(conn);
    if (!got.rows[0]?.ok) return { ran: false as const };
    try {
      return { ran: true as const, value: await fn() };
    } finally {
      await sql`select pg_advisory_unlock(${PASS_LOCK_NAMESPACE}, hashtext(${pass}))`.execute(conn).catch(() => undefined);
    }
  });
}
