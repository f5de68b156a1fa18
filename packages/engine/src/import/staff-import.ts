/**
 * Writing an office's staff (people, and the accounts and roles the rows ask
 * for) from an import; the server reads and checks the file and decides each
 * row (`importStaff`). Imports of staff run one at a time (a
 * transaction-level advisory lock); under that lock the engine reads what the
 * rows name — the office's schools by code, the people by citizen id (of any
 * office: a person of another office is the caller's to refuse), their
 * accounts and the accounts the usernames name, and the live grants of those
 * accounts in the office — `decide` says what to write, and everything is
 * written in the same transaction (nothing on a dry run).
 */
import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { Role } from '../access/roles';

/** The stored fields of a person an import sets, in the order they are compared. */
export const STAFF_PERSON_FIELDS = [
  'title_th',
  'first_name_th',
  'last_name_th',
  'first_name_en',
  'last_name_en',
  'email',
  'school_id',
  'position',
] as const;
export type StaffPersonFields = Record<(typeof STAFF_PERSON_FIELDS)[number], string | null>;

export type StoredStaffPerson = StaffPersonFields & { id: string; office_id: string; citizen_id: string | null };

export interface StaffAccount {
  id: string;
  person_id: string | null;
  username: string;
  password_hash: string | null;
}

export interface StaffImportState {
  /** the office's schools the rows name: code → id */
  schoolByCode: ReadonlyMap<string, string>;
  /** the people the rows name, of any office: citizen id → person */
  personByCitizenId: ReadonlyMap<string, StoredStaffPerson>;
  /** the accounts of the office's people among them: person id → account */
  userByPerson: ReadonlyMap<string, StaffAccount>;
  /** those accounts and the accounts the rows' usernames name: lower-case username → account */
  userByName: ReadonlyMap<string, StaffAccount>;
  /** whether the account holds the role for that scope (office-wide: null) in the office, valid now or later */
  holds: (userId: string, role: Role, schoolId: string | null) => boolean;
}

export interface StaffImportWrites {
  /** new people of the office (first names are required: the caller checked them) */
  inserts: (StaffPersonFields & { citizen_id: string })[];
  /** people of the office whose fields change */
  updates: (StaffPersonFields & { id: string })[];
  /** accounts to create, without a password, by citizen id (a new person's id is known only once inserted) */
  newUsers: { citizenId: string; username: string; email: string | null }[];
  /** roles to grant from `now` on, by citizen id */
  grants: { citizenId: string; role: Role; schoolId: string | null }[];
}

const LOCK_KEY = sql`hashtext('esa-flow:import:staff')`;

export async function writeStaffImport(
  db: Database,
  officeId: string,
  rows: { schoolCodes: readonly string[]; citizenIds: readonly string[]; usernames: readonly string[] },
  decide: (state: StaffImportState) => StaffImportWrites,
  opts: { dryRun: boolean; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    const codes = [...rows.schoolCodes];
    const schools =
      codes.length === 0
        ? []
        : await trx.selectFrom('schools').select(['id', 'code']).where('office_id', '=', officeId).where('code', 'in', codes).execute();
    const ids = [...rows.citizenIds];
    const existing =
      ids.length === 0
        ? []
        : await trx
            .selectFrom('people')
            .select(['id', 'office_id', 'citizen_id', ...STAFF_PERSON_FIELDS])
            .where('citizen_id', 'in', ids)
            .execute();
    // the accounts the rows' people have, the usernames the rows name, and the live grants of those accounts
    const ourIds = existing.filter((e) => e.office_id === officeId).map((e) => e.id);
    const names = [...rows.usernames];
    const accounts =
      ourIds.length === 0 && names.length === 0
        ? []
        : await trx
            .selectFrom('users')
            .select(['id', 'person_id', 'username', 'password_hash'])
            .where((eb) =>
              eb.or([
                ...(ourIds.length > 0 ? [eb('person_id', 'in', ourIds)] : []),
                ...(names.length > 0
                  ? [
                      eb(
                        eb.fn('lower', ['username']),
                        'in',
                        names.map((n) => n.toLowerCase()),
                      ),
                    ]
                  : []),
              ]),
            )
            .execute();
    const userByPerson = new Map(accounts.filter((a) => a.person_id !== null).map((a) => [a.person_id!, a]));
    const userIds = accounts.map((a) => a.id);
    const live =
      userIds.length === 0
        ? []
        : await trx
            .selectFrom('role_assignments')
            .select(['user_id', 'role', 'school_id'])
            .where('user_id', 'in', userIds)
            .where('office_id', '=', officeId)
            .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', opts.now)]))
            .execute();
    const writes = decide({
      schoolByCode: new Map(schools.map((s) => [s.code, s.id])),
      personByCitizenId: new Map(existing.map((e) => [e.citizen_id!, e])),
      userByPerson,
      userByName: new Map(accounts.map((a) => [a.username.toLowerCase(), a])),
      holds: (userId, role, schoolId) => live.some((g) => g.user_id === userId && g.role === role && g.school_id === schoolId),
    });
    if (opts.dryRun) return;
    // first names are required by the table; the caller's checks guarantee them for these rows
    const inserts = writes.inserts.map((r) => ({
      ...r,
      office_id: officeId,
      first_name_th: r.first_name_th!,
      last_name_th: r.last_name_th!,
    }));
    const personByCitizenId = new Map(existing.map((e) => [e.citizen_id!, e.id]));
    for (let i = 0; i < inserts.length; i += 1000) {
      for (const p of await trx
        .insertInto('people')
        .values(inserts.slice(i, i + 1000))
        .returning(['id', 'citizen_id'])
        .execute())
        personByCitizenId.set(p.citizen_id!, p.id);
    }
    const userByCitizenId = new Map(
      existing.flatMap((e) => (userByPerson.has(e.id) ? [[e.citizen_id!, userByPerson.get(e.id)!.id] as const] : [])),
    );
    for (let i = 0; i < writes.newUsers.length; i += 1000) {
      const chunk = writes.newUsers.slice(i, i + 1000);
      // no password: nobody signs in until an admin sets one
      const created = await trx
        .insertInto('users')
        .values(
          chunk.map((u) => ({
            person_id: personByCitizenId.get(u.citizenId)!,
            username: u.username,
            password_hash: null,
            email: u.email,
            preferred_lang: 'th',
          })),
        )
        .returning(['id', 'person_id'])
        .execute();
      const citizenIdOf = new Map(chunk.map((u) => [personByCitizenId.get(u.citizenId)!, u.citizenId]));
      for (const u of created) userByCitizenId.set(citizenIdOf.get(u.person_id!)!, u.id);
    }
    for (let i = 0; i < writes.grants.length; i += 1000) {
      await trx
        .insertInto('role_assignments')
        .values(
          writes.grants.slice(i, i + 1000).map((g) => ({
            user_id: userByCitizenId.get(g.citizenId)!,
            role: g.role,
            office_id: officeId,
            school_id: g.schoolId,
            valid_from: opts.now,
            valid_until: null,
          })),
        )
        .execute();
    }
    if (writes.updates.length > 0) {
      await sql`
        update people p set title_th = u.title_th, first_name_th = u.first_name_th, last_name_th = u.last_name_th,
               first_name_en = u.first_name_en, last_name_en = u.last_name_en, email = u.email, school_id = u.school_id, position = u.position
        from jsonb_to_recordset(${JSON.stringify(writes.updates)}::jsonb)
             as u(id uuid, title_th text, first_name_th text, last_name_th text, first_name_en text, last_name_en text, email text, school_id uuid, position text)
        where p.id = u.id and p.office_id = ${officeId}`.execute(trx);
    }
  });
}
