import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { claimDueNotifications, createDatabase, type Database } from '@esa-flow/engine/internal';
import { createTestDatabase, type TestDatabase, engineOn } from '@esa-flow/engine/testing';
import { createSmtpTransport, deliverDueNotifications, notificationMessageId, type DeliveryReport, type MailTransport } from '../src/index';
import { insertNotification, openSampleCase, testMailConfig, type OutboxWorld } from './support/outbox';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';

let tdb: TestDatabase;
let sink: SmtpSink;
let world: OutboxWorld;
/** two deliverers: each its own pool and its own SMTP transport, as two processes would have */
let pools: Database[] = [];
let transports: MailTransport[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  sink = await startSmtpSink();
  world = await openSampleCase(tdb);
  pools = [0, 1].map(() => createDatabase({ connectionString: tdb.url, maxConnections: 3 }));
  transports = [0, 1].map(() => createSmtpTransport(sink.url));
});
afterAll(async () => {
  await Promise.all(transports.map((t) => t.close()));
  await Promise.all(pools.map((p) => p.destroy()));
  await sink.close();
  await tdb.drop();
});

async function fillOutbox(count: number): Promise<string[]> {
  const { office, caseId, clock } = world;
  const users = Object.values(office.users);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const user = users[i % users.length]!;
    ids.push(
      await insertNotification(tdb, { caseId, recipientUserId: user.userId, kind: i % 2 ? 'reminder' : 'due', availableAt: clock.now() }),
    );
  }
  return ids;
}

async function pendingIds(): Promise<string[]> {
  return (await tdb.db.selectFrom('notifications').select('id').where('status', '=', 'pending').execute()).map((r) => r.id);
}

describe('several deliverers at once', () => {
  it('claim disjoint batches of the same due rows', async () => {
    const due = [...(await pendingIds()), ...(await fillOutbox(40))];
    const now = world.clock.now();
    const rounds = await Promise.all(
      Array.from({ length: 10 }, (_, i) => claimDueNotifications(pools[i % 2]!, { now, limit: 5, claimToken: randomUUID() })),
    );
    const claimed = rounds.flat().map((c) => c.id);
    expect(claimed.length).toBeGreaterThan(0);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.every((id) => due.includes(id))).toBe(true);
    // hand them back untouched for the next test
    await tdb.db
      .updateTable('notifications')
      .set({ status: 'pending', claim_token: null, claimed_at: null, attempts: 0 })
      .where('id', 'in', claimed)
      .execute();
  });

  it('deliver every notification exactly once', async () => {
    const ids = [...(await pendingIds()), ...(await fillOutbox(24))];
    expect(ids.length).toBe(1 + 40 + 24);
    const config = testMailConfig({ MAIL_BATCH_SIZE: '3', MAIL_SEND_CONCURRENCY: '2' });
    const run = async (i: number) => {
      const reports: DeliveryReport[] = [];
      for (;;) {
        const r = await deliverDueNotifications({ engine: engineOn(pools[i]!), clock: world.clock, transport: transports[i]!, config });
        reports.push(r);
        if (r.claimed === 0) return reports;
      }
    };
    const [a, b] = await Promise.all([run(0), run(1)]);
    const sent = (rs: DeliveryReport[]) => rs.reduce((n, r) => n + r.sent, 0);
    expect(sent(a!) + sent(b!)).toBe(ids.length);
    expect([...a!, ...b!].every((r) => r.retried === 0 && r.failed === 0 && r.lost === 0)).toBe(true);

    const arrived = sink.received.map((m) => m.messageId);
    expect(arrived).toHaveLength(ids.length);
    expect(new Set(arrived)).toEqual(new Set(ids.map(notificationMessageId)));
    const rows = await tdb.db.selectFrom('notifications').select(['status', 'attempts']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
