/**
 * Authentication and sessions (docs/access.md "Signing in", docs/api.md
 * "Tokens", "CSRF", "Sessions"): the sign-in back-off and limits, password
 * hashing parameters, bearer tokens, the CSRF origin check, the idle timeout
 * and the purge of expired records.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { engineOn } from '@esa-flow/engine/testing';
import { withRecordPurge, type Engine } from '@esa-flow/engine';
import { purgeExpiredRecords } from '@esa-flow/engine/internal';
import {
  currentHashParams,
  dummyHash,
  hashPassword,
  needsRehash,
  setHashCostForTesting,
  storedHashParams,
  TARGET_HASH_PARAMS,
  verifyPassword,
} from '../src/auth/password';
import { signIn } from '../src/auth/sign-in';
import { buildApp, loadServerConfig } from '../src/index';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld({
    LOCKOUT_THRESHOLD: '3',
    LOCKOUT_MINUTES: '15',
    LOCKOUT_MAX_MINUTES: '600',
    TOKEN_MAX_DAYS: '120',
    RATE_LIMIT_TOKENS_PER_HOUR: '6',
    RATE_LIMIT_SIGN_IN_PER_USERNAME_PER_MINUTE: '8',
    SESSION_IDLE_MINUTES: '60',
    SESSION_TTL_HOURS: '12',
  });
});
afterAll(() => w.close());

const usernameOf = async (who: keyof ServerWorld['a']['users']) =>
  (await w.tdb.db.selectFrom('users').select('username').where('id', '=', w.a.users[who].userId).executeTakeFirstOrThrow()).username;
let ipSeq = 0;
const freshIp = () => `10.20.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;
const signInFrom = (ip: string, username: string, password: string) =>
  w.app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress: ip, payload: { username, password } });
const throttleOf = (username: string, source: string) =>
  w.tdb.db
    .selectFrom('sign_in_throttle')
    .selectAll()
    .where('username', '=', username.toLowerCase())
    .where('source', '=', source)
    .executeTakeFirst();

describe('sign-in back-off and limits', () => {
  it('counts every one of N concurrent wrong attempts (atomic counters)', async () => {
    const username = await usernameOf('director2');
    const ip = freshIp();
    const before = await w.tdb.db
      .selectFrom('users')
      .select('failed_sign_ins')
      .where('id', '=', w.a.users.director2.userId)
      .executeTakeFirstOrThrow();
    const policy = {
      LOCKOUT_THRESHOLD: 100,
      LOCKOUT_MINUTES: 15,
      LOCKOUT_MAX_MINUTES: 600,
      RATE_LIMIT_SIGN_IN_PER_MINUTE: 1000,
      RATE_LIMIT_SIGN_IN_PER_USERNAME_PER_MINUTE: 1000,
    };
    const N = 8;
    const results = await Promise.allSettled(
      Array.from({ length: N }, () =>
        signIn(engineOn(w.tdb.db), policy, { username, password: 'wrong', ip, userAgent: null }, w.clock.now()),
      ),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect((await throttleOf(username, ip))!.failures).toBe(N);
    const after = await w.tdb.db
      .selectFrom('users')
      .select('failed_sign_ins')
      .where('id', '=', w.a.users.director2.userId)
      .executeTakeFirstOrThrow();
    expect(after.failed_sign_ins - before.failed_sign_ins).toBe(N);
  });

  it('answers a source in back-off exactly as a wrong password, for existing and unknown usernames', async () => {
    const username = await usernameOf('auditor');
    const ip = freshIp();
    const wrong = await signInFrom(ip, username, 'wrong');
    for (let i = 0; i < 2; i++) await signInFrom(ip, username, 'wrong');
    const lockedRight = await signInFrom(ip, username, PASSWORD);
    const lockedWrong = await signInFrom(ip, username, 'wrong');
    for (let i = 0; i < 4; i++) await signInFrom(ip, 'no-such-user-anywhere', 'wrong');
    const unknownLocked = await signInFrom(ip, 'no-such-user-anywhere', 'wrong');
    for (const res of [lockedRight, lockedWrong, unknownLocked]) {
      expect(res.statusCode).toBe(wrong.statusCode);
      expect(res.body).toBe(wrong.body);
      expect(res.headers['content-type']).toBe(wrong.headers['content-type']);
    }
    expect(wrong.json().code).toBe('SIGN_IN_FAILED');
  });

  it('does not block the owner signing in from their own source while an attacker fails elsewhere', async () => {
    const username = await usernameOf('area');
    const owner = freshIp();
    expect((await signInFrom(owner, username, PASSWORD)).statusCode).toBe(200);
    const attacker = freshIp();
    for (let i = 0; i < 3; i++) await signInFrom(attacker, username, 'guess');
    const refused = await signInFrom(attacker, username, PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('SIGN_IN_FAILED');
    expect((await signInFrom(owner, username, PASSWORD)).statusCode).toBe(200);
    // spraying from many sources spends the per-username limit (8 a minute) for new sources, not for the owner's known one
    const spray: number[] = [];
    for (let i = 0; i < 5; i++) spray.push((await signInFrom(freshIp(), username, 'guess')).statusCode);
    expect(spray).toEqual([401, 401, 401, 429, 429]);
    expect((await signInFrom(freshIp(), username, PASSWORD)).statusCode).toBe(429);
    expect((await signInFrom(owner, username, PASSWORD)).statusCode).toBe(200);
  });

  it('doubles the back-off with each further failure, and forgets it after a success', async () => {
    const username = await usernameOf('teacher2');
    const ip = freshIp();
    for (let i = 0; i < 3; i++) await signInFrom(ip, username, 'wrong');
    const first = (await throttleOf(username, ip))!;
    expect(first.blocked_until!.getTime() - w.clock.now().getTime()).toBe(15 * 60_000);
    w.clock.advanceMs(16 * 60_000);
    await signInFrom(ip, username, 'wrong');
    const second = (await throttleOf(username, ip))!;
    expect(second.blocked_until!.getTime() - w.clock.now().getTime()).toBe(30 * 60_000);
    w.clock.advanceMs(31 * 60_000);
    await signInFrom(ip, username, 'wrong');
    expect((await throttleOf(username, ip))!.blocked_until!.getTime() - w.clock.now().getTime()).toBe(60 * 60_000);
    w.clock.advanceMs(59 * 60_000);
    expect((await signInFrom(ip, username, PASSWORD)).statusCode).toBe(401);
    w.clock.advanceMs(2 * 60_000);
    expect((await signInFrom(ip, username, PASSWORD)).statusCode).toBe(200);
    expect(await throttleOf(username, ip)).toMatchObject({ failures: 0, blocked_until: null });
  });

  it('rate-limits per client address in PostgreSQL, shared by every API process', async () => {
    const other = await buildApp({
      engine: w.engine,
      config: loadServerConfig({ COOKIE_SECURE: 'false', RATE_LIMIT_SIGN_IN_PER_MINUTE: '4' }),
    });
    try {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await signInFrom(ip, `spray-${i}`, 'x')).statusCode); // this world: 1000 a minute
      for (let i = 0; i < 3; i++)
        statuses.push(
          (
            await other.inject({
              method: 'POST',
              url: '/api/auth/sign-in',
              remoteAddress: ip,
              payload: { username: `spray-b-${i}`, password: 'x' },
            })
          ).statusCode,
        );
      // the other process allows 4 a minute and sees the first process's 3
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    } finally {
      await other.close();
    }
  });

  it('takes the client address from X-Forwarded-For only from the proxies TRUST_PROXY names', async () => {
    const username = await usernameOf('director');
    const behind = await buildApp({ engine: w.engine, config: loadServerConfig({ COOKIE_SECURE: 'false', TRUST_PROXY: '10.99.0.0/16' }) });
    try {
      await behind.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '10.99.1.1',
        headers: { 'x-forwarded-for': '203.0.113.7' },
        payload: { username, password: 'wrong' },
      });
      await behind.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '192.0.2.50',
        headers: { 'x-forwarded-for': '203.0.113.8' },
        payload: { username, password: 'wrong' },
      });
      const ips = (
        await w.tdb.db.selectFrom('sign_in_attempts').select('ip').where('user_id', '=', w.a.users.director.userId).orderBy('id').execute()
      ).map((r) => r.ip);
      expect(ips.slice(-2)).toEqual(['203.0.113.7', '192.0.2.50']);
    } finally {
      await behind.close();
    }
    expect(loadServerConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadServerConfig({}).TRUST_PROXY).toBe(false);
    expect(() => loadServerConfig({ TRUST_PROXY: 'everyone' })).toThrow();
  });
});

describe('password hashing', () => {
  it('hashes new passwords with scrypt N=2^17, r=8, p=1, and re-hashes an older hash at sign-in', async () => {
    expect(TARGET_HASH_PARAMS).toEqual({ N: 1 << 17, r: 8, p: 1 });
    const username = await usernameOf('director2');
    const older = await hashPassword(PASSWORD); // this world's test cost, 2^12: older than the target
    await w.tdb.db.updateTable('users').set({ password_hash: older }).where('id', '=', w.a.users.director2.userId).execute();
    setHashCostForTesting(TARGET_HASH_PARAMS.N);
    try {
      expect(dummyHash()).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(needsRehash(older)).toBe(true);
      expect((await signInFrom(freshIp(), username, PASSWORD)).statusCode).toBe(200);
      const row = await w.tdb.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', w.a.users.director2.userId)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(needsRehash(row.password_hash!)).toBe(false);
      expect(await verifyPassword(PASSWORD, row.password_hash!)).toBe(true);
    } finally {
      setHashCostForTesting(1 << 12);
    }
    expect(currentHashParams().N).toBe(1 << 12);
  });

  it('refuses stored parameters out of bounds without spending memory on them', async () => {
    const salt = 'AAAAAAAAAAAAAAAAAAAAAA==';
    const key = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    for (const stored of [
      `scrypt$${2 ** 21}$8$1$${salt}$${key}`, // N above 2^20
      `scrypt$${2 ** 40}$8$1$${salt}$${key}`,
      `scrypt$1000$8$1$${salt}$${key}`, // not a power of two
      `scrypt$16384$64$1$${salt}$${key}`, // r out of range
      `scrypt$16384$8$0$${salt}$${key}`, // p out of range
      `scrypt$16384$8$99$${salt}$${key}`,
      `scrypt$${2 ** 20}$16$4$${salt}$${key}`, // each within range, memory over 1 GiB
      `scrypt$16384$8$1$${salt}$AAAA`, // key of the wrong size
      `scrypt$-16384$8$1$${salt}$${key}`,
      `bcrypt$16384$8$1$${salt}$${key}`,
    ]) {
      // refused before scrypt is called (verifyPassword computes nothing for these)
      expect({ stored, params: storedHashParams(stored) }).toEqual({ stored, params: undefined });
      expect(await verifyPassword('x', stored)).toBe(false);
    }
    expect(storedHashParams(`scrypt$${2 ** 20}$8$1$${salt}$${key}`)).toEqual({ N: 2 ** 20, r: 8, p: 1 });
    const username = await usernameOf('teacher');
    await w.tdb.db
      .updateTable('users')
      .set({ password_hash: `scrypt$${2 ** 30}$8$1$${salt}$${key}` })
      .where('id', '=', w.a.users.teacher.userId)
      .execute();
    expect((await signInFrom(freshIp(), username, PASSWORD)).json().code).toBe('SIGN_IN_FAILED');
    await w.tdb.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .where('id', '=', w.a.users.teacher.userId)
      .execute();
  });
});

describe('bearer tokens', () => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('are minted from a cookie session: named, read-scoped and 90 days unless chosen, at most TOKEN_MAX_DAYS', async () => {
    const res = await w.call('a.hr', 'POST', '/api/auth/tokens', { name: 'รายงาน' });
    expect(res.statusCode).toBe(201);
    const t = res.json();
    expect(t).toMatchObject({ name: 'รายงาน', scope: 'read', lastUsedAt: null });
    expect(new Date(t.expiresAt).getTime() - w.clock.now().getTime()).toBe(90 * 86_400_000);
    const chosen = (await w.call('a.hr', 'POST', '/api/auth/tokens', { name: 'สั้น', scope: 'full', expiresInDays: 7 })).json();
    expect(new Date(chosen.expiresAt).getTime() - w.clock.now().getTime()).toBe(7 * 86_400_000);
    expect((await w.call('a.hr', 'POST', '/api/auth/tokens', { name: 'ยาว', expiresInDays: 121 })).statusCode).toBe(400);
    // never from another token, read or full
    for (const token of [t.token, chosen.token]) {
      const again = await w.app.inject({
        method: 'POST',
        url: '/api/auth/tokens',
        headers: bearer(token),
        payload: { name: 'ต่ออายุ', scope: 'full' },
      });
      expect(again.statusCode).toBe(403);
      expect(again.json().code).toBe(token === t.token ? 'TOKEN_READ_ONLY' : 'TOKEN_NEEDS_SIGN_IN');
    }
  });

  it('read tokens may only read; full tokens write without an Origin', async () => {
    const read = (await w.call('a.admin', 'POST', '/api/auth/tokens', { name: 'อ่าน', scope: 'read' })).json();
    const full = (await w.call('a.admin', 'POST', '/api/auth/tokens', { name: 'เต็ม', scope: 'full' })).json();
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: bearer(read.token) })).statusCode).toBe(200);
    const refused = await w.app.inject({ method: 'DELETE', url: `/api/me/tokens/${full.id}`, headers: bearer(read.token) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('TOKEN_READ_ONLY');
    const write = await w.app.inject({ method: 'DELETE', url: `/api/me/tokens/${read.id}`, headers: bearer(full.token) });
    expect(write.statusCode).toBe(204);
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: bearer(read.token) })).statusCode).toBe(401);
  });

  it('are listed and revoked by their owner, never shown again, and end when they expire', async () => {
    const t = (await w.call('a.group', 'POST', '/api/auth/tokens', { name: 'ระบบเงินเดือน', expiresInDays: 2 })).json();
    await w.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.token) });
    w.clock.advanceMs(2 * 60_000);
    await w.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.token) });
    const list = (await w.call('a.group', 'GET', '/api/me/tokens')).json();
    const item = list.items.find((i: { id: string }) => i.id === t.id);
    expect(item).toMatchObject({ name: 'ระบบเงินเดือน', scope: 'read' });
    expect(item.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(t.token);
    // another user's token is not found
    expect((await w.call('a.hr', 'DELETE', `/api/me/tokens/${t.id}`)).statusCode).toBe(404);
    w.clock.advanceMs(2 * 86_400_000);
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.token) })).statusCode).toBe(401);
    w.clock.advanceMs(-2 * 86_400_000);
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.token) })).statusCode).toBe(200);
    expect((await w.call('a.group', 'DELETE', `/api/me/tokens/${t.id}`)).statusCode).toBe(204);
    expect((await w.call('a.group', 'DELETE', `/api/me/tokens/${t.id}`)).statusCode).toBe(404);
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.token) })).statusCode).toBe(401);
    expect((await w.call('a.group', 'GET', '/api/me/tokens')).json().items.some((i: { id: string }) => i.id === t.id)).toBe(false);
  });

  it('are listed and revoked by an admin of the user’s office only', async () => {
    const t = (await w.call('a.director', 'POST', '/api/auth/tokens', { name: 'ของผู้อำนวยการ' })).json();
    const url = `/api/offices/${w.a.officeId}/users/${w.a.users.director.userId}/tokens`;
    expect((await w.call('a.admin', 'GET', url)).json().items.map((i: { id: string }) => i.id)).toContain(t.id);
    expect((await w.call('a.hr', 'GET', url)).statusCode).toBe(403);
    expect((await w.call('b.admin', 'GET', url)).statusCode).toBe(404);
    expect((await w.call('b.admin', 'GET', `/api/offices/${w.b.officeId}/users/${w.a.users.director.userId}/tokens`)).statusCode).toBe(404);
    expect((await w.call('a.admin', 'DELETE', `${url}/${t.id}`)).statusCode).toBe(204);
    expect((await w.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t.token) })).statusCode).toBe(401);
  });

  it('are rate-limited per user (RATE_LIMIT_TOKENS_PER_HOUR)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await w.call('b.hr', 'POST', '/api/auth/tokens', { name: `t${i}` })).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429, 429]);
  });
});

describe('CSRF and the session cookie', () => {
  const write = (headers: Record<string, string>) =>
    w.call('a.teacher', 'POST', '/api/me/password', { currentPassword: 'wrong-on-purpose', newPassword: 'ไม่สำคัญ-ไม่สำคัญ' }, headers);

  it('refuses a cookie write without a matching Origin or Sec-Fetch-Site, and allows it with one', async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: '' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: '', 'sec-fetch-site': 'cross-site' },
      { origin: 'http://localhost:3000.evil.example' },
    ]) {
      const res = await write(headers);
      expect({ headers, status: res.statusCode, code: res.json().code }).toEqual({ headers, status: 403, code: 'CSRF_REFUSED' });
    }
    // allowed: the check passes and the route answers (here: the current password is wrong)
    for (const headers of <Record<string, string>[]>[
      {},
      { origin: 'http://localhost:3000' },
      { origin: '', 'sec-fetch-site': 'same-origin' },
      { origin: 'https://esa.example.go.th', host: 'esa.example.go.th' },
    ]) {
      const res = await write(headers);
      expect({ headers, code: res.json().code }).toEqual({ headers, code: 'CURRENT_PASSWORD_WRONG' });
    }
    expect((await w.call('a.teacher', 'GET', '/api/me', undefined, { origin: '' })).statusCode).toBe(200);
  });

  it('names the cookie __Host-esa_session when COOKIE_SECURE is true', async () => {
    const secure = await buildApp({ engine: w.engine, config: loadServerConfig({ COOKIE_SECURE: 'true' }) });
    try {
      const res = await secure.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: freshIp(),
        payload: { username: await usernameOf('hr'), password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === '__Host-esa_session')!;
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Strict' });
      expect(cookie.domain).toBeUndefined();
      expect(res.cookies.some((c) => c.name === 'esa_session')).toBe(false);
      expect(
        (await secure.inject({ method: 'GET', url: '/api/me', headers: { cookie: `__Host-esa_session=${cookie.value}` } })).statusCode,
      ).toBe(200);
      expect((await secure.inject({ method: 'GET', url: '/api/me', headers: { cookie: `esa_session=${cookie.value}` } })).statusCode).toBe(
        401,
      );
    } finally {
      await secure.close();
    }
  });
});

describe('sessions', () => {
  const signInCookie = async (who: keyof ServerWorld['a']['users']) => {
    const res = await signInFrom(freshIp(), await usernameOf(who), PASSWORD);
    return `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;
  };
  const me = (cookie: string) => w.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });

  it('end after SESSION_IDLE_MINUTES unused, and SESSION_TTL_HOURS after sign-in however used', async () => {
    const cookie = await signInCookie('hr');
    w.clock.advanceMs(59 * 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    const seen = async () =>
      (
        await w.tdb.db
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('user_id', '=', w.a.users.hr.userId)
          .where('kind', '=', 'cookie')
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow()
      ).last_seen_at!;
    const first = await seen();
    w.clock.advanceMs(30_000);
    expect((await me(cookie)).statusCode).toBe(200);
    expect(await seen()).toEqual(first); // written at most once a minute
    w.clock.advanceMs(59 * 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    w.clock.advanceMs(61 * 60_000);
    expect((await me(cookie)).statusCode).toBe(401);

    const busy = await signInCookie('hr');
    for (let step = 1; step <= 14; step++) {
      w.clock.advanceMs(55 * 60_000);
      expect({ step, status: (await me(busy)).statusCode }).toEqual({ step, status: step * 55 < 12 * 60 ? 200 : 401 });
    }
  });

  it('end when the same browser signs in again', async () => {
    const first = await signInCookie('auditor');
    const again = await w.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: freshIp(),
      headers: { cookie: first },
      payload: { username: await usernameOf('auditor'), password: PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(`esa_session=${again.cookies.find((c) => c.name === 'esa_session')!.value}`)).statusCode).toBe(200);
  });

  it('expired sessions, old idempotency keys and sign-in records are purged by the worker’s maintenance', async () => {
    const now = w.clock.now();
    const old = new Date(now.getTime() - 100 * 86_400_000);
    const user = w.a.users.auditor.userId;
    await w.tdb.db
      .insertInto('sessions')
      .values([
        {
          user_id: user,
          kind: 'cookie',
          secret_hash: `purge-old-${now.getTime()}`,
          created_at: old,
          expires_at: new Date(old.getTime() + 3_600_000),
        },
        {
          user_id: user,
          kind: 'token',
          scope: 'read',
          secret_hash: `purge-revoked-${now.getTime()}`,
          created_at: old,
          expires_at: new Date(now.getTime() + 86_400_000),
          revoked_at: old,
        },
        {
          user_id: user,
          kind: 'token',
          scope: 'read',
          secret_hash: `purge-live-${now.getTime()}`,
          created_at: old,
          expires_at: new Date(now.getTime() + 86_400_000),
        },
      ])
      .execute();
    await w.tdb.db
      .insertInto('idempotency_keys')
      .values([
        { actor_id: user, key: 'purge-old', command: 'x', request_hash: 'h', created_at: old },
        { actor_id: user, key: 'purge-new', command: 'x', request_hash: 'h', created_at: now },
      ])
      .execute();
    await w.tdb.db.insertInto('sign_in_attempts').values({ username: 'purge', at: old, outcome: 'bad_credentials' }).execute();
    await w.tdb.db
      .insertInto('sign_in_throttle')
      .values([
        { username: 'purge-old', source: 'x', failures: 1, updated_at: old },
        { username: 'purge-blocked', source: 'x', failures: 9, blocked_until: new Date(now.getTime() + 3_600_000), updated_at: old },
      ])
      .execute();
    await w.tdb.db.insertInto('rate_limit_hits').values({ bucket: 'purge', window_start: old, hits: 1 }).execute();

    const maintenance = withRecordPurge(async (_engine: Engine) => 'ran');
    const out = await maintenance(w.engine);
    expect(out.maintenance).toBe('ran');
    expect(out.purged.sessions).toBeGreaterThanOrEqual(2);
    expect(out.purged.idempotencyKeys).toBe(1);
    expect(out.purged.signInAttempts).toBeGreaterThanOrEqual(1);
    expect(out.purged.rateLimitHits).toBeGreaterThanOrEqual(1);
    const hashes = (await w.tdb.db.selectFrom('sessions').select('secret_hash').where('secret_hash', 'like', 'purge-%').execute()).map(
      (r) => r.secret_hash,
    );
    expect(hashes).toEqual([`purge-live-${now.getTime()}`]);
    expect(
      (await w.tdb.db.selectFrom('idempotency_keys').select('key').where('key', 'like', 'purge-%').execute()).map((r) => r.key),
    ).toEqual(['purge-new']);
    expect(
      (await w.tdb.db.selectFrom('sign_in_throttle').select('username').where('username', 'like', 'purge-%').execute()).map(
        (r) => r.username,
      ),
    ).toEqual(['purge-blocked']);
    expect(await purgeExpiredRecords(w.tdb.db, now)).toEqual({
      sessions: 0,
      idempotencyKeys: 0,
      signInAttempts: 0,
      signInThrottle: 0,
      rateLimitHits: 0,
    });
  });
});
