/**
 * The office's day-count policy over HTTP (docs/sla.md "The office's
 * day-count policy"): every user of the office reads it (the default:
 * calendar days), its admin changes it now or from a later moment with a
 * reason, the history says who and when in Thai, the same change again
 * writes nothing, bad input is a 400 with nothing written, another office
 * sees nothing; and an SOP step started over the API after the change counts
 * working days.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LightMyRequestResponse } from 'fastify';
import { sops } from '@esa-flow/workflows';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

type Who = 'a.admin' | 'a.hr' | 'a.teacher' | 'b.admin';

let w: ServerWorld;
const cookies = new Map<string, string>();

beforeAll(async () => {
  w = await startServerWorld({}, [sops.sopDevelopmentPlanV2]);
  // Thu 3 Jul 2568, 10:00 Bangkok
  w.clock.set('2025-07-03T03:00:00Z');
});
afterAll(() => w.close());

async function cookieOf(who: Who): Promise<string> {
  const cached = cookies.get(who);
  if (cached) return cached;
  const [office, role] = who.split('.') as ['a' | 'b', 'admin' | 'hr' | 'teacher'];
  const userId = (office === 'a' ? w.a : w.b).users[role].userId;
  const { username } = await w.tdb.db.selectFrom('users').select('username').where('id', '=', userId).executeTakeFirstOrThrow();
  const res = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: PASSWORD } });
  const value = `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;
  cookies.set(who, value);
  return value;
}

async function call(
  who: Who,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return w.app.inject({
    method,
    url,
    ...(body !== undefined ? { payload: body as Buffer } : {}),
    headers: { cookie: await cookieOf(who), ...headers },
  });
}

const url = () => `/api/offices/${w.a.officeId}/deadline-policy`;
const rows = async () =>
  Number(
    (
      await w.tdb.db
        .selectFrom('office_deadline_policies')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the office’s day-count policy over HTTP', () => {
  it('reads as calendar days until an admin sets it; only the office’s admin changes it; bad input writes nothing', async () => {
    expect((await call('a.teacher', 'GET', url())).json()).toMatchObject({
      current: { version: 0, dayCount: 'calendar_days', dayCountTh: 'นับวันตามปฏิทิน' },
      scheduled: [],
      history: [],
    });
    expect((await call('b.admin', 'GET', url())).statusCode).toBe(404);
    expect((await call('a.hr', 'PUT', url(), { dayCount: 'working_days', reason: 'x' })).json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('b.admin', 'PUT', url(), { dayCount: 'working_days', reason: 'x' })).statusCode).toBe(404);
    expect((await call('a.admin', 'PUT', url(), { dayCount: 'business_days', reason: 'x' })).statusCode).toBe(400);
    expect((await call('a.admin', 'PUT', url(), { dayCount: 'working_days' })).statusCode).toBe(400);
    const past = await call('a.admin', 'PUT', url(), { dayCount: 'working_days', reason: 'ย้อนหลัง', effectiveFrom: '2025-07-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'INVALID_PAYLOAD', message: { th: expect.any(String), en: expect.any(String) } });
    expect(await rows()).toBe(0);
  });

  it('is changed with a reason, kept as history (who, when, in Thai), and the same change again writes nothing', async () => {
    const set = await call('a.admin', 'PUT', url(), { dayCount: 'working_days', reason: 'คำสั่ง สพป. ที่ 12/2568' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({
      changed: true,
      current: {
        version: 1,
        dayCount: 'working_days',
        dayCountTh: 'นับเฉพาะวันทำการ',
        reason: 'คำสั่ง สพป. ที่ 12/2568',
        changedAtTh: '3 กรกฎาคม 2568 10.00 น.',
      },
    });
    expect((set.json() as { current: { changedByName: string } }).current.changedByName).toBeTruthy();
    expect((await call('a.admin', 'PUT', url(), { dayCount: 'working_days', reason: 'ซ้ำ' })).json()).toMatchObject({
      changed: false,
      current: { version: 1 },
    });
    const later = await call('a.admin', 'PUT', url(), {
      dayCount: 'calendar_days',
      reason: 'ปีงบประมาณใหม่',
      effectiveFrom: '2025-09-30T17:00:00Z',
    });
    expect(later.json()).toMatchObject({
      changed: true,
      current: { version: 1 },
      scheduled: [{ version: 2, dayCount: 'calendar_days', effectiveFromTh: '1 ตุลาคม 2568 00.00 น.' }],
    });
    expect((await call('a.teacher', 'GET', url())).json()).toMatchObject({ history: [{ version: 2 }, { version: 1 }] });
  });

  it('an SOP step reached over the API now counts working days', async () => {
    const started = await call(
      'a.hr',
      'POST',
      '/api/cases',
      { workflowId: 'sop-development-plan', officeId: w.a.officeId, title: 'แผนพัฒนาครู 2569', input: { fiscalYear: 2569 } },
      { 'idempotency-key': 'dev-plan-1' },
    );
    expect(started.statusCode).toBe(201);
    const caseId = (started.json() as { caseId: string }).caseId;
    for (const [type, payload] of [
      ['DATA_COLLECTED', {}],
      ['PROJECTS_SELECTED', { actionPlanApprovedOn: '2025-06-30', projectCount: 3 }],
      ['DRAFT_COMPLETED', { dataComplete: true }],
    ] as const) {
      expect(
        (await call('a.hr', 'POST', `/api/cases/${caseId}/events`, { type, payload }, { 'idempotency-key': `${caseId}-${type}` }))
          .statusCode,
      ).toBe(200);
    }
    const clock = await w.tdb.db
      .selectFrom('sla_clocks')
      .select(['due_at', 'spec'])
      .where('case_id', '=', caseId)
      .where('step', '=', 'appointingCommittee')
      .executeTakeFirstOrThrow();
    // Thu 3 Jul + 3 working days = Tue 8 Jul 16:30 (calendar days would give Mon 7)
    expect(clock.due_at).toEqual(new Date('2025-07-08T09:30:00Z'));
    expect(clock.spec).toMatchObject({ kind: 'working_days', officePolicy: { dayCount: 'working_days', version: 1 } });
  });
});
