/**
 * The salary round's ประกาศ as PDF over HTTP (docs/documents.md): refused
 * until the results are published, then printed with the number the
 * announcement register gave it when it was published, for whoever may read
 * the round; another office gets 404.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { salary } from '@esa-flow/workflows';
import { missingInOrder, pdfText } from '../../documents/test/support/pdf-checks';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';
import { setUpSalaryRound, type SalaryRoundFixture } from './support/salary-round';

let w: ServerWorld;
let r: SalaryRoundFixture;

async function fresh(who: string, method: 'GET' | 'POST', url: string) {
  const [office, key] = who.split('.') as ['a' | 'b', keyof ServerWorld['a']['users']];
  const user = await w.tdb.db.selectFrom('users').select('username').where('id', '=', (office === 'a' ? w.a : w.b).users[key].userId).executeTakeFirstOrThrow();
  const signIn = await w.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: user.username, password: PASSWORD } });
  const cookie = `esa_session=${signIn.cookies.find((c) => c.name === 'esa_session')!.value}`;
  return w.app.inject({ method, url, headers: { cookie } });
}

beforeAll(async () => {
  w = await startServerWorld({}, salary.salaryWorkflows);
  r = await setUpSalaryRound(w);
});
afterAll(() => w.close());

describe('the salary round’s announcement', () => {
  it('is not ready before publishing, then prints the lists with the register’s number', async () => {
    const url = `/api/cycles/${r.roundId}/documents/announcement.pdf`;
    expect((await fresh('a.hr', 'GET', url)).json()).toMatchObject({ code: 'DOCUMENT_NOT_READY' });
    await r.score();
    expect((await fresh('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/close-appraisal`)).statusCode).toBe(200);
    await r.approveAll('salary_screening');
    expect((await fresh('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/tell-results`)).statusCode).toBe(200);
    expect((await fresh('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/allocation`)).statusCode).toBe(200);
    await r.approveAll('salary_budget');
    await r.approveAll('area_approval');
    w.clock.set('2025-06-02T03:00:00Z');
    expect((await fresh('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/publish`)).json()).toMatchObject({ announcementNo: '1/2568' });

    const res = await fresh('a.hr', 'GET', url);
    expect({ status: res.statusCode, type: res.headers['content-type'], nosniff: res.headers['x-content-type-options'], cache: res.headers['cache-control'] }).toEqual({ status: 200, type: 'application/pdf', nosniff: 'nosniff', cache: 'no-store' });
    const text = pdfText(res.rawPayload);
    expect(missingInOrder(text, ['ประกาศ', 'ที่ ๑/๒๕๖๘', 'เรื่อง รายชื่อข้าราชการครูและบุคลากรทางการศึกษาที่มีผลการประเมินระดับดีเด่นและระดับดีมาก', 'ระดับดีเด่น', 'ประกาศ ณ วันที่ ๒ มิถุนายน ๒๕๖๘'])).toBeNull();
    expect((await fresh('b.hr', 'GET', url)).statusCode).toBe(404);
  });
});
