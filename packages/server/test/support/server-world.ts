/**
 * A running API against this test file's own database: the engine with the
 * sample workflows, two offices of users (password "รหัสผ่าน-ทดสอบ-1"), and
 * `inject` helpers that sign in as a fixture user.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createEngine, ManualClock, publishWorkflows, WorkflowRegistry, type Engine, type WorkflowDefinition } from '@esa-flow/engine';
import { createTestDatabase, sampleApproval, sampleCommittee, sampleSla, seedOffice, type OfficeFixture, type TestDatabase } from '../../../engine/test/support/index';
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
  call(who: string | null, method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** `workflows`: the registry's workflows; the sample workflows when not given. */
export async function startServerWorld(env: Record<string, string> = {}, workflows?: readonly WorkflowDefinition[]): Promise<ServerWorld> {
  const tdb = await createTestDatabase();
  const registry = new WorkflowRegistry(workflows ?? [sampleApproval, sampleSla, sampleCommittee]);
  await publishWorkflows(tdb.db, registry);
  const clock = new ManualClock('2025-06-16T02:00:00Z');
  const engine = createEngine({ db: tdb.db, registry, clock });
  const a = await seedOffice(tdb.db, 'A');
  const b = await seedOffice(tdb.db, 'B');
  const hash = await hashPassword(PASSWORD);
  await tdb.db.updateTable('users').set({ password_hash: hash }).execute();
  const app = await buildApp({ engine, config: loadServerConfig({ COOKIE_SECURE: 'false', RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000', ...env }) });
  const cookies = new Map<string, string>();
  const usernameOf = async (who: string) => {
    const [office, key] = who.split('.') as ['a' | 'b', keyof OfficeFixture['users']];
    const fixture = office === 'a' ? a : b;
    const row = await tdb.db.selectFrom('users').select('username').where('id', '=', fixture.users[key].userId).executeTakeFirstOrThrow();
    return row.username;
  };
  const world: ServerWorld = {
    tdb, engine, app, clock, a, b,
    async cookieOf(who) {
      const cached = cookies.get(who);
      if (cached) return cached;
      const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: await usernameOf(who), password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${who} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'esa_session')!;
      const value = `esa_session=${cookie.value}`;
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
    },
  };
  return world;
}
