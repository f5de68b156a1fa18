/**
 * Document numbers from the office's registers (ทะเบียนคำสั่ง, ทะเบียนหนังสือส่ง,
 * ทะเบียนประกาศ): docs/document-numbers.md.
 *
 * A number is `n/พ.ศ.`, counted per office, register and Buddhist-era year of
 * the moment it is issued (Asia/Bangkok). Issuing locks the register's row
 * for the rest of the transaction, so concurrent issuers queue and the
 * numbers come out consecutive; a transaction that rolls back gives its
 * number back with it (no gap). Each subject (e.g. "the order of case X")
 * holds at most one live number: asking again returns it, so issuing is safe
 * to retry. Cancelling keeps the row and never frees the number.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { ymdOfEpochDay, epochDayOfInstant } from '../calendar/bangkok-time';
import { toThaiDigits } from '../calendar/thai-digits';
import { EsaError } from '../errors';
import { personNameTh } from '../access/person-name';

export const DOCUMENT_REGISTERS = ['order', 'outgoing', 'announcement'] as const;
export type DocumentRegister = (typeof DOCUMENT_REGISTERS)[number];

export const DOCUMENT_REGISTER_LABELS: Readonly<Record<DocumentRegister, { th: string; en: string }>> = Object.freeze({
  order: { th: 'ทะเบียนคำสั่ง', en: 'Orders' },
  outgoing: { th: 'ทะเบียนหนังสือส่ง', en: 'Outgoing letters' },
  announcement: { th: 'ทะเบียนประกาศ', en: 'Announcements' },
});

export interface IssuedNumber {
  id: string;
  officeId: string;
  register: DocumentRegister;
  beYear: number;
  number: number;
  subjectKey: string;
  title: string;
  caseId: string | null;
  issuedBy: string;
  issuedAt: Date;
  cancelledBy: string | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
}

export interface IssueNumberInput {
  officeId: string;
  register: DocumentRegister;
  /** one live number per subject, e.g. `case:<id>:transfer-order`; asking again returns it */
  subjectKey: string;
  /** what the number was given for, as the register lists it (Thai) */
  title: string;
  caseId?: string | null;
  issuedBy: string;
  issuedAt: Date;
}

type Db = Kysely<DB>;

/** The Buddhist-era year of an instant in Asia/Bangkok. */
export function beYearOf(instant: Date): number {
  return ymdOfEpochDay(epochDayOfInstant(instant)).year + 543;
}

/**
 * Gives the subject its number (or returns the live one it has). Call it
 * inside the transaction that records what the number is for, so both
 * commit or neither does; called with the plain database it runs in a
 * transaction of its own.
 */
export async function issueDocumentNumber(db: Db, input: IssueNumberInput): Promise<IssuedNumber> {
  if (!db.isTransaction) return db.transaction().execute((trx) => issueDocumentNumber(trx, input));
  const beYear = beYearOf(input.issuedAt);
  // take the register's row lock first: every issuer of this office and register queues here
  const locked = await db
    .insertInto('document_registers')
    .values({ office_id: input.officeId, register: input.register, be_year: beYear, last_number: 0 })
    .onConflict((oc) => oc.columns(['office_id', 'register', 'be_year']).doUpdateSet({ last_number: sql`document_registers.last_number` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  const live = await db
    .selectFrom('document_numbers')
    .selectAll()
    .where('office_id', '=', input.officeId)
    .where('register', '=', input.register)
    .where('subject_key', '=', input.subjectKey)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  if (live) return toIssued(live);
  const number = locked.last_number + 1;
  await db
    .updateTable('document_registers')
    .set({ last_number: number })
    .where('office_id', '=', input.officeId)
    .where('register', '=', input.register)
    .where('be_year', '=', beYear)
    .execute();
  const row = await db
    .insertInto('document_numbers')
    .values({
      office_id: input.officeId,
      register: input.register,
      be_year: beYear,
      number,
      subject_key: input.subjectKey,
      title: input.title,
      case_id: input.caseId ?? null,
      issued_by: input.issuedBy,
      issued_at: input.issuedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toIssued(row);
}

/** The live number of a subject, if it has one. */
export async function findDocumentNumber(
  db: Db,
  q: { officeId: string; register: DocumentRegister; subjectKey: string },
): Promise<IssuedNumber | null> {
  const row = await db
    .selectFrom('document_numbers')
    .selectAll()
    .where('office_id', '=', q.officeId)
    .where('register', '=', q.register)
    .where('subject_key', '=', q.subjectKey)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return row ? toIssued(row) : null;
}

/** Cancels a number of one of `officeIds`: recorded, never reused. */
export async function cancelDocumentNumber(
  db: Db,
  input: { id: string; officeIds: readonly string[]; cancelledBy: string; reason: string; at: Date },
): Promise<IssuedNumber> {
  return db.transaction().execute(async (trx) => {
    const row =
      input.officeIds.length === 0
        ? undefined
        : await trx
            .selectFrom('document_numbers')
            .selectAll()
            .where('id', '=', input.id)
            .where('office_id', 'in', input.officeIds)
            .forUpdate()
            .executeTakeFirst();
    if (!row) throw new EsaError('DOCUMENT_NUMBER_NOT_FOUND', { id: input.id });
    if (row.cancelled_at !== null) throw new EsaError('DOCUMENT_NUMBER_CANCELLED', { id: input.id });
    const updated = await trx
      .updateTable('document_numbers')
      .set({ cancelled_at: input.at, cancelled_by: input.cancelledBy, cancel_reason: input.reason })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toIssued(updated);
  });
}

export interface ListedNumber extends IssuedNumber {
  /** the Thai names of who issued and who cancelled it (null: the system, or a user with no person) */
  issuedByName: string | null;
  cancelledByName: string | null;
}

/** One register's numbers for a year, newest first, with who issued and cancelled each by name. */
export async function listDocumentNumbers(
  db: Db,
  q: { officeId: string; register: DocumentRegister; beYear: number; limit?: number; id?: string },
): Promise<ListedNumber[]> {
  const rows = await db
    .selectFrom('document_numbers as n')
    .leftJoin('users as iu', (j) => j.on(sql`iu.id::text`, '=', sql.ref('n.issued_by')))
    .leftJoin('people as ip', 'ip.id', 'iu.person_id')
    .leftJoin('users as cu', (j) => j.on(sql`cu.id::text`, '=', sql.ref('n.cancelled_by')))
    .leftJoin('people as cp', 'cp.id', 'cu.person_id')
    .selectAll('n')
    .select([
      'ip.title_th as i_title',
      'ip.first_name_th as i_first',
      'ip.last_name_th as i_last',
      'cp.title_th as c_title',
      'cp.first_name_th as c_first',
      'cp.last_name_th as c_last',
    ])
    .where('n.office_id', '=', q.officeId)
    .where('n.register', '=', q.register)
    .where('n.be_year', '=', q.beYear)
    .$if(q.id !== undefined, (b) => b.where('n.id', '=', q.id!))
    .orderBy('n.number', 'desc')
    .limit(q.limit ?? 1000)
    .execute();
  return rows.map((r) => ({
    ...toIssued(r),
    issuedByName: personNameTh({ title_th: r.i_title, first_name_th: r.i_first, last_name_th: r.i_last }),
    cancelledByName: personNameTh({ title_th: r.c_title, first_name_th: r.c_first, last_name_th: r.c_last }),
  }));
}

/** `12/2569`, or `๑๒/๒๕๖๙` with Thai digits (an office's choice). */
export function formatDocumentNumber(n: Pick<IssuedNumber, 'number' | 'beYear'>, options: { thaiDigits?: boolean } = {}): string {
  const text = `${n.number}/${n.beYear}`;
  return options.thaiDigits ? toThaiDigits(text) : text;
}

type Row = {
  id: string;
  office_id: string;
  register: string;
  be_year: number;
  number: number;
  subject_key: string;
  title: string;
  case_id: string | null;
  issued_by: string;
  issued_at: Date;
  cancelled_by: string | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
};

function toIssued(r: Row): IssuedNumber {
  return {
    id: r.id,
    officeId: r.office_id,
    register: r.register as DocumentRegister,
    beYear: r.be_year,
    number: r.number,
    subjectKey: r.subject_key,
    title: r.title,
    caseId: r.case_id,
    issuedBy: r.issued_by,
    issuedAt: r.issued_at,
    cancelledBy: r.cancelled_by,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
  };
}
