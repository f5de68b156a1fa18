/**
 * The one command pipeline (design.md §3), inside the caller's transaction:
 *
 *   idempotency → lock → authorize → validate → transition → row, history, outbox → files → SLA
 *
 * Starting a case (`start-case.ts`) and sending an event (`dispatch-event.ts`,
 * and through it a committee's resolutions, the worker's timed system events
 * and every host operation of the procedures) run the first stages their own
 * way — a start claims its key and checks its scope, an event claims its key
 * and locks the case in one statement — and end in `commitTransition`, which
 * writes what the transition decided the same way for both. Opening a
 * cycle's children in bulk (`cycle/write-child-batch.ts`) is the same
 * pipeline for many new cases at once: the same initial transition
 * (`cycle/initial-snapshots.ts`, checked against it), the same chained
 * history row (`chainHistoryRow`), the same clock plan (`planStepClock`) and
 * the same rule for who must act (`access/role-holders.ts`), written as one
 * multi-row INSERT per table.
 */
import type { Transaction } from 'kysely';
import type { Actor } from '../access/actor';
import type { ActingRole } from '../access/roles';
import { assignedTo } from '../access/assignee';
import type { DB } from '../db/schema';
import { attachFilesOfPayload } from '../files/file-service';
import { applySlaForTransition } from '../sla/apply-sla';
import type { EventNotice, WorkflowDefinition } from '../workflow/types';
import { caseWaitingColumns, type CaseRecord } from './case.repository';
import type { CommandResult } from './command-types';
import { writeCommand, type OutboxRows } from './command-write';
import type { EngineDeps } from './engine-deps';
import { chainHistoryRow } from './history.repository';
import type { ActingMark, LateMark } from './history-hash';
import { taskDetailsOf } from './task-details';

/** What a command's checks and transition decided: everything its writes need. */
export interface DecidedTransition {
  readonly def: WorkflowDefinition;
  readonly actor: Actor;
  /** the roles the actor acted in (recorded in history) */
  readonly roles: readonly ActingRole[];
  readonly eventType: string;
  readonly payload: unknown;
  readonly reason: string | null;
  /**
   * The case before the command, or for a start the new case as it opens
   * (`revision` 0, no history yet): its scope and title are what the outbox
   * and the files read.
   */
  readonly record: CaseRecord;
  readonly isNew: boolean;
  /** active steps before (empty for a start) and after the transition */
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly state: string;
  readonly status: 'active' | 'done';
  /** the stored snapshot (machine-snapshot.ts), as JSON text */
  readonly snapshotJson: string;
  readonly context: unknown;
  readonly now: Date;
  /** where the clocks of the steps entered start, when the event says it happened earlier (`occurredAt`) */
  readonly triggerAt?: Date;
  readonly late?: LateMark;
  readonly acting?: ActingMark;
  /** the event informs people (`EventMeta.informs`) */
  readonly informs?: EventNotice;
  readonly idempotencyKey?: string;
}

/**
 * The writing stages: the case row, its history row, the outbox and the
 * key's answer in one statement (`writeCommand`), then the files the payload
 * names, then the SLA clocks and timers of the steps left and entered.
 */
export async function commitTransition(deps: EngineDeps, trx: Transaction<DB>, d: DecidedTransition): Promise<CommandResult> {
  const { record, def, now } = d;
  const entry = chainHistoryRow(
    {
      caseId: record.id,
      at: now,
      actorKind: d.actor.kind,
      actorId: d.actor.id,
      actorRoles: d.roles,
      eventType: d.eventType,
      payload: d.payload,
      reason: d.reason,
      fromState: d.isNew ? null : record.state,
      toState: d.state,
      ...(d.late ? { late: d.late } : {}),
      ...(d.acting ? { acting: d.acting } : {}),
    },
    d.isNew ? { seq: 0, hash: null } : { seq: record.historyLength, hash: record.historyHead },
  );
  const revision = record.revision + 1;
  const result: CommandResult = { caseId: record.id, revision, state: d.state, status: d.status, historySeq: entry.seq, replayed: false };
  const before = new Set(d.before);
  // who holds the steps the case now stands at, stored with its row (the inbox's index)
  const waiting = caseWaitingColumns(def, { ...record, state: d.state, status: d.status }, () => {
    return (JSON.parse(d.snapshotJson) as { context?: unknown }).context;
  });
  await writeCommand(trx, {
    caseId: record.id,
    caseRow: d.isNew
      ? {
          kind: 'insert',
          record: { ...record, state: d.state, status: d.status, revision, historyLength: entry.seq, historyHead: entry.hash },
          snapshotJson: d.snapshotJson,
          waiting,
        }
      : {
          kind: 'update',
          set: {
            state: d.state,
            status: d.status,
            snapshot: d.snapshotJson,
            ...waiting,
            revision,
            history_length: entry.seq,
            history_head: entry.hash,
            updated_at: now,
          },
        },
    history: entry,
    outbox: [
      ...taskRows(
        d,
        d.after.filter((s) => !before.has(s)),
      ),
      ...(d.informs ? [noticeRows(d, d.informs)] : []),
    ],
    at: now,
    ...(d.idempotencyKey === undefined ? {} : { answer: { actorId: d.actor.id, key: d.idempotencyKey, response: result } }),
  });
  await attachFilesOfPayload(trx, {
    actor: d.actor,
    caseId: record.id,
    scope: record,
    payload: d.payload,
    seq: entry.seq,
    now,
  });
  await applySlaForTransition(trx, deps.calendars, {
    caseId: record.id,
    officeId: record.officeId,
    def,
    before: d.before,
    after: d.after,
    seq: entry.seq,
    now,
    done: d.status === 'done',
    context: d.context,
    ...(d.triggerAt ? { triggerAt: d.triggerAt } : {}),
  });
  return result;
}

/** One 'task' notification per person who must now act at each step entered (an assigned step: its assignee's role and school). */
function taskRows(d: DecidedTransition, entered: readonly string[]): OutboxRows[] {
  const details = taskDetailsOf(d.isNew ? undefined : d.payload);
  return entered.flatMap((step) => {
    const meta = d.def.steps[step];
    if (!meta) return [];
    const assigned = assignedTo(meta, d.record, d.context);
    return [
      {
        kind: 'task' as const,
        step,
        roles: assigned.roles,
        scope: assigned.scope,
        payloadJson: JSON.stringify({ workflow: d.def.key, title: d.record.title, stepLabel: meta.label ?? null, ...details }),
      },
    ];
  });
}

/** The 'notice' notifications of an event that informs: what happened, for the state the case landed in. */
function noticeRows(d: DecidedTransition, informs: EventNotice): OutboxRows {
  const notice = informs.byState?.[d.state] ?? informs.message;
  return {
    kind: 'notice',
    step: d.state,
    roles: informs.roles,
    scope: d.record,
    payloadJson: JSON.stringify({ workflow: d.def.key, title: d.record.title, stepLabel: d.def.steps[d.state]?.label ?? null, notice }),
  };
}
