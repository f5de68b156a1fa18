/**
 * The SLA overview's "who must act" is the one rule of who holds a step
 * (engine access/role-holders.ts), the inbox's: an officer is never counted
 * as the one who must act on a case about themself (segregation of duties,
 * access/segregation.ts) — the area director does not decide their own
 * matter, the HR officer does not review their own file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let aboutArea: string;
let aboutHr: string;

async function open(subjectPersonId: string, title: string): Promise<string> {
  const res = await w.call('a.hr', 'POST', '/api/cases', {
    workflowId: 'sample-sla',
    officeId: w.a.officeId,
    schoolId: w.a.schoolIds[0],
    subjectPersonId,
    title,
    input: {},
  });
  expect(res.statusCode).toBe(201);
  return res.json().caseId;
}

beforeAll(async () => {
  w = await startServerWorld();
  // a matter about the area director, forwarded to the area director's decision
  aboutArea = await open(w.a.users.area.personId, 'เรื่องของ ผอ.สพท.');
  expect((await w.call('a.hr', 'POST', `/api/cases/${aboutArea}/events`, { type: 'FORWARD', payload: {} })).statusCode).toBe(200);
  // a matter about the HR officer, at the HR officers' review
  aboutHr = await open(w.a.users.hr.personId, 'เรื่องของเจ้าหน้าที่บุคคล');
});
afterAll(() => w.close());

type Person = { userId: string; open: number };
const drill = async (userId: string) =>
  ((await w.call('a.group', 'GET', `/api/supervision/sla/cases?filter=open&userId=${userId}`)).json().items as { caseId: string }[]).map(
    (i) => i.caseId,
  );
const inbox = async (who: string) => ((await w.call(who, 'GET', '/api/inbox')).json().items as { caseId: string }[]).map((i) => i.caseId);

describe('sla.who-must-act', () => {
  it('never counts an officer as the one who must act on a case about themself', async () => {
    const body = (await w.call('a.group', 'GET', '/api/supervision/sla')).json();
    const byUser = new Map((body.byPerson as Person[]).map((p) => [p.userId, p]));
    // both clocks are open and running: the overview counts them by step…
    expect(body.byStep.find((r: { step: string }) => r.step === 'decision')).toMatchObject({ open: 1 });
    expect(body.byStep.find((r: { step: string }) => r.step === 'review')).toMatchObject({ open: 1 });
    // …but the area director does not decide their own matter, nor the HR officer review their own file
    expect(byUser.has(w.a.users.area.userId)).toBe(false);
    expect(byUser.has(w.a.users.hr.userId)).toBe(false);
    expect(await drill(w.a.users.area.userId)).toEqual([]);
    expect(await drill(w.a.users.hr.userId)).toEqual([]);
  });

  it('agrees with the inbox of each officer', async () => {
    expect(await inbox('a.area')).not.toContain(aboutArea);
    expect(await inbox('a.hr')).not.toContain(aboutHr);
    for (const who of ['area', 'hr', 'group', 'teacher'] as const) {
      expect((await drill(w.a.users[who].userId)).sort()).toEqual((await inbox(`a.${who}`)).sort());
    }
  });
});
