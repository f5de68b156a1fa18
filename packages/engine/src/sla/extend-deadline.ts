/**
 * Extending a deadline (ขยายเวลา): a command of its own. Someone holding a
 * role the step names (`extendableBy`) sets a new moment with a reason; the
 * step's running clock takes it (its timers planned again from now, the
 * overdue mark cleared), the step's timed system events that fell at the old
 * moment move with it, date guards reading the step deadline follow, and a
 * history row `@deadline.extended` records who, when, from, to and why.
 * An external calendar that overrides a standard ("หรือตามปฏิทินที่กำหนด")
 * is applied the same way.
 */
import { sql } from 'kysely';
import type { Actor } from '../access/actor';
import { actingRolesFor, canReadCase } from '../access/authorize';
import { writeCommand } from '../case/command-write';
import type { CommandResult } from '../case/command-types';
import type { EngineDeps } from '../case/engine-deps';
import { chainHistoryRow } from '../case/history.repository';
import { claimKeyAndLockCase } from '../case/idempotency';
import { EsaError } from '../errors';
import { planTimers } from './plan-timers';
import { cancelPendingTimers, toClockRow, upsertTimers, type DueBasis } from './sla.repository';
import { resolveSlaPolicy } from './sla-policy';

export const DEADLINE_EXTENDED_EVENT = '@deadline.extended';

export interface ExtendDeadlineCommand {
  readonly actor: Actor;
  readonly caseId: string;
  /** the step whose deadline moves; default: the one running clock of the case */
  readonly step?: string;
  /** the new due moment (ISO instant) */
  readonly newDueAt: string;
  readonly reason: string;
  readonly idempotencyKey?: string;
}

export async function extendDeadline(deps: EngineDeps, cmd: ExtendDeadlineCommand): Promise<CommandResult> {
  return deps.db.transaction().execute(async (trx) => {
    const key = cmd.idempotencyKey;
    const claim = await claimKeyAndLockCase<CommandResult>(
      trx,
      key === undefined
        ? undefined
        : {
            actorId: cmd.actor.id,
            key,
            command: 'extend',
            request: { caseId: cmd.caseId, step: cmd.step ?? null, newDueAt: cmd.newDueAt, reason: cmd.reason },
          },
      cmd.caseId,
    );
    if (claim.kind === 'replay') return { ...claim.response, replayed: true };
    const record = claim.record;
    if (!record || !canReadCase(cmd.actor, record)) throw new EsaError('CASE_NOT_FOUND', { caseId: cmd.caseId });
    const def = deps.registry.get(record.workflowId, record.workflowVersion);
    const running = (
      await trx
        .selectFrom('sla_clocks')
        .selectAll()
        .where('case_id', '=', record.id)
        .where('status', '=', 'running')
        .orderBy('started_at')
        .execute()
    ).filter((c) => cmd.step === undefined || c.step === cmd.step);
    const row = running.length === 1 ? running[0] : undefined;
    const extendableBy = row ? (def.steps[row.step]?.extendableBy ?? []) : [];
    if (record.status !== 'active' || !row || extendableBy.length === 0)
      throw new EsaError('NO_DEADLINE_TO_EXTEND', { caseId: record.id, step: cmd.step ?? null });
    const roles = actingRolesFor(cmd.actor, record, extendableBy);
    if (roles.length === 0) throw new EsaError('FORBIDDEN', { action: 'extend', caseId: record.id });

    const now = deps.clock.now();
    const to = new Date(cmd.newDueAt);
    const reason = cmd.reason.trim();
    if (
      Number.isNaN(to.getTime()) ||
      !/^\d{4}-\d{2}-\d{2}T/.test(cmd.newDueAt) ||
      to.getTime() <= now.getTime() ||
      (row.due_at && to.getTime() <= row.due_at.getTime()) ||
      !reason
    ) {
      throw new EsaError('INVALID_EXTENSION', { newDueAt: cmd.newDueAt, currentDueAt: row.due_at?.toISOString() ?? null });
    }
    const clock = toClockRow(row);
    const from = clock.dueAt;

    const entry = chainHistoryRow(
      {
        caseId: record.id,
        at: now,
        actorKind: cmd.actor.kind,
        actorId: cmd.actor.id,
        actorRoles: roles,
        eventType: DEADLINE_EXTENDED_EVENT,
        payload: { step: clock.step, from: from?.toISOString() ?? null, to: to.toISOString() },
        reason,
        fromState: record.state,
        toState: record.state,
      },
      { seq: record.historyLength, hash: record.historyHead },
    );
    const revision = record.revision + 1;
    const result: CommandResult = {
      caseId: record.id,
      revision,
      state: record.state,
      status: record.status,
      historySeq: entry.seq,
      replayed: false,
    };
    // the history row, the case row and the key's answer: one statement, as every command writes them
    await writeCommand(trx, {
      caseId: record.id,
      caseRow: { kind: 'update', set: { revision, history_length: entry.seq, history_head: entry.hash } },
      history: entry,
      outbox: [],
      at: now,
      ...(key === undefined ? {} : { answer: { actorId: cmd.actor.id, key, response: result } }),
    });

    const basis: DueBasis = { kind: 'extended', dueAt: to.toISOString(), previous: clock.dueBasis };
    const extension = {
      by: cmd.actor.id,
      role: roles[0],
      at: now.toISOString(),
      from: from?.toISOString() ?? null,
      to: to.toISOString(),
      reason,
      seq: entry.seq,
    };
    await trx
      .updateTable('sla_clocks')
      .set((eb) => ({
        due_at: to,
        remind_at: null,
        due_basis: JSON.stringify(basis),
        overdue_at: null,
        extensions: sql`extensions || ${JSON.stringify([extension])}::jsonb`,
        revision: eb(eb.ref('revision'), '+', 1),
      }))
      .where('id', '=', clock.id)
      .execute();
    await cancelPendingTimers(trx, [clock.id]);
    const calendar = await deps.calendars.forOffice(trx, record.officeId);
    const policy = resolveSlaPolicy(clock.policy as never);
    await upsertTimers(trx, clock.id, record.id, planTimers({ startedAt: now, dueAt: to, remindAt: null, policy, calendar }), now);
    if (from) {
      await trx
        .updateTable('sla_timers')
        .set((eb) => ({ fire_at: to, revision: eb(eb.ref('revision'), '+', 1) }))
        .where('case_id', '=', record.id)
        .where('kind', '=', 'system_event')
        .where('status', '=', 'pending')
        .where('step', '=', clock.step)
        .where('fire_at', '<=', new Date(from.getTime() + 60_000)) // the events at the old moment (a lapse one second after it included)
        .execute();
    }
    return result;
  });
}
