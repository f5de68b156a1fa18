import { hash } from 'node:crypto';
import { sql, type Kysely, type QueryCreator, type Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { stableStringify } from '../workflow/stable-json';
import { executeShape } from '../db/statement-shape';
import { CASE_RECORD_COLUMNS, caseRowToRecord, isUuid, lockCaseById, type CaseRecord } from './case.repository';

export type IdempotencyClaim<T> = { kind: 'fresh' } | { kind: 'replay'; response: T };

/**
 * Claims an idempotency key inside the command's transaction. A concurrent
 * command with the same key waits on the unique index until the first one
 * commits, then replays its stored response; if the first rolled back, the
 * second proceeds as fresh. The same key with a different request is refused.
 */
export async function claimIdempotencyKey<T>(
  trx: Transaction<DB>,
  claim: { actorId: string; key: string; command: string; request: unknown },
): Promise<IdempotencyClaim<T>> {
  const requestHash = requestHashOf(claim.request);
  const inserted = await claimKeyCte(trx, claim, requestHash).executeTakeFirst();
  if (inserted) return { kind: 'fresh' };
  return { kind: 'replay', response: (await existingClaim(trx, claim, requestHash)).response as T };
}

/**
 * A command on one case (dispatch, extending a deadline): claims the key and
 * locks the case row in one statement — one round trip instead of two, the same
 * waits (a concurrent command with the key waits on the unique index, one on the
 * case waits on its row) and the same answers as `claimIdempotencyKey` followed
 * by `lockCaseById`. `record` is undefined when there is no such case. Without
 * a key (`claim` undefined), only the lock.
 */
export async function claimKeyAndLockCase<T>(
  trx: Transaction<DB>,
  claim: { actorId: string; key: string; command: string; request: unknown } | undefined,
  caseId: string,
): Promise<{ kind: 'replay'; response: T } | { kind: 'fresh'; record: CaseRecord | undefined }> {
  if (claim === undefined) return { kind: 'fresh', record: await lockCaseById(trx, caseId) };
  if (!isUuid(caseId)) {
    const claimed = await claimIdempotencyKey<T>(trx, claim);
    return claimed.kind === 'replay' ? claimed : { kind: 'fresh', record: undefined };
  }
  const requestHash = requestHashOf(claim.request);
  const statement = claimAndLockStatement(trx, { ...claim, requestHash }, caseId);
  const { rows } = await executeShape(trx, statement.key, statement.values, statement.build);
  const row = rows[0];
  if (row?.claimed) return { kind: 'fresh', record: caseRowToRecord(row) };
  const existing = await existingClaim(trx, claim, requestHash);
  if (row) return { kind: 'replay', response: existing.response as T };
  // no such case: the key's row is this command's own claim (a command on a case that never existed never committed one)
  return existing.response === null ? { kind: 'fresh', record: undefined } : { kind: 'replay', response: existing.response as T };
}

/**
 * The key's claim: alone (`claimIdempotencyKey`), or as a data-modifying CTE
 * (`with claim as (…)`) of the statement that also locks or checks what the
 * command needs. It returns the key when this command claimed it, nothing when
 * the key was taken.
 */
export function claimKeyCte(db: QueryCreator<DB>, claim: { actorId: string; key: string; command: string }, requestHash: string) {
  return db
    .insertInto('idempotency_keys')
    .values({ actor_id: claim.actorId, key: claim.key, command: claim.command, request_hash: requestHash })
    .onConflict((oc) => oc.columns(['actor_id', 'key']).doNothing())
    .returning('key');
}

/** The statement of `claimKeyAndLockCase` as a fixed shape (db/statement-shape.ts). */
export function claimAndLockStatement(
  trx: Transaction<DB>,
  claim: { actorId: string; key: string; command: string; requestHash: string },
  caseId: string,
) {
  const values = { actorId: claim.actorId, key: claim.key, command: claim.command, requestHash: claim.requestHash, caseId };
  const build = (v: typeof values) =>
    trx
      .with('claim', (db) => claimKeyCte(db, v, v.requestHash))
      .selectFrom('cases')
      // the columns of a case record, named: a prepared statement's columns stay what they were when a column is added
      .select(CASE_RECORD_COLUMNS.map((c) => `cases.${c}` as const))
      .select(sql<boolean>`exists (select 1 from claim)`.as('claimed'))
      .where('cases.id', '=', v.caseId)
      .forUpdate();
  return { key: 'claim-key-and-lock-case', values, build };
}

export function requestHashOf(request: unknown): string {
  return hash('sha256', stableStringify(request), 'hex');
}

export async function existingClaim(
  trx: Transaction<DB>,
  claim: { actorId: string; key: string; command: string },
  requestHash: string,
): Promise<{ response: unknown }> {
  const existing = await trx
    .selectFrom('idempotency_keys')
    .select(['command', 'request_hash', 'response'])
    .where('actor_id', '=', claim.actorId)
    .where('key', '=', claim.key)
    .executeTakeFirstOrThrow();
  if (existing.command !== claim.command || existing.request_hash !== requestHash) {
    throw new EsaError('IDEMPOTENCY_KEY_REUSED', { key: claim.key });
  }
  return { response: existing.response };
}

/**
 * The stored answer of a command made earlier with this key by this actor,
 * if it committed: a host that checks things before the command (a filing's
 * eligibility) replays the first answer instead of judging the repeat anew.
 */
export async function findIdempotentResponse<T>(
  db: Kysely<DB>,
  claim: { actorId: string; key: string; command: string },
): Promise<T | undefined> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['command', 'response'])
    .where('actor_id', '=', claim.actorId)
    .where('key', '=', claim.key)
    .executeTakeFirst();
  if (!row || row.response === null) return undefined;
  if (row.command !== claim.command) throw new EsaError('IDEMPOTENCY_KEY_REUSED', { key: claim.key });
  return row.response as T;
}
