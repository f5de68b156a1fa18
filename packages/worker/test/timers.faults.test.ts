/**
 * What survives which failure (docs/sla.md): Redis flushed or restarted
 * without persistence, a worker killed with SIGKILL while firing, two workers
 * racing, the database dropping every connection (as in a restart). Each ends
 * with every due timer fired exactly once and nothing lost.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, sampleSla, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { loadWorkerConfig, type WorkerConfig } from '../src/config';
import { startWorker, type RunningWorker } from '../src/worker-runtime';
import { startTestRedis, type TestRedis } from './support/redis-server';
import { waitUntil } from '../../engine/test/support/wait-until';

let tdb: TestDatabase;
let redis: TestRedis;
let engine: Engine;
let a: OfficeFixture;
let hr: Actor;
const clock = new ManualClock('2025-07-01T02:00:00Z');
const running: RunningWorker[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase({ maxConnections: 20 });
  redis = await startTestRedis();
  const registry = new WorkflowRegistry([sampleSla]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
  hr = await actorOf(tdb.db, a.users.hr);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});
afterAll(async () => {
  await redis.stop();
  await tdb.drop();
});

function configFor(prefix: string): WorkerConfig {
  return loadWorkerConfig({
    DATABASE_URL: tdb.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    PROMOTION_HORIZON_MS: '60000',
    PROMOTION_INTERVAL_MS: '3600000',
    DELIVERY_INTERVAL_MS: '3600000',
    JOB_LOCK_DURATION_MS: '5000',
    STALLED_INTERVAL_MS: '1000',
    WORKER_CONCURRENCY: '8',
  });
}

const jobErrors: string[] = [];
async function worker(prefix: string): Promise<RunningWorker> {
  const w = await startWorker(engine, configFor(prefix), { onError: (e) => jobErrors.push(String(e)) });
  running.push(w);
  return w;
}

/** Opens `n` cases at a fresh moment; returns their ids and the moment their overdue timers fall due. */
async function openCases(n: number): Promise<{ ids: string[]; overdueAt: Date }> {
  const start = new Date(clock.now().getTime() + 30 * 86_400_000);
  clock.set(start);
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await engine.startCase({ actor: hr, workflowId: 'sample-sla', officeId: a.officeId, title: `เรื่อง ${i}`, input: {} })).caseId);
  const due = await tdb.db
    .selectFrom('sla_timers')
    .select(sql<Date>`max(fire_at)`.as('t'))
    .where('case_id', 'in', ids)
    .where('kind', '=', 'overdue')
    .executeTakeFirstOrThrow();
  return { ids, overdueAt: due.t };
}

/** Timers of these cases due by now, and how they stand. */
async function ledger(ids: string[]) {
  const rows = await tdb.db
    .selectFrom('sla_timers as t')
    .leftJoin('notifications as n', 'n.timer_id', 't.id')
    .select(['t.id', 't.status', sql<number>`count(n.id)::int`.as('notes')])
    .where('t.case_id', 'in', ids)
    .where('t.fire_at', '<=', clock.now())
    .groupBy(['t.id', 't.status'])
    .execute();
  return {
    due: rows.length,
    fired: rows.filter((r) => r.status === 'fired').length,
    notesPerTimer: [...new Set(rows.map((r) => r.notes))],
  };
}

/** Waits until every due timer fired, running promotion passes meanwhile (an escalation that fires plans the next). */
async function expectAllFiredOnce(ids: string[], promote: () => Promise<unknown>) {
  let last: unknown;
  const l = await waitUntil(
    async () => {
      last = await promote().then(
        (p) => p,
        (e: unknown) => String(e),
      );
      // the test's own pool lost its connections too when a test terminated them all: a failed read is read again
      const x = await ledger(ids).catch((e: unknown) => String(e));
      if (typeof x === 'string') {
        last = { promote: last, ledger: x };
        return undefined;
      }
      last = {
        promote: last,
        ...x,
        errors: jobErrors.slice(-3),
        jobs: await running[0]?.timerQueue
          .getJobCounts('wait', 'active', 'delayed', 'completed', 'failed')
          .catch((e: unknown) => String(e)),
      };
      return x.due > 0 && x.fired === x.due ? x : undefined;
    },
    () => `every due timer fired; last seen ${JSON.stringify(last)}`,
    45_000,
    250,
  );
  expect(l.notesPerTimer).toEqual([1]);
  return l;
}

const prefix = () => `f${randomBytes(3).toString('hex')}`;

describe('timer durability', () => {
  it('Redis flushed after promotion: the next pass restores the jobs and each timer fires once', async () => {
    const { ids, overdueAt } = await openCases(20);
    const w = await worker(prefix());
    clock.set(new Date(overdueAt.getTime() - 30_000)); // jobs wait 30 s of real time…
    expect((await w.promote()).promoted).toBeGreaterThan(0);
    await redis.flushAll(); // …and are wiped
    clock.set(overdueAt);
    const l = await expectAllFiredOnce(ids, () => w.promote());
    expect(l.due).toBe(20 * 3); // the reminder, the due-today notice and the overdue notice of every case
  });

  it('Redis restarted without persistence: nothing is lost', async () => {
    const { ids, overdueAt } = await openCases(10);
    const w1 = await worker(prefix());
    clock.set(new Date(overdueAt.getTime() - 30_000));
    await w1.promote();
    await redis.restart();
    clock.set(overdueAt);
    await expectAllFiredOnce(ids, () => w1.promote());
  });

  it('two workers racing over the same timers fire each once', async () => {
    const { ids, overdueAt } = await openCases(30);
    const p = prefix();
    const [w1, w2] = [await worker(p), await worker(p)];
    clock.set(new Date(overdueAt.getTime() + 10 * 86_400_000)); // escalations 1–3 due as well
    const l = await expectAllFiredOnce(ids, () => Promise.all([w1.promote(), w2.promote()]));
    expect(l.due).toBe(30 * 6);
    const by = await tdb.db.selectFrom('sla_timers').select('fired_by').distinct().where('case_id', 'in', ids).execute();
    expect(by.length).toBeGreaterThanOrEqual(1);
  });

  it('a worker killed with SIGKILL while firing loses nothing', async () => {
    const { ids, overdueAt } = await openCases(150);
    clock.set(overdueAt);
    const p = prefix();
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/worker/test/support/worker-child.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: tdb.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: p,
        TEST_CLOCK: overdueAt.toISOString(),
        JOB_LOCK_DURATION_MS: '5000',
        STALLED_INTERVAL_MS: '1000',
        WORKER_CONCURRENCY: '16',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await waitUntil(async () => out.includes('PROMOTED'), 'the child worker to promote', 60_000);
    await waitUntil(async () => ((await ledger(ids)).fired > 0 ? true : undefined), 'the child to start firing', 30_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const mid = await ledger(ids);
    expect(mid.fired).toBeLessThan(mid.due); // it really died mid-batch

    const w = await worker(p); // a survivor takes back the stalled jobs and the rest
    await expectAllFiredOnce(ids, () => w.promote());
  });

  it('the database dropping every connection mid-run: jobs retry and every timer fires once', async () => {
    const { ids, overdueAt } = await openCases(60);
    const w = await worker(prefix());
    clock.set(overdueAt);
    await w.promote();
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`
      .execute(tdb.db)
      .catch(() => undefined);
    await expectAllFiredOnce(ids, () => w.promote());
  });
});
