/**
 * Every route receives generated invalid bodies, path parameters, query
 * strings and headers (fast-check). None may answer 5xx, and none may write
 * anything. Inputs are made invalid on purpose: bodies are not objects or carry
 * an unknown key (every body schema is strict), queries carry an unknown key.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { sql } from 'kysely';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let routes: { method: string; path: string }[] = [];
beforeAll(async () => {
  w = await startServerWorld();
  const openapi = (await w.call(null, 'GET', '/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(openapi.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })))
    // signing out with any body is fine, and would only end the fuzzer's own sessions
    .filter((r) => r.path !== '/api/auth/sign-out');
});
afterAll(() => w.close());

async function snapshot(): Promise<string> {
  const r = await sql<{ t: string; n: string }>`
    select 'cases' as t, count(*)::text as n from cases union all
    select 'case_history', count(*)::text from case_history union all
    select 'notifications', count(*)::text from notifications union all
    select 'calendar_days', count(*)::text from calendar_days union all
    select 'idempotency_keys', count(*)::text from idempotency_keys union all
    select 'users', count(*)::text from users union all
    select 'role_assignments', count(*)::text from role_assignments union all
    select 'committees', count(*)::text from committees union all
    select 'meetings', count(*)::text from meetings union all
    select 'schools', count(*)::text from schools union all
    select 'people', count(*)::text from people union all
    select 'sessions', count(*)::text from sessions where kind = 'token'`.execute(w.tdb.db);
  return JSON.stringify(r.rows);
}

const weirdString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom('', ' ', "' or 1=1 --", '../../etc/passwd', '%00', '\u0000', 'null', '-1', '1e309', '๑๒๓', 'a'.repeat(5000), '00000000-0000-0000-0000-000000000000'),
  fc.uuid(),
);
const invalidBody = fc.oneof(
  fc.constantFrom(null, 0, -1, true, 'text', [], [1, 2]),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 2 }), { maxKeys: 5 }).map((o) => ({ ...o, __fuzz: 1 })),
  fc.record({ type: weirdString, payload: fc.anything({ maxDepth: 2 }), __fuzz: fc.constant(1) }),
);
const headers = fc.record(
  {
    'if-match': weirdString,
    'idempotency-key': weirdString,
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/xml', 'text/csv', 'multipart/form-data'),
    authorization: fc.constantFrom('Bearer x', 'Bearer ' + 'y'.repeat(300), 'Basic abc'),
  },
  { requiredKeys: [] },
);

describe('API fuzz', () => {
  it('never answers 5xx and never writes anything for invalid input, on any route', async () => {
    const who = ['a.admin', 'a.hr', 'a.director', null] as const;
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom(...who),
        weirdString,
        invalidBody,
        headers,
        async (routeIndex, actor, param, body, hdrs) => {
          const route = routes[routeIndex % routes.length]!;
          const url = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(param)) + `?__fuzz=${encodeURIComponent(param)}`;
          const cookie = actor ? await w.cookieOf(actor) : undefined;
          const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
          const res = await w.app.inject({
            method: route.method as 'GET',
            url,
            headers: { ...hdrs, ...(cookie ? { cookie } : {}) },
            ...(hasBody ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
          });
          if (res.statusCode >= 500) throw new Error(`${route.method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
          // a route without a body or query schema may ignore what it does not read (200): it must still write nothing
          if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json')) throw new Error(`${route.method} ${route.path} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        },
      ),
      { numRuns: 400, seed: 20251121 },
    );
    expect(await snapshot()).toBe(before);
  });
});
