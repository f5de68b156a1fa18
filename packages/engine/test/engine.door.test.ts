import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as main from '../src/index';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { createEngine, engineDeps, publishWorkflows } from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

describe("the engine's door (docs/architecture.md)", () => {
  it('the main entry hands out no database handle: no createDatabase, createEngine on a database, migrations or table types', () => {
    const keys = Object.keys(main);
    for (const name of [
      'createDatabase',
      'createEngine',
      'migrateToLatest',
      'publishWorkflows',
      'purgeExpiredRecords',
      'loadUserActor',
      'engineDeps',
      'dbOf',
    ])
      expect(keys).not.toContain(name);
    expect(keys).toContain('openEngine');
  });
});

describe('engine.transaction', () => {
  let tdb: TestDatabase;
  let engine: Engine;
  let office: OfficeFixture;
  let teacher: Actor;
  const clock = new ManualClock('2025-02-03T02:00:00Z');

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const registry = new WorkflowRegistry([sampleApproval]);
    await publishWorkflows(tdb.db, registry);
    engine = createEngine({ db: tdb.db, registry, clock });
    office = await seedOffice(tdb.db, 'A');
    teacher = await actorOf(tdb.db, office.users.teacher);
  });
  afterAll(() => tdb.drop());

  const filing = () => ({
    actor: teacher,
    workflowId: 'sample-approval',
    officeId: office.officeId,
    schoolId: office.schoolIds[0],
    subjectPersonId: office.users.teacher.personId,
    title: 'คำขอทดสอบ',
    input: { amount: 100 },
  });
  const casesOfOffice = async () =>
    (await tdb.db.selectFrom('cases').select('id').where('office_id', '=', office.officeId).execute()).length;

  it('runs the commands of tx in one transaction: a failure after them leaves nothing', async () => {
    const before = await casesOfOffice();
    await expect(
      engine.transaction(async (tx) => {
        expect(engineDeps(tx).db.isTransaction).toBe(true);
        await tx.startCase(filing());
        await tx.startCase(filing());
        throw new Error('after the commands');
      }),
    ).rejects.toThrow('after the commands');
    expect(await casesOfOffice()).toBe(before);
  });

  it('commits them together, and a transaction asked of tx runs in the same one', async () => {
    const before = await casesOfOffice();
    const ids = await engine.transaction(async (tx) => {
      const first = await tx.startCase(filing());
      const second = await tx.transaction(async (inner) => {
        expect(engineDeps(inner).db).toBe(engineDeps(tx).db);
        return inner.startCase(filing());
      });
      return [first.caseId, second.caseId];
    });
    expect(await casesOfOffice()).toBe(before + 2);
    expect((await engine.getCase(teacher, ids[1]!)).case.state).toBe('schoolReview');
  });

  it('keeps the clock and registry public, and withClock shares the database', async () => {
    expect(engine.clock).toBe(clock);
    expect(engine.registry.latest('sample-approval').key).toBe(sampleApproval.key);
    const later = engine.withClock(new ManualClock('2025-03-01T02:00:00Z'));
    expect(engineDeps(later).db).toBe(engineDeps(engine).db);
    expect(later.clock.now().toISOString()).toBe('2025-03-01T02:00:00.000Z');
  });
});
