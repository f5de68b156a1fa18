/**
 * Who holds the steps a case stands at, stored on its row
 * (`cases.waiting_for`, `cases.waiting_keys`: access/role-holders.ts
 * `stepHolderKeys`): the engine writes it with every state it writes — a new
 * case, an event that moves it, a case that is done — and `pnpm migrate`
 * (`migrateDatabase`) fills it, the same, for cases written before it was
 * stored; the inbox answers the same before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { ManualClock, WorkflowRegistry, type Engine } from '../src/index';
import { createEngine, engineDeps, inboxPage, migrateDatabase, publishWorkflows } from '../src/internal';
import { holderKeysFingerprint } from '../src/access/holder-keys-form';
import { stepHolderKeys } from '../src/access/role-holders';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let registry: WorkflowRegistry;
const clock = new ManualClock('2025-08-04T02:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  registry = new WorkflowRegistry([sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
});
afterAll(() => tdb.drop());

const stored = async () =>
  (await tdb.db.selectFrom('cases').select(['id', 'state', 'status', 'waiting_for', 'waiting_keys']).orderBy('id').execute()).map((r) => ({
    ...r,
    waiting_keys: r.waiting_keys ?? null,
  }));

describe('who holds the steps, stored on the case row', () => {
  it('is written with every state the engine writes, and filled the same by pnpm migrate for cases written before', async () => {
    const hr = await actorOf(tdb.db, a.users.hr);
    const director = await actorOf(tdb.db, a.users.director);
    const teacher = await actorOf(tdb.db, a.users.teacher);
    const start = (schoolId: string | null, subjectPersonId: string | null) =>
      engine.startCase({
        actor: hr,
        workflowId: 'sample-approval',
        officeId: a.officeId,
        schoolId,
        subjectPersonId,
        title: 'คำขอ',
        input: { amount: 1 },
      });
    const atSchool = await start(a.schoolIds[0]!, a.users.teacher.personId);
    const certified = await start(a.schoolIds[0]!, a.users.teacher.personId);
    await engine.dispatch({ actor: director, caseId: certified.caseId, type: 'CERTIFY', payload: {} });
    const returned = await start(a.schoolIds[0]!, a.users.teacher.personId);
    await engine.dispatch({ actor: director, caseId: returned.caseId, type: 'RETURN', payload: { note: 'แก้ไข' } });
    const withdrawn = await start(a.schoolIds[0]!, a.users.teacher.personId);
    await engine.dispatch({ actor: teacher, caseId: withdrawn.caseId, type: 'WITHDRAW', payload: {} });

    const written = await stored();
    const byId = new Map(written.map((r) => [r.id, r]));
    const o = a.officeId;
    const s = a.schoolIds[0]!;
    expect(byId.get(atSchool.caseId)).toMatchObject({
      state: 'schoolReview',
      waiting_for: { schoolReview: [`${o}/school_director`, `${o}/school_director/${s}`] },
      waiting_keys: [`${o}/school_director`, `${o}/school_director/${s}`],
    });
    expect(byId.get(certified.caseId)).toMatchObject({
      state: 'hrCheck',
      waiting_for: { hrCheck: [`${o}/hr_officer`, `${o}/hr_officer/${s}`] },
    });
    expect(byId.get(returned.caseId)).toMatchObject({ state: 'returned', waiting_for: { returned: ['subject'] }, waiting_keys: [] });
    expect(byId.get(withdrawn.caseId)).toMatchObject({ status: 'done', waiting_for: {}, waiting_keys: [] });

    const inboxes = async () =>
      Promise.all(
        [a.users.hr, a.users.director, a.users.teacher].map((u) =>
          inboxPage(engineDeps(engine), { userId: u.userId, now: clock.now(), limit: 100, offset: 0, atRiskBefore: clock.now() }),
        ),
      );
    const before = await inboxes();
    expect(before.map((p) => p.total)).toEqual([1, 1, 1]);

    // as a case written before the columns existed: the migration leaves an active case unfilled
    await sql`update cases set waiting_for = null, waiting_keys = null where status = 'active'`.execute(tdb.db);
    expect((await inboxes()).map((p) => p.total)).toEqual([0, 0, 0]);
    const outcome = await migrateDatabase(tdb.db, registry);
    expect(outcome.holders.filled).toBeGreaterThan(0);
    expect(await stored()).toEqual(written);
    expect(await inboxes()).toEqual(before);
  });
  it("is written again by pnpm migrate when the program's rule differs from the one it was written by, and only then", async () => {
    const hr = await actorOf(tdb.db, a.users.hr);
    await engine.startCase({
      actor: hr,
      workflowId: 'sample-approval',
      officeId: a.officeId,
      schoolId: a.schoolIds[0]!,
      subjectPersonId: a.users.teacher.personId,
      title: 'คำขอ',
      input: { amount: 1 },
    });
    // a rule that names other holders (here: not the HR officer) has another fingerprint
    expect(
      holderKeysFingerprint((meta, scope, context) =>
        stepHolderKeys({ ...meta, roles: meta.roles.filter((r) => r !== 'hr_officer') }, scope, context),
      ),
    ).not.toBe(holderKeysFingerprint());
    await migrateDatabase(tdb.db, registry);
    const recorded = await tdb.db.selectFrom('stored_forms').select(['name', 'fingerprint']).execute();
    expect(recorded).toEqual([{ name: 'holder_keys', fingerprint: holderKeysFingerprint() }]);
    const written = await stored();
    expect(written.some((r) => r.status === 'active')).toBe(true);
    const waitingRows = async () =>
      (await sql<Record<string, unknown>>`select * from case_waiting order by case_id, step, holder_key`.execute(tdb.db)).rows;
    const inboxRows = await waitingRows();
    expect(inboxRows.length).toBeGreaterThan(0);

    // what an older rule wrote (a key the program no longer writes): the same rule recorded, so it is kept
    const older = async () =>
      sql`update cases set waiting_for = '{"schoolReview":["older/key"]}'::jsonb, waiting_keys = '{older/key}' where status = 'active'`.execute(
        tdb.db,
      );
    await older();
    expect((await migrateDatabase(tdb.db, registry)).holders).toEqual({ filled: 0, rewritten: null });
    const kept = await stored();
    expect(kept.filter((r) => r.status === 'active').every((r) => JSON.stringify(r.waiting_keys) === '["older/key"]')).toBe(true);

    // recorded as written by another rule: written again by this program's, and the inbox's rows with it
    await sql`update stored_forms set fingerprint = 'another rule' where name = 'holder_keys'`.execute(tdb.db);
    const activeCases = written.filter((r) => r.status === 'active').length;
    expect((await migrateDatabase(tdb.db, registry)).holders).toEqual({ filled: 0, rewritten: activeCases });
    expect(await stored()).toEqual(written);
    expect(await waitingRows()).toEqual(inboxRows);
    expect((await tdb.db.selectFrom('stored_forms').select('fingerprint').executeTakeFirstOrThrow()).fingerprint).toBe(
      holderKeysFingerprint(),
    );
  });
});
