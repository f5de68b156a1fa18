/**
 * Writing an office's schools from an import (the server reads and checks
 * the file: `importSchools`). Imports of schools run one at a time (a
 * transaction-level advisory lock), so two uploads cannot race on the same
 * new code; the stored schools the file's codes name are read under that
 * lock, `decide` says what to insert and update, and everything is written in
 * the same transaction (nothing on a dry run).
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';

export interface StoredSchool {
  id: string;
  officeId: string;
  code: string;
  nameTh: string;
  nameEn: string;
}

export interface SchoolImportWrites {
  inserts: { code: string; nameTh: string; nameEn: string }[];
  /** only schools of the office are updated */
  updates: { id: string; nameTh: string; nameEn: string }[];
}

const LOCK_KEY = sql`hashtext('esa-flow:import:schools')`;

export async function writeSchoolImport(
  db: Database,
  officeId: string,
  codes: readonly string[],
  /** the stored schools by code (of any office: a code is the ministry's) → what to write */
  decide: (stored: ReadonlyMap<string, StoredSchool>) => SchoolImportWrites,
  dryRun: boolean,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    const existing =
      codes.length === 0
        ? []
        : await trx
            .selectFrom('schools')
            .select(['id', 'office_id', 'code', 'name_th', 'name_en'])
            .where('code', 'in', [...codes])
            .execute();
    const writes = decide(
      new Map(existing.map((e) => [e.code, { id: e.id, officeId: e.office_id, code: e.code, nameTh: e.name_th, nameEn: e.name_en }])),
    );
    if (dryRun) return;
    const inserts = writes.inserts.map((v) => ({ office_id: officeId, code: v.code, name_th: v.nameTh, name_en: v.nameEn }));
    for (let i = 0; i < inserts.length; i += 1000)
      await trx
        .insertInto('schools')
        .values(inserts.slice(i, i + 1000))
        .execute();
    if (writes.updates.length > 0) {
      const updates = writes.updates.map((u) => ({ id: u.id, name_th: u.nameTh, name_en: u.nameEn }));
      await sql`
        update schools s set name_th = u.name_th, name_en = u.name_en
        from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as u(id uuid, name_th text, name_en text)
        where s.id = u.id and s.office_id = ${officeId}`.execute(trx);
    }
  });
}
