/**
 * The pieces of the in-process passes (issue 15): the cron moments of the
 * digest, the loop, the advisory lock that lets one process run a pass at a
 * time, the digest pass writing once per day whatever the number of workers,
 * a worker started while Redis is away (mail and timers go on), and the
 * health/metrics server.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { sql } from 'kysely';
import { Registry } from 'prom-client';
import { ManualClock, WorkflowRegistry, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows, withPassLock } from '@esa-flow/engine/internal';
import { actorOf, createTestDatabase, sampleSla, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { loadWorkerConfig } from '../src/config';
import { startWorkerHttp } from '../src/http/worker-http';
import { cronMomentBetween, isValidCron, latestCronMoment } from '../src/passes/cron-moment';
import { startPassLoop, type PassTimers } from '../src/passes/pass-loop';
import { startWorker, type WorkerLogger } from '../src/worker-runtime';
import { httpGet } from './support/http-get';
import { waitUntil } from '../../engine/test/support/wait-until';

describe('cron moments (Asia/Bangkok)', () => {
  it('finds the latest moment of the digest pattern, the moment itself included', () => {
    expect(latestCronMoment('0 8 * * 1-5', new Date('2025-07-01T01:00:00Z'))).toEqual(new Date('2025-07-01T01:00:00Z')); // Tue 08:00
    expect(latestCronMoment('0 8 * * 1-5', new Date('2025-07-01T00:59:59Z'))).toEqual(new Date('2025-06-30T01:00:00Z')); // Mon 08:00
    expect(latestCronMoment('0 8 * * 1-5', new Date('2025-07-06T05:00:00Z'))).toEqual(new Date('2025-07-04T01:00:00Z')); // Sun → Fri
  });

  it('tells whether a moment fell between two looks, once however far the clock jumped', () => {
    const p = '0 8 * * 1-5';
    expect(cronMomentBetween(p, new Date('2025-07-01T00:59:00Z'), new Date('2025-07-01T01:00:30Z'))).toEqual(
      new Date('2025-07-01T01:00:00Z'),
    );
    expect(cronMomentBetween(p, new Date('2025-07-01T01:00:00Z'), new Date('2025-07-01T05:00:00Z'))).toBeUndefined();
    expect(cronMomentBetween(p, new Date('2025-06-01T00:00:00Z'), new Date('2025-07-01T05:00:00Z'))).toEqual(
      new Date('2025-07-01T01:00:00Z'),
    );
    expect(cronMomentBetween(p, new Date('2025-07-01T05:00:00Z'), new Date('2025-07-01T04:00:00Z'))).toBeUndefined();
  });

  it('accepts five-field patterns only', () => {
    expect(isValidCron('0 8 * * 1-5')).toBe(true);
    expect(isValidCron('*/5 * * * *')).toBe(true);
    expect(isValidCron('0 0 8 * * 1-5')).toBe(false);
    expect(isValidCron('every morning')).toBe(false);
    expect(() => loadWorkerConfig({ DATABASE_URL: 'postgres://x', DIGEST_CRON: 'bogus' })).toThrow('CONFIG_INVALID');
  });
});

describe('the pass loop', () => {
  /** timers that fire only when the test says so */
  function manualTimers() {
    const pending = new Map<number, { fn: () => void; ms: number }>();
    let next = 1;
    const timers: PassTimers = {
      set(fn, ms) {
        pending.set(next, { fn, ms });
        return next++;
      },
      clear(handle) {
        pending.delete(handle as number);
      },
    };
    const fire = () => {
      const [h, t] = [...pending][0]!;
      pending.delete(h);
      t.fn();
      return t.ms;
    };
    return { timers, pending, fire };
  }

  it('runs at once, then intervalMs after each run ends, never two at a time, and survives a failing run', async () => {
    const { timers, pending, fire } = manualTimers();
    const runs: string[] = [];
    let release: () => void = () => {};
    let fail = false;
    const loop = startPassLoop({
      name: 't',
      intervalMs: 30_000,
      timers,
      run: async () => {
        runs.push('start');
        await new Promise<void>((r) => (release = r));
        runs.push('end');
        if (fail) throw new Error('boom');
      },
    });
    expect(fire()).toBe(0); // the first run, at once
    expect(pending.size).toBe(0); // nothing scheduled while it runs
    release();
    await waitUntil(async () => pending.size === 1, 'the next run scheduled');
    fail = true;
    expect(fire()).toBe(30_000);
    release();
    await waitUntil(async () => pending.size === 1, 'scheduled again after a failure');
    expect(runs).toEqual(['start', 'end', 'start', 'end']);
    await loop.stop();
    expect(pending.size).toBe(0);
  });

  it('stop() waits for the run in progress', async () => {
    const { timers, fire } = manualTimers();
    let finished = false;
    let release: () => void = () => {};
    const loop = startPassLoop({
      name: 't',
      intervalMs: 1000,
      timers,
      run: () =>
        new Promise<void>(
          (r) =>
            (release = () => {
              finished = true;
              r();
            }),
        ),
    });
    fire();
    const stopping = loop.stop();
    release();
    await stopping;
    expect(finished).toBe(true);
  });
});

describe('with a database', () => {
  let tdb: TestDatabase;
  let engine: Engine;
  let a: OfficeFixture;
  const clock = new ManualClock('2025-07-01T00:30:00Z'); // Tue 07:30 Bangkok

  beforeAll(async () => {
    tdb = await createTestDatabase();
    const registry = new WorkflowRegistry([sampleSla]);
    await publishWorkflows(tdb.db, registry);
    engine = createEngine({ db: tdb.db, registry, clock });
    a = await seedOffice(tdb.db);
  });
  afterAll(() => tdb.drop());

  it('the pass lock lets one process run a pass at a time, and frees it after', async () => {
    let inside: () => void = () => {};
    const first = withPassLock(tdb.db, 'test-pass', () => new Promise<string>((r) => (inside = () => r('first'))));
    await waitUntil(async () => {
      const r = await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted`.execute(tdb.db);
      return r.rows[0]!.n > 0;
    }, 'the first holder');
    expect(await withPassLock(tdb.db, 'test-pass', async () => 'second')).toEqual({ ran: false });
    expect(await withPassLock(tdb.db, 'other-pass', async () => 'other')).toEqual({ ran: true, value: 'other' });
    inside();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await withPassLock(tdb.db, 'test-pass', async () => 'third')).toEqual({ ran: true, value: 'third' });
  });

  it('started while Redis is unreachable: mail and timers go on, the digest is written once by two workers at its moment', async () => {
    const hr = await actorOf(tdb.db, a.users.hr);
    const { caseId } = await engine.startCase({
      actor: hr,
      workflowId: 'sample-sla',
      officeId: a.officeId,
      title: 'เรื่องระหว่าง Redis ล่ม',
      input: {},
    });
    const reminder = await tdb.db
      .selectFrom('sla_timers')
      .select(['id', 'fire_at'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'reminder')
      .executeTakeFirstOrThrow();
    const deadPort = await closedPort();
    const warnings: string[] = [];
    const infos: string[] = [];
    const logger: WorkerLogger = { info: (_f, msg) => infos.push(msg), warn: (_f, msg) => warnings.push(msg), error: () => {} };
    let deliveries = 0;
    const config = loadWorkerConfig({
      DATABASE_URL: tdb.url,
      REDIS_URL: `redis://127.0.0.1:${deadPort}`,
      PROMOTION_INTERVAL_MS: '200',
      DELIVERY_INTERVAL_MS: '100',
      QUEUE_TIMEOUT_MS: '300',
    });
    const hooks = { logger, deliverNotifications: async () => ({ sent: ++deliveries, retried: 0, failed: 0 }) };
    const [w1, w2] = await Promise.all([startWorker(engine, config, hooks), startWorker(engine, config, hooks)]);
    try {
      expect(warnings).toContain('queue not reachable at start; the promotion pass fires due timers itself until it is');
      await waitUntil(async () => deliveries >= 3, 'the delivery pass, without Redis');
      expect(await w1.queueReachable()).toBe(false);

      // the digest: Tue 1 Jul 2568, 08:00 Bangkok comes while both run
      expect(await tdb.db.selectFrom('notifications').select('id').where('kind', '=', 'digest').execute()).toHaveLength(0);
      clock.set('2025-07-01T01:00:30Z');
      await waitUntil(
        async () => (await tdb.db.selectFrom('notifications').select('id').where('kind', '=', 'digest').execute()).length > 0,
        'the digest',
        10_000,
      );
      // both workers have had their go at the moment by now; still one digest per person
      await waitUntil(async () => infos.filter((m) => m === 'daily digest').length >= 2, 'both workers at the digest moment', 10_000);
      const digests = await tdb.db.selectFrom('notifications').select(['recipient_user_id']).where('kind', '=', 'digest').execute();
      expect(new Set(digests.map((d) => d.recipient_user_id)).size).toBe(digests.length);

      clock.set(reminder.fire_at);
      const t = await waitUntil(
        async () => {
          const r = await tdb.db
            .selectFrom('sla_timers')
            .select(['status', 'fired_by'])
            .where('id', '=', reminder.id)
            .executeTakeFirstOrThrow();
          return r.status === 'fired' ? r : undefined;
        },
        'the reminder fired by a promotion pass',
        10_000,
      );
      expect(t.fired_by).toMatch(/^worker-[0-9a-f]{8}\/direct$/);
      // the pass says so once its firing is done (the reminder may be committed while other batches still run)
      await waitUntil(async () => warnings.some((m) => m.startsWith('queue unreachable')), 'the promotion pass to warn', 10_000);
      expect(['direct', 'skipped']).toContain((await w1.promotionPass()).via); // skipped: the other worker holds the pass

      const [m1, m2] = [await w1.metrics.registry.metrics(), await w2.metrics.registry.metrics()];
      expect(m1).toMatch(/^esa_worker_queue_up 0$/m);
      const firedDirectly = (m: string) => Number(/^esa_worker_timers_total\{via="direct",outcome="fired"\} (\d+)$/m.exec(m)?.[1] ?? 0);
      expect(firedDirectly(m1) + firedDirectly(m2)).toBe(1);
    } finally {
      await Promise.all([w1.stop(), w2.stop()]);
    }
  });
});

describe('the health and metrics server', () => {
  it('answers /healthz, /readyz (503 with the reasons), and /metrics behind the token', async () => {
    const registry = new Registry();
    let ready = { ready: false, checks: { database: 'SCHEMA_NOT_MIGRATED', queue: 'ok' } };
    const http = await startWorkerHttp({
      host: '127.0.0.1',
      port: 0,
      registry,
      readiness: async () => ready,
      metricsToken: 'a-long-enough-token',
    });
    const get = (path: string, headers: Record<string, string> = {}) => httpGet(`http://127.0.0.1:${http.port}${path}`, headers);
    try {
      expect((await get('/healthz')).status).toBe(200);
      const r = await get('/readyz');
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body)).toEqual({ status: 'degraded', checks: { database: 'SCHEMA_NOT_MIGRATED', queue: 'ok' } });
      ready = { ready: true, checks: { database: 'ok', queue: 'ok' } };
      expect((await get('/readyz')).status).toBe(200);
      expect((await get('/metrics')).status).toBe(401);
      expect((await get('/metrics', { authorization: 'Bearer wrong' })).status).toBe(401);
      const m = await get('/metrics', { authorization: 'Bearer a-long-enough-token' });
      expect(m.status).toBe(200);
      expect(m.headers['content-type']).toMatch(/^text\/plain/);
      expect((await get('/nothing')).status).toBe(404);
    } finally {
      await http.close();
    }
  });
});

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
