/**
 * Importing an office's staff (people) from CSV: upsert by citizen id, which
 * must be 13 digits with a valid check digit. The school is named by its
 * code and must be a school of the office (empty: the person works at the
 * office itself). A person registered with another office is rejected: moving
 * someone between offices is a transfer, not an import. Same transaction,
 * locking and idempotency rules as the schools import; every cell of the
 * file is the truth, so an empty optional cell clears that field.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '@esa-flow/engine';
import { checkRow, duplicateRows, emailCell, readTable, reason, summarise, textCell, type ImportColumn, type ImportReport, type RowReport } from './import-table';
import { MAX_IMPORT_ROWS } from './import-schools';
import { citizenIdProblem, normaliseCitizenId } from './thai-citizen-id';

export const STAFF_COLUMNS: readonly ImportColumn[] = [
  { key: 'citizen_id', headers: ['เลขประจำตัวประชาชน', 'citizen id', 'national id', 'เลขบัตรประชาชน'], required: true, th: 'เลขประจำตัวประชาชน', en: 'citizen id' },
  { key: 'title_th', headers: ['คำนำหน้าชื่อ', 'title', 'คำนำหน้า'], required: false, th: 'คำนำหน้าชื่อ', en: 'title' },
  { key: 'first_name_th', headers: ['ชื่อ', 'first name'], required: true, th: 'ชื่อ', en: 'first name' },
  { key: 'last_name_th', headers: ['นามสกุล', 'last name'], required: true, th: 'นามสกุล', en: 'last name' },
  { key: 'first_name_en', headers: ['ชื่อภาษาอังกฤษ', 'first name (english)', 'ชื่อ (อังกฤษ)'], required: false, th: 'ชื่อภาษาอังกฤษ', en: 'first name in English' },
  { key: 'last_name_en', headers: ['นามสกุลภาษาอังกฤษ', 'last name (english)', 'นามสกุล (อังกฤษ)'], required: false, th: 'นามสกุลภาษาอังกฤษ', en: 'last name in English' },
  { key: 'email', headers: ['อีเมล', 'e-mail', 'อีเมล์'], required: false, th: 'อีเมล', en: 'e-mail' },
  { key: 'school_code', headers: ['รหัสโรงเรียน', 'school code', 'โรงเรียน (รหัส)'], required: false, th: 'รหัสโรงเรียน', en: 'school code' },
  { key: 'position', headers: ['ตำแหน่ง', 'position'], required: false, th: 'ตำแหน่ง', en: 'position' },
];
const column = (key: string) => STAFF_COLUMNS.find((c) => c.key === key)!;

const citizenIdCell = z
  .string()
  .transform(normaliseCitizenId)
  .superRefine((v, ctx) => {
    const problem = citizenIdProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const StaffRow = z.object({
  citizen_id: citizenIdCell,
  title_th: textCell({ required: false, max: 50 }),
  first_name_th: textCell({ required: true, max: 200 }),
  last_name_th: textCell({ required: true, max: 200 }),
  first_name_en: textCell({ required: false, max: 200 }),
  last_name_en: textCell({ required: false, max: 200 }),
  email: emailCell,
  school_code: textCell({ required: false, max: 40 }),
  position: textCell({ required: false, max: 200 }),
});
type StaffValue = z.output<typeof StaffRow>;

/** The stored fields an import sets, in the order they are compared. */
const FIELDS = ['title_th', 'first_name_th', 'last_name_th', 'first_name_en', 'last_name_en', 'email', 'school_id', 'position'] as const;
type PersonFields = Record<(typeof FIELDS)[number], string | null>;

const LOCK_KEY = sql`hashtext('esa-flow:import:staff')`;

export async function importStaff(db: Database, officeId: string, csv: string, dryRun: boolean): Promise<ImportReport> {
  const source = readTable(csv, STAFF_COLUMNS, MAX_IMPORT_ROWS);
  const reports: RowReport[] = [];
  const candidates: { row: number; value: StaffValue }[] = [];
  const dupes = duplicateRows(source.map((r) => ({ row: r.row, key: normaliseCitizenId(r.cells.citizen_id ?? '') })).filter((k) => k.key !== ''));
  for (const row of source) {
    const checked = checkRow(StaffRow, row, STAFF_COLUMNS);
    const others = dupes.get(row.row);
    const reasons = [
      ...('reasons' in checked ? checked.reasons : []),
      ...(others ? [reason('duplicate_in_file', column('citizen_id'), { th: `(แถวที่ ${others.join(', ')})`, en: `(rows ${others.join(', ')})` })] : []),
    ];
    const key = normaliseCitizenId(row.cells.citizen_id ?? '');
    if (reasons.length > 0 || 'reasons' in checked) reports.push({ row: row.row, key, status: 'rejected', reasons });
    else candidates.push({ row: row.row, value: checked.value });
  }

  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    const codes = [...new Set(candidates.flatMap((c) => (c.value.school_code ? [c.value.school_code] : [])))];
    const schools = codes.length === 0 ? [] : await trx.selectFrom('schools').select(['id', 'code']).where('office_id', '=', officeId).where('code', 'in', codes).execute();
    const schoolByCode = new Map(schools.map((s) => [s.code, s.id]));
    const ids = candidates.map((c) => c.value.citizen_id);
    const existing = ids.length === 0 ? [] : await trx.selectFrom('people').select(['id', 'office_id', 'citizen_id', ...FIELDS]).where('citizen_id', 'in', ids).execute();
    const byCitizenId = new Map(existing.map((e) => [e.citizen_id!, e]));

    const inserts: (PersonFields & { citizen_id: string; office_id: string })[] = [];
    const updates: (PersonFields & { id: string })[] = [];
    for (const { row, value } of candidates) {
      const key = value.citizen_id;
      const schoolId = value.school_code ? schoolByCode.get(value.school_code) : null;
      if (schoolId === undefined) {
        reports.push({ row, key, status: 'rejected', reasons: [reason('school_code_unknown', column('school_code'))] });
        continue;
      }
      const fields: PersonFields = {
        title_th: value.title_th,
        first_name_th: value.first_name_th,
        last_name_th: value.last_name_th,
        first_name_en: value.first_name_en,
        last_name_en: value.last_name_en,
        email: value.email,
        school_id: schoolId,
        position: value.position,
      };
      const found = byCitizenId.get(key);
      if (found && found.office_id !== officeId) {
        reports.push({ row, key, status: 'rejected', reasons: [reason('citizen_id_other_office', column('citizen_id'))] });
      } else if (!found) {
        inserts.push({ ...fields, citizen_id: key, office_id: officeId });
        reports.push({ row, key, status: 'created', reasons: [] });
      } else if (FIELDS.every((f) => found[f] === fields[f])) {
        reports.push({ row, key, status: 'unchanged', reasons: [] });
      } else {
        updates.push({ ...fields, id: found.id });
        reports.push({ row, key, status: 'updated', reasons: [] });
      }
    }
    if (dryRun) return;
    // first names are required by the table; the zod schema guarantees them for these rows
    const rows = inserts.map((r) => ({ ...r, first_name_th: r.first_name_th!, last_name_th: r.last_name_th! }));
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('people').values(rows.slice(i, i + 1000)).execute();
    if (updates.length > 0) {
      await sql`
        update people p set title_th = u.title_th, first_name_th = u.first_name_th, last_name_th = u.last_name_th,
               first_name_en = u.first_name_en, last_name_en = u.last_name_en, email = u.email, school_id = u.school_id, position = u.position
        from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
             as u(id uuid, title_th text, first_name_th text, last_name_th text, first_name_en text, last_name_en text, email text, school_id uuid, position text)
        where p.id = u.id and p.office_id = ${officeId}`.execute(trx);
    }
  });
  return summarise('staff', dryRun, reports);
}
