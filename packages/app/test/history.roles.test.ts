/**
 * The two database roles: `pnpm migrate`'s grants leave the application role
 * able to run the engine (open and advance a case, verify it) but not to
 * change the history behind the engine's back: PostgreSQL itself refuses
 * UPDATE, DELETE, TRUNCATE and every trigger change on case_history.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ManualClock, urlWithUser, WorkflowRegistry, type Actor, type Engine } from '@esa-flow/engine';
import {
  connectedAsOwner,
  createDatabase,
  createEngine,
  grantAppRole,
  migrateDatabase,
  setAppRolePassword,
  type Database,
} from '@esa-flow/engine/internal';
import {
  actorOf,
  createTestDatabase,
  sampleApproval,
  seedOffice,
  type OfficeFixture,
  type TestDatabase,
} from '../../engine/test/support/index';
import { ADMIN_DATABASE_URL } from '../../engine/test/support/database-url';

const role = `esa_flow_app_t_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('base64url');
let tdb: TestDatabase;
let appDb: Database;
let appUrl: string;
let engine: Engine;
let caseId: string;
let a: OfficeFixture;
const who: Record<string, Actor> = {};
const registry = new WorkflowRegistry([sampleApproval]);

/** One statement on a fresh connection of the application role; `$1` is the case id. */
async function asApp(statement: string): Promise<unknown> {
  const db = createDatabase({ connectionString: appUrl, maxConnections: 1 });
  try {
    return (await sql.raw(statement.replaceAll('$1', `'${caseId}'`)).execute(db)).rows;
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const outcome = await migrateDatabase(tdb.db, registry, { appRole: role, queueInPostgres: false });
  expect(outcome.appRole).toEqual({ role, created: true, canLogin: false });
  await setAppRolePassword(tdb.db, role, password);
  appUrl = urlWithUser(tdb.url, role, password);
  appDb = createDatabase({ connectionString: appUrl, maxConnections: 4 });
  engine = createEngine({ db: appDb, registry, clock: new ManualClock('2026-12-03T03:00:00Z') });
  a = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(appDb, u);
});

afterAll(async () => {
  await appDb?.destroy();
  await tdb?.drop();
  const admin = createDatabase({ connectionString: ADMIN_DATABASE_URL, maxConnections: 1 });
  try {
    await sql`drop role if exists ${sql.id(role)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
});

describe('the application role', () => {
  it('runs the engine: opens a case, advances it through every step, with an intact history', async () => {
    ({ caseId } = await engine.startCase({
      actor: who.teacher!,
      workflowId: 'sample-approval',
      officeId: a.officeId,
      schoolId: a.schoolIds[0],
      subjectPersonId: a.users.teacher.personId,
      title: 'ขออนุมัติ',
      input: { amount: 3 },
      idempotencyKey: 'open-1',
    }));
    await engine.dispatch({ actor: who.director!, caseId, type: 'CERTIFY', payload: {} });
    await engine.dispatch({ actor: who.hr!, caseId, type: 'CHECK', payload: { score: 88 } });
    const done = await engine.dispatch({ actor: who.area!, caseId, type: 'APPROVE', payload: { orderNo: '5/2569' } });
    expect(done.status).toBe('done');
    expect(await engine.verifyHistory(caseId)).toEqual({ ok: true, length: 4 });
    expect(await asApp('select current_user as u')).toEqual([{ u: role }]);
  });

  it.each([
    ['UPDATE', `update case_history set reason = 'x' where case_id = $1`],
    ['DELETE', `delete from case_history where case_id = $1`],
  ])('is refused %s on case_history by PostgreSQL (not by the trigger)', async (_what, statement) => {
    await expect(asApp(statement)).rejects.toMatchObject({
      code: '42501',
      message: expect.stringContaining('permission denied for table case_history'),
    });
  });

  it.each([
    ['TRUNCATE', 'truncate case_history cascade'],
    ['DISABLE TRIGGER', 'alter table case_history disable trigger case_history_no_change'],
    ['DROP TRIGGER', 'drop trigger case_history_no_change on case_history'],
    ['CREATE TRIGGER', 'create trigger t2 before insert on case_history for each row execute function case_history_append_only()'],
    [
      'replacing the trigger function',
      `create or replace function case_history_append_only() returns trigger language plpgsql as $$ begin return old; end $$`,
    ],
    ['session_replication_role', 'set session_replication_role = replica'],
    ['ALTER TABLE', 'alter table case_history add column x int'],
    ['UPDATE of the published workflows', `update workflow_versions set content_hash = 'x'`],
  ])('is refused %s', async (_what, statement) => {
    await expect(asApp(statement)).rejects.toMatchObject({ code: '42501' });
  });

  it('may still not touch a history row inside a transaction that also writes the case', async () => {
    await expect(
      appDb.transaction().execute(async (trx) => {
        await sql`update cases set title = 'x' where id = ${caseId}`.execute(trx);
        await sql`update case_history set payload = '{}' where case_id = ${caseId} and seq = 1`.execute(trx);
      }),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('owns nothing: the history, its trigger and function belong to the migrating role', async () => {
    const owners = await sql<{ owner: string }>`
      select pg_get_userbyid(relowner) as owner from pg_class where relname = 'case_history'
      union all select pg_get_userbyid(proowner) from pg_proc where proname = 'case_history_append_only'`.execute(tdb.db);
    expect(owners.rows).toHaveLength(2);
    for (const { owner } of owners.rows) expect(owner).not.toBe(role);
    // what the API and the worker check at start-up to warn about the owner's URL
    expect(await connectedAsOwner(appDb)).toEqual({ user: role, owner: false });
    expect(await connectedAsOwner(tdb.db)).toMatchObject({ owner: true });
  });

  it('pnpm migrate again keeps the grants; migrating as the application role is refused', async () => {
    const again = await migrateDatabase(tdb.db, registry, { appRole: role, queueInPostgres: false });
    expect(again.appRole).toEqual({ role, created: false, canLogin: true });
    await expect(grantAppRole(appDb, role, { queueInPostgres: false })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(asApp('delete from case_history where case_id = $1')).rejects.toMatchObject({ code: '42501' });
  });
});
