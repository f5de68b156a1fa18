/**
 * Mail and the people it is for (security review L8, M1): a notification
 * queued for a user who has since been disabled is not sent (it fails at once,
 * NOTIFICATION_RECIPIENT_DISABLED, never retried); the captured mailbox is
 * read by recipient user, so two users sharing an address never read each
 * other's mail.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase, engineOn } from '@esa-flow/engine/testing';
import { createMailTransport, deliverDueNotifications } from '../src/index';
import { listCapturedMail } from '@esa-flow/engine/internal';
import { insertNotification, notificationRow, openSampleCase, testMailConfig, type OutboxWorld } from './support/outbox';

let tdb: TestDatabase;
let world: OutboxWorld;

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await openSampleCase(tdb);
});
afterAll(() => tdb.drop());

describe('mail to disabled users and shared addresses', () => {
  it('sends nothing to a user disabled after the notification was queued, and reads the mailbox by user, not by address', async () => {
    const { office, caseId, clock } = world;
    const config = testMailConfig();
    const transport = createMailTransport({ config, engine: engineOn(tdb.db), clock });
    // whatever the sample case queued goes out first
    await deliverDueNotifications({ engine: engineOn(tdb.db), clock, transport, config });
    await tdb.db.deleteFrom('captured_mail').execute();

    // two users of the office share one address
    const shared = 'shared-inbox@example.test';
    await tdb.db
      .updateTable('users')
      .set({ email: shared })
      .where('id', 'in', [office.users.hr.userId, office.users.area.userId])
      .execute();
    const toHr = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.hr.userId,
      kind: 'reminder',
      availableAt: clock.now(),
    });
    const toArea = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.area.userId,
      kind: 'reminder',
      availableAt: clock.now(),
    });
    const toDisabled = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.director.userId,
      kind: 'reminder',
      availableAt: clock.now(),
    });
    await tdb.db.updateTable('users').set({ disabled_at: clock.now() }).where('id', '=', office.users.director.userId).execute();

    expect(await deliverDueNotifications({ engine: engineOn(tdb.db), clock, transport, config })).toMatchObject({
      claimed: 3,
      sent: 2,
      failed: 1,
      retried: 0,
    });
    expect(await notificationRow(tdb, toDisabled)).toMatchObject({
      status: 'failed',
      last_error_code: 'NOTIFICATION_RECIPIENT_DISABLED',
      sent_at: null,
    });
    const captured = await tdb.db.selectFrom('captured_mail').select('notification_id').execute();
    expect(captured.map((c) => c.notification_id).sort()).toEqual([toHr, toArea].sort());

    // by address, both mails; by user, each their own
    expect(await listCapturedMail(tdb.db, { to: shared })).toHaveLength(2);
    expect((await listCapturedMail(tdb.db, { recipientUserId: office.users.hr.userId })).map((m) => m.notificationId)).toEqual([toHr]);
    expect((await listCapturedMail(tdb.db, { recipientUserId: office.users.area.userId })).map((m) => m.notificationId)).toEqual([toArea]);
    expect(await listCapturedMail(tdb.db, { recipientUserId: office.users.director.userId })).toEqual([]);
  });
});
