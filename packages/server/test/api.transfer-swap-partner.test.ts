/**
 * The teacher a swap request names, found by citizen id (issue 21), over
 * HTTP against real PostgreSQL: the two teachers exchange their citizen ids
 * and the filing form finds the partner by theirs — name and school only.
 * Not found (404 SWAP_PARTNER_NOT_FOUND, message in Thai and English): the
 * asker's own id, a person of the office who is not a teacher, a teacher of
 * another office. A malformed id is 400; another office's round is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { transferWorkflows } from '../../workflows/src/transfer/index';
import { ROUND_1_2568 } from '../../workflows/test/transfer.fixtures';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
let roundId = '';
const ids = { teacher: '3101200000011', teacher2: '3101200000029', director: '3101200000037', other: '3101200000045' };

beforeAll(async () => {
  w = await startServerWorld({}, transferWorkflows);
  w.clock.set('2025-01-06T02:00:00Z');
  const set = (personId: string, citizen_id: string) =>
    w.tdb.db.updateTable('people').set({ citizen_id }).where('id', '=', personId).execute();
  await set(w.a.users.teacher.personId, ids.teacher);
  await set(w.a.users.teacher2.personId, ids.teacher2);
  await set(w.a.users.director.personId, ids.director);
  await set(w.b.users.teacher.personId, ids.other);
  const res = await w.call('a.hr', 'POST', '/api/cases', {
    workflowId: 'transfer-round',
    officeId: w.a.officeId,
    title: 'การย้ายข้าราชการครู ครั้งที่ 1/2568',
    input: ROUND_1_2568,
  });
  roundId = res.json().caseId;
});
afterAll(() => w.close());

const find = (who: string, citizenId: string, round = roundId) =>
  w.call(who, 'GET', `/api/transfer-rounds/${round}/swap-partner?citizenId=${citizenId}`);

describe('finding a swap partner by citizen id', () => {
  it('gives the partner’s name and school, nothing else', async () => {
    const res = await find('a.teacher', ids.teacher2);
    expect(res.statusCode).toBe(200);
    const school = await w.tdb.db
      .selectFrom('people as p')
      .innerJoin('schools as s', 's.id', 'p.school_id')
      .select('s.name_th')
      .where('p.id', '=', w.a.users.teacher2.personId)
      .executeTakeFirstOrThrow();
    const person = await w.tdb.db
      .selectFrom('people')
      .select(['first_name_th', 'last_name_th'])
      .where('id', '=', w.a.users.teacher2.personId)
      .executeTakeFirstOrThrow();
    expect(res.json()).toEqual({
      personId: w.a.users.teacher2.personId,
      name: `${person.first_name_th} ${person.last_name_th}`,
      schoolName: school.name_th,
    });
  });

  it('finds no one for the asker’s own id, a non-teacher, or another office’s teacher', async () => {
    for (const citizenId of [ids.teacher, ids.director, ids.other]) {
      const res = await find('a.teacher', citizenId);
      expect([res.statusCode, res.json().code]).toEqual([404, 'SWAP_PARTNER_NOT_FOUND']);
      expect(res.json().message.th).toContain('ไม่พบครูผู้ขอสับเปลี่ยน');
    }
  });

  it('refuses a malformed id, and another office’s round is not found', async () => {
    expect((await find('a.teacher', '31012')).statusCode).toBe(400);
    expect((await find('b.teacher', ids.teacher)).statusCode).toBe(404);
    expect((await find(null as unknown as string, ids.teacher2)).statusCode).toBe(401);
  });
});
