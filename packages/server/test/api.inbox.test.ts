/**
 * `GET /api/inbox` a page at a time (issue 17): `next` → `after` walks every
 * item once, in order, with the counts on every page; a `next` this API did
 * not give is refused; the filter and the search answer over every page.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
const CASES = 7;

beforeAll(async () => {
  w = await startServerWorld({ SESSION_TTL_HOURS: '720' }); // sessions outlive the days the clock moves
  for (let i = 0; i < CASES; i++) {
    w.clock.set(new Date(Date.parse('2025-06-16T02:00:00Z') + i * 3_600_000)); // Mon 16 Jun 2568 from 09:00, an hour apart
    const res = await w.call('a.hr', 'POST', '/api/cases', {
      workflowId: 'sample-sla',
      officeId: w.a.officeId,
      title: `คำขอที่ ${i + 1}`,
      input: {},
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => w.close());

interface Page {
  total: number;
  overdue: number;
  atRisk: number;
  matched: number;
  items: { caseId: string; title: string; dueAt: string | null }[];
  next: string | null;
}

describe('the inbox over HTTP, a page at a time', () => {
  it('walks every item once through next → after, refuses a made-up after, filters and searches over every page', async () => {
    const whole = (await w.call('a.hr', 'GET', '/api/inbox?limit=100')).json() as Page;
    expect(whole).toMatchObject({ total: CASES, matched: CASES, next: null });
    expect(whole.items).toHaveLength(CASES);
    const dues = whole.items.map((i) => i.dueAt!);
    expect([...dues].sort()).toEqual(dues); // soonest due first

    const walked: string[] = [];
    let url = '/api/inbox?limit=3';
    for (let pages = 0; ; pages++) {
      const res = await w.call('a.hr', 'GET', url);
      expect(res.statusCode).toBe(200);
      const page = res.json() as Page;
      expect({ total: page.total, overdue: page.overdue, atRisk: page.atRisk }).toEqual({
        total: whole.total,
        overdue: whole.overdue,
        atRisk: whole.atRisk,
      });
      walked.push(...page.items.map((i) => i.caseId));
      if (page.next === null) break;
      expect(page.next).not.toContain(page.items.at(-1)!.caseId); // opaque
      url = `/api/inbox?limit=3&after=${encodeURIComponent(page.next)}`;
      expect(pages).toBeLessThan(5);
    }
    expect(walked).toEqual(whole.items.map((i) => i.caseId));

    for (const after of ['nonsense', Buffer.from('["x","y","z"]').toString('base64url'), 'a'.repeat(401)]) {
      const bad = await w.call('a.hr', 'GET', `/api/inbox?after=${after}`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('INVALID_PAYLOAD');
    }

    const found = (await w.call('a.hr', 'GET', `/api/inbox?limit=1&q=${encodeURIComponent('คำขอที่ 7')}`)).json() as Page;
    expect(found).toMatchObject({ total: CASES, matched: 1, next: null });
    expect(found.items.map((i) => i.title)).toEqual(['คำขอที่ 7']);

    // Thu 19 Jun 16:00: the first cases' reviews (due 16:30) are at risk, none overdue; a week later all are overdue
    w.clock.set('2025-06-19T09:00:00Z');
    const atRisk = (await w.call('a.hr', 'GET', '/api/inbox?filter=atRisk&limit=100')).json() as Page;
    expect(atRisk.atRisk).toBeGreaterThan(0);
    expect(atRisk.matched).toBe(atRisk.atRisk);
    expect(atRisk.items).toHaveLength(atRisk.atRisk);
    w.clock.set('2025-06-26T09:00:00Z');
    const overdue = (await w.call('a.hr', 'GET', '/api/inbox?filter=overdue&limit=2')).json() as Page;
    expect(overdue).toMatchObject({ overdue: CASES, matched: CASES });
    expect(overdue.items).toHaveLength(2);
    expect(overdue.next).not.toBeNull();
  });
});
