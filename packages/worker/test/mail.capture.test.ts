import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase, engineOn } from '@esa-flow/engine/testing';
import { createMailTransport, deliverDueNotifications, notificationMessageId } from '../src/index';
import { listCapturedMail } from '@esa-flow/engine/internal';
import { BASE_URL, insertNotification, notificationRow, openSampleCase, testMailConfig, type OutboxWorld } from './support/outbox';

let tdb: TestDatabase;
let world: OutboxWorld;

beforeAll(async () => {
  tdb = await createTestDatabase();
  world = await openSampleCase(tdb);
});
afterAll(() => tdb.drop());

describe('without an SMTP server', () => {
  it('chooses SMTP when SMTP_URL is set and capture otherwise', async () => {
    const smtp = createMailTransport({
      config: testMailConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }),
      engine: engineOn(tdb.db),
      clock: world.clock,
    });
    const capture = createMailTransport({ config: testMailConfig(), engine: engineOn(tdb.db), clock: world.clock });
    expect([smtp.kind, capture.kind]).toEqual(['smtp', 'capture']);
    await Promise.all([smtp.close(), capture.close()]);
  });

  it('captures mail in captured_mail instead of sending it, once per notification', async () => {
    const { office, caseId, clock } = world;
    const config = testMailConfig();
    const transport = createMailTransport({ config, engine: engineOn(tdb.db), clock });
    const task = await tdb.db.selectFrom('notifications').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const reminder = await insertNotification(tdb, {
      caseId,
      recipientUserId: office.users.hr.userId,
      kind: 'reminder',
      availableAt: clock.now(),
    });

    expect(await deliverDueNotifications({ engine: engineOn(tdb.db), clock, transport, config })).toMatchObject({ claimed: 2, sent: 2 });
    const rows = await tdb.db.selectFrom('captured_mail').selectAll().orderBy('id').execute();
    expect(rows.map((r) => r.notification_id).sort()).toEqual([task.id, reminder].sort());
    const hrAddress = (await tdb.db.selectFrom('users').select('email').where('id', '=', office.users.hr.userId).executeTakeFirstOrThrow())
      .email!;
    const mine = await listCapturedMail(tdb.db, { to: hrAddress });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      notificationId: reminder,
      subject: 'แจ้งเตือนงานใกล้ครบกำหนด: คำขอทดสอบ (Reminder: due soon)',
      messageId: notificationMessageId(reminder),
      createdAt: clock.now(),
    });
    expect(mine[0]!.text).toContain(`${BASE_URL}/cases/${caseId}`);
    expect(mine[0]!.html).toContain('<html lang="th">');
    expect(await notificationRow(tdb, reminder)).toMatchObject({ status: 'sent', smtp_response: 'captured', sent_to: hrAddress });

    // a re-send after a crash (same Message-ID) keeps one row
    await tdb.db.updateTable('notifications').set({ status: 'pending' }).where('id', '=', reminder).execute();
    expect(await deliverDueNotifications({ engine: engineOn(tdb.db), clock, transport, config })).toMatchObject({ sent: 1 });
    expect(await listCapturedMail(tdb.db, { to: hrAddress })).toHaveLength(1);
    expect(await listCapturedMail(tdb.db)).toHaveLength(2);
  });
});
