import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld({ LOCKOUT_THRESHOLD: '3', LOCKOUT_MINUTES: '15', RATE_LIMIT_SIGN_IN_PER_MINUTE: '20' });
});
afterAll(() => w.close());

const usernameOf = async (userId: string) =>
  (await w.tdb.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow()).username;

describe('sign-in', () => {
  it('sets a secure HTTP-only cookie and records the attempt; the password is stored as scrypt', async () => {
    const username = await usernameOf(w.a.users.hr.userId);
    const res = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'esa_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const row = await w.tdb.db.selectFrom('users').select('password_hash').where('id', '=', w.a.users.hr.userId).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$4096\$8\$1\$/);
    const attempts = await w.tdb.db.selectFrom('sign_in_attempts').select(['outcome']).where('user_id', '=', w.a.users.hr.userId).execute();
    expect(attempts.map((a) => a.outcome)).toContain('success');
    const stored = await w.tdb.db.selectFrom('sessions').select('secret_hash').where('user_id', '=', w.a.users.hr.userId).execute();
    expect(stored.every((s) => s.secret_hash !== cookie.value)).toBe(true);
  });

  it('backs off a source after repeated failures, with the same answer as a wrong password', async () => {
    const username = await usernameOf(w.a.users.group.userId);
    const unknown = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'nobody-here', password: 'x' } });
    expect(unknown.statusCode).toBe(401);
    for (let i = 0; i < 3; i++) {
      const bad = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: 'wrong' } });
      expect(bad.json()).toMatchObject({ code: 'SIGN_IN_FAILED' });
      expect(bad.json().message).toEqual(unknown.json().message);
    }
    const locked = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
    expect(locked.statusCode).toBe(401);
    expect(locked.body).toBe(unknown.body);
    w.clock.advanceMs(16 * 60_000);
    const after = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
    expect(after.statusCode).toBe(200);
    const outcomes = (
      await w.tdb.db.selectFrom('sign_in_attempts').select('outcome').where('user_id', '=', w.a.users.group.userId).orderBy('id').execute()
    ).map((r) => r.outcome);
    expect(outcomes).toEqual(['bad_credentials', 'bad_credentials', 'bad_credentials', 'locked', 'success']);
  });

  it('issues bearer tokens for integrations and ends sessions on sign-out', async () => {
    const issued = await w.call('a.admin', 'POST', '/api/auth/tokens', { name: 'ระบบเงินเดือน' });
    expect(issued.statusCode).toBe(201);
    const { token } = issued.json();
    const me = await w.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(w.a.users.admin.userId);

    const cookie = await w.cookieOf('a.auditor');
    const out = await w.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const gone = await w.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(gone.statusCode).toBe(401);
    expect(
      (await w.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer not-a-real-token-at-all-xxxx' } })).statusCode,
    ).toBe(401);
  });

  it('rate-limits sign-in attempts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push(
        (
          await w.app.inject({
            method: 'POST',
            url: '/api/auth/sign-in',
            remoteAddress: '10.9.9.9',
            payload: { username: 'x', password: 'y' },
          })
        ).statusCode,
      );
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(20);
  });
});
