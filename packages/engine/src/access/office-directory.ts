/**
 * Finding an office's schools by code and its people by citizen id, for
 * imports that name them the way a spreadsheet does (a salary round's
 * roster). Only the office's own rows are found: another office's code or
 * id is "not found", never told apart.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { personNameTh } from './person-name';

export async function schoolIdsByCode(db: Database, officeId: string, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('schools')
    .select(['id', 'code'])
    .where('office_id', '=', officeId)
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function personIdsByCitizenId(db: Database, officeId: string, citizenIds: readonly string[]): Promise<Map<string, string>> {
  if (citizenIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'citizen_id'])
    .where('office_id', '=', officeId)
    .where('citizen_id', 'in', [...new Set(citizenIds)])
    .execute();
  return new Map(rows.flatMap((r) => (r.citizen_id ? [[r.citizen_id, r.id] as const] : [])));
}

/** The codes of the office's schools among `ids` (school id → code); another office's school is absent. */
export async function schoolCodesById(db: Database, officeId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids)].filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (uuids.length === 0) return new Map();
  const rows = await db.selectFrom('schools').select(['id', 'code']).where('office_id', '=', officeId).where('id', 'in', uuids).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/**
 * A person of the office by citizen id, with the school of their record (an
 * import naming a teacher as TRS does: the personnel record, whether or not
 * the person signs in); one without a school, or of another office, is null.
 */
export async function personAtSchoolByCitizenId(
  db: Database,
  officeId: string,
  citizenId: string,
): Promise<{ personId: string; nameTh: string; schoolId: string; schoolName: string } | null> {
  const row = await db
    .selectFrom('people as p')
    .innerJoin('schools as s', 's.id', 'p.school_id')
    .select(['p.id', 'p.first_name_th', 'p.last_name_th', 's.id as school_id', 's.name_th as school_name'])
    .where('p.office_id', '=', officeId)
    .where('s.office_id', '=', officeId)
    .where('p.citizen_id', '=', citizenId)
    .executeTakeFirst();
  return row
    ? { personId: row.id, nameTh: `${row.first_name_th} ${row.last_name_th}`.trim(), schoolId: row.school_id, schoolName: row.school_name }
    : null;
}

/**
 * The teacher a swap request names, found by the citizen id the two
 * teachers exchanged (issue 21): a person of the office holding a teacher's
 * role there now, with the school they teach at. Only the name and school
 * are told, never anything else of the record; the office is the round's
 * (`roundCaseId`, checked visible by the caller); another office's person, or
 * someone who is not a teacher, is "not found".
 */
export async function swapPartnerByCitizenId(
  db: Database,
  roundCaseId: string,
  citizenId: string,
  at: Date,
): Promise<{ personId: string; nameTh: string; schoolName: string | null } | null> {
  const round = await db.selectFrom('cases').select('office_id').where('id', '=', roundCaseId).executeTakeFirst();
  if (!round) return null;
  const officeId = round.office_id;
  const row = await db
    .selectFrom('people as p')
    .innerJoin('users as u', 'u.person_id', 'p.id')
    .innerJoin('role_assignments as r', 'r.user_id', 'u.id')
    .leftJoin('schools as s', 's.id', 'p.school_id')
    .select(['p.id', 'p.first_name_th', 'p.last_name_th', 's.name_th as school_name'])
    .where('p.office_id', '=', officeId)
    .where('p.citizen_id', '=', citizenId)
    .where('r.office_id', '=', officeId)
    .where('r.role', '=', 'teacher')
    .where('r.valid_from', '<=', at)
    .where((eb) => eb.or([eb('r.valid_until', 'is', null), eb('r.valid_until', '>', at)]))
    .executeTakeFirst();
  return row ? { personId: row.id, nameTh: `${row.first_name_th} ${row.last_name_th}`.trim(), schoolName: row.school_name } : null;
}

/** A person of the office as an import names them: by citizen id, or by the position number their record holds. */
export interface OfficePerson {
  personId: string;
  nameTh: string;
  citizenId: string | null;
  schoolId: string | null;
  /** the position number their record holds on the day asked (null without one) */
  positionNo: string | null;
}

/**
 * The person of the office an import row names (an academic-standing request
 * filed in DPA): by citizen id when given, else by the position number
 * (เลขที่ตำแหน่ง) their personnel record holds on `asOf` (YYYY-MM-DD). When
 * both are given they must name the same person. Null when nobody of the
 * office matches, or when a position number is held by more than one person
 * on that day (the row cannot tell them apart); another office's people are
 * never found.
 */
export async function officePersonByIdOrPosition(
  db: Database,
  officeId: string,
  by: { citizenId?: string | null; positionNo?: string | null },
  asOf: string,
): Promise<OfficePerson | null> {
  if (!by.citizenId && !by.positionNo) return null;
  const positions = db
    .selectFrom('personnel_entries as e')
    .select(['e.person_id', 'e.value'])
    .distinctOn('e.person_id')
    .where('e.office_id', '=', officeId)
    .where('e.field', '=', 'position_no')
    .where('e.effective_on', '<=', asOf)
    .orderBy('e.person_id')
    .orderBy('e.effective_on', 'desc')
    .orderBy('e.id', 'desc')
    .as('pos');
  let q = db
    .selectFrom('people as p')
    .leftJoin(positions, 'pos.person_id', 'p.id')
    .select(['p.id', 'p.citizen_id', 'p.title_th', 'p.first_name_th', 'p.last_name_th', 'p.school_id', 'pos.value as position_no'])
    .where('p.office_id', '=', officeId);
  if (by.citizenId) q = q.where('p.citizen_id', '=', by.citizenId);
  if (by.positionNo) q = q.where(sql`pos.value #>> '{}'`, '=', by.positionNo);
  const rows = await q.limit(2).execute();
  if (rows.length !== 1) return null;
  const r = rows[0]!;
  return {
    personId: r.id,
    nameTh: personNameTh(r) ?? '',
    citizenId: r.citizen_id,
    schoolId: r.school_id,
    positionNo: typeof r.position_no === 'string' ? r.position_no : null,
  };
}
