import type { Insertable, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DB } from '../db/schema';
import { historyRowHash, type ActingMark, type HashedHistoryFields, type LateMark } from './history-hash';

export type NewHistoryRow = Omit<HashedHistoryFields, 'prevHash' | 'seq'>;

export interface HistoryEntry extends HashedHistoryFields {
  hash: string;
}

/** Chains a new row to the previous one: its seq and hash. Pure. `payloadJson`: the payload's stable JSON, when the caller holds it. */
export function chainHistoryRow(row: NewHistoryRow, previous: { seq: number; hash: string | null }, payloadJson?: string): HistoryEntry {
  const entry: HashedHistoryFields = { ...row, seq: previous.seq + 1, prevHash: previous.hash };
  return { ...entry, hash: historyRowHash(entry, payloadJson) };
}

/**
 * Appends one chained row to a case's history. The caller holds the case
 * lock, so `seq` cannot race; the unique key (case_id, seq) would refuse a
 * second writer anyway, and a trigger refuses updates and deletes.
 */
export async function insertHistoryRow(trx: Transaction<DB>, entry: HistoryEntry): Promise<void> {
  await trx.insertInto('case_history').values(historyRowValues(entry)).execute();
}

/** The `case_history` row of a chained entry (`insertHistoryRow`, and a command's one statement, case/command-write.ts). */
export function historyRowValues(entry: HistoryEntry): Insertable<DB['case_history']> {
  return {
    case_id: entry.caseId,
    seq: entry.seq,
    at: entry.at,
    actor_kind: entry.actorKind,
    actor_id: entry.actorId,
    actor_roles: JSON.stringify(entry.actorRoles),
    event_type: entry.eventType,
    payload: JSON.stringify(entry.payload ?? null),
    reason: entry.reason,
    from_state: entry.fromState,
    to_state: entry.toState,
    prev_hash: entry.prevHash,
    hash: entry.hash,
    late: entry.late ? JSON.stringify(entry.late) : null,
    acting: entry.acting ? JSON.stringify(entry.acting) : null,
  };
}

export async function readHistory(db: Database | Transaction<DB>, caseId: string): Promise<HistoryEntry[]> {
  const rows = await db.selectFrom('case_history').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
  return rows.map(toEntry);
}

/** The histories of several cases in one query (audits): case id → rows ordered by seq. */
export async function readHistoriesOf(db: Database, caseIds: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return out;
  const rows = await db.selectFrom('case_history').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').orderBy('seq').execute();
  for (const r of rows) out.get(r.case_id)?.push(toEntry(r));
  return out;
}

function toEntry(r: Selectable<DB['case_history']>): HistoryEntry {
  return {
    caseId: r.case_id,
    seq: r.seq,
    at: r.at,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorRoles: r.actor_roles,
    eventType: r.event_type,
    payload: r.payload,
    reason: r.reason,
    fromState: r.from_state,
    toState: r.to_state,
    prevHash: r.prev_hash,
    hash: r.hash,
    late: (r.late as LateMark | null) ?? null,
    acting: (r.acting as ActingMark | null) ?? null,
  };
}

/** When the case last changed step (its last history row that moved it): where "since the step was entered" counts from. */
export async function lastStepChangeAt(db: Database | Transaction<DB>, caseId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('case_history')
    .select('at')
    .where('case_id', '=', caseId)
    .where((eb) => eb.or([eb('from_state', 'is', null), eb('from_state', '!=', eb.ref('to_state'))]))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.at ?? null;
}
