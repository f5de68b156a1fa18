/**
 * The person record (docs/personnel.md): values recorded from a date and read
 * "as of" another, corrections kept beside what they correct, leave per
 * half-year and penalties, history with who and where from, nothing written
 * twice, nothing of another office, no row ever changed; and the claim that
 * opens an office's round from the records once, however many ask at once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { ManualClock, WorkflowRegistry, ROUND_OPENING_STALE_MS, type PersonnelChange } from '../src/index';
import {
  claimRoundOpening,
  createEngine,
  publishWorkflows,
  personnelAsOf,
  personnelAsOfDates,
  personnelHistory,
  personnelRecordStarts,
  recordPersonnelChanges,
  reportRoundOpening,
} from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let a: OfficeFixture;
let b: OfficeFixture;
let person = '';

const at = (iso: string) => new Date(iso);
const record = (
  changes: PersonnelChange[],
  opts: { dryRun?: boolean; ref?: string; kind?: 'import' | 'edit'; now?: string; officeId?: string } = {},
) =>
  recordPersonnelChanges(tdb.db, {
    officeId: opts.officeId ?? a.officeId,
    changes,
    source: { kind: opts.kind ?? 'import', ref: opts.ref ?? 'บุคลากร.xlsx' },
    recordedBy: a.users.hr.userId,
    now: at(opts.now ?? '2025-09-20T03:00:00Z'),
    ...(opts.dryRun ? { dryRun: true } : {}),
  });

beforeAll(async () => {
  tdb = await createTestDatabase();
  a = await seedOffice(tdb.db, 'A');
  b = await seedOffice(tdb.db, 'B');
  person = a.users.teacher.personId;
});
afterAll(() => tdb.drop());

describe('the person record', () => {
  it('reads each field as of a date: the value of the latest date on or before it', async () => {
    const first = await record([
      { personId: person, field: 'position_no', effectiveOn: '2025-04-01', value: 'T100' },
      { personId: person, field: 'salary', effectiveOn: '2025-04-01', value: 3_000_000 },
      { personId: person, field: 'level', effectiveOn: '2025-04-01', value: 'คศ.2' },
      { personId: person, field: 'salary', effectiveOn: '2025-10-01', value: 3_100_000 },
      { personId: person, field: 'school', effectiveOn: '2025-04-01', value: a.schoolIds[0] },
      { personId: person, field: 'school', effectiveOn: '2025-08-16', value: a.schoolIds[1] },
      {
        personId: person,
        field: 'leave',
        effectiveOn: '2025-04-01',
        value: { sickOccasions: 2, sickDays: 3, personalOccasions: 0, personalDays: 0, lateTimes: 0 },
      },
      { personId: person, field: 'penalty', effectiveOn: '2025-06-10', value: { kind: 'reprimand' } },
    ]);
    expect(first.written).toEqual(Array(8).fill(true));
    expect(first.hadRecord.size).toBe(0);

    expect(await personnelAsOf(tdb.db, a.officeId, '2025-03-31')).toEqual([]);
    const [atBase] = await personnelAsOf(tdb.db, a.officeId, '2025-09-01');
    expect(atBase!.values).toMatchObject({
      position_no: { value: 'T100' },
      salary: { value: 3_000_000, effectiveOn: '2025-04-01' },
      level: { value: 'คศ.2' },
      school: { value: a.schoolIds[1], effectiveOn: '2025-08-16' },
    });
    expect(atBase!.leave['2025-04-01']).toMatchObject({ sickOccasions: 2, sickDays: 3 });
    expect(atBase!.penalties).toEqual([{ on: '2025-06-10', kind: 'reprimand' }]);
    const [inJuly] = await personnelAsOf(tdb.db, a.officeId, '2025-07-01');
    expect(inJuly!.values.school?.value).toBe(a.schoolIds[0]);
    const [later] = await personnelAsOf(tdb.db, a.officeId, '2025-10-01');
    expect(later!.values.salary?.value).toBe(3_100_000);
  });

  it('writes nothing for a value already in force; a correction is kept beside what it corrects', async () => {
    const again = await record([{ personId: person, field: 'salary', effectiveOn: '2025-04-01', value: 3_000_000 }]);
    expect(again.written).toEqual([false]);
    expect(again.hadRecord.has(person)).toBe(true);
    const dry = await record([{ personId: person, field: 'salary', effectiveOn: '2025-04-01', value: 2_990_000 }], { dryRun: true });
    expect(dry.written).toEqual([true]);
    expect((await personnelAsOf(tdb.db, a.officeId, '2025-09-01'))[0]!.values.salary?.value).toBe(3_000_000);

    await record([{ personId: person, field: 'salary', effectiveOn: '2025-04-01', value: 2_990_000 }], {
      kind: 'edit',
      ref: 'แก้ตามคำสั่ง',
      now: '2025-09-21T03:00:00Z',
    });
    expect((await personnelAsOf(tdb.db, a.officeId, '2025-09-01'))[0]!.values.salary?.value).toBe(2_990_000);
    // a penalty withdrawn: in the history, no longer counted
    await record([{ personId: person, field: 'penalty', effectiveOn: '2025-06-10', value: { kind: 'reprimand', cancelled: true } }], {
      kind: 'edit',
      ref: 'ยกเลิกคำสั่งลงโทษ',
    });
    expect((await personnelAsOf(tdb.db, a.officeId, '2025-09-01'))[0]!.penalties).toEqual([]);
    // null clears a field from its date
    await record([{ personId: person, field: 'level', effectiveOn: '2025-09-01', value: null }], { kind: 'edit', ref: 'ล้างค่า' });
    expect((await personnelAsOf(tdb.db, a.officeId, '2025-09-01'))[0]!.values.level).toBeUndefined();
    expect((await personnelAsOf(tdb.db, a.officeId, '2025-08-31'))[0]!.values.level?.value).toBe('คศ.2');

    const history = (await personnelHistory(tdb.db, a.officeId, person))!;
    const salaries = history.filter((h) => h.field === 'salary');
    expect(salaries.map((h) => [h.effectiveOn, h.value, h.source, h.sourceRef])).toEqual([
      ['2025-04-01', 2_990_000, 'edit', 'แก้ตามคำสั่ง'],
      ['2025-10-01', 3_100_000, 'import', 'บุคลากร.xlsx'],
      ['2025-04-01', 3_000_000, 'import', 'บุคลากร.xlsx'],
    ]);
    expect(salaries[0]!.recordedByName).toBeTruthy();
  });

  it('keeps to the office: another office’s person is refused and not found', async () => {
    await expect(
      record([{ personId: b.users.teacher.personId, field: 'salary', effectiveOn: '2025-04-01', value: 1 }]),
    ).rejects.toMatchObject({ code: 'PERSON_NOT_IN_OFFICE' });
    await expect(
      record([{ personId: person, field: 'salary', effectiveOn: '2025-04-01', value: 1 }], { officeId: b.officeId }),
    ).rejects.toMatchObject({ code: 'PERSON_NOT_IN_OFFICE' });
    expect(await personnelHistory(tdb.db, b.officeId, person)).toBeNull();
    expect(await personnelAsOf(tdb.db, b.officeId, '2025-09-01')).toEqual([]);
  });

  it('never changes or removes a recorded value', async () => {
    await expect(sql`update personnel_entries set value = '1'::jsonb`.execute(tdb.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from personnel_entries`.execute(tdb.db)).rejects.toThrow(/append-only/);
  });

  it('reads several dates at once as each alone, the records of whoever is of the office now (values recorded by their former office too)', async () => {
    // a teacher of office B with values recorded there, then moved to office A
    const mover = b.users.teacher2.personId;
    await record(
      [
        { personId: mover, field: 'position_no', effectiveOn: '2025-04-01', value: 'B200' },
        { personId: mover, field: 'salary', effectiveOn: '2025-04-01', value: 2_500_000 },
        { personId: mover, field: 'salary', effectiveOn: '2025-09-15', value: 2_600_000 },
      ],
      { officeId: b.officeId },
    );
    await tdb.db.updateTable('people').set({ office_id: a.officeId, school_id: null }).where('id', '=', mover).execute();
    const dates = ['2025-03-31', '2025-09-01', '2025-09-30', '2025-10-01'];
    const each = await Promise.all(dates.map((d) => personnelAsOf(tdb.db, a.officeId, d)));
    expect((await personnelAsOfDates(tdb.db, a.officeId, dates)).views).toEqual(each);
    expect(each[2]!.map((p) => [p.personId, p.values.salary?.value])).toEqual([
      [mover, 2_600_000],
      [person, 2_990_000],
    ]);
    expect((await personnelAsOfDates(tdb.db, a.officeId, ['2025-10-01', '2025-09-01'], [mover])).views).toEqual([
      [each[3]!.find((p) => p.personId === mover)],
      [each[1]!.find((p) => p.personId === mover)],
    ]);
    expect((await personnelAsOfDates(tdb.db, b.officeId, dates)).views).toEqual([[], [], [], []]);
    // where each record starts in this office, as personnelRecordStarts says: the mover's values were all recorded by office B
    const both = [mover, person];
    const starts = await personnelRecordStarts(tdb.db, a.officeId, both);
    expect(starts.has(mover)).toBe(false);
    expect((await personnelAsOfDates(tdb.db, a.officeId, ['2025-09-01'], undefined, { recordStarts: true })).recordStarts).toEqual(starts);
    // office A records a value of the mover after the date read: found by asking, not from the rows read
    await record([{ personId: mover, field: 'salary', effectiveOn: '2025-11-01', value: 2_700_000 }]);
    const later = await personnelRecordStarts(tdb.db, a.officeId, both);
    expect(later.get(mover)).toBe('2025-11-01');
    expect(
      (await personnelAsOfDates(tdb.db, a.officeId, ['2025-09-01', '2025-10-01'], undefined, { recordStarts: true })).recordStarts,
    ).toEqual(later);
  });
});

describe('opening a round from the records', () => {
  it('is claimed by one of many at once; a finished one is not claimed again, a silent one is taken over', async () => {
    const registry = new WorkflowRegistry([sampleApproval]);
    await publishWorkflows(tdb.db, registry);
    const engine = createEngine({ db: tdb.db, registry, clock: new ManualClock('2025-04-01T02:00:00Z') });
    const teacher = await actorOf(tdb.db, a.users.teacher);
    const round = {
      id: (
        await engine.startCase({
          actor: teacher,
          workflowId: 'sample-approval',
          officeId: a.officeId,
          schoolId: a.schoolIds[0],
          subjectPersonId: a.users.teacher.personId,
          title: 'คำขอ',
          input: { amount: 1 },
        })
      ).caseId,
    };
    const now = at('2025-10-01T01:05:00Z');
    const claim = (by: string, when = now) =>
      claimRoundOpening(tdb.db, {
        officeId: a.officeId,
        fiscalYearBe: 2568,
        round: 2,
        caseId: round.id,
        asOf: '2025-09-01',
        by,
        now: when,
      });
    const claims = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((by) => claim(by)));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    const holder = claims.find((c) => c.claimed)!.opening.openedBy;
    // the holder dies; ten minutes of silence later another takes over
    expect((await claim('w9', new Date(now.getTime() + ROUND_OPENING_STALE_MS - 1000))).claimed).toBe(false);
    const taken = await claim('w9', new Date(now.getTime() + ROUND_OPENING_STALE_MS + 1000));
    expect(taken).toMatchObject({ claimed: true, opening: { openedBy: 'w9', status: 'running' } });
    // the old holder's reports no longer count
    await reportRoundOpening(tdb.db, { officeId: a.officeId, fiscalYearBe: 2568, round: 2, by: holder }, { now, status: 'done' });
    await reportRoundOpening(
      tdb.db,
      { officeId: a.officeId, fiscalYearBe: 2568, round: 2, by: 'w9' },
      { now, done: 5, total: 5, status: 'done' },
    );
    const after = await claim('w10', new Date(now.getTime() + 2 * ROUND_OPENING_STALE_MS));
    expect(after).toMatchObject({ claimed: false, opening: { openedBy: 'w9', status: 'done', done: 5, total: 5 } });
  });
});
