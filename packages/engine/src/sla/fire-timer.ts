/**
 * Firing SLA timers: one transaction that takes the timer rows with
 * `FOR UPDATE SKIP LOCKED` (a second worker on the same timer skips it),
 * re-checks that it is still pending, still this revision, due, and that its
 * clock still runs (the case may have moved on), then writes the notification
 * rows, plans the next escalation, and marks the timer fired. A worker killed
 * mid-way leaves nothing: the transaction rolls back and the timer is still
 * pending for the next attempt.
 */
import { sql, type Transaction } from 'kysely';
import { SYSTEM_ACTOR } from '../access/actor';
import { dispatchEventInTransaction } from '../case/dispatch-event';
import type { DB } from '../db/schema';
import { isEsaError } from '../errors';
import type { EngineDeps } from '../case/engine-deps';
import { loadRoleHolders } from '../access/role-holders';
import { assignedTo, contextOfSnapshot } from '../access/assignee';
import type { ActingRole } from '../access/roles';
import { escalationAt, type TimerKind } from './plan-timers';
import { upsertTimers } from './sla.repository';
import { resolveSlaPolicy } from './sla-policy';

export type FireOutcome =
  /** notifications written, timer fired */
  | 'fired'
  /** another worker holds it right now */
  | 'busy'
  /** not pending any more, or a newer revision replaced it, or its clock stopped */
  | 'stale'
  /** its moment has not come (the job ran early); leave it for later */
  | 'not_due';

const NOTIFICATION_KIND: Record<TimerKind, string> = {
  reminder: 'reminder',
  due_today: 'due',
  overdue: 'overdue',
  escalation: 'escalation',
};

export interface FireRequest {
  timerId: string;
  /** the revision the job was made for; a re-planned timer (newer revision) is left to its own job */
  revision?: number;
}

/** Fires one timer: `fireTimers` with one request. */
export async function fireTimer(deps: EngineDeps, timerId: string, opts: { revision?: number; firedBy: string }): Promise<FireOutcome> {
  const request: FireRequest = opts.revision === undefined ? { timerId } : { timerId, revision: opts.revision };
  const outcomes = await fireTimers(deps, [request], { firedBy: opts.firedBy });
  return outcomes.get(timerId) ?? 'stale';
}

/**
 * Fires a batch of timers in one transaction, with one statement per kind of
 * row whatever the batch size: the timers locked (`FOR UPDATE SKIP LOCKED`),
 * the recipients of all of them, the notification rows, the clocks marked
 * overdue, the timers marked fired. Each timer is re-checked on its own
 * (pending, same revision, due, clock running) exactly as when fired alone,
 * and each gets its own outcome. A batch that fails as a whole (a bad row)
 * is fired again one timer at a time, so one bad timer holds back only itself.
 */
export async function fireTimers(
  deps: EngineDeps,
  requests: readonly FireRequest[],
  opts: { firedBy: string },
): Promise<Map<string, FireOutcome>> {
  if (requests.length <= 1) return fireTimerBatch(deps, requests, opts);
  try {
    return await fireTimerBatch(deps, requests, opts);
  } catch {
    const { outcomes, failures } = await fireOneByOne(deps, requests, opts);
    if (failures.length > 0) throw failures[0]!.error; // the others are fired; their jobs find them stale on the retry
    return outcomes;
  }
}

/**
 * Takes up to `limit` due timers that no other transaction holds (oldest
 * moment first) and fires them in one transaction: the ledger itself as the
 * queue, for the PostgreSQL backend (no job per timer) and while Redis is
 * away. Several workers calling this at once each take different timers.
 */
export async function fireDueTimerBatch(
  deps: EngineDeps,
  opts: { limit: number; firedBy: string; /** timers not to take (they failed before) */ exclude?: readonly string[] },
): Promise<{ outcomes: Map<string, FireOutcome>; /** due timers that could not be fired (the rest of the batch was) */ failed: string[] }> {
  const exclude = opts.exclude ?? [];
  try {
    return { outcomes: await fireTimerBatch(deps, { due: opts.limit, exclude }, opts), failed: [] };
  } catch {
    // one bad row fails the whole batch: fire the same due timers one by one, and name the ones that still fail
    const due = (await listTimersDueBefore(deps, deps.clock.now(), opts.limit + exclude.length))
      .filter((t) => !exclude.includes(t.id))
      .slice(0, opts.limit);
    const { outcomes, failures } = await fireOneByOne(
      deps,
      due.map((t) => ({ timerId: t.id, revision: t.revision })),
      opts,
    );
    return { outcomes, failed: failures.map((f) => f.timerId) };
  }
}

/** After a batch failed as a whole: each timer in a transaction of its own, so a bad one fails alone. */
async function fireOneByOne(
  deps: EngineDeps,
  requests: readonly FireRequest[],
  opts: { firedBy: string },
): Promise<{ outcomes: Map<string, FireOutcome>; failures: { timerId: string; error: unknown }[] }> {
  const outcomes = new Map<string, FireOutcome>();
  const failures: { timerId: string; error: unknown }[] = [];
  for (const r of requests) {
    try {
      for (const [id, o] of await fireTimerBatch(deps, [r], opts)) outcomes.set(id, o);
    } catch (error) {
      failures.push({ timerId: r.timerId, error });
    }
  }
  return { outcomes, failures };
}

async function fireTimerBatch(
  deps: EngineDeps,
  selection: readonly FireRequest[] | { due: number; exclude: readonly string[] },
  opts: { firedBy: string },
): Promise<Map<string, FireOutcome>> {
  const out = new Map<string, FireOutcome>();
  const requests = 'due' in selection ? [] : selection;
  if ('due' in selection ? selection.due <= 0 : requests.length === 0) return out;
  const now = deps.clock.now();
  const wanted = new Map(requests.map((r) => [r.timerId, r]));
  const ids = [...wanted.keys()];
  return deps.db.transaction().execute(async (trx) => {
    const query = trx
      .selectFrom('sla_timers as t')
      .leftJoin('sla_clocks as c', 'c.id', 't.clock_id')
      .innerJoin('cases as k', 'k.id', 't.case_id')
      .select([
        't.id',
        't.kind',
        't.level',
        't.fire_at',
        't.status',
        't.revision',
        't.clock_id',
        't.case_id',
        't.step as event_step',
        't.event',
        'c.status as clock_status',
        'c.step',
        'c.due_at',
        'c.policy',
        'k.office_id',
        'k.school_id',
        'k.subject_person_id',
        'k.title',
        'k.workflow_id',
        'k.workflow_version',
      ]);
    const timers = await (
      'due' in selection
        ? query
            .where('t.status', '=', 'pending')
            .where('t.fire_at', '<=', now)
            .$if(selection.exclude.length > 0, (q) => q.where(sql<boolean>`t.id <> all(${[...selection.exclude]}::bigint[])`))
            .orderBy('t.fire_at')
            .orderBy('t.id')
            .limit(selection.due)
        : query.where(sql<boolean>`t.id = any(${ids}::bigint[])`).orderBy('t.id')
    )
      .forUpdate('t')
      .skipLocked()
      .execute();
    const locked = new Set(timers.map((t) => t.id));
    const missing = ids.filter((id) => !locked.has(id)); // none when taking due timers
    if (missing.length > 0) {
      // held by another worker right now ('busy'), or gone ('stale')
      const existing = await trx
        .selectFrom('sla_timers')
        .select('id')
        .where(sql<boolean>`id = any(${missing}::bigint[])`)
        .execute();
      const exists = new Set(existing.map((r) => r.id));
      for (const id of missing) out.set(id, exists.has(id) ? 'busy' : 'stale');
    }

    const firing: ((typeof timers)[number] & { step: string; clock_id: string })[] = [];
    const events: { id: string; caseId: string; event: string; fireAt: Date }[] = [];
    const clockStopped: string[] = [];
    for (const timer of timers) {
      const revision = wanted.get(timer.id)?.revision;
      if (timer.status !== 'pending' || (revision !== undefined && revision !== timer.revision)) out.set(timer.id, 'stale');
      else if (timer.fire_at.getTime() > now.getTime()) out.set(timer.id, 'not_due');
      else if (timer.kind === 'system_event')
        events.push({ id: timer.id, caseId: timer.case_id, event: timer.event!, fireAt: timer.fire_at });
      else if (timer.clock_status !== 'running' || timer.step === null || timer.clock_id === null) {
        clockStopped.push(timer.id);
        out.set(timer.id, 'stale');
      } else firing.push({ ...timer, step: timer.step, clock_id: timer.clock_id });
    }
    if (clockStopped.length > 0) {
      await trx
        .updateTable('sla_timers')
        .set({ status: 'cancelled' })
        .where(sql<boolean>`id = any(${clockStopped}::bigint[])`)
        .execute();
    }
    if (events.length > 0) await fireSystemEvents(deps, trx, events, out, opts);
    if (firing.length === 0) return out;

    // a step assigned per case (access/assignee.ts): its reminders go to the assignee, read from the case's data
    const assignedCases = firing
      .filter((t) => t.kind !== 'escalation' && deps.registry.get(t.workflow_id, t.workflow_version).steps[t.step]?.assignee !== undefined)
      .map((t) => t.case_id);
    const contexts = new Map<string, unknown>();
    if (assignedCases.length > 0) {
      const rows = await trx
        .selectFrom('cases')
        .select(['id', 'snapshot'])
        .where(sql<boolean>`id = any(${[...new Set(assignedCases)]}::uuid[])`)
        .execute();
      for (const r of rows) contexts.set(r.id, contextOfSnapshot(r.snapshot));
    }
    const plans = firing.map((timer) => {
      const def = deps.registry.get(timer.workflow_id, timer.workflow_version);
      const stepMeta = def.steps[timer.step];
      const policy = resolveSlaPolicy(timer.policy as never);
      const kind = timer.kind as TimerKind;
      const caseScope = { officeId: timer.office_id, schoolId: timer.school_id, subjectPersonId: timer.subject_person_id };
      if (kind !== 'escalation' && stepMeta?.assignee !== undefined) {
        const assigned = assignedTo(stepMeta, caseScope, contexts.get(timer.case_id));
        return { timer, def, stepMeta, policy, kind, roles: assigned.roles, scope: assigned.scope };
      }
      const roles: readonly ActingRole[] =
        kind === 'escalation'
          ? [policy.escalationChain[Math.min(timer.level, policy.escalationChain.length) - 1]!]
          : (stepMeta?.roles ?? []);
      return { timer, def, stepMeta, policy, kind, roles, scope: caseScope };
    });
    const holders = await loadRoleHolders(trx, {
      officeIds: plans.map((p) => p.scope.officeId),
      roles: [...new Set(plans.flatMap((p) => p.roles))],
      subjectPersonIds: plans.flatMap((p) => (p.scope.subjectPersonId ? [p.scope.subjectPersonId] : [])),
      schoolIds: plans.map((p) => p.scope.schoolId),
      at: now,
    });
    const notes = plans.flatMap(({ timer, def, stepMeta, kind, roles, scope }) =>
      holders.forStep(roles, scope).map((userId) => ({
        case_id: timer.case_id,
        history_seq: null,
        timer_id: timer.id,
        recipient_user_id: userId,
        kind: NOTIFICATION_KIND[kind],
        step: timer.step,
        payload: JSON.stringify({
          workflow: def.key,
          title: timer.title,
          stepLabel: stepMeta?.label ?? null,
          dueAt: timer.due_at?.toISOString() ?? null,
          level: timer.level,
          escalatedTo: kind === 'escalation' ? roles[0] : null,
        }),
        available_at: now,
        created_at: now,
      })),
    );
    if (notes.length > 0) {
      await trx
        .insertInto('notifications')
        .values(notes)
        .onConflict((oc) => oc.columns(['timer_id', 'recipient_user_id']).where('timer_id', 'is not', null).doNothing())
        .execute();
    }

    const overdueClocks = plans.filter((p) => p.kind === 'overdue').map((p) => p.timer.clock_id);
    if (overdueClocks.length > 0) {
      await trx
        .updateTable('sla_clocks')
        .set({ overdue_at: now })
        .where(sql<boolean>`id = any(${overdueClocks}::uuid[])`)
        .execute();
    }
    for (const { timer, kind, policy } of plans) {
      if (kind === 'escalation' && timer.level < policy.maxEscalations && timer.due_at) {
        const calendar = await deps.calendars.forOffice(trx, timer.office_id);
        const next = {
          kind: 'escalation' as const,
          level: timer.level + 1,
          fireAt: escalationAt(timer.due_at, timer.level + 1, policy, calendar),
        };
        await upsertTimers(trx, timer.clock_id, timer.case_id, [next], now);
      }
    }
    const fired = plans.map((p) => p.timer.id);
    await trx
      .updateTable('sla_timers')
      .set({ status: 'fired', fired_at: now, fired_by: opts.firedBy })
      .where(sql<boolean>`id = any(${fired}::bigint[])`)
      .execute();
    for (const id of fired) out.set(id, 'fired');
    return out;
  });
}

/**
 * Timed system events in the firing transaction: each case is locked without
 * waiting (a case a command holds right now is 'busy', its timer stays
 * pending for the next pass: no deadlock with a command that cancels the
 * timer), and the event is dispatched as the system with the idempotency key
 * `timer:<id>`, through the ordinary dispatch (history, clocks, outbox). An
 * event the case refuses (it moved on, a guard says not yet) rolls back to a
 * savepoint and cancels the timer.
 */
async function fireSystemEvents(
  deps: EngineDeps,
  trx: Transaction<DB>,
  events: readonly { id: string; caseId: string; event: string; fireAt: Date }[],
  out: Map<string, FireOutcome>,
  opts: { firedBy: string },
): Promise<void> {
  const caseIds = [...new Set(events.map((e) => e.caseId))];
  const locked = await trx
    .selectFrom('cases')
    .select('id')
    .where(sql<boolean>`id = any(${caseIds}::uuid[])`)
    .forUpdate()
    .skipLocked()
    .execute();
  const lockedIds = new Set(locked.map((r) => r.id));
  const fired: string[] = [];
  const refused: string[] = [];
  for (const e of events) {
    if (!lockedIds.has(e.caseId)) {
      out.set(e.id, 'busy');
      continue;
    }
    await sql`savepoint system_event`.execute(trx);
    try {
      await dispatchEventInTransaction(deps, trx, {
        actor: SYSTEM_ACTOR,
        caseId: e.caseId,
        type: e.event,
        payload: {},
        reason: `${e.event}: ${e.fireAt.toISOString()}`,
        idempotencyKey: `timer:${e.id}`,
      });
      await sql`release savepoint system_event`.execute(trx);
      fired.push(e.id);
      out.set(e.id, 'fired');
    } catch (error) {
      if (!isEsaError(error) || error.status >= 500) throw error;
      await sql`rollback to savepoint system_event`.execute(trx);
      refused.push(e.id);
      out.set(e.id, 'stale');
    }
  }
  if (refused.length > 0)
    await trx
      .updateTable('sla_timers')
      .set({ status: 'cancelled' })
      .where(sql<boolean>`id = any(${refused}::bigint[])`)
      .execute();
  if (fired.length > 0) {
    await trx
      .updateTable('sla_timers')
      .set({ status: 'fired', fired_at: deps.clock.now(), fired_by: opts.firedBy })
      .where(sql<boolean>`id = any(${fired}::bigint[])`)
      .execute();
  }
}

/** Pending timers whose moment falls before `until`: what the worker promotes into delayed jobs. */
export async function listTimersDueBefore(
  deps: Pick<EngineDeps, 'db'>,
  until: Date,
  limit: number,
  afterId?: string,
): Promise<{ id: string; revision: number; fireAt: Date }[]> {
  let query = deps.db
    .selectFrom('sla_timers')
    .select(['id', 'revision', 'fire_at'])
    .where('status', '=', 'pending')
    .where('fire_at', '<=', until);
  if (afterId !== undefined) query = query.where(sql<boolean>`id > ${afterId}::bigint`);
  const rows = await query.orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, revision: r.revision, fireAt: r.fire_at }));
}
