/**
 * A person's name and a school's name by id, as a filing names its applicant
 * and their school (a transfer request). Both must exist: a grant names them
 * (else Kysely's NoResultError).
 */
import type { Database } from '../db/database';

export async function personNameRow(db: Database, personId: string) {
  return db.selectFrom('people').select(['first_name_th', 'last_name_th']).where('id', '=', personId).executeTakeFirstOrThrow();
}

export async function schoolNameRow(db: Database, schoolId: string) {
  return db.selectFrom('schools').select(['id', 'name_th']).where('id', '=', schoolId).executeTakeFirstOrThrow();
}
