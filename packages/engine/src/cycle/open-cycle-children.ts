/**
 * Opening a cycle's children in bulk (docs/cycles.md).
 *
 * 1. Authorize: the actor must see the parent (else `CASE_NOT_FOUND`) and hold
 *    one of the child workflow's `starters` roles for the parent's office as a
 *    whole (else `FORBIDDEN`); children live in the parent's office.
 * 2. Validate the whole population first; bad rows are rejected and reported
 *    with their keys, the others are opened.
 * 3. Take the parent's opening lock (a session advisory lock on one
 *    connection: a second opening of the same parent is refused with
 *    `CYCLE_OPENING_IN_PROGRESS`; a crashed process releases it with its
 *    connection), skip the keys that already have a child, start or resume
 *    the `cycle_runs` row.
 * 4. Batches of `batchSize` children, one transaction each, multi-row INSERTs
 *    (`ON CONFLICT (parent_case_id, cycle_key) DO NOTHING`); progress after
 *    each commit. The next batch is prepared in memory while one is written.
 * 5. Finish: one `@cycle.opened` row on the parent's history (chained like any
 *    other, revision + 1), the run marked finished.
 *
 * A crash anywhere leaves whole batches only; calling again with the same
 * population creates exactly the children still missing.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../access/actor';
import { actingRolesFor, canReadCase } from '../access/authorize';
import { findCaseById, lockCaseById, type CaseRecord } from '../case/case.repository';
import type { EngineDeps } from '../case/engine-deps';
import { chainHistoryRow, insertHistoryRow } from '../case/history.repository';
import type { DB } from '../db/schema';
import { EsaError } from '../errors';
import { dayCountPolicyAt } from '../office/deadline-policy';
import { createInitialSnapshots } from './initial-snapshots';
import { addRunProgress, beginRun, existingChildKeys, findUnfinishedRun, finishRun, readRun } from './cycle.repository';
import { materialise, validatePopulation } from './population';
import type { CycleOpeningResult, OpenCycleChildrenOptions } from './types';
import { loadRoleHolders } from '../access/role-holders';
import { prepareChildBatch, writePreparedBatch, type ChildBatchContext } from './write-child-batch';

/** The parent's history event written when an opening of children finishes. */
export const CYCLE_OPENED_EVENT = '@cycle.opened';

export const DEFAULT_CYCLE_BATCH_SIZE = 1000;
export const MAX_CYCLE_BATCH_SIZE = 5000;

/** Advisory-lock class of cycle openings (the second key is the parent id's hash). */
const OPENING_LOCK_CLASS = 0x0e5ac1c1;

export async function openCycleChildren(deps: EngineDeps, actor: Actor, opts: OpenCycleChildrenOptions): Promise<CycleOpeningResult> {
  const batchSize = Math.min(Math.max(Math.floor(opts.batchSize ?? DEFAULT_CYCLE_BATCH_SIZE), 1), MAX_CYCLE_BATCH_SIZE);
  const def = opts.version === undefined ? deps.registry.latest(opts.workflowId) : deps.registry.get(opts.workflowId, opts.version);
  const parent = await findCaseById(deps.db, opts.parentCaseId);
  if (!parent || !canReadCase(actor, parent)) throw new EsaError('CASE_NOT_FOUND', { caseId: opts.parentCaseId });
  const roles = actingRolesFor(actor, { officeId: parent.officeId, schoolId: null, subjectPersonId: null }, def.starters);
  if (roles.length === 0) throw new EsaError('FORBIDDEN', { action: 'open-cycle', workflow: def.key, caseId: parent.id });
  assertOpen(parent, opts.whileParentAt);

  const population = await materialise(opts.population);
  const { valid, rejected } = await validatePopulation(deps.db, def, parent.officeId, population);
  const total = valid.length;

  return deps.db.connection().execute(async (conn) => {
    const lockKey = sql`${OPENING_LOCK_CLASS}::int, hashtext(${parent.id})`;
    const locked = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${lockKey}) as ok`.execute(conn);
    if (!locked.rows[0]?.ok) throw new EsaError('CYCLE_OPENING_IN_PROGRESS', { caseId: parent.id });
    try {
      const existing = await existingChildKeys(conn, parent.id);
      const todo = valid.filter((c) => !existing.has(c.key));
      const alreadyPresent = total - todo.length;

      const run = await conn.transaction().execute(async (trx) => {
        // under the parent's row lock: serialised with advanceCycleIfSettled, which refuses while an opening is unfinished
        const current = await lockCaseById(trx, parent.id);
        if (!current) throw new EsaError('CASE_NOT_FOUND', { caseId: parent.id });
        assertOpen(current, opts.whileParentAt);
        const unfinished = await findUnfinishedRun(trx, parent.id, def.id);
        if (!unfinished && todo.length === 0) return null;
        return beginRun(
          trx,
          {
            parentCaseId: parent.id,
            workflowId: def.id,
            workflowVersion: def.version,
            requestedBy: actor.id,
            total,
            rejected: rejected.length,
            now: deps.clock.now(),
          },
          unfinished,
        );
      });
      if (!run) {
        opts.onProgress?.({ done: total, total, created: 0 });
        return {
          runId: null,
          parentCaseId: parent.id,
          workflow: def.key,
          total,
          created: 0,
          alreadyPresent,
          rejected,
          resumed: false,
          parentHistorySeq: null,
        };
      }

      // read once per opening: the office calendar, and who holds the roles of the workflow's steps
      const startedAt = deps.clock.now();
      const ctx: ChildBatchContext = {
        def,
        parentCaseId: parent.id,
        officeId: parent.officeId,
        actor: { kind: actor.kind, id: actor.id },
        roles,
        snapshots: createInitialSnapshots(def),
        calendar: { revision: await calendarRevision(conn), calendar: await deps.calendars.forOffice(conn, parent.officeId) },
        dayCount: await dayCountPolicyAt(conn, parent.officeId, startedAt),
        recipients: await loadRoleHolders(conn, {
          officeIds: [parent.officeId],
          roles: [...new Set(Object.values(def.steps).flatMap((s) => s.roles))],
          subjectPersonIds: todo.flatMap((c) => (c.subjectPersonId ? [c.subjectPersonId] : [])),
          at: startedAt,
        }),
      };
      // Pipelined: batch k+1 is prepared (in slices, yielding) while batch k is being written.
      const batches: (typeof todo)[] = [];
      for (let first = 0; first < todo.length; first += batchSize) batches.push(todo.slice(first, first + batchSize));
      const prepare = (i: number) => {
        const batch = batches[i];
        if (!batch) return null;
        const prepared = prepareChildBatch(ctx, batch, deps.clock.now());
        prepared.catch(() => undefined); // awaited below, or abandoned when the opening stops
        return prepared;
      };
      let created = 0;
      let done = alreadyPresent;
      if (batches.length === 0) opts.onProgress?.({ done, total, created });
      let next = prepare(0);
      for (let i = 0; next !== null; i++) {
        const batch = await next;
        const writing = conn.transaction().execute(async (trx) => {
          let ready = batch;
          if (ready.calendarRevision !== null) {
            // FOR SHARE: a calendar change waits for this batch (its recompute then sees these clocks), or this
            // batch sees the change and computes its deadlines again
            const revision = await calendarRevision(trx, { share: true });
            if (revision !== ready.calendarRevision) {
              ctx.calendar = { revision, calendar: await deps.calendars.forOffice(trx, parent.officeId) };
              ready = await prepareChildBatch(ctx, batch.source, batch.now, { yieldToWriters: false });
            }
          }
          const written = await writePreparedBatch(trx, ready);
          await addRunProgress(trx, run.id, written, deps.clock.now());
          return written;
        });
        writing.catch(() => undefined);
        next = prepare(i + 1);
        created += await writing;
        done += batch.size;
        opts.onProgress?.({ done, total, created });
      }

      const parentHistorySeq = await conn.transaction().execute((trx) =>
        appendOpened(trx, {
          parentCaseId: parent.id,
          runId: run.id,
          actor,
          roles,
          workflow: def.key,
          total,
          rejected: rejected.length,
          now: deps.clock.now(),
        }),
      );
      return {
        runId: run.id,
        parentCaseId: parent.id,
        workflow: def.key,
        total,
        created,
        alreadyPresent,
        rejected,
        resumed: run.resumed,
        parentHistorySeq,
      };
    } finally {
      await sql`select pg_advisory_unlock(${lockKey})`.execute(conn).catch(() => undefined);
    }
  });
}

async function calendarRevision(db: Kysely<DB>, opts: { share?: boolean } = {}): Promise<string> {
  let query = db.selectFrom('calendar_revision').select('revision').where('id', '=', 1);
  if (opts.share) query = query.forShare();
  return String((await query.executeTakeFirstOrThrow()).revision);
}

function assertOpen(parent: CaseRecord, whileAt: readonly string[] | undefined): void {
  const steps = parent.state.split(',');
  if (parent.status === 'done' || (whileAt !== undefined && !steps.some((s) => whileAt.includes(s)))) {
    throw new EsaError('CYCLE_CLOSED', { caseId: parent.id, state: parent.state, status: parent.status });
  }
}

/** The parent's record of a finished opening: one chained history row, revision + 1. */
async function appendOpened(
  trx: Transaction<DB>,
  a: {
    parentCaseId: string;
    runId: string;
    actor: Actor;
    roles: readonly string[];
    workflow: string;
    total: number;
    rejected: number;
    now: Date;
  },
): Promise<number> {
  const record = await lockCaseById(trx, a.parentCaseId);
  if (!record) throw new EsaError('CASE_NOT_FOUND', { caseId: a.parentCaseId });
  const run = await readRun(trx, a.runId);
  const entry = chainHistoryRow(
    {
      caseId: record.id,
      at: a.now,
      actorKind: a.actor.kind,
      actorId: a.actor.id,
      actorRoles: a.roles,
      eventType: CYCLE_OPENED_EVENT,
      payload: { run: a.runId, workflow: a.workflow, total: a.total, created: run.created, rejected: a.rejected, attempts: run.attempts },
      reason: null,
      fromState: record.state,
      toState: record.state,
    },
    { seq: record.historyLength, hash: record.historyHead },
  );
  await insertHistoryRow(trx, entry);
  await trx
    .updateTable('cases')
    .set({ revision: record.revision + 1, history_length: entry.seq, history_head: entry.hash, updated_at: a.now })
    .where('id', '=', record.id)
    .execute();
  await finishRun(trx, a.runId, a.now, entry.seq);
  return entry.seq;
}
