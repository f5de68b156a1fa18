/**
 * Advancing a cycle when its children have: the host (the worker's pass, or
 * a hook after a child's command) calls this; it sends `event` to the parent
 * as the system actor when the children are settled — or, with
 * `orWhenOverdue`, when the parent's current step is past its deadline, or,
 * with `orAfter`, past a moment the host read from the round's own data.
 *
 * One transaction under the parent's row lock, so concurrent callers advance
 * it once: the second finds that the parent cannot take the event any more
 * and does nothing (`event_not_allowed`). Never while an opening of children
 * is unfinished.
 */
import { SYSTEM_ACTOR } from '../access/actor';
import { actingRolesFor } from '../access/authorize';
import { lockCaseById } from '../case/case.repository';
import { dispatchEventInTransaction } from '../case/dispatch-event';
import type { EngineDeps } from '../case/engine-deps';
import { fromStoredSnapshot } from '../case/machine-snapshot';
import { parseOrThrow } from '../case/validate-payload';
import { EsaError } from '../errors';
import type { EngineEvent } from '../workflow/types';
import { countSettledChildren, hasOverdueClock, hasUnfinishedRun } from './cycle.repository';
import type { AdvanceCycleOptions, AdvanceCycleOutcome } from './types';

export async function advanceCycleIfSettled(
  deps: EngineDeps,
  parentCaseId: string,
  opts: AdvanceCycleOptions,
): Promise<AdvanceCycleOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const record = await lockCaseById(trx, parentCaseId);
    if (!record) throw new EsaError('CASE_NOT_FOUND', { caseId: parentCaseId });
    const def = deps.registry.get(record.workflowId, record.workflowVersion);
    const meta = def.events[opts.event];
    if (!meta) throw new EsaError('UNKNOWN_EVENT', { type: opts.event, workflow: def.key });
    const roles = actingRolesFor(SYSTEM_ACTOR, record, meta.roles);
    if (roles.length === 0)
      throw new EsaError('FORBIDDEN', { action: opts.event, caseId: record.id, reason: "the event does not allow the role 'system'" });
    const payload = parseOrThrow(meta.payload, opts.payload ?? {}, 'INVALID_PAYLOAD');

    const { total, settled } = await countSettledChildren(trx, record.id, opts.when === 'all_done' ? null : opts.when.steps);
    const now = deps.clock.now();
    const event: EngineEvent = { type: opts.event, payload, actor: { kind: 'system', id: SYSTEM_ACTOR.id, roles }, at: now.toISOString() };
    if (record.status === 'done' || !fromStoredSnapshot(def, record.snapshot).can(event)) {
      return { advanced: false, because: 'event_not_allowed', settled, total };
    }
    if (await hasUnfinishedRun(trx, record.id)) return { advanced: false, because: 'opening_in_progress', settled, total };

    let because: 'settled' | 'deadline_passed' | null = total > 0 && settled === total ? 'settled' : null;
    if (because === null && opts.orAfter !== undefined && now.getTime() > opts.orAfter.getTime()) because = 'deadline_passed';
    if (because === null && opts.orWhenOverdue === true && (await hasOverdueClock(trx, record.id, now))) because = 'deadline_passed';
    if (because === null) return { advanced: false, because: total === 0 ? 'no_children' : 'not_settled', settled, total };

    const result = await dispatchEventInTransaction(deps, trx, {
      actor: SYSTEM_ACTOR,
      caseId: record.id,
      type: opts.event,
      payload,
      reason:
        because === 'settled'
          ? `cycle settled: ${settled}/${total} children`
          : `cycle deadline passed: ${settled}/${total} children settled`,
    });
    return { advanced: true, because, revision: result.revision, state: result.state, settled, total };
  });
}
