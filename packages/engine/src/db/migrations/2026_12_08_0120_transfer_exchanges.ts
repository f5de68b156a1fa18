/**
 * Cross-area transfers between two offices on this esa-flow (issue 21, Act
 * ม.59; docs/workflows/transfer.md "Moves to another area"): a teacher's
 * request for a vacancy of another office is forwarded to that office's
 * round, which ranks it with its own applicants (the seat is filled once, by
 * the office that owns it); that office's อ.ก.ค.ศ. decides and the decision
 * returns to the sending request. One row per forwarded request.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('transfer_exchanges')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('request_case_id', 'uuid', (c) => c.notNull().unique().references('cases.id'))
    .addColumn('sending_office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('sending_round_case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('receiving_office_id', 'uuid', (c) => c.notNull().references('offices.id'))
    .addColumn('receiving_round_case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('candidate', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('forwarded', 'ranked', 'decided', 'returned')`))
    .addColumn('placement', 'jsonb')
    .addColumn('explanation', 'jsonb')
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('approved', 'rejected')`))
    .addColumn('resolution_ref', 'text')
    .addColumn('decided_on', 'date')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('forwarded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ranked_at', 'timestamptz')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('returned_at', 'timestamptz')
    .addCheckConstraint('transfer_exchanges_two_offices', sql`sending_office_id <> receiving_office_id`)
    .execute();
  await sql`create index transfer_exchanges_receiving on transfer_exchanges (receiving_round_case_id, state)`.execute(db);
  await sql`create index transfer_exchanges_sending on transfer_exchanges (sending_round_case_id)`.execute(db);
  for (const [column, text] of COMMENTS) {
    if (column === null) await sql`comment on table transfer_exchanges is ${sql.lit(text)}`.execute(db);
    else await sql`comment on column ${sql.ref(`transfer_exchanges.${column}`)} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [column: string | null, text: string])[] = [
  [
    null,
    'A transfer request for a vacancy of another office on this esa-flow, forwarded to that office’s round, which ranks it and whose อ.ก.ค.ศ. decides (Act ม.59); one row per request',
  ],
  ['request_case_id', 'the teacher’s request (transfer-request), in the sending office'],
  ['sending_office_id', 'the office the teacher belongs to'],
  ['sending_round_case_id', 'the sending office’s round the request was filed in'],
  ['receiving_office_id', 'the office that owns the vacancy'],
  ['receiving_round_case_id', 'the receiving office’s round that ranks the request with its own applicants'],
  [
    'candidate',
    'what the receiving office sees to rank: the teacher’s name, major, kind, verified score, preferred schools and the tie-break facts (no evidence, no other data of the request)',
  ],
  [
    'state',
    "'forwarded' (waiting for the receiving round’s matching), 'ranked' (placed or not by it), 'decided' (its อ.ก.ค.ศ. decided), 'returned' (the decision delivered to the sending request)",
  ],
  ['placement', 'the receiving round’s placement of the request (vacancy, school, preference, rank), or null when not placed'],
  ['explanation', 'the receiving round’s explanation of the placement, in Thai and English'],
  ['decision', "the receiving office’s อ.ก.ค.ศ. resolution: 'approved' or 'rejected'"],
  ['resolution_ref', 'the resolution, as the minutes name it (e.g. มติ อ.ก.ค.ศ. ครั้งที่ 3/2568)'],
  ['decided_on', 'the day of the resolution'],
  ['decided_by', 'the receiving office’s user who recorded the resolution'],
  ['forwarded_at', 'when the sending round forwarded it (the engine clock)'],
  ['ranked_at', 'when the receiving round’s published matching ranked it'],
  ['decided_at', 'when the resolution was recorded'],
  ['returned_at', 'when the decision was delivered to the sending request'],
];
