import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { stableStringify } from '../workflow/stable-json';

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
  const requestHash = createHash('sha256').update(stableStringify(claim.request)).digest('hex');
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ actor_id: claim.actorId, key: claim.key, command: claim.command, request_hash: requestHash })
    .onConflict((oc) => oc.columns(['actor_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { kind: 'fresh' };
  const existing = await trx
    .selectFrom('idempotency_keys')
    .select(['command', 'request_hash', 'response'])
    .where('actor_id', '=', claim.actorId)
    .where('key', '=', claim.key)
    .executeTakeFirstOrThrow();
  if (existing.command !== claim.command || existing.request_hash !== requestHash) {
    throw new EsaError('IDEMPOTENCY_KEY_REUSED', { key: claim.key });
  }
  return { kind: 'replay', response: existing.response as T };
}

export async function storeIdempotentResponse(
  trx: Transaction<DB>,
  claim: { actorId: string; key: string },
  caseId: string,
  response: unknown,
): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(response), case_id: caseId })
    .where('actor_id', '=', claim.actorId)
    .where('key', '=', claim.key)
    .execute();
}

/**
 * The stored answer of a command made earlier with this key by this actor,
 * if it committed: a host that checks things before the command (a filing's
 * eligibility) replays the first answer instead of judging the repeat anew.
 */
export async function findIdempotentResponse<T>(db: Kysely<DB>, claim: { actorId: string; key: string; command: string }): Promise<T | undefined> {
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
