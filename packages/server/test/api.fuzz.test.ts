/**
 * Every route receives generated invalid bodies, path parameters, query
 * strings and headers (fast-check). None may answer 5xx, and none may write
 * anything. Inputs are made invalid on purpose: bodies are not objects or carry
 * an unknown key (every body schema is strict), queries carry an unknown key.
 *
 * Then hostile input, generated from the OpenAPI document so that a new route
 * is covered without editing this file: for every route, a plausible body is
 * built from its schema and each string field in turn gets a NUL or a lone
 * surrogate (date fields also 2027-02-30, name fields a bidi override or a
 * line break); every query and path parameter gets a NUL; every write route
 * also gets a 100,000-deep body with an Idempotency-Key, its body as
 * text/plain, and an oversized body. Each must be a 4xx problem, and the
 * whole database (every row of every table) must be unchanged.
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

/** A digest of every row of every table of the test database (not row counts: an update changes it too). */
async function snapshot(): Promise<string> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(w.tdb.db);
  const digests: string[] = [];
  for (const { name } of tables.rows) {
    const r = await sql<{
      d: string | null;
    }>`select md5(string_agg(md5(t::text), ',' order by md5(t::text))) as d from ${sql.table(name)} t`.execute(w.tdb.db);
    digests.push(`${name}:${r.rows[0]?.d ?? '-'}`);
  }
  return digests.join('\n');
}

const weirdString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom(
    '',
    ' ',
    "' or 1=1 --",
    '../../etc/passwd',
    '%00',
    '\u0000',
    'null',
    '-1',
    '1e309',
    '๑๒๓',
    'a'.repeat(5000),
    '00000000-0000-0000-0000-000000000000',
  ),
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
    for (const actor of who) if (actor) await w.cookieOf(actor); // signing in writes; do it before the first digest
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
          if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json'))
            throw new Error(`${route.method} ${route.path} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        },
      ),
      { numRuns: 400, seed: 20251121 },
    );
    expect(await snapshot()).toBe(before);
  });
});

// ---------------------------------------------------------------------------
// Hostile input from the OpenAPI document

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  default?: unknown;
  'x-format'?: string;
  'x-text'?: string;
}
interface Parameter {
  in: 'query' | 'path' | 'header';
  name: string;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** a string field of a sample body: where it is and what kind of text it holds */
interface Leaf {
  path: (string | number)[];
  kind: 'date' | 'name' | 'text';
}

function resolve(doc: OpenApi, s: JsonSchema | undefined): JsonSchema {
  let schema = s ?? {};
  for (let i = 0; i < 10 && schema.$ref; i++) schema = doc.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {};
  return schema;
}

/** A plausible value for a schema (valid where that is easy), recording its string leaves. */
function sample(
  doc: OpenApi,
  s: JsonSchema | undefined,
  ids: (name: string) => string,
  path: (string | number)[],
  leaves: Leaf[],
  depth = 0,
): unknown {
  const schema = resolve(doc, s);
  if (depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return sample(doc, alt.find((a) => resolve(doc, a).type !== 'null') ?? alt[0], ids, path, leaves, depth + 1);
  if (schema.allOf?.[0]) return sample(doc, schema.allOf[0], ids, path, leaves, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(doc, v, ids, [...path, k], leaves, depth + 1)]),
      );
    case 'array':
      return [sample(doc, schema.items, ids, [...path, 0], leaves, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return false;
    case 'string': {
      const isDate = schema['x-format'] === 'date' || schema.format === 'date';
      leaves.push({ path, kind: isDate ? 'date' : schema['x-text'] === 'name' ? 'name' : 'text' });
      if (schema.format === 'uuid') return ids(String(path[path.length - 1]));
      if (isDate) return '2025-07-01';
      if (schema.format === 'date-time') return '2025-07-01T09:00:00+07:00';
      if (schema.format === 'email') return 'fuzz@example.invalid';
      return 'ทดสอบ';
    }
    default:
      return null;
  }
}

function withLeaf(body: unknown, path: (string | number)[], value: string): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

const HOSTILE_TEXT = ['a\u0000b', '\u0000', 'x\ud800', '\udfffy'];
const HOSTILE_BY_KIND: Record<Leaf['kind'], string[]> = {
  text: [],
  date: ['2027-02-30', '2025-02-29', '2027-13-01'],
  name: ['\u202Eเรื่องปลอม', 'a\u2066b', 'two\nlines'],
};

describe('API fuzz: hostile input from the OpenAPI document', () => {
  it('answers every hostile body, query and path parameter with a 4xx problem and writes nothing', async () => {
    const doc = (await w.call(null, 'GET', '/openapi.json')).json() as OpenApi;
    const { caseId } = (
      await w.call('a.teacher', 'POST', '/api/cases', {
        workflowId: 'sample-approval',
        officeId: w.a.officeId,
        schoolId: w.a.schoolIds[0],
        subjectPersonId: w.a.users.teacher.personId,
        title: 'เรื่องสำหรับ fuzz',
        input: { amount: 5 },
      })
    ).json() as { caseId: string };
    const ids = (name: string) =>
      ({
        officeId: w.a.officeId,
        schoolId: w.a.schoolIds[0]!,
        personId: w.a.users.teacher.personId,
        subjectPersonId: w.a.users.teacher.personId,
        caseId,
        userId: w.a.users.teacher.userId,
      })[name] ?? '00000000-0000-4000-8000-000000000000';
    const actors = ['a.admin', 'a.hr'] as const;
    for (const a of actors) await w.cookieOf(a);
    const before = await snapshot();

    const failures: string[] = [];
    const kindsSeen = new Set<Leaf['kind']>();
    let sent = 0;
    let key = 0;
    const send = async (label: string, method: string, url: string, payload: string | undefined, contentType = 'application/json') => {
      for (const actor of actors) {
        sent++;
        const res = await w.app.inject({
          method: method as 'POST',
          url,
          headers: {
            cookie: await w.cookieOf(actor),
            'idempotency-key': `fuzz-${++key}`,
            ...(payload !== undefined ? { 'content-type': contentType } : {}),
          },
          ...(payload !== undefined ? { payload } : {}),
        });
        const problem = String(res.headers['content-type']).includes('application/problem+json');
        if (res.statusCode < 400 || res.statusCode >= 500 || !problem)
          failures.push(`${actor} ${method} ${url} ${label} → ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    };

    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const method = m.toUpperCase();
        if (template === '/api/auth/sign-out' || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
        const params = op.parameters ?? [];
        const pathValue = (p: Parameter, hostile?: string) =>
          encodeURIComponent(hostile ?? String(sample(doc, p.schema, ids, [p.name], [])));
        const urlWith = (hostilePath?: string, query: [string, string][] = []) =>
          template.replace(/\{([^}]+)\}/g, (_, name: string) =>
            pathValue(
              params.find((p) => p.in === 'path' && p.name === name) ?? { in: 'path', name },
              name === hostilePath ? '\u0000' : undefined,
            ),
          ) + (query.length ? `?${query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '');
        const content = op.requestBody?.content ?? {};
        const jsonSchema = content['application/json']?.schema;
        const leaves: Leaf[] = [];
        const body = jsonSchema ? sample(doc, jsonSchema, ids, [], leaves) : undefined;
        const bodyText = body === undefined ? undefined : JSON.stringify(body);

        // every path and query parameter: a NUL
        for (const p of params.filter((x) => x.in === 'path')) await send(`path ${p.name}=NUL`, method, urlWith(p.name), bodyText);
        for (const p of params.filter((x) => x.in === 'query')) {
          for (const v of ['\u0000', 'a\u0000b'])
            await send(`query ${p.name}=${JSON.stringify(v)}`, method, urlWith(undefined, [[p.name, v]]), bodyText);
        }
        if (method === 'GET' || method === 'DELETE') continue;

        // every string field of the body: NUL and lone surrogates; dates and names: their own hostile values
        for (const leaf of leaves) {
          kindsSeen.add(leaf.kind);
          for (const v of [...HOSTILE_TEXT, ...HOSTILE_BY_KIND[leaf.kind]]) {
            await send(`body ${leaf.path.join('.')}=${JSON.stringify(v)}`, method, urlWith(), JSON.stringify(withLeaf(body, leaf.path, v)));
          }
        }
        // the whole body: 100,000 deep, as text/plain, and oversized (with a NUL, so it is refused whatever the route's limit)
        const deep = '['.repeat(100_000) + ']'.repeat(100_000);
        await send('deep body', method, urlWith(), `{"payload":${deep},"input":${deep}}`);
        if (bodyText !== undefined && content['text/csv'] === undefined)
          await send('text/plain body', method, urlWith(), bodyText, 'text/plain');
        await send(
          'oversized body',
          method,
          urlWith(),
          JSON.stringify({ ...(typeof body === 'object' && body !== null ? body : {}), pad: 'x'.repeat(300 * 1024), nul: '\u0000' }),
        );
        if (content['text/csv'] !== undefined)
          await send('CSV with a NUL', method, urlWith(), 'code,name_th\r\nS1,a\u0000\r\n', 'text/csv');
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
    // the document marks date fields (x-format) and name fields (x-text), so they get their own hostile values
    expect([...kindsSeen].sort()).toEqual(['date', 'name', 'text']);
    expect(await snapshot()).toBe(before);
  });
});
