/**
 * One child of a cycle opened by many at once (`openCycleChild`), and the
 * event metadata a host service relies on: an event only the system sends
 * (`systemOnly`), a refusal that names its rule (`explainRefusal`), schools a
 * payload names checked against the case's office (`schoolRefs`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setup, assign } from 'xstate';
import { z } from 'zod';
import {
  defineWorkflow,
  ManualClock,
  SYSTEM_ACTOR,
  WorkflowRegistry,
  type Actor,
  type Engine,
  type EngineEvent,
  type EngineInput,
} from '../src/index';
import { createEngine, openCycleChild, publishWorkflows, engineDeps } from '../src/internal';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

const Empty = z.object({}).strict();
type ParentEvent =
  | EngineEvent<'CLOSE', Record<string, never>>
  | EngineEvent<'RECORD', { n: number }>
  | EngineEvent<'PLACE', { schools: { schoolId: string; elsewhere?: boolean }[] }>;
const parent = defineWorkflow({
  id: 'test-parent',
  version: 1,
  title: { th: 'รอบทดสอบ', en: 'Test parent' },
  machine: setup({
    types: { context: {} as { n: number }, events: {} as ParentEvent, input: {} as EngineInput<Record<string, never>> },
    guards: { positive: ({ event }) => event.type === 'RECORD' && event.payload.n > 0 },
  }).createMachine({
    id: 'test-parent',
    initial: 'open',
    context: { n: 0 },
    states: {
      open: {
        on: {
          CLOSE: 'closed',
          RECORD: { guard: 'positive', actions: assign({ n: ({ event }) => (event.type === 'RECORD' ? event.payload.n : 0) }) },
          PLACE: { actions: assign({ n: ({ context }) => context.n }) },
        },
      },
      closed: { type: 'final' },
    },
  }),
  input: Empty,
  starters: ['hr_officer'],
  steps: { open: { label: { th: 'เปิด', en: 'Open' }, roles: ['hr_officer'], source: 'engine test sample' } },
  events: {
    CLOSE: { label: { th: 'ปิด', en: 'Close' }, payload: Empty, roles: ['hr_officer'] },
    RECORD: {
      label: { th: 'บันทึกผล', en: 'Record' },
      payload: z.object({ n: z.int() }).strict(),
      roles: ['system'],
      systemOnly: { th: 'บันทึกโดยบริการของรอบ', en: 'Recorded by the round’s service' },
      explainRefusal: () => ({ code: 'SCORES_INCOMPLETE', details: { problems: ['n: not positive'] } }),
    },
    PLACE: {
      label: { th: 'ระบุโรงเรียน', en: 'Place' },
      payload: z.object({ schools: z.array(z.object({ schoolId: z.string(), elsewhere: z.boolean().optional() }).strict()) }).strict(),
      roles: ['hr_officer'],
      schoolRefs: [{ list: 'schools', field: 'schoolId', unless: 'elsewhere' }],
    },
  },
});
const child = defineWorkflow({
  id: 'test-child',
  version: 1,
  title: { th: 'เรื่องย่อย', en: 'Test child' },
  machine: setup({
    types: {
      context: {} as Record<string, never>,
      events: {} as EngineEvent<'SUBMIT', Record<string, never>>,
      input: {} as EngineInput<Record<string, never>>,
    },
  }).createMachine({
    id: 'test-child',
    initial: 'draft',
    context: {},
    states: { draft: { on: { SUBMIT: 'review' } }, review: { type: 'final' } },
  }),
  input: Empty,
  starters: ['system'],
  steps: { draft: { label: { th: 'ร่าง', en: 'Draft' }, roles: ['applicant'], source: 'engine test sample' } },
  events: { SUBMIT: { label: { th: 'ยื่น', en: 'Submit' }, payload: Empty, roles: ['applicant'] } },
});

/** A workflow whose version 1 let an officer send RECORD, and whose version 2 made it the system's. */
const { systemOnly: _systemOnly, ...recordByHand } = parent.events.RECORD!;
const legacy = defineWorkflow({
  ...parent,
  id: 'test-legacy',
  version: 1,
  events: { ...parent.events, RECORD: { ...recordByHand, roles: ['system', 'hr_officer'] } },
});
const legacyV2 = defineWorkflow({ ...parent, id: 'test-legacy', version: 2 });

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
let b: OfficeFixture;
let hr: Actor;
const clock = new ManualClock('2025-04-11T07:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([parent, child, legacy, legacyV2]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db, 'A');
  b = await seedOffice(tdb.db, 'B');
  hr = await actorOf(tdb.db, a.users.hr);
});
afterAll(() => tdb.drop());

const openParent = async () =>
  (await engine.startCase({ actor: hr, workflowId: 'test-parent', officeId: a.officeId, title: 'รอบ', input: {} })).caseId;
const spec = (personId: string) => ({ key: personId, subjectPersonId: personId, schoolId: a.schoolIds[0]!, title: 'เรื่องของครู', input: {} });

describe('openCycleChild', () => {
  it('opens twenty children at the same moment without a lock on the parent, one per key, nothing written on the parent', async () => {
    const parentId = await openParent();
    const people = await tdb.db
      .insertInto('people')
      .values(
        Array.from({ length: 20 }, (_, i) => ({
          first_name_th: `ครู${i}`,
          last_name_th: 'พร้อมกัน',
          office_id: a.officeId,
          school_id: a.schoolIds[0]!,
        })),
      )
      .returning('id')
      .execute();
    // each key twice, all at once: twenty children, each call answered with its key's child
    const calls = [...people, ...people].map((p) =>
      openCycleChild(engineDeps(engine), SYSTEM_ACTOR, {
        parentCaseId: parentId,
        workflowId: 'test-child',
        child: spec(p.id),
        whileParentAt: ['open'],
        then: async (_trx, c) => ({ key: p.id, ...c }),
      }),
    );
    const answers = await Promise.all(calls);
    const children = await tdb.db.selectFrom('cases').select(['id', 'cycle_key']).where('parent_case_id', '=', parentId).execute();
    expect(children).toHaveLength(20);
    const byKey = new Map(children.map((c) => [c.cycle_key, c.id]));
    for (const ans of answers) expect(ans.caseId).toBe(byKey.get(ans.key));
    expect(answers.filter((x) => x.created)).toHaveLength(20);
    const row = await tdb.db
      .selectFrom('cases')
      .select(['revision', 'history_length'])
      .where('id', '=', parentId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ revision: 1, history_length: 1 });
    expect(await tdb.db.selectFrom('cycle_runs').select('id').where('parent_case_id', '=', parentId).execute()).toEqual([]);
    for (const c of children) expect(await engine.verifyHistory(c.id)).toMatchObject({ ok: true });
  });

  it('refuses once the parent has moved on, and rolls the child back with what `then` throws', async () => {
    const parentId = await openParent();
    const [p1, p2] = await tdb.db
      .insertInto('people')
      .values([1, 2].map((i) => ({ first_name_th: `ครู${i}`, last_name_th: 'ปิดรอบ', office_id: a.officeId, school_id: a.schoolIds[0]! })))
      .returning('id')
      .execute();
    await expect(
      openCycleChild(engineDeps(engine), SYSTEM_ACTOR, {
        parentCaseId: parentId,
        workflowId: 'test-child',
        child: spec(p1!.id),
        whileParentAt: ['open'],
        then: async () => {
          throw new Error('refused');
        },
      }),
    ).rejects.toThrow('refused');
    expect(await tdb.db.selectFrom('cases').select('id').where('parent_case_id', '=', parentId).execute()).toEqual([]);
    await engine.dispatch({ actor: hr, caseId: parentId, type: 'CLOSE', payload: {} });
    await expect(
      openCycleChild(engineDeps(engine), SYSTEM_ACTOR, {
        parentCaseId: parentId,
        workflowId: 'test-child',
        child: spec(p2!.id),
        whileParentAt: ['open'],
        then: async () => null,
      }),
    ).rejects.toMatchObject({ code: 'CYCLE_CLOSED' });
  });
});

describe('event metadata for host services', () => {
  it('refuses a system-only event from a person with SYSTEM_ONLY_EVENT, takes it from the system, and explains a guard’s refusal', async () => {
    const parentId = await openParent();
    await expect(engine.dispatch({ actor: hr, caseId: parentId, type: 'RECORD', payload: { n: 999 } })).rejects.toMatchObject({
      code: 'SYSTEM_ONLY_EVENT',
      status: 403,
      details: { via: { th: 'บันทึกโดยบริการของรอบ' } },
    });
    expect((await engine.getCase(hr, parentId)).availableEvents.map((e) => e.type)).not.toContain('RECORD');
    await expect(engine.dispatch({ actor: SYSTEM_ACTOR, caseId: parentId, type: 'RECORD', payload: { n: 0 } })).rejects.toMatchObject({
      code: 'SCORES_INCOMPLETE',
      details: { type: 'RECORD', state: 'open', problems: ['n: not positive'] },
    });
    expect(await engine.dispatch({ actor: SYSTEM_ACTOR, caseId: parentId, type: 'RECORD', payload: { n: 3 } })).toMatchObject({
      state: 'open',
    });
    await engine.dispatch({ actor: hr, caseId: parentId, type: 'CLOSE', payload: {} });
    // not handled at the step (the case is done): the bare code
    await expect(engine.dispatch({ actor: SYSTEM_ACTOR, caseId: parentId, type: 'RECORD', payload: { n: 0 } })).rejects.toMatchObject({
      code: 'EVENT_NOT_ALLOWED',
    });
  });

  it('refuses it from a person on a case still on a version that let them send it, once a later version makes it the system’s', async () => {
    const { caseId } = await engine.startCase({
      actor: hr,
      workflowId: 'test-legacy',
      version: 1,
      officeId: a.officeId,
      title: 'รอบเดิม',
      input: {},
    });
    await expect(engine.dispatch({ actor: hr, caseId, type: 'RECORD', payload: { n: 999 } })).rejects.toMatchObject({
      code: 'SYSTEM_ONLY_EVENT',
    });
    expect((await engine.getCase(hr, caseId)).availableEvents.map((e) => e.type)).toEqual(['CLOSE', 'PLACE']);
    expect(await engine.dispatch({ actor: SYSTEM_ACTOR, caseId, type: 'RECORD', payload: { n: 2 } })).toMatchObject({ revision: 2 });
  });

  it('takes only schools of the case’s office where the payload names one, skipping items marked elsewhere', async () => {
    const parentId = await openParent();
    const place = (schools: { schoolId: string; elsewhere?: boolean }[]) =>
      engine.dispatch({ actor: hr, caseId: parentId, type: 'PLACE', payload: { schools } });
    await expect(place([{ schoolId: a.schoolIds[0]! }, { schoolId: b.schoolIds[0]! }])).rejects.toMatchObject({
      code: 'SCHOOL_NOT_IN_OFFICE',
      details: { path: 'schools.1.schoolId' },
    });
    await expect(place([{ schoolId: 'S-NA' }])).rejects.toMatchObject({
      code: 'SCHOOL_NOT_IN_OFFICE',
      details: { path: 'schools.0.schoolId' },
    });
    await expect(place([{ schoolId: '00000000-0000-4000-8000-000000000009' }])).rejects.toMatchObject({ code: 'SCHOOL_NOT_IN_OFFICE' });
    const row = await tdb.db.selectFrom('cases').select('revision').where('id', '=', parentId).executeTakeFirstOrThrow();
    expect(row.revision).toBe(1);
    expect(await place([{ schoolId: a.schoolIds[1]! }, { schoolId: 'PTL1-S07', elsewhere: true }])).toMatchObject({ revision: 2 });
  });

  it('refuses a systemOnly event that other roles may send, when the workflow is defined', () => {
    expect(() =>
      defineWorkflow({
        ...parent,
        id: 'test-parent-bad',
        events: { ...parent.events, RECORD: { ...parent.events.RECORD!, roles: ['system', 'hr_officer'] } },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_WORKFLOW_DEFINITION',
        details: expect.objectContaining({ problems: [expect.stringContaining('systemOnly')] }),
      }),
    );
  });
});
