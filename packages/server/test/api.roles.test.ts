/**
 * Role grants, the last admin, the captured mailbox and what an office learns
 * of others (security review H2/M1/M7/M9/L8): each refusal a 4xx with a
 * catalogue code and a Thai and English message, and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { startServerWorld, type ServerWorld } from './support/server-world';

let w: ServerWorld;
beforeAll(async () => {
  w = await startServerWorld();
});
afterAll(() => w.close());

let seq = 0;
/** a user of office A without roles */
async function newUser(): Promise<string> {
  const person = await w.tdb.db
    .insertInto('people')
    .values({ first_name_th: 'ผู้ใช้', last_name_th: `บทบาท ${++seq}`, office_id: w.a.officeId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (
    await w.tdb.db
      .insertInto('users')
      .values({ username: `roles-user-${seq}`, person_id: person.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}
const grants = async () => Number((await sql<{ n: string }>`select count(*) as n from role_assignments`.execute(w.tdb.db)).rows[0]!.n);
const inForce = async (officeId: string) =>
  Number(
    (
      await sql<{
        n: string;
      }>`select count(*) as n from role_assignments where office_id = ${officeId} and (valid_until is null or valid_until > now())`.execute(
        w.tdb.db,
      )
    ).rows[0]!.n,
  );
const grant = (userId: string, body: Record<string, unknown>) =>
  w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${userId}/roles`, body);

describe('granting roles', () => {
  it('grants a school role only with a school of the office, and an office role only without one', async () => {
    const userId = await newUser();
    const before = await grants();
    for (const role of ['teacher', 'school_director'] as const) {
      const res = await grant(userId, { role, schoolId: null });
      expect({ role, status: res.statusCode }).toEqual({ role, status: 422 });
      expect(res.json()).toMatchObject({
        code: 'ROLE_NEEDS_SCHOOL',
        message: { th: expect.stringContaining('โรงเรียน'), en: expect.stringContaining('school role') },
      });
    }
    for (const role of ['hr_officer', 'area_director', 'admin', 'committee_member', 'auditor'] as const) {
      const res = await grant(userId, { role, schoolId: w.a.schoolIds[0] });
      expect({ role, status: res.statusCode }).toEqual({ role, status: 422 });
      expect(res.json()).toMatchObject({
        code: 'ROLE_TAKES_NO_SCHOOL',
        message: { th: expect.any(String), en: expect.stringContaining('office role') },
      });
    }
    // another office's school does not exist here
    expect((await grant(userId, { role: 'school_director', schoolId: w.b.schoolIds[0] })).statusCode).toBe(404);
    expect(await grants()).toBe(before);

    expect((await grant(userId, { role: 'school_director', schoolId: w.a.schoolIds[1] })).statusCode).toBe(201);
    expect((await grant(userId, { role: 'group_director', schoolId: null })).statusCode).toBe(201);
    expect(await grants()).toBe(before + 2);
  });
});

describe('the office’s last admin', () => {
  const adminGrant = async (userId: string) =>
    (
      await w.tdb.db
        .selectFrom('role_assignments')
        .select('id')
        .where('user_id', '=', userId)
        .where('role', '=', 'admin')
        .where('valid_until', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
  const revoke = (userId: string, assignmentId: string) =>
    w.call('a.admin', 'DELETE', `/api/offices/${w.a.officeId}/users/${userId}/roles/${assignmentId}`);

  it('refuses to revoke the last admin grant in force; a future grant or a disabled admin does not count', async () => {
    const me = w.a.users.admin.userId;
    const mine = await adminGrant(me);
    const before = await inForce(w.a.officeId);
    const refused = await revoke(me, mine);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'LAST_ADMIN_GRANT',
      message: { th: expect.stringContaining('ผู้ดูแลระบบคนสุดท้าย'), en: expect.stringContaining('last admin') },
    });
    expect(await inForce(w.a.officeId)).toBe(before);

    // an admin from next year on is not an admin now
    const future = await newUser();
    expect((await grant(future, { role: 'admin', validFrom: '2030-01-01T00:00:00+07:00' })).statusCode).toBe(201);
    expect((await revoke(me, mine)).json().code).toBe('LAST_ADMIN_GRANT');
    // a disabled user's admin grant neither
    const disabled = await newUser();
    expect((await grant(disabled, { role: 'admin' })).statusCode).toBe(201);
    expect((await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users/${disabled}/disable`)).statusCode).toBe(200);
    expect((await revoke(me, mine)).json().code).toBe('LAST_ADMIN_GRANT');

    // with a second admin in force, either grant may go — but then the other is the last
    const second = await newUser();
    expect((await grant(second, { role: 'admin' })).statusCode).toBe(201);
    const secondGrant = await adminGrant(second);
    expect((await revoke(second, secondGrant)).statusCode).toBe(200);
    expect((await revoke(me, mine)).json().code).toBe('LAST_ADMIN_GRANT');
    // a future admin grant itself may always be revoked
    expect((await revoke(future, await adminGrant(future))).statusCode).toBe(200);
  });
});

describe('the captured mailbox', () => {
  it('shows each user the mail of their own notifications, never another’s with the same address', async () => {
    const shared = 'same-address@example.test';
    await w.tdb.db.updateTable('users').set({ email: shared }).where('id', 'in', [w.a.users.teacher.userId, w.b.users.hr.userId]).execute();
    const mail = async (recipientUserId: string, subject: string) => {
      const n = await w.tdb.db
        .insertInto('notifications')
        .values({
          case_id: null,
          history_seq: null,
          recipient_user_id: recipientUserId,
          kind: 'digest',
          step: `mailbox-${++seq}`,
          payload: '{}',
          available_at: new Date(),
          created_at: new Date(),
          status: 'sent',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await w.tdb.db
        .insertInto('captured_mail')
        .values({
          notification_id: n.id,
          to: shared,
          subject,
          text: subject,
          html: '',
          message_id: `<m-${n.id}@test>`,
          created_at: new Date(),
        })
        .execute();
    };
    await mail(w.a.users.teacher.userId, 'จดหมายของครู');
    await mail(w.b.users.hr.userId, 'จดหมายลับของเขตบี');
    // mail captured without a notification is nobody's by address alone
    await w.tdb.db
      .insertInto('captured_mail')
      .values({
        notification_id: null,
        to: shared,
        subject: 'ไม่มีเจ้าของ',
        text: '',
        html: '',
        message_id: `<orphan-${seq}@test>`,
        created_at: new Date(),
      })
      .execute();

    const teacher = (await w.call('a.teacher', 'GET', '/api/mailbox')).json() as { items: { subject: string }[] };
    expect(teacher.items.map((m) => m.subject)).toEqual(['จดหมายของครู']);
    const bHr = (await w.call('b.hr', 'GET', '/api/mailbox')).json() as { items: { subject: string }[] };
    expect(bHr.items.map((m) => m.subject)).toEqual(['จดหมายลับของเขตบี']);
    expect((await w.call('a.hr', 'GET', '/api/mailbox')).json().items).toEqual([]);
  });
});

describe('nothing learnt about other offices', () => {
  it('says only "cannot be imported" for a citizen id or school code of another office, on a dry run and for real', async () => {
    const bCitizen = '3100100123451';
    await w.tdb.db
      .insertInto('people')
      .values({ citizen_id: bCitizen, first_name_th: 'คนเขตบี', last_name_th: 'ลับ', office_id: w.b.officeId })
      .execute();
    const bCode = (await w.tdb.db.selectFrom('schools').select('code').where('office_id', '=', w.b.officeId).executeTakeFirstOrThrow())
      .code;
    for (const dryRun of [true, false]) {
      const staff = await w.call(
        'a.hr',
        'POST',
        `/api/offices/${w.a.officeId}/import/staff?dryRun=${dryRun}`,
        `citizen_id,first_name_th,last_name_th\r\n${bCitizen},ใหม่,ทดสอบ\r\n`,
        { 'content-type': 'text/csv' },
      );
      expect(staff.statusCode).toBe(200);
      expect(staff.json().rows[0]).toMatchObject({
        status: 'rejected',
        reasons: [{ code: 'citizen_id_not_importable', en: 'citizen id: this citizen id cannot be imported' }],
      });
      const schools = await w.call(
        'a.hr',
        'POST',
        `/api/offices/${w.a.officeId}/import/schools?dryRun=${dryRun}`,
        `code,name_th\r\n${bCode},โรงเรียนใหม่\r\n`,
        { 'content-type': 'text/csv' },
      );
      expect(schools.json().rows[0]).toMatchObject({
        status: 'rejected',
        reasons: [{ code: 'school_code_not_importable', en: 'school code: this school code cannot be imported' }],
      });
      for (const body of [staff.body, schools.body]) {
        expect(body).not.toMatch(/another office|สำนักงานเขตอื่น|registered/);
        expect(body).not.toContain(w.b.officeId);
      }
    }
    expect(await w.tdb.db.selectFrom('people').select('office_id').where('citizen_id', '=', bCitizen).execute()).toEqual([
      { office_id: w.b.officeId },
    ]);
  });

  it('keeps usernames unique without telling which office holds one', async () => {
    const person = await w.tdb.db
      .insertInto('people')
      .values({ first_name_th: 'ผู้ใช้', last_name_th: 'ชื่อซ้ำ', office_id: w.a.officeId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const bUsername = (
      await w.tdb.db.selectFrom('users').select('username').where('id', '=', w.b.users.hr.userId).executeTakeFirstOrThrow()
    ).username;
    const res = await w.call('a.admin', 'POST', `/api/offices/${w.a.officeId}/users`, {
      personId: person.id,
      username: bUsername,
      password: 'รหัสผ่านเริ่มต้น-2568',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail.issues).toEqual([expect.objectContaining({ path: 'username', code: 'taken' })]);
    expect(res.body).not.toContain(w.b.officeId);
    expect(res.body).not.toMatch(/office|สำนักงานเขต/i);
  });
});
