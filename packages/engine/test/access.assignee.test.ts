/**
 * Steps assigned per case (docs/access.md "Assigned steps"): the case's data
 * names the one role, and the school it must be held for, that acts at the
 * step — in dispatch, the events offered, the task mail, the reminders of the
 * step's clock and "งานของฉัน"; without a value the metadata's roles apply.
 * A workflow naming an assignee that narrows nothing is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, ManualClock, WorkflowRegistry, type Actor, type Engine, type EngineEvent, type EngineInput } from '../src/index';
import { createEngine, inboxPage, publishWorkflows, engineDeps } from '../src/internal';
import { fireTimers } from '../src/sla/fire-timer';
import { actorOf, createTestDatabase, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';

/** One person's waiting work as the inbox reads it (every item, one page). */
const workOf = async (deps: Parameters<typeof inboxPage>[0], now: Date, userId: string) =>
  (await inboxPage(deps, { userId, now, limit: 100_000, offset: 0, atRiskBefore: now })).items;

const Empty = z.object({}).strict();
const Input = z.object({ reviewer: z.object({ role: z.string(), schoolId: z.string().nullable() }).nullable() }).strict();
type Input = z.infer<typeof Input>;
const machine = setup({
  types: { context: {} as Input, events: {} as EngineEvent<'DECIDE', Record<string, never>>, input: {} as EngineInput<Input> },
}).createMachine({
  id: 'sample-assigned',
  initial: 'review',
  context: ({ input }) => ({ reviewer: input.data.reviewer }),
  states: { review: { on: { DECIDE: 'done' } }, done: { type: 'final' } },
});
const sampleAssigned = defineWorkflow({
  id: 'sample-assigned',
  version: 1,
  title: { th: 'ตัวอย่างผู้รับผิดชอบรายเรื่อง', en: 'Sample assigned step' },
  machine,
  input: Input,
  starters: ['hr_officer'],
  steps: {
    review: {
      label: { th: 'ผู้บังคับบัญชาพิจารณา', en: 'The supervisor reviews' },
      roles: ['school_director', 'area_director'],
      assignee: 'reviewer',
      deadline: { kind: 'working_days', days: 3, phrase: 'ภายใน 3 วันทำการ' },
      sla: { remindWorkingDaysBefore: [2] },
      source: 'engine test sample',
    },
  },
  events: {
    DECIDE: { label: { th: 'พิจารณาแล้ว', en: 'Decide' }, payload: Empty, roles: ['school_director', 'area_director'], assignee: 'reviewer' },
  },
});

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
const clock = new ManualClock('2025-04-11T07:00:00Z'); // Friday 11 April 2025, 14:00 Bangkok
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleAssigned]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock });
  a = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

const open = async (reviewer: Input['reviewer']) =>
  (
    await engine.startCase({
      actor: who.hr!,
      workflowId: 'sample-assigned',
      officeId: a.officeId,
      schoolId: a.schoolIds[0],
      subjectPersonId: a.users.teacher.personId,
      title: 'เรื่องทดสอบ',
      input: { reviewer },
    })
  ).caseId;
const mailed = async (caseId: string, kind: string) =>
  (await tdb.db.selectFrom('notifications').select('recipient_user_id').where('case_id', '=', caseId).where('kind', '=', kind).execute())
    .map((n) => n.recipient_user_id)
    .sort();
const waiting = async (caseId: string) => {
  const users = [];
  for (const k of ['director', 'director2', 'area', 'hr'])
    if ((await workOf(engineDeps(engine), clock.now(), who[k]!.id)).some((w) => w.caseId === caseId)) users.push(k);
  return users;
};
const offered = async (k: string, caseId: string) => (await engine.getCase(who[k]!, caseId)).availableEvents.map((e) => e.type);

describe('a step assigned per case', () => {
  it('to the area director (office-wide): only they are mailed, reminded, waited on, offered and allowed', async () => {
    const caseId = await open({ role: 'area_director', schoolId: null });
    expect(await mailed(caseId, 'task')).toEqual([a.users.area.userId]);
    expect(await waiting(caseId)).toEqual(['area']);
    expect([await offered('director', caseId), await offered('area', caseId)]).toEqual([[], ['DECIDE']]);
    await expect(engine.dispatch({ actor: who.director!, caseId, type: 'DECIDE', payload: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // the reminder two working days before the due date goes to the assignee too
    const reminder = await tdb.db
      .selectFrom('sla_timers')
      .select(['id', 'fire_at'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'reminder')
      .executeTakeFirstOrThrow();
    clock.set(reminder.fire_at.toISOString());
    await fireTimers(engineDeps(engine), [{ timerId: reminder.id }], { firedBy: 'test' });
    expect(await mailed(caseId, 'reminder')).toEqual([a.users.area.userId]);
    clock.set('2025-04-11T07:00:00Z');
    expect((await engine.dispatch({ actor: who.area!, caseId, type: 'DECIDE', payload: {} })).state).toBe('done');
  });

  it("to a school's director of the case's school; an assignee of another school is nobody (never wider)", async () => {
    const mine = await open({ role: 'school_director', schoolId: a.schoolIds[0] });
    expect(await mailed(mine, 'task')).toEqual([a.users.director.userId]);
    await expect(engine.dispatch({ actor: who.area!, caseId: mine, type: 'DECIDE', payload: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await engine.dispatch({ actor: who.director!, caseId: mine, type: 'DECIDE', payload: {} })).state).toBe('done');
    // school 2's director could not even read a case of school 1: such an assignee names nobody
    const caseId = await open({ role: 'school_director', schoolId: a.schoolIds[1] });
    expect(await mailed(caseId, 'task')).toEqual([]);
    expect(await waiting(caseId)).toEqual([]);
    expect(await offered('director', caseId)).toEqual([]);
    await expect(engine.dispatch({ actor: who.director!, caseId, type: 'DECIDE', payload: {} })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(engine.dispatch({ actor: who.area!, caseId, type: 'DECIDE', payload: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('without an assignee on the case: the metadata roles and the case scope', async () => {
    const caseId = await open(null);
    expect(await mailed(caseId, 'task')).toEqual([a.users.director.userId, a.users.area.userId].sort());
    expect(await waiting(caseId)).toEqual(['director', 'area']);
    expect((await engine.dispatch({ actor: who.director!, caseId, type: 'DECIDE', payload: {} })).state).toBe('done');
  });

  it('refuses a definition whose assignee narrows nothing or is not a path', () => {
    const problems = (assignee: string, roles: ('hr_officer' | 'system' | 'applicant')[]) => {
      try {
        defineWorkflow({ ...sampleAssigned, version: 2, steps: { review: { ...sampleAssigned.steps.review!, assignee, roles } } });
        return [];
      } catch (e) {
        return (e as { details?: { problems?: string[] } }).details?.problems ?? [];
      }
    };
    expect(problems('reviewer', ['system'])).toEqual(['step "review": assignee given but no office role to narrow']);
    expect(problems('not a path', ['hr_officer'])).toEqual(['step "review": assignee is not a context path']);
  });
});
