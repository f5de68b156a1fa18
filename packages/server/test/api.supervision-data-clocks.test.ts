/**
 * Clocks read from a case's own data (`from_data`, issue 18) are clocks like
 * any other on the supervisor's dashboard, its drill-down and the inbox: two
 * salary rounds (salary-round@2) whose appraisal phase is due at their own
 * `schedule.appraisalDueOn`, the later one opened first; a third whose date
 * the data does not hold (due unknown) is listed last and never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { salary } from '@esa-flow/workflows';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
const ids: Record<string, string> = {};

async function round(title: string, fiscalYearBe: number, appraisalDueOn: string): Promise<string> {
  const input = { fiscalYearBe, round: 1, schedule: { appraisalDueOn } };
  const res = await w.call('a.hr', 'POST', '/api/cases', { workflowId: 'salary-round', officeId: w.a.officeId, title, input });
  expect(res.statusCode).toBe(201);
  const caseId = res.json().caseId as string;
  for (const [type, payload] of [
    ['ANNOUNCE_CRITERIA', { announcementRef: 'ประกาศ', announcedOn: '2025-06-16' }],
    ['BEGIN_APPRAISAL', { considered: 5, ineligible: [] }],
  ] as const) {
    const r = await w.call('a.hr', 'POST', `/api/cases/${caseId}/events`, { type, payload });
    expect(r.statusCode).toBe(200);
  }
  return caseId;
}

beforeAll(async () => {
  w = await startServerWorld({ SESSION_TTL_HOURS: '720' }, salary.salaryWorkflows);
  // Mon 16 Jun 2568 09:00
  ids.later = await round('รอบ ก (ครบกำหนด 30 มิ.ย.)', 2569, '2025-06-30');
  ids.sooner = await round('รอบ ข (ครบกำหนด 17 มิ.ย.)', 2570, '2025-06-17');
  ids.unknown = await round('รอบ ค (ไม่ทราบกำหนด)', 2571, '2025-07-15');
  // a clock whose moment the data did not hold (as a from_data spec opens it then)
  await w.tdb.db
    .updateTable('sla_clocks')
    .set({ due_at: null })
    .where('case_id', '=', ids.unknown)
    .where('status', '=', 'running')
    .execute();
  w.clock.set('2025-06-17T02:00:00Z'); // Tue 09:00: the sooner one is due within one working day
});
const appraising = (rows: { step: string }[]) => rows.filter((r) => r.step === 'appraising');
afterAll(() => w.close());

describe('clocks from the case’s data on the dashboard and in the inbox', () => {
  it('counts them by step (open, at risk) and lists them soonest due first, the one without a due moment last', async () => {
    const overview = await w.call('a.area', 'GET', '/api/supervision/sla?workflowId=salary-round');
    expect(overview.statusCode).toBe(200);
    expect(appraising(overview.json().byStep)).toEqual([
      expect.objectContaining({ workflowId: 'salary-round', step: 'appraising', open: 3, overdue: 0, atRisk: 1 }),
    ]);

    const cases = await w.call('a.area', 'GET', '/api/supervision/sla/cases?filter=open&workflowId=salary-round');
    expect(cases.statusCode).toBe(200);
    expect(
      (cases.json().items as { caseId: string; dueAt: string | null; atRisk: boolean }[]).map((i) => [i.caseId, i.dueAt, i.atRisk]),
    ).toEqual([
      [ids.sooner, '2025-06-17T09:30:00.000Z', true],
      [ids.later, '2025-06-30T09:30:00.000Z', false],
      [ids.unknown, null, false],
    ]);
    const atRisk = await w.call('a.area', 'GET', '/api/supervision/sla/cases?filter=at_risk');
    expect(atRisk.statusCode).toBe(200);
    expect((atRisk.json().items as { caseId: string }[]).map((i) => i.caseId)).toEqual([ids.sooner]);
  });

  it('the HR officer’s inbox sorts them by due, the one without a due moment last', async () => {
    const inbox = await w.call('a.hr', 'GET', '/api/inbox');
    expect(inbox.statusCode).toBe(200);
    const mine = (inbox.json().items as { caseId: string; dueAt: string | null }[]).filter((i) => Object.values(ids).includes(i.caseId));
    expect(mine.map((i) => [i.caseId, i.dueAt])).toEqual([
      [ids.sooner, '2025-06-17T09:30:00.000Z'],
      [ids.later, '2025-06-30T09:30:00.000Z'],
      [ids.unknown, null],
    ]);
    expect(inbox.json()).toMatchObject({ atRisk: 1, overdue: 0 });
  });

  it('overdue once the round’s date has passed', async () => {
    w.clock.set('2025-06-17T09:30:01Z');
    const overview = await w.call('a.area', 'GET', '/api/supervision/sla?workflowId=salary-round');
    expect(appraising(overview.json().byStep)).toEqual([expect.objectContaining({ step: 'appraising', open: 3, overdue: 1 })]);
    const overdue = await w.call('a.area', 'GET', '/api/supervision/sla/cases?filter=overdue');
    expect((overdue.json().items as { caseId: string }[]).map((i) => i.caseId)).toEqual([ids.sooner]);
  });
});
