/**
 * Dated steps over HTTP: the case view lists the step's deadline and who may
 * extend it, a date guard's refusal is a 409 naming its rule (Thai and
 * English) and leaves nothing written, the action is no longer offered, and
 * an extension (ขยายเวลา) moves the deadline, is in the timeline, and makes
 * the action possible again; bad extensions are 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sampleDated, REVIEW_RULE } from '../../engine/test/support/sample-dated';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld({ SESSION_TTL_HOURS: '720' }, [sampleDated]); // the test moves the clock by days
});
afterAll(() => w.close());

describe('dated steps over HTTP', () => {
  it('refuses a late certification by its rule, offers the extension to the group director, and certifies after it', async () => {
    w.clock.set('2025-06-16T02:00:00Z');
    const opened = await w.call('a.hr', 'POST', '/api/cases', {
      workflowId: 'sample-dated',
      officeId: w.a.officeId,
      schoolId: w.a.schoolIds[0],
      subjectPersonId: w.a.users.teacher.personId,
      title: 'คำขอมีกำหนดวัน',
      input: { reviewUntil: { date: '2025-06-19', time: '15:00' } },
    });
    expect(opened.statusCode).toBe(201);
    const { caseId } = opened.json();
    const before = (await w.call('a.director', 'GET', `/api/cases/${caseId}`)).json();
    expect(before.availableEvents.map((e: { type: string }) => e.type)).toEqual(['CERTIFY', 'RETURN']);
    expect(before.deadlines).toEqual([
      expect.objectContaining({ step: 'review', dueAt: '2025-06-19T08:00:00.000Z', overdue: false, canExtend: false, extensions: [] }),
    ]);

    w.clock.set('2025-06-19T08:00:00.500Z');
    const late = await w.call('a.director', 'POST', `/api/cases/${caseId}/events`, { type: 'CERTIFY', payload: {} });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      code: 'DEADLINE_PASSED',
      message: { th: expect.stringContaining('พ้นกำหนด') },
      detail: { rule: REVIEW_RULE },
    });
    const after = (await w.call('a.director', 'GET', `/api/cases/${caseId}`)).json();
    expect(after.availableEvents.map((e: { type: string }) => e.type)).toEqual(['RETURN']);
    expect(after.case.revision).toBe(1);

    const group = (await w.call('a.group', 'GET', `/api/cases/${caseId}`)).json();
    expect(group.deadlines[0]).toMatchObject({ canExtend: true, overdue: true });
    const forbidden = await w.call('a.director', 'POST', `/api/cases/${caseId}/deadline-extensions`, {
      newDueAt: '2025-06-26T15:00:00+07:00',
      reason: 'ขอขยาย',
    });
    expect(forbidden.statusCode).toBe(403);
    const earlier = await w.call('a.group', 'POST', `/api/cases/${caseId}/deadline-extensions`, {
      newDueAt: '2025-06-19T07:00:00Z',
      reason: 'ย้อนหลัง',
    });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.json().code).toBe('INVALID_EXTENSION');
    const noReason = await w.call('a.group', 'POST', `/api/cases/${caseId}/deadline-extensions`, {
      newDueAt: '2025-06-26T15:00:00+07:00',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    const extended = await w.call(
      'a.group',
      'POST',
      `/api/cases/${caseId}/deadline-extensions`,
      { newDueAt: '2025-06-26T15:00:00+07:00', reason: 'โรงเรียนปิดเนื่องจากน้ำท่วม' },
      { 'idempotency-key': 'ext-1' },
    );
    expect(extended.statusCode).toBe(200);
    const again = await w.call(
      'a.group',
      'POST',
      `/api/cases/${caseId}/deadline-extensions`,
      { newDueAt: '2025-06-26T15:00:00+07:00', reason: 'โรงเรียนปิดเนื่องจากน้ำท่วม' },
      { 'idempotency-key': 'ext-1' },
    );
    expect(again.json()).toMatchObject({ revision: extended.json().revision, replayed: true });

    const view = (await w.call('a.director', 'GET', `/api/cases/${caseId}`)).json();
    expect(view.deadlines[0]).toMatchObject({
      dueAt: '2025-06-26T08:00:00.000Z',
      overdue: false,
      extensions: [{ from: '2025-06-19T08:00:00.000Z', to: '2025-06-26T08:00:00.000Z', reason: 'โรงเรียนปิดเนื่องจากน้ำท่วม' }],
    });
    expect(view.history.at(-1)).toMatchObject({ eventType: '@deadline.extended', reason: 'โรงเรียนปิดเนื่องจากน้ำท่วม', late: null });
    expect(view.availableEvents.map((e: { type: string }) => e.type)).toEqual(['CERTIFY', 'RETURN']);
    const ok = await w.call('a.director', 'POST', `/api/cases/${caseId}/events`, { type: 'CERTIFY', payload: {} });
    expect(ok.statusCode).toBe(200);
  });
});
