/**
 * A whole salary raise round for an office the size of สพป.พัทลุง เขต 1 in
 * seed 004 (1,091 staff, 96 schools), through the engine and PostgreSQL:
 * criteria announced, the roster checked and the appraisals opened in bulk,
 * every score entered by the director of the person's school, the appraisal
 * closed at the round's date, real meetings of the screening committee (one
 * return, then approval), the budget committee and the area sub-committee,
 * publication, orders, one grievance decided by the sub-committee, the window
 * closed and the round finished. Then it checks the money (never above the
 * pool, nobody above the cap, bands respected), the published lists and every
 * personal notice. It runs three times, each in its own database: on
 * salary-round@2 (the old formula), and on salary-round@3 and @4 with a policy
 * equal to it (one pool for the office, every band at 0 – 6 %, no decisions):
 * the same allocations, to the digest. On @4 one person is told late, by
 * letter: their own window outlives the round's, so the round waits at
 * settling until the system closes that window (closeGrievanceWindow).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import {
  addCommitteeMember,
  closeMeetingAndApply,
  createCommittee,
  createEngine,
  cycleProgress,
  fireDueTimerBatch,
  inboxPage,
  listAwaitingWork,
  openMeeting,
  publishWorkflows,
  recordResolution,
  scheduleMeeting,
  engineDeps,
} from '@esa-flow/engine/internal';
import { createTestDatabase, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import {
  closeAppraisal,
  closeGrievanceWindow,
  dispatchMany,
  finishRoundIfSettled,
  loadRound,
  openRoundAppraisal,
  percentOf,
  plannedOrders,
  proposeAllocation,
  allocationOf,
  publishResults,
  publishedLists,
  roundChildren,
  roundNotices,
  salaryWorkflows,
  tellAppraisalResults,
  tierOf,
  tierRank,
  type Allocation,
  type StaffRecordInput,
} from '../src/salary/index';
import { syntheticScores } from './salary-fixtures';
import { SALARY_STAFF, seedSalaryOffice } from './salary-office';

/** One person's waiting work as the inbox reads it (every item, one page). */
const workOf = async (deps: Parameters<typeof inboxPage>[0], now: Date, userId: string) =>
  (await inboxPage(deps, { userId, now, limit: 100_000, offset: 0, atRiskBefore: now })).items;

const STAFF = SALARY_STAFF;
/** The digests of the two allocations before the appraisers followed the line of command (main at 15e8e4f): unchanged. */
const FIRST_DIGEST = 'fa015c85aa3698b6dfd1469bbb31e34a1ae117e99f0f9b05826e1e3a0c9c787b';
const APPROVED_DIGEST = '0e3554ef2dc26c07a8c441f0b1ce55aa5caa4f3708f2772487ab434cc706e9a1';
/** Who appraises how many of the 1,047 considered (printed by this test's first run with the line of command). */
const APPRAISED_BY = { school: 962, area: 49, group: 36 };
let tdb: TestDatabase;
let engine: Engine;
const clock = new ManualClock('2024-10-01T02:00:00Z'); // Tuesday 1 October 2024, 09:00 Bangkok
let office: OfficeFixture;
let hr: Actor;
let area: Actor;
let group: Actor;
let teacher: Actor;
let auditor: Actor;
let schoolNames = new Map<string, string>();
let directorOf = new Map<string, Actor>();
let roster: StaffRecordInput[] = [];

/** A committee of `kind` with three seated members; the HR officer runs its meetings. */
async function committeeOf(kind: string, nameTh: string): Promise<{ committeeId: string; members: string[] }> {
  const { committeeId } = await createCommittee(engineDeps(engine), hr, { officeId: office.officeId, kind, nameTh, nameEn: kind });
  const members: string[] = [];
  for (const seat of ['chair', 'secretary', 'member'] as const) {
    const p = await tdb.db
      .insertInto('people')
      .values({ first_name_th: `กรรมการ ${seat}`, last_name_th: kind, office_id: office.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    members.push(
      (await addCommitteeMember(engineDeps(engine), hr, { committeeId, personId: p.id, seat, termFrom: '2024-01-01', termUntil: null }))
        .memberId,
    );
  }
  return { committeeId, members };
}

/** One meeting: the agenda assembled from the waiting cases, every item resolved the same way, applied at close. */
async function meeting(
  c: { committeeId: string; members: string[] },
  title: string,
  resolution: 'approve' | 'reject',
  note?: string,
): Promise<{ items: number; applied: number }> {
  const { meetingId, agendaItems } = await scheduleMeeting(engineDeps(engine), hr, {
    committeeId: c.committeeId,
    title,
    scheduledAt: clock.now().toISOString(),
    place: 'ห้องประชุม สพป.พัทลุง เขต 1',
  });
  await openMeeting(engineDeps(engine), hr, { meetingId, present: c.members });
  const items = await tdb.db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).execute();
  for (const item of items) await recordResolution(engineDeps(engine), hr, { itemId: item.id, resolution, ...(note ? { note } : {}) });
  const { applied } = await closeMeetingAndApply(engineDeps(engine), hr, meetingId);
  return { items: agendaItems, applied };
}

const stateOf = async (id: string) => (await loadRound(engine, hr, id)).state;

/**
 * salary-round@3's allocation (pools, band ranges, the committee's decisions) with a policy equal to the old
 * one: one pool for the office, every band raised at 0 – 6 %, no decisions.
 */
const equalToOld = (poolBp: number) => ({
  kind: 'band_ranges' as const,
  poolBp,
  capBp: 600,
  pooling: 'office' as const,
  bySchool: [],
  ranges: (['outstanding', 'very_good', 'good', 'fair'] as const).map((tier) => ({ tier, minBp: 0, maxBp: 600 })),
});

// the same round on version 2 (the old formula) and on version 3 with a policy equal to it: the same results, to the digest
describe.each([{ version: 2 as const }, { version: 3 as const }, { version: 4 as const }])(
  'a salary raise round for 1,091 staff (salary-round@$version)',
  ({ version }) => {
    beforeAll(async () => {
      clock.set('2024-10-01T02:00:00Z');
      tdb = await createTestDatabase();
      const registry = new WorkflowRegistry([...salaryWorkflows]);
      await publishWorkflows(tdb.db, registry);
      engine = createEngine({ db: tdb.db, registry, clock });
      ({ office, hr, area, group, teacher, auditor, schoolNames, directorOf, roster } = await seedSalaryOffice(tdb.db, clock));
    });
    afterAll(() => tdb.drop());

    it('runs from the criteria to the last grievance, within the pool, the cap and the bands', async () => {
      // 1. the round opens on 1 October with its parameters; the criteria are announced at once
      const input = version === 2 ? { fiscalYearBe: 2568, round: 1 } : { fiscalYearBe: 2568, round: 1, policy: equalToOld(300) };
      const { caseId: roundId } = await engine.startCase({
        actor: hr,
        workflowId: 'salary-round',
        version,
        officeId: office.officeId,
        title: 'เลื่อนเงินเดือน ครั้งที่ 1 (1 เมษายน 2568)',
        input,
      });
      const clockRow = await tdb.db
        .selectFrom('sla_clocks')
        .select(['step', 'due_at'])
        .where('case_id', '=', roundId)
        .executeTakeFirstOrThrow();
      expect(clockRow).toEqual({ step: 'announcing', due_at: new Date('2024-10-01T09:30:00Z') }); // "เมื่อเริ่มรอบการประเมิน": the same working day
      await engine.dispatch({
        actor: hr,
        caseId: roundId,
        type: 'ANNOUNCE_CRITERIA',
        payload: { announcementRef: 'ประกาศ สพป.พัทลุง เขต 1 เรื่อง หลักเกณฑ์การประเมิน', announcedOn: '2024-10-01' },
      });

      // 2. the half-year ends; the roster is checked and one appraisal opened per eligible person
      clock.set('2025-04-01T02:00:00Z');
      const opened = await openRoundAppraisal(engine, hr, { roundCaseId: roundId, roster });
      const considered = opened.opening.total;
      expect(opened.invalidRows).toEqual([]);
      expect(opened.opening.rejected).toEqual([]);
      expect(considered + opened.ineligible.length).toBe(STAFF);
      expect(opened.ineligible.length).toBeGreaterThan(10);
      expect(opened.ineligible.every((p) => p.reasons.length > 0)).toBe(true);
      expect(await stateOf(roundId)).toBe('appraising');

      // 3. the appraisers follow the line of command (Act ม.72), stored on each case when the round opened:
      // a school's teachers and staff by its director, school directors by the area director, office staff by a group director
      const children = await roundChildren(engine, hr, roundId);
      expect(children).toHaveLength(considered);
      const rosterOf = new Map(roster.map((r) => [r.personnelNo, r]));
      for (const c of children) {
        const position = rosterOf.get(c.key)!.position;
        const expected =
          c.schoolId === null
            ? { role: 'group_director', schoolId: null }
            : position === 'ผู้อำนวยการสถานศึกษา'
              ? { role: 'area_director', schoolId: null }
              : { role: 'school_director', schoolId: c.schoolId };
        expect(c.context.person.appraiser).toEqual(expected);
      }
      const byAppraiser = (role: string) => children.filter((c) => c.context.person.appraiser?.role === role).length;
      expect([byAppraiser('school_director'), byAppraiser('area_director'), byAppraiser('group_director')]).toEqual([
        APPRAISED_BY.school,
        APPRAISED_BY.area,
        APPRAISED_BY.group,
      ]);
      // the director of the first school is in the roster as the director of that school: the area director appraises them, not they themself
      const ownCase = children.find((c) => c.subjectPersonId === office.users.director.personId)!;
      expect(ownCase.context.person.appraiser).toEqual({ role: 'area_director', schoolId: null });
      await expect(
        engine.dispatch({
          actor: directorOf.get(office.schoolIds[0])!,
          caseId: ownCase.caseId,
          type: 'SUBMIT_SCORE',
          payload: { score: 99 },
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await engine.getCase(directorOf.get(office.schoolIds[0])!, ownCase.caseId)).availableEvents).toEqual([]);
      // "งานของฉัน": the area director waits on the school directors only; a school's director on their own school's staff only
      const areaWork = (await workOf(engineDeps(engine), clock.now(), office.users.area.userId)).filter(
        (w) => w.workflowId === 'salary-raise',
      );
      expect(areaWork).toHaveLength(APPRAISED_BY.area);
      const directorWork = (await workOf(engineDeps(engine), clock.now(), office.users.director.userId)).filter(
        (w) => w.workflowId === 'salary-raise',
      );
      expect(directorWork.map((w) => w.caseId).sort()).toEqual(
        children
          .filter((c) => c.context.person.appraiser?.role === 'school_director' && c.schoolId === office.schoolIds[0])
          .map((c) => c.caseId)
          .sort(),
      );
      // one person's inbox (one statement, paged by the database) is exactly their part of everyone's work (the digest's statement per step)
      const everyone = await listAwaitingWork(engineDeps(engine), clock.now());
      const key = (w: { caseId: string; step: string }) => `${w.caseId}|${w.step}`;
      for (const user of Object.values(office.users)) {
        const theirs = everyone.filter((w) => w.userId === user.userId);
        const page = await inboxPage(engineDeps(engine), {
          userId: user.userId,
          now: clock.now(),
          limit: 5000,
          offset: 0,
          atRiskBefore: clock.now(),
        });
        expect(page.items.map(key).sort()).toEqual(theirs.map(key).sort());
        expect(page.total).toBe(theirs.length);
        expect(page.overdue).toBe(theirs.filter((w) => w.overdue).length);
      }
      // the task mail of the opening went to the appraiser of each case only
      const mailed = await tdb.db
        .selectFrom('notifications')
        .select(['case_id', 'recipient_user_id'])
        .where('kind', '=', 'task')
        .where('step', '=', 'appraisal')
        .execute();
      expect(mailed.filter((n) => n.case_id === ownCase.caseId).map((n) => n.recipient_user_id)).toEqual([office.users.area.userId]);
      expect(mailed.filter((n) => n.recipient_user_id === office.users.area.userId)).toHaveLength(APPRAISED_BY.area);

      // every appraiser scores the people they appraise; three are never scored
      const scores = syntheticScores(STAFF, 2568);
      const indexOf = new Map(roster.map((r, i) => [r.personnelNo, i]));
      const unscored = new Set(
        children
          .filter((c) => c.key !== roster[0]!.personnelNo)
          .slice(-3)
          .map((c) => c.key),
      );
      const scoring: { caseId: string; type: string; payload: unknown; actor: Actor }[] = [];
      for (const c of children) {
        if (unscored.has(c.key)) continue;
        const score = c.key === roster[0]!.personnelNo ? 58.5 : scores[indexOf.get(c.key)!]!;
        const appraiser = c.context.person.appraiser!;
        const actor =
          appraiser.role === 'area_director' ? area : appraiser.role === 'group_director' ? group : directorOf.get(appraiser.schoolId!)!;
        scoring.push({ caseId: c.caseId, type: 'SUBMIT_SCORE', payload: { score }, actor });
      }
      // each command is sent by the case's appraiser (the engine checks the role and school stored on each case)
      await dispatchMany(engine, hr, scoring);
      // not settled and the date has not passed: the appraisal stays open
      expect(await closeAppraisal(engine, roundId)).toMatchObject({ advanced: false, because: 'not_settled', settled: considered - 3 });
      // 16:30 of the round's appraisal date (15 April 2025) has passed: closed, the three recorded as not appraised
      clock.set('2025-04-16T02:00:00Z');
      expect(await closeAppraisal(engine, roundId)).toMatchObject({ advanced: true, because: 'deadline_passed', markedNotAppraised: 3 });

      // 4. the screening committee: first returns two appraisals for review, then approves
      const screening = await committeeOf('salary_screening', 'คณะกรรมการกลั่นกรองผลการประเมิน');
      const budget = await committeeOf('salary_budget', 'คณะกรรมการพิจารณาผลคะแนนกับวงเงินงบประมาณ');
      const akhks = await committeeOf('area_approval', 'อ.ก.ค.ศ. เขตพื้นที่การศึกษา');
      clock.set('2025-04-21T02:00:00Z');
      expect(await meeting(screening, 'ประชุมกลั่นกรอง ครั้งที่ 1/2568', 'reject', 'ให้ทบทวนผลการประเมิน 2 ราย')).toEqual({ items: 1, applied: 1 });
      expect(await stateOf(roundId)).toBe('appraising');
      const reviewed = children.filter((c) => c.schoolId === office.schoolIds[1]).slice(0, 2);
      await dispatchMany(
        engine,
        hr,
        reviewed.map((c) => ({ caseId: c.caseId, type: 'RETURN_FOR_REAPPRAISAL', payload: { note: 'ตัวชี้วัดไม่ตรงกับข้อตกลง' } })),
      );
      await dispatchMany(engine, hr, [
        {
          caseId: children.find((c) => !reviewed.includes(c) && !unscored.has(c.key) && c.key !== roster[0]!.personnelNo)!.caseId,
          type: 'ADJUST_SCORE',
          payload: { score: 88, note: 'มติคณะกรรมการกลั่นกรอง' },
        },
      ]);
      expect(await closeAppraisal(engine, roundId)).toMatchObject({ advanced: false }); // after a return it waits for the re-appraisals
      await dispatchMany(
        engine,
        directorOf.get(office.schoolIds[1])!,
        reviewed.map((c) => ({ caseId: c.caseId, type: 'SUBMIT_SCORE', payload: { score: 86.25 } })),
      );
      expect(await closeAppraisal(engine, roundId)).toMatchObject({ advanced: true, because: 'settled', markedNotAppraised: 0 });
      clock.set('2025-04-28T02:00:00Z');
      expect(await meeting(screening, 'ประชุมกลั่นกรอง ครั้งที่ 2/2568', 'approve')).toEqual({ items: 1, applied: 1 });

      // 5. each person is told the appraisal result
      const told = await tellAppraisalResults(engine, hr, roundId);
      expect(told).toMatchObject({ told: considered, outcome: { advanced: true } });
      expect(await stateOf(roundId)).toBe('allocating');

      // 6. allocation; the budget committee asks to keep 0.05 % in reserve; the area sub-committee approves
      const first = await proposeAllocation(engine, hr, roundId);
      expectWithinPolicy(first, 300, 600);
      expect(await meeting(budget, 'ประชุมพิจารณาวงเงิน ครั้งที่ 1/2568', 'reject', 'ให้กันวงเงินสำรองร้อยละ 0.05')).toEqual({ items: 1, applied: 1 });
      const allocation = await proposeAllocation(engine, hr, roundId, {
        policy: version === 2 ? { kind: 'percentage_pool', poolBp: 295, capBp: 600 } : equalToOld(295),
      });
      expectWithinPolicy(allocation, 295, 600);
      // the same people, scores and policy as when each school's director scored everyone of the school: the very same allocations
      expect([first.digest, allocation.digest]).toEqual([FIRST_DIGEST, APPROVED_DIGEST]);
      expect(allocation.poolSatang).toBeLessThan(first.poolSatang);
      // salary-round@3's allocation (pools, band ranges) with a policy equal to the old one — one pool for the office,
      // every band raised at 0 – 6 %, no decisions — gives the same %, amounts and digests for the same people and scores
      const [roundNow, childrenNow] = [await loadRound(engine, hr, roundId), await roundChildren(engine, hr, roundId)];
      for (const [poolBp, expected] of [
        [300, first],
        [295, allocation],
      ] as const) {
        const v3 = allocationOf(roundNow, childrenNow, equalToOld(poolBp));
        expect(v3.digest).toBe(expected.digest);
        expect(v3.people.map((p) => [p.key, p.pctBp, p.amountSatang, p.raised])).toEqual(
          expected.people.map((p) => [p.key, p.pctBp, p.amountSatang, p.raised]),
        );
      }
      expect(await meeting(budget, 'ประชุมพิจารณาวงเงิน ครั้งที่ 2/2568', 'approve')).toEqual({ items: 1, applied: 1 });
      clock.set('2025-05-12T02:00:00Z');
      expect(await meeting(akhks, 'ประชุม อ.ก.ค.ศ. ครั้งที่ 5/2568', 'approve')).toEqual({ items: 1, applied: 1 });
      expect(await stateOf(roundId)).toBe('publishing');

      // 7. publication: the lists, and every person told their raise or the reasons for none
      clock.set('2025-05-15T03:00:00Z'); // Thursday 15 May 2025
      await expect(publishResults(engine, auditor, roundId, { announcementRef: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' }); // reads, never acts
      const published = await publishResults(engine, hr, roundId, {
        announcementRef: 'ประกาศ สพป.พัทลุง เขต 1 ลงวันที่ 15 พฤษภาคม 2568',
        schoolNames,
      });
      expect(published.allocation.digest).toBe(allocation.digest);
      expect(published.told).toBe(considered);
      // 15 May + 30 days = Saturday 14 June → Monday 16 June 2025, 16:30 (ม.193/8)
      expect(published.windowEndsAt.toISOString()).toBe('2025-06-16T09:30:00.000Z');
      const after = await roundChildren(engine, hr, roundId);
      const byKey = new Map(allocation.people.map((p) => [p.key, p]));
      for (const c of after) {
        const p = byKey.get(c.key)!;
        expect(c.state).toBe(p.raised ? 'raiseNotified' : 'notRaisedNotified');
        expect(c.context.decision).toMatchObject({ pctBp: p.pctBp, amountSatang: p.amountSatang, digest: allocation.digest });
      }
      // the round's page reads back the very lists that were announced (an auditor reads them too)
      expect(await publishedLists(engine, auditor, roundId, schoolNames)).toEqual({
        publication: {
          announcementRef: 'ประกาศ สพป.พัทลุง เขต 1 ลงวันที่ 15 พฤษภาคม 2568',
          at: '2025-05-15T03:00:00.000Z',
          windowEndsAt: '2025-06-16T09:30:00.000Z',
        },
        lists: published.lists,
      });
      // the lists: exactly the people in ดีเด่น and ดีมาก, by school then personnel number
      const { params } = (await loadRound(engine, hr, roundId)).context;
      for (const list of published.lists) {
        const expected = after
          .filter((c) => c.context.tier === list.tier)
          .map((c) => c.key)
          .sort();
        expect(list.entries.map((e) => e.personnelNo).sort()).toEqual(expected);
        expect(list.entries.every((e) => e.score !== null && tierOf(e.score, params.tiers).code === list.tier && e.pctBp === null)).toBe(
          true,
        );
        const order = list.entries.map((e) => `${e.schoolName ?? ''}|${e.personnelNo}`);
        expect(order).toEqual([...order].sort());
      }
      expect(published.lists.map((l) => l.th)).toEqual(['ดีเด่น', 'ดีมาก']);

      // 8. orders, one per signing authority
      const groups = await plannedOrders(engine, hr, roundId);
      expect(groups.reduce((s, g) => s + g.personnelNos.length, 0)).toBe(allocation.raisedCount);
      await engine.dispatch({
        actor: area,
        caseId: roundId,
        type: 'ORDERS_ISSUED',
        payload: {
          orders: groups.map((g, i) => ({
            ref: `คำสั่ง ${i + 1}/2568`,
            issuedOn: '2025-05-20',
            authority: g.authority,
            schoolId: g.schoolId,
            count: g.personnelNos.length,
          })),
        },
      });

      // 9. the person scored 58.50 (ต้องปรับปรุง) files a grievance; the window closes for everyone else
      const mine = after.find((c) => c.key === roster[0]!.personnelNo)!;
      expect(mine.state).toBe('notRaisedNotified');
      await engine.dispatch({
        actor: teacher,
        caseId: mine.caseId,
        type: 'FILE_GRIEVANCE',
        payload: { grounds: 'ผลการประเมินไม่สอดคล้องกับผลงาน' },
      });
      // version 4 (salary-raise@4): one raised person was told late, by a letter received on Mon 9 June — their own window runs from that day
      const late = version === 4 ? after.find((c) => c.state === 'raiseNotified' && c.caseId !== mine.caseId)! : null;
      if (late) {
        clock.set('2025-06-10T02:00:00Z');
        await engine.dispatch({
          actor: hr,
          caseId: late.caseId,
          type: 'NOTICE_RECEIVED',
          payload: { occurredAt: '2025-06-09T03:00:00Z', how: 'letter', ref: 'ศธ 04xxx/99' },
        });
      }
      clock.set('2025-06-16T09:30:00Z');
      expect(await closeGrievanceWindow(engine, roundId)).toEqual({ closed: 0, window: null, finished: null }); // the window's last moment
      clock.set('2025-06-17T02:00:00Z');
      const closing = await closeGrievanceWindow(engine, roundId);
      // the round's window closes for everyone told at the publication; the one told late keeps theirs
      expect(closing).toMatchObject({
        closed: considered - (late ? 2 : 1),
        window: { advanced: true },
        finished: { advanced: false, because: 'not_settled' },
      });
      expect(await stateOf(roundId)).toBe('settling');
      // the sub-committee dismisses the grievance; the round closes — once the late person's own window has passed
      expect(await meeting(akhks, 'ประชุม อ.ก.ค.ศ. ครั้งที่ 7/2568', 'reject', 'ผลการประเมินเป็นไปตามหลักเกณฑ์')).toEqual({ items: 1, applied: 1 });
      if (late) {
        expect((await roundChildren(engine, hr, roundId)).find((c) => c.caseId === late.caseId)!.state).toBe('raiseWindow');
        expect(await finishRoundIfSettled(engine, roundId)).toMatchObject({ advanced: false, because: 'not_settled' });
        expect(await stateOf(roundId)).toBe('settling');
        // the system closes their window the day after it ends (9 June + 30 days, and the paper grace)
        clock.set('2025-07-20T02:00:00Z');
        await fireDueTimerBatch(engineDeps(engine), { limit: 100, firedBy: 'scenario' });
        expect((await roundChildren(engine, hr, roundId)).find((c) => c.caseId === late.caseId)!.state).toBe('raised');
      }
      expect(await finishRoundIfSettled(engine, roundId)).toMatchObject({ advanced: true, because: 'settled' });
      expect(await stateOf(roundId)).toBe('closed');
      const progress = await cycleProgress(engineDeps(engine), hr, roundId);
      expect(progress).toMatchObject({ total: considered, done: considered, active: 0 });
      expect(progress.byState.map((s) => [s.state, s.count]).sort()).toEqual(
        [
          ['notRaised', allocation.people.filter((p) => !p.raised).length],
          ['raised', allocation.raisedCount],
        ].sort(),
      );

      // 10. the notices: one per person of the roster, raised or told why not
      const notices = await roundNotices(engine, hr, roundId);
      expect(notices).toHaveLength(STAFF);
      for (const n of notices) {
        const p = byKey.get(n.personnelNo);
        expect(n.th).toContain('ได้ภายในวันที่ 16 มิถุนายน 2568');
        if (!p) {
          expect(n.kind).toBe('not_considered');
          expect(n.th).toContain('มาตรา 73');
        } else if (p.raised) {
          expect(n.kind).toBe('raised');
          expect(n.th).toContain(`ร้อยละ ${(p.pctBp / 100).toFixed(2)}`);
          expect(n.th).toContain(`ได้เลื่อนเงินเดือน ${(p.amountSatang / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} บาท`);
        } else {
          expect(n.kind).toBe('not_raised');
          expect(n.th).toContain('ไม่ได้เลื่อนเงินเดือน');
          expect(n.th).toContain('มาตรา 73');
        }
      }
      expect(await engine.verifyHistory(roundId)).toMatchObject({ ok: true });
      for (const c of after.slice(0, 25)) expect(await engine.verifyHistory(c.caseId)).toMatchObject({ ok: true });

      if (process.env.SALARY_SCENARIO_REPORT) {
        const tiers = Object.fromEntries(params.tiers.map((t) => [t.th, allocation.people.filter((p) => p.tier === t.code).length]));
        console.info(
          JSON.stringify(
            {
              digest: allocation.digest,
              appraisedBy: {
                school: byAppraiser('school_director'),
                area: byAppraiser('area_director'),
                group: byAppraiser('group_director'),
              },
              staff: STAFF,
              considered,
              ineligible: opened.ineligible.length,
              tiers,
              pool: allocation.poolSatang / 100,
              allocated: allocation.allocatedSatang / 100,
              unused: allocation.unusedSatang / 100,
              raised: allocation.raisedCount,
              rate: allocation.rateMicroPct,
              capped: allocation.people.filter((p) => p.limitedBy === 'cap').length,
              atCeiling: allocation.people.filter((p) => p.limitedBy === 'salary_ceiling').length,
              firstPool: first.poolSatang / 100,
              orders: groups.length,
              listed: published.lists.map((l) => [l.th, l.entries.length]),
            },
            null,
            1,
          ),
        );
      }
    });
  },
);

/** Total within the pool; nobody above the cap; nobody below พอใช้ raised; a higher score never a lower %. */
function expectWithinPolicy(a: Allocation, poolBp: number, capBp: number): void {
  expect(a.poolSatang).toBe(Math.floor((a.eligibleSalaryTotalSatang * poolBp) / 10_000));
  expect(a.allocatedSatang).toBeLessThanOrEqual(a.poolSatang);
  expect(a.unusedSatang).toBeLessThan(a.poolSatang / 100);
  const tiers = [
    { code: 'outstanding' as const, th: 'ดีเด่น', en: 'o', minScore: 90, weight: 1000 },
    { code: 'very_good' as const, th: 'ดีมาก', en: 'v', minScore: 80, weight: 850 },
    { code: 'good' as const, th: 'ดี', en: 'g', minScore: 70, weight: 700 },
    { code: 'fair' as const, th: 'พอใช้', en: 'f', minScore: 60, weight: 500 },
    { code: 'needs_improvement' as const, th: 'ต้องปรับปรุง', en: 'n', minScore: 0, weight: 0 },
  ];
  const roster1 = new Map(roster.map((r) => [r.personnelNo, r]));
  let lastScore = -1;
  let lastPct = -1;
  for (const p of [...a.people].sort((x, y) => (x.score ?? -1) - (y.score ?? -1))) {
    const r = roster1.get(p.key)!;
    expect(p.pctBp).toBeLessThanOrEqual(capBp);
    expect(p.amountSatang).toBeLessThanOrEqual(percentOf(r.baseSatang, capBp, 1000, 'up'));
    if (p.score === null || tierRank(tierOf(p.score, tiers).code, tiers) < tierRank('fair', tiers)) expect(p.amountSatang).toBe(0);
    if (p.score !== null) {
      if (p.score > lastScore) expect(p.pctBp).toBeGreaterThanOrEqual(lastPct);
      lastScore = p.score;
      lastPct = Math.max(lastPct, p.pctBp);
    }
  }
}
