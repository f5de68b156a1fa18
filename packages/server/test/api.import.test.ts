import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { citizenIdCheckDigit, citizenIdProblem, normaliseCitizenId } from '../src/import/thai-citizen-id';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let aCode: string;
let bCode: string;
beforeAll(async () => {
  w = await startServerWorld();
  const codes = await w.tdb.db
    .selectFrom('schools')
    .select(['id', 'code'])
    .where('id', 'in', [w.a.schoolIds[0], w.b.schoolIds[0]])
    .execute();
  aCode = codes.find((s) => s.id === w.a.schoolIds[0])!.code;
  bCode = codes.find((s) => s.id === w.b.schoolIds[0])!.code;
});
afterAll(() => w.close());

const CSV = { 'content-type': 'text/csv; charset=utf-8' };
const post = (who: string, kind: 'schools' | 'staff', csv: string, query = '', office = w.a.officeId) =>
  w.call(who, 'POST', `/api/offices/${office}/import/${kind}${query}`, csv, CSV);
type Row = { row: number; key: string; status: string; reasons: { code: string; column: string | null; th: string; en: string }[] };
const byRow = <R extends Row>(rows: R[]) => new Map(rows.map((r) => [r.row, r]));

describe('the Thai citizen id', () => {
  it('checks 13 digits and the check digit, accepting dashes, spaces and Thai digits', () => {
    expect(citizenIdCheckDigit('123456789012')).toBe(1);
    expect(citizenIdProblem('1234567890121')).toBeNull();
    expect(citizenIdProblem('1234567890122')).toBe('citizen_id_checksum');
    expect(citizenIdProblem('123456789012')).toBe('citizen_id_format');
    expect(citizenIdProblem('')).toBe('required');
    expect(normaliseCitizenId('๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑')).toBe('1234567890121');
  });
});

describe('CSV import of schools', () => {
  const file = () =>
    [
      'รหัสโรงเรียน,ชื่อโรงเรียน,ชื่อโรงเรียนภาษาอังกฤษ',
      '10010001,โรงเรียนบ้านนาใหม่,Ban Na Mai School', // 2 created
      `${aCode},"โรงเรียนเดิม, เปลี่ยนชื่อ",Renamed School`, // 3 updated
      `${bCode},โรงเรียนของเขตอื่น,Other`, // 4 rejected: another office's code
      '10010002,โรงเรียนซ้ำ ก,', // 5 rejected: duplicate of 6
      '10010002,โรงเรียนซ้ำ ข,', // 6 rejected: duplicate of 5
      '10010003,,No Thai name', // 7 rejected: name required
      'bad code!,โรงเรียนรหัสผิด,', // 8 rejected: code format
      '10010004,โรงเรียนไม่มีชื่ออังกฤษ,', // 9 created, English name = Thai
    ].join('\r\n');

  it('upserts valid rows by code and reports every row with reasons in Thai and English', async () => {
    const res = await post('a.admin', 'schools', file());
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.totals).toEqual({ rows: 8, created: 2, updated: 1, unchanged: 0, rejected: 5 });
    const rows = byRow(report.rows);
    expect(rows.get(2)).toEqual({ row: 2, key: '10010001', status: 'created', reasons: [] });
    expect(rows.get(3)!.status).toBe('updated');
    // another office's code: only "cannot be imported", nothing about the other office
    expect(rows.get(4)!.reasons).toEqual([
      {
        code: 'school_code_not_importable',
        column: 'code',
        th: 'รหัสโรงเรียน: รหัสโรงเรียนนี้นำเข้าไม่ได้',
        en: 'school code: this school code cannot be imported',
      },
    ]);
    expect(res.body).not.toMatch(/another office|สำนักงานเขตอื่น/);
    expect(rows.get(5)!.reasons[0]).toMatchObject({
      code: 'duplicate_in_file',
      en: 'school code: duplicates another row of the file (rows 6)',
    });
    expect(rows.get(6)!.reasons[0]).toMatchObject({ code: 'duplicate_in_file', th: 'รหัสโรงเรียน: ซ้ำกับแถวอื่นในไฟล์ (แถวที่ 5)' });
    expect(rows.get(7)!.reasons).toEqual([
      { code: 'required', column: 'name_th', th: 'ชื่อโรงเรียน: ต้องระบุ', en: 'school name: is required' },
    ]);
    expect(rows.get(8)!.reasons[0]).toMatchObject({ code: 'invalid_format', column: 'code' });

    const stored = await w.tdb.db
      .selectFrom('schools')
      .select(['code', 'name_th', 'name_en', 'office_id'])
      .where('code', 'in', ['10010001', '10010002', '10010004', aCode, bCode])
      .orderBy('code')
      .execute();
    expect(stored.find((s) => s.code === aCode)).toMatchObject({ name_th: 'โรงเรียนเดิม, เปลี่ยนชื่อ', name_en: 'Renamed School' });
    expect(stored.find((s) => s.code === '10010004')).toMatchObject({ name_en: 'โรงเรียนไม่มีชื่ออังกฤษ', office_id: w.a.officeId });
    expect(stored.some((s) => s.code === '10010002')).toBe(false);
    expect(stored.find((s) => s.code === bCode)!.office_id).toBe(w.b.officeId);
  });

  it('is idempotent: the same file again changes nothing', async () => {
    const before = await w.tdb.db.selectFrom('schools').selectAll().orderBy('id').execute();
    const report = (await post('a.hr', 'schools', file())).json();
    expect(report.totals).toEqual({ rows: 8, created: 0, updated: 0, unchanged: 3, rejected: 5 });
    expect(await w.tdb.db.selectFrom('schools').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('checks without writing on a dry run', async () => {
    const report = (await post('a.admin', 'schools', 'code,name\r\n10019999,โรงเรียนทดลอง\r\n', '?dryRun=true')).json();
    expect(report).toMatchObject({ dryRun: true, totals: { created: 1 } });
    expect(await w.tdb.db.selectFrom('schools').select('id').where('code', '=', '10019999').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a file it cannot read: unknown or missing columns, empty', async () => {
    const unknown = await post('a.admin', 'schools', 'รหัสโรงเรียน,สีประจำโรงเรียน\r\n1,แดง\r\n');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'unknown_column' }), expect.objectContaining({ code: 'missing_column' })]),
    );
    expect((await post('a.admin', 'schools', '\uFEFF\r\n')).statusCode).toBe(400);
  });
});

describe('CSV import of staff', () => {
  let existingPersonId: string;
  beforeAll(async () => {
    const p = await w.tdb.db
      .insertInto('people')
      .values({ citizen_id: '3100100123451', first_name_th: 'มานะ', last_name_th: 'เดิม', office_id: w.a.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    existingPersonId = p.id;
    await w.tdb.db
      .insertInto('people')
      .values({ citizen_id: '3509900123450', first_name_th: 'ของ', last_name_th: 'เขตบี', office_id: w.b.officeId })
      .execute();
  });

  const file = () =>
    [
      'Citizen ID,Title,First name,Last name,E-mail,School code,Position',
      `๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑,นาง,สมใจ,ใจงาม,SOMJAI@example.test,${aCode},ครู`, // 2 created (Thai digits, dashes)
      '3100100123451,นาย,มานะ,ขยันยิ่ง,,,นักทรัพยากรบุคคล', // 3 updated (existing, office staff)
      '1234567890122,นาย,ผิด,หลักตรวจ,,,', // 4 rejected: check digit
      '123456789012,นาย,สั้น,ไป,,,', // 5 rejected: 12 digits
      `1101700230708,นาง,ไม่มี,โรงเรียน,,${bCode},ครู`, // 6 rejected: school of another office is unknown here
      '1100200300404,นาย,ซ้ำ,หนึ่ง,,,', // 7 rejected: duplicate of 8
      '1100200300404,นาย,ซ้ำ,สอง,,,', // 8 rejected: duplicate of 7
      '1100200300412,นาย,อีเมล,ผิด,not-an-email,,', // 9 rejected: e-mail
      '3509900123450,นาย,ของ,เขตบี,,,', // 10 rejected: registered with another office
      '1100200300421,,,ไม่มีชื่อ,,,', // 11 rejected: first name required
    ].join('\n');

  it('validates each row (check digit, school code, duplicates, e-mail) and upserts the valid ones by citizen id', async () => {
    expect((await post('a.teacher', 'staff', file())).statusCode).toBe(403);
    const other = await post('b.admin', 'staff', file());
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('OFFICE_NOT_FOUND');

    const res = await post('a.hr', 'staff', file());
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.totals).toEqual({ rows: 10, created: 1, updated: 1, unchanged: 0, rejected: 8 });
    const rows = byRow(report.rows);
    expect(rows.get(2)).toMatchObject({ key: '1234567890121', status: 'created' });
    expect(rows.get(3)).toMatchObject({ key: '3100100123451', status: 'updated' });
    expect(rows.get(4)!.reasons).toEqual([
      {
        code: 'citizen_id_checksum',
        column: 'citizen_id',
        th: 'เลขประจำตัวประชาชน: เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)',
        en: 'citizen id: the citizen id is not valid (its check digit does not match)',
      },
    ]);
    expect(rows.get(5)!.reasons[0]!.code).toBe('citizen_id_format');
    expect(rows.get(6)!.reasons[0]).toMatchObject({ code: 'school_code_unknown', column: 'school_code' });
    expect(rows.get(7)!.reasons[0]!.code).toBe('duplicate_in_file');
    expect(rows.get(8)!.reasons[0]!.en).toContain('(rows 7)');
    expect(rows.get(9)!.reasons[0]).toMatchObject({ code: 'email_invalid', column: 'email' });
    expect(rows.get(10)!.reasons).toEqual([
      {
        code: 'citizen_id_not_importable',
        column: 'citizen_id',
        th: 'เลขประจำตัวประชาชน: เลขประจำตัวประชาชนนี้นำเข้าไม่ได้',
        en: 'citizen id: this citizen id cannot be imported',
      },
    ]);
    expect(res.body).not.toMatch(/another office|สำนักงานเขตอื่น|registered/);
    expect(rows.get(11)!.reasons[0]).toMatchObject({ code: 'required', column: 'first_name_th' });

    const created = await w.tdb.db.selectFrom('people').selectAll().where('citizen_id', '=', '1234567890121').executeTakeFirstOrThrow();
    expect(created).toMatchObject({
      office_id: w.a.officeId,
      school_id: w.a.schoolIds[0],
      title_th: 'นาง',
      email: 'somjai@example.test',
      position: 'ครู',
    });
    const updated = await w.tdb.db.selectFrom('people').selectAll().where('id', '=', existingPersonId).executeTakeFirstOrThrow();
    expect(updated).toMatchObject({ last_name_th: 'ขยันยิ่ง', school_id: null, position: 'นักทรัพยากรบุคคล' });
    for (const id of ['1234567890122', '1101700230708', '1100200300404', '1100200300412']) {
      expect(await w.tdb.db.selectFrom('people').select('id').where('citizen_id', '=', id).executeTakeFirst()).toBeUndefined();
    }
    const bPerson = await w.tdb.db
      .selectFrom('people')
      .select(['office_id', 'last_name_th'])
      .where('citizen_id', '=', '3509900123450')
      .executeTakeFirstOrThrow();
    expect(bPerson).toEqual({ office_id: w.b.officeId, last_name_th: 'เขตบี' });
  });

  it('is idempotent: importing the same file again reports unchanged and writes nothing', async () => {
    const before = await w.tdb.db.selectFrom('people').selectAll().orderBy('id').execute();
    const report = (await post('a.admin', 'staff', file())).json();
    expect(report.totals).toEqual({ rows: 10, created: 0, updated: 0, unchanged: 2, rejected: 8 });
    expect(await w.tdb.db.selectFrom('people').selectAll().orderBy('id').execute()).toEqual(before);
  });
});

describe('the CSV body parser and column documentation', () => {
  it('offers the columns as JSON and as a CSV template', async () => {
    const json = await w.call('a.teacher', 'GET', '/api/import/staff/columns');
    expect(json.json().columns.map((c: { key: string }) => c.key)).toContain('citizen_id');
    const csv = await w.call('a.hr', 'GET', '/api/import/schools/columns?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toBe('\uFEFFรหัสโรงเรียน/school code,ชื่อโรงเรียน/name,ชื่อโรงเรียนภาษาอังกฤษ/name (english)\r\n');
    // the template's own headers are accepted back
    expect((await post('a.admin', 'schools', `${csv.body}10017777,โรงเรียนจากแม่แบบ,\r\n`, '?dryRun=true')).json().totals.created).toBe(1);
  });

  it('accepts text/csv only on the import routes; a JSON body there is refused', async () => {
    const elsewhere = await w.call('a.hr', 'POST', '/api/cases', 'a,b\r\n1,2\r\n', CSV);
    expect(elsewhere.statusCode).toBe(415);
    expect(elsewhere.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: { reason: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' } });
    const json = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/import/schools`, { code: '1' });
    expect(json.statusCode).toBe(400);
    const openapi = (await w.call(null, 'GET', '/openapi.json')).json();
    expect(Object.keys(openapi.paths['/api/offices/{officeId}/import/staff'].post.requestBody.content).sort()).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
  });
});

describe('CSV import of staff with user accounts and initial roles', () => {
  const cid = (first12: string) => `${first12}${citizenIdCheckDigit(first12)}`;
  const ID = {
    teacher: cid('190000000001'),
    hr: cid('190000000002'),
    badRole: cid('190000000003'),
    noSchool: cid('190000000004'),
    taken: cid('190000000005'),
    noUser: cid('190000000006'),
    byHr: cid('190000000007'),
  };
  let existingCitizenId: string;
  let hrUsername: string;
  beforeAll(async () => {
    existingCitizenId = cid('190000000009');
    await w.tdb.db.updateTable('people').set({ citizen_id: existingCitizenId }).where('id', '=', w.a.users.teacher2.personId).execute();
    hrUsername = (await w.tdb.db.selectFrom('users').select('username').where('id', '=', w.a.users.hr.userId).executeTakeFirstOrThrow())
      .username;
  });

  const file = () =>
    [
      'เลขประจำตัวประชาชน,ชื่อ,นามสกุล,รหัสโรงเรียน,ชื่อผู้ใช้,บทบาท',
      `${ID.teacher},ครูนำเข้า,มีบัญชี,${aCode},kru.import,ครู`, // 2 created + account + teacher at the school
      `${ID.hr},เจ้าหน้าที่,นำเข้า,,hr.import,hr_officer`, // 3 created + account + HR officer office-wide
      `${ID.badRole},บทบาท,ผิด,,bad.role,ผู้วิเศษ`, // 4 rejected: unknown role
      `${ID.noSchool},ผอ,ไม่มีโรงเรียน,,dir.noschool,school_director`, // 5 rejected: a school role without a school
      `${ID.taken},ชื่อผู้ใช้,ซ้ำ,,${hrUsername},`, // 6 rejected: username taken
      `${ID.noUser},ไม่มี,ชื่อผู้ใช้,${aCode},,teacher`, // 7 rejected: a role needs an account
      `${existingCitizenId},teacher2,เดิม,${aCode},,School director`, // 8 updated: the existing account gets the role
    ].join('\r\n');
  type Report = {
    totals: Record<string, number>;
    rows: (Row & {
      account?: {
        username: string;
        created: boolean;
        hasPassword: boolean;
        role: { code: string; schoolId: string | null; granted: boolean } | null;
      };
    })[];
    accounts: { created: number; rolesGranted: number; withoutPassword: number; note: { th: string; en: string } | null };
  };
  const userOf = (citizenId: string) =>
    w.tdb.db
      .selectFrom('users as u')
      .innerJoin('people as p', 'p.id', 'u.person_id')
      .select(['u.id', 'u.username', 'u.password_hash'])
      .where('p.citizen_id', '=', citizenId)
      .executeTakeFirst();

  it('reports on a dry run what it would create, and writes nothing', async () => {
    const report = (await post('a.admin', 'staff', file(), '?dryRun=true')).json() as Report;
    expect(report.totals).toEqual({ rows: 7, created: 2, updated: 1, unchanged: 0, rejected: 4 });
    expect(report.accounts).toMatchObject({
      created: 2,
      rolesGranted: 3,
      withoutPassword: 2,
      note: { th: expect.stringContaining('ตั้งรหัสผ่าน'), en: expect.stringContaining('set') },
    });
    expect(byRow(report.rows).get(2)!.account).toEqual({
      username: 'kru.import',
      created: true,
      hasPassword: false,
      role: { code: 'teacher', schoolId: w.a.schoolIds[0], granted: true },
    });
    expect(await userOf(ID.teacher)).toBeUndefined();
    expect(await w.tdb.db.selectFrom('people').select('id').where('citizen_id', '=', ID.teacher).executeTakeFirst()).toBeUndefined();
  });

  it('creates the accounts without a password, grants the roles, and refuses a bad row with nothing written for it', async () => {
    const hr = await post('a.hr', 'staff', file());
    // an HR officer imports people, but accounts and roles are the admins' alone
    const hrRows = byRow((hr.json() as Report).rows);
    expect(hrRows.get(2)!.reasons).toEqual([expect.objectContaining({ code: 'accounts_admin_only', column: 'username' })]);
    expect(hrRows.get(8)!.reasons).toEqual([expect.objectContaining({ code: 'accounts_admin_only', column: 'role' })]);
    expect(await w.tdb.db.selectFrom('people').select('id').where('citizen_id', '=', ID.teacher).executeTakeFirst()).toBeUndefined();

    const res = await post('a.admin', 'staff', file());
    expect(res.statusCode).toBe(200);
    const report = res.json() as Report;
    expect(report.totals).toEqual({ rows: 7, created: 2, updated: 1, unchanged: 0, rejected: 4 });
    const rows = byRow(report.rows);
    expect(rows.get(4)!.reasons).toEqual([
      {
        code: 'role_unknown',
        column: 'role',
        th: expect.stringMatching(/^บทบาท: ไม่รู้จักบทบาทนี้/),
        en: expect.stringMatching(/^role: is not a known role/),
      },
    ]);
    expect(rows.get(5)!.reasons).toEqual([expect.objectContaining({ code: 'role_needs_school', column: 'role' })]);
    expect(rows.get(6)!.reasons).toEqual([
      expect.objectContaining({ code: 'username_taken', column: 'username', th: 'ชื่อผู้ใช้: ชื่อผู้ใช้นี้มีผู้อื่นใช้แล้ว' }),
    ]);
    expect(rows.get(7)!.reasons).toEqual([expect.objectContaining({ code: 'role_needs_username', column: 'role' })]);
    expect(rows.get(8)).toMatchObject({
      status: 'updated',
      account: { created: false, hasPassword: true, role: { code: 'school_director', schoolId: w.a.schoolIds[0], granted: true } },
    });

    const kru = await userOf(ID.teacher);
    expect(kru).toMatchObject({ username: 'kru.import', password_hash: null });
    const kruGrants = await w.tdb.db
      .selectFrom('role_assignments')
      .select(['role', 'office_id', 'school_id', 'valid_until'])
      .where('user_id', '=', kru!.id)
      .execute();
    expect(kruGrants).toEqual([{ role: 'teacher', office_id: w.a.officeId, school_id: w.a.schoolIds[0], valid_until: null }]);
    const hrUser = await userOf(ID.hr);
    expect(await w.tdb.db.selectFrom('role_assignments').select(['role', 'school_id']).where('user_id', '=', hrUser!.id).execute()).toEqual(
      [{ role: 'hr_officer', school_id: null }],
    );
    expect(
      await w.tdb.db
        .selectFrom('role_assignments')
        .select('role')
        .where('user_id', '=', w.a.users.teacher2.userId)
        .orderBy('role')
        .execute(),
    ).toEqual([{ role: 'school_director' }, { role: 'teacher' }]);
    // a rejected row writes nothing: neither the person nor an account
    for (const id of [ID.badRole, ID.noSchool, ID.taken, ID.noUser]) {
      expect(await w.tdb.db.selectFrom('people').select('id').where('citizen_id', '=', id).executeTakeFirst()).toBeUndefined();
    }
    expect(await w.tdb.db.selectFrom('users').select('id').where('username', 'in', ['bad.role', 'dir.noschool']).execute()).toEqual([]);
    // no password yet: the account cannot sign in
    const signIn = await w.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'kru.import', password: 'anything-at-all-1' },
    });
    expect(signIn.statusCode).not.toBe(200);
  });

  it('is idempotent: the same file again creates no account and grants no role', async () => {
    const before = await w.tdb.db.selectFrom('role_assignments').select('id').execute();
    const report = (await post('a.admin', 'staff', file())).json() as Report;
    expect(report.totals).toEqual({ rows: 7, created: 0, updated: 0, unchanged: 3, rejected: 4 });
    expect(report.accounts).toMatchObject({ created: 0, rolesGranted: 0, withoutPassword: 2 });
    expect(byRow(report.rows).get(2)!.account).toMatchObject({ created: false, role: { granted: false } });
    expect(await w.tdb.db.selectFrom('role_assignments').select('id').execute()).toHaveLength(before.length);
    // another username for a person who has an account is refused
    const renamed = (await post('a.admin', 'staff', file().replace('kru.import', 'kru.renamed'))).json() as Report;
    expect(byRow(renamed.rows).get(2)!.reasons).toEqual([
      expect.objectContaining({ code: 'person_has_other_user', en: expect.stringContaining('(kru.import)') }),
    ]);
  });
});
