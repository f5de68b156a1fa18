import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { createEngine, publishWorkflows, engineDeps } from '../src/internal';
import { fireDueTimerBatch, fireTimer, fireTimers } from '../src/sla/fire-timer';
import { actorOf, createTestDatabase, sampleSla, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
const clock = new ManualClock('2025-04-11T07:00:00Z'); // Friday 11 Apr 2568, 14:00 in Bangkok, before Songkran
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleSla]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

async function open(at: string): Promise<string> {
  clock.set(at);
  const r = await engine.startCase({
    actor: who.teacher!,
    workflowId: 'sample-sla',
    officeId: a.officeId,
    schoolId: a.schoolIds[0],
    subjectPersonId: a.users.teacher.personId,
    title: 'ขอรับการประเมิน',
    input: {},
  });
  return r.caseId;
}

const clocksOf = (caseId: string) =>
  tdb.db.selectFrom('sla_clocks').selectAll().where('case_id', '=', caseId).orderBy('started_at').orderBy('step').execute();
const timersOf = (caseId: string) =>
  tdb.db
    .selectFrom('sla_timers')
    .select(['id', 'kind', 'level', 'fire_at', 'status'])
    .where('case_id', '=', caseId)
    .orderBy('fire_at')
    .orderBy('kind')
    .execute();

describe('SLA clocks', () => {
  it('opens a clock on entry, due 3 working days later across Songkran, with its timers planned', async () => {
    const caseId = await open('2025-04-11T07:00:00Z');
    const [c] = await clocksOf(caseId);
    expect(c).toMatchObject({ step: 'review', status: 'running' });
    // working days after Fri 11 Apr: Thu 17 (14–16 Songkran and its substitute day), Fri 18, Mon 21 → 16:30 on 21 Apr
    expect(c!.due_at!.toISOString()).toBe('2025-04-21T09:30:00.000Z');
    const timers = await timersOf(caseId);
    expect(timers.map((t) => [t.kind, t.level, t.fire_at.toISOString(), t.status])).toEqual([
      ['reminder', 2, '2025-04-17T01:30:00.000Z', 'pending'], // 08:30 Thu 17 Apr, 2 working days before
      ['due_today', 0, '2025-04-21T01:30:00.000Z', 'pending'], // 08:30 on the due day
      ['overdue', 0, '2025-04-21T09:30:00.000Z', 'pending'], // 16:30 on the due day
      ['escalation', 1, '2025-04-22T09:30:00.000Z', 'pending'], // one working day later
    ]);
  });

  it('closes as met when left in time, and cancels the timers', async () => {
    const caseId = await open('2025-04-11T07:00:00Z');
    clock.set('2025-04-18T03:00:00Z');
    await engine.dispatch({ actor: who.hr!, caseId, type: 'FORWARD', payload: {} });
    const clocks = await clocksOf(caseId);
    expect(clocks.map((c) => [c.step, c.status])).toEqual([
      ['review', 'met'],
      ['decision', 'running'],
    ]);
    // Fri 18 Apr 10:00 + 1 working day → Mon 21 Apr 16:30
    expect(clocks[1]!.due_at!.toISOString()).toBe('2025-04-21T09:30:00.000Z');
    const review = (await timersOf(caseId)).filter((t) => t.status !== 'pending');
    expect(review.every((t) => t.status === 'cancelled')).toBe(true);
    expect(review).toHaveLength(4);
  });

  it('closes as breached when left late', async () => {
    const caseId = await open('2025-04-11T07:00:00Z');
    clock.set('2025-04-22T02:00:00Z');
    await engine.dispatch({ actor: who.hr!, caseId, type: 'FORWARD', payload: {} });
    expect((await clocksOf(caseId))[0]).toMatchObject({ step: 'review', status: 'breached' });
  });

  it('pauses while the applicant revises, keeping the office time left, and resumes it', async () => {
    const caseId = await open('2025-06-02T02:00:00Z'); // Mon 2 Jun 2568 is a special holiday; 09:00
    let [review] = await clocksOf(caseId);
    // working days: Wed 4 (3 Jun is the Queen's birthday), Thu 5, Fri 6 → 16:30 Fri 6 Jun
    expect(review!.due_at!.toISOString()).toBe('2025-06-06T09:30:00.000Z');
    clock.set('2025-06-05T02:30:00Z'); // Thu 09:30: 7 h today + 8 h Friday = 900 office minutes left
    await engine.dispatch({ actor: who.hr!, caseId, type: 'SEND_BACK', payload: {} });
    const paused = await clocksOf(caseId);
    expect(paused.find((c) => c.step === 'review')).toMatchObject({ status: 'paused', remaining_minutes: 900 });
    expect(paused.find((c) => c.step === 'revision')).toMatchObject({ status: 'running' });
    expect((await timersOf(caseId)).filter((t) => t.status === 'pending').every((t) => t.fire_at > new Date('2025-06-05T02:30:00Z'))).toBe(
      true,
    );

    clock.set('2025-06-09T03:30:00Z'); // Mon 9 Jun 10:30: the applicant sends the revision
    await engine.dispatch({ actor: who.teacher!, caseId, type: 'REVISED', payload: {} });
    const resumed = await clocksOf(caseId);
    review = resumed.find((c) => c.step === 'review');
    expect(review).toMatchObject({ status: 'running', remaining_minutes: null });
    // 900 minutes from Mon 10:30: 360 on Monday, 480 on Tuesday, 60 on Wednesday → Wed 11 Jun 09:30
    expect(review!.due_at!.toISOString()).toBe('2025-06-11T02:30:00.000Z');
    expect(resumed.find((c) => c.step === 'revision')).toMatchObject({ status: 'met' });
    const pending = (await timersOf(caseId)).filter((t) => t.status === 'pending');
    expect(pending.map((t) => t.kind)).toEqual(['due_today', 'overdue', 'escalation']);
  });

  it('cancels clocks still open when the case ends', async () => {
    const caseId = await open('2025-04-11T07:00:00Z');
    await engine.dispatch({ actor: who.hr!, caseId, type: 'FORWARD', payload: {} });
    await engine.dispatch({ actor: who.area!, caseId, type: 'APPROVE', payload: {} });
    const clocks = await clocksOf(caseId);
    expect(clocks.map((c) => c.status)).toEqual(['met', 'met']);
    expect((await timersOf(caseId)).some((t) => t.status === 'pending')).toBe(false);
  });
});

describe('firing timers', () => {
  it('notifies the assignees, then escalates up the chain, each timer once', async () => {
    const caseId = await open('2025-04-11T07:00:00Z');
    const timers = await timersOf(caseId);
    const byKind = (k: string) => timers.find((t) => t.kind === k)!;

    clock.set('2025-04-17T01:29:00Z');
    expect(await fireTimer(engineDeps(engine), byKind('reminder').id, { firedBy: 'test' })).toBe('not_due');
    clock.set('2025-04-17T01:30:00Z');
    expect(await fireTimer(engineDeps(engine), byKind('reminder').id, { firedBy: 'test' })).toBe('fired');
    expect(await fireTimer(engineDeps(engine), byKind('reminder').id, { firedBy: 'test' })).toBe('stale');

    clock.set('2025-04-21T09:30:00Z');
    expect(await fireTimer(engineDeps(engine), byKind('due_today').id, { firedBy: 'test' })).toBe('fired');
    expect(await fireTimer(engineDeps(engine), byKind('overdue').id, { firedBy: 'test' })).toBe('fired');
    clock.set('2025-04-22T09:30:00Z');
    expect(await fireTimer(engineDeps(engine), byKind('escalation').id, { firedBy: 'test' })).toBe('fired');
    const next = (await timersOf(caseId)).find((t) => t.kind === 'escalation' && t.level === 2)!;
    expect(next.fire_at.toISOString()).toBe('2025-04-23T09:30:00.000Z');
    clock.set('2025-04-23T09:30:00Z');
    expect(await fireTimer(engineDeps(engine), next.id, { firedBy: 'test' })).toBe('fired');

    const notes = await tdb.db
      .selectFrom('notifications')
      .select(['kind', 'recipient_user_id'])
      .where('case_id', '=', caseId)
      .where('timer_id', 'is not', null)
      .orderBy('id')
      .execute();
    expect(notes).toEqual([
      { kind: 'reminder', recipient_user_id: a.users.hr.userId },
      { kind: 'due', recipient_user_id: a.users.hr.userId },
      { kind: 'overdue', recipient_user_id: a.users.hr.userId },
      { kind: 'escalation', recipient_user_id: a.users.group.userId },
      { kind: 'escalation', recipient_user_id: a.users.area.userId },
    ]);
    const c = (await clocksOf(caseId))[0]!;
    expect(c.overdue_at?.toISOString()).toBe('2025-04-21T09:30:00.000Z');
  });

  it('does nothing when the case has moved on', async () => {
    const caseId = await open('2025-04-11T07:00:00Z');
    const overdue = (await timersOf(caseId)).find((t) => t.kind === 'overdue')!;
    clock.set('2025-04-18T03:00:00Z');
    await engine.dispatch({ actor: who.hr!, caseId, type: 'FORWARD', payload: {} });
    clock.set('2025-04-21T09:30:00Z');
    expect(await fireTimer(engineDeps(engine), overdue.id, { firedBy: 'test' })).toBe('stale');
    const notes = await tdb.db.selectFrom('notifications').select('id').where('timer_id', '=', overdue.id).execute();
    expect(notes).toEqual([]);
  });

  it('fires a timer once when many workers race for it', async () => {
    const caseId = await open('2025-04-11T07:00:00Z');
    const reminder = (await timersOf(caseId)).find((t) => t.kind === 'reminder')!;
    clock.set('2025-04-17T02:00:00Z');
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => fireTimer(engineDeps(engine), reminder.id, { firedBy: `w${i}` })),
    );
    expect(outcomes.filter((o) => o === 'fired')).toHaveLength(1);
    const notes = await tdb.db.selectFrom('notifications').select('id').where('timer_id', '=', reminder.id).execute();
    expect(notes).toHaveLength(1);
  });

  it('fires a batch in one transaction, each timer with its own outcome, as if fired alone', async () => {
    const [c1, c2, c3] = [await open('2025-04-11T07:00:00Z'), await open('2025-04-11T07:00:00Z'), await open('2025-04-11T07:00:00Z')];
    const [t1, t2, t3] = [await timersOf(c1), await timersOf(c2), await timersOf(c3)];
    const of = (ts: typeof t1, k: string) => ts.find((t) => t.kind === k)!;
    // c3 has moved on: its clock stopped, so its due timer is stale (and cancelled)
    clock.set('2025-04-18T03:00:00Z');
    await engine.dispatch({ actor: who.hr!, caseId: c3, type: 'FORWARD', payload: {} });
    clock.set('2025-04-21T09:30:00Z');
    const firstRevision = (
      await tdb.db.selectFrom('sla_timers').select('revision').where('id', '=', of(t2, 'due_today').id).executeTakeFirstOrThrow()
    ).revision;
    const outcomes = await fireTimers(
      engineDeps(engine),
      [
        { timerId: of(t1, 'due_today').id },
        { timerId: of(t1, 'overdue').id },
        { timerId: of(t2, 'due_today').id, revision: firstRevision + 1 }, // a newer revision's job: not this one
        { timerId: of(t2, 'escalation').id }, // not due until tomorrow
        { timerId: of(t3, 'overdue').id },
        { timerId: '999999999' }, // gone
      ],
      { firedBy: 'batch' },
    );
    expect(Object.fromEntries(outcomes)).toEqual({
      [of(t1, 'due_today').id]: 'fired',
      [of(t1, 'overdue').id]: 'fired',
      [of(t2, 'due_today').id]: 'stale',
      [of(t2, 'escalation').id]: 'not_due',
      [of(t3, 'overdue').id]: 'stale',
      '999999999': 'stale',
    });
    const notes = await tdb.db
      .selectFrom('notifications')
      .select(['case_id', 'kind', 'recipient_user_id'])
      .where('case_id', 'in', [c1, c2, c3])
      .where('timer_id', 'is not', null)
      .orderBy('id')
      .execute();
    expect(notes).toEqual([
      { case_id: c1, kind: 'due', recipient_user_id: a.users.hr.userId },
      { case_id: c1, kind: 'overdue', recipient_user_id: a.users.hr.userId },
    ]);
    expect((await clocksOf(c1))[0]!.overdue_at?.toISOString()).toBe('2025-04-21T09:30:00.000Z');
    expect((await timersOf(c3)).find((t) => t.kind === 'overdue' && t.fire_at.toISOString() === '2025-04-21T09:30:00.000Z')?.status).toBe(
      'cancelled',
    );
    // the same batch again: nothing fires twice
    const again = await fireTimers(engineDeps(engine), [{ timerId: of(t1, 'due_today').id }, { timerId: of(t1, 'overdue').id }], {
      firedBy: 'batch',
    });
    expect([...again.values()]).toEqual(['stale', 'stale']);
  });

  it('overlapping batches racing each other fire every timer exactly once', async () => {
    const cases = [];
    for (let i = 0; i < 12; i++) cases.push(await open('2025-04-11T07:00:00Z'));
    const reminders = [];
    for (const c of cases) reminders.push((await timersOf(c)).find((t) => t.kind === 'reminder')!.id);
    clock.set('2025-04-17T02:00:00Z');
    // four workers, each with a different overlapping slice, all at once
    const slices = [reminders.slice(0, 8), reminders.slice(4, 12), reminders.slice(2, 10), [...reminders].reverse()];
    const results = await Promise.all(
      slices.map((ids, w) =>
        fireTimers(
          engineDeps(engine),
          ids.map((timerId) => ({ timerId })),
          { firedBy: `w${w}` },
        ),
      ),
    );
    const fired = results.flatMap((r) => [...r].filter(([, o]) => o === 'fired').map(([id]) => id));
    expect(fired.sort()).toEqual([...reminders].sort());
    for (const r of results) for (const o of r.values()) expect(['fired', 'busy', 'stale']).toContain(o);
    const notes = await tdb.db.selectFrom('notifications').select('timer_id').where('timer_id', 'in', reminders).execute();
    expect(notes).toHaveLength(reminders.length);
  });

  it('one timer that cannot be fired holds back only itself: the batch is fired again one by one', async () => {
    const [good, bad] = [await open('2025-04-11T07:00:00Z'), await open('2025-04-11T07:00:00Z')];
    const goodTimer = (await timersOf(good)).find((t) => t.kind === 'reminder')!;
    const badTimer = (await timersOf(bad)).find((t) => t.kind === 'reminder')!;
    // a case on a workflow version this process does not know (e.g. a newer release published and wrote it)
    await sql`insert into workflow_versions
      select (jsonb_populate_record(null::workflow_versions, to_jsonb(w) || '{"version": 99}')).*
      from workflow_versions w where workflow_id = 'sample-sla' and version = 1 on conflict do nothing`.execute(tdb.db);
    await tdb.db.updateTable('cases').set({ workflow_version: 99 }).where('id', '=', bad).execute();
    clock.set('2025-04-17T02:00:00Z');
    try {
      // the bad one first: the good one after it still fires
      await expect(
        fireTimers(engineDeps(engine), [{ timerId: badTimer.id }, { timerId: goodTimer.id }], { firedBy: 'batch' }),
      ).rejects.toThrow();
      expect((await timersOf(good)).find((t) => t.id === goodTimer.id)?.status).toBe('fired');
      expect((await timersOf(bad)).find((t) => t.id === badTimer.id)?.status).toBe('pending');
    } finally {
      await tdb.db.updateTable('cases').set({ workflow_version: 1 }).where('id', '=', bad).execute();
    }
  });

  it('from the ledger: concurrent takes of due timers fire each once; a bad row is named and left out, the rest fire', async () => {
    // fire whatever earlier tests left due, so this test sees only its own timers
    clock.set('2025-06-30T00:00:00Z');
    for (
      let r = await fireDueTimerBatch(engineDeps(engine), { limit: 500, firedBy: 'sweep' });
      r.outcomes.size > 0;
      r = await fireDueTimerBatch(engineDeps(engine), { limit: 500, firedBy: 'sweep' })
    );
    const cases = [];
    for (let i = 0; i < 10; i++) cases.push(await open('2025-07-01T03:00:00Z'));
    const bad = cases[3]!;
    await sql`insert into workflow_versions
      select (jsonb_populate_record(null::workflow_versions, to_jsonb(w) || '{"version": 99}')).*
      from workflow_versions w where workflow_id = 'sample-sla' and version = 1 on conflict do nothing`.execute(tdb.db);
    await tdb.db.updateTable('cases').set({ workflow_version: 99 }).where('id', '=', bad).execute();
    try {
      const reminders = await tdb.db
        .selectFrom('sla_timers')
        .select('id')
        .where('case_id', 'in', cases)
        .where('kind', '=', 'reminder')
        .execute();
      const badReminder = (await timersOf(bad)).find((t) => t.kind === 'reminder')!.id;
      clock.set('2025-07-03T02:00:00Z'); // every reminder due (2 working days before the due day), nothing else yet
      const takes = await Promise.all([0, 1, 2].map((w) => fireDueTimerBatch(engineDeps(engine), { limit: 4, firedBy: `w${w}` })));
      const fired = takes.flatMap((t) => [...t.outcomes].filter(([, o]) => o === 'fired').map(([id]) => id));
      const failed = takes.flatMap((t) => t.failed);
      expect([...new Set(failed)]).toEqual([badReminder]); // each taker that met it names it
      expect(new Set(fired).size).toBe(fired.length); // none twice
      // what the first takes left is taken by the next, the bad one left out
      const rest = await fireDueTimerBatch(engineDeps(engine), { limit: 10, firedBy: 'w3', exclude: [badReminder] });
      expect([...fired, ...rest.outcomes.keys()].sort()).toEqual(
        reminders
          .map((r) => r.id)
          .filter((id) => id !== badReminder)
          .sort(),
      );
      expect(rest.failed).toEqual([]);
      expect((await fireDueTimerBatch(engineDeps(engine), { limit: 10, firedBy: 'w4', exclude: [badReminder] })).outcomes.size).toBe(0);
      expect((await timersOf(bad)).find((t) => t.id === badReminder)?.status).toBe('pending');
    } finally {
      await tdb.db.updateTable('cases').set({ workflow_version: 1 }).where('id', '=', bad).execute();
    }
  });

  it("keeps a clock in its case's office: the database refuses a clock of another office (the SLA overview reads by office)", async () => {
    const caseId = await open('2025-07-07T02:00:00Z');
    const [c] = await clocksOf(caseId);
    expect(c!.office_id).toBe(a.officeId);
    const other = await tdb.db
      .insertInto('offices')
      .values({ code: 'other-office', name_th: 'สพป.อื่น', name_en: 'Another office', level: 'primary' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const moved = tdb.db.updateTable('sla_clocks').set({ office_id: other.id }).where('id', '=', c!.id).execute();
    await expect(moved).rejects.toMatchObject({ code: '23503', constraint: 'sla_clocks_case_office_fk' });
    const { id: _id, office_id: _office, ...copy } = c!;
    const elsewhere = tdb.db
      .insertInto('sla_clocks')
      .values({
        ...copy,
        office_id: other.id,
        status: 'cancelled',
        spec: JSON.stringify(copy.spec),
        policy: JSON.stringify(copy.policy),
        due_basis: JSON.stringify(copy.due_basis),
      })
      .execute();
    await expect(elsewhere).rejects.toMatchObject({ code: '23503', constraint: 'sla_clocks_case_office_fk' });
  });
});
