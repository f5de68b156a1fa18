/**
 * Every route against a matrix of role × office × action (design.md §6): the
 * expected answer for each fixture user, and nothing written by any refused
 * call. A route missing from the matrix fails the test, so new routes must be
 * placed in it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld();
});
afterAll(() => w.close());

const A = ['a.teacher', 'a.teacher2', 'a.director', 'a.director2', 'a.hr', 'a.area', 'a.group', 'a.auditor', 'a.admin'] as const;
const B = ['b.hr', 'b.admin', 'b.director'] as const;
const EVERYONE = [...A, ...B];
type Who = (typeof EVERYONE)[number] | null;

interface Cell {
  method: 'GET' | 'POST' | 'DELETE';
  /** the OpenAPI path this cell covers */
  route: string;
  /** builds the concrete request (fresh resources per call when needed) */
  request: () => Promise<{ url: string; body?: unknown }>;
  expect: Partial<Record<Exclude<Who, null> | 'anonymous', number>>;
  /** the status for everyone not listed */
  otherwise: number;
}

async function fileCase(): Promise<string> {
  const r = await w.engine.startCase({
    actor: await import('../../engine/test/support/index').then((m) => m.actorOf(w.tdb.db, w.a.users.teacher)),
    workflowId: 'sample-approval', officeId: w.a.officeId, schoolId: w.a.schoolIds[0], subjectPersonId: w.a.users.teacher.personId, title: 'คำขอในตาราง', input: { amount: 1 },
  });
  return r.caseId;
}

let closureDate = 0;
async function closure(): Promise<string> {
  closureDate += 1;
  const date = new Date(Date.UTC(2026, 0, 1) + closureDate * 86_400_000).toISOString().slice(0, 10);
  const row = await w.tdb.db
    .insertInto('calendar_days')
    .values({ date, office_id: w.a.officeId, kind: 'office_closure', name_th: 'ปิด', name_en: 'Closed', source: 'matrix', created_by: 'test', created_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const readers = { 'a.teacher': 200, 'a.director': 200, 'a.hr': 200, 'a.area': 200, 'a.group': 200, 'a.auditor': 200, 'a.admin': 200 } as const;

const MATRIX: Cell[] = [
  { method: 'GET', route: '/api/me', request: async () => ({ url: '/api/me' }), expect: { anonymous: 401 }, otherwise: 200 },
  { method: 'GET', route: '/api/inbox', request: async () => ({ url: '/api/inbox' }), expect: { anonymous: 401 }, otherwise: 200 },
  { method: 'GET', route: '/api/mailbox', request: async () => ({ url: '/api/mailbox' }), expect: { anonymous: 401 }, otherwise: 200 },
  { method: 'GET', route: '/api/cases', request: async () => ({ url: '/api/cases' }), expect: { anonymous: 401 }, otherwise: 200 },
  { method: 'GET', route: '/api/cases.csv', request: async () => ({ url: '/api/cases.csv' }), expect: { anonymous: 401 }, otherwise: 200 },
  {
    method: 'GET', route: '/api/cases/{caseId}',
    request: async () => ({ url: `/api/cases/${await fileCase()}` }),
    expect: { ...readers, anonymous: 401 }, otherwise: 404,
  },
  {
    method: 'POST', route: '/api/cases',
    request: async () => ({ url: '/api/cases', body: { workflowId: 'sample-approval', officeId: w.a.officeId, schoolId: w.a.schoolIds[0], subjectPersonId: w.a.users.teacher.personId, title: 'เปิดในตาราง', input: { amount: 2 } } }),
    expect: { 'a.teacher': 201, 'a.hr': 201, anonymous: 401 }, otherwise: 403,
  },
  {
    method: 'POST', route: '/api/cases/{caseId}/events',
    request: async () => ({ url: `/api/cases/${await fileCase()}/events`, body: { type: 'CERTIFY', payload: {} } }),
    expect: { 'a.director': 200, 'a.teacher': 403, 'a.hr': 403, 'a.area': 403, 'a.group': 403, 'a.auditor': 403, 'a.admin': 403, anonymous: 401 }, otherwise: 404,
  },
  {
    method: 'GET', route: '/api/calendar/days',
    request: async () => ({ url: `/api/calendar/days?officeId=${w.a.officeId}` }),
    expect: { 'b.hr': 404, 'b.admin': 404, 'b.director': 404, anonymous: 401 }, otherwise: 200,
  },
  {
    method: 'POST', route: '/api/calendar/days',
    request: async () => {
      closureDate += 1;
      const date = new Date(Date.UTC(2026, 2, 1) + closureDate * 86_400_000).toISOString().slice(0, 10);
      return { url: '/api/calendar/days', body: { date, kind: 'office_closure', officeId: w.a.officeId, nameTh: 'ปิดสำนักงาน', nameEn: 'Closed', source: 'คำสั่งที่ 1/2569' } };
    },
    expect: { 'a.admin': 201, anonymous: 401 }, otherwise: 403,
  },
  {
    method: 'DELETE', route: '/api/calendar/days/{id}',
    request: async () => ({ url: `/api/calendar/days/${await closure()}` }),
    expect: { 'a.admin': 200, 'b.hr': 404, 'b.admin': 404, 'b.director': 404, anonymous: 401 }, otherwise: 403,
  },
  { method: 'POST', route: '/api/auth/tokens', request: async () => ({ url: '/api/auth/tokens', body: { name: 'matrix' } }), expect: { anonymous: 401 }, otherwise: 201 },
];

/** Rows that only a successful write adds (sign-in attempts and sessions are the price of asking). */
async function writtenRows(): Promise<number> {
  const r = await sql<{ n: string }>`
    select (select count(*) from cases) + (select count(*) from case_history) + (select count(*) from notifications)
         + (select count(*) from calendar_days where removed_at is null) + (select count(*) from idempotency_keys)
         + (select count(*) from sla_clocks) as n`.execute(w.tdb.db);
  return Number(r.rows[0]!.n);
}

describe('the access matrix', () => {
  it('covers every route the API serves', async () => {
    const openapi = (await w.call(null, 'GET', '/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set([...MATRIX.map((c) => `${c.method} ${c.route}`), 'POST /api/auth/sign-in', 'POST /api/auth/sign-out']);
    expect(served.filter((r) => !covered.has(r))).toEqual([]);
  });

  it.each(MATRIX.map((c) => [`${c.method} ${c.route}`, c] as const))('%s', async (_name, cell) => {
    for (const who of [...EVERYONE, null] as Who[]) {
      const key = who ?? 'anonymous';
      const expected = cell.expect[key as keyof Cell['expect']] ?? cell.otherwise;
      const { url, body } = await cell.request();
      const before = await writtenRows();
      const res = await w.call(who, cell.method, url, body);
      expect({ who: key, status: res.statusCode }).toEqual({ who: key, status: expected });
      if (expected >= 400) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(await writtenRows()).toBe(before);
      }
    }
  });

  it('never lists another office’s cases', async () => {
    const caseId = await fileCase();
    for (const who of B) {
      const list = (await w.call(who, 'GET', '/api/cases?limit=500')).json() as { items: { id: string }[] };
      expect(list.items.some((c) => c.id === caseId)).toBe(false);
      expect((await w.call(who, 'GET', '/api/cases.csv')).body).not.toContain(caseId);
    }
  });
});
