/**
 * Importing an office's staff (people) from a CSV or xlsx file: upsert by citizen id, which
 * must be 13 digits with a valid check digit. The school is named by its
 * code and must be a school of the office (empty: the person works at the
 * office itself). A person registered with another office is rejected: moving
 * someone between offices is a transfer, not an import. Same transaction,
 * locking and idempotency rules as the schools import; every cell of the
 * file is the truth, so an empty optional cell clears that field.
 *
 * A row may also name a username and an initial role (its code, or its Thai
 * or English name). The username creates the person's user account when they
 * have none (a person who has one under another name is rejected); the role
 * is granted from now on, for the row's school when it is a school role
 * (teacher, school director: the row needs a school code), else for the whole
 * office. There is no "change your password at first sign-in" in the system,
 * so an account the import creates has no password: nobody can sign in to it
 * until an admin sets one on the users page (the report says so). Creating
 * accounts and granting roles is for the office's admins: such a row from an
 * HR officer is rejected. Empty username and role cells change nothing about
 * accounts (an import never revokes a role or removes a user).
 */
import { z } from 'zod';
import {
  ROLE_LABELS,
  ROLES,
  STAFF_PERSON_FIELDS,
  writeStaffImport,
  type Role,
  type StaffImportWrites,
  type StaffPersonFields,
  type Engine,
} from '@esa-flow/engine';
import {
  checkRow,
  duplicateRows,
  emailCell,
  isScientificNotation,
  readTable,
  reason,
  summarise,
  textCell,
  type AccountReport,
  type ImportColumn,
  type ImportReport,
  type RejectionReason,
  type RowReport,
} from './import-table';
import { MAX_IMPORT_ROWS } from './import-schools';
import { citizenIdProblem, normaliseCitizenId } from './thai-citizen-id';
import type { SheetRows } from '../spreadsheet/sheet-rows';

export const STAFF_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'citizen_id',
    headers: ['เลขประจำตัวประชาชน', 'citizen id', 'national id', 'เลขบัตรประชาชน'],
    required: true,
    th: 'เลขประจำตัวประชาชน',
    en: 'citizen id',
  },
  { key: 'title_th', headers: ['คำนำหน้าชื่อ', 'title', 'คำนำหน้า'], required: false, th: 'คำนำหน้าชื่อ', en: 'title' },
  { key: 'first_name_th', headers: ['ชื่อ', 'first name'], required: true, th: 'ชื่อ', en: 'first name' },
  { key: 'last_name_th', headers: ['นามสกุล', 'last name'], required: true, th: 'นามสกุล', en: 'last name' },
  {
    key: 'first_name_en',
    headers: ['ชื่อภาษาอังกฤษ', 'first name (english)', 'ชื่อ (อังกฤษ)'],
    required: false,
    th: 'ชื่อภาษาอังกฤษ',
    en: 'first name in English',
  },
  {
    key: 'last_name_en',
    headers: ['นามสกุลภาษาอังกฤษ', 'last name (english)', 'นามสกุล (อังกฤษ)'],
    required: false,
    th: 'นามสกุลภาษาอังกฤษ',
    en: 'last name in English',
  },
  { key: 'email', headers: ['อีเมล', 'e-mail', 'อีเมล์'], required: false, th: 'อีเมล', en: 'e-mail' },
  { key: 'school_code', headers: ['รหัสโรงเรียน', 'school code', 'โรงเรียน (รหัส)'], required: false, th: 'รหัสโรงเรียน', en: 'school code' },
  { key: 'position', headers: ['ตำแหน่ง', 'position'], required: false, th: 'ตำแหน่ง', en: 'position' },
  { key: 'username', headers: ['ชื่อผู้ใช้', 'username', 'user name', 'บัญชีผู้ใช้'], required: false, th: 'ชื่อผู้ใช้', en: 'username' },
  { key: 'role', headers: ['บทบาท', 'role', 'บทบาทเริ่มต้น', 'initial role'], required: false, th: 'บทบาท', en: 'role' },
];
const column = (key: string) => STAFF_COLUMNS.find((c) => c.key === key)!;

const citizenIdCell = z
  .string()
  .superRefine((v, ctx) => {
    if (isScientificNotation(v)) ctx.addIssue({ code: 'custom', message: 'citizen_id_scientific' });
  })
  .transform(normaliseCitizenId)
  .superRefine((v, ctx) => {
    const problem = citizenIdProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Roles held in a school: granted for the row's school. The others are granted for the whole office. */
export const SCHOOL_ROLES: ReadonlySet<Role> = new Set<Role>(['teacher', 'school_director']);

const squash = (v: string) =>
  v
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
const ROLE_BY_NAME = new Map<string, Role>(
  ROLES.flatMap(
    (r) =>
      [
        [squash(r), r],
        [squash(ROLE_LABELS[r].th), r],
        [squash(ROLE_LABELS[r].en), r],
      ] as [string, Role][],
  ),
);

/** A role by its code, Thai name or English name; empty is null. */
const roleCell = z
  .string()
  .superRefine((v, ctx) => {
    if (v !== '' && !ROLE_BY_NAME.has(squash(v))) ctx.addIssue({ code: 'custom', message: 'role_unknown' });
  })
  .transform((v): Role | null => (v === '' ? null : ROLE_BY_NAME.get(squash(v))!));

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
  // as the users page accepts it: 3 to 100 letters, digits and . _ @ -
  username: textCell({ required: false, max: 100, pattern: /^[A-Za-z0-9._@-]{3,}$/ }),
  role: roleCell,
});
type StaffValue = z.output<typeof StaffRow>;

/** The stored fields an import sets, in the order they are compared. */
const FIELDS = STAFF_PERSON_FIELDS;
type PersonFields = StaffPersonFields;

export interface StaffImportOptions {
  /** the caller is an admin of the office: rows may create accounts and grant roles */
  mayManageAccounts: boolean;
  /** when granted roles start */
  now: Date;
}

const NO_PASSWORD_NOTE = {
  th: 'บัญชีที่สร้างจากการนำเข้ายังไม่มีรหัสผ่าน ผู้ใช้จะเข้าระบบไม่ได้จนกว่าผู้ดูแลระบบจะตั้งรหัสผ่านให้ที่หน้า “ผู้ใช้และบทบาท” (ตั้งรหัสผ่าน) แล้วแจ้งผู้ใช้ทางช่องทางที่ปลอดภัย',
  en: 'Accounts created by an import have no password: the user cannot sign in until an admin sets one on the “Users and roles” page (Set a password) and gives it to them through a safe channel.',
};

export async function importStaff(
  engine: Engine,
  officeId: string,
  sheet: SheetRows,
  dryRun: boolean,
  opts: StaffImportOptions,
): Promise<ImportReport> {
  const source = readTable(sheet, STAFF_COLUMNS, MAX_IMPORT_ROWS);
  const reports: RowReport[] = [];
  const candidates: { row: number; value: StaffValue }[] = [];
  const dupes = duplicateRows(
    source.map((r) => ({ row: r.row, key: normaliseCitizenId(r.cells.citizen_id ?? '') })).filter((k) => k.key !== ''),
  );
  const userDupes = duplicateRows(
    source.filter((r) => r.cells.username).map((r) => ({ row: r.row, key: r.cells.username!.toLowerCase() })),
  );
  const rowsText = (others: number[]) => ({ th: `(แถวที่ ${others.join(', ')})`, en: `(rows ${others.join(', ')})` });
  for (const row of source) {
    const checked = checkRow(StaffRow, row, STAFF_COLUMNS);
    const others = dupes.get(row.row);
    const otherUsers = userDupes.get(row.row);
    const reasons = [
      ...('reasons' in checked ? checked.reasons : []),
      ...(others ? [reason('duplicate_in_file', column('citizen_id'), rowsText(others))] : []),
      ...(otherUsers ? [reason('duplicate_in_file', column('username'), rowsText(otherUsers))] : []),
    ];
    if ('value' in checked && checked.value.role && SCHOOL_ROLES.has(checked.value.role) && !checked.value.school_code)
      reasons.push(reason('role_needs_school', column('role')));
    const key = normaliseCitizenId(row.cells.citizen_id ?? '');
    if (reasons.length > 0 || 'reasons' in checked) reports.push({ row: row.row, key, status: 'rejected', reasons });
    else candidates.push({ row: row.row, value: checked.value });
  }

  await writeStaffImport(
    engine,
    officeId,
    {
      schoolCodes: [...new Set(candidates.flatMap((c) => (c.value.school_code ? [c.value.school_code] : [])))],
      citizenIds: candidates.map((c) => c.value.citizen_id),
      usernames: [...new Set(candidates.flatMap((c) => (c.value.username ? [c.value.username] : [])))],
    },
    ({ schoolByCode, personByCitizenId: byCitizenId, userByPerson, userByName, holds }) => {
      const writes: StaffImportWrites = { inserts: [], updates: [], newUsers: [], grants: [] };
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
          reports.push({ row, key, status: 'rejected', reasons: [reason('citizen_id_not_importable', column('citizen_id'))] });
          continue;
        }
        // the account: checked before anything of the row is kept, so a refused account refuses the whole row
        const plan = planAccount(value, found ? userByPerson.get(found.id) : undefined, userByName, schoolId, holds, opts);
        if ('reasons' in plan) {
          reports.push({ row, key, status: 'rejected', reasons: plan.reasons });
          continue;
        }
        const account = plan.account;
        const accountWrites = account !== null && (account.created || account.role?.granted === true);
        // no password: nobody signs in until an admin sets one (see NO_PASSWORD_NOTE)
        if (account?.created) writes.newUsers.push({ citizenId: key, username: account.username, email: value.email });
        if (account?.role?.granted)
          writes.grants.push({ citizenId: key, role: account.role.code as Role, schoolId: account.role.schoolId });
        const withAccount = account ? { account } : {};
        if (!found) {
          writes.inserts.push({ ...fields, citizen_id: key });
          reports.push({ row, key, status: 'created', reasons: [], ...withAccount });
        } else if (FIELDS.every((f) => found[f] === fields[f])) {
          reports.push({ row, key, status: accountWrites ? 'updated' : 'unchanged', reasons: [], ...withAccount });
        } else {
          writes.updates.push({ ...fields, id: found.id });
          reports.push({ row, key, status: 'updated', reasons: [], ...withAccount });
        }
      }
      return writes;
    },
    { dryRun, now: opts.now },
  );
  const report = summarise('staff', dryRun, reports);
  const kept = report.rows.flatMap((r) => (r.account ? [r.account] : []));
  const created = kept.filter((a) => a.created).length;
  return {
    ...report,
    accounts: {
      created,
      rolesGranted: kept.filter((a) => a.role?.granted).length,
      withoutPassword: kept.filter((a) => !a.hasPassword).length,
      note: kept.some((a) => !a.hasPassword) ? NO_PASSWORD_NOTE : null,
    },
  };
}

/**
 * What a row asks of the person's account: nothing (no username, no role),
 * or the account to use or create and the role to grant, or why not.
 */
function planAccount(
  value: StaffValue,
  existing: { id: string; username: string; password_hash: string | null } | undefined,
  userByName: ReadonlyMap<string, { id: string; person_id: string | null }>,
  schoolId: string | null,
  holds: (userId: string, role: Role, schoolId: string | null) => boolean,
  opts: StaffImportOptions,
): { account: AccountReport | null } | { reasons: RejectionReason[] } {
  if (!value.username && !value.role) return { account: null };
  const reasons: RejectionReason[] = [];
  if (value.username && existing && existing.username.toLowerCase() !== value.username.toLowerCase()) {
    reasons.push(reason('person_has_other_user', column('username'), { th: `(${existing.username})`, en: `(${existing.username})` }));
  } else if (value.username && !existing && userByName.has(value.username.toLowerCase())) {
    reasons.push(reason('username_taken', column('username')));
  }
  if (value.role && !value.username && !existing) reasons.push(reason('role_needs_username', column('role')));
  if (reasons.length > 0) return { reasons };
  const username = existing?.username ?? value.username!;
  const scope = value.role && SCHOOL_ROLES.has(value.role) ? schoolId : null;
  const account: AccountReport = {
    username,
    created: !existing,
    hasPassword: existing ? existing.password_hash !== null : false,
    role: value.role ? { code: value.role, schoolId: scope, granted: !(existing && holds(existing.id, value.role, scope)) } : null,
  };
  if ((account.created || account.role?.granted) && !opts.mayManageAccounts) {
    return { reasons: [reason('accounts_admin_only', column(account.created ? 'username' : 'role'))] };
  }
  return { account };
}
