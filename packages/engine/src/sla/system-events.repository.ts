/** The SQL of timed system events (timer rows of kind `system_event`). Callers hold the case lock. */
import { sql, type Kysely } from 'kysely';
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { EngineDeps } from '../case/engine-deps';
import type { DB } from '../db/schema';
import type { WorkflowDefinition } from '../workflow/types';
import { momentOfSpec } from './data-moment';

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
    .values(
      events.map((e) => ({
        clock_id: null,
        case_id: caseId,
        kind: 'system_event',
        level: 0,
        step: e.step,
        event: e.event,
        fire_at: e.fireAt,
        status: 'pending',
        created_at: now,
      })),
    )
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

/**
 * The timer rows of the retrofitted system events (WorkflowConfig.retrofitSystemEvents)
 * for the cases of a version already waiting at those steps: for each active case at
 * such a step without a pending row for the event, one row at the moment its spec
 * names (nothing when the data holds none). Entering the step from now on plans them
 * like any step's. Run once when a process starts (not a pass: nothing scans cases
 * afterwards); a page of cases at a time, each page locked in its transaction so a
 * command moving a case waits for it (and cancels what it left). Safe to run again.
 */
export async function planRetrofitSystemEvents(
  deps: Pick<EngineDeps, 'db' | 'calendars' | 'clock'>,
  def: WorkflowDefinition,
  opts: { pageSize?: number } = {},
): Promise<number> {
  const pageSize = opts.pageSize ?? 500;
  let planned = 0;
  for (const [step, events] of Object.entries(def.retrofitSystemEvents ?? {})) {
    if (events.length === 0) continue;
    let afterId: string | undefined;
    for (;;) {
      const page = await deps.db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('cases')
          .select(['id', 'office_id', 'snapshot'])
          .where('workflow_id', '=', def.id)
          .where('workflow_version', '=', def.version)
          .where('status', '=', 'active')
          .where('state', '=', step)
          .$if(afterId !== undefined, (q) => q.where('id', '>', afterId!))
          .orderBy('id')
          .limit(pageSize)
          .forUpdate()
          .execute();
        const now = deps.clock.now();
        const values: { case_id: string; step: string; event: string; fire_at: Date }[] = [];
        const calendars = new Map<string, BusinessCalendar>();
        for (const row of rows) {
          let calendar = calendars.get(row.office_id);
          if (!calendar) calendars.set(row.office_id, (calendar = await deps.calendars.forOffice(trx, row.office_id)));
          const context = (row.snapshot as { context?: unknown }).context;
          for (const se of events) {
            const { dueAt } = momentOfSpec(se.at, { context, triggerAt: now, calendar });
            if (dueAt) values.push({ case_id: row.id, step, event: se.event, fire_at: dueAt });
          }
        }
        let inserted = 0;
        if (values.length > 0) {
          const result = await trx
            .insertInto('sla_timers')
            .values(values.map((v) => ({ clock_id: null, kind: 'system_event', level: 0, status: 'pending', created_at: now, ...v })))
            .onConflict((oc) =>
              oc
                .columns(['case_id', 'step', 'event'])
                .where(sql<boolean>`status = 'pending' and kind = 'system_event'`)
                .doNothing(),
            )
            .executeTakeFirst();
          inserted = Number(result.numInsertedOrUpdatedRows ?? 0);
        }
        return { last: rows.at(-1)?.id, count: rows.length, inserted };
      });
      planned += page.inserted;
      if (page.count < pageSize || page.last === undefined) break;
      afterId = page.last;
    }
  }
  return planned;
}
