/**
 * Issue 15, with real processes: the worker (runWorkerProcess, spawned with
 * tsx), a private redis-server and a real SMTP server (smtp-server). Each case
 * makes three groups of timers come due — before, during and after the fault —
 * and ends with every one fired exactly once (sla_timers, notifications) and
 * every notification accepted by the SMTP server exactly once, counted by
 * Message-ID. Nothing sleeps and hopes: every wait is for a condition, with a
 * bound.
 *
 * The worker's clock runs in real time shifted into a working afternoon; the
 * test shares the shift, opens the cases, then moves each group's timers to
 * a moment a little ahead (a re-plan: revision + 1) when the script needs them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createEngine, publishWorkflows, WorkflowRegistry, type Actor, type Clock, type Engine } from '@esa-flow/engine';
import { actorOf, createTestDatabase, sampleSla, seedOffice, type OfficeFixture, type TestDatabase } from '../../engine/test/support/index';
import { notificationMessageId } from '../src/index';
import { httpGet } from './support/http-get';
import { startTestRedis, type TestRedis } from './support/redis-server';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { realTimeClockFrom, stopwatch, waitUntil } from '../../engine/test/support/wait-until';

/** How long Redis stays down in case (c); short here, longer by FAULT_REDIS_DOWN_MS. */
const REDIS_DOWN_MS = Number(process.env.FAULT_REDIS_DOWN_MS ?? 3_000);
/** How long the SMTP server refuses with 451 in case (d). */
const SMTP_REFUSING_MS = Number(process.env.FAULT_SMTP_REFUSING_MS ?? 3_000);
const PROMOTION_INTERVAL_MS = 1_000;
const DELIVERY_INTERVAL_MS = 250;
const CASES = 30;
/** case (h): how far ahead the skewed worker's clock runs */
const SKEW_MS = 5 * 60_000;
/** case (h): how far the database-clock measurement may be off (half a loopback round trip, in practice < 5 ms) */
const CLOCK_TOLERANCE_MS = 100;
/** firing and mailing a group takes a moment of its own on a busy machine */
const SLACK_MS = 5_000;


let tdb: TestDatabase;
let redis: TestRedis;
let engine: Engine;
let a: OfficeFixture;
let hr: Actor;
// a Wednesday, 14:00 in Bangkok: after the day's digest moment (08:00) by more than its catch-up
const realClock = realTimeClockFrom('2025-07-02T07:00:00Z');
const offsetMs = realClock.offsetMs;
const clock: Clock = realClock;

beforeAll(async () => {
  tdb = await createTestDatabase({ maxConnections: 10 });
  redis = await startTestRedis();
  const registry = new WorkflowRegistry([sampleSla]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
  hr = await actorOf(tdb.db, a.users.hr);
});
const children: WorkerChild[] = [];
const sinks: SmtpSink[] = [];
afterEach(async () => {
  if (process.env.FAULT_LOG_DIR) {
    const { writeFileSync } = await import('node:fs');
    for (const [i, c] of children.entries()) writeFileSync(`${process.env.FAULT_LOG_DIR}/${/\(([a-d])\)/.exec(expect.getState().currentTestName ?? '')?.[1] ?? 'other'}-${i}.log`, c.logs.map((l) => JSON.stringify(l)).join('\n'));
  }
  await Promise.all(children.splice(0).map((c) => c.stop()));
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await redis?.stop();
  await tdb?.drop();
});

// --- the worker process -------------------------------------------------------

interface LogLine {
  level: number;
  time: number;
  msg: string;
  [field: string]: unknown;
}

interface WorkerChild {
  process: ChildProcess;
  logs: LogLine[];
  port: number;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  stop(): Promise<number | null>;
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: tdb.url,
    TEST_CLOCK_OFFSET_MS: String(offsetMs),
    PROMOTION_INTERVAL_MS: String(PROMOTION_INTERVAL_MS),
    PROMOTION_HORIZON_MS: '5000',
    DELIVERY_INTERVAL_MS: String(DELIVERY_INTERVAL_MS),
    QUEUE_TIMEOUT_MS: '1000',
    JOB_LOCK_DURATION_MS: '5000',
    STALLED_INTERVAL_MS: '1000',
    WORKER_CONCURRENCY: '2',
    MAIL_RETRY_BASE_SECONDS: '1',
    MAIL_RETRY_MAX_SECONDS: '2',
    MAIL_MAX_ATTEMPTS: '20',
    PUBLIC_BASE_URL: 'https://esa-flow.example.test',
    WORKER_METRICS_PORT: '0',
    ...extra,
  };
}

function spawnWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; logs: LogLine[]; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/worker/test/support/worker-process-child.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: LogLine[] = [];
  let buffer = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 0, time: 0, msg: `(not JSON) ${line}` });
      }
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      if (code !== 0 && stderr) logs.push({ level: 60, time: 0, msg: `stderr: ${stderr.slice(0, 2000)}` });
      resolve(code);
    }),
  );
  return { child, logs, exited };
}

async function startWorkerProcess(extra: Record<string, string>): Promise<WorkerChild> {
  const { child, logs, exited } = spawnWorker(childEnv(extra));
  const listening = await waitUntil(
    async () => logs.find((l) => l.msg === 'metrics listening') ?? (child.exitCode !== null ? ({ failed: true } as never) : undefined),
    () => `the worker process to listen; its log: ${JSON.stringify(logs.slice(-5))}`,
    30_000,
    50,
  );
  expect(listening).toHaveProperty('port');
  const port = listening.port as number;
  const w: WorkerChild = {
    process: child,
    logs,
    port,
    async get(path, headers = {}) {
      return httpGet(`http://127.0.0.1:${port}${path}`, headers);
    },
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 15_000))]);
      if (code === 'late') {
        child.kill('SIGKILL');
        return exited;
      }
      return code;
    },
  };
  children.push(w);
  return w;
}

// --- the world ---------------------------------------------------------------------

type Group = 'reminder' | 'due_today' | 'overdue';

async function openCases(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await engine.startCase({ actor: hr, workflowId: 'sample-sla', officeId: a.officeId, title: `เรื่อง ${i}`, input: {} })).caseId);
  return ids;
}

/** Re-plans one kind of timer of these cases to come due from `inMs` on, `stepMs` apart (revision + 1, as a calendar change would). */
async function dueSoon(ids: string[], kind: Group, inMs: number, stepMs = 0): Promise<Date> {
  const base = clock.now().getTime() + inMs;
  await sql`
    with t as (select id, row_number() over (order by id) - 1 as k from sla_timers where case_id in (${sql.join(ids)}) and kind = ${kind} and status = 'pending')
    update sla_timers s set fire_at = ${new Date(base)}::timestamptz + (t.k * ${stepMs}) * interval '1 millisecond', revision = s.revision + 1
    from t where s.id = t.id`.execute(tdb.db);
  return new Date(base + (ids.length - 1) * stepMs);
}

async function timersOf(ids: string[], kind: Group) {
  const rows = await tdb.db
    .selectFrom('sla_timers as t')
    .leftJoin('notifications as n', 'n.timer_id', 't.id')
    .select(['t.id', 't.status', sql<number>`count(n.id)::int`.as('notes')])
    .where('t.case_id', 'in', ids)
    .where('t.kind', '=', kind)
    .groupBy(['t.id', 't.status'])
    .execute();
  return { total: rows.length, fired: rows.filter((r) => r.status === 'fired').length, notesPerTimer: [...new Set(rows.map((r) => r.notes))] };
}

async function waitFired(ids: string[], kind: Group, what: string, timeoutMs: number) {
  let last: unknown;
  const t = await waitUntil(
    async () => {
      const x = await timersOf(ids, kind);
      last = x;
      return x.fired === x.total ? x : undefined;
    },
    () => `${what}: every ${kind} timer fired; last seen ${JSON.stringify(last)}`,
    timeoutMs,
    50,
  );
  expect(t.total).toBe(ids.length);
  expect(t.notesPerTimer).toEqual([1]); // one notification per timer and person: fired once
  return t;
}

/** The notifications of these cases: the tasks of case start and what the timers wrote. */
async function notificationsOf(ids: string[]) {
  return tdb.db.selectFrom('notifications').select(['id', 'status', 'message_id', 'attempts']).where('case_id', 'in', ids).execute();
}

/** Every notification of these cases sent, and accepted by the SMTP server exactly once (by Message-ID). */
async function expectMailedOnce(ids: string[], smtp: SmtpSink, timeoutMs: number) {
  let last: unknown;
  const rows = await waitUntil(
    async () => {
      const r = await notificationsOf(ids);
      last = { statuses: countBy(r.map((n) => n.status)), received: smtp.received.length };
      return r.length > 0 && r.every((n) => n.status === 'sent') ? r : undefined;
    },
    () => `every notification sent; last seen ${JSON.stringify(last)}`,
    timeoutMs,
    50,
  );
  const received = countBy(smtp.received.map((m) => m.messageId));
  for (const n of rows) {
    expect(n.message_id).toBe(notificationMessageId(n.id));
    expect({ id: n.id, accepted: received[notificationMessageId(n.id)] ?? 0 }).toEqual({ id: n.id, accepted: 1 });
  }
  expect(Object.values(received).filter((c) => c > 1)).toEqual([]); // nothing at all arrived twice
  return rows;
}

/** Nothing due is left: no due timer pending, no notification of these cases pending or claimed. */
async function expectNothingPending(ids: string[]) {
  const due = await tdb.db.selectFrom('sla_timers').select('id').where('case_id', 'in', ids).where('status', '=', 'pending').where('fire_at', '<=', clock.now()).execute();
  const notes = await tdb.db.selectFrom('notifications').select('id').where('case_id', 'in', ids).where('status', 'in', ['pending', 'claimed']).execute();
  expect({ dueTimers: due.length, unsentNotifications: notes.length }).toEqual({ dueTimers: 0, unsentNotifications: 0 });
}

function countBy(values: (string | null)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}

const prefix = () => `p${randomBytes(3).toString('hex')}`;
/** after recovery, everything due is done within two promotion intervals, plus the work itself */
const RECOVERY_BOUND_MS = 2 * PROMOTION_INTERVAL_MS + SLACK_MS;

/** The shared script of (a) and (b): a burst due, the fault once its first timer fired, a group due after. */
async function burstThenFault(fault: () => Promise<void>) {
  const ids = await openCases(CASES);
  const smtp = await startSmtpSink();
  sinks.push(smtp);
  const w = await startWorkerProcess({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix(), SMTP_URL: smtp.url });

  await dueSoon(ids, 'reminder', 200);
  await waitFired(ids, 'reminder', 'before the fault', 20_000);

  // a burst spread over ~3 s: promoted at once (the horizon is 5 s), fired one after another
  await dueSoon(ids, 'due_today', 1_000, 100);
  await waitUntil(async () => (await timersOf(ids, 'due_today')).fired > 0, 'the burst to begin', 20_000);
  await fault();
  const mid = await timersOf(ids, 'due_today');
  expect(mid.fired).toBeLessThan(mid.total); // the fault really hit the burst: the rest were jobs in Redis
  await waitFired(ids, 'due_today', 'the burst, after the fault', 3_000 + RECOVERY_BOUND_MS);

  const lastDue = await dueSoon(ids, 'overdue', 500);
  await waitFired(ids, 'overdue', 'after the fault', lastDue.getTime() - clock.now().getTime() + RECOVERY_BOUND_MS);
  await expectMailedOnce(ids, smtp, 20_000);
  await expectNothingPending(ids);
  expect(await w.stop()).toBe(0);
  return { ids, w, smtp };
}

describe('the worker process survives its surroundings failing (issue 15)', () => {
  it('(a) Redis FLUSHALL mid-burst: the passes keep running; every timer fires once and every mail arrives once', async () => {
    await burstThenFault(() => redis.flushAll());
  });

  it('(b) Redis restarted without persistence mid-burst: the same', async () => {
    await burstThenFault(() => redis.restart());
  });

  it('(c) Redis down for a while: one warning per interval, timers fire and mail goes out meanwhile, /readyz says degraded, all caught up after', async () => {
    const ids = await openCases(CASES);
    const smtp = await startSmtpSink();
    sinks.push(smtp);
    const w = await startWorkerProcess({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix(), SMTP_URL: smtp.url });
    expect((await w.get('/readyz')).status).toBe(200);

    await dueSoon(ids, 'reminder', 200);
    await waitFired(ids, 'reminder', 'before the outage', 20_000);

    await redis.stop();
    const outage = stopwatch();
    const logsBefore = w.logs.length;
    await dueSoon(ids, 'due_today', 300, 20);
    // without Redis: the promotion pass fires them itself, and the delivery pass mails them
    await waitFired(ids, 'due_today', 'during the outage', RECOVERY_BOUND_MS);
    const during = await tdb.db.selectFrom('notifications').select('id').where('case_id', 'in', ids).where('kind', '=', 'due').execute();
    await waitUntil(
      async () => during.every((n) => smtp.received.some((m) => m.messageId === notificationMessageId(n.id))),
      'the mails of the outage to arrive during it',
      10_000,
    );
    const ready = await w.get('/readyz');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'degraded', checks: { database: 'ok', queue: 'unreachable' } });
    await waitUntil(async () => outage.elapsedMs() >= REDIS_DOWN_MS, 'the outage to last its configured length', REDIS_DOWN_MS + 1_000, 50);
    const outageMs = outage.elapsedMs();
    const complaints = w.logs.slice(logsBefore).filter((l) => l.level >= 40);
    expect(complaints.some((l) => /queue unreachable/.test(l.msg))).toBe(true);
    // one warning per promotion interval, not one per job or per reconnect attempt
    expect(complaints.length).toBeLessThanOrEqual(Math.ceil(outageMs / PROMOTION_INTERVAL_MS) + 2);

    await redis.start();
    const backAt = stopwatch().startedAt;
    await waitUntil(async () => ((await w.get('/readyz')).status === 200 ? true : undefined), 'ready again', RECOVERY_BOUND_MS);
    const lastDue = await dueSoon(ids, 'overdue', 300);
    await waitFired(ids, 'overdue', 'after the outage', lastDue.getTime() - clock.now().getTime() + RECOVERY_BOUND_MS);
    expect(w.logs.some((l) => l.msg.startsWith('queue reachable again') && l.time >= backAt - 1000)).toBe(true);
    // the outage's timers were fired by the pass itself, those after it by jobs again
    const firedBy = await tdb.db.selectFrom('sla_timers').select(['kind', 'fired_by']).where('case_id', 'in', ids).where('status', '=', 'fired').execute();
    expect(firedBy.filter((t) => t.kind === 'due_today').every((t) => t.fired_by?.endsWith('/direct'))).toBe(true);
    expect(firedBy.filter((t) => t.kind === 'overdue').some((t) => t.fired_by?.endsWith('/direct'))).toBe(false);

    await expectMailedOnce(ids, smtp, 20_000);
    await expectNothingPending(ids);
    expect(await w.stop()).toBe(0);
  });

  it('(d) SMTP refusing with 451 for a while, then accepting: each mail arrives exactly once', async () => {
    const ids = await openCases(CASES);
    const smtp = await startSmtpSink();
    sinks.push(smtp);
    const token = randomBytes(16).toString('hex');
    const w = await startWorkerProcess({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix(), SMTP_URL: smtp.url, METRICS_TOKEN: token });

    await dueSoon(ids, 'reminder', 200);
    await waitFired(ids, 'reminder', 'before the refusals', 20_000);
    await waitUntil(async () => (await notificationsOf(ids)).every((n) => n.status === 'sent'), 'the first mails to go out', 20_000);

    smtp.refuseData = () => ({ code: 451, message: '4.3.0 try again later' });
    const refusingFrom = smtp.offered.length;
    await dueSoon(ids, 'due_today', 200, 20);
    await waitFired(ids, 'due_today', 'while the mail server refuses', RECOVERY_BOUND_MS);
    await waitUntil(async () => smtp.offered.length > refusingFrom, 'a refused attempt', 10_000);
    const refusals = stopwatch();
    await waitUntil(async () => refusals.elapsedMs() >= SMTP_REFUSING_MS, 'the refusals to last', SMTP_REFUSING_MS + 1_000, 50);
    const retried = await tdb.db.selectFrom('notifications').select('id').where('case_id', 'in', ids).where('last_error_code', '=', 'MAIL_DEFERRED').execute();
    expect(retried.length).toBeGreaterThan(0);
    smtp.refuseData = () => undefined;

    const lastDue = await dueSoon(ids, 'overdue', 300);
    await waitFired(ids, 'overdue', 'after the refusals', lastDue.getTime() - clock.now().getTime() + RECOVERY_BOUND_MS);
    await expectMailedOnce(ids, smtp, 20_000);
    await expectNothingPending(ids);

    // the counters saw it; /metrics wants the token
    expect((await w.get('/metrics')).status).toBe(401);
    const metrics = await w.get('/metrics', { authorization: `Bearer ${token}` });
    expect(metrics.status).toBe(200);
    const sent = Number(/^esa_worker_mails_sent_total (\d+)/m.exec(metrics.body)?.[1]);
    const retriedCount = Number(/^esa_worker_mails_retried_total (\d+)/m.exec(metrics.body)?.[1]);
    expect(sent).toBeGreaterThanOrEqual(CASES * 4); // tasks, reminders, due, overdue notices
    expect(retriedCount).toBeGreaterThan(0);
    expect(metrics.body).toMatch(/^esa_worker_due_timers_pending 0$/m);
    expect(metrics.body).toMatch(/^esa_worker_timer_lag_seconds 0$/m);
    expect(metrics.body).toMatch(/^esa_worker_queue_up 1$/m);
    expect(metrics.body).toMatch(/^esa_worker_pass_duration_seconds_count\{pass="delivery",result="ok"\} \d+$/m);
    expect(metrics.body).toMatch(/^esa_worker_queue_jobs\{queue="esa-timers",state="delayed"\} \d+$/m);
    expect(await w.stop()).toBe(0);
  });

  it('(h) clock skew: a worker whose clock runs 5 minutes ahead fires nothing early; the database\'s clock decides', async () => {
    // the database notes the real moment each timer is fired (its own clock, shifted into the test's world)
    await sql`create table fired_seen (timer_id bigint primary key, seen_at timestamptz not null)`.execute(tdb.db);
    await sql`create function note_fired() returns trigger language plpgsql security definer as $$
      begin
        if new.status = 'fired' and old.status <> 'fired' then
          insert into fired_seen values (new.id, clock_timestamp() + interval '${sql.raw(String(Math.round(offsetMs)))} milliseconds') on conflict do nothing;
        end if;
        return new;
      end $$`.execute(tdb.db);
    await sql`create trigger note_fired after update on sla_timers for each row execute function note_fired()`.execute(tdb.db);
    try {
      const ids = await openCases(CASES);
      const smtp = await startSmtpSink();
      sinks.push(smtp);
      const prefixNow = prefix();
      const right = await startWorkerProcess({ REDIS_URL: redis.url, QUEUE_PREFIX: prefixNow, SMTP_URL: smtp.url });
      const ahead = await startWorkerProcess({ REDIS_URL: redis.url, QUEUE_PREFIX: prefixNow, SMTP_URL: smtp.url, TEST_CLOCK_SKEW_MS: String(SKEW_MS) });
      const warned = ahead.logs.find((l) => /differs from the database/.test(l.msg));
      expect(warned).toBeDefined();
      expect(Math.abs(Number(warned!.offsetMs) + SKEW_MS)).toBeLessThan(1_000); // it measured its own skew
      expect(right.logs.some((l) => /differs from the database/.test(l.msg))).toBe(false);
      const aheadId = String(ahead.logs.find((l) => l.msg === 'worker started')?.id);

      // both running: timers due one after another over 3 s
      let lastDue = await dueSoon(ids, 'reminder', 1_000, 100);
      await waitFired(ids, 'reminder', 'with both workers', lastDue.getTime() - clock.now().getTime() + RECOVERY_BOUND_MS);
      // only the one ahead: it must fire them itself, and none early
      expect(await right.stop()).toBe(0);
      lastDue = await dueSoon(ids, 'due_today', 1_000, 100);
      await waitFired(ids, 'due_today', 'with the worker ahead alone', lastDue.getTime() - clock.now().getTime() + RECOVERY_BOUND_MS);
      const byAhead = await tdb.db.selectFrom('sla_timers').select('fired_by').where('case_id', 'in', ids).where('kind', '=', 'due_today').execute();
      expect(byAhead.every((t) => t.fired_by === aheadId)).toBe(true);

      const seen = await sql<{ kind: string; early_ms: number; late_ms: number }>`
        select t.kind, extract(epoch from (t.fire_at - s.seen_at)) * 1000 as early_ms, extract(epoch from (s.seen_at - t.fire_at)) * 1000 as late_ms
        from sla_timers t join fired_seen s on s.timer_id = t.id where t.case_id in (${sql.join(ids)})`.execute(tdb.db);
      expect(seen.rows).toHaveLength(2 * CASES);
      // fired at or after its moment by the database's clock (the measurement is good to a few ms; 5 min early is what a skewed clock would do)
      const early = seen.rows.filter((r) => Number(r.early_ms) > CLOCK_TOLERANCE_MS);
      expect(early).toEqual([]);
      // and not much later: a job taken early by the worker ahead is left to the next promotion pass
      expect(Math.max(...seen.rows.map((r) => Number(r.late_ms)))).toBeLessThan(RECOVERY_BOUND_MS);
      await expectMailedOnce(ids, smtp, 20_000);
      await expectNothingPending(ids);
      expect(await ahead.stop()).toBe(0);
    } finally {
      await sql`drop trigger if exists note_fired on sla_timers`.execute(tdb.db);
      await sql`drop function if exists note_fired()`.execute(tdb.db);
      await sql`drop table if exists fired_seen`.execute(tdb.db);
    }
  });

  it('refuses to start on a database this release cannot use, naming pnpm migrate (exit 1)', async () => {
    const bare = await createTestDatabase({ maxConnections: 2 }); // migrated, but no workflow published
    try {
      const { logs, exited } = spawnWorker(childEnv({ DATABASE_URL: bare.url, REDIS_URL: redis.url }));
      expect(await exited).toBe(1);
      const fatal = logs.find((l) => l.level === 60);
      expect(fatal).toMatchObject({ code: 'WORKFLOWS_NOT_PUBLISHED', missingWorkflows: ['sample-sla@1'], remedy: 'pnpm migrate' });
      expect(fatal!.msg).toMatch(/pnpm migrate/);
      expect(fatal!.msg).toMatch(/ยังไม่ได้เผยแพร่กระบวนงาน/);
      expect(typeof fatal!.time).toBe('number');
    } finally {
      await bare.drop();
    }
  });
});
