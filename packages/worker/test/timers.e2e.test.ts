/**
 * End to end, on both queue backends, with an injected clock: a case enters a
 * step with a 3-working-day deadline on the Friday before Songkran 2568; the
 * reminder, the due notice, the overdue notice and the escalations are written
 * at exactly their moments, to the right people, and never before.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock, WorkflowRegistry, type Engine } from '@esa-flow/engine';
import { createEngine, publishWorkflows } from '@esa-flow/engine/internal';
import {
  actorOf,
  createTestDatabase,
  sampleSla,
  seedOffice,
  type OfficeFixture,
  type TestDatabase,
  engineOn,
} from '../../engine/test/support/index';
import { loadWorkerConfig } from '../src/config';
import { startWorker, type RunningWorker } from '../src/worker-runtime';
import { deliverDueNotifications, loadMailConfig, createSmtpTransport, type MailConfig, type MailTransport } from '../src/index';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { startTestRedis, type TestRedis } from './support/redis-server';
import { waitUntil } from '../../engine/test/support/wait-until';

// The HR officer reads English; the directors read Thai. Both see the due date in the Buddhist era.
const moments: { at: string; kind: string; to: 'hr' | 'group' | 'area'; subject: RegExp; body: RegExp }[] = [
  { at: '2025-04-17T01:30:00Z', kind: 'reminder', to: 'hr', subject: /^Reminder: due soon/, body: /21 April B\.E\. 2568, 16:30/ }, // Thu 17 Apr 08:30
  { at: '2025-04-21T01:30:00Z', kind: 'due', to: 'hr', subject: /^Due today/, body: /21 April B\.E\. 2568, 16:30/ }, // Mon 21 Apr 08:30
  { at: '2025-04-21T09:30:00Z', kind: 'overdue', to: 'hr', subject: /^Overdue/, body: /21 April B\.E\. 2568, 16:30/ }, // Mon 21 Apr 16:30
  { at: '2025-04-22T09:30:00Z', kind: 'escalation', to: 'group', subject: /^รายงานเรื่องเกินกำหนด/, body: /21 เมษายน 2568/ }, // Tue 22 Apr 16:30
  { at: '2025-04-23T09:30:00Z', kind: 'escalation', to: 'area', subject: /^รายงานเรื่องเกินกำหนด/, body: /21 เมษายน 2568/ }, // Wed 23 Apr 16:30
];

describe.each(['redis', 'postgres'] as const)('SLA timers end to end on the %s backend', (backend) => {
  let tdb: TestDatabase;
  let redis: TestRedis | undefined;
  let engine: Engine;
  let worker: RunningWorker;
  let a: OfficeFixture;
  let smtp: SmtpSink;
  let transport: MailTransport;
  let mailConfig: MailConfig;
  const clock = new ManualClock('2025-04-11T07:00:00Z');

  beforeAll(async () => {
    tdb = await createTestDatabase();
    if (backend === 'redis') redis = await startTestRedis();
    const registry = new WorkflowRegistry([sampleSla]);
    await publishWorkflows(tdb.db, registry);
    engine = createEngine({ db: tdb.db, registry, clock });
    a = await seedOffice(tdb.db);
    await tdb.db.updateTable('users').set({ preferred_lang: 'en' }).where('id', '=', a.users.hr.userId).execute();
    smtp = await startSmtpSink();
    mailConfig = loadMailConfig({ SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://esa-flow.example.test' });
    transport = createSmtpTransport(smtp.url);
    const config = loadWorkerConfig({
      DATABASE_URL: tdb.url,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      PROMOTION_HORIZON_MS: '1000',
      PROMOTION_INTERVAL_MS: '3600000',
      DELIVERY_INTERVAL_MS: '3600000',
      TIMER_POLL_MS: '3600000',
    });
    worker = await startWorker(engine, config);
  });
  afterAll(async () => {
    await worker?.stop();
    await redis?.stop();
    await smtp?.close();
    await tdb?.drop();
  });

  // Redis: the promotion pass makes a delayed job of each timer due within the horizon;
  // PostgreSQL: the ledger is the queue, the firing loop takes due timers from it
  const timerPass = async () => (backend === 'redis' ? (await worker.promote()).promoted : worker.fireDue());

  it('fires each notice at its moment, not a minute before, to the right person', async () => {
    const teacher = await actorOf(tdb.db, a.users.teacher);
    const { caseId } = await engine.startCase({
      actor: teacher,
      workflowId: 'sample-sla',
      officeId: a.officeId,
      schoolId: a.schoolIds[0],
      subjectPersonId: a.users.teacher.personId,
      title: 'คำขอประเมิน',
      input: {},
    });
    const timerNotes = () =>
      tdb.db
        .selectFrom('notifications')
        .select(['kind', 'recipient_user_id', 'created_at'])
        .where('case_id', '=', caseId)
        .where('timer_id', 'is not', null)
        .orderBy('id')
        .execute();

    for (const [i, m] of moments.entries()) {
      clock.set(new Date(new Date(m.at).getTime() - 60_000));
      expect(await timerPass()).toBe(0);
      expect(await timerNotes()).toHaveLength(i);

      clock.set(m.at);
      expect(await timerPass()).toBe(1);
      const notes = await waitUntil(async () => {
        const n = await timerNotes();
        return n.length === i + 1 ? n : undefined;
      }, `notice ${m.kind} at ${m.at}`);
      expect(notes[i]).toEqual({ kind: m.kind, recipient_user_id: a.users[m.to].userId, created_at: new Date(m.at) });

      // …and the e-mail goes out, in the recipient's language, with the due date in the right era
      const report = await deliverDueNotifications({ engine: engineOn(tdb.db), clock, transport, config: mailConfig });
      expect(report.sent).toBeGreaterThanOrEqual(1);
      const mail = smtp.received.find((r) => r.envelopeTo.some((t) => t.startsWith(`${m.to}-`)) && m.subject.test(r.subject ?? ''));
      expect(mail).toBeDefined();
      expect(mail!.text).toMatch(m.body);
      expect(mail!.text).toContain(`https://esa-flow.example.test/cases/${caseId}`);
    }
    // nothing left that fires twice: another pass at the end promotes only the next escalation
    clock.set('2025-04-23T09:31:00Z');
    expect(await timerPass()).toBe(0);
  });
});
