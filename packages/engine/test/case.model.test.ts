import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnyMachineSnapshot } from 'xstate';
import { ManualClock, WorkflowRegistry, type Actor, type Engine } from '../src/index';
import { createEngine, publishWorkflows } from '../src/internal';
import { actorOf, createTestDatabase, sampleApproval, seedOffice, type OfficeFixture, type TestDatabase } from './support/index';
import { walkEveryPath } from './support/model-walk';

let tdb: TestDatabase;
let engine: Engine;
let a: OfficeFixture;
const who: Record<string, Actor> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const registry = new WorkflowRegistry([sampleApproval]);
  await publishWorkflows(tdb.db, registry);
  engine = createEngine({ db: tdb.db, registry, clock: new ManualClock('2025-06-02T03:00:00Z') });
  a = await seedOffice(tdb.db);
  for (const [k, u] of Object.entries(a.users)) who[k] = await actorOf(tdb.db, u);
});
afterAll(() => tdb.drop());

const actorByEvent: Record<string, string> = {
  CERTIFY: 'director',
  RETURN: 'director',
  RESUBMIT: 'teacher',
  WITHDRAW: 'teacher',
  CHECK: 'hr',
  APPROVE: 'area',
  REJECT: 'area',
};

describe('sample approval, model-based', () => {
  it('reaches every state through the engine with history, outbox and no dead ends', async () => {
    const report = await walkEveryPath({
      engine,
      tdb,
      def: sampleApproval,
      events: [
        { type: 'CERTIFY', payload: {} },
        { type: 'RETURN', payload: { note: 'เอกสารไม่ครบ' } },
        { type: 'RESUBMIT', payload: {} },
        { type: 'WITHDRAW', payload: {} },
        { type: 'CHECK', payload: { score: 75 } },
        { type: 'CHECK', payload: { score: 40 } },
        { type: 'APPROVE', payload: { orderNo: '7/2568' } },
        { type: 'REJECT', payload: { note: 'ไม่ผ่านเกณฑ์' } },
      ],
      actorFor: (type) => who[actorByEvent[type]!]!,
      input: {
        data: { amount: 10 },
        caseId: 'model',
        officeId: a.officeId,
        schoolId: a.schoolIds[0],
        subjectPersonId: a.users.teacher.personId,
        at: '2025-06-02T03:00:00Z',
      },
      start: async () =>
        (
          await engine.startCase({
            actor: who.teacher!,
            workflowId: 'sample-approval',
            officeId: a.officeId,
            schoolId: a.schoolIds[0],
            subjectPersonId: a.users.teacher.personId,
            title: 'model',
            input: { amount: 10 },
          })
        ).caseId,
      // the number of returns matters to the guards, so it is part of what makes a state distinct
      serialize: (s: AnyMachineSnapshot) => JSON.stringify([s.value, (s.context as { returns: number }).returns]),
    });
    expect(report.statesReached).toEqual(sampleApproval.leafSteps.map((s) => s.path).sort());
    expect(report.paths).toBeGreaterThanOrEqual(sampleApproval.leafSteps.length);
  });

  it('keeps the list of states under review', () => {
    expect(sampleApproval.leafSteps).toMatchInlineSnapshot(`
[
  {
    "final": false,
    "path": "schoolReview",
  },
  {
    "final": false,
    "path": "returned",
  },
  {
    "final": false,
    "path": "hrCheck",
  },
  {
    "final": false,
    "path": "directorDecision",
  },
  {
    "final": true,
    "path": "approved",
  },
  {
    "final": true,
    "path": "rejected",
  },
  {
    "final": true,
    "path": "withdrawn",
  },
]
`);
  });
});
