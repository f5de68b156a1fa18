import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let parentId: string;
let people: { personId: string; schoolId: string }[] = [];

beforeAll(async () => {
  w = await startServerWorld();
  // a round: any case can be a parent; its children are sample-sla cases (HR officers may start them)
  const res = await w.call('a.hr', 'POST', '/api/cases', {
    workflowId: 'sample-approval',
    officeId: w.a.officeId,
    title: 'รอบทดสอบ 1/2568',
    input: { amount: 1 },
  });
  parentId = res.json().caseId;
  const rows = Array.from({ length: 6 }, (_, i) => ({
    first_name_th: `ครู${i}`,
    last_name_th: 'ในรอบ',
    office_id: w.a.officeId,
    school_id: w.a.schoolIds[i % 2]!,
  }));
  people = (await w.tdb.db.insertInto('people').values(rows).returning(['id', 'school_id']).execute()).map((p) => ({
    personId: p.id,
    schoolId: p.school_id!,
  }));
});
afterAll(() => w.close());

const row = (i: number, over: Record<string, unknown> = {}) => ({
  key: `T${String(i).padStart(5, '0')}`,
  subjectPersonId: people[i]?.personId ?? null,
  schoolId: people[i]?.schoolId ?? null,
  title: `คำขอในรอบ ${i}`,
  input: {},
  ...over,
});

describe('cycles over HTTP', () => {
  it('opens children from a posted population, reporting bad rows and opening the rest; again opens only what is missing', async () => {
    const population = [row(0), row(1), row(2), row(3, { schoolId: w.b.schoolIds[0] }), row(4, { input: 'not an object' }), row(1)];
    const res = await w.call('a.hr', 'POST', `/api/cycles/${parentId}/children`, { workflowId: 'sample-sla', population, batchSize: 2 });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ parentCaseId: parentId, workflow: 'sample-sla@1', total: 3, created: 3, alreadyPresent: 0, resumed: false });
    expect(r.rejected.map((x: { index: number; code: string }) => [x.index, x.code])).toEqual([
      [3, 'SCHOOL_NOT_IN_OFFICE'],
      [4, 'INVALID_INPUT'],
      [5, 'INVALID_INPUT'],
    ]);
    expect(r.rejected[2].issues[0]).toMatchObject({ path: 'key', code: 'duplicate' });

    w.clock.advanceMs(60_000); // openings are listed newest first
    const again = await w.call('a.hr', 'POST', `/api/cycles/${parentId}/children`, {
      workflowId: 'sample-sla',
      population: [row(0), row(1), row(2), row(5)],
    });
    expect(again.json()).toMatchObject({ total: 4, created: 1, alreadyPresent: 3 });
  });

  it('shows the progress of a cycle and lists it among the active cycles of my office', async () => {
    const progress = await w.call('a.auditor', 'GET', `/api/cycles/${parentId}/progress`);
    expect(progress.statusCode).toBe(200);
    expect(progress.json()).toMatchObject({
      parentCaseId: parentId,
      total: 4,
      done: 0,
      active: 4,
      byState: [{ workflowId: 'sample-sla', state: 'review', status: 'active', count: 4 }],
    });
    expect(progress.json().openings).toHaveLength(2);
    expect(progress.json().openings[0]).toMatchObject({ created: 1, finishedAt: expect.any(String) });

    const list = await w.call('a.group', 'GET', '/api/cycles');
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: parentId,
        officeId: w.a.officeId,
        title: 'รอบทดสอบ 1/2568',
        children: 4,
        childrenDone: 0,
        openingInProgress: false,
      }),
    ]);
    expect((await w.call('a.group', 'GET', `/api/cycles?officeId=${w.a.officeId}`)).json().items).toHaveLength(1);
    expect((await w.call('b.group', 'GET', '/api/cycles')).json().items).toEqual([]);
    expect((await w.call('b.group', 'GET', `/api/cycles?officeId=${w.a.officeId}`)).json().code).toBe('OFFICE_NOT_FOUND');
    // a teacher sees no rounds (they are not about them)
    expect((await w.call('a.teacher', 'GET', '/api/cycles')).json().items).toEqual([]);
  });

  it('hides another office’s cycle (404) and refuses a role that may not open its children (403)', async () => {
    expect((await w.call('b.hr', 'GET', `/api/cycles/${parentId}/progress`)).json().code).toBe('CASE_NOT_FOUND');
    const other = await w.call('b.hr', 'POST', `/api/cycles/${parentId}/children`, { workflowId: 'sample-sla', population: [row(0)] });
    expect(other.statusCode).toBe(404);
    const auditor = await w.call('a.auditor', 'POST', `/api/cycles/${parentId}/children`, {
      workflowId: 'sample-sla',
      population: [row(0)],
    });
    expect(auditor.statusCode).toBe(403);
    expect(auditor.json().code).toBe('FORBIDDEN');
    const closed = await w.call('a.hr', 'POST', `/api/cycles/${parentId}/children`, {
      workflowId: 'sample-sla',
      population: [row(0)],
      whileParentAt: ['directorDecision'],
    });
    expect(closed.json().code).toBe('CYCLE_CLOSED');
  });

  it('accepts up to 50,000 rows and refuses more before reading any', async () => {
    // 50,000 rows reach the engine (here all invalid, so nothing is written)
    const most = Array.from({ length: 50_000 }, (_, i) => ({ key: `K${i}`, title: 't', input: 'x' }));
    const big = await w.call('a.hr', 'POST', `/api/cycles/${parentId}/children`, { workflowId: 'sample-sla', population: most });
    expect(big.statusCode).toBe(200);
    expect(big.json()).toMatchObject({ runId: null, total: 0, created: 0 });
    expect(big.json().rejected).toHaveLength(50_000);
    const tooMany = Array.from({ length: 50_001 }, (_, i) => ({ key: `K${i}`, title: 't', input: {} }));
    const res = await w.call('a.hr', 'POST', `/api/cycles/${parentId}/children`, { workflowId: 'sample-sla', population: tooMany });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'INVALID_PAYLOAD',
      detail: { issues: [expect.objectContaining({ path: 'body.population' })] },
    });
    const shape = await w.call('a.hr', 'POST', `/api/cycles/${parentId}/children`, { workflowId: 'sample-sla', population: [{ key: 1 }] });
    expect(shape.statusCode).toBe(400);
  });
});
