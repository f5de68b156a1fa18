import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import {
  actorOf,
  createTestDatabase,
  sampleApproval,
  sampleSla,
  seedOffice,
  type OfficeFixture,
  type TestDatabase,
} from '../../engine/test/support/index';
import { writeDailyDigests } from '../src/jobs/daily-digest';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
const clock = new ManualClock('2025-06-09T01:00:00Z'); // Mon 9 Jun 2568, 08:00 Bangkok

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleSla, sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
});
afterAll(() => tdb.drop());

describe('the daily digest', () => {
  it('tells each person everything awaiting them, soonest due first, once a day, and not on holidays', async () => {
    const hr = await actorOf(tdb.db, a.users.hr);
    clock.set('2025-06-02T02:00:00Z');
    const early = await engine.startCase({ actor: hr, workflowId: 'sample-sla', officeId: a.officeId, title: 'เปิดก่อน', input: {} });
    clock.set('2025-06-05T02:00:00Z');
    const later = await engine.startCase({ actor: hr, workflowId: 'sample-sla', officeId: a.officeId, title: 'เปิดทีหลัง', input: {} });
    const teacher = await actorOf(tdb.db, a.users.teacher);
    await engine.startCase({
      actor: teacher,
      workflowId: 'sample-approval',
      officeId: a.officeId,
      schoolId: a.schoolIds[0],
      subjectPersonId: a.users.teacher.personId,
      title: 'คำขอของครู',
      input: { amount: 1 },
    });

    clock.set('2025-06-09T01:00:00Z');
    expect(await writeDailyDigests(engine)).toEqual({ people: 2 });
    const digest = await tdb.db
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'digest')
      .where('recipient_user_id', '=', a.users.hr.userId)
      .executeTakeFirstOrThrow();
    const items = (digest.payload as { items: { caseId: string; overdue: boolean }[] }).items;
    expect(items.map((i) => i.caseId)).toEqual([early.caseId, later.caseId]);
    expect(items[0]!.overdue).toBe(true); // due Fri 6 Jun 16:30
    const director = await tdb.db
      .selectFrom('notifications')
      .select('payload')
      .where('kind', '=', 'digest')
      .where('recipient_user_id', '=', a.users.director.userId)
      .executeTakeFirstOrThrow();
    expect((director.payload as { items: { title: string }[] }).items.map((i) => i.title)).toEqual(['คำขอของครู']);

    // the same day again writes nothing new
    await writeDailyDigests(engine);
    const count = await tdb.db.selectFrom('notifications').select('id').where('kind', '=', 'digest').execute();
    expect(count).toHaveLength(2);

    // Tue 3 Jun 2568 is a holiday (the Queen's birthday): no digest
    clock.set('2025-06-03T01:00:00Z');
    expect(await writeDailyDigests(engine)).toEqual({ people: 0, skipped: 'non_working_day' });
  });
});
