/**
 * The rows a command writes, in ONE statement (data-modifying CTEs): the case
 * row (a new case inserted, or the moved case updated), its chained history
 * row, the outbox rows of whoever must act now or is told (their recipients
 * chosen by the one rule for who holds a role, `roleHoldersSql`, inside the
 * statement — no read of the holders first) and, when the command carried an
 * idempotency key, its answer stored with the key. One round trip where there
 * were four.
 *
 * The sub-statements see the same snapshot and none reads another's rows; the
 * foreign keys from history and outbox to the new case are checked at the end
 * of the statement, when the case row is there.
 */
import { sql, type Transaction, type Updateable } from 'kysely';
import { stepHolderRoles, roleHoldersSql } from '../access/role-holders';
import type { CaseScope } from '../access/actor';
import type { DB } from '../db/schema';
import type { CaseRecord, CaseWaitingColumns } from './case.repository';
import { historyRowValues, type HistoryEntry } from './history.repository';

/** One kind of outbox row for the holders of some roles for a case scope. */
export interface OutboxRows {
  readonly kind: 'task' | 'notice';
  /** the step the rows are about (a notice: the state the case landed in) */
  readonly step: string;
  /** the roles whose holders receive it, and the scope they hold them for */
  readonly roles: readonly string[];
  readonly scope: CaseScope;
  /** the notification's JSON payload, the same for every recipient */
  readonly payloadJson: string;
}

export interface CommandWrite {
  readonly caseRow:
    | {
        readonly kind: 'insert';
        readonly record: Omit<CaseRecord, 'snapshot'>;
        readonly snapshotJson: string;
        /** who holds the steps it stands at (`caseWaitingColumns`) */
        readonly waiting: CaseWaitingColumns;
      }
    | { readonly kind: 'update'; readonly set: Updateable<DB['cases']> };
  readonly caseId: string;
  readonly history: HistoryEntry;
  readonly outbox: readonly OutboxRows[];
  readonly at: Date;
  readonly answer?: { readonly actorId: string; readonly key: string; readonly response: unknown };
}

export async function writeCommand(trx: Transaction<DB>, w: CommandWrite): Promise<void> {
  const h = w.history;
  let q = trx.with('history_row', (db) => db.insertInto('case_history').values(historyRowValues(h)).returning('seq'));
  const holders = w.outbox.flatMap((o) => {
    const { officeRoles, forSubject } = stepHolderRoles(o.roles);
    if (officeRoles.length === 0 && !forSubject) return [];
    return [
      sql`select distinct h.user_id, ${o.kind}::text as kind, ${o.step}::text as step, ${o.payloadJson}::jsonb as payload
          from (${roleHoldersSql({
            officeId: sql`${o.scope.officeId}::uuid`,
            schoolId: sql`${o.scope.schoolId}::uuid`,
            subjectPersonId: sql`${o.scope.subjectPersonId}::uuid`,
            officeRoles: sql`${officeRoles}::text[]`,
            forSubject: sql`${forSubject}::boolean`,
            assignee: sql`null::jsonb`,
            at: w.at,
          })}) h`,
    ];
  });
  if (holders.length > 0) {
    q = q.with('outbox_rows', (db) =>
      db
        .insertInto('notifications')
        .columns(['case_id', 'history_seq', 'recipient_user_id', 'kind', 'step', 'payload', 'available_at', 'created_at'])
        .expression(
          sql`select ${w.caseId}::uuid, ${h.seq}::int, r.user_id, r.kind, r.step, r.payload, ${w.at}::timestamptz, ${w.at}::timestamptz
              from (${sql.join(holders, sql` union all `)}) r
              order by r.kind, r.step, r.user_id`,
        )
        .onConflict((oc) => oc.constraint('notifications_once_key').doNothing())
        .returning('id'),
    ) as unknown as typeof q;
  }
  const answer = w.answer;
  if (answer !== undefined) {
    q = q.with('stored_answer', (db) =>
      db
        .updateTable('idempotency_keys')
        .set({ response: JSON.stringify(answer.response), case_id: w.caseId })
        .where('actor_id', '=', answer.actorId)
        .where('key', '=', answer.key)
        .returning('key'),
    ) as unknown as typeof q;
  }
  if (w.caseRow.kind === 'update') {
    await q.updateTable('cases').set(w.caseRow.set).where('id', '=', w.caseId).execute();
    return;
  }
  const r = w.caseRow.record;
  await q
    .insertInto('cases')
    .values({
      id: r.id,
      workflow_id: r.workflowId,
      workflow_version: r.workflowVersion,
      office_id: r.officeId,
      school_id: r.schoolId,
      subject_person_id: r.subjectPersonId,
      title: r.title,
      state: r.state,
      status: r.status,
      snapshot: w.caseRow.snapshotJson,
      ...w.caseRow.waiting,
      revision: r.revision,
      history_length: r.historyLength,
      history_head: r.historyHead,
      created_by: r.createdBy,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
}
