/**
 * From an empty PostgreSQL to a real office at work, with the real commands
 * an operator types, as child processes of the compiled release (`pnpm test`
 * builds before Jest): `pnpm api` started too early refuses work; `pnpm
 * migrate` twice; `pnpm esa office create`; two `pnpm api` and two `pnpm
 * worker` on a private Redis and a real SMTP server. Then, over HTTP only,
 * the first admin imports staff, creates an HR officer and an area director
 * with their roles; the officer opens an SOP case and advances it; the area
 * director's e-mail arrives at the SMTP server exactly once. No demo account
 * exists there.
 *
 * Two database roles, as docs/operations.md installs them: `pnpm migrate`
 * connects as the owner (MIGRATION_DATABASE_URL) and grants the application
 * role, which the DBA created beforehand and which every other process uses
 * (DATABASE_URL). At the end `pnpm esa history checkpoint` and `verify` pass,
 * and a chain the owner rewrote and recomputed forward is found by `verify`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { historyRowHash } from '../../engine/src/case/history-hash';
import { readHistory } from '../../engine/src/case/history.repository';
import { createDatabase } from '../../engine/src/db/database';
import { ADMIN_DATABASE_URL } from '../../engine/test/support/database-url';
import { createEmptyTestDatabase } from '../../engine/test/support/index';
import { startTestRedis, type TestRedis } from '../../worker/test/support/redis-server';
import { startSmtpSink, type SmtpSink } from '../../worker/test/support/smtp-sink';
import { waitUntil } from '../../engine/test/support/wait-until';
import { freePort } from '../../engine/test/support/free-port';

const ADMIN_PASSWORD = 'first-admin-password-1';
const STAFF_PASSWORD = 'staff-password-2026';

let database: Awaited<ReturnType<typeof createEmptyTestDatabase>>;
let redis: TestRedis;
let smtp: SmtpSink;
/** the application role: created by the DBA (LOGIN), granted by `pnpm migrate` */
const APP_ROLE = `esa_flow_app_p_${randomBytes(4).toString('hex')}`;
const CHECKPOINT_KEY = randomBytes(32).toString('base64');
const checkpointDir = mkdtempSync(join(tmpdir(), 'esa-prod-checkpoints-'));
const children: { name: string; child: ChildProcess; output: () => string }[] = [];

function appUrl(): string {
  const url = new URL(database.url);
  url.username = APP_ROLE;
  url.password = '';
  return url.toString();
}

/** Every process but `pnpm migrate`: the application role. */
function baseEnv(): Record<string, string> {
  const {
    DATABASE_URL: _d,
    REDIS_URL: _r,
    SMTP_URL: _s,
    ESA_FLOW_DEMO: _demo,
    MIGRATION_DATABASE_URL: _m,
    ...rest
  } = process.env as Record<string, string>;
  return {
    ...rest,
    DATABASE_URL: appUrl(),
    ESA_FLOW_APP_ROLE: APP_ROLE,
    HISTORY_CHECKPOINT_DIR: checkpointDir,
    HISTORY_CHECKPOINT_KEY: CHECKPOINT_KEY,
    REDIS_URL: redis.url,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'esa-flow <no-reply@office.example.test>',
    PUBLIC_BASE_URL: 'https://esa-flow.office.example.test',
    COOKIE_SECURE: 'false',
    PROMOTION_INTERVAL_MS: '1000',
    DELIVERY_INTERVAL_MS: '1000',
    HOST: '127.0.0.1',
  };
}

/** `pnpm <args>` as a process group of its own (pnpm → sh → node), so it can be stopped whole. */
function startPnpm(name: string, args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn('pnpm', ['--silent', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const entry = { name, child, output: () => out };
  children.push(entry);
  return entry;
}

/** Runs a command to its end: exit code and everything it printed. */
async function runPnpm(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  const { child, output } = startPnpm(args.join(' '), args, env);
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? -1)));
  return { code, output: output() };
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  await exited;
}

async function startApi(): Promise<{ url: string; output: () => string }> {
  const port = await freePort();
  const api = startPnpm(`api:${port}`, ['api'], { ...baseEnv(), PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(
    async () =>
      api.child.exitCode !== null
        ? Promise.reject(new Error(`pnpm api exited:\n${api.output()}`))
        : fetch(`${url}/healthz`).then(
            (r) => r.ok,
            () => false,
          ),
    () => `pnpm api on ${port} to listen:\n${api.output()}`,
    60_000,
    100,
  );
  return { url, output: api.output };
}

async function startWorkerProcess(): Promise<{ output: () => string }> {
  const worker = startPnpm('worker', ['worker'], baseEnv());
  await waitUntil(
    async () =>
      worker.child.exitCode !== null
        ? Promise.reject(new Error(`pnpm worker exited:\n${worker.output()}`))
        : worker.output().includes('worker started'),
    () => `pnpm worker to start:\n${worker.output()}`,
    60_000,
    100,
  );
  return worker;
}

interface Session {
  cookie: string;
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of many shapes, read field by field
  ): Promise<{ status: number; json: () => Promise<any> }>;
}

async function signIn(base: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return {
    cookie,
    async call(method, path, body, headers = {}) {
      const isText = typeof body === 'string';
      const res2 = await fetch(`${base}${path}`, {
        method,
        // as a browser on the application's pages: a cookie write must carry its Origin (CSRF check)
        headers: {
          cookie,
          origin: base,
          ...(body === undefined ? {} : { 'content-type': isText ? 'text/csv; charset=utf-8' : 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: isText ? body : JSON.stringify(body) }),
      });
      return { status: res2.status, json: () => res2.json() };
    },
  };
}

/** A password set by someone else works once: the first thing its owner does is choose their own. */
async function signInFirstTime(base: string, username: string, given: string, own: string): Promise<Session> {
  const session = await signIn(base, username, given);
  const refused = await session.call('GET', '/api/cases');
  expect(refused.status).toBe(403);
  expect(await refused.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });
  const changed = await session.call('POST', '/api/me/password', { currentPassword: given, newPassword: own });
  expect(changed.status).toBe(200);
  expect((await session.call('GET', '/api/cases')).status).toBe(200);
  return session;
}

/** `pnpm migrate`: the owner role (here the test cluster's superuser). */
function migrateEnv(): Record<string, string> {
  return { ...baseEnv(), MIGRATION_DATABASE_URL: database.url };
}

async function asDba<R = unknown>(statement: string): Promise<R[]> {
  const admin = createDatabase({ connectionString: ADMIN_DATABASE_URL, maxConnections: 1 });
  try {
    return (await sql.raw<R>(statement).execute(admin)).rows;
  } finally {
    await admin.destroy();
  }
}

beforeAll(async () => {
  [database, redis, smtp] = await Promise.all([createEmptyTestDatabase(), startTestRedis(), startSmtpSink()]);
  // the DBA's step of docs/operations.md (trust authentication here: no password)
  await asDba(`create role ${APP_ROLE} login`);
});

afterAll(async () => {
  await Promise.all(children.map((c) => stopGroup(c.child)));
  await Promise.all([redis?.stop(), smtp?.close()]);
  await database?.drop();
  await asDba(`drop role if exists ${APP_ROLE}`);
  rmSync(checkpointDir, { recursive: true, force: true });
});

describe('an office installed from an empty PostgreSQL with the real commands', () => {
  let early: { url: string; output: () => string };
  let second: { url: string };
  let officeId: string;
  let oneTimePassword: string;

  it('pnpm api started before pnpm migrate is not ready and refuses work; pnpm worker refuses to start', async () => {
    early = await startApi();
    const ready = await fetch(`${early.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ code: 'SCHEMA_NOT_MIGRATED', remedy: 'pnpm migrate' });
    const signInTry = await fetch(`${early.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y' }),
    });
    expect(signInTry.status).toBe(503);
    expect(await signInTry.json()).toMatchObject({ code: 'SCHEMA_NOT_MIGRATED', message: { th: expect.stringContaining('pnpm migrate') } });

    const worker = await runPnpm(['worker'], baseEnv());
    expect(worker.code).toBe(1);
    expect(worker.output).toContain('SCHEMA_NOT_MIGRATED');
    expect(worker.output).toContain('pnpm migrate');
  });

  it('pnpm migrate applies the schema and publishes the workflows; a second run changes nothing', async () => {
    const first = await runPnpm(['migrate'], migrateEnv());
    expect(first.code).toBe(0);
    expect(first.output).toMatch(/applied \d+ migration\(s\)/);
    expect(first.output).toMatch(/published \d+ workflow version\(s\)/);
    expect(first.output).toContain(`privileges of the application role ${APP_ROLE} set`);
    // the server's own vacuuming: warned of when it is off (this cluster may run either way)
    const [vacuums] = await asDba<{ on: boolean }>(
      `select current_setting('autovacuum')::boolean and current_setting('track_counts')::boolean as on`,
    );
    expect(first.output.includes('warning: PostgreSQL runs with autovacuum (or track_counts) off')).toBe(!vacuums!.on);
    // as the application role, pnpm migrate is refused: it must run as the owner
    const asApp = await runPnpm(['migrate'], baseEnv());
    expect(asApp.code).toBe(1);
    expect(asApp.output).toContain('CONFIG_INVALID');
    const again = await runPnpm(['migrate'], migrateEnv());
    expect(again.code).toBe(0);
    expect(again.output).toContain('the schema was already up to date');
    expect(again.output).toMatch(/all \d+ workflow versions were already published/);
  });

  it('pnpm esa office create makes the office and its first administrator, once', async () => {
    const args = [
      'esa',
      'office',
      'create',
      '--code',
      'spp-pl2',
      '--name-th',
      'สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพิษณุโลก เขต 2',
      '--name-en',
      'Phitsanulok Primary Educational Service Area Office 2',
      '--admin',
      'admin.pl2',
    ];
    const created = await runPnpm(args, baseEnv());
    expect(created.code).toBe(0);
    expect(created.output).toContain('created office spp-pl2');
    oneTimePassword = /must be changed at the first sign-in\)\s*\n\s+(\S+)/.exec(created.output)![1]!;
    expect(oneTimePassword).toHaveLength(16);
    const again = await runPnpm(args, baseEnv());
    expect(again.code).toBe(0);
    expect(again.output).toContain('already exist');
    expect(again.output).not.toContain(oneTimePassword);
    const list = await runPnpm(['esa', 'office', 'list'], baseEnv());
    expect(
      list.output
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('spp-pl2')),
    ).toHaveLength(1);
  });

  it('the early API becomes ready without a restart; a second API and two workers start', async () => {
    await waitUntil(async () => (await fetch(`${early.url}/readyz`)).status === 200, 'the early API to become ready', 30_000, 100);
    second = await startApi();
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    await Promise.all([startWorkerProcess(), startWorkerProcess()]);
  });

  it('has no demo account', async () => {
    for (const username of ['hr', 'admin', 'teacher']) {
      const res = await fetch(`${early.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo1234' }),
      });
      expect(res.status).toBe(401);
    }
  });

  it('the admin imports schools and staff, creates users with roles; the officer works a case; the next person is mailed once', async () => {
    const admin = await signInFirstTime(early.url, 'admin.pl2', oneTimePassword, ADMIN_PASSWORD);
    const me = await (await admin.call('GET', '/api/me')).json();
    officeId = me.grants.find((g: { role: string }) => g.role === 'admin').officeId;

    const schools = await admin.call(
      'POST',
      `/api/offices/${officeId}/import/schools`,
      'รหัสโรงเรียน,ชื่อโรงเรียน,ชื่อโรงเรียนภาษาอังกฤษ\r\n65020001,โรงเรียนบ้านนา,Ban Na School\r\n',
    );
    expect(schools.status).toBe(200);
    expect((await schools.json()).totals).toMatchObject({ created: 1, rejected: 0 });
    const staff = await admin.call(
      'POST',
      `/api/offices/${officeId}/import/staff`,
      [
        'เลขประจำตัวประชาชน,คำนำหน้าชื่อ,ชื่อ,นามสกุล,อีเมล,รหัสโรงเรียน,ตำแหน่ง',
        '1650100000013,นางสาว,มาลี,ใจดี,malee@office.example.test,,นักทรัพยากรบุคคล',
        '1650100000021,นาย,สมศักดิ์,รักเรียน,somsak@office.example.test,,ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา',
        '1650100000030,นาง,วันเพ็ญ,ศรีสุข,wanpen@office.example.test,65020001,ผู้อำนวยการโรงเรียน',
      ].join('\r\n'),
    );
    expect(staff.status).toBe(200);
    expect((await staff.json()).totals).toMatchObject({ created: 3, rejected: 0 });

    const find = async (q: string) => {
      const res = await admin.call('GET', `/api/offices/${officeId}/people?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      const { items } = await res.json();
      expect(items).toHaveLength(1);
      return items[0].id as string;
    };
    const createUser = async (personId: string, username: string, role: string) => {
      const created = await admin.call('POST', `/api/offices/${officeId}/users`, { personId, username, password: STAFF_PASSWORD });
      expect(created.status).toBe(201);
      const { userId } = await created.json();
      const granted = await admin.call('POST', `/api/offices/${officeId}/users/${userId}/roles`, { role });
      expect(granted.status).toBe(201);
    };
    await createUser(await find('มาลี'), 'malee.j', 'hr_officer');
    await createUser(await find('1650100000021'), 'somsak.r', 'area_director');
    const directorId = await find('วันเพ็ญ');

    // the HR officer works on the other API process
    const hr = await signInFirstTime(second.url, 'malee.j', STAFF_PASSWORD, 'malee-own-password-1');
    const schoolRow = await (await admin.call('GET', `/api/offices/${officeId}/schools`)).json();
    const schoolId = schoolRow.items[0].id as string;
    const opened = await hr.call(
      'POST',
      '/api/cases',
      {
        workflowId: 'sop-travel-permission',
        officeId,
        schoolId,
        subjectPersonId: directorId,
        title: 'ขออนุญาตไปราชการ ผอ.วันเพ็ญ',
        input: { destination: 'กรุงเทพมหานคร', purpose: 'ประชุมผู้บริหารสถานศึกษา', departOn: '2027-01-11', returnOn: '2027-01-12' },
      },
      { 'idempotency-key': 'open-travel-1' },
    );
    expect(opened.status).toBe(201);
    const { caseId } = await opened.json();
    for (const [i, type] of ['REQUEST_ACCEPTED', 'DOCUMENTS_COMPLETE'].entries()) {
      const sent = await hr.call('POST', `/api/cases/${caseId}/events`, { type, payload: {} }, { 'idempotency-key': `travel-${i}` });
      expect(sent.status).toBe(200);
    }

    // the area director is told, once, by the workers, through the SMTP server
    const direct = createDatabase({ connectionString: database.url, maxConnections: 1 });
    try {
      await waitUntil(
        async () => {
          const unsent = await direct
            .selectFrom('notifications')
            .select('id')
            .where('case_id', '=', caseId)
            .where('status', '<>', 'sent')
            .execute();
          return unsent.length === 0 && smtp.received.some((m) => m.headers.get('to')?.includes('somsak@office.example.test'));
        },
        () => `the area director's mail (received: ${smtp.received.map((m) => m.headers.get('to')).join(', ')})`,
        60_000,
        100,
      );
      const sent = await direct
        .selectFrom('notifications')
        .select('message_id')
        .where('case_id', '=', caseId)
        .where('status', '=', 'sent')
        .execute();
      expect(sent.length).toBeGreaterThan(0);
      const toDirector = smtp.received.filter((m) => m.headers.get('to')?.includes('somsak@office.example.test'));
      expect(toDirector).toHaveLength(1);
      expect(toDirector[0]!.html).toContain(`https://esa-flow.office.example.test/cases/${caseId}`);
      // every notification of the case reached the server exactly once
      const ids = smtp.received.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const { message_id } of sent) expect(ids.filter((id) => id === message_id || id === `<${message_id}>`)).toHaveLength(1);
      // no demo data was created on the way
      expect(await direct.selectFrom('users').select('id').where('demo', '=', true).execute()).toEqual([]);
      expect(await direct.selectFrom('offices').select('id').where('demo', '=', true).execute()).toEqual([]);
    } finally {
      await direct.destroy();
    }
  });

  it('pnpm esa history checkpoint and verify pass; a chain the owner rewrote and recomputed is found by verify', async () => {
    const checkpoint = await runPnpm(['esa', 'history', 'checkpoint'], baseEnv());
    expect(checkpoint.code).toBe(0);
    expect(checkpoint.output).toMatch(/checkpoint of \S+ written: 1 cases/);
    const verified = await runPnpm(['esa', 'history', 'verify'], baseEnv());
    expect(verified.output).toContain('every history is intact: 1 cases');
    expect(verified.output).toMatch(/consistent with 1 signed checkpoint/);
    expect(verified.code).toBe(0);

    // the owner (not the application role) can switch the trigger off: it
    // names someone else as the author of the request and recomputes the chain
    const owner = createDatabase({ connectionString: database.url, maxConnections: 1 });
    let caseId: string;
    try {
      caseId = (await owner.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
      const rows = await readHistory(owner, caseId);
      await owner.connection().execute(async (conn) => {
        await sql`set session_replication_role = replica`.execute(conn);
        let prev: string | null = null;
        for (const row of rows) {
          const entry = { ...row, ...(row.seq === 2 ? { reason: 'แก้ไขย้อนหลัง' } : {}), prevHash: prev };
          const hash = historyRowHash(entry);
          await sql`update case_history set reason = ${entry.reason}, prev_hash = ${prev}, hash = ${hash} where case_id = ${caseId} and seq = ${row.seq}`.execute(
            conn,
          );
          prev = hash;
        }
        await sql`update cases set history_head = ${prev} where id = ${caseId}`.execute(conn);
      });
    } finally {
      await owner.destroy();
    }
    const found = await runPnpm(['esa', 'history', 'verify'], baseEnv());
    expect(found.output).toContain('history_rewritten');
    expect(found.output).toContain(caseId);
    expect(found.code).toBe(1);
  });
});
