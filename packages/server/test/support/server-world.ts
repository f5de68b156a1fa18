/**
 * A running API against this test file's own database: the engine with the
 * sample workflows, two offices of users (password "รหัสผ่าน-ทดสอบ-1"), and
 * `inject` helpers that sign in as a fixture user.
 *
 * Like a browser on the application's own pages, every injected request that
 * carries a cookie and no `Origin` gets the application's origin
 * (PUBLIC_BASE_URL), so cookie writes pass the CSRF check; a test of that
 * check sends `origin: ''` to send none. Passwords are hashed at a test cost
 * (scrypt N=2^12); the real cost is tested in api.sign-in-policy.test.ts.
 * Sessions do not idle out (SESSION_IDLE_MINUTES at its 30-day maximum) unless
 * a test asks, as tests move the clock by hours and days between calls.
 */
import { appendFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ManualClock, WorkflowRegistry, type Engine, type WorkflowDefinition } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import {
  createTestDatabase,
  sampleApproval,
  sampleCommittee,
  sampleSla,
  seedOffice,
  type OfficeFixture,
  type TestDatabase,
} from '../../../engine/test/support/index';
import { setHashCostForTesting } from '../../src/auth/password';
import { buildApp, hashPassword, loadServerConfig } from '../../src/index';

export const PASSWORD = 'รหัสผ่าน-ทดสอบ-1';

export interface ServerWorld {
  tdb: TestDatabase;
  engine: Engine;
  app: FastifyInstance;
  clock: ManualClock;
  a: OfficeFixture;
  b: OfficeFixture;
  /** session cookie of a fixture user, by `a.<key>` or `b.<key>` */
  cookieOf(who: string): Promise<string>;
  call(
    who: string | null,
    method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** `workflows`: the registry's workflows; the sample workflows when not given. */
export async function startServerWorld(
  env: Record<string, string> = {},
  workflows?: readonly WorkflowDefinition[],
  options: { realHashCost?: boolean } = {},
): Promise<ServerWorld> {
  if (!options.realHashCost) setHashCostForTesting(1 << 12);
  const tdb = await createTestDatabase();
  const registry = new WorkflowRegistry(workflows ?? [sampleApproval, sampleSla, sampleCommittee]);
  await publishWorkflows(tdb.db, registry);
  const clock = new ManualClock('2025-06-16T02:00:00Z');
  const engine = createEngine({ db: tdb.db, registry, clock });
  const a = await seedOffice(tdb.db, 'A');
  const b = await seedOffice(tdb.db, 'B');
  const hash = await hashPassword(PASSWORD);
  await tdb.db.updateTable('users').set({ password_hash: hash }).execute();
  const config = loadServerConfig({
    COOKIE_SECURE: 'false',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
    RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000',
    RATE_LIMIT_SIGN_IN_PER_USERNAME_PER_MINUTE: '1000',
    SESSION_IDLE_MINUTES: String(30 * 24 * 60),
    ...env,
  });
  // the contract (issue 17): a problem an operation sends without declaring its code fails the test file at close
  const undeclared: string[] = [];
  const recordTo = process.env.ESA_RECORD_UNDECLARED_PROBLEMS;
  const app = await buildApp({
    engine,
    config,
    onUndeclaredProblem: (p) => {
      if (recordTo) appendFileSync(recordTo, `${JSON.stringify(p)}\n`);
      else undeclared.push(`${p.operationId} answered ${p.status} ${p.code}`);
    },
  });
  sendOriginWithCookies(app, new URL(config.PUBLIC_BASE_URL).origin);
  const cookieName = config.COOKIE_SECURE ? '__Host-esa_session' : 'esa_session';
  const cookies = new Map<string, string>();
  const usernameOf = async (who: string) => {
    const [office, key] = who.split('.') as ['a' | 'b', keyof OfficeFixture['users']];
    const fixture = office === 'a' ? a : b;
    const row = await tdb.db.selectFrom('users').select('username').where('id', '=', fixture.users[key].userId).executeTakeFirstOrThrow();
    return row.username;
  };
  const world: ServerWorld = {
    tdb,
    engine,
    app,
    clock,
    a,
    b,
    async cookieOf(who) {
      const cached = cookies.get(who);
      if (cached) return cached;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username: await usernameOf(who), password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${who} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === cookieName)!;
      const value = `${cookieName}=${cookie.value}`;
      cookies.set(who, value);
      return value;
    },
    async call(who, method, url, body, headers = {}) {
      return app.inject({
        method,
        url,
        ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
        headers: { ...(who ? { cookie: await world.cookieOf(who) } : {}), ...headers },
      });
    },
    async close() {
      await app.close();
      await tdb.drop();
      if (undeclared.length > 0)
        throw new Error(
          `problems the operations do not declare (add the code to the route's problems(…)):\n${[...new Set(undeclared)].join('\n')}`,
        );
    },
  };
  return world;
}

/** Injected requests with a cookie and no `Origin` get `origin` (a browser on the application's pages); `origin: ''` sends none. */
function sendOriginWithCookies(app: FastifyInstance, origin: string): void {
  const inject = app.inject.bind(app) as (options: unknown) => Promise<LightMyRequestResponse>;
  Object.assign(app, {
    inject(options: unknown) {
      if (options && typeof options === 'object') {
        const o = options as { headers?: Record<string, string | undefined> };
        const headers = { ...(o.headers ?? {}) };
        const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
        if (headers.origin === '') delete headers.origin;
        else if (has('cookie') && !has('origin')) headers.origin = origin;
        return inject({ ...o, headers });
      }
      return inject(options);
    },
  });
}
