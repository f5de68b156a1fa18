/**
 * The 1,091-person salary round of salary-round.scenario.test.ts (สพป.พัทลุง
 * เขต 1 of seed 004: 1,091 staff, 96 schools), driven through the HTTP API
 * only, every step by the person who takes it: HR opens the round, announces
 * the criteria and sends the roster as a CSV file; each school's director
 * scores their school's people from "the people I appraise", the area
 * director the school directors, a group director the office staff; a
 * director's own case is not theirs to score; HR's committees meet on the
 * meeting routes (screening: a return then approval; budget: a reserve asked
 * then approval; the area sub-committee); publication, orders, one grievance
 * decided, the round closed, every notice printed. It runs on salary-round@2
 * and on salary-round@3 with a policy equal to the old one (one pool for the
 * office, every band 0 – 6 %), each in its own database: the allocations are
 * the scenario's, to the digest.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LightMyRequestResponse } from 'fastify';
import { salary } from '@esa-flow/workflows';
import { pdfText } from '../../documents/test/support/pdf-checks';
import { syntheticScores } from '../../workflows/test/salary-fixtures';
import { SALARY_STAFF, seedSalaryOffice, type SalaryOffice } from '../../workflows/test/salary-office';
import { hashPassword } from '../src/index';
import { PASSWORD, startServerWorld, type ServerWorld } from './support/server-world';

/** salary-round.scenario.test.ts: the allocation first proposed (a 3 % pool) and the one approved (2.95 %) */
const FIRST_DIGEST = 'fa015c85aa3698b6dfd1469bbb31e34a1ae117e99f0f9b05826e1e3a0c9c787b';
const APPROVED_DIGEST = '0e3554ef2dc26c07a8c441f0b1ce55aa5caa4f3708f2772487ab434cc706e9a1';
const APPRAISED_BY = { school: 962, area: 49, group: 36 };
const CONSIDERED = APPRAISED_BY.school + APPRAISED_BY.area + APPRAISED_BY.group;
/** requests in flight at once while the appraisers score */
const CONCURRENCY = 8;

/** salary-round@3 with a policy equal to the old one: one pool for the office, every band raised at 0 – 6 %, no decisions */
const equalToOld = (poolBp: number) => ({
  kind: 'band_ranges' as const,
  poolBp,
  capBp: 600,
  pooling: 'office' as const,
  bySchool: [],
  ranges: (['outstanding', 'very_good', 'good', 'fair'] as const).map((tier) => ({ tier, minBp: 0, maxBp: 600 })),
});

/** a valid Thai citizen id from 12 digits (the 13th is the check digit) */
function citizenId(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (13 - i), 0);
  return `${twelve}${(11 - (sum % 11)) % 10}`;
}

async function inBatches<T>(items: readonly T[], size: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await f(items[next++]!);
    }),
  );
}

const PENALTY_TH: Record<string, string> = {
  reprimand: 'ภาคทัณฑ์',
  salary_cut: 'ตัดเงินเดือน',
  salary_reduction: 'ลดขั้นเงินเดือน',
  removal: 'ปลดออก',
  dismissal: 'ไล่ออก',
};

describe.each([{ version: 2 as const }, { version: 3 as const }])(
  'the 1,091-person salary round over HTTP (salary-round@$version)',
  ({ version }) => {
    let w: ServerWorld;
    let s: SalaryOffice;
    const usernames = new Map<string, string>(); // user id → username
    const cookies = new Map<string, string>(); // user id → session cookie
    let roundId = '';

    /** the clock moves by months between steps: everyone signs in again after it moves */
    const at = (iso: string) => {
      w.clock.set(iso);
      cookies.clear();
    };
    async function cookieOf(userId: string): Promise<string> {
      const cached = cookies.get(userId);
      if (cached) return cached;
      const res = await w.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username: usernames.get(userId)!, password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = `esa_session=${res.cookies.find((c) => c.name === 'esa_session')!.value}`;
      cookies.set(userId, cookie);
      return cookie;
    }
    async function call(
      userId: string,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<LightMyRequestResponse> {
      return w.app.inject({
        method,
        url,
        headers: { cookie: await cookieOf(userId), ...headers },
        ...(body !== undefined ? { payload: body as string } : {}),
      });
    }
    async function ok(userId: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await call(userId, method, url, body, headers);
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    }
    const event = (userId: string, caseId: string, type: string, payload: unknown, revision?: number) =>
      call(
        userId,
        'POST',
        `/api/cases/${caseId}/events`,
        { type, payload },
        {
          'idempotency-key': `${type}:${caseId}:${w.clock.now().toISOString()}`,
          ...(revision !== undefined ? { 'if-match': `"${revision}"` } : {}),
        },
      );
    const step = (name: string, body?: unknown) => call(s.hr.id, 'POST', `/api/salary-rounds/${roundId}/${name}`, body);
    const roundState = async () => (await ok(s.hr.id, 'GET', `/api/cases/${roundId}`)).case.state as string;

    /** HR's committees over the committee routes: three members of the office, seated from 1 January 2024 */
    const committees = new Map<string, { id: string; members: string[] }>();
    async function meeting(
      kind: string,
      title: string,
      resolution: 'approve' | 'reject',
      note?: string,
    ): Promise<{ items: number; applied: number }> {
      const c = committees.get(kind)!;
      const scheduled = await ok(s.hr.id, 'POST', `/api/committees/${c.id}/meetings`, {
        title,
        scheduledAt: w.clock.now().toISOString(),
        place: 'ห้องประชุม สพป.พัทลุง เขต 1',
      });
      await ok(s.hr.id, 'POST', `/api/meetings/${scheduled.meetingId}/open`, { present: c.members });
      await ok(s.hr.id, 'POST', `/api/meetings/${scheduled.meetingId}/list-resolution`, { resolution, ...(note ? { note } : {}) });
      const closed = await ok(s.hr.id, 'POST', `/api/meetings/${scheduled.meetingId}/close`);
      return { items: scheduled.agendaItems, applied: closed.applied };
    }

    beforeAll(async () => {
      w = await startServerWorld({}, salary.salaryWorkflows);
      at('2024-10-01T02:00:00Z'); // Tuesday 1 October 2024, 09:00 Bangkok
      s = await seedSalaryOffice(w.tdb.db, w.clock);
      // everyone of the office signs in with a password; the people of the roster are known by their citizen id
      await w.tdb.db
        .updateTable('users')
        .set({ password_hash: await hashPassword(PASSWORD) })
        .where('password_hash', 'is', null)
        .execute();
      for (const u of await w.tdb.db.selectFrom('users').select(['id', 'username']).execute()) usernames.set(u.id, u.username);
      await inBatches(s.roster, 16, async (r) => {
        await w.tdb.db
          .updateTable('people')
          .set({ citizen_id: citizenId(`39${String(s.roster.indexOf(r)).padStart(10, '0')}`) })
          .where('id', '=', r.personId!)
          .execute();
      });
    });
    afterAll(() => w.close());

    it('runs from the criteria to the last notice, every step by its person, to the scenario’s digests', async () => {
      const { office, roster } = s;
      const users = office.users;
      const directorOf = (schoolId: string) => s.directorOf.get(schoolId)!.id;

      // 1. HR opens the round and announces the criteria
      const input = version === 2 ? { fiscalYearBe: 2568, round: 1 } : { fiscalYearBe: 2568, round: 1, policy: equalToOld(300) };
      const opened = await call(
        users.hr.userId,
        'POST',
        '/api/cases',
        { workflowId: 'salary-round', version, officeId: office.officeId, title: 'เลื่อนเงินเดือน ครั้งที่ 1 (1 เมษายน 2568)', input },
        { 'idempotency-key': `round-${version}` },
      );
      expect(opened.statusCode).toBe(201);
      roundId = opened.json().caseId;
      expect(
        (
          await event(users.hr.userId, roundId, 'ANNOUNCE_CRITERIA', {
            announcementRef: 'ประกาศ สพป.พัทลุง เขต 1 เรื่อง หลักเกณฑ์การประเมิน',
            announcedOn: '2024-10-01',
          })
        ).statusCode,
      ).toBe(200);
      for (const [kind, nameTh] of [
        ['salary_screening', 'คณะกรรมการกลั่นกรองผลการประเมิน'],
        ['salary_budget', 'คณะกรรมการพิจารณาผลคะแนนกับวงเงินงบประมาณ'],
        ['area_approval', 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา'],
      ] as const) {
        const { committeeId } = await ok(users.hr.userId, 'POST', `/api/offices/${office.officeId}/committees`, {
          kind,
          nameTh,
          nameEn: kind,
        });
        const members: string[] = [];
        const staff = roster.filter((r) => r.schoolId === null).slice(0, 3);
        for (const [i, seat] of (['chair', 'secretary', 'member'] as const).entries()) {
          members.push(
            (
              await ok(users.hr.userId, 'POST', `/api/committees/${committeeId}/members`, {
                personId: staff[i]!.personId,
                seat,
                termFrom: '2024-01-01',
                termUntil: null,
              })
            ).memberId,
          );
        }
        committees.set(kind, { id: committeeId, members });
      }

      // 2. the half-year ends: HR sends the roster as a file (CSV, Thai headers, schools by code, people by citizen id)
      at('2025-04-01T02:00:00Z');
      const codes = new Map(
        (await w.tdb.db.selectFrom('schools').select(['id', 'code']).where('office_id', '=', office.officeId).execute()).map((x) => [
          x.id,
          x.code,
        ]),
      );
      const header = [
        'เลขที่ตำแหน่ง',
        'เลขประจำตัวประชาชน',
        'ชื่อ-นามสกุล',
        'รหัสโรงเรียน',
        'ตำแหน่ง',
        'วิทยฐานะ',
        'เงินเดือน (บาท)',
        'ฐานในการคำนวณ (บาท)',
        'เงินเดือนสูงสุดของอันดับ (บาท)',
        'วันเริ่มรับราชการ',
        'ลาป่วย (ครั้ง)',
        'ลาป่วย (วัน)',
        'ลากิจ (ครั้ง)',
        'ลากิจ (วัน)',
        'มาสาย (ครั้ง)',
        'โทษทางวินัย',
        'วันที่ลงโทษ',
      ];
      const lines = roster.map((r, i) => {
        const penalty = r.penalties?.[0];
        return [
          r.personnelNo,
          citizenId(`39${String(i).padStart(10, '0')}`),
          r.nameTh,
          r.schoolId ? codes.get(r.schoolId)! : '',
          r.position,
          r.academicStanding === 'none' || !r.academicStanding ? 'ไม่มี' : r.academicStanding,
          r.salarySatang / 100,
          r.baseSatang / 100,
          r.maxSalarySatang ? r.maxSalarySatang / 100 : '',
          r.serviceStartedOn,
          r.leave?.sickOccasions ?? '',
          r.leave?.sickDays ?? '',
          r.leave?.personalOccasions ?? '',
          r.leave?.personalDays ?? '',
          r.leave?.lateTimes ?? '',
          penalty ? PENALTY_TH[penalty.kind] : '',
          penalty ? penalty.on : '',
        ].join(',');
      });
      expect(roster.some((r) => (r.penalties ?? []).length > 0)).toBe(true); // the sheet carries the penalties that bar a raise
      const sheet = [header.join(','), ...lines].join('\r\n');
      const sent = await call(users.hr.userId, 'POST', `/api/salary-rounds/${roundId}/roster`, sheet, {
        'content-type': 'text/csv; charset=utf-8',
      });
      expect(sent.statusCode).toBe(200);
      expect(sent.json()).toMatchObject({
        opened: true,
        state: 'appraising',
        rejected: [],
        totals: { rows: SALARY_STAFF, considered: CONSIDERED, notConsidered: SALARY_STAFF - CONSIDERED, rejected: 0 },
      });
      expect(sent.json().notConsidered.every((p: { reasons: unknown[] }) => p.reasons.length > 0)).toBe(true);

      // 3. the appraisers follow the line of command (Act ม.72), as the round's people list shows them
      const people = (await ok(users.hr.userId, 'GET', `/api/salary-rounds/${roundId}/people`)).items as {
        caseId: string;
        personnelNo: string;
        appraiser: { role: string; schoolId: string | null };
      }[];
      expect(people).toHaveLength(CONSIDERED);
      const rosterOf = new Map(roster.map((r) => [r.personnelNo, r]));
      for (const p of people) {
        const r = rosterOf.get(p.personnelNo)!;
        const expected =
          r.schoolId === null
            ? { role: 'group_director', schoolId: null }
            : r.position === 'ผู้อำนวยการสถานศึกษา'
              ? { role: 'area_director', schoolId: null }
              : { role: 'school_director', schoolId: r.schoolId };
        expect(p.appraiser).toEqual(expected);
      }
      const count = (role: string) => people.filter((p) => p.appraiser.role === role).length;
      expect([count('school_director'), count('area_director'), count('group_director')]).toEqual([
        APPRAISED_BY.school,
        APPRAISED_BY.area,
        APPRAISED_BY.group,
      ]);
      const appraiserOf = (p: (typeof people)[number]) =>
        p.appraiser.role === 'area_director'
          ? users.area.userId
          : p.appraiser.role === 'group_director'
            ? users.group.userId
            : directorOf(p.appraiser.schoolId!);
      const caseOf = new Map(people.map((p) => [p.personnelNo, p]));

      // the director of the first school is on the roster: the area director appraises them; they cannot score themself over HTTP
      const own = people.find((p) => rosterOf.get(p.personnelNo)!.personId === users.director.personId)!;
      expect(own.appraiser).toEqual({ role: 'area_director', schoolId: null });
      const selfScore = await event(users.director.userId, own.caseId, 'SUBMIT_SCORE', { score: 99 });
      expect([403, 404]).toContain(selfScore.statusCode);

      // every appraiser scores the people of their list ("the people I appraise"); three are never scored
      const scores = syntheticScores(SALARY_STAFF, 2568);
      const indexOf = new Map(roster.map((r, i) => [r.personnelNo, i]));
      const keys = people.map((p) => p.personnelNo).sort();
      const unscored = new Set(keys.filter((k) => k !== roster[0]!.personnelNo).slice(-3));
      const appraisers = [users.area.userId, users.group.userId, ...s.schoolIds.map(directorOf)];
      const commands: { userId: string; caseId: string; revision: number; score: number }[] = [];
      const listed = new Map<string, string>(); // case → who listed it
      for (const userId of appraisers) {
        const mine = await ok(userId, 'GET', `/api/salary-rounds/${roundId}/appraisals`);
        for (const item of mine.items as { caseId: string; personnelNo: string; revision: number; canScore: boolean }[]) {
          expect(item.canScore).toBe(true);
          expect(listed.has(item.caseId)).toBe(false);
          listed.set(item.caseId, userId);
          if (unscored.has(item.personnelNo)) continue;
          commands.push({
            userId,
            caseId: item.caseId,
            revision: item.revision,
            score: item.personnelNo === roster[0]!.personnelNo ? 58.5 : scores[indexOf.get(item.personnelNo)!]!,
          });
        }
      }
      // each person is on exactly one list: their appraiser's; the director's own case is on the area director's
      expect(listed.size).toBe(CONSIDERED);
      for (const p of people) expect(listed.get(p.caseId)).toBe(appraiserOf(p));
      expect(listed.get(own.caseId)).toBe(users.area.userId);
      await inBatches(commands, CONCURRENCY, async (c) => {
        const res = await event(c.userId, c.caseId, 'SUBMIT_SCORE', { score: c.score }, c.revision);
        if (res.statusCode !== 200) throw new Error(`score of ${c.caseId}: ${res.statusCode} ${res.body}`);
      });
      // each score was sent by the case's appraiser: the history says who
      const sentBy = await w.tdb.db
        .selectFrom('case_history')
        .select(['case_id', 'actor_id'])
        .where('event_type', '=', 'SUBMIT_SCORE')
        .where(
          'case_id',
          'in',
          people.map((p) => p.caseId),
        )
        .execute();
      expect(sentBy).toHaveLength(CONSIDERED - 3);
      const byCase = new Map(people.map((p) => [p.caseId, p]));
      for (const e of sentBy) expect(e.actor_id).toBe(appraiserOf(byCase.get(e.case_id)!));

      // not all scored and the date has not passed: the appraisal stays open
      const early = await step('close-appraisal');
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'ROUND_STEP_NOT_READY', detail: { settled: CONSIDERED - 3, total: CONSIDERED } });
      // 16:30 of 15 April 2025 has passed: closed, the three recorded as not appraised
      at('2025-04-16T02:00:00Z');
      expect((await step('close-appraisal')).json()).toMatchObject({
        state: 'screening',
        counts: { settled: CONSIDERED - 3, total: CONSIDERED, notAppraised: 3 },
      });

      // 4. the screening committee returns two appraisals for review, then approves
      at('2025-04-21T02:00:00Z');
      expect(await meeting('salary_screening', 'ประชุมกลั่นกรอง ครั้งที่ 1/2568', 'reject', 'ให้ทบทวนผลการประเมิน 2 ราย')).toEqual({
        items: 1,
        applied: 1,
      });
      expect(await roundState()).toBe('appraising');
      const reviewed = keys
        .filter((k) => rosterOf.get(k)!.schoolId === office.schoolIds[1])
        .slice(0, 2)
        .map((k) => caseOf.get(k)!);
      for (const p of reviewed)
        expect((await event(users.hr.userId, p.caseId, 'RETURN_FOR_REAPPRAISAL', { note: 'ตัวชี้วัดไม่ตรงกับข้อตกลง' })).statusCode).toBe(200);
      const adjusted = keys.find((k) => !reviewed.some((p) => p.personnelNo === k) && !unscored.has(k) && k !== roster[0]!.personnelNo)!;
      expect(
        (await event(users.hr.userId, caseOf.get(adjusted)!.caseId, 'ADJUST_SCORE', { score: 88, note: 'มติคณะกรรมการกลั่นกรอง' })).statusCode,
      ).toBe(200);
      expect((await step('close-appraisal')).statusCode).toBe(409); // it waits for the re-appraisals
      const again = (await ok(users.director2.userId, 'GET', `/api/salary-rounds/${roundId}/appraisals`)).items as {
        caseId: string;
        revision: number;
        canScore: boolean;
      }[];
      for (const p of reviewed) {
        const item = again.find((x) => x.caseId === p.caseId)!;
        expect(item.canScore).toBe(true);
        expect((await event(users.director2.userId, p.caseId, 'SUBMIT_SCORE', { score: 86.25 }, item.revision)).statusCode).toBe(200);
      }
      expect((await step('close-appraisal')).json()).toMatchObject({ state: 'screening', counts: { notAppraised: 0 } });
      at('2025-04-28T02:00:00Z');
      expect(await meeting('salary_screening', 'ประชุมกลั่นกรอง ครั้งที่ 2/2568', 'approve')).toEqual({ items: 1, applied: 1 });

      // 5. each person told the appraisal result
      expect((await step('tell-results')).json()).toMatchObject({ state: 'allocating', counts: { told: CONSIDERED } });

      // 6. the allocation; the budget committee asks to keep 0.05 % in reserve; then approves; the sub-committee approves
      const first = await step('allocation');
      expect(first.json()).toMatchObject({ state: 'budgetReview', digest: FIRST_DIGEST });
      if (version === 3) {
        // the committee's view of the proposal (one pool, every band 0 – 6 %) reads the same allocation
        const view = await ok(users.hr.userId, 'GET', `/api/salary-rounds/${roundId}/allocation`);
        expect(view).toMatchObject({
          digest: FIRST_DIGEST,
          policy: { poolBp: 300, capBp: 600, pooling: 'office', bySchool: [] },
          proposed: true,
        });
        expect(view.pools).toHaveLength(1);
      }
      expect(await meeting('salary_budget', 'ประชุมพิจารณาวงเงิน ครั้งที่ 1/2568', 'reject', 'ให้กันวงเงินสำรองร้อยละ 0.05')).toEqual({
        items: 1,
        applied: 1,
      });
      const approved = await step('allocation', { poolBp: 295 });
      expect(approved.json()).toMatchObject({ state: 'budgetReview', digest: APPROVED_DIGEST });
      const { raised, poolSatang, allocatedSatang } = approved.json().counts as {
        raised: number;
        poolSatang: number;
        allocatedSatang: number;
      };
      expect(allocatedSatang).toBeLessThanOrEqual(poolSatang);
      expect(poolSatang).toBeLessThan(first.json().counts.poolSatang);
      expect(await meeting('salary_budget', 'ประชุมพิจารณาวงเงิน ครั้งที่ 2/2568', 'approve')).toEqual({ items: 1, applied: 1 });
      at('2025-05-12T02:00:00Z');
      expect(await meeting('area_approval', 'ประชุม อ.ก.ค.ศ. ครั้งที่ 5/2568', 'approve')).toEqual({ items: 1, applied: 1 });
      expect(await roundState()).toBe('publishing');

      // 7. publication (an auditor reads, never acts): numbered from the register, every person told
      at('2025-05-15T03:00:00Z');
      expect([403, 404]).toContain((await call(users.auditor.userId, 'POST', `/api/salary-rounds/${roundId}/publish`)).statusCode);
      const published = await step('publish');
      expect(published.statusCode).toBe(200);
      expect(published.json()).toMatchObject({ state: 'ordering', announcementNo: '1/2568', counts: { told: CONSIDERED } });
      const lists = await ok(users.auditor.userId, 'GET', `/api/cycles/${roundId}/publication`);
      expect(lists.publication).toMatchObject({ announcementRef: 'ประกาศ ที่ 1/2568', windowEndsAt: '2025-06-16T09:30:00.000Z' });
      expect(lists.lists.map((l: { th: string }) => l.th)).toEqual(['ดีเด่น', 'ดีมาก']);
      expect(lists.lists.reduce((n: number, l: { entries: unknown[] }) => n + l.entries.length, 0)).toBe(published.json().counts.listed);

      // 8. orders, one per signer, numbered from the order register
      const orders = await step('orders');
      expect(orders.statusCode).toBe(200);
      expect(orders.json().state).toBe('grievanceWindow');
      expect(orders.json().counts.people).toBe(raised);
      expect(orders.json().orders.map((o: { number: string }) => o.number)).toEqual(
        orders.json().orders.map((_: unknown, i: number) => `${i + 1}/2568`),
      );

      // 9. the teacher scored 58.50 (ต้องปรับปรุง) files a grievance on their own case; the window closes for everyone else
      const mine = caseOf.get(roster[0]!.personnelNo)!;
      const grieved = await event(users.teacher.userId, mine.caseId, 'FILE_GRIEVANCE', { grounds: 'ผลการประเมินไม่สอดคล้องกับผลงาน' });
      expect(grieved.statusCode).toBe(200);
      at('2025-06-16T09:30:00Z');
      expect((await step('close-grievance-window')).json()).toMatchObject({
        code: 'ROUND_STEP_NOT_READY',
        detail: { windowEndsAt: '2025-06-16T09:30:00.000Z' },
      }); // its last moment
      at('2025-06-17T02:00:00Z');
      expect((await step('close-grievance-window')).json()).toMatchObject({ state: 'settling', counts: { closed: CONSIDERED - 1 } });
      expect((await step('close-grievance-window')).json()).toMatchObject({
        code: 'ROUND_STEP_NOT_READY',
        detail: { settled: CONSIDERED - 1, total: CONSIDERED },
      }); // the grievance is pending
      // the sub-committee dismisses it; the round closes
      expect(await meeting('area_approval', 'ประชุม อ.ก.ค.ศ. ครั้งที่ 7/2568', 'reject', 'ผลการประเมินเป็นไปตามหลักเกณฑ์')).toEqual({
        items: 1,
        applied: 1,
      });
      expect((await step('close-grievance-window')).json()).toMatchObject({ state: 'closed' });
      const progress = await ok(users.hr.userId, 'GET', `/api/cycles/${roundId}/progress`);
      expect(progress).toMatchObject({ total: CONSIDERED, done: CONSIDERED, active: 0 });

      // 10. the notices: one letter per person of the roster (raised, not raised, or not considered), each with the grievance date
      const printed = await call(users.hr.userId, 'GET', `/api/cycles/${roundId}/documents/salary-notices.pdf?digits=arabic`);
      expect(printed.statusCode).toBe(200);
      const text = pdfText(printed.rawPayload);
      expect(text.match(/ขอแสดงความนับถือ/g)?.length).toBe(SALARY_STAFF);
      const notRaised = pdfText(
        (await call(users.hr.userId, 'GET', `/api/cycles/${roundId}/documents/salary-notices.pdf?only=not_raised&digits=arabic`))
          .rawPayload,
      );
      expect(notRaised.match(/ขอแสดงความนับถือ/g)?.length).toBe(SALARY_STAFF - raised);
    });
  },
);
