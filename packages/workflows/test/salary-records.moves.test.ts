/**
 * Moves within OBEC read from the person records (docs/workflows/salary-round.md
 * "Moves within OBEC"): a person whose record in this office starts on the day
 * they started at their school (`school_since`), inside the half-year, after
 * their service began, came from another office that day — not leaving
 * service: appraised and raised where they served longest (office policy), the
 * months counting whole. A school changed within the office, or a record
 * imported after the school's start date, is not a move. A move out is the
 * record's `left_on` with `moved_to` (the office within OBEC); a `left_on`
 * without it is leaving service. Real PostgreSQL,
 * the records written as an import writes them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Actor, type Engine, type PersonnelChange } from '@esa-flow/engine';
import { createEngine, publishWorkflows, recordPersonnelChanges } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import {
  movedIn,
  movedOut,
  openAppraisalFromRecords,
  rosterFromRecords,
  loadRound,
  salaryWorkflows,
  startSalaryRound,
} from '../src/salary/index';

let tdb: TestDatabase;
let engine: Engine;
let office: OfficeFixture;
let hr: Actor;
let roundId = '';
const people: Record<'cameLate' | 'cameEarly' | 'changedSchool' | 'importedLater' | 'wentLate' | 'wentEarly' | 'retired', string> = {
  cameLate: '',
  cameEarly: '',
  changedSchool: '',
  importedLater: '',
  wentLate: '',
  wentEarly: '',
  retired: '',
};
// round 1 of FY 2568: 1 Oct 2567 – 31 Mar 2568, records as of 1 Mar 2568
const clock = new ManualClock('2025-03-25T03:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([...salaryWorkflows]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  office = await seedOffice(tdb.db, 'MV');
  hr = await actorOf(tdb.db, office.users.hr);
  for (const [i, k] of (Object.keys(people) as (keyof typeof people)[]).entries()) {
    people[k] = (
      await tdb.db
        .insertInto('people')
        .values({ first_name_th: `ครูย้าย${i + 1}`, last_name_th: 'ทดสอบ', office_id: office.officeId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const [s1, s2] = office.schoolIds;
  /** a teacher's record from a day: every value holding from it */
  const record = (personId: string, on: string, no: string, school: string, schoolSince: string): PersonnelChange[] =>
    Object.entries({
      position_no: no,
      position: 'ครู',
      salary: 3_000_000,
      base: 2_998_000,
      service_started_on: '2010-05-16',
      school,
      school_since: schoolSince,
    }).map(([field, value]) => ({
      personId,
      field: field as PersonnelChange['field'],
      effectiveOn: on,
      value,
    }));
  const changes = [
    // came from another office on Thu 16 Jan 2568: 75 days here, 107 there
    ...record(people.cameLate, '2025-01-16', 'M001', s1, '2025-01-16'),
    // came on Sun 1 Dec 2567: 121 days here, 61 there
    ...record(people.cameEarly, '2024-12-01', 'M002', s2, '2024-12-01'),
    // at school 1 since 2015, moved to school 2 of the same office on 16 Jan 2568
    ...record(people.changedSchool, '2015-06-01', 'M003', s1, '2015-06-01'),
    { personId: people.changedSchool, field: 'school', effectiveOn: '2025-01-16', value: s2 },
    { personId: people.changedSchool, field: 'school_since', effectiveOn: '2025-01-16', value: '2025-01-16' },
    // the office's records began with an import on 1 Feb 2568; at the school since 1 Dec 2567
    ...record(people.importedLater, '2025-02-01', 'M004', s1, '2024-12-01'),
    // went to สพป.ลำพูน เขต 1 on Thu 16 Jan 2568: 107 days here, 75 there
    ...record(people.wentLate, '2015-06-01', 'M005', s1, '2015-06-01'),
    { personId: people.wentLate, field: 'left_on', effectiveOn: '2025-01-16', value: '2025-01-16' },
    { personId: people.wentLate, field: 'moved_to', effectiveOn: '2025-01-16', value: 'สพป.ลำพูน เขต 1' },
    // went to สพม.ลำปาง ลำพูน on Sun 1 Dec 2567: 61 days here, 121 there
    ...record(people.wentEarly, '2015-06-01', 'M006', s2, '2015-06-01'),
    { personId: people.wentEarly, field: 'left_on', effectiveOn: '2024-12-01', value: '2024-12-01' },
    { personId: people.wentEarly, field: 'moved_to', effectiveOn: '2024-12-01', value: 'สพม.ลำปาง ลำพูน' },
    // retired on 16 Jan 2568: left the office, nowhere to go (no moved_to) — leaving service
    ...record(people.retired, '2015-06-01', 'M007', s2, '2015-06-01'),
    { personId: people.retired, field: 'left_on', effectiveOn: '2025-01-16', value: '2025-01-16' },
  ] satisfies PersonnelChange[];
  await recordPersonnelChanges(tdb.db, {
    officeId: office.officeId,
    changes,
    source: { kind: 'import', ref: 'ระเบียนบุคคล.csv' },
    recordedBy: null,
    now: clock.now(),
  });
  roundId = (await startSalaryRound(engine, hr, { officeId: office.officeId, params: { fiscalYearBe: 2568, round: 1 } })).caseId;
  await engine.dispatch({
    actor: hr,
    caseId: roundId,
    type: 'ANNOUNCE_CRITERIA',
    payload: { announcementRef: 'ประกาศ สพป.', announcedOn: '2024-10-01' },
  });
});
afterAll(() => tdb.drop());

describe('moves within OBEC, read from the person records', () => {
  it('a move into the office: the record starts on the day the person started at the school, inside the half-year, after service began', () => {
    const period = { evaluationFrom: '2024-10-01', evaluationTo: '2025-03-31' };
    expect(movedIn('2025-01-16', '2010-05-16', '2025-01-16', period)).toEqual({ direction: 'in', on: '2025-01-16', otherOffice: null });
    expect(movedIn('2025-01-16', '2010-05-16', '2015-06-01', period)).toBeNull(); // a school changed within the office
    expect(movedIn('2024-12-01', '2010-05-16', '2025-02-01', period)).toBeNull(); // records imported later
    expect(movedIn('2025-01-16', '2025-01-16', '2025-01-16', period)).toBeNull(); // entered service that day: a new hire, months counted from it
    expect(movedIn('2024-10-01', '2010-05-16', '2024-10-01', period)).toBeNull(); // at the start of the half-year: all of it here
    expect(movedIn(null, '2010-05-16', '2025-01-16', period)).toBeNull();
  });

  it('a move out of the office: left inside the half-year to a named office of OBEC', () => {
    const period = { evaluationFrom: '2024-10-01', evaluationTo: '2025-03-31' };
    expect(movedOut('2025-01-16', 'สพป.ลำพูน เขต 1', period)).toEqual({ direction: 'out', on: '2025-01-16', otherOffice: 'สพป.ลำพูน เขต 1' });
    expect(movedOut('2025-01-16', null, period)).toBeNull(); // leaving service
    expect(movedOut(null, 'สพป.ลำพูน เขต 1', period)).toBeNull();
    expect(movedOut('2025-04-01', 'สพป.ลำพูน เขต 1', period)).toBeNull(); // after the half-year
  });

  it('the roster from the records: the one who served longer elsewhere is appraised there; the one who served longer here is raised here, months whole', async () => {
    const round = await loadRound(engine, hr, roundId);
    const roster = await rosterFromRecords(engine, round);
    const transferOf = (no: string) => roster.records.find((r) => r.personnelNo === no)!.transfer;
    expect(['M001', 'M002', 'M003', 'M004', 'M005', 'M006', 'M007'].map(transferOf)).toEqual([
      { direction: 'in', on: '2025-01-16', otherOffice: null },
      { direction: 'in', on: '2024-12-01', otherOffice: null },
      null,
      null,
      { direction: 'out', on: '2025-01-16', otherOffice: 'สพป.ลำพูน เขต 1' },
      { direction: 'out', on: '2024-12-01', otherOffice: 'สพม.ลำปาง ลำพูน' },
      null,
    ]);
    expect(roster.records.find((r) => r.personnelNo === 'M007')!.leftOn).toBe('2025-01-16');

    const report = await openAppraisalFromRecords(engine, hr, roundId, { dryRun: true, by: `user:${hr.id}` });
    expect(report.totals).toEqual({ rows: 7, considered: 4, notConsidered: 3, rejected: 0 });
    // M005 served longer here before going: considered here
    expect(report.notConsidered.map((n) => n.key)).toEqual(['M001', 'M006', 'M007']);
    expect(report.notConsidered[1]!.reasons.map((r) => r.th)).toEqual([
      'ย้ายไป สพม.ลำปาง ลำพูน เมื่อ 1 ธันวาคม 2567 ปฏิบัติราชการที่นั่นนานกว่าในรอบการประเมิน 121 วัน (ที่นี่ 61 วัน) จึงประเมินและพิจารณาเลื่อนเงินเดือนที่ สพม.ลำปาง ลำพูน',
    ]);
    expect(report.notConsidered[2]!.reasons.map((r) => r.th)).toContain('พ้นจากสังกัดเมื่อ 16 มกราคม 2568 ก่อนสิ้นรอบการประเมิน');
    expect(report.notConsidered.slice(0, 1)).toEqual([
      {
        row: 1,
        key: 'M001',
        nameTh: 'ครูย้าย1 ทดสอบ',
        reasons: [
          {
            th: 'ย้ายมาจาก หน่วยงานอื่นในสังกัด สพฐ. เมื่อ 16 มกราคม 2568 ปฏิบัติราชการที่เดิมนานกว่าในรอบการประเมิน 107 วัน (ที่นี่ 75 วัน) จึงประเมินและพิจารณาเลื่อนเงินเดือนที่ หน่วยงานอื่นในสังกัด สพฐ.',
            en: 'came from another office within OBEC on 16 January 2025 and served there longer in the half-year (107 days, 75 here): appraised and considered for a raise there',
          },
        ],
      },
    ]);
  });
});
