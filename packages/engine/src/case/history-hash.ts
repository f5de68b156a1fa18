import { hash } from 'node:crypto';
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
 * or reordering any row breaks the chain from that row on. The hashed text is
 * the stable JSON (keys sorted) of the fields; `payloadJson`, when the caller
 * already holds the payload's stable JSON, is used as it is instead of
 * writing it again.
 */
export function historyRowHash(row: HashedHistoryFields, payloadJson?: string): string {
  return hash('sha256', historyHashText(row, payloadJson), 'hex');
}

/**
 * The text the hash covers: exactly `stableStringify` of the fields (keys in
 * sorted order, `late` and `acting` only on the rows that carry them),
 * written field by field so the payload is not walked a second time.
 */
export function historyHashText(row: HashedHistoryFields, payloadJson: string = stableStringify(row.payload ?? null)): string {
  // in sorted key order; a field left undefined is left out, as stableStringify leaves it out
  const fields: [string, string | undefined][] = [
    ['acting', row.acting ? stableStringify(row.acting) : undefined],
    ['actorId', JSON.stringify(row.actorId)],
    ['actorKind', JSON.stringify(row.actorKind)],
    ['actorRoles', stableStringify(row.actorRoles)],
    ['at', JSON.stringify(row.at.toISOString())],
    ['caseId', JSON.stringify(row.caseId)],
    ['eventType', JSON.stringify(row.eventType)],
    ['fromState', JSON.stringify(row.fromState)],
    ['late', row.late ? stableStringify(row.late) : undefined],
    ['payload', payloadJson],
    ['prevHash', JSON.stringify(row.prevHash)],
    ['reason', JSON.stringify(row.reason)],
    ['seq', JSON.stringify(row.seq)],
    ['toState', JSON.stringify(row.toState)],
  ];
  let text = '';
  for (const [key, json] of fields) if (json !== undefined) text += `${text === '' ? '{' : ','}"${key}":${json}`;
  return `${text}}`;
}
