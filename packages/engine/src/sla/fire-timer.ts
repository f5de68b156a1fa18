/**
 * Firing one SLA timer: one transaction that takes the timer row with
 * `FOR UPDATE SKIP LOCKED` (a second worker on the same timer skips it),
 * re-checks that it is still pending, still this revision, due, and that its
 * clock still runs (the case may have moved on), then writes the notification
 * rows, plans the next escalation, and marks the timer fired. A worker killed
 * mid-way leaves nothing: the transaction rolls back and the timer is still
 * pending for the next attempt.
 */
import { sql } from 'kysely';
import type { EngineDeps } from '../case/engine-deps';
import { recipientsFor } from '../case/outbox';
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

export async function fireTimer(deps: EngineDeps, timerId: string, opts: { revision?: number; firedBy: string }): Promise<FireOutcome> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const timer = await trx
      .selectFrom('sla_timers as t')
      .innerJoin('sla_clocks as c', 'c.id', 't.clock_id')
      .innerJoin('cases as k', 'k.id', 't.case_id')
      .select([
        't.id', 't.kind', 't.level', 't.fire_at', 't.status', 't.revision', 't.clock_id', 't.case_id',
        'c.status as clock_status', 'c.step', 'c.due_at', 'c.policy',
        'k.office_id', 'k.school_id', 'k.subject_person_id', 'k.title', 'k.workflow_id', 'k.workflow_version',
      ])
      .where('t.id', '=', timerId)
      .forUpdate('t')
      .skipLocked()
      .executeTakeFirst();
    if (!timer) {
      const exists = await trx.selectFrom('sla_timers').select('id').where('id', '=', timerId).executeTakeFirst();
      return exists ? 'busy' : 'stale';
    }
    if (timer.status !== 'pending' || (opts.revision !== undefined && opts.revision !== timer.revision)) return 'stale';
    if (timer.fire_at.getTime() > now.getTime()) return 'not_due';
    if (timer.clock_status !== 'running') {
      await trx.updateTable('sla_timers').set({ status: 'cancelled' }).where('id', '=', timer.id).execute();
      return 'stale';
    }

    const def = deps.registry.get(timer.workflow_id, timer.workflow_version);
    const stepMeta = def.steps[timer.step];
    const policy = resolveSlaPolicy(timer.policy as never);
    const kind = timer.kind as TimerKind;
    const roles: readonly ActingRole[] =
      kind === 'escalation'
        ? [policy.escalationChain[Math.min(timer.level, policy.escalationChain.length) - 1]!]
        : (stepMeta?.roles ?? []);
    const scope = { officeId: timer.office_id, schoolId: timer.school_id, subjectPersonId: timer.subject_person_id };
    const recipients = await recipientsFor(trx, scope, roles, now);
    if (recipients.length > 0) {
      await trx
        .insertInto('notifications')
        .values(
          recipients.map((userId) => ({
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
        )
        .onConflict((oc) => oc.columns(['timer_id', 'recipient_user_id']).where('timer_id', 'is not', null).doNothing())
        .execute();
    }

    if (kind === 'overdue') {
      await trx.updateTable('sla_clocks').set({ overdue_at: now }).where('id', '=', timer.clock_id).execute();
    }
    if (kind === 'escalation' && timer.level < policy.maxEscalations && timer.due_at) {
      const calendar = await deps.calendars.forOffice(trx, timer.office_id);
      const next = { kind: 'escalation' as const, level: timer.level + 1, fireAt: escalationAt(timer.due_at, timer.level + 1, policy, calendar) };
      await upsertTimers(trx, timer.clock_id, timer.case_id, [next], now);
    }
    await trx
      .updateTable('sla_timers')
      .set({ status: 'fired', fired_at: now, fired_by: opts.firedBy })
      .where('id', '=', timer.id)
      .execute();
    return 'fired';
  });
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
