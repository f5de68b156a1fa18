import type { Kysely, Transaction } from 'kysely';
import type { CaseScope } from '../access/actor';
import type { DB } from '../db/schema';
import { loadRoleHolders } from '../access/role-holders';
import { assignedTo } from '../access/assignee';
import type { EventNotice, WorkflowDefinition } from '../workflow/types';
import type { CaseRecord } from './case.repository';
import { bangkokInstant } from '../calendar/bangkok-time';

/**
 * What the event that moved the case asks of the person who must act now,
 * carried into their mail: the payload's `note` (a director's "what to fix")
 * and its `fixBy` moment ({ date, time } in Bangkok) as the mail's due date.
 */
export function taskDetailsOf(payload: unknown): { note?: string; dueAt?: string } {
  if (typeof payload !== 'object' || payload === null) return {};
  const p = payload as { note?: unknown; fixBy?: { date?: unknown; time?: unknown } };
  const out: { note?: string; dueAt?: string } = {};
  if (typeof p.note === 'string' && p.note.trim() !== '') out.note = p.note.trim().slice(0, 2000);
  if (p.fixBy && typeof p.fixBy.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.fixBy.date) && typeof p.fixBy.time === 'string') {
    const at = bangkokInstant(p.fixBy.date, p.fixBy.time);
    if (!Number.isNaN(at.getTime())) out.dueAt = at.toISOString();
  }
  return out;
}

/**
 * Writes the outbox rows for the steps a case has just entered: one 'task'
 * notification per person who must now act. The worker turns them into
 * e-mails; a unique key makes a retried write a no-op.
 */
export async function writeTaskNotifications(
  trx: Transaction<DB>,
  args: {
    record: CaseRecord;
    def: WorkflowDefinition;
    historySeq: number;
    enteredSteps: readonly string[];
    at: Date;
    eventPayload?: unknown;
    /** the case's context after the transition: where an assigned step reads who must act */
    context?: unknown;
  },
): Promise<number> {
  const { record, def, historySeq, enteredSteps, at } = args;
  const details = taskDetailsOf(args.eventPayload);
  const rows: { recipient: string; step: string }[] = [];
  for (const step of enteredSteps) {
    const meta = def.steps[step];
    if (!meta) continue;
    const assigned = assignedTo(meta, record, args.context);
    for (const user of await recipientsFor(trx, assigned.scope, assigned.roles, at)) rows.push({ recipient: user, step });
  }
  if (rows.length === 0) return 0;
  await trx
    .insertInto('notifications')
    .values(
      rows.map(({ recipient, step }) => ({
        case_id: record.id,
        history_seq: historySeq,
        recipient_user_id: recipient,
        kind: 'task',
        step,
        payload: JSON.stringify({
          workflow: def.key,
          title: record.title,
          stepLabel: def.steps[step]?.label ?? null,
          ...details,
        }),
        available_at: at,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.constraint('notifications_once_key').doNothing())
    .execute();
  return rows.length;
}

/**
 * Writes the 'notice' notifications of an event that informs people (its
 * metadata's `informs`): one per holder of the roles, saying what happened
 * (the message for the state the case landed in). Not a task: nothing to do.
 */
export async function writeNoticeNotifications(
  trx: Transaction<DB>,
  args: { record: CaseRecord; def: WorkflowDefinition; historySeq: number; state: string; informs: EventNotice; at: Date },
): Promise<number> {
  const { record, def, historySeq, state, informs, at } = args;
  const recipients = await recipientsFor(trx, record, informs.roles, at);
  if (recipients.length === 0) return 0;
  const notice = informs.byState?.[state] ?? informs.message;
  await trx
    .insertInto('notifications')
    .values(
      recipients.map((recipient) => ({
        case_id: record.id,
        history_seq: historySeq,
        recipient_user_id: recipient,
        kind: 'notice',
        step: state,
        payload: JSON.stringify({ workflow: def.key, title: record.title, stepLabel: def.steps[state]?.label ?? null, notice }),
        available_at: at,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.constraint('notifications_once_key').doNothing())
    .execute();
  return recipients.length;
}

/** The users who hold one of `roles` for this case right now (the rule: access/role-holders.ts). */
export async function recipientsFor(trx: Kysely<DB>, record: CaseScope, roles: readonly string[], at: Date): Promise<string[]> {
  const holders = await loadRoleHolders(trx, {
    officeIds: [record.officeId],
    roles,
    subjectPersonIds: record.subjectPersonId ? [record.subjectPersonId] : [],
    schoolIds: [record.schoolId],
    at,
  });
  return [...holders.forStep(roles, record)];
}
