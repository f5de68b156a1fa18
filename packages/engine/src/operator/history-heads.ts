/**
 * What a signed checkpoint of the case histories is written from and checked
 * against (the operator's history-checkpoint.ts keeps the files and the
 * signature): every case's (id, history_length, history_head) in one
 * consistent snapshot, and a case's history row at a given length.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';

export interface HistoryHead {
  id: string;
  history_length: number;
  history_head: string | null;
}

/**
 * Reads every case's head in pages by id, in one read-only repeatable-read
 * transaction, handing each page to `onPage` as it comes; returns the
 * moment of that snapshot (ISO).
 */
export async function readHistoryHeads(db: Database, pageSize: number, onPage: (page: HistoryHead[]) => Promise<void>): Promise<string> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      const moment = (await sql<{ now: Date }>`select now() as now`.execute(trx)).rows[0]!.now;
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const page = await trx
          .selectFrom('cases')
          .select(['id', 'history_length', 'history_head'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(pageSize)
          .execute();
        if (page.length === 0) break;
        await onPage(page);
        after = page[page.length - 1]!.id;
        if (page.length < pageSize) break;
      }
      return moment.toISOString();
    });
}

/** For each (case id, length): the case's history length now (null: no such case) and the hash of its row at that length (null: none). */
export async function historyRowsAtLengths(
  db: Database,
  ids: readonly string[],
  lengths: readonly number[],
): Promise<{ id: string; len: number; history_length: number | null; hash: string | null }[]> {
  const found = await sql<{ id: string; len: number; history_length: number | null; hash: string | null }>`
      select e.id::text as id, e.len, c.history_length, h.hash
        from unnest(${ids}::uuid[], ${lengths}::int[]) as e(id, len)
        left join cases c on c.id = e.id
        left join case_history h on h.case_id = e.id and h.seq = e.len`.execute(db);
  return found.rows;
}
