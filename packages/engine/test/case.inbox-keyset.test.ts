/**
 * "งานของฉัน" read by index (migration 2026_12_09_0400, case/inbox-page.ts):
 * `case_waiting` stays what it is derived from — each waiting step of
 * `cases.waiting_for` × its holder keys, with its running clock's due moment —
 * through every writer (a start, events that move a case, pause its clock by
 * sending it back, end it; a calendar change that moves the due moments; a
 * second grant of the same role), and the inbox read a page at a time (`next`
 * → `after`), whole or by filter, is the same list as the daily digest's
 * (`listAwaitingWork`) with the same counts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import {
  addWorkingMinutes,
  ManualClock,
  OFFICE_MINUTES_PER_DAY,
  officeCalendar,
  WorkflowRegistry,
  type Actor,
  type BusinessCalendar,
  type Engine,
  type InboxFilter,
} from '../src/index';
import { addCalendarDay, createEngine, engineDeps, inboxPage, listAwaitingWork, publishWorkflows } from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, sampleSla, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
const clock = new ManualClock('2025-07-08T02:00:00Z'); // Tue 8 Jul 2568, 09:00 Bangkok
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleSla, sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db, 'A');
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

/** What `case_waiting` must hold, computed from scratch the way the inbox used to join it. */
const derived = async () =>
  (
    await sql<{ row: string }>`
      select c.id || '|' || h.step || '|' || case when k.key = 'subject' then 'subject/' || c.subject_person_id else k.key end
             || '|' || coalesce(c.subject_person_id::text, '-') || '|' || coalesce(to_char(clk.due_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), '-') as row
      from cases c
      cross join lateral jsonb_each(c.waiting_for) h(step, keys)
      cross join lateral jsonb_array_elements_text(h.keys) k(key)
      left join sla_clocks clk on clk.case_id = c.id and clk.step = h.step and clk.status = 'running'
      where c.status = 'active'
      order by 1`.execute(tdb.db)
  ).rows.map((r) => r.row);
const stored = async () =>
  (
    await sql<{ row: string }>`
      select w.case_id || '|' || w.step || '|' || w.holder_key || '|' || coalesce(w.subject_person_id::text, '-')
             || '|' || coalesce(to_char(w.due_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'), '-') as row
      from case_waiting w order by 1`.execute(tdb.db)
  ).rows.map((r) => r.row);

const deps = () => engineDeps(engine);
/** A day from now, whatever the calendar: enough to hold some clocks at risk and not others. */
const atRiskBefore = () => new Date(clock.now().getTime() + 30 * 3_600_000);

/** The whole inbox of a user, read `limit` at a time through `next`. */
async function walk(userId: string, limit: number, filter: InboxFilter) {
  const keys: string[] = [];
  let after = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await inboxPage(deps(), { userId, now: clock.now(), limit, after, filter, atRiskBefore: atRiskBefore() });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    keys.push(...page.items.map((i) => `${i.caseId}|${i.step}|${i.dueAt?.toISOString() ?? '-'}`));
    if (page.next === null) return keys;
    after = page.next;
  }
  throw new Error('more than 100 pages');
}

async function expectInboxesAsTheDigest(): Promise<void> {
  expect(await stored()).toEqual(await derived());
  const now = clock.now();
  const everyone = await listAwaitingWork(deps(), now);
  for (const u of Object.values(a.users)) {
    const theirs = everyone.filter((i) => i.userId === u.userId);
    const line = (i: { caseId: string; step: string; dueAt: Date | null }) => `${i.caseId}|${i.step}|${i.dueAt?.toISOString() ?? '-'}`;
    const whole = await inboxPage(deps(), { userId: u.userId, now, limit: 1000, atRiskBefore: atRiskBefore() });
    // the digest's order is soonest due first, then by case; the inbox orders a case's steps too
    expect(whole.items.map(line)).toEqual(
      [...theirs]
        .sort(
          (x, y) =>
            (x.dueAt?.getTime() ?? Infinity) - (y.dueAt?.getTime() ?? Infinity) ||
            x.caseId.localeCompare(y.caseId) ||
            x.step.localeCompare(y.step),
        )
        .map(line),
    );
    const overdue = theirs.filter((i) => i.overdue);
    const atRisk = theirs.filter((i) => !i.overdue && i.dueAt !== null && i.dueAt.getTime() < atRiskBefore().getTime());
    expect({ total: whole.total, overdue: whole.overdue, atRisk: whole.atRisk }).toEqual({
      total: theirs.length,
      overdue: overdue.length,
      atRisk: atRisk.length,
    });
    expect(whole.next).toBeNull();
    // a page at a time, through `next`, is the same list; each filter is the list filtered
    for (const limit of [1, 2]) {
      expect(await walk(u.userId, limit, 'all')).toEqual(whole.items.map(line));
      expect(await walk(u.userId, limit, 'overdue')).toEqual(
        whole.items.filter((i) => overdue.some((o) => o.caseId === i.caseId)).map(line),
      );
      expect(await walk(u.userId, limit, 'atRisk')).toEqual(whole.items.filter((i) => atRisk.some((o) => o.caseId === i.caseId)).map(line));
    }
    // offset: the same list, skipped
    expect((await inboxPage(deps(), { userId: u.userId, now, limit: 2, offset: 1, atRiskBefore: atRiskBefore() })).items.map(line)).toEqual(
      whole.items.slice(1, 3).map(line),
    );
  }
}

describe('the inbox read by index', () => {
  it('keeps case_waiting equal to what it is derived from, and the inbox equal to the digest, page by page', async () => {
    let n = 0;
    const start = (subject: boolean) =>
      engine.startCase({
        actor: who.hr!,
        workflowId: 'sample-sla',
        officeId: a.officeId,
        schoolId: a.schoolIds[0],
        subjectPersonId: subject ? a.users.teacher.personId : null,
        title: `ตรวจเอกสาร เลขที่ ${++n}`,
        input: {},
      });
    const ids: string[] = [];
    for (let day = 0; day < 5; day++) {
      clock.set(new Date(Date.parse('2025-06-30T02:00:00Z') + day * 86_400_000)); // Mon 30 Jun to Fri 4 Jul
      ids.push((await start(day % 2 === 0)).caseId, (await start(false)).caseId);
    }
    // steps without a deadline (no due moment: last in the order): three at the school's director, two at HR
    for (let i = 0; i < 5; i++) {
      const { caseId } = await engine.startCase({
        actor: who.hr!,
        workflowId: 'sample-approval',
        officeId: a.officeId,
        schoolId: a.schoolIds[0],
        subjectPersonId: a.users.teacher2.personId,
        title: `คำขออนุมัติ เลขที่ ${++n}`,
        input: { amount: 1 },
      });
      if (i >= 3) await engine.dispatch({ actor: who.director!, caseId, type: 'CERTIFY', payload: {} });
    }
    clock.set('2025-07-08T02:00:00Z');
    await expectInboxesAsTheDigest();
    const hrInbox = () => inboxPage(deps(), { userId: a.users.hr.userId, now: clock.now(), limit: 1, atRiskBefore: atRiskBefore() });
    // some overdue, some at risk, some neither: each filter is tried on something
    const counts = await hrInbox();
    expect(counts.total).toBe(12);
    expect(counts.overdue).toBeGreaterThan(0);
    expect(counts.atRisk).toBeGreaterThan(0);
    expect(counts.overdue + counts.atRisk).toBeLessThan(10);

    // moved on (decision, the area director's), sent back (the applicant's; the review clock paused), done
    await engine.dispatch({ actor: who.hr!, caseId: ids[0]!, type: 'FORWARD', payload: {} });
    await engine.dispatch({ actor: who.hr!, caseId: ids[4]!, type: 'SEND_BACK', payload: {} });
    expect(
      (await inboxPage(deps(), { userId: a.users.teacher.userId, now: clock.now(), limit: 5, atRiskBefore: atRiskBefore() })).items,
    ).toEqual([expect.objectContaining({ caseId: ids[4], step: 'revision' })]);
    await engine.dispatch({ actor: who.hr!, caseId: ids[3]!, type: 'FORWARD', payload: {} });
    await engine.dispatch({ actor: who.area!, caseId: ids[3]!, type: 'APPROVE', payload: {} });
    await expectInboxesAsTheDigest();

    // back from the applicant: the review clock runs again, due later
    clock.set('2025-07-08T04:00:00Z');
    await engine.dispatch({ actor: who.teacher!, caseId: ids[4]!, type: 'REVISED', payload: {} });
    await expectInboxesAsTheDigest();
    const beforeClosure = await stored();
    // "at risk" from the office's calendar as the process holds it, its revision checked in the page's statement
    const seen: unknown[] = [];
    const fromCalendar = {
      officeId: a.officeId,
      from: (calendar: BusinessCalendar) => {
        seen.push(calendar);
        return addWorkingMinutes(clock.now(), OFFICE_MINUTES_PER_DAY, calendar);
      },
    };
    const hrByCalendar = () => inboxPage(deps(), { userId: a.users.hr.userId, now: clock.now(), limit: 1, atRiskBefore: fromCalendar });
    const held = await hrByCalendar();
    expect(held.atRiskBefore).toEqual(addWorkingMinutes(clock.now(), OFFICE_MINUTES_PER_DAY, await officeCalendar(engine, a.officeId)));
    expect((await hrByCalendar()).atRiskBefore).toEqual(held.atRiskBefore);

    // an office closure moves the due moments of the office's running clocks (not through a command)
    // (by another process: its own calendars — this one's still holds the calendar before)
    const other = createEngine({ db: tdb.db, registry: new WorkflowRegistry([sampleSla, sampleApproval]), clock });
    await addCalendarDay(engineDeps(other), who.admin!, {
      date: '2025-07-09',
      kind: 'office_closure',
      officeId: a.officeId,
      nameTh: 'ปิดสำนักงาน',
      nameEn: 'Closed',
      source: 'คำสั่ง สพป. ที่ 1/2568',
    });
    expect(await stored()).not.toEqual(beforeClosure);
    // the calendar moved: the page is asked again with the new calendar (a working day later: the closure)
    seen.length = 0;
    const moved = await hrByCalendar();
    expect(seen).toHaveLength(2); // the calendar held, then the new one
    expect(seen[1]).not.toBe(seen[0]);
    expect(moved.atRiskBefore).toEqual(addWorkingMinutes(clock.now(), OFFICE_MINUTES_PER_DAY, await officeCalendar(engine, a.officeId)));
    expect(moved.atRiskBefore.getTime()).toBeGreaterThan(held.atRiskBefore.getTime());
    expect(moved.total).toBe(held.total);
    await expectInboxesAsTheDigest();

    // a second grant of the same role, for a school: two keys hold the same steps, each item still once
    await tdb.db
      .insertInto('role_assignments')
      .values({
        user_id: a.users.hr.userId,
        role: 'hr_officer',
        office_id: a.officeId,
        school_id: a.schoolIds[0],
        valid_from: '2020-01-01T00:00:00Z',
      })
      .execute();
    await expectInboxesAsTheDigest();

    // the caller's grants, as a session read them, answer the same as the grants read here
    const hr = await actorOf(tdb.db, a.users.hr, clock.now());
    if (hr.kind !== 'user') throw new Error('a user');
    const args = { userId: hr.id, now: clock.now(), limit: 3, atRiskBefore: atRiskBefore() };
    expect(await inboxPage(deps(), { ...args, actor: hr })).toEqual(await inboxPage(deps(), args));

    // the search: a title, or a step's name in either language; `matched` counts every page of it, the tiles stay whole
    const whole = await inboxPage(deps(), { ...args, limit: 1000 });
    const search = async (text: string, filter: InboxFilter = 'all') => {
      const found = await inboxPage(deps(), { ...args, limit: 1, search: text, filter });
      expect({ total: found.total, overdue: found.overdue, atRisk: found.atRisk }).toEqual({
        total: whole.total,
        overdue: whole.overdue,
        atRisk: whole.atRisk,
      });
      const all = await inboxPage(deps(), { ...args, limit: 1000, search: text, filter });
      expect(all.matched).toBe(all.items.length);
      expect(found.matched).toBe(all.items.length);
      return all.items.map((i) => i.title);
    };
    expect(await search('เลขที่ 10')).toEqual(['ตรวจเอกสาร เลขที่ 10']);
    expect(await search('document REVIEW')).toEqual(whole.items.filter((i) => i.step === 'review').map((i) => i.title));
    expect(await search('ตรวจสอบเอกสาร', 'overdue')).toEqual(
      whole.items.filter((i) => i.step === 'review' && i.overdue).map((i) => i.title),
    );
    expect(await search('100%_')).toEqual([]);
  });
});
