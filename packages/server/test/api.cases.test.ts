import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld();
});
afterAll(() => w.close());

async function fileCase(): Promise<{ caseId: string; revision: number }> {
  const res = await w.call('a.teacher', 'POST', '/api/cases', {
    workflowId: 'sample-approval',
    officeId: w.a.officeId,
    schoolId: w.a.schoolIds[0],
    subjectPersonId: w.a.users.teacher.personId,
    title: 'ขอย้ายผ่าน API',
    input: { amount: 5 },
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('cases over HTTP', () => {
  it('answers me, opens a case, shows what I may do, and walks it with If-Match and Idempotency-Key', async () => {
    const me = await w.call('a.director', 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ lang: 'th', grants: [{ role: 'school_director', officeId: w.a.officeId }] });

    const { caseId } = await fileCase();
    const inbox = await w.call('a.director', 'GET', '/api/inbox');
    expect(inbox.json().items.map((i: { caseId: string }) => i.caseId)).toContain(caseId);

    const detail = await w.call('a.director', 'GET', `/api/cases/${caseId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers.etag).toBe('"1"');
    expect(detail.json().availableEvents.map((e: { type: string }) => e.type)).toEqual(['CERTIFY', 'RETURN']);

    const stale = await w.call(
      'a.director',
      'POST',
      `/api/cases/${caseId}/events`,
      { type: 'CERTIFY', payload: {} },
      { 'if-match': '"7"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'REVISION_CONFLICT', message: { th: expect.stringContaining('แก้ไข') } });

    const ok = await w.call(
      'a.director',
      'POST',
      `/api/cases/${caseId}/events`,
      { type: 'CERTIFY', payload: {} },
      { 'if-match': '"1"', 'idempotency-key': 'cert-1' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ revision: 2, state: 'hrCheck', replayed: false });
    const again = await w.call(
      'a.director',
      'POST',
      `/api/cases/${caseId}/events`,
      { type: 'CERTIFY', payload: {} },
      { 'if-match': '"1"', 'idempotency-key': 'cert-1' },
    );
    expect(again.json()).toMatchObject({ revision: 2, replayed: true });
  });

  it('hides another office’s case as 404 and refuses a wrong role with 403, in problem+json', async () => {
    const { caseId } = await fileCase();
    const other = await w.call('b.hr', 'GET', `/api/cases/${caseId}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('CASE_NOT_FOUND');
    const wrong = await w.call('a.hr', 'POST', `/api/cases/${caseId}/events`, { type: 'CERTIFY', payload: {} });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'FORBIDDEN', message: { th: 'ท่านไม่มีสิทธิ์ดำเนินการนี้', en: 'You are not allowed to do this.' } });
  });

  it('rejects bad input with 400 and names the field', async () => {
    const { caseId } = await fileCase();
    const res = await w.call('a.director', 'POST', `/api/cases/${caseId}/events`, { type: 'RETURN', payload: { note: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID_PAYLOAD', detail: { issues: [expect.objectContaining({ path: 'note' })] } });
    const shape = await w.call('a.director', 'POST', `/api/cases/${caseId}/events`, { kind: 'RETURN' });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().code).toBe('INVALID_PAYLOAD');
  });

  it('searches by the subject’s name and exports CSV with Thai intact', async () => {
    await fileCase();
    const found = await w.call('a.hr', 'GET', '/api/cases?q=teacher');
    expect(found.statusCode).toBe(200);
    expect(found.json().items.length).toBeGreaterThan(0);
    const csv = await w.call('a.hr', 'GET', '/api/cases.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFFเรื่อง,กระบวนงาน,ขั้นตอนปัจจุบัน,สถานะ,วันที่เริ่ม,ปรับปรุงล่าสุด\r\n')).toBe(true);
    expect(csv.body).toContain('ขอย้ายผ่าน API');
  });

  it('requires sign-in everywhere but the public routes', async () => {
    expect((await w.call(null, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await w.call(null, 'GET', '/api/cases')).statusCode).toBe(401);
    expect((await w.call(null, 'GET', '/healthz')).statusCode).toBe(200);
    expect((await w.call(null, 'GET', '/readyz')).statusCode).toBe(200);
    const openapi = await w.call(null, 'GET', '/openapi.json');
    expect(openapi.json().paths['/api/cases/{caseId}/events']).toBeDefined();
    expect((await w.call(null, 'GET', '/docs/')).statusCode).toBe(200);
    // /metrics is not served without a METRICS_TOKEN (see the metrics test for the token)
    expect((await w.call(null, 'GET', '/metrics')).statusCode).toBe(404);
  });
});
