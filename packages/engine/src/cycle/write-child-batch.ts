/**
 * One batch of a cycle's children: exactly what `startCase` writes for each
 * child — the case row, its `@start` history row (hash-chained the same way,
 * so `verifyHistory` accepts it), the SLA clock and timers of a first step
 * with a deadline, the task notifications of whoever acts first — prepared in
 * memory first, then written inside one transaction as one multi-row INSERT
 * per table.
 *
 * What is the same for every child is computed once: the due moment and
 * timers of each first step per batch (one trigger moment, one office
 * calendar), the recipients per (roles, school) per opening, the initial
 * snapshot per distinct input that the machine reads.
 */
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ActingRole } from '../access/roles';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { CASE_RECORD_COLUMNS, caseWaitingColumns } from '../case/case.repository';
import { chainHistoryRow } from '../case/history.repository';
import { START_EVENT } from '../case/start-case';
import type { DB } from '../db/schema';
import type { DayCount } from '../office/deadline-policy';
import { momentOfSpec } from '../sla/data-moment';
import type { PlannedTimer } from '../sla/plan-timers';
import { planStepClock } from '../sla/plan-step-clock';
import { stepSystemEvents, type EngineInput, type WorkflowDefinition } from '../workflow/types';
import { insertRows, RowBuffer } from './bulk-insert';
import type { InitialSnapshots } from './initial-snapshots';
import type { ValidChild } from './population';
import type { RoleHolders } from '../access/role-holders';
import { assignedTo } from '../access/assignee';

export interface ChildBatchContext {
  readonly def: WorkflowDefinition;
  readonly parentCaseId: string;
  readonly officeId: string;
  readonly actor: { readonly kind: 'user' | 'committee' | 'system'; readonly id: string };
  /** the starter roles the actor holds for the office: recorded on every `@start` row */
  readonly roles: readonly ActingRole[];
  readonly snapshots: InitialSnapshots;
  /** the office's business calendar for the first steps' deadlines, and the `calendar_revision` it was read at */
  calendar: { readonly calendar: BusinessCalendar; readonly revision: string };
  /** the office's day-count policy in force, for first steps whose deadline counts `office_days` (default: calendar days) */
  readonly dayCount?: { readonly version: number; readonly dayCount: DayCount };
  /** who holds which role in the office, and the subjects' users */
  readonly recipients: RoleHolders;
}

interface StepClock {
  readonly specJson: string;
  readonly policyJson: string;
  readonly dueBasisJson: string;
  readonly dueAt: string | null;
  readonly remindAt: string | null;
  readonly timers: readonly { kind: PlannedTimer['kind']; level: number; fireAt: string }[];
}

// a case record's columns (case.repository.ts) and what a cycle's child adds
const CASE_COLUMNS = [...CASE_RECORD_COLUMNS, 'parent_case_id', 'cycle_key', 'waiting_for', 'waiting_keys'] as const;
const HISTORY_COLUMNS = [
  'case_id',
  'seq',
  'at',
  'actor_kind',
  'actor_id',
  'actor_roles',
  'event_type',
  'payload',
  'reason',
  'from_state',
  'to_state',
  'prev_hash',
  'hash',
] as const;
const CLOCK_COLUMNS = [
  'id',
  'case_id',
  'office_id',
  'step',
  'opened_seq',
  'spec',
  'policy',
  'status',
  'started_at',
  'due_at',
  'remind_at',
  'due_basis',
] as const;
const TIMER_COLUMNS = ['clock_id', 'case_id', 'kind', 'level', 'fire_at', 'status', 'created_at'] as const;
const EVENT_TIMER_COLUMNS = ['case_id', 'kind', 'level', 'step', 'event', 'fire_at', 'status', 'created_at'] as const;
const NOTIFICATION_COLUMNS = [
  'case_id',
  'history_seq',
  'recipient_user_id',
  'kind',
  'step',
  'payload',
  'available_at',
  'created_at',
] as const;

/** A batch ready to write: every row of every child, built before its transaction begins. */
export interface PreparedBatch {
  readonly size: number;
  readonly source: readonly ValidChild[];
  readonly now: Date;
  /** the calendar revision its deadlines were computed with; null when no first step has a deadline */
  readonly calendarRevision: string | null;
  readonly children: readonly PreparedChild[];
}

interface PreparedChild {
  readonly caseId: string;
  readonly caseRow: readonly unknown[];
  readonly historyRow: readonly unknown[];
  readonly clockRows: readonly (readonly unknown[])[];
  readonly timerRows: readonly (readonly unknown[])[];
  /** timed system events of the first steps */
  readonly eventRows: readonly (readonly unknown[])[];
  readonly noteRows: readonly (readonly unknown[])[];
}

/** Children prepared between two yields to the event loop, so a batch being written meanwhile is not held up. */
const SLICE = 100;

/**
 * Builds every row of a batch: ids, initial snapshots, chained `@start` rows,
 * clocks and timers, notifications. No I/O (the calendar and the grants are
 * in the context), and it yields every few children, so the next batch is
 * prepared while the previous one is being written.
 */
export async function prepareChildBatch(
  ctx: ChildBatchContext,
  children: readonly ValidChild[],
  now: Date,
  opts: { yieldToWriters: boolean } = { yieldToWriters: true },
): Promise<PreparedBatch> {
  const { def } = ctx;
  const nowIso = now.toISOString();
  const rolesJson = JSON.stringify(ctx.roles);
  const out: PreparedChild[] = [];
  const clocksByStep = new Map<string, StepClock | null>();
  const calendar = ctx.calendar; // the whole batch uses one calendar, even if a refresh replaces the context's meanwhile
  const hasDeadlines = Object.values(def.steps).some((s) => s.deadline !== undefined);

  for (let first = 0; first < children.length; first += SLICE) {
    if (first > 0 && opts.yieldToWriters) await new Promise<void>((resolve) => setImmediate(resolve));
    const slice = children.slice(first, first + SLICE);
    const snaps = slice.map((child) => {
      const caseId = randomUUID();
      const input: EngineInput = {
        data: child.data,
        caseId,
        officeId: ctx.officeId,
        schoolId: child.schoolId,
        subjectPersonId: child.subjectPersonId,
        at: nowIso,
      };
      return { child, caseId, snap: ctx.snapshots.get(input, child.dataJson) };
    });
    // a first step's due moment and timers: once per step and batch (one trigger moment, one calendar)
    for (const { snap } of snaps) {
      for (const step of snap.steps) {
        if (hasDeadlines && snap.status !== 'done' && !clocksByStep.has(step) && !readsData(def, step)) {
          clocksByStep.set(step, stepClockRows(def, calendar.calendar, step, now, null, ctx.dayCount));
        }
      }
    }

    for (const { child, caseId, snap } of snaps) {
      const entry = chainHistoryRow(
        {
          caseId,
          at: now,
          actorKind: ctx.actor.kind,
          actorId: ctx.actor.id,
          actorRoles: ctx.roles,
          eventType: START_EVENT,
          payload: child.data,
          reason: null,
          fromState: null,
          toState: snap.state,
        },
        { seq: 0, hash: null },
        child.dataJson,
      );
      const clockRows: unknown[][] = [];
      const timerRows: unknown[][] = [];
      const noteRows: unknown[][] = [];
      const eventRows: unknown[][] = [];
      let context: unknown;
      const contextOf = () => (context ??= snap.context());
      for (const step of snap.steps) {
        const data = readsData(def, step);
        const plan =
          snap.status === 'done'
            ? null
            : data
              ? stepClockRows(def, calendar.calendar, step, now, contextOf(), ctx.dayCount)
              : clocksByStep.get(step);
        if (snap.status !== 'done') {
          for (const se of stepSystemEvents(def, step)) {
            const at = momentOfSpec(se.at, { context: contextOf(), triggerAt: now, calendar: calendar.calendar }).dueAt;
            if (at) eventRows.push([caseId, 'system_event', 0, step, se.event, at.toISOString(), 'pending', nowIso]);
          }
        }
        if (plan) {
          const clockId = randomUUID();
          clockRows.push([
            clockId,
            caseId,
            ctx.officeId,
            step,
            1,
            plan.specJson,
            plan.policyJson,
            'running',
            nowIso,
            plan.dueAt,
            plan.remindAt,
            plan.dueBasisJson,
          ]);
          for (const t of plan.timers) timerRows.push([clockId, caseId, t.kind, t.level, t.fireAt, 'pending', nowIso]);
        }
        const meta = def.steps[step];
        if (!meta) continue;
        const scope = { officeId: ctx.officeId, schoolId: child.schoolId, subjectPersonId: child.subjectPersonId };
        const assigned = meta.assignee === undefined ? { roles: meta.roles, scope } : assignedTo(meta, scope, contextOf());
        const users = ctx.recipients.forStep(assigned.roles, assigned.scope);
        if (users.length === 0) continue;
        const payload = JSON.stringify({ workflow: def.key, title: child.title, stepLabel: meta.label });
        for (const user of users) noteRows.push([caseId, 1, user, 'task', step, payload, nowIso, nowIso]);
      }
      const waiting = caseWaitingColumns(
        def,
        {
          officeId: ctx.officeId,
          schoolId: child.schoolId,
          subjectPersonId: child.subjectPersonId,
          state: snap.state,
          status: snap.status,
        },
        contextOf,
      );
      out.push({
        caseId,
        caseRow: [
          caseId,
          def.id,
          def.version,
          ctx.officeId,
          child.schoolId,
          child.subjectPersonId,
          child.title,
          snap.state,
          snap.status,
          snap.snapshotJson,
          1,
          1,
          entry.hash,
          ctx.actor.id,
          nowIso,
          nowIso,
          ctx.parentCaseId,
          child.key,
          waiting.waiting_for,
          waiting.waiting_keys,
        ],
        historyRow: [
          caseId,
          1,
          nowIso,
          entry.actorKind,
          entry.actorId,
          rolesJson,
          START_EVENT,
          child.dataJson,
          null,
          null,
          entry.toState,
          null,
          entry.hash,
        ],
        clockRows,
        timerRows,
        eventRows,
        noteRows,
      });
    }
  }
  const usedCalendar = [...clocksByStep.values()].some((c) => c !== null);
  return { size: children.length, source: children, now, calendarRevision: usedCalendar ? calendar.revision : null, children: out };
}

/**
 * Writes a prepared batch inside the caller's transaction; returns how many
 * children it created. A child whose key already has a case (a concurrent
 * writer got there first) is skipped with all its rows.
 */
export async function writePreparedBatch(trx: Transaction<DB>, batch: PreparedBatch): Promise<number> {
  if (batch.children.length === 0) return 0;
  const cases = new RowBuffer('cases', CASE_COLUMNS);
  for (const c of batch.children) cases.push(...c.caseRow);
  const inserted = await insertRows<'cases', { id: string }>(
    trx,
    cases,
    'on conflict (parent_case_id, cycle_key) where parent_case_id is not null do nothing returning id',
  );
  let children = batch.children;
  if (inserted.length < children.length) {
    const ids = new Set(inserted.map((r) => r.id));
    children = children.filter((c) => ids.has(c.caseId));
  }
  const history = new RowBuffer('case_history', HISTORY_COLUMNS);
  const clocks = new RowBuffer('sla_clocks', CLOCK_COLUMNS);
  const timers = new RowBuffer('sla_timers', TIMER_COLUMNS);
  const eventTimers = new RowBuffer('sla_timers', EVENT_TIMER_COLUMNS);
  const notes = new RowBuffer('notifications', NOTIFICATION_COLUMNS);
  for (const c of children) {
    for (const r of c.eventRows) eventTimers.push(...r);
    history.push(...c.historyRow);
    for (const r of c.clockRows) clocks.push(...r);
    for (const r of c.timerRows) timers.push(...r);
    for (const r of c.noteRows) notes.push(...r);
  }
  await insertRows(trx, history);
  await insertRows(trx, clocks);
  await insertRows(trx, timers);
  await insertRows(trx, eventTimers);
  // the cases are new: no notification of theirs can exist yet
  await insertRows(trx, notes);
  return children.length;
}

/** A step whose deadline is read from each case's data: planned per child, not once per batch. */
function readsData(def: WorkflowDefinition, step: string): boolean {
  const d = def.steps[step]?.deadline as { kind?: string } | undefined;
  return d?.kind === 'from_data';
}

/** The batch's form of the one clock plan (`sla/plan-step-clock.ts`): its rows' JSON and ISO moments, computed once per step and batch. */
function stepClockRows(
  def: WorkflowDefinition,
  calendar: BusinessCalendar,
  step: string,
  now: Date,
  context: unknown,
  dayCount?: { version: number; dayCount: DayCount },
): StepClock | null {
  const plan = planStepClock(def.steps[step], { calendar, now, context, ...(dayCount ? { dayCount } : {}) });
  if (!plan) return null;
  return {
    specJson: JSON.stringify(plan.spec),
    policyJson: JSON.stringify(plan.policy),
    dueBasisJson: JSON.stringify(plan.basis),
    dueAt: plan.dueAt?.toISOString() ?? null,
    remindAt: plan.remindAt?.toISOString() ?? null,
    timers: plan.timers.map((t) => ({ kind: t.kind, level: t.level, fireAt: t.fireAt.toISOString() })),
  };
}
