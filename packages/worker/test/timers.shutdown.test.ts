/**
 * Graceful shutdown: SIGTERM makes a worker stop taking jobs, finish the ones
 * it is running and exit 0; whatever it had not reached is still pending and
 * another worker fires it. Nothing fires twice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { ManualClock, WorkflowRegistry, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, sampleSla, seedOffice, type TestDatabase } from '../../engine/test/support/index';
import { loadWorkerConfig } from '../src/config';
import { startWorker } from '../src/worker-runtime';
import { startTestRedis, type TestRedis } from './support/redis-server';
import { waitUntil } from '../../engine/test/support/wait-until';

let tdb: TestDatabase;
let redis: TestRedis;
let engine: Engine;
const clock = new ManualClock('2025-07-01T02:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = await startTestRedis();
  const registry = new WorkflowRegistry([sampleSla]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
});
afterAll(async () => {
  await redis.stop();
  await tdb.drop();
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes its jobs and exits 0; the rest fires once on another worker', async () => {
    const a = await seedOffice(tdb.db);
    const hr = await actorOf(tdb.db, a.users.hr);
    const ids: string[] = [];
    for (let i = 0; i < 100; i++)
      ids.push(
        (await engine.startCase({ actor: hr, workflowId: 'sample-sla', officeId: a.officeId, title: `เรื่อง ${i}`, input: {} })).caseId,
      );
    const due = await tdb.db
      .selectFrom('sla_timers')
      .select(sql<Date>`max(fire_at)`.as('t'))
      .where('kind', '=', 'overdue')
      .executeTakeFirstOrThrow();
    clock.set(due.t);
    const env = {
      ...process.env,
      DATABASE_URL: tdb.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: 'shutdown',
      TEST_CLOCK: due.t.toISOString(),
      WORKER_CONCURRENCY: '4',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/worker/test/support/worker-child.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await waitUntil(async () => out.includes('PROMOTED'), 'the child worker to promote', 60_000);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const w = await startWorker(
      engine,
      loadWorkerConfig({
        DATABASE_URL: tdb.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: 'shutdown',
        PROMOTION_HORIZON_MS: '60000',
        PROMOTION_INTERVAL_MS: '3600000',
        DELIVERY_INTERVAL_MS: '3600000',
        JOB_LOCK_DURATION_MS: '5000',
        STALLED_INTERVAL_MS: '1000',
      }),
    );
    try {
      const result = await waitUntil(
        async () => {
          await w.promote();
          const r = await tdb.db
            .selectFrom('sla_timers as t')
            .leftJoin('notifications as n', 'n.timer_id', 't.id')
            .select(['t.id', 't.status', sql<number>`count(n.id)::int`.as('notes')])
            .where('t.case_id', 'in', ids)
            .where('t.fire_at', '<=', clock.now())
            .groupBy(['t.id', 't.status'])
            .execute();
          return r.every((x) => x.status === 'fired') ? r : undefined;
        },
        'every due timer fired',
        45_000,
        250,
      );
      expect(result).toHaveLength(300);
      expect([...new Set(result.map((r) => r.notes))]).toEqual([1]);
    } finally {
      await w.stop();
    }
  });
});
