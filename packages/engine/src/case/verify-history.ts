import type { Database } from '../db/database';
import { findCaseById, type CaseRecord } from './case.repository';
import { historyRowHash } from './history-hash';
import { readHistory, type HistoryEntry } from './history.repository';

export type HistoryProblem =
  /** the row's content does not match its hash: it was edited */
  | 'hash_mismatch'
  /** the row does not point at the previous row's hash: a row before it was replaced */
  | 'chain_broken'
  /** a sequence number is missing: a row was deleted */
  | 'missing_row'
  /** the case row's head hash or length does not match the last row: rows were removed or added at the end */
  | 'head_mismatch';

export type HistoryVerdict = { ok: true; length: number } | { ok: false; seq: number; problem: HistoryProblem };

/** Walks a case's history and reports the first row that was tampered with or is missing. */
export async function verifyHistory(db: Database, caseId: string): Promise<HistoryVerdict> {
  return verifyHistoryRows(await findCaseById(db, caseId), await readHistory(db, caseId));
}

/** The same check on a case and its rows already read (ordered by seq), for audits that read in batches. */
export function verifyHistoryRows(record: CaseRecord | undefined, rows: readonly HistoryEntry[]): HistoryVerdict {
  let prevHash: string | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const expectedSeq = i + 1;
    if (row.seq !== expectedSeq) return { ok: false, seq: expectedSeq, problem: 'missing_row' };
    if (row.prevHash !== prevHash) return { ok: false, seq: row.seq, problem: 'chain_broken' };
    if (historyRowHash(row) !== row.hash) return { ok: false, seq: row.seq, problem: 'hash_mismatch' };
    prevHash = row.hash;
  }
  if (record && (record.historyLength !== rows.length || record.historyHead !== prevHash)) {
    const seq = record.historyLength === rows.length ? rows.length : Math.min(rows.length, record.historyLength) + 1;
    return { ok: false, seq, problem: 'head_mismatch' };
  }
  return { ok: true, length: rows.length };
}
