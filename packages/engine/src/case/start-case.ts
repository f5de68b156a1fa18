import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { initialTransition } from 'xstate';
import type { CaseScope } from '../access/actor';
import { actingRolesFor } from '../access/authorize';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { activeStepPaths, stateKey } from '../workflow/state-paths';
import type { EngineInput } from '../workflow/types';
import { isUuid } from './case.repository';
import type { CommandResult, StartCaseCommand } from './command-types';
import type { EngineDeps } from './engine-deps';
import { commitTransition } from './command-pipeline';
import { claimKeyCte, existingClaim, requestHashOf } from './idempotency';
import { toStoredSnapshot } from './machine-snapshot';
import { parseOrThrow } from './validate-payload';

export const START_EVENT = '@start';

/** Opens a case in its own transaction. */
export async function startCase(deps: EngineDeps, cmd: StartCaseCommand): Promise<CommandResult> {
  return deps.db.transaction().execute((trx) => startCaseInTransaction(deps, trx, cmd));
}

/**
 * Opens a case inside the caller's transaction: authorizes the starter,
 * validates the input, computes the initial state, writes the case, its first
 * history row and the outbox rows for whoever must act first.
 */
export async function startCaseInTransaction(deps: EngineDeps, trx: Transaction<DB>, cmd: StartCaseCommand): Promise<CommandResult> {
  const def = cmd.version === undefined ? deps.registry.latest(cmd.workflowId) : deps.registry.get(cmd.workflowId, cmd.version);
  const scope = { officeId: cmd.officeId, schoolId: cmd.schoolId ?? null, subjectPersonId: cmd.subjectPersonId ?? null };
  const roles = actingRolesFor(cmd.actor, scope, def.starters);
  if (roles.length === 0) throw new EsaError('FORBIDDEN', { action: 'start', workflow: def.key });
  const data = parseOrThrow(def.input, cmd.input, 'INVALID_INPUT');
  const title = cmd.title.trim();
  if (!title) throw new EsaError('INVALID_INPUT', { issues: [{ path: 'title', code: 'too_small', message: 'title is empty' }] });

  const key = cmd.idempotencyKey;
  const claim =
    key === undefined
      ? undefined
      : { actorId: cmd.actor.id, key, command: 'start', request: { workflow: def.key, scope, title, input: cmd.input } };
  const checked = await claimKeyAndCheckScope<CommandResult>(trx, claim, scope);
  if (checked.kind === 'replay') return { ...checked.response, replayed: true };

  const now = deps.clock.now();
  const caseId = randomUUID();
  const input: EngineInput = { data, caseId, ...scope, at: now.toISOString() };
  const [snapshot] = initialTransition(def.machine, input);
  if (snapshot.status === 'error') throw new EsaError('INTERNAL', { reason: 'initial transition failed', workflow: def.key });
  const state = stateKey(snapshot.value);
  const status = snapshot.status === 'done' ? 'done' : 'active';
  return commitTransition(deps, trx, {
    def,
    actor: cmd.actor,
    roles,
    eventType: START_EVENT,
    payload: data,
    reason: null,
    // the new case as it opens: nothing recorded yet
    record: {
      id: caseId,
      workflowId: def.id,
      workflowVersion: def.version,
      ...scope,
      title,
      state,
      status,
      snapshot: {},
      revision: 0,
      historyLength: 0,
      historyHead: '',
      createdBy: cmd.actor.id,
      createdAt: now,
      updatedAt: now,
    },
    isNew: true,
    before: [],
    after: activeStepPaths(snapshot.value),
    state,
    status,
    snapshotJson: JSON.stringify(toStoredSnapshot(def, snapshot)),
    context: snapshot.context,
    now,
    ...(key === undefined ? {} : { idempotencyKey: key }),
  });
}

/**
 * Claims the key (when there is one) and checks the scope in one statement:
 * the office exists, and the school and the person (when named) are of it —
 * the first missing one refused. A key already used replays its answer
 * before the scope is judged, as a separate claim would.
 */
async function claimKeyAndCheckScope<T>(
  trx: Transaction<DB>,
  claim: { actorId: string; key: string; command: string; request: unknown } | undefined,
  { officeId, schoolId, subjectPersonId }: CaseScope,
): Promise<{ kind: 'replay'; response: T } | { kind: 'fresh' }> {
  const exists = (id: string | null, query: (id: string) => RawBuilder<boolean>) =>
    id === null ? sql<boolean>`true` : isUuid(id) && isUuid(officeId) ? query(id) : sql<boolean>`false`;
  const checks = [
    exists(officeId, (id) => sql<boolean>`exists (select 1 from offices where id = ${id}::uuid)`).as('office'),
    exists(schoolId, (id) => sql<boolean>`exists (select 1 from schools where id = ${id}::uuid and office_id = ${officeId}::uuid)`).as(
      'school',
    ),
    exists(
      subjectPersonId,
      (id) => sql<boolean>`exists (select 1 from people where id = ${id}::uuid and office_id = ${officeId}::uuid)`,
    ).as('person'),
  ];
  let found: { office: boolean; school: boolean; person: boolean };
  if (claim === undefined) {
    found = await trx.selectNoFrom(checks).executeTakeFirstOrThrow();
  } else {
    const requestHash = requestHashOf(claim.request);
    const row = await trx
      .with('claim', (db) => claimKeyCte(db, claim, requestHash))
      .selectNoFrom([...checks, sql<boolean>`exists (select 1 from claim)`.as('claimed')])
      .executeTakeFirstOrThrow();
    if (!row.claimed) return { kind: 'replay', response: (await existingClaim(trx, claim, requestHash)).response as T };
    found = row;
  }
  if (!found.office) throw new EsaError('OFFICE_NOT_FOUND', { officeId });
  if (!found.school) throw new EsaError('SCHOOL_NOT_IN_OFFICE', { officeId, schoolId });
  if (!found.person) throw new EsaError('PERSON_NOT_IN_OFFICE', { officeId, subjectPersonId });
  return { kind: 'fresh' };
}

/**
 * Opens a case and, in the same transaction, runs `then` with it — its
 * first events, a reference of another system (an import of requests filed
 * elsewhere, docs/cycles.md "Children imported from another system"): all
 * of it commits, or none of it.
 */
export async function startCaseThen<T>(
  deps: EngineDeps,
  cmd: StartCaseCommand,
  then: (trx: Transaction<DB>, opened: CommandResult) => Promise<T>,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => then(trx, await startCaseInTransaction(deps, trx, cmd)));
}
