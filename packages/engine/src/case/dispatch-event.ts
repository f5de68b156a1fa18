import type { Transaction } from 'kysely';
import { transition } from 'xstate';
import { actingOnlyRoles, actingRolesFor, canReadCase } from '../access/authorize';
import { isSelfDealing } from '../access/segregation';
import { assignedTo, contextOfSnapshot } from '../access/assignee';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { activeStepPaths, eventsAtStep, stateKey } from '../workflow/state-paths';
import type { EngineEvent } from '../workflow/types';
import { caseWaitingColumns, isUuid, writeCaseRow } from './case.repository';
import type { CommandResult, DispatchCommand } from './command-types';
import type { EngineDeps } from './engine-deps';
import { chainHistoryRow, insertHistoryRow, lastStepChangeAt } from './history.repository';
import { claimKeyAndLockCase } from './idempotency';
import { fromStoredSnapshot, toStoredSnapshot } from './machine-snapshot';
import { writeNoticeNotifications, writeTaskNotifications } from './outbox';
import { parseOrThrow } from './validate-payload';
import { applySlaForTransition } from '../sla/apply-sla';
import { attachFilesOfPayload } from '../files/file-service';
import { evaluateDateGuard } from '../sla/date-guard';
import { momentOfValue, valueAtPath } from '../sla/data-moment';
import type { EventMeta } from '../workflow/types';

/** Sends an event to a case in its own transaction. */
export async function dispatchEvent(deps: EngineDeps, cmd: DispatchCommand): Promise<CommandResult> {
  return deps.db.transaction().execute((trx) => dispatchEventInTransaction(deps, trx, cmd));
}

/**
 * One command, inside the caller's transaction (design.md §3):
 * idempotency → lock → authorize → validate → transition → history → outbox → case row.
 * Anything thrown rolls the whole transaction back: nothing is written.
 */
export async function dispatchEventInTransaction(deps: EngineDeps, trx: Transaction<DB>, cmd: DispatchCommand): Promise<CommandResult> {
  const key = cmd.idempotencyKey;
  const claim = await claimKeyAndLockCase<CommandResult>(
    trx,
    key === undefined
      ? undefined
      : {
          actorId: cmd.actor.id,
          key,
          command: 'dispatch',
          request: { caseId: cmd.caseId, type: cmd.type, payload: cmd.payload ?? null, reason: cmd.reason ?? null },
        },
    cmd.caseId,
  );
  if (claim.kind === 'replay') return { ...claim.response, replayed: true };
  const record = claim.record;
  if (!record || !canReadCase(cmd.actor, record)) throw new EsaError('CASE_NOT_FOUND', { caseId: cmd.caseId });
  if (cmd.expectedRevision !== undefined && cmd.expectedRevision !== record.revision) {
    throw new EsaError('REVISION_CONFLICT', { caseId: record.id, expected: cmd.expectedRevision, actual: record.revision });
  }

  const def = deps.registry.get(record.workflowId, record.workflowVersion);
  const meta = def.events[cmd.type];
  if (!meta) throw new EsaError('UNKNOWN_EVENT', { type: cmd.type, workflow: def.key });
  const systemOnly = deps.registry.systemOnly(def, cmd.type);
  if (systemOnly && cmd.actor.kind !== 'system') {
    throw new EsaError('SYSTEM_ONLY_EVENT', { type: cmd.type, caseId: record.id, via: { th: systemOnly.th, en: systemOnly.en } });
  }
  // a step assigned per case (access/assignee.ts): the case's data names the role and the school
  const assigned = assignedTo(meta, record, contextOfSnapshot(record.snapshot));
  const roles = actingRolesFor(cmd.actor, assigned.scope, assigned.roles);
  if (roles.length === 0) throw new EsaError('FORBIDDEN', { action: cmd.type, caseId: record.id });
  if (isSelfDealing(cmd.actor, record, assigned.roles)) throw new EsaError('SELF_DEALING_REFUSED', { action: cmd.type, caseId: record.id });
  const payload = parseOrThrow(meta.payload, cmd.payload ?? {}, 'INVALID_PAYLOAD');
  if (meta.schoolRefs) await assertSchoolsOfOffice(trx, record.officeId, payload, meta.schoolRefs);

  const now = deps.clock.now();
  const event: EngineEvent = {
    type: cmd.type,
    payload,
    actor: { kind: cmd.actor.kind, id: cmd.actor.id, roles },
    at: now.toISOString(),
  };
  const snapshot = fromStoredSnapshot(def, record.snapshot);
  if (record.status === 'done' || !snapshot.can(event)) {
    const handledHere =
      record.status !== 'done' && record.state.split(',').some((path) => eventsAtStep(def.machine, path).includes(cmd.type));
    const why = handledHere && meta.explainRefusal ? meta.explainRefusal(snapshot.context, event) : null;
    if (why) throw new EsaError(why.code, { type: cmd.type, state: record.state, ...why.details });
    throw new EsaError('EVENT_NOT_ALLOWED', { type: cmd.type, state: record.state });
  }
  const occurredAt = meta.occurredAt
    ? checkOccurredAt(meta, payload, {
        context: snapshot.context,
        enteredAt: (await lastStepChangeAt(trx, record.id)) ?? record.createdAt,
        now,
      })
    : null;
  const guardNow = meta.dateGuard?.against === 'occurred_at' && occurredAt ? occurredAt : now;
  const guard = await evaluateDateGuard(trx, deps.calendars, { def, record, type: cmd.type, context: snapshot.context, now: guardNow });
  if (guard.kind === 'refuse') {
    throw new EsaError('DEADLINE_PASSED', {
      type: cmd.type,
      until: guard.until.toISOString(),
      rule: { th: guard.rule.th, en: guard.rule.en },
    });
  }
  const [next] = transition(def.machine, snapshot, event);
  if (next.status === 'error') throw new EsaError('INTERNAL', { reason: 'transition failed', workflow: def.key });

  // รักษาราชการแทน: sent under acting grants only, the history row says so
  const acting = actingOnlyRoles(cmd.actor, assigned.scope, roles);
  const before = new Set(activeStepPaths(snapshot.value));
  const entered = activeStepPaths(next.value).filter((p) => !before.has(p));
  const state = stateKey(next.value);
  const status = next.status === 'done' ? 'done' : 'active';

  const entry = chainHistoryRow(
    {
      caseId: record.id,
      at: now,
      actorKind: cmd.actor.kind,
      actorId: cmd.actor.id,
      actorRoles: roles,
      eventType: cmd.type,
      payload,
      reason: cmd.reason ?? null,
      fromState: record.state,
      toState: state,
      ...(guard.kind === 'late' ? { late: guard.mark } : {}),
      ...(acting.length > 0 ? { acting: { roles: acting } } : {}),
    },
    { seq: record.historyLength, hash: record.historyHead },
  );
  await insertHistoryRow(trx, entry);
  await attachFilesOfPayload(trx, { actor: cmd.actor, caseId: record.id, scope: record, payload, seq: entry.seq, now });
  await applySlaForTransition(trx, deps.calendars, {
    caseId: record.id,
    officeId: record.officeId,
    def,
    before: [...before],
    after: activeStepPaths(next.value),
    seq: entry.seq,
    now,
    done: status === 'done',
    context: next.context,
    ...(occurredAt ? { triggerAt: occurredAt } : {}),
  });
  await writeTaskNotifications(trx, {
    record,
    def,
    historySeq: entry.seq,
    enteredSteps: entered,
    at: now,
    eventPayload: payload,
    context: next.context,
  });
  if (meta.informs) await writeNoticeNotifications(trx, { record, def, historySeq: entry.seq, state, informs: meta.informs, at: now });
  const revision = record.revision + 1;
  const result: CommandResult = { caseId: record.id, revision, state, status, historySeq: entry.seq, replayed: false };
  const stored = toStoredSnapshot(def, next);
  await writeCaseRow(
    trx,
    record.id,
    {
      state,
      status,
      snapshot: JSON.stringify(stored),
      ...caseWaitingColumns(def, { ...record, state, status }, () => stored.context),
      revision,
      history_length: entry.seq,
      history_head: entry.hash,
      updated_at: now,
    },
    key === undefined ? undefined : { actorId: cmd.actor.id, key, response: result },
  );
  return result;
}

/**
 * The moment an event says it happened (`occurredAt` in its payload, when its
 * metadata declares it): not in the future, not before its bound. The clocks
 * the event opens count from it; history keeps it (payload) beside the moment
 * it was entered (`at`).
 */
function checkOccurredAt(meta: EventMeta, payload: unknown, args: { context: unknown; enteredAt: Date; now: Date }): Date | null {
  if (!meta.occurredAt) return null;
  const raw = (payload as { occurredAt?: unknown } | null)?.occurredAt;
  if (raw === undefined || raw === null) return null;
  const at = momentOfValue(raw);
  if (!at) throw new EsaError('INVALID_PAYLOAD', { issues: [{ path: 'occurredAt', code: 'invalid_date', message: 'not a moment' }] });
  if (at.getTime() > args.now.getTime())
    throw new EsaError('OCCURRED_AT_IN_FUTURE', { occurredAt: at.toISOString(), now: args.now.toISOString() });
  const nb = meta.occurredAt.notBefore;
  const bound = nb === 'step_entered' ? args.enteredAt : momentOfValue(valueAtPath(args.context, nb));
  if (bound && at.getTime() < bound.getTime()) {
    throw new EsaError('OCCURRED_AT_TOO_EARLY', { occurredAt: at.toISOString(), notBefore: bound.toISOString() });
  }
  return at;
}

/**
 * The schools a payload names (`EventMeta.schoolRefs`) exist and are of the
 * case's office; else `SCHOOL_NOT_IN_OFFICE` naming the first one that is not.
 */
async function assertSchoolsOfOffice(
  trx: Transaction<DB>,
  officeId: string,
  payload: unknown,
  refs: NonNullable<EventMeta['schoolRefs']>,
): Promise<void> {
  const named: { path: string; schoolId: unknown }[] = [];
  for (const ref of refs) {
    const list = ref.list === undefined ? undefined : valueAtPath(payload, ref.list);
    const items =
      ref.list === undefined
        ? [{ path: ref.field, item: payload }]
        : (Array.isArray(list) ? list : []).map((item: unknown, i) => ({ path: `${ref.list}.${i}.${ref.field}`, item }));
    for (const { path, item } of items) {
      if (typeof item !== 'object' || item === null) continue;
      const o = item as Record<string, unknown>;
      if (ref.unless !== undefined && o[ref.unless] !== undefined && o[ref.unless] !== null) continue;
      named.push({ path, schoolId: o[ref.field] });
    }
  }
  if (named.length === 0) return;
  const ids = [...new Set(named.map((n) => n.schoolId).filter((id): id is string => typeof id === 'string' && isUuid(id)))];
  const found =
    ids.length === 0 ? [] : await trx.selectFrom('schools').select('id').where('id', 'in', ids).where('office_id', '=', officeId).execute();
  const ok = new Set(found.map((r) => r.id));
  const bad = named.find((n) => typeof n.schoolId !== 'string' || !ok.has(n.schoolId));
  if (bad) throw new EsaError('SCHOOL_NOT_IN_OFFICE', { officeId, schoolId: bad.schoolId, path: bad.path });
}
