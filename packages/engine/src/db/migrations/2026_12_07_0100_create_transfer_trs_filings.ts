/**
 * Requests filed in the national transfer system (TRS) and imported into a
 * round (issue 21, docs/workflows/transfer.md "Importing requests filed in
 * TRS"): one row per TRS request number per round, naming the request case
 * it became. The unique key makes an import idempotent: the same file sent
 * again finds its rows here and replays them instead of filing twice, and a
 * number already taken by another teacher is refused.
 *
 * Frozen: never edit after it has landed; add a new migration instead.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('transfer_trs_filings')
    .addColumn('round_case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('trs_ref', 'text', (c) => c.notNull())
    .addColumn('request_case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('people.id'))
    .addColumn('imported_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('transfer_trs_filings_pk', ['round_case_id', 'trs_ref'])
    .execute();
  await sql`create unique index transfer_trs_filings_request on transfer_trs_filings (request_case_id)`.execute(db);
  for (const [column, text] of COMMENTS) {
    if (column === null) await sql`comment on table transfer_trs_filings is ${sql.lit(text)}`.execute(db);
    else await sql`comment on column ${sql.ref(`transfer_trs_filings.${column}`)} is ${sql.lit(text)}`.execute(db);
  }
}

const COMMENTS: readonly (readonly [column: string | null, text: string])[] = [
  [null, 'Transfer requests filed in TRS (the national transfer system) and imported into a round: one per TRS request number per round'],
  ['round_case_id', 'the transfer round (case) the request was imported into'],
  ['trs_ref', 'the request number as TRS shows it; unique within the round'],
  ['request_case_id', 'the transfer request (case) the import opened for it'],
  ['person_id', 'the teacher who filed it in TRS (found by citizen id in the office’s personnel)'],
  ['imported_by', 'the HR officer whose upload recorded it'],
  ['imported_at', 'when it was recorded (the engine clock)'],
];
