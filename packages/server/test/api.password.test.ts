/**
 * Changing one's password (POST /api/me/password), the first sign-in with a
 * password someone else set (PASSWORD_CHANGE_REQUIRED everywhere but me,
 * the change and sign-out), and the demo sign-ins listed only in demo mode.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildApp, loadServerConfig } from '../src/index';
import { createSession } from '@esa-flow/engine/internal';
import { passwordPolicyReasons } from '../src/auth/password-change';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld();
});
afterAll(() => w.close());

const NEW_PASSWORD = 'รหัสใหม่-ยาวพอ-2569';

const usernameOf = async (userId: string) =>
  (await w.tdb.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow()).username;
const signIn = (username: string, password: string) =>
  w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
async function cookieFor(username: string, password = PASSWORD): Promise<string> {
  const res = await signIn(username, password);
  expect(res.statusCode).toBe(200);
  return `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;
}
const as = (cookie: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  w.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const userRow = (userId: string) =>
  w.tdb.db.selectFrom('users').select(['password_hash', 'must_change_password']).where('id', '=', userId).executeTakeFirstOrThrow();
const liveSessions = async (userId: string) =>
  (await w.tdb.db.selectFrom('sessions').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute()).length;

describe('changing my password', () => {
  it('stores the new one, refuses the old one, revokes my other sessions and tokens, keeps this one', async () => {
    const username = await usernameOf(w.a.users.teacher.userId);
    const mine = await cookieFor(username);
    const other = await cookieFor(username);
    const token = (await as(mine, 'POST', '/api/auth/tokens', { name: 'สคริปต์' })).json().token as string;
    const before = await userRow(w.a.users.teacher.userId);

    const res = await as(mine, 'POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revokedSessions: 2 });

    const after = await userRow(w.a.users.teacher.userId);
    expect(after.password_hash).toMatch(/^scrypt\$4096\$8\$1\$/); // the test world's cost (api.sign-in-policy.test.ts tests the real one)
    expect(after.password_hash).not.toBe(before.password_hash);
    expect((await as(mine, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await as(other, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);

    const old = await signIn(username, PASSWORD);
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('SIGN_IN_FAILED');
    const fresh = await signIn(username, NEW_PASSWORD);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().mustChangePassword).toBe(false);

    // the same request again is honestly refused: the current password is now the new one
    const again = await as(mine, 'POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('CURRENT_PASSWORD_WRONG');
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const userId = w.a.users.teacher2.userId;
    const mine = await cookieFor(await usernameOf(userId));
    await cookieFor(await usernameOf(userId));
    const before = await userRow(userId);
    const sessions = await liveSessions(userId);
    const res = await as(mine, 'POST', '/api/me/password', { currentPassword: 'ไม่ใช่รหัสผ่านนี้', newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', message: { th: 'รหัสผ่านปัจจุบันไม่ถูกต้อง' } });
    expect(await userRow(userId)).toEqual(before);
    expect(await liveSessions(userId)).toBe(sessions);
  });

  it('refuses a new password that is too short, the username, or the current one, and says why in Thai and English', async () => {
    const userId = w.a.users.area.userId;
    const username = await usernameOf(userId);
    const mine = await cookieFor(username);
    const before = await userRow(userId);
    const cases: [string, string[]][] = [
      ['สั้นไป12', ['too_short']],
      [username, ['same_as_username']],
      [username.toUpperCase(), ['same_as_username']],
      [PASSWORD, ['same_as_current']],
    ];
    for (const [newPassword, reasons] of cases) {
      const res = await as(mine, 'POST', '/api/me/password', { currentPassword: PASSWORD, newPassword });
      expect({ newPassword, status: res.statusCode, code: res.json().code }).toEqual({
        newPassword,
        status: 400,
        code: 'PASSWORD_POLICY_UNMET',
      });
      const detail = res.json().detail as { minLength: number; reasons: { code: string; th: string; en: string }[] };
      expect(detail.minLength).toBe(10);
      expect(detail.reasons.map((r) => r.code)).toEqual(reasons);
      expect(detail.reasons.every((r) => r.th.length > 0 && r.en.length > 0)).toBe(true);
    }
    expect(await userRow(userId)).toEqual(before);
    // the schema refuses an empty or unknown field before anything is checked
    expect((await as(mine, 'POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: '' })).json().code).toBe(
      'INVALID_PAYLOAD',
    );
    expect(
      (await as(mine, 'POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirm: NEW_PASSWORD })).json()
        .code,
    ).toBe('INVALID_PAYLOAD');
  });

  it('counts characters as a person does, with the configured minimum', () => {
    expect(passwordPolicyReasons({ newPassword: 'กิ่งก้านสาขา', currentPassword: 'x', username: 'u', minLength: 12 })).toEqual([]);
    expect(passwordPolicyReasons({ newPassword: 'abcdefghijk', currentPassword: 'x', username: 'u', minLength: 12 })).toEqual([
      'too_short',
    ]);
    expect(loadServerConfig({}).PASSWORD_MIN_LENGTH).toBe(10);
    expect(loadServerConfig({ PASSWORD_MIN_LENGTH: '14' }).PASSWORD_MIN_LENGTH).toBe(14);
    expect(() => loadServerConfig({ PASSWORD_MIN_LENGTH: '4' })).toThrow(/CONFIG_INVALID/);
  });
});

describe('a password someone else set', () => {
  it('must be changed first: only me, the change and sign-out answer until then', async () => {
    const userId = w.a.users.hr.userId;
    const username = await usernameOf(userId);
    await w.tdb.db.updateTable('users').set({ must_change_password: true }).where('id', '=', userId).execute();

    const res = await signIn(username, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const cookie = `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;

    const me = await as(cookie, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: userId, mustChangePassword: true, passwordMinLength: 10 });
    for (const [method, url, body] of [
      ['GET', '/api/cases'],
      ['GET', '/api/inbox'],
      ['POST', '/api/auth/tokens', { name: 'x' }],
      ['GET', `/api/offices/${w.a.officeId}/schools`],
    ] as const) {
      const refused = await as(cookie, method, url, body);
      expect({ url, status: refused.statusCode, code: refused.json().code }).toEqual({
        url,
        status: 403,
        code: 'PASSWORD_CHANGE_REQUIRED',
      });
      expect(refused.json().message.th).toContain('รหัสผ่าน');
    }
    // a bearer token of the same user (issued before the reset) is held back too
    const { secret } = await createSession(w.tdb.db, { userId, kind: 'token', now: w.clock.now(), ttlMs: 86_400_000, name: 'ก่อนตั้งใหม่' });
    const byToken = await w.app.inject({ method: 'GET', url: '/api/cases', headers: { authorization: `Bearer ${secret}` } });
    expect({ status: byToken.statusCode, code: byToken.json().code }).toEqual({ status: 403, code: 'PASSWORD_CHANGE_REQUIRED' });

    const changed = await as(cookie, 'POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.json()).toEqual({ revokedSessions: 1 });
    expect((await userRow(userId)).must_change_password).toBe(false);
    expect((await as(cookie, 'GET', '/api/me')).json().mustChangePassword).toBe(false);
    expect((await as(cookie, 'GET', '/api/cases')).statusCode).toBe(200);
    expect((await signIn(username, NEW_PASSWORD)).json().mustChangePassword).toBe(false);
  });

  it('may still sign out', async () => {
    const userId = w.a.users.auditor.userId;
    await w.tdb.db.updateTable('users').set({ must_change_password: true }).where('id', '=', userId).execute();
    const cookie = await cookieFor(await usernameOf(userId));
    expect((await as(cookie, 'POST', '/api/auth/sign-out')).statusCode).toBe(204);
    expect((await as(cookie, 'GET', '/api/me')).statusCode).toBe(401);
  });
});

describe('demo sign-ins', () => {
  it('are not listed unless the server runs in demo mode', async () => {
    await w.tdb.db
      .updateTable('users')
      .set({ demo: true })
      .where('id', 'in', [w.b.users.hr.userId, w.b.users.teacher.userId, w.b.users.admin.userId])
      .execute();
    const res = await w.call(null, 'GET', '/api/auth/demo-accounts');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ passwordHint: null, accounts: [] });
    expect(loadServerConfig({}).DEMO).toBe(false);
  });

  it('are listed in demo mode (ESA_FLOW_DEMO=1): demo users that are not disabled, with role and name', async () => {
    for (const value of ['1', 'true']) expect(loadServerConfig({ ESA_FLOW_DEMO: value }).DEMO).toBe(true);
    for (const value of ['0', 'false', '']) expect(loadServerConfig({ ESA_FLOW_DEMO: value }).DEMO).toBe(false);
    expect(() => loadServerConfig({ ESA_FLOW_DEMO: 'yes please' })).toThrow(/CONFIG_INVALID/);

    await w.tdb.db.updateTable('users').set({ demo: true, disabled_at: new Date() }).where('id', '=', w.b.users.auditor.userId).execute();
    const demoApp = await buildApp({ engine: w.engine, config: loadServerConfig({ COOKIE_SECURE: 'false', ESA_FLOW_DEMO: '1' }) });
    try {
      const res = await demoApp.inject({ method: 'GET', url: '/api/auth/demo-accounts' });
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        passwordHint: string;
        accounts: { username: string; role: string; roleLabel: { th: string; en: string }; nameTh: string }[];
      };
      expect(body.passwordHint).toBe('demo1234');
      expect(body.accounts.map((a) => a.role)).toEqual(['hr_officer', 'admin', 'teacher']);
      expect(body.accounts[0]).toEqual({
        username: await usernameOf(w.b.users.hr.userId),
        role: 'hr_officer',
        roleLabel: { th: 'เจ้าหน้าที่กลุ่มบริหารงานบุคคล', en: 'HR officer' },
        nameTh: expect.stringContaining('hr'),
        nameEn: null,
      });
      expect((await demoApp.inject({ method: 'GET', url: '/api/auth/demo-accounts?x=1' })).statusCode).toBe(400);
    } finally {
      await demoApp.close();
    }
  });
});
