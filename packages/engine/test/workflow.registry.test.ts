import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { defineWorkflow, ManualClock, presentedSchema, WorkflowRegistry, isEsaError } from '../src/index';
import { createEngine, publishWorkflows } from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type TestDatabase } from './support/index';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.drop());

function tinyWorkflow(version: number, target: 'done' | 'other', label = 'ส่ง') {
  const machine = setup({ types: { context: {} as { n: number } } }).createMachine({
    id: 'tiny',
    initial: 'open',
    context: { n: 0 },
    states: {
      open: { on: { SEND: { target, actions: assign({ n: ({ context }) => context.n + 1 }) } } },
      done: { type: 'final' },
      other: { type: 'final' },
    },
  });
  return defineWorkflow({
    id: 'tiny',
    version,
    title: { th: 'ทดสอบ', en: 'Tiny' },
    machine,
    input: z.object({}),
    starters: ['hr_officer'],
    steps: { open: { label: { th: 'เปิด', en: 'Open' }, roles: ['hr_officer'], source: 'test' } },
    events: { SEND: { label: { th: label, en: 'Send' }, payload: z.object({}), roles: ['hr_officer'] } },
  });
}

describe('defineWorkflow', () => {
  it('refuses metadata that does not match the machine', () => {
    const good = tinyWorkflow(1, 'done');
    expect(() => defineWorkflow({ ...good, steps: {} })).toThrow(expect.objectContaining({ code: 'INVALID_WORKFLOW_DEFINITION' }) as never);
    try {
      defineWorkflow({ ...good, id: 'Bad Id', events: { ...good.events, GHOST: good.events.SEND! } });
    } catch (e) {
      expect(isEsaError(e, 'INVALID_WORKFLOW_DEFINITION')).toBe(true);
      expect((e as { details: { problems: string[] } }).details.problems).toEqual([
        'id "Bad Id" must be kebab-case',
        'metadata for unknown event "GHOST"',
      ]);
    }
    expect.assertions(3);
  });

  it('gives the same content the same hash and any change a different one', () => {
    expect(tinyWorkflow(1, 'done').contentHash).toBe(tinyWorkflow(1, 'done').contentHash);
    expect(tinyWorkflow(1, 'other').contentHash).not.toBe(tinyWorkflow(1, 'done').contentHash);
    expect(tinyWorkflow(1, 'done', 'ส่งต่อ').contentHash).not.toBe(tinyWorkflow(1, 'done').contentHash);
  });

  it('marks pickers and widgets in the presented schema from the labels, which are not part of the content hash', () => {
    const payload = z.object({
      schoolId: z.string(),
      preferences: z.array(z.string()),
      partner: z.object({ personId: z.string().uuid(), name: z.string() }),
      entries: z.record(z.string(), z.string()),
    });
    const labels = {
      fields: {},
      values: {},
      states: {},
      pickers: { schoolId: 'school', preferences: 'school', personId: 'person' },
      widgets: { entries: 'score-table' },
    } as const;
    const shown = presentedSchema(payload, labels) as {
      properties: Record<
        string,
        { 'x-picker'?: string; 'x-widget'?: string; items?: { 'x-picker'?: string }; properties?: Record<string, { 'x-picker'?: string }> }
      >;
    };
    expect(shown.properties.schoolId!['x-picker']).toBe('school');
    expect(shown.properties.preferences!.items!['x-picker']).toBe('school');
    expect(shown.properties.partner!.properties!.personId!['x-picker']).toBe('person');
    expect(shown.properties.partner!.properties!.name!['x-picker']).toBeUndefined();
    expect(shown.properties.entries!['x-widget']).toBe('score-table');
    const plain = tinyWorkflow(1, 'done');
    expect(defineWorkflow({ ...plain, labels }).contentHash).toBe(plain.contentHash);
  });
});

describe('registry and publishing', () => {
  it('refuses a changed machine under an existing version, in memory and in the database', async () => {
    expect(() => new WorkflowRegistry([tinyWorkflow(1, 'done'), tinyWorkflow(1, 'other')])).toThrow(
      expect.objectContaining({ code: 'WORKFLOW_VERSION_CHANGED' }) as never,
    );
    await publishWorkflows(tdb.db, new WorkflowRegistry([tinyWorkflow(1, 'done')]));
    await expect(publishWorkflows(tdb.db, new WorkflowRegistry([tinyWorkflow(1, 'other')]))).rejects.toMatchObject({
      code: 'WORKFLOW_VERSION_CHANGED',
      details: { workflows: ['tiny@1'] },
    });
    // a new version is fine, and the registry keeps both
    const both = new WorkflowRegistry([tinyWorkflow(1, 'done'), tinyWorkflow(2, 'other')]);
    await publishWorkflows(tdb.db, both);
    expect(both.latest('tiny').version).toBe(2);
    expect(both.get('tiny', 1).version).toBe(1);
  });

  it('keeps a case on the version it started on, and refuses to drop a version live cases use', async () => {
    const a = await seedOffice(tdb.db);
    const hr = await actorOf(tdb.db, a.users.hr);
    const v1 = new WorkflowRegistry([tinyWorkflow(1, 'done'), sampleApproval]);
    await publishWorkflows(tdb.db, v1);
    const engine1 = createEngine({ db: tdb.db, registry: v1, clock: new ManualClock('2025-01-06T02:00:00Z') });
    const { caseId } = await engine1.startCase({ actor: hr, workflowId: 'tiny', officeId: a.officeId, title: 'v1', input: {} });

    const v2 = new WorkflowRegistry([tinyWorkflow(1, 'done'), tinyWorkflow(2, 'other'), sampleApproval]);
    await publishWorkflows(tdb.db, v2);
    const engine2 = createEngine({ db: tdb.db, registry: v2, clock: new ManualClock('2025-01-06T02:00:00Z') });
    const r = await engine2.dispatch({ actor: hr, caseId, type: 'SEND', payload: {} });
    expect(r.state).toBe('done'); // version 1's target, not version 2's

    await engine2.startCase({ actor: hr, workflowId: 'tiny', officeId: a.officeId, title: 'v2 live', input: {} });
    await expect(publishWorkflows(tdb.db, new WorkflowRegistry([tinyWorkflow(1, 'done'), sampleApproval]))).rejects.toMatchObject({
      code: 'WORKFLOW_VERSION_IN_USE',
      details: { workflows: [{ workflow: 'tiny@2', openCases: 1 }] },
    });
  });
});
