/**
 * The appraisers of a salary round over HTTP (docs/workflows/salary-round.md
 * "Appraisers"): each school's director sees and scores the teachers of the
 * school, the area director the school's director — nobody themself; each
 * score is its own command with its own Idempotency-Key (a repeat is a
 * replay); someone acting for the director (รักษาราชการแทน, granted through
 * the admin API) scores and the case's timeline says so; the round's people
 * show each appraiser and who has acknowledged the result told to them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { salary } from '@esa-flow/workflows';
import { startServerWorld, type ServerWorld } from './support/server-world';
import { setUpSalaryRound, type SalaryRoundFixture } from './support/salary-round';

let w: ServerWorld;
let r: SalaryRoundFixture;

beforeAll(async () => {
  w = await startServerWorld({}, salary.salaryWorkflows);
  r = await setUpSalaryRound(w, { openAppraisal: false });
  // the roster: three teachers per school (a.teacher among them, who has a user), and a.director as the first school's director
  const roster: salary.StaffRecordInput[] = [];
  for (let i = 0; i < 6; i++) {
    const schoolId = w.a.schoolIds[i % 2]!;
    const personId =
      i === 0
        ? w.a.users.teacher.personId
        : (
            await w.tdb.db
              .insertInto('people')
              .values({ first_name_th: `ครู${i + 1}`, last_name_th: 'ทดสอบ', office_id: w.a.officeId, school_id: schoolId })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
    roster.push({
      personnelNo: `P${100 + i}`,
      personId,
      schoolId,
      nameTh: `ครู${i + 1} ทดสอบ`,
      position: 'ครู',
      salarySatang: (20_000 + i * 3_000) * 100,
      baseSatang: 25_000 * 100,
      maxSalarySatang: 58_390 * 100,
      serviceStartedOn: '2010-05-16',
    });
  }
  roster.push({
    personnelNo: 'D001',
    personId: w.a.users.director.personId,
    schoolId: w.a.schoolIds[0],
    nameTh: 'ผู้อำนวยการ ทดสอบ',
    position: 'ผู้อำนวยการสถานศึกษา',
    salarySatang: 45_000 * 100,
    baseSatang: 40_000 * 100,
    maxSalarySatang: 69_040 * 100,
    serviceStartedOn: '2005-05-16',
    academicStanding: 'ชำนาญการพิเศษ',
  });
  await salary.openRoundAppraisal(w.engine, r.hr, { roundCaseId: r.roundId, roster });
});
afterAll(() => w.close());

const appraisals = async (who: string) => w.call(who, 'GET', `/api/salary-rounds/${r.roundId}/appraisals`);
const score = (who: string, item: { caseId: string; revision: number }, value: number, key: string) =>
  w.call(
    who,
    'POST',
    `/api/cases/${item.caseId}/events`,
    { type: 'SUBMIT_SCORE', payload: { score: value } },
    { 'idempotency-key': key, 'if-match': `"${item.revision}"` },
  );

describe('the appraisers of a salary round', () => {
  it('lists to each appraiser the people of their line of command, never themself, and takes each score as its own command', async () => {
    // the menu: the rounds where people wait on me
    expect((await w.call('a.director', 'GET', '/api/salary-appraisals')).json()).toEqual({
      items: [{ roundId: r.roundId, title: expect.any(String), waiting: 3 }],
    });
    expect((await w.call('a.area', 'GET', '/api/salary-appraisals')).json().items).toEqual([
      { roundId: r.roundId, title: expect.any(String), waiting: 1 },
    ]);
    expect((await w.call('a.teacher', 'GET', '/api/salary-appraisals')).json()).toEqual({ items: [] });
    expect((await w.call('b.hr', 'GET', '/api/salary-appraisals')).json()).toEqual({ items: [] });

    // the supervision overview counts each open appraisal against its appraiser only
    const byPerson = (await w.call('a.area', 'GET', '/api/supervision/sla')).json().byPerson as { userId: string; open: number }[];
    const open = (u: { userId: string }) => byPerson.find((p) => p.userId === u.userId)?.open ?? 0;
    expect([open(w.a.users.director), open(w.a.users.director2), open(w.a.users.area), open(w.a.users.group)]).toEqual([3, 3, 1, 0]);
    const areaCases = (await w.call('a.area', 'GET', `/api/supervision/sla/cases?filter=open&userId=${w.a.users.area.userId}`)).json();
    expect(areaCases.items.map((c: { title: string }) => c.title)).toEqual([expect.stringContaining('ผู้อำนวยการ ทดสอบ')]);

    const mine = (await appraisals('a.director')).json();
    expect(mine.bands.map((b: { th: string }) => b.th)).toEqual(['ดีเด่น', 'ดีมาก', 'ดี', 'พอใช้', 'ต้องปรับปรุง']);
    expect(mine.items.map((i: { personnelNo: string }) => i.personnelNo)).toEqual(['P100', 'P102', 'P104']);
    expect(
      mine.items.every(
        (i: { schoolId: string; canScore: boolean; score: null }) => i.schoolId === w.a.schoolIds[0] && i.canScore && i.score === null,
      ),
    ).toBe(true);
    expect((await appraisals('a.director2')).json().items.map((i: { personnelNo: string }) => i.personnelNo)).toEqual([
      'P101',
      'P103',
      'P105',
    ]);
    const director = (await appraisals('a.area')).json().items;
    expect(director.map((i: { personnelNo: string; position: string }) => [i.personnelNo, i.position])).toEqual([
      ['D001', 'ผู้อำนวยการสถานศึกษา'],
    ]);
    expect((await appraisals('a.teacher')).statusCode).toBe(404);
    expect((await appraisals('b.hr')).statusCode).toBe(404);

    // the director may not score their own case: refused in Thai and English, nothing written
    const own = await score('a.director', director[0], 100, 'own-1');
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({ code: 'FORBIDDEN', message: { th: expect.any(String), en: expect.any(String) } });

    // the director scores the school's three, each its own command; a repeat of a key is a replay
    for (const [i, item] of mine.items.entries()) {
      const res = await score('a.director', item, 91 - i * 10, `score-${item.caseId}`);
      expect([res.statusCode, res.json().state]).toEqual([200, 'screening']);
    }
    const again = await score('a.director', mine.items[0], 91, `score-${mine.items[0].caseId}`);
    expect([again.statusCode, again.json().replayed]).toEqual([200, true]);
    const after = (await appraisals('a.director')).json().items;
    expect(after.map((i: { score: number; band: { th: string }; canScore: boolean }) => [i.score, i.band.th, i.canScore])).toEqual([
      [91, 'ดีเด่น', false],
      [81, 'ดีมาก', false],
      [71, 'ดี', false],
    ]);
    expect((await w.call('a.director', 'GET', '/api/salary-appraisals')).json()).toEqual({ items: [] });
    expect((await score('a.area', director[0], 88, 'area-1')).statusCode).toBe(200);
  });

  it('someone acting for the director (รักษาราชการแทน) scores, and the timeline says so', async () => {
    const grant = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${w.a.users.teacher2.userId}/roles`, {
      role: 'school_director',
      schoolId: w.a.schoolIds[1],
      actingFor: true,
    });
    expect(grant.statusCode).toBe(201);
    const items = (await appraisals('a.teacher2')).json().items;
    expect(items.map((i: { personnelNo: string }) => i.personnelNo)).toEqual(['P101', 'P103', 'P105']);
    for (const item of items) expect((await score('a.teacher2', item, 85, `acting-${item.caseId}`)).statusCode).toBe(200);
    const view = (await w.call('a.hr', 'GET', `/api/cases/${items[0].caseId}`)).json();
    expect(view.history.find((h: { eventType: string }) => h.eventType === 'SUBMIT_SCORE')).toMatchObject({
      actorRoles: ['school_director'],
      acting: { roles: ['school_director'] },
    });
    const users = (await w.call('a.admin', 'GET', `/api/offices/${w.a.officeId}/users`)).json().items;
    const acting = users
      .find((u: { id: string }) => u.id === w.a.users.teacher2.userId)
      .grants.find((g: { role: string }) => g.role === 'school_director');
    expect(acting).toMatchObject({ schoolId: w.a.schoolIds[1], actingFor: true, active: true });
  });

  it("shows the round's people with their appraiser and who acknowledged the result told to them", async () => {
    expect((await w.call('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/close-appraisal`)).statusCode).toBe(200);
    expect(await r.approveAll('salary_screening')).toBe(1);
    expect((await w.call('a.hr', 'POST', `/api/salary-rounds/${r.roundId}/tell-results`)).statusCode).toBe(200);
    const people = async () =>
      (await w.call('a.hr', 'GET', `/api/salary-rounds/${r.roundId}/people`)).json().items as {
        personnelNo: string;
        caseId: string;
        appraiser: { role: string };
        acknowledgedAt: string | null;
      }[];
    const before = await people();
    expect(before.map((p) => [p.personnelNo, p.appraiser.role, p.acknowledgedAt])).toEqual([
      ['D001', 'area_director', null],
      ...['P100', 'P101', 'P102', 'P103', 'P104', 'P105'].map((k) => [k, 'school_director', null]),
    ]);
    const mine = before.find((p) => p.personnelNo === 'P100')!;
    const ack = await w.call(
      'a.teacher',
      'POST',
      `/api/cases/${mine.caseId}/events`,
      { type: 'ACKNOWLEDGE_APPRAISAL', payload: {} },
      { 'idempotency-key': `ack-${mine.caseId}` },
    );
    expect(ack.statusCode).toBe(200);
    const acknowledged = (await people()).filter((p) => p.acknowledgedAt !== null).map((p) => p.personnelNo);
    expect(acknowledged).toEqual(['P100']);
    // not the director's to acknowledge for the teacher; the round's people are not a teacher's to read
    expect(
      (await w.call('a.director', 'POST', `/api/cases/${mine.caseId}/events`, { type: 'ACKNOWLEDGE_APPRAISAL', payload: {} })).statusCode,
    ).toBe(403);
    expect((await w.call('a.teacher', 'GET', `/api/salary-rounds/${r.roundId}/people`)).statusCode).toBe(404);
  });
});
