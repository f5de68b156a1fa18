import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { ManualClock, SYSTEM_ACTOR, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { addCalendarDay, createEngine, listCalendarDays, publishWorkflows, removeCalendarDay, engineDeps } from '../src/internal';
import { actorOf, createTestDatabase, sampleSla, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let b: OfficeFixture;
const clock = new ManualClock('2025-07-14T02:00:00Z'); // Mon 14 Jul 2568, 09:00 Bangkok
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleSla]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db, 'A');
  b = await seedOffice(tdb.db, 'B');
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
  for (const [k, u] of Object.entries(b.users)) who[`b.${k}`] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

async function openIn(office: OfficeFixture, hr: Actor): Promise<string> {
  const r = await engine.startCase({ actor: hr, workflowId: 'sample-sla', officeId: office.officeId, title: 'ตรวจเอกสาร', input: {} });
  return r.caseId;
}
const dueOf = async (caseId: string) =>
  (
    await tdb.db
      .selectFrom('sla_clocks')
      .select('due_at')
      .where('case_id', '=', caseId)
      .where('status', '=', 'running')
      .executeTakeFirstOrThrow()
  ).due_at!.toISOString();
const pendingTimers = (caseId: string) =>
  tdb.db
    .selectFrom('sla_timers')
    .select(['kind', 'level', 'fire_at'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'pending')
    .orderBy('fire_at')
    .execute();

describe('calendar administration', () => {
  it('an office closure moves the open clocks of that office only, and removing it moves them back', async () => {
    const inA = await openIn(a, who.hr!);
    const inB = await openIn(b, who['b.hr']!);
    // Tue 15, Wed 16, Thu 17 → 16:30 Thu 17 Jul
    expect(await dueOf(inA)).toBe('2025-07-17T09:30:00.000Z');

    const added = await addCalendarDay(engineDeps(engine), who.admin!, {
      date: '2025-07-16',
      kind: 'office_closure',
      officeId: a.officeId,
      nameTh: 'ปิดสำนักงานเพื่อปรับปรุงระบบไฟฟ้า',
      nameEn: 'Closed for electrical works',
      source: 'คำสั่ง สพป. ที่ 123/2568',
    });
    expect(added).toMatchObject({ unchanged: false, recomputedClocks: 1 });
    expect(await dueOf(inA)).toBe('2025-07-18T09:30:00.000Z');
    expect(await dueOf(inB)).toBe('2025-07-17T09:30:00.000Z');
    expect((await pendingTimers(inA)).map((t) => [t.kind, t.fire_at.toISOString()])).toEqual([
      ['reminder', '2025-07-15T01:30:00.000Z'], // two working days before Fri 18 skips the closed Wed 16
      ['due_today', '2025-07-18T01:30:00.000Z'],
      ['overdue', '2025-07-18T09:30:00.000Z'],
      ['escalation', '2025-07-21T09:30:00.000Z'],
    ]);

    // a new case opened now counts with the closure too
    const later = await openIn(a, who.hr!);
    expect(await dueOf(later)).toBe('2025-07-18T09:30:00.000Z');

    const removed = await removeCalendarDay(engineDeps(engine), who.admin!, added.id);
    expect(removed).toMatchObject({ unchanged: false, recomputedClocks: 2 });
    expect(await dueOf(inA)).toBe('2025-07-17T09:30:00.000Z');
    const row = await tdb.db
      .selectFrom('calendar_days')
      .select(['removed_at', 'removed_by', 'created_by'])
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ removed_by: a.users.admin.userId, created_by: a.users.admin.userId });
  });

  it('a nationwide cabinet day, recorded by the system, moves every office', async () => {
    const inA = await openIn(a, who.hr!);
    const inB = await openIn(b, who['b.hr']!);
    const r = await addCalendarDay(engineDeps(engine), SYSTEM_ACTOR, {
      date: '2025-07-15',
      kind: 'special',
      nameTh: 'วันหยุดพิเศษ',
      nameEn: 'Special holiday',
      source: 'มติ ครม. 1 ก.ค. 2568 (ทดสอบ)',
    });
    expect(r.recomputedClocks).toBeGreaterThanOrEqual(2);
    expect(await dueOf(inA)).toBe('2025-07-18T09:30:00.000Z');
    expect(await dueOf(inB)).toBe('2025-07-18T09:30:00.000Z');
    expect((await listCalendarDays(engineDeps(engine), b.officeId, 2025)).map((d) => d.date)).toEqual(['2025-07-15']);
    expect(
      await addCalendarDay(engineDeps(engine), SYSTEM_ACTOR, {
        date: '2025-07-15',
        kind: 'special',
        nameTh: 'วันหยุดพิเศษ',
        nameEn: 'Special holiday',
        source: 'ซ้ำ',
      }),
    ).toMatchObject({ id: r.id, unchanged: true });
    await removeCalendarDay(engineDeps(engine), SYSTEM_ACTOR, r.id);
  });

  it('refuses people without the right, and bad input, writing nothing', async () => {
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from calendar_days`.execute(tdb.db)).rows[0]!.n);
    const before = await count();
    const closure = {
      date: '2025-07-16',
      kind: 'office_closure' as const,
      officeId: a.officeId,
      nameTh: 'ปิด',
      nameEn: 'Closed',
      source: 'x',
    };
    await expect(addCalendarDay(engineDeps(engine), who['b.admin']!, closure)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(addCalendarDay(engineDeps(engine), who.hr!, closure)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(addCalendarDay(engineDeps(engine), who.admin!, { ...closure, kind: 'special', officeId: null })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(addCalendarDay(engineDeps(engine), who.admin!, { ...closure, date: '2025-02-30' })).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: { issues: [expect.objectContaining({ path: 'date' })] },
    });
    await expect(addCalendarDay(engineDeps(engine), who.admin!, { ...closure, kind: 'special' })).rejects.toMatchObject({
      code: 'INVALID_PAYLOAD',
    });
    await expect(removeCalendarDay(engineDeps(engine), who.admin!, 'abc')).rejects.toMatchObject({ code: 'CALENDAR_DAY_NOT_FOUND' });
    expect(await count()).toBe(before);
  });
});
