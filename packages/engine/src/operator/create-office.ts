/**
 * The operator's `pnpm esa office create` in the database: an office and its
 * first administrator (person, user, admin grant) in one transaction, under
 * an advisory lock per office code. Safe to run again: the same office with
 * the same administrator is reported as already there; a code or a username
 * that belongs to something else is refused. The password is hashed by the
 * caller (the server's hashPassword).
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { EsaError } from '../errors';

export interface OfficeWithAdmin {
  code: string;
  nameTh: string;
  nameEn: string;
  level: 'primary' | 'secondary';
  adminUsername: string;
  adminNameTh?: string | undefined;
  adminEmail?: string | undefined;
  passwordHash: string;
  /** true: a one-time password, to be changed at first sign-in */
  mustChangePassword: boolean;
}

export type InsertedOffice = { created: true; officeId: string; userId: string } | { created: false; officeId: string; userId: string };

export async function insertOfficeWithAdmin(db: Database, input: OfficeWithAdmin): Promise<InsertedOffice> {
  return db.transaction().execute(async (trx) => {
    // one operator at a time per office code (two terminals typing the same command)
    await sql`select pg_advisory_xact_lock(hashtext(${`office:${input.code}`}))`.execute(trx);
    const office = await trx.selectFrom('offices').selectAll().where('code', '=', input.code).executeTakeFirst();
    const user = await trx.selectFrom('users').select(['id', 'person_id']).where('username', '=', input.adminUsername).executeTakeFirst();
    if (office) {
      const admin = user
        ? await trx
            .selectFrom('role_assignments')
            .select('id')
            .where('user_id', '=', user.id)
            .where('office_id', '=', office.id)
            .where('role', '=', 'admin')
            .executeTakeFirst()
        : undefined;
      if (office.name_th === input.nameTh && office.name_en === input.nameEn && user && admin)
        return { created: false, officeId: office.id, userId: user.id };
      throw new EsaError('INVALID_PAYLOAD', {
        issues: [{ path: 'code', message: `มีสำนักงานรหัส ${input.code} อยู่แล้ว / an office with code ${input.code} already exists` }],
      });
    }
    if (user)
      throw new EsaError('INVALID_PAYLOAD', {
        issues: [{ path: 'admin', message: `ชื่อผู้ใช้ ${input.adminUsername} มีผู้ใช้แล้ว / the username ${input.adminUsername} is taken` }],
      });

    const created = await trx
      .insertInto('offices')
      .values({ code: input.code, name_th: input.nameTh.trim(), name_en: input.nameEn.trim(), level: input.level })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [first, ...rest] = (input.adminNameTh?.trim() || `ผู้ดูแลระบบ ${input.adminUsername}`).split(/\s+/);
    const person = await trx
      .insertInto('people')
      .values({
        first_name_th: first!,
        last_name_th: rest.join(' ') || '-',
        office_id: created.id,
        email: input.adminEmail ?? null,
        position: 'ผู้ดูแลระบบ',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const admin = await trx
      .insertInto('users')
      .values({
        username: input.adminUsername,
        person_id: person.id,
        password_hash: input.passwordHash,
        email: input.adminEmail ?? null,
        must_change_password: input.mustChangePassword,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('role_assignments').values({ user_id: admin.id, role: 'admin', office_id: created.id, school_id: null }).execute();
    return { created: true, officeId: created.id, userId: admin.id };
  });
}
