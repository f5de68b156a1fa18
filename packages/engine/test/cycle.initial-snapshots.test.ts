/**
 * The children's initial snapshots and `@start` hashes, computed once and
 * reused: each must be exactly what computing it for that child alone gives.
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { assign, initialTransition, setup } from 'xstate';
import { historyHashText, historyRowHash, type HashedHistoryFields } from '../src/case/history-hash';
import { toStoredSnapshot } from '../src/case/machine-snapshot';
import { createInitialSnapshots } from '../src/cycle/initial-snapshots';
import { stableStringify } from '../src/workflow/stable-json';
import type { EngineInput, WorkflowDefinition } from '../src/workflow/types';

interface Person {
  name: string;
  grade: number;
  windowDays?: number;
  tags: string[];
}

/** keeps the data whole, reads one field, branches on another */
const keeper = setup({
  types: { input: {} as EngineInput<Person>, context: {} as { person: Person; days: number; senior: boolean } },
}).createMachine({
  id: 'keeper',
  context: ({ input }) => ({ person: input.data, days: input.data.windowDays ?? 30, senior: false }),
  initial: 'check',
  states: {
    check: {
      always: [
        { guard: ({ context }) => context.person.grade >= 3, target: 'senior', actions: assign({ senior: true }) },
        { target: 'junior' },
      ],
    },
    senior: {},
    junior: {},
  },
});

/** copies the data's fields one by one (a spread walks it all) */
const copier = setup({ types: { input: {} as EngineInput<Person>, context: {} as { person: Person; caseId: string } } }).createMachine({
  id: 'copier',
  context: ({ input }) => ({ person: { ...input.data }, caseId: input.caseId }),
  initial: 'open',
  states: { open: {} },
});

const defOf = (machine: typeof keeper | typeof copier) => ({ key: `${machine.id}@1`, machine }) as unknown as WorkflowDefinition;

function direct(def: WorkflowDefinition, input: EngineInput) {
  const [snap] = initialTransition(def.machine, input);
  return { value: snap.value, stored: toStoredSnapshot(def, snap) };
}

const people: Person[] = [
  { name: 'ก', grade: 1, tags: ['a'] },
  { name: 'ข', grade: 4, tags: [] },
  { name: 'ค', grade: 2, windowDays: 15, tags: ['b', 'c'] },
  { name: 'ง', grade: 5, windowDays: 15, tags: [] },
  { name: 'จ', grade: 1, tags: ['z'] },
  { name: 'ฉ', grade: 4, windowDays: 30, tags: [] },
];
const inputOf = (data: Person): EngineInput<Person> => ({
  data,
  caseId: randomUUID(),
  officeId: 'o',
  schoolId: null,
  subjectPersonId: null,
  at: '2025-04-01T01:05:00.000Z',
});

describe('initial snapshots', () => {
  it('a machine that keeps its data whole: computed once per value of the fields it reads, each child its own data', () => {
    const def = defOf(keeper);
    const snapshots = createInitialSnapshots(def);
    for (const data of [...people, ...people]) {
      const input = inputOf(data);
      const got = snapshots.get(input, stableStringify(data));
      const want = direct(def, input);
      expect(JSON.parse(got.snapshotJson)).toEqual(JSON.parse(JSON.stringify(want.stored)));
      expect(got.state).toBe(String(want.value));
      expect(got.context()).toEqual(JSON.parse(got.snapshotJson).context);
    }
    // (grade, windowDays) read: 5 distinct among the 6 people, the second pass all reused
    expect(snapshots.stats).toEqual({ computed: 5, reused: 7 });
  });

  it('a machine that walks its data and reads the case id: computed for every child, as before', () => {
    const def = defOf(copier);
    const snapshots = createInitialSnapshots(def);
    for (const data of people) {
      const input = inputOf(data);
      const got = snapshots.get(input, stableStringify(data));
      expect(JSON.parse(got.snapshotJson)).toEqual(JSON.parse(JSON.stringify(direct(def, input).stored)));
      expect(got.context()).toEqual(JSON.parse(got.snapshotJson).context);
    }
    expect(snapshots.stats.computed).toBe(people.length);
  });
});

describe('the hashed text of a history row', () => {
  const base: HashedHistoryFields = {
    caseId: randomUUID(),
    seq: 1,
    at: new Date('2025-04-01T01:05:00Z'),
    actorKind: 'system',
    actorId: 'system',
    actorRoles: ['system'],
    eventType: '@start',
    payload: { b: 1, a: [{ y: 2, x: null }], ข: 'ไทย' },
    reason: null,
    fromState: null,
    toState: 'appraisal',
    prevHash: null,
  };
  const rows: HashedHistoryFields[] = [
    base,
    { ...base, seq: 7, fromState: 'a', toState: 'b', reason: 'เหตุผล "quoted"', prevHash: 'f'.repeat(64), payload: null },
    { ...base, late: { until: '2025-04-02T09:30:00.000Z', lateMinutes: 12, rule: { th: 'ก', en: 'a' } } },
    { ...base, acting: { roles: ['area_director'] }, payload: undefined },
    { ...base, late: null, acting: null, actorRoles: [] },
  ];
  it('is the stable JSON of its fields, with or without the payload given', () => {
    for (const row of rows) {
      const { late, acting, ...rest } = row;
      const expected = stableStringify({
        ...rest,
        at: row.at.toISOString(),
        payload: row.payload ?? null,
        ...(late ? { late } : {}),
        ...(acting ? { acting } : {}),
      });
      expect(historyHashText(row)).toBe(expected);
      expect(historyHashText(row, stableStringify(row.payload ?? null))).toBe(expected);
      expect(historyRowHash(row, stableStringify(row.payload ?? null))).toBe(historyRowHash(row));
    }
  });
});
