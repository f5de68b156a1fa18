/**
 * Timed system events at volume (issue: the old lapses poller took the first
 * 1,000 cases of a step before filtering the due ones, so with more the rest
 * never lapsed). 5,000 cases wait at one step whose system event is due; two
 * worker processes' ledger passes race: after one pass of each, every case
 * has moved, each exactly once (one history row per case, one fired timer).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { ManualClock, WorkflowRegistry, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { lapsing } from '../../engine/test/support/sample-volume-lapse';
import { loadWorkerConfig } from '../src/config';
import { startWorker, type RunningWorker } from '../src/worker-runtime';

const N = 5_000;
let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let workers: RunningWorker[] = [];
const clock = new ManualClock('2025-02-03T02:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([lapsing]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
  const config = loadWorkerConfig({
    DATABASE_URL: tdb.url,
    PROMOTION_INTERVAL_MS: '3600000',
    DELIVERY_INTERVAL_MS: '3600000',
    TIMER_POLL_MS: '3600000',
  });
  workers = await Promise.all([startWorker(engine, config), startWorker(engine, config)]);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await tdb?.drop();
});

describe('timed system events at volume', () => {
  it(`lapses ${N} cases due at one step in one pass of two racing workers, each once`, async () => {
    const hr = await actorOf(tdb.db, a.users.hr);
    let next = 0;
    const open = async () => {
      while (next < N) {
        next += 1;
        await engine.startCase({
          actor: hr,
          workflowId: 'volume-lapse',
          officeId: a.officeId,
          title: 'คำขอ',
          input: { lapseAt: '2025-02-06T08:00:00Z' },
        });
      }
    };
    await Promise.all(Array.from({ length: 8 }, open));
    const pending = await tdb.db
      .selectFrom('sla_timers')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('kind', '=', 'system_event')
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(pending.n).toBe(N);

    clock.set('2025-02-06T08:00:00Z'); // the moment itself: nothing yet
    expect(await workers[0]!.fireDue()).toBe(0);
    clock.set('2025-02-06T08:00:01Z');
    const fired = await Promise.all(workers.map((w) => w.fireDue()));
    console.log(`${N} system events due at one step, fired by two racing workers in one pass each: ${fired.join(' + ')}`);
    expect(fired[0]! + fired[1]!).toBe(N);

    const states = await tdb.db
      .selectFrom('cases')
      .select(['state', sql<number>`count(*)::int`.as('n')])
      .groupBy('state')
      .execute();
    expect(states).toEqual([{ state: 'lapsed', n: N }]);
    const perCase = await tdb.db
      .selectFrom('case_history')
      .select(['case_id', sql<number>`count(*)::int`.as('n')])
      .where('event_type', '=', 'LAPSE')
      .groupBy('case_id')
      .having(sql<number>`count(*)`, '>', 1)
      .execute();
    expect(perCase).toEqual([]);
    const lapses = await tdb.db
      .selectFrom('case_history')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('event_type', '=', 'LAPSE')
      .where('actor_kind', '=', 'system')
      .executeTakeFirstOrThrow();
    expect(lapses.n).toBe(N);
    expect(await Promise.all(workers.map((w) => w.fireDue()))).toEqual([0, 0]);
  });
});
