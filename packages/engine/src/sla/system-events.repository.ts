/** The SQL of timed system events (timer rows of kind `system_event`). Callers hold the case lock. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';

/** Plans a step's system events; a pending one for the same (case, step, event) is moved instead (revision + 1). */
export async function upsertStepEvents(
  trx: Kysely<DB>,
  caseId: string,
  events: readonly { step: string; event: string; fireAt: Date }[],
  now: Date,
): Promise<void> {
  if (events.length === 0) return;
  await trx
    .insertInto('sla_timers')
    .values(events.map((e) => ({ clock_id: null, case_id: caseId, kind: 'system_event', level: 0, step: e.step, event: e.event, fire_at: e.fireAt, status: 'pending', created_at: now })))
    .onConflict((oc) =>
      oc
        .columns(['case_id', 'step', 'event'])
        .where(sql<boolean>`status = 'pending' and kind = 'system_event'`)
        .doUpdateSet((eb) => ({ fire_at: eb.ref('excluded.fire_at'), revision: eb(eb.ref('sla_timers.revision'), '+', 1) })),
    )
    .execute();
}

/** Cancels the pending system events of these steps of a case. */
export async function cancelStepEvents(trx: Kysely<DB>, caseId: string, steps: readonly string[]): Promise<void> {
  if (steps.length === 0) return;
  await trx
    .updateTable('sla_timers')
    .set({ status: 'cancelled' })
    .where('case_id', '=', caseId)
    .where('kind', '=', 'system_event')
    .where('status', '=', 'pending')
    .where('step', 'in', steps)
    .execute();
}

/** Moves the pending system events of a step of a case to a new moment (an extension). */
export async function moveStepEvents(trx: Kysely<DB>, caseId: string, step: string, fireAt: Date): Promise<number> {
  const r = await trx
    .updateTable('sla_timers')
    .set((eb) => ({ fire_at: fireAt, revision: eb(eb.ref('revision'), '+', 1) }))
    .where('case_id', '=', caseId)
    .where('kind', '=', 'system_event')
    .where('status', '=', 'pending')
    .where('step', '=', step)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
