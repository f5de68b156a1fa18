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
import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import { executeShape } from '../db/statement-shape';
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
  const statement = commandWriteStatement(trx, w);
  await executeShape(trx, statement.key, statement.values, statement.build);
}

/**
 * The one statement of `writeCommand` as a fixed shape (db/statement-shape.ts):
 * its values, the key of its shape, and how it is built from the values.
 */
export function commandWriteStatement(trx: Transaction<DB>, w: CommandWrite) {
  const h = w.history;
  // every value a leaf of `values` (statement-shape.ts); what changes the text in `key`
  const values: Record<string, unknown> = {
    caseId: w.caseId,
    at: w.at,
    seq: h.seq,
  };
  const outbox = w.outbox.flatMap((o) => {
    const { officeRoles, forSubject } = stepHolderRoles(o.roles);
    return officeRoles.length === 0 && !forSubject ? [] : [{ o, officeRoles, forSubject }];
  });
  outbox.forEach(({ o, officeRoles, forSubject }, i) => {
    Object.assign(values, {
      [`o${i}Kind`]: o.kind,
      [`o${i}Step`]: o.step,
      [`o${i}Payload`]: o.payloadJson,
      [`o${i}OfficeId`]: o.scope.officeId,
      [`o${i}SchoolId`]: o.scope.schoolId,
      [`o${i}SubjectPersonId`]: o.scope.subjectPersonId,
      [`o${i}OfficeRoles`]: officeRoles,
      [`o${i}ForSubject`]: forSubject,
    });
  });
  // the history row's columns, as `historyRowValues` writes them
  const historyRow = historyRowValues(h) as Record<string, unknown>;
  const historyColumns = Object.keys(historyRow);
  for (const c of historyColumns) values[`h_${c}`] = historyRow[c];
  const answer = w.answer;
  if (answer !== undefined)
    Object.assign(values, { answerResponse: JSON.stringify(answer.response), answerActorId: answer.actorId, answerKey: answer.key });
  const caseRow = w.caseRow;
  const caseValues: Record<string, unknown> =
    caseRow.kind === 'update'
      ? caseRow.set
      : {
          id: caseRow.record.id,
          workflow_id: caseRow.record.workflowId,
          workflow_version: caseRow.record.workflowVersion,
          office_id: caseRow.record.officeId,
          school_id: caseRow.record.schoolId,
          subject_person_id: caseRow.record.subjectPersonId,
          title: caseRow.record.title,
          state: caseRow.record.state,
          status: caseRow.record.status,
          snapshot: caseRow.snapshotJson,
          ...caseRow.waiting,
          revision: caseRow.record.revision,
          history_length: caseRow.record.historyLength,
          history_head: caseRow.record.historyHead,
          created_by: caseRow.record.createdBy,
          created_at: caseRow.record.createdAt,
          updated_at: caseRow.record.updatedAt,
        };
  const columns = Object.keys(caseValues);
  for (const c of columns) values[`c_${c}`] = caseValues[c];
  const key = [
    'write-command',
    caseRow.kind,
    historyColumns.join(','),
    columns.join(','),
    answer === undefined ? 'no-answer' : 'answer',
    ...outbox.map(() => 'outbox'),
  ].join('|');
  const build = (v: Record<string, unknown>) => {
    const caseColumns = () => Object.fromEntries(columns.map((k) => [k, v[`c_${k}`]]));
    const historyValues = Object.fromEntries(historyColumns.map((k) => [k, v[`h_${k}`]])) as Insertable<DB['case_history']>;
    let q = trx.with('history_row', (db) => db.insertInto('case_history').values(historyValues).returning('seq'));
    const holders = outbox.map(
      (_, i) =>
        sql`select distinct h.user_id, ${v[`o${i}Kind`]}::text as kind, ${v[`o${i}Step`]}::text as step, ${v[`o${i}Payload`]}::jsonb as payload
          from (${roleHoldersSql({
            officeId: sql`${v[`o${i}OfficeId`]}::uuid`,
            schoolId: sql`${v[`o${i}SchoolId`]}::uuid`,
            subjectPersonId: sql`${v[`o${i}SubjectPersonId`]}::uuid`,
            officeRoles: sql`${v[`o${i}OfficeRoles`]}::text[]`,
            forSubject: sql`${v[`o${i}ForSubject`]}::boolean`,
            assignee: sql`null::jsonb`,
            at: v.at as Date,
          })}) h`,
    );
    if (holders.length > 0) {
      q = q.with('outbox_rows', (db) =>
        db
          .insertInto('notifications')
          .columns(['case_id', 'history_seq', 'recipient_user_id', 'kind', 'step', 'payload', 'available_at', 'created_at'])
          .expression(
            sql`select ${v.caseId}::uuid, ${v.seq}::int, r.user_id, r.kind, r.step, r.payload, ${v.at}::timestamptz, ${v.at}::timestamptz
              from (${sql.join(holders, sql` union all `)}) r
              order by r.kind, r.step, r.user_id`,
          )
          .onConflict((oc) => oc.constraint('notifications_once_key').doNothing())
          .returning('id'),
      ) as unknown as typeof q;
    }
    if (answer !== undefined) {
      q = q.with('stored_answer', (db) =>
        db
          .updateTable('idempotency_keys')
          .set({ response: v.answerResponse as string, case_id: v.caseId as string })
          .where('actor_id', '=', v.answerActorId as string)
          .where('key', '=', v.answerKey as string)
          .returning('key'),
      ) as unknown as typeof q;
    }
    return caseRow.kind === 'update'
      ? q
          .updateTable('cases')
          .set(caseColumns())
          .where('id', '=', v.caseId as string)
      : q.insertInto('cases').values(caseColumns() as Insertable<DB['cases']>);
  };
  return { key, values, build };
}
