import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
import {
  advanceCycleIfSettled,
  createEngine,
  cycleProgress,
  listActiveCycles,
  openCycleChildren,
  publishWorkflows,
  engineDeps,
} from '../src/internal';
import { actorOf, createTestDatabase, sampleSla, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

/** A transfer-like round: the window closes after 2 working days or when every child is settled, whichever is first. */
const Empty = z.object({}).strict();
const round = defineWorkflow({
  id: 'test-window-round',
  version: 1,
  title: { th: 'รอบทดสอบมีกำหนดเวลา', en: 'Test round with a window' },
  machine: setup({
    types: { events: {} as EngineEvent<'CLOSE' | 'FINISH' | 'MANUAL', Record<string, never>>, input: {} as EngineInput },
  }).createMachine({
    id: 'test-window-round',
    initial: 'collecting',
    states: {
      collecting: { on: { CLOSE: 'deciding', MANUAL: 'deciding' } },
      deciding: { on: { FINISH: 'closed' } },
      closed: { type: 'final' },
    },
  }),
  input: z.object({}).strict(),
  starters: ['hr_officer'],
  steps: {
    collecting: {
      label: { th: 'รับคำขอ', en: 'Collecting' },
      roles: ['hr_officer'],
      deadline: { kind: 'working_days', days: 2, phrase: 'ภายใน 2 วันทำการ' },
      source: 'engine test sample',
    },
    deciding: { label: { th: 'พิจารณา', en: 'Deciding' }, roles: ['area_director'], source: 'engine test sample' },
  },
  events: {
    CLOSE: { label: { th: 'ปิดรับ', en: 'Close' }, payload: Empty, roles: ['system', 'hr_officer'] },
    MANUAL: { label: { th: 'ปิดรับด้วยมือ', en: 'Close by hand' }, payload: Empty, roles: ['hr_officer'] },
    FINISH: { label: { th: 'เสร็จสิ้น', en: 'Finish' }, payload: Empty, roles: ['system', 'area_director'] },
  },
});

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let b: OfficeFixture;
const clock = new ManualClock('2025-06-16T02:00:00Z'); // Monday 09:00 in Bangkok
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleSla, round]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db, 'A');
  b = await seedOffice(tdb.db, 'B');
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
  who['b.hr'] = await actorOf(tdb.db, b.users.hr);
});
afterAll(() => tdb.drop());

const population = (n: number): CycleChildSpec[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `c${i}`,
    subjectPersonId: null,
    schoolId: a.schoolIds[i % 2]!,
    title: `เรื่อง ${i}`,
    input: {},
  }));

async function cycleWith(n: number): Promise<{ parentId: string; children: string[] }> {
  clock.set('2025-06-16T02:00:00Z');
  const parentId = (
    await engine.startCase({ actor: who.hr!, workflowId: 'test-window-round', officeId: a.officeId, title: 'รอบย้าย', input: {} })
  ).caseId;
  if (n > 0)
    await openCycleChildren(engineDeps(engine), who.hr!, { parentCaseId: parentId, workflowId: 'sample-sla', population: population(n) });
  const children = await tdb.db.selectFrom('cases').select('id').where('parent_case_id', '=', parentId).orderBy('cycle_key').execute();
  return { parentId, children: children.map((c) => c.id) };
}

const send = (caseId: string, type: string, actor: Actor) => engine.dispatch({ actor, caseId, type, payload: {} });
const historyOf = async (caseId: string) => (await engine.getCase(who.hr!, caseId)).history;

describe('cycleProgress', () => {
  it('counts the children by state and status, scoped like a read of the parent', async () => {
    const { parentId, children } = await cycleWith(10);
    await send(children[0]!, 'FORWARD', who.hr!);
    await send(children[1]!, 'FORWARD', who.hr!);
    await send(children[2]!, 'FORWARD', who.hr!);
    await send(children[2]!, 'APPROVE', who.area!);
    await send(children[3]!, 'SEND_BACK', who.hr!);
    const p = await cycleProgress(engineDeps(engine), who.hr!, parentId);
    expect(p).toMatchObject({ parentCaseId: parentId, total: 10, done: 1, active: 9 });
    expect(p.byState).toEqual([
      { workflowId: 'sample-sla', state: 'review', status: 'active', count: 6 },
      { workflowId: 'sample-sla', state: 'decision', status: 'active', count: 2 },
      { workflowId: 'sample-sla', state: 'approved', status: 'done', count: 1 },
      { workflowId: 'sample-sla', state: 'revision', status: 'active', count: 1 },
    ]);
    expect(p.openings).toEqual([expect.objectContaining({ workflowId: 'sample-sla', total: 10, created: 10, attempts: 1 })]);
    expect(p.openings[0]!.finishedAt).toBeInstanceOf(Date);
    await expect(cycleProgress(engineDeps(engine), who['b.hr']!, parentId)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    await expect(cycleProgress(engineDeps(engine), who.teacher!, parentId)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    expect(await cycleProgress(engineDeps(engine), who.auditor!, parentId)).toMatchObject({ total: 10 });
  });
});

describe('advanceCycleIfSettled', () => {
  it('advances the parent once, as the system, only when every child is done', async () => {
    const { parentId, children } = await cycleWith(4);
    const all = { event: 'CLOSE', when: 'all_done' } as const;
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, all)).toEqual({
      advanced: false,
      because: 'not_settled',
      settled: 0,
      total: 4,
    });
    for (const c of children.slice(0, 3)) {
      await send(c, 'FORWARD', who.hr!);
      await send(c, 'APPROVE', who.area!);
    }
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, all)).toMatchObject({
      advanced: false,
      because: 'not_settled',
      settled: 3,
    });
    await send(children[3]!, 'FORWARD', who.hr!);
    await send(children[3]!, 'APPROVE', who.area!);

    // two callers at once (a worker pass and a hook): the parent moves once
    const outcomes = await Promise.all([
      advanceCycleIfSettled(engineDeps(engine), parentId, all),
      advanceCycleIfSettled(engineDeps(engine), parentId, all),
    ]);
    expect(outcomes.filter((o) => o.advanced)).toEqual([
      { advanced: true, because: 'settled', revision: 3, state: 'deciding', settled: 4, total: 4 },
    ]);
    expect(outcomes.filter((o) => !o.advanced)).toEqual([{ advanced: false, because: 'event_not_allowed', settled: 4, total: 4 }]);
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, all)).toMatchObject({ advanced: false, because: 'event_not_allowed' });

    const history = await historyOf(parentId);
    expect(history.map((h) => [h.eventType, h.actorKind, h.toState])).toEqual([
      ['@start', 'user', 'collecting'],
      ['@cycle.opened', 'user', 'collecting'],
      ['CLOSE', 'system', 'deciding'],
    ]);
    expect(history[2]!.reason).toBe('cycle settled: 4/4 children');
    expect(await engine.verifyHistory(parentId)).toEqual({ ok: true, length: 3 });
    // the parent's collecting clock closed with the step
    const clocks = await tdb.db.selectFrom('sla_clocks').select(['step', 'status']).where('case_id', '=', parentId).execute();
    expect(clocks).toEqual([{ step: 'collecting', status: 'met' }]);
  });

  it('counts children waiting at the given steps as settled', async () => {
    const { parentId, children } = await cycleWith(3);
    const atDecision = { event: 'CLOSE', when: { steps: ['decision'] } } as const;
    await send(children[0]!, 'FORWARD', who.hr!);
    await send(children[1]!, 'FORWARD', who.hr!);
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, atDecision)).toMatchObject({
      advanced: false,
      because: 'not_settled',
      settled: 2,
      total: 3,
    });
    await send(children[1]!, 'APPROVE', who.area!); // done counts too
    await send(children[2]!, 'FORWARD', who.hr!);
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, atDecision)).toMatchObject({
      advanced: true,
      because: 'settled',
      state: 'deciding',
    });
  });

  it('advances when the parent’s deadline has passed, settled or not, if asked to', async () => {
    const { parentId } = await cycleWith(3);
    const due = await tdb.db.selectFrom('sla_clocks').select('due_at').where('case_id', '=', parentId).executeTakeFirstOrThrow();
    // Mon 16 Jun 09:00 + 2 working days → Wed 18 Jun 16:30
    expect(due.due_at!.toISOString()).toBe('2025-06-18T09:30:00.000Z');
    const opts = { event: 'CLOSE', when: 'all_done', orWhenOverdue: true } as const;
    clock.set('2025-06-18T09:30:00Z'); // the due moment itself is still in time
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, opts)).toMatchObject({ advanced: false, because: 'not_settled' });
    clock.set('2025-06-18T09:31:00Z');
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, { ...opts, orWhenOverdue: false })).toMatchObject({
      advanced: false,
      because: 'not_settled',
    });
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, opts)).toMatchObject({
      advanced: true,
      because: 'deadline_passed',
      settled: 0,
      total: 3,
    });
    const clocks = await tdb.db.selectFrom('sla_clocks').select(['step', 'status']).where('case_id', '=', parentId).execute();
    expect(clocks).toEqual([{ step: 'collecting', status: 'breached' }]);
  });

  it('advances after a moment the host gives (a window that is the round’s own data)', async () => {
    const { parentId } = await cycleWith(2);
    const windowEnd = new Date('2025-06-17T08:00:00Z'); // Tue 17 Jun 15:00, e.g. read from the round's input
    const opts = { event: 'CLOSE', when: 'all_done', orAfter: windowEnd } as const;
    clock.set('2025-06-17T08:00:00Z');
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, opts)).toMatchObject({ advanced: false, because: 'not_settled' });
    clock.set('2025-06-17T08:00:01Z');
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, opts)).toMatchObject({
      advanced: true,
      because: 'deadline_passed',
      state: 'deciding',
    });
  });

  it('does nothing without children or while an opening is unfinished', async () => {
    const empty = await cycleWith(0);
    expect(await advanceCycleIfSettled(engineDeps(engine), empty.parentId, { event: 'CLOSE', when: 'all_done' })).toEqual({
      advanced: false,
      because: 'no_children',
      settled: 0,
      total: 0,
    });

    const { parentId } = await cycleWith(0);
    await expect(
      openCycleChildren(engineDeps(engine), who.hr!, {
        parentCaseId: parentId,
        workflowId: 'sample-sla',
        population: population(4),
        batchSize: 2,
        onProgress: () => {
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    const children = await tdb.db.selectFrom('cases').select('id').where('parent_case_id', '=', parentId).execute();
    expect(children).toHaveLength(2);
    for (const c of children) {
      await send(c.id, 'FORWARD', who.hr!);
      await send(c.id, 'APPROVE', who.area!);
    }
    // every child so far is done, but half the population is missing: not settled
    expect(await advanceCycleIfSettled(engineDeps(engine), parentId, { event: 'CLOSE', when: 'all_done' })).toMatchObject({
      advanced: false,
      because: 'opening_in_progress',
      settled: 2,
      total: 2,
    });
  });

  it('refuses an event the parent does not know or that the system may not send', async () => {
    const { parentId } = await cycleWith(1);
    await expect(advanceCycleIfSettled(engineDeps(engine), parentId, { event: 'MANUAL', when: 'all_done' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(advanceCycleIfSettled(engineDeps(engine), parentId, { event: 'NOPE', when: 'all_done' })).rejects.toMatchObject({
      code: 'UNKNOWN_EVENT',
    });
    await expect(
      advanceCycleIfSettled(engineDeps(engine), '00000000-0000-4000-8000-000000000000', { event: 'CLOSE', when: 'all_done' }),
    ).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
  });
  it('lists the active parents that opened children, for a host’s periodic pass', async () => {
    const open = await cycleWith(2);
    const none = await cycleWith(0);
    const finished = await cycleWith(1);
    await send(finished.parentId, 'MANUAL', who.hr!);
    await send(finished.parentId, 'FINISH', who.area!);
    const listed = await listActiveCycles(engineDeps(engine));
    expect(listed).toContain(open.parentId);
    expect(listed).not.toContain(none.parentId);
    expect(listed).not.toContain(finished.parentId);
  });
});
