import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let personId: string;
let userId: string;
const NEW_PASSWORD = 'รหัสผ่านเริ่มต้น-2568';

beforeAll(async () => {
  w = await startServerWorld();
  const person = await w.tdb.db
    .insertInto('people')
    .values({
      first_name_th: 'สมศรี',
      last_name_th: 'ใจดี',
      office_id: w.a.officeId,
      school_id: w.a.schoolIds[1],
      email: 'somsri@example.test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  personId = person.id;
});
afterAll(() => w.close());

const signIn = (username: string, password: string) =>
  w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
const users = (who: string, office = w.a.officeId) => w.call(who, 'GET', `/api/offices/${office}/users`);

describe('office administration over HTTP', () => {
  it('lists the users of my office only, to its admins only', async () => {
    const res = await users('a.admin');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; grants: { role: string; active: boolean }[] }[];
    expect(items).toHaveLength(9);
    expect(items.find((u) => u.id === w.a.users.hr.userId)!.grants).toEqual([
      expect.objectContaining({ role: 'hr_officer', schoolId: null, active: true }),
    ]);
    expect(items.some((u) => u.id === w.b.users.hr.userId)).toBe(false);

    expect((await users('a.hr')).statusCode).toBe(403);
    const other = await users('b.admin');
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('OFFICE_NOT_FOUND');
    expect((await w.call('a.admin', 'GET', `/api/offices/${w.a.officeId}/users?q=hr`)).json().items).toHaveLength(1);
  });

  it('creates a user for a person of my office with an initial password that signs in', async () => {
    const body = { personId, username: 'somsri.j', password: NEW_PASSWORD };
    expect((await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/users`, body)).statusCode).toBe(403);
    expect((await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users`, { ...body, password: 'short' })).statusCode).toBe(400);
    const res = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users`, body);
    expect(res.statusCode).toBe(201);
    userId = res.json().userId;
    const row = await w.tdb.db.selectFrom('users').select(['password_hash', 'email']).where('id', '=', userId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.email).toBe('somsri@example.test');
    expect((await signIn('somsri.j', NEW_PASSWORD)).statusCode).toBe(200);

    const taken = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users`, body);
    expect(taken.statusCode).toBe(400);
    expect(taken.json().detail.issues[0]).toMatchObject({ path: 'username', code: 'taken' });
    const twice = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users`, { ...body, username: 'somsri.2' });
    expect(twice.json().detail.issues[0]).toMatchObject({ path: 'personId', code: 'has_user' });
  });

  it('refuses a person, user, school or assignment of another office with 404', async () => {
    const bPerson = await w.tdb.db
      .insertInto('people')
      .values({ first_name_th: 'คนเขตบี', last_name_th: 'ทดสอบ', office_id: w.b.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const create = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users`, {
      personId: bPerson.id,
      username: 'b.person',
      password: NEW_PASSWORD,
    });
    expect(create.statusCode).toBe(404);
    expect(create.json().detail).toMatchObject({ resource: 'person' });
    expect(
      (
        await w.call('a.admin', 'POST', `/api/offices/${w.b.officeId}/users`, {
          personId: bPerson.id,
          username: 'b.person',
          password: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(404);

    const bUser = w.b.users.teacher.userId;
    for (const [method, path, body] of [
      ['POST', `/api/offices/${w.a.officeId}/users/${bUser}/disable`, undefined],
      ['POST', `/api/offices/${w.a.officeId}/users/${bUser}/roles`, { role: 'hr_officer' }],
      ['POST', `/api/offices/${w.b.officeId}/users/${bUser}/disable`, undefined],
    ] as const) {
      const res = await w.call('a.admin', method, path, body);
      expect(res.statusCode).toBe(404);
    }
    const school = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/roles`, {
      role: 'school_director',
      schoolId: w.b.schoolIds[0],
    });
    expect(school.statusCode).toBe(404);
    expect(school.json().detail).toMatchObject({ resource: 'school' });
    const bGrant = await w.tdb.db
      .selectFrom('role_assignments')
      .select('id')
      .where('user_id', '=', w.b.users.hr.userId)
      .executeTakeFirstOrThrow();
    const revoke = await w.call('a.admin', 'DELETE', `/api/offices/${w.a.officeId}/users/${userId}/roles/${bGrant.id}`);
    expect(revoke.statusCode).toBe(404);
    expect(revoke.json().detail).toMatchObject({ resource: 'role_assignment' });
    expect(await w.tdb.db.selectFrom('users').select('disabled_at').where('id', '=', bUser).executeTakeFirstOrThrow()).toEqual({
      disabled_at: null,
    });
  });

  it('grants a role for my office or one of its schools, and revokes it keeping the record', async () => {
    const grant = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/roles`, {
      role: 'school_director',
      schoolId: w.a.schoolIds[1],
    });
    expect(grant.statusCode).toBe(201);
    const { assignmentId } = grant.json();
    const again = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/roles`, {
      role: 'school_director',
      schoolId: w.a.schoolIds[1],
    });
    expect(again.json().assignmentId).toBe(assignmentId);
    expect((await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/roles`, { role: 'admin' })).statusCode).toBe(403);
    expect((await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/roles`, { role: 'pope' })).statusCode).toBe(400);

    const signedIn = await signIn('somsri.j', NEW_PASSWORD);
    const cookie = `esa_session=${signedIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
    const me = await w.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json().grants).toEqual([{ role: 'school_director', officeId: w.a.officeId, schoolId: w.a.schoolIds[1] }]);

    const revoked = await w.call('a.admin', 'DELETE', `/api/offices/${w.a.officeId}/users/${userId}/roles/${assignmentId}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual({ assignmentId, validUntil: w.clock.now().toISOString() });
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().grants).toEqual([]);
    const listed = (await users('a.admin')).json().items.find((u: { id: string }) => u.id === userId);
    expect(listed.grants).toEqual([expect.objectContaining({ id: assignmentId, active: false, validUntil: w.clock.now().toISOString() })]);
  });

  it('disables a user, which signs them out everywhere, and enables them again; never oneself', async () => {
    const signedIn = await signIn('somsri.j', NEW_PASSWORD);
    const cookie = `esa_session=${signedIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
    expect((await w.call('a.hr', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/disable`)).statusCode).toBe(403);
    const disabled = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/disable`);
    expect(disabled.json()).toEqual({ userId, disabledAt: w.clock.now().toISOString() });
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn('somsri.j', NEW_PASSWORD)).statusCode).not.toBe(200);
    expect((await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/disable`)).statusCode).toBe(200);

    const enabled = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/enable`);
    expect(enabled.json()).toEqual({ userId, disabledAt: null });
    expect((await signIn('somsri.j', NEW_PASSWORD)).statusCode).toBe(200);

    const self = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${w.a.users.admin.userId}/disable`);
    expect(self.statusCode).toBe(403);
  });
});

describe('setting a user’s password', () => {
  it('lets an account without a password sign in, ends the old sessions, and is for the office admins only', async () => {
    const person = await w.tdb.db
      .insertInto('people')
      .values({ first_name_th: 'ไม่มี', last_name_th: 'รหัสผ่าน', office_id: w.a.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await w.tdb.db
      .insertInto('users')
      .values({ username: 'no.password', person_id: person.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const url = `/api/offices/${w.a.officeId}/users/${user.id}/password`;
    expect((await signIn('no.password', NEW_PASSWORD)).statusCode).not.toBe(200);
    expect((await w.call('a.hr', 'POST', url, { password: NEW_PASSWORD })).statusCode).toBe(403);
    expect((await w.call('a.admin', 'POST', url, { password: 'short' })).statusCode).toBe(400);
    expect(
      (await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${w.b.users.hr.userId}/password`, { password: NEW_PASSWORD }))
        .statusCode,
    ).toBe(404);
    expect((await w.call('b.admin', 'POST', url, { password: NEW_PASSWORD })).statusCode).toBe(404);

    expect((await w.call('a.admin', 'POST', url, { password: NEW_PASSWORD })).json()).toEqual({ userId: user.id });
    const first = await signIn('no.password', NEW_PASSWORD);
    expect(first.statusCode).toBe(200);
    const cookie = `esa_session=${first.cookies.find((c) => c.name === 'esa_session')!.value}`;
    await w.call('a.admin', 'POST', url, { password: `${NEW_PASSWORD}-ใหม่` });
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn('no.password', NEW_PASSWORD)).statusCode).not.toBe(200);
    expect((await signIn('no.password', `${NEW_PASSWORD}-ใหม่`)).statusCode).toBe(200);
  });
});

describe('finding a person of my office (the person picker)', () => {
  const find = (who: string, q: string, office = w.a.officeId) =>
    w.call(who, 'GET', `/api/offices/${office}/people?q=${encodeURIComponent(q)}`);
  type Found = {
    id: string;
    nameTh: string;
    nameEn: string | null;
    citizenId: string | null;
    school: { nameTh: string } | null;
    user: { username: string } | null;
  };
  let pichitId: string;
  let bPichitId: string;
  beforeAll(async () => {
    const rows = await w.tdb.db
      .insertInto('people')
      .values([
        {
          citizen_id: '1509901234566',
          title_th: 'นาย',
          first_name_th: 'พิชิต',
          last_name_th: 'ค้นหาได้',
          first_name_en: 'Pichit',
          last_name_en: 'Khonhadai',
          office_id: w.a.officeId,
          school_id: w.a.schoolIds[0],
        },
        { citizen_id: '1509901234574', first_name_th: 'พิชิต', last_name_th: 'เขตบี', office_id: w.b.officeId },
      ])
      .returning(['id', 'office_id'])
      .execute();
    pichitId = rows.find((r) => r.office_id === w.a.officeId)!.id;
    bPichitId = rows.find((r) => r.office_id === w.b.officeId)!.id;
  });

  it('finds by Thai name (any part), English name (any case) and citizen id (whole or its first digits), with school and account', async () => {
    for (const q of ['พิชิต', 'ค้นหา', 'พิชิต ค้นหาได้', 'นายพิชิต', 'pichit', 'KHONHA', '1509901234566', '15099', '1-5099-01234']) {
      const res = await find('a.admin', q);
      expect({ q, status: res.statusCode }).toEqual({ q, status: 200 });
      const items = res.json().items as Found[];
      expect({ q, ids: items.map((p) => p.id) }).toEqual({ q, ids: [pichitId] });
    }
    const [p] = (await find('a.admin', 'พิชิต')).json().items as Found[];
    expect(p).toEqual({
      id: pichitId,
      nameTh: 'นายพิชิต ค้นหาได้',
      nameEn: 'Pichit Khonhadai',
      citizenId: '1509901234566',
      position: null,
      school: { id: w.a.schoolIds[0], nameTh: 'โรงเรียน 1', nameEn: 'School 1' },
      user: null,
    });
    // a person who has an account says so, with the username
    const hr = (await find('a.admin', 'hr')).json().items as Found[];
    expect(hr).toEqual([
      expect.objectContaining({ id: w.a.users.hr.personId, user: expect.objectContaining({ username: expect.stringMatching(/^hr-/) }) }),
    ]);
    // a citizen id prefix matches the start only; a LIKE wildcard is only a character
    expect((await find('a.admin', '09901234566')).json().items).toEqual([]);
    expect((await find('a.admin', '%')).json().items).toEqual([]);
  });

  it('never finds a person of another office, and is for the office admins only', async () => {
    const b = (await find('a.admin', '1509901234574')).json().items as Found[];
    expect(b).toEqual([]);
    expect(((await find('a.admin', 'เขตบี')).json().items as Found[]).some((p) => p.id === bPichitId)).toBe(false);
    const other = await find('b.admin', 'พิชิต');
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('OFFICE_NOT_FOUND');
    expect(((await find('b.admin', 'พิชิต', w.b.officeId)).json().items as Found[]).map((p) => p.id)).toEqual([bPichitId]);
    expect((await find('a.hr', 'พิชิต')).statusCode).toBe(403);
    expect((await w.call('a.admin', 'GET', `/api/offices/${w.a.officeId}/people?q=`)).statusCode).toBe(400);
  });

  it('returns at most 20 and says there are more', async () => {
    await w.tdb.db
      .insertInto('people')
      .values(Array.from({ length: 25 }, (_, i) => ({ first_name_th: 'ซ้ำมาก', last_name_th: `คนที่ ${i + 1}`, office_id: w.a.officeId })))
      .execute();
    const res = (await find('a.admin', 'ซ้ำมาก')).json();
    expect(res.items).toHaveLength(20);
    expect(res.more).toBe(true);
  });
});
