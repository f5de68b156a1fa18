import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import pg from 'pg';
import { setup } from 'xstate';
import { z } from 'zod';
import {
  defineWorkflow,
  ManualClock,
  WorkflowRegistry,
  type Actor,
  type CycleChildSpec,
  type Engine,
  type EngineEvent,
  type EngineInput,
} from '../src/index';
import { addCalendarDay, createEngine, cycleProgress, openCycleChildren, publishWorkflows, engineDeps } from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, sampleSla, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

/** A salary-raise-like round: collects while its children run, then the area director decides. */
const Empty = z.object({}).strict();
const round = defineWorkflow({
  id: 'test-round',
  version: 1,
  title: { th: 'รอบทดสอบ', en: 'Test round' },
  machine: setup({
    types: {
      context: {} as { quota: number },
      events: {} as EngineEvent<'CLOSE' | 'FINISH', Record<string, never>>,
      input: {} as EngineInput<{ quota: number }>,
    },
  }).createMachine({
    id: 'test-round',
    initial: 'collecting',
    context: ({ input }) => ({ quota: input.data.quota }),
    states: {
      collecting: { on: { CLOSE: 'deciding' } },
      deciding: { on: { FINISH: 'closed' } },
      closed: { type: 'final' },
    },
  }),
  input: z.object({ quota: z.number().int().min(0) }).strict(),
  starters: ['hr_officer'],
  steps: {
    collecting: { label: { th: 'รวบรวม', en: 'Collecting' }, roles: ['hr_officer'], source: 'engine test sample' },
    deciding: { label: { th: 'พิจารณา', en: 'Deciding' }, roles: ['area_director'], source: 'engine test sample' },
  },
  events: {
    CLOSE: { label: { th: 'ปิดรอบ', en: 'Close' }, payload: Empty, roles: ['system', 'hr_officer'] },
    FINISH: { label: { th: 'เสร็จสิ้น', en: 'Finish' }, payload: Empty, roles: ['area_director'] },
  },
});

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let b: OfficeFixture;
const clock = new ManualClock('2025-04-11T07:00:00Z'); // Friday 14:00 in Bangkok, before Songkran
const who: Record<string, Actor> = {};
let people: { personId: string; schoolId: string }[] = [];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleSla, sampleApproval, round]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db, 'A');
  b = await seedOffice(tdb.db, 'B');
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
  for (const [k, u] of Object.entries(b.users)) who[`b.${k}`] = await actorOf(tdb.db, u);
  // 2,000 teachers of office A, half in each school
  const rows = Array.from({ length: 2000 }, (_, i) => ({
    first_name_th: `ครู${i}`,
    last_name_th: 'ทดสอบ',
    office_id: a.officeId,
    school_id: a.schoolIds[i % 2]!,
  }));
  const inserted = await tdb.db.insertInto('people').values(rows).returning(['id', 'school_id']).execute();
  people = inserted.map((p) => ({ personId: p.id, schoolId: p.school_id! }));
});
afterAll(() => tdb.drop());

async function openRound(): Promise<string> {
  const r = await engine.startCase({
    actor: who.hr!,
    workflowId: 'test-round',
    officeId: a.officeId,
    title: 'รอบเลื่อนเงินเดือน 1/2568',
    input: { quota: 15 },
  });
  return r.caseId;
}

const population = (n: number, from = 0): CycleChildSpec[] =>
  people.slice(from, from + n).map((p, i) => ({
    key: `T${String(from + i).padStart(5, '0')}`,
    subjectPersonId: p.personId,
    schoolId: p.schoolId,
    title: `เลื่อนเงินเดือน ครู ${from + i}`,
    input: {},
  }));

const count = async (
  table: 'cases' | 'case_history' | 'sla_clocks' | 'sla_timers' | 'notifications',
  parentId: string,
): Promise<number> => {
  const q =
    table === 'cases'
      ? sql<{ n: number }>`select count(*)::int as n from cases where parent_case_id = ${parentId}`
      : sql<{
          n: number;
        }>`select count(*)::int as n from ${sql.table(table)} t join cases c on c.id = t.case_id where c.parent_case_id = ${parentId}`;
  return (await q.execute(tdb.db)).rows[0]!.n;
};
const duplicatesPerCase = async (table: 'case_history' | 'sla_clocks' | 'notifications', parentId: string): Promise<number> =>
  (
    await sql<{ n: number }>`select count(*)::int as n from (
      select t.case_id from ${sql.table(table)} t join cases c on c.id = t.case_id where c.parent_case_id = ${parentId}
      group by t.case_id having count(*) > 1) d`.execute(tdb.db)
  ).rows[0]!.n;

describe('openCycleChildren', () => {
  it('opens 2,000 children in batches: cases, chained history, clocks, timers and notifications, with progress', async () => {
    clock.set('2025-04-11T07:00:00Z');
    const parentId = await openRound();
    const progress: { done: number; total: number; created: number }[] = [];
    const result = await openCycleChildren(engineDeps(engine), who.hr!, {
      parentCaseId: parentId,
      workflowId: 'sample-sla',
      population: population(2000),
      batchSize: 500,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({
      parentCaseId: parentId,
      workflow: 'sample-sla@1',
      total: 2000,
      created: 2000,
      alreadyPresent: 0,
      rejected: [],
      resumed: false,
    });
    expect(progress.map((p) => p.done)).toEqual([500, 1000, 1500, 2000]);
    expect(progress.every((p) => p.total === 2000)).toBe(true);

    expect(await count('cases', parentId)).toBe(2000);
    expect(await count('case_history', parentId)).toBe(2000);
    expect(await count('sla_clocks', parentId)).toBe(2000);
    expect(await count('sla_timers', parentId)).toBe(8000);
    expect(await count('notifications', parentId)).toBe(2000);
    // "งานของฉัน"'s index (case_waiting, kept by triggers): each child's waiting step once per holder key, with its clock's due moment
    const waiting = await sql<{ keys: number; rows: number; due: number }>`
      select (select count(*)::int from cases c cross join lateral jsonb_each(c.waiting_for) h(step, keys)
                cross join lateral jsonb_array_elements_text(h.keys) k where c.parent_case_id = ${parentId}) as keys,
             count(*)::int as rows,
             (count(*) filter (where w.due_at = (select k.due_at from sla_clocks k where k.case_id = w.case_id and k.step = w.step and k.status = 'running')))::int as due
      from case_waiting w join cases c on c.id = w.case_id where c.parent_case_id = ${parentId}`.execute(tdb.db);
    expect(waiting.rows[0]!.rows).toBeGreaterThanOrEqual(2000);
    expect(waiting.rows[0]).toEqual({ keys: waiting.rows[0]!.rows, rows: waiting.rows[0]!.rows, due: waiting.rows[0]!.rows });

    const sample = await tdb.db
      .selectFrom('cases')
      .select(['id', 'cycle_key'])
      .where('parent_case_id', '=', parentId)
      .orderBy('cycle_key')
      .execute();
    expect(new Set(sample.map((s) => s.cycle_key)).size).toBe(2000);
    for (const s of [sample[0]!, sample[777]!, sample[1999]!]) {
      expect(await engine.verifyHistory(s.id)).toEqual({ ok: true, length: 1 });
    }

    // the parent records the opening in its own chain
    const parent = await engine.getCase(who.hr!, parentId);
    expect(parent.history.map((h) => h.eventType)).toEqual(['@start', '@cycle.opened']);
    expect(parent.history[1]).toMatchObject({
      actorId: who.hr!.id,
      actorRoles: ['hr_officer'],
      fromState: 'collecting',
      toState: 'collecting',
    });
    expect(parent.history[1]!.payload).toMatchObject({
      run: result.runId,
      workflow: 'sample-sla@1',
      total: 2000,
      created: 2000,
      rejected: 0,
      attempts: 1,
    });
    expect(parent.case.revision).toBe(2);
    expect(await engine.verifyHistory(parentId)).toEqual({ ok: true, length: 2 });
    expect(result.parentHistorySeq).toBe(2);
    const run = await tdb.db.selectFrom('cycle_runs').selectAll().where('id', '=', result.runId!).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ total: 2000, created: 2000, attempts: 1, parent_history_seq: 2 });
    expect(run.finished_at).not.toBeNull();
  });

  it('writes for each child exactly what startCase writes for one case', async () => {
    clock.set('2025-04-11T07:00:00Z');
    const parentId = await openRound();
    const person = people[0]!;
    const single = await engine.startCase({
      actor: who.hr!,
      workflowId: 'sample-sla',
      officeId: a.officeId,
      schoolId: person.schoolId,
      subjectPersonId: person.personId,
      title: 'เดี่ยว',
      input: {},
    });
    const opened = await openCycleChildren(engineDeps(engine), who.hr!, {
      parentCaseId: parentId,
      workflowId: 'sample-sla',
      population: [{ key: 'one', subjectPersonId: person.personId, schoolId: person.schoolId, title: 'เดี่ยว', input: {} }],
    });
    expect(opened.created).toBe(1);
    const child = await tdb.db.selectFrom('cases').selectAll().where('parent_case_id', '=', parentId).executeTakeFirstOrThrow();
    const solo = await tdb.db.selectFrom('cases').selectAll().where('id', '=', single.caseId).executeTakeFirstOrThrow();
    const pick = (c: typeof solo) => ({
      workflow_id: c.workflow_id,
      workflow_version: c.workflow_version,
      office_id: c.office_id,
      school_id: c.school_id,
      subject_person_id: c.subject_person_id,
      state: c.state,
      status: c.status,
      snapshot: c.snapshot,
      revision: c.revision,
      history_length: c.history_length,
      created_by: c.created_by,
      created_at: c.created_at,
    });
    expect(pick(child)).toEqual(pick(solo));

    const strip = async (caseId: string) => ({
      history: await tdb.db
        .selectFrom('case_history')
        .select(['seq', 'at', 'actor_kind', 'actor_id', 'actor_roles', 'event_type', 'payload', 'from_state', 'to_state', 'prev_hash'])
        .where('case_id', '=', caseId)
        .execute(),
      clocks: await tdb.db
        .selectFrom('sla_clocks')
        .select(['step', 'opened_seq', 'spec', 'policy', 'status', 'started_at', 'due_at', 'remind_at', 'due_basis'])
        .where('case_id', '=', caseId)
        .execute(),
      timers: await tdb.db
        .selectFrom('sla_timers')
        .select(['kind', 'level', 'fire_at', 'status', 'revision'])
        .where('case_id', '=', caseId)
        .orderBy('fire_at')
        .execute(),
      notes: await tdb.db
        .selectFrom('notifications')
        .select(['history_seq', 'recipient_user_id', 'kind', 'step', 'payload', 'status', 'available_at'])
        .where('case_id', '=', caseId)
        .execute(),
    });
    expect(await strip(child.id)).toEqual(await strip(single.caseId));

    // the child is a normal case from here on
    const next = await engine.dispatch({ actor: who.hr!, caseId: child.id, type: 'FORWARD', payload: {} });
    expect(next).toMatchObject({ state: 'decision', revision: 2, historySeq: 2 });
    expect(await engine.verifyHistory(child.id)).toEqual({ ok: true, length: 2 });
  });

  it('resumes after a crash mid-opening: only the missing children are created, nothing twice', async () => {
    clock.set('2025-04-11T07:00:00Z');
    const parentId = await openRound();
    let batches = 0;
    await expect(
      openCycleChildren(engineDeps(engine), who.hr!, {
        parentCaseId: parentId,
        workflowId: 'sample-sla',
        population: population(1000),
        batchSize: 300,
        onProgress: () => {
          batches += 1;
          if (batches === 2) throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    expect(await count('cases', parentId)).toBe(600);
    const crashed = await cycleProgress(engineDeps(engine), who.hr!, parentId);
    expect(crashed.openings).toEqual([expect.objectContaining({ total: 1000, created: 600, attempts: 1, finishedAt: null })]);
    expect((await engine.getCase(who.hr!, parentId)).history.map((h) => h.eventType)).toEqual(['@start']);

    clock.set('2025-04-11T07:30:00Z');
    const progress: number[] = [];
    const again = await openCycleChildren(engineDeps(engine), who.hr!, {
      parentCaseId: parentId,
      workflowId: 'sample-sla',
      population: population(1000),
      batchSize: 300,
      onProgress: (p) => progress.push(p.done),
    });
    expect(again).toMatchObject({ total: 1000, created: 400, alreadyPresent: 600, resumed: true, runId: crashed.openings[0]!.runId });
    expect(progress).toEqual([900, 1000]);
    expect(await count('cases', parentId)).toBe(1000);
    expect(await count('case_history', parentId)).toBe(1000);
    expect(await count('sla_clocks', parentId)).toBe(1000);
    expect(await count('sla_timers', parentId)).toBe(4000);
    expect(await count('notifications', parentId)).toBe(1000);
    for (const table of ['case_history', 'sla_clocks', 'notifications'] as const) expect(await duplicatesPerCase(table, parentId)).toBe(0);

    const history = (await engine.getCase(who.hr!, parentId)).history;
    expect(history.map((h) => h.eventType)).toEqual(['@start', '@cycle.opened']);
    expect(history[1]!.payload).toMatchObject({ total: 1000, created: 1000, attempts: 2 });

    // a third call with the same population has nothing to do and writes nothing
    const third = await openCycleChildren(engineDeps(engine), who.hr!, {
      parentCaseId: parentId,
      workflowId: 'sample-sla',
      population: population(1000),
    });
    expect(third).toMatchObject({ runId: null, created: 0, alreadyPresent: 1000, parentHistorySeq: null });
    expect((await engine.getCase(who.hr!, parentId)).history).toHaveLength(2);
    // a grown population opens only the newcomers, as a new opening
    const grown = await openCycleChildren(engineDeps(engine), who.hr!, {
      parentCaseId: parentId,
      workflowId: 'sample-sla',
      population: population(1010),
    });
    expect(grown).toMatchObject({ created: 10, alreadyPresent: 1000, resumed: false });
    expect(await count('cases', parentId)).toBe(1010);
  });

  it('refuses a wrong actor, writing nothing', async () => {
    const parentId = await openRound();
    const attempt = (actor: Actor) =>
      openCycleChildren(engineDeps(engine), actor, { parentCaseId: parentId, workflowId: 'sample-sla', population: population(10) });
    await expect(attempt(who['b.hr']!)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' }); // another office
    await expect(attempt(who.teacher!)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' }); // may not see the round
    await expect(attempt(who.auditor!)).rejects.toMatchObject({ code: 'FORBIDDEN' }); // sees it, may not start cases
    await expect(attempt(who.director!)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' }); // a school's director does not see an office round
    await expect(
      openCycleChildren(engineDeps(engine), who.hr!, {
        parentCaseId: '00000000-0000-4000-8000-000000000000',
        workflowId: 'sample-sla',
        population: population(1),
      }),
    ).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect(await count('cases', parentId)).toBe(0);
    expect(await tdb.db.selectFrom('cycle_runs').select('id').where('parent_case_id', '=', parentId).execute()).toEqual([]);
    expect((await engine.getCase(who.hr!, parentId)).case.revision).toBe(1);
  });

  it('refuses while another opening of the same parent holds its lock, and once the parent is closed', async () => {
    const parentId = await openRound();
    const other = new pg.Client({ connectionString: tdb.url });
    await other.connect();
    try {
      await other.query(`select pg_advisory_lock(${0x0e5ac1c1}, hashtext($1))`, [parentId]);
      await expect(
        openCycleChildren(engineDeps(engine), who.hr!, { parentCaseId: parentId, workflowId: 'sample-sla', population: population(5) }),
      ).rejects.toMatchObject({ code: 'CYCLE_OPENING_IN_PROGRESS' });
    } finally {
      await other.end();
    }
    expect(await count('cases', parentId)).toBe(0);
    await expect(
      openCycleChildren(engineDeps(engine), who.hr!, {
        parentCaseId: parentId,
        workflowId: 'sample-sla',
        population: population(5),
        whileParentAt: ['deciding'],
      }),
    ).rejects.toMatchObject({ code: 'CYCLE_CLOSED' });
    await engine.dispatch({ actor: who.hr!, caseId: parentId, type: 'CLOSE', payload: {} });
    await engine.dispatch({ actor: who.area!, caseId: parentId, type: 'FINISH', payload: {} });
    await expect(
      openCycleChildren(engineDeps(engine), who.hr!, { parentCaseId: parentId, workflowId: 'sample-sla', population: population(5) }),
    ).rejects.toMatchObject({ code: 'CYCLE_CLOSED' });
    expect(await count('cases', parentId)).toBe(0);
  });

  it('reports invalid population rows by key and opens the others', async () => {
    clock.set('2025-02-03T02:00:00Z');
    const parentId = await openRound();
    const [p0, p1] = [people[0]!, people[1]!];
    const result = await openCycleChildren(engineDeps(engine), who.hr!, {
      parentCaseId: parentId,
      workflowId: 'sample-approval',
      population: [
        { key: 'ok-1', subjectPersonId: p0.personId, schoolId: a.schoolIds[0], title: 'ดี 1', input: { amount: 10 } },
        { key: 'bad-amount', subjectPersonId: null, schoolId: null, title: 'จำนวนผิด', input: { amount: -1 } },
        { key: 'ok-1', subjectPersonId: null, schoolId: null, title: 'ซ้ำ', input: { amount: 1 } },
        { key: '', subjectPersonId: null, schoolId: null, title: 'ไม่มีรหัส', input: { amount: 1 } },
        { key: 'no-title', subjectPersonId: null, schoolId: null, title: '  ', input: { amount: 1 } },
        { key: 'other-school', subjectPersonId: null, schoolId: b.schoolIds[0], title: 'โรงเรียนอื่น', input: { amount: 1 } },
        { key: 'not-a-school', subjectPersonId: null, schoolId: 'school-1', title: 'ไม่ใช่ uuid', input: { amount: 1 } },
        { key: 'other-person', subjectPersonId: b.users.teacher.personId, schoolId: null, title: 'บุคคลอื่น', input: { amount: 1 } },
        { key: 'ok-2', subjectPersonId: p1.personId, schoolId: a.schoolIds[1], title: 'ดี 2', input: { amount: 20 } },
        { key: 'ok-3', subjectPersonId: null, schoolId: null, title: 'ดี 3', input: { amount: 20 } },
      ],
    });
    expect(result.rejected.map((r) => [r.index, r.key, r.code, r.issues[0]!.path])).toEqual([
      [1, 'bad-amount', 'INVALID_INPUT', 'input.amount'],
      [2, 'ok-1', 'INVALID_INPUT', 'key'],
      [3, '', 'INVALID_INPUT', 'key'],
      [4, 'no-title', 'INVALID_INPUT', 'title'],
      [5, 'other-school', 'SCHOOL_NOT_IN_OFFICE', 'schoolId'],
      [6, 'not-a-school', 'SCHOOL_NOT_IN_OFFICE', 'schoolId'],
      [7, 'other-person', 'PERSON_NOT_IN_OFFICE', 'subjectPersonId'],
    ]);
    expect(result).toMatchObject({ total: 3, created: 3 });
    const children = await tdb.db
      .selectFrom('cases')
      .select(['id', 'cycle_key', 'title', 'school_id'])
      .where('parent_case_id', '=', parentId)
      .orderBy('cycle_key')
      .execute();
    expect(children.map((c) => [c.cycle_key, c.title])).toEqual([
      ['ok-1', 'ดี 1'],
      ['ok-2', 'ดี 2'],
      ['ok-3', 'ดี 3'],
    ]);
    // the first step's school director is told, per school; a child of no school has nobody to tell
    const notes = await tdb.db
      .selectFrom('notifications')
      .select(['case_id', 'recipient_user_id'])
      .where(
        'case_id',
        'in',
        children.map((c) => c.id),
      )
      .execute();
    const byKey = Object.fromEntries(
      children.map((c) => [c.cycle_key, notes.filter((n) => n.case_id === c.id).map((n) => n.recipient_user_id)]),
    );
    expect(byKey).toEqual({ 'ok-1': [a.users.director.userId], 'ok-2': [a.users.director2.userId], 'ok-3': [] });
    // no SLA on this workflow: no clocks
    expect(await count('sla_clocks', parentId)).toBe(0);
    const histories = await tdb.db
      .selectFrom('case_history')
      .select(['case_id', 'payload'])
      .where(
        'case_id',
        'in',
        children.map((c) => c.id),
      )
      .execute();
    expect(histories.map((h) => h.payload).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
      { amount: 10 },
      { amount: 20 },
      { amount: 20 },
    ]);
  });

  it('computes snapshots once per distinct input the machine reads, and per child when it reads the child', async () => {
    clock.set('2025-02-03T02:00:00Z');
    const parentId = await openRound();
    await openCycleChildren(engineDeps(engine), who.hr!, {
      parentCaseId: parentId,
      workflowId: 'sample-approval',
      population: people
        .slice(0, 40)
        .map((p, i) => ({ key: `k${i}`, subjectPersonId: p.personId, schoolId: p.schoolId, title: 't', input: { amount: 1 + (i % 3) } })),
    });
    const rows = await tdb.db.selectFrom('cases').select(['snapshot', 'state']).where('parent_case_id', '=', parentId).execute();
    const amounts = rows.map((r) => (r.snapshot as { context: { amount: number } }).context.amount);
    expect(new Set(amounts)).toEqual(new Set([1, 2, 3]));
    expect(rows.every((r) => r.state === 'schoolReview')).toBe(true);
  });
  it('computes deadlines with the calendar of the moment each batch is written, even when it changes mid-opening', async () => {
    clock.set('2025-04-11T07:00:00Z');
    // an office of its own, so the closure recomputes only these clocks
    const c = await seedOffice(tdb.db, 'C');
    const hr = await actorOf(tdb.db, c.users.hr);
    const admin = await actorOf(tdb.db, c.users.admin);
    const parentId = (
      await engine.startCase({ actor: hr, workflowId: 'test-round', officeId: c.officeId, title: 'รอบ', input: { quota: 1 } })
    ).caseId;
    let change: Promise<unknown> | undefined;
    await openCycleChildren(engineDeps(engine), hr, {
      parentCaseId: parentId,
      workflowId: 'sample-sla',
      batchSize: 50,
      population: Array.from({ length: 200 }, (_, i) => ({
        key: `c${i}`,
        subjectPersonId: null,
        schoolId: c.schoolIds[i % 2]!,
        title: `เรื่อง ${i}`,
        input: {},
      })),
      onProgress: (p) => {
        // the next batch is already prepared with the old calendar when the office closes a day
        if (p.done === 50) {
          change = addCalendarDay(engineDeps(engine), admin, {
            date: '2025-04-18',
            kind: 'office_closure',
            officeId: c.officeId,
            nameTh: 'ปิดสำนักงาน',
            nameEn: 'Office closed',
            source: 'คำสั่ง สพป. (ทดสอบ)',
          });
        }
      },
    });
    await change;
    // Fri 11 Apr + 3 working days: Thu 17, (Fri 18 closed), Mon 21, Tue 22 → 16:30 Tue 22 Apr, for every child
    const dues = await sql<{
      due_at: Date;
      n: number;
    }>`select k.due_at, count(*)::int as n from sla_clocks k join cases c on c.id = k.case_id
      where c.parent_case_id = ${parentId} group by k.due_at`.execute(tdb.db);
    expect(dues.rows.map((r) => [r.due_at.toISOString(), r.n])).toEqual([['2025-04-22T09:30:00.000Z', 200]]);
    const overdue = await sql<{
      fire_at: Date;
      n: number;
    }>`select t.fire_at, count(*)::int as n from sla_timers t join cases c on c.id = t.case_id
      where c.parent_case_id = ${parentId} and t.kind = 'overdue' and t.status = 'pending' group by t.fire_at`.execute(tdb.db);
    expect(overdue.rows.map((r) => [r.fire_at.toISOString(), r.n])).toEqual([['2025-04-22T09:30:00.000Z', 200]]);
  });
});
