import { attachFilesOfPayload } from '../files/file-service';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { initialTransition } from 'xstate';
import type { CaseScope } from '../access/actor';
import { contextOfSnapshot } from '../access/assignee';
import { actingRolesFor } from '../access/authorize';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { activeStepPaths, stateKey } from '../workflow/state-paths';
import type { EngineInput, WorkflowDefinition } from '../workflow/types';
import { caseWaitingColumns, isUuid, type CaseRecord } from './case.repository';
import type { CommandResult, StartCaseCommand } from './command-types';
import type { EngineDeps } from './engine-deps';
import { chainHistoryRow, insertHistoryRow } from './history.repository';
import { claimIdempotencyKey, storeIdempotentResponse } from './idempotency';
import { toStoredSnapshot } from './machine-snapshot';
import { writeTaskNotifications } from './outbox';
import { parseOrThrow } from './validate-payload';
import { applySlaForTransition } from '../sla/apply-sla';

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
  if (key !== undefined) {
    const claim = await claimIdempotencyKey<CommandResult>(trx, {
      actorId: cmd.actor.id,
      key,
      command: 'start',
      request: { workflow: def.key, scope, title, input: cmd.input },
    });
    if (claim.kind === 'replay') return { ...claim.response, replayed: true };
  }
  await assertScopeExists(trx, scope);

  const now = deps.clock.now();
  const caseId = randomUUID();
  const input: EngineInput = { data, caseId, ...scope, at: now.toISOString() };
  const [snapshot] = initialTransition(def.machine, input);
  if (snapshot.status === 'error') throw new EsaError('INTERNAL', { reason: 'initial transition failed', workflow: def.key });
  const state = stateKey(snapshot.value);

  const entry = chainHistoryRow(
    {
      caseId,
      at: now,
      actorKind: cmd.actor.kind,
      actorId: cmd.actor.id,
      actorRoles: roles,
      eventType: START_EVENT,
      payload: data,
      reason: null,
      fromState: null,
      toState: state,
    },
    { seq: 0, hash: null },
  );
  const record: CaseRecord = {
    id: caseId,
    workflowId: def.id,
    workflowVersion: def.version,
    ...scope,
    title,
    state,
    status: snapshot.status === 'done' ? 'done' : 'active',
    snapshot: toStoredSnapshot(def, snapshot) as unknown as Record<string, unknown>,
    revision: 1,
    historyLength: 1,
    historyHead: entry.hash,
    createdBy: cmd.actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await insertCase(trx, record, def);
  await insertHistoryRow(trx, entry);
  await attachFilesOfPayload(trx, { actor: cmd.actor, caseId, scope, payload: data, seq: 1, now });
  await applySlaForTransition(trx, deps.calendars, {
    caseId,
    officeId: scope.officeId,
    def,
    before: [],
    after: activeStepPaths(snapshot.value),
    seq: 1,
    now,
    done: record.status === 'done',
    context: snapshot.context,
  });
  await writeTaskNotifications(trx, {
    record,
    def,
    historySeq: 1,
    enteredSteps: activeStepPaths(snapshot.value),
    at: now,
    context: snapshot.context,
  });
  const result: CommandResult = {
    caseId,
    revision: 1,
    state,
    status: record.status,
    historySeq: 1,
    replayed: false,
  };
  if (key !== undefined) await storeIdempotentResponse(trx, { actorId: cmd.actor.id, key }, caseId, result);
  return result;
}

async function insertCase(trx: Transaction<DB>, record: CaseRecord, def: WorkflowDefinition): Promise<void> {
  await trx
    .insertInto('cases')
    .values({
      id: record.id,
      workflow_id: record.workflowId,
      workflow_version: record.workflowVersion,
      office_id: record.officeId,
      school_id: record.schoolId,
      subject_person_id: record.subjectPersonId,
      title: record.title,
      state: record.state,
      status: record.status,
      snapshot: JSON.stringify(record.snapshot),
      revision: record.revision,
      history_length: record.historyLength,
      history_head: record.historyHead,
      created_by: record.createdBy,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
      ...caseWaitingColumns(def, record, () => contextOfSnapshot(record.snapshot)),
    })
    .execute();
}

async function assertScopeExists(trx: Transaction<DB>, { officeId, schoolId, subjectPersonId }: CaseScope): Promise<void> {
  const office = !isUuid(officeId) ? undefined : await trx.selectFrom('offices').select('id').where('id', '=', officeId).executeTakeFirst();
  if (!office) throw new EsaError('OFFICE_NOT_FOUND', { officeId });
  if (schoolId !== null) {
    const school = !isUuid(schoolId)
      ? undefined
      : await trx.selectFrom('schools').select('id').where('id', '=', schoolId).where('office_id', '=', officeId).executeTakeFirst();
    if (!school) throw new EsaError('SCHOOL_NOT_IN_OFFICE', { officeId, schoolId });
  }
  if (subjectPersonId !== null) {
    const person = !isUuid(subjectPersonId)
      ? undefined
      : await trx.selectFrom('people').select('id').where('id', '=', subjectPersonId).where('office_id', '=', officeId).executeTakeFirst();
    if (!person) throw new EsaError('PERSON_NOT_IN_OFFICE', { officeId, subjectPersonId });
  }
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
