import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { createTestDatabase, seedOffice, type TestDatabase, engineOn } from '@esa-flow/engine/testing';
import { createSmtpTransport, deliverDueNotifications, notificationMessageId, type MailConfig, type MailTransport } from '../src/index';
import { listFailedNotifications } from '@esa-flow/engine/internal';
import { markNotificationSent } from '@esa-flow/engine/internal';
import { BASE_URL, deps, insertNotification, notificationRow, openSampleCase, testMailConfig, type OutboxWorld } from './support/outbox';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

let tdb: TestDatabase;
let sink: SmtpSink;
let smtp: MailTransport;
let world: OutboxWorld;
const config: MailConfig = testMailConfig({ MAIL_MAX_ATTEMPTS: '4' });
const MINUTE = 60_000;
const dueAt = '2025-02-06T09:30:00Z'; // 6 ก.พ. 2568 16.30 น.

beforeAll(async () => {
  tdb = await createTestDatabase();
  sink = await startSmtpSink();
  smtp = createSmtpTransport(sink.url);
  world = await openSampleCase(tdb);
});
afterEach(() => {
  sink.refuseData = () => undefined;
  sink.refuseRecipient = () => undefined;
});
afterAll(async () => {
  await smtp.close();
  await sink.close();
  await tdb.drop();
});

const deliver = (transport: MailTransport = smtp, c: MailConfig = config) =>
  deliverDueNotifications({ ...deps(tdb, world.clock, transport, c), random: () => 1 });

function arrivedFor(id: string) {
  return sink.received.filter((m) => m.messageId === notificationMessageId(id));
}

describe('deliverDueNotifications over SMTP', () => {
  it('sends the Thai template to a Thai reader and the English one to an English reader', async () => {
    const { office, caseId, clock } = world;
    const task = await tdb.db
      .selectFrom('notifications')
      .select('id')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'task')
      .executeTakeFirstOrThrow();
    await tdb.db.updateTable('users').set({ preferred_lang: 'en' }).where('id', '=', office.users.hr.userId).execute();
    const base = {
      caseId,
      availableAt: clock.now(),
      payload: { title: 'คำขอทดสอบ', dueAt, stepLabel: { th: 'ผู้อำนวยการสถานศึกษาตรวจสอบ', en: 'School director review' } },
    };
    const due = await insertNotification(tdb, { ...base, recipientUserId: office.users.director.userId, kind: 'due' });
    const overdue = await insertNotification(tdb, { ...base, recipientUserId: office.users.hr.userId, kind: 'overdue' });
    // no users.email: the person's address is used
    await tdb.db.updateTable('users').set({ email: null }).where('id', '=', office.users.area.userId).execute();
    const escalation = await insertNotification(tdb, { ...base, recipientUserId: office.users.area.userId, kind: 'escalation' });

    expect(await deliver()).toEqual({ claimed: 4, sent: 4, retried: 0, failed: 0, reclaimed: 0, lost: 0 });

    const [taskMail] = arrivedFor(task.id);
    expect(taskMail?.subject).toBe('งานใหม่รอท่านดำเนินการ: คำขอทดสอบ (New task for you)');
    expect(taskMail?.text).toContain('ขั้นตอน: ผู้อำนวยการสถานศึกษาตรวจสอบ');
    expect(taskMail?.text).toContain(`${BASE_URL}/cases/${caseId}`);
    expect(taskMail?.html).toContain(`href="${BASE_URL}/cases/${caseId}"`);
    expect(taskMail?.envelopeTo).toEqual([(await userEmail(office.users.director.userId))!]);
    expect(taskMail?.headers.get('from')).toBe('สพป.ทดสอบ <no-reply@esa-flow.example.test>');
    expect(taskMail?.headers.get('auto-submitted')).toBe('auto-generated');

    const [dueMail] = arrivedFor(due);
    expect(dueMail?.subject).toBe('ครบกำหนดวันนี้: คำขอทดสอบ (Due today)');
    expect(dueMail?.text).toContain('กำหนดเสร็จ: 6 กุมภาพันธ์ 2568 16.30 น.');

    const [enMail] = arrivedFor(overdue);
    expect(enMail?.subject).toBe('Overdue: คำขอทดสอบ');
    expect(enMail?.text).toContain('Step: School director review');
    expect(enMail?.text).toContain('Due: 6 February B.E. 2568, 16:30');
    expect(enMail?.text).not.toContain('ขั้นตอน');

    const [escalated] = arrivedFor(escalation);
    const person = await tdb.db.selectFrom('people').select('email').where('id', '=', office.users.area.personId).executeTakeFirstOrThrow();
    expect(escalated?.envelopeTo).toEqual([person.email]);

    const row = await notificationRow(tdb, overdue);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      sent_at: clock.now(),
      message_id: notificationMessageId(overdue),
      sent_to: await userEmail(office.users.hr.userId),
      claim_token: null,
      claimed_at: null,
    });
    expect(row.smtp_response).toMatch(/^250 /);
    expect(await deliver()).toMatchObject({ claimed: 0, sent: 0 });
    expect(sink.received).toHaveLength(4);
  });

  it('retries a 451 later with growing backoff, then delivers with the same Message-ID', async () => {
    const { office, caseId, clock } = world;
    const id = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.director.userId,
      kind: 'reminder',
      availableAt: clock.now(),
    });
    sink.refuseData = () => ({ code: 451, message: '4.3.0 Mailbox busy, try again later' });

    expect(await deliver()).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
    let row = await notificationRow(tdb, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error_code: 'MAIL_DEFERRED', claim_token: null });
    expect(row.last_error).toContain('451');
    // base 60 s, jitter at its top (random = 1): one minute
    expect(row.available_at.getTime() - clock.now().getTime()).toBe(1 * MINUTE);
    expect(await deliver()).toMatchObject({ claimed: 0 });

    clock.advanceMs(1 * MINUTE);
    expect(await deliver()).toMatchObject({ claimed: 1, retried: 1 });
    row = await notificationRow(tdb, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.available_at.getTime() - clock.now().getTime()).toBe(2 * MINUTE);

    sink.refuseData = () => undefined;
    clock.advanceMs(2 * MINUTE);
    expect(await deliver()).toMatchObject({ claimed: 1, sent: 1 });
    row = await notificationRow(tdb, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, message_id: notificationMessageId(id) });

    const offered = sink.offered.filter((m) => m.messageId === notificationMessageId(id));
    expect(offered).toHaveLength(3);
    expect(new Set(offered.map((m) => m.messageId))).toEqual(new Set([`<notification-${id}@esa-flow>`]));
    expect(arrivedFor(id)).toHaveLength(1);
  });

  it('retries when the server cannot be reached at all', async () => {
    const { office, caseId, clock } = world;
    const down = await startSmtpSink();
    await down.close();
    const unreachable = createSmtpTransport(down.url);
    const id = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.director.userId,
      kind: 'reminder',
      availableAt: clock.now(),
    });
    try {
      expect(await deliver(unreachable)).toMatchObject({ claimed: 1, retried: 1 });
    } finally {
      await unreachable.close();
    }
    const row = await notificationRow(tdb, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error_code: 'MAIL_DEFERRED' });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    clock.advanceMs(MINUTE);
    expect(await deliver()).toMatchObject({ sent: 1 });
  });

  it('fails a 550 at once and never tries it again', async () => {
    const { office, caseId, clock } = world;
    const bad = await userEmail(office.users.teacher2.userId);
    const id = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.teacher2.userId,
      kind: 'task',
      availableAt: clock.now(),
    });
    sink.refuseRecipient = (address) => (address === bad ? { code: 550, message: '5.1.1 No such user here' } : undefined);

    expect(await deliver()).toMatchObject({ claimed: 1, failed: 1, retried: 0 });
    const row = await notificationRow(tdb, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error_code: 'MAIL_REJECTED', failed_at: clock.now(), sent_at: null });
    expect(row.last_error).toContain('550');

    clock.advanceMs(24 * 60 * MINUTE);
    expect(await deliver()).toMatchObject({ claimed: 0 });
    expect((await notificationRow(tdb, id)).attempts).toBe(1);
    expect(sink.offered.filter((m) => m.messageId === notificationMessageId(id))).toHaveLength(0);
  });

  it('fails a notification whose recipient has no address, without calling the server', async () => {
    const { office, caseId, clock } = world;
    await tdb.db.updateTable('users').set({ email: null }).where('id', '=', office.users.auditor.userId).execute();
    await tdb.db.updateTable('people').set({ email: null }).where('id', '=', office.users.auditor.personId).execute();
    const id = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.auditor.userId,
      kind: 'overdue',
      availableAt: clock.now(),
    });
    const offeredBefore = sink.offered.length;
    expect(await deliver()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await notificationRow(tdb, id)).toMatchObject({ status: 'failed', last_error_code: 'NOTIFICATION_NO_ADDRESS' });
    expect(sink.offered.length).toBe(offeredBefore);
  });

  it('gives up after the last allowed attempt', async () => {
    const { office, caseId, clock } = world;
    const id = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.director.userId,
      kind: 'due',
      availableAt: clock.now(),
    });
    sink.refuseData = () => ({ code: 452, message: '4.3.1 Insufficient system storage' });
    for (let attempt = 1; attempt < config.maxAttempts; attempt += 1) {
      expect(await deliver()).toMatchObject({ retried: 1 });
      clock.advanceMs(60 * MINUTE);
    }
    expect(await deliver()).toMatchObject({ failed: 1, retried: 0 });
    const row = await notificationRow(tdb, id);
    expect(row).toMatchObject({ status: 'failed', attempts: config.maxAttempts, last_error_code: 'MAIL_DEFERRED' });
    expect(row.last_error).toMatch(/^gave up after 4 attempts: 452 /);
  });

  it('lists the failed notifications of an office for its supervisors, and only of that office', async () => {
    const failed = await listFailedNotifications(tdb.db, { officeId: world.office.officeId });
    expect(failed.map((f) => f.lastErrorCode).sort()).toEqual(['MAIL_DEFERRED', 'MAIL_REJECTED', 'NOTIFICATION_NO_ADDRESS']);
    expect(failed[0]).toMatchObject({ caseId: world.caseId, caseTitle: 'คำขอทดสอบ', step: 'schoolReview' });
    expect(failed.every((f) => f.failedAt instanceof Date && f.recipientUsername.length > 0)).toBe(true);
    expect(failed.map((f) => f.failedAt.getTime())).toEqual([...failed.map((f) => f.failedAt.getTime())].sort((a, b) => b - a));
    const older = await listFailedNotifications(tdb.db, { officeId: world.office.officeId, before: failed[0]!.failedAt });
    expect(older.length).toBeLessThan(failed.length);
    const other = await seedOffice(tdb.db, 'Other');
    expect(await listFailedNotifications(tdb.db, { officeId: other.officeId })).toEqual([]);
  });

  it('reaps a claim older than the threshold and delivers it; the stale claimer can no longer record anything', async () => {
    const { office, caseId, clock } = world;
    const stale = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.director.userId,
      kind: 'reminder',
      availableAt: clock.now(),
    });
    const young = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.hr.userId,
      kind: 'reminder',
      availableAt: clock.now(),
    });
    const deadToken = randomUUID();
    const liveToken = randomUUID();
    // A deliverer claimed `stale` 11 minutes ago and died; another claimed `young` 5 minutes ago.
    await claimAs(stale, deadToken, new Date(clock.now().getTime() - 11 * MINUTE));
    await claimAs(young, liveToken, new Date(clock.now().getTime() - 5 * MINUTE));

    expect(await deliver()).toMatchObject({ reclaimed: 1, claimed: 1, sent: 1 });
    expect(await notificationRow(tdb, stale)).toMatchObject({ status: 'sent', attempts: 2, last_error_code: 'MAIL_DELIVERY_INTERRUPTED' });
    expect(arrivedFor(stale)).toHaveLength(1);
    expect(await notificationRow(tdb, young)).toMatchObject({ status: 'claimed', claim_token: liveToken });

    // The dead deliverer wakes up: its token no longer matches, nothing is written.
    expect(
      await markNotificationSent(tdb.db, {
        id: stale,
        claimToken: deadToken,
        now: clock.now(),
        messageId: 'x',
        response: '250 late',
        sentTo: 'x',
      }),
    ).toBe(false);
    expect((await notificationRow(tdb, stale)).smtp_response).toMatch(/^250 /);

    // A claim that keeps dying is failed once its attempts are used up.
    await tdb.db.updateTable('notifications').set({ attempts: config.maxAttempts }).where('id', '=', young).execute();
    clock.advanceMs(10 * MINUTE);
    expect(await deliver()).toMatchObject({ reclaimed: 0, failed: 1, claimed: 0 });
    expect(await notificationRow(tdb, young)).toMatchObject({
      status: 'failed',
      last_error_code: 'MAIL_DELIVERY_INTERRUPTED',
      claim_token: null,
    });
  });
});

describe('deliverDueNotifications when the database drops a connection (issue 15 f)', () => {
  const isClaim = (node: RootOperationNode) => node.kind === 'UpdateQueryNode' && node.with !== undefined;
  const isSentMark = (node: RootOperationNode) =>
    node.kind === 'UpdateQueryNode' && node.with === undefined && JSON.stringify(node.updates).includes('"sent_at"');
  const isMailLoad = (node: RootOperationNode) => node.kind === 'SelectQueryNode' && JSON.stringify(node).includes('"preferred_lang"');
  const deliverThrough = (plugin: KyselyPlugin) =>
    deliverDueNotifications({ ...deps(tdb, world.clock, smtp, config), engine: engineOn(tdb.db.withPlugin(plugin)), random: () => 1 });
  const dueNow = () =>
    insertNotification(tdb, {
      caseId: world.caseId,
      recipientUserId: world.office.users.director.userId,
      kind: 'reminder',
      availableAt: world.clock.now(),
    });

  it('a claim that committed but whose answer was lost is given back at once, not left to the reaper', async () => {
    const id = await dueNow();
    const lost = failOnce(isClaim, 'after');
    await expect(deliverThrough(lost)).rejects.toThrow(/Connection terminated/);
    expect(lost.failed).toBe(true);
    expect(await notificationRow(tdb, id)).toMatchObject({ status: 'pending', claim_token: null, attempts: 0 });
    expect(await deliver()).toMatchObject({ sent: 1, lost: 0 });
    expect(await notificationRow(tdb, id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(arrivedFor(id)).toHaveLength(1);
  });

  it('a claim whose rows could not be read is given back before anything is sent', async () => {
    const id = await dueNow();
    const before = sink.received.length;
    await expect(deliverThrough(failOnce(isMailLoad, 'before'))).rejects.toThrow(/Connection terminated/);
    expect(sink.received.length).toBe(before);
    expect(await notificationRow(tdb, id)).toMatchObject({ status: 'pending', claim_token: null, attempts: 0 });
    await deliver();
    expect(arrivedFor(id)).toHaveLength(1);
  });

  it("a 'sent' mark on a connection that had died is tried again: recorded once, the mail not sent twice", async () => {
    const id = await dueNow();
    const dead = failOnce(isSentMark, 'before');
    expect(await deliverThrough(dead)).toMatchObject({ sent: 1, lost: 0 });
    expect(dead.failed).toBe(true);
    expect(await notificationRow(tdb, id)).toMatchObject({ status: 'sent', claim_token: null, attempts: 1 });
    expect(arrivedFor(id)).toHaveLength(1);
  });
});

/**
 * A connection the database ended, once, on the first query `pick` matches:
 * 'before' it runs (the pooled connection was already dead), or 'after' it
 * committed (the answer lost with the connection).
 */
function failOnce(pick: (node: RootOperationNode) => boolean, when: 'before' | 'after'): KyselyPlugin & { failed: boolean } {
  const picked = new WeakSet<object>();
  const dropped = () => new Error('Connection terminated unexpectedly');
  const plugin: KyselyPlugin & { failed: boolean } = {
    failed: false,
    transformQuery(args) {
      if (!plugin.failed && pick(args.node)) {
        if (when === 'before') {
          plugin.failed = true;
          throw dropped();
        }
        picked.add(args.queryId);
      }
      return args.node;
    },
    async transformResult(args) {
      if (!plugin.failed && picked.has(args.queryId)) {
        plugin.failed = true;
        throw dropped();
      }
      return args.result;
    },
  };
  return plugin;
}

async function claimAs(id: string, token: string, at: Date) {
  await tdb.db
    .updateTable('notifications')
    .set((eb) => ({ status: 'claimed', claim_token: token, claimed_at: at, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

async function userEmail(userId: string): Promise<string | null> {
  return (await tdb.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email;
}
