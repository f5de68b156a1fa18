import { createHash } from 'node:crypto';
import { stableStringify } from '../workflow/stable-json';

/** The fields of a history row that its hash covers (everything but the hash). */
export interface HashedHistoryFields {
  caseId: string;
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string;
  actorRoles: readonly string[];
  eventType: string;
  payload: unknown;
  reason: string | null;
  fromState: string | null;
  toState: string;
  prevHash: string | null;
  /** accepted after its date guard's moment (`mark_late`); absent or null otherwise */
  late?: LateMark | null;
  /** sent under acting grants only (รักษาราชการแทน); absent or null otherwise */
  acting?: ActingMark | null;
}

export interface ActingMark {
  /** the roles the actor held only as acting for their holder */
  roles: readonly string[];
}

export interface LateMark {
  /** the moment the guard named (ISO) */
  until: string;
  lateMinutes: number;
  rule: { th: string; en: string };
}

/**
 * sha256 over the row's fields and the previous row's hash: editing, removing
 * or reordering any row breaks the chain from that row on.
 */
export function historyRowHash(row: HashedHistoryFields): string {
  return createHash('sha256')
    .update(
      stableStringify({
        caseId: row.caseId,
        seq: row.seq,
        at: row.at.toISOString(),
        actorKind: row.actorKind,
        actorId: row.actorId,
        actorRoles: row.actorRoles,
        eventType: row.eventType,
        payload: row.payload ?? null,
        reason: row.reason,
        fromState: row.fromState,
        toState: row.toState,
        prevHash: row.prevHash,
        // only rows marked late carry it, so the hashes of every other row stay as they were
        ...(row.late ? { late: row.late } : {}),
        ...(row.acting ? { acting: row.acting } : {}),
      }),
    )
    .digest('hex');
}
