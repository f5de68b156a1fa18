/** The SQL of cycles: their openings (`cycle_runs`), their children's keys and counts. */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CycleRunsTable, DB } from '../db/schema';
import type { CycleRunView, CycleStateCount } from './types';

export async function existingChildKeys(db: Kysely<DB>, parentCaseId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('cases').select('cycle_key').where('parent_case_id', '=', parentCaseId).execute();
  return new Set(rows.map((r) => r.cycle_key as string));
}

export async function findUnfinishedRun(
  trx: Transaction<DB>,
  parentCaseId: string,
  workflowId: string,
): Promise<Selectable<CycleRunsTable> | undefined> {
  return trx
    .selectFrom('cycle_runs')
    .selectAll()
    .where('parent_case_id', '=', parentCaseId)
    .where('workflow_id', '=', workflowId)
    .where('finished_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function hasUnfinishedRun(db: Kysely<DB>, parentCaseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('cycle_runs')
    .select('id')
    .where('parent_case_id', '=', parentCaseId)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Starts an opening, or takes over the unfinished one of the same parent and workflow (a crashed attempt). */
export async function beginRun(
  trx: Transaction<DB>,
  run: {
    parentCaseId: string;
    workflowId: string;
    workflowVersion: number;
    requestedBy: string;
    total: number;
    rejected: number;
    now: Date;
  },
  unfinished: Selectable<CycleRunsTable> | undefined,
): Promise<{ id: string; resumed: boolean }> {
  if (unfinished) {
    await trx
      .updateTable('cycle_runs')
      .set((eb) => ({
        attempts: eb(eb.ref('attempts'), '+', 1),
        workflow_version: run.workflowVersion,
        requested_by: run.requestedBy,
        total: run.total,
        rejected: run.rejected,
        updated_at: run.now,
      }))
      .where('id', '=', unfinished.id)
      .execute();
    return { id: unfinished.id, resumed: true };
  }
  const row = await trx
    .insertInto('cycle_runs')
    .values({
      parent_case_id: run.parentCaseId,
      workflow_id: run.workflowId,
      workflow_version: run.workflowVersion,
      requested_by: run.requestedBy,
      total: run.total,
      rejected: run.rejected,
      started_at: run.now,
      updated_at: run.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, resumed: false };
}

export async function addRunProgress(trx: Transaction<DB>, runId: string, created: number, now: Date): Promise<void> {
  await trx
    .updateTable('cycle_runs')
    .set((eb) => ({ created: eb(eb.ref('created'), '+', created), updated_at: now }))
    .where('id', '=', runId)
    .execute();
}

export async function finishRun(trx: Transaction<DB>, runId: string, now: Date, parentHistorySeq: number): Promise<void> {
  await trx
    .updateTable('cycle_runs')
    .set({ finished_at: now, updated_at: now, parent_history_seq: parentHistorySeq })
    .where('id', '=', runId)
    .execute();
}

export async function readRun(trx: Kysely<DB>, runId: string): Promise<Selectable<CycleRunsTable>> {
  return trx.selectFrom('cycle_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
}

export async function listRuns(db: Kysely<DB>, parentCaseId: string): Promise<CycleRunView[]> {
  const rows = await db
    .selectFrom('cycle_runs')
    .selectAll()
    .where('parent_case_id', '=', parentCaseId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    runId: r.id,
    workflowId: r.workflow_id,
    workflowVersion: r.workflow_version,
    total: r.total,
    created: r.created,
    rejected: r.rejected,
    attempts: r.attempts,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
}

export async function countChildrenByState(db: Kysely<DB>, parentCaseId: string): Promise<CycleStateCount[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['workflow_id', 'state', 'status', sql<number>`count(*)::int`.as('n')])
    .where('parent_case_id', '=', parentCaseId)
    .groupBy(['workflow_id', 'state', 'status'])
    .execute();
  return rows
    .map((r) => ({
      workflowId: r.workflow_id,
      state: r.state,
      status: r.status === 'done' ? ('done' as const) : ('active' as const),
      count: r.n,
    }))
    .sort((a, b) => b.count - a.count || a.workflowId.localeCompare(b.workflowId) || a.state.localeCompare(b.state));
}

/** Children, and those settled: done, or (with `steps`) waiting only at those steps. */
export async function countSettledChildren(
  db: Kysely<DB>,
  parentCaseId: string,
  steps: readonly string[] | null,
): Promise<{ total: number; settled: number }> {
  const settled =
    steps === null
      ? sql<number>`count(*) filter (where status = 'done')::int`
      : sql<number>`count(*) filter (where status = 'done' or string_to_array(state, ',') <@ ${[...steps]}::text[])::int`;
  const row = await db
    .selectFrom('cases')
    .select([sql<number>`count(*)::int`.as('total'), settled.as('settled')])
    .where('parent_case_id', '=', parentCaseId)
    .executeTakeFirstOrThrow();
  return { total: row.total, settled: row.settled };
}

/** Whether the case has an SLA clock running past its due moment (leaving the step now would breach it). */
export async function hasOverdueClock(db: Kysely<DB>, caseId: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('sla_clocks')
    .select('id')
    .where('case_id', '=', caseId)
    .where('status', '=', 'running')
    .where('due_at', '<', now)
    .executeTakeFirst();
  return row !== undefined;
}

/** Active parents that have opened children: what a host's periodic pass checks with advanceCycleIfSettled. */
export async function activeCycleIds(db: Kysely<DB>, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('cases as p')
    .select('p.id')
    .where('p.status', '=', 'active')
    .where((eb) => eb.exists(eb.selectFrom('cycle_runs as r').select('r.id').whereRef('r.parent_case_id', '=', 'p.id')))
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
