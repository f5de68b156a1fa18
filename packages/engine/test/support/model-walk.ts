/**
 * Model-based testing of a workflow through the real engine: xstate/graph
 * gives the shortest event path to every reachable state; each path is
 * replayed as commands against PostgreSQL and the invariants are checked.
 * Reusable by every workflow package (style-anchors habit 10).
 */
import { expect } from '@jest/globals';
import type { AnyMachineSnapshot } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import {
  activeStepPaths,
  stateKey,
  type Actor,
  type Engine,
  type EngineEvent,
  type EngineInput,
  type WorkflowDefinition,
} from '../../src/index';
import type { TestDatabase } from './test-database';

export interface ModelWalkOptions {
  engine: Engine;
  tdb: TestDatabase;
  def: WorkflowDefinition;
  /** sample events, one per distinct payload the walk should try */
  events: ReadonlyArray<{ type: string; payload: unknown }>;
  /** who sends each event type */
  actorFor: (type: string) => Actor;
  /** opens a fresh case and returns its id */
  start: () => Promise<string>;
  /** the input the graph traversal starts from (the same data `start` uses) */
  input: EngineInput;
  /** distinguishes states for the traversal; default: the state value */
  serialize?: (snapshot: AnyMachineSnapshot) => string;
}

export interface ModelWalkReport {
  paths: number;
  statesReached: string[];
  commands: number;
}

export async function walkEveryPath(opts: ModelWalkOptions): Promise<ModelWalkReport> {
  const { def, engine, tdb } = opts;
  const asEngineEvent = (e: { type: string; payload: unknown }): EngineEvent => ({
    type: e.type,
    payload: e.payload,
    actor: { kind: 'user', id: 'model', roles: [] },
    at: opts.input.at,
  });
  const sampleEvents = opts.events.map(asEngineEvent);
  const paths = getShortestPaths(def.machine, {
    events: sampleEvents,
    input: opts.input,
    serializeState: (s: AnyMachineSnapshot) => opts.serialize?.(s) ?? JSON.stringify(s.value),
  } as never) as Array<{ state: AnyMachineSnapshot; steps: Array<{ event: EngineEvent; state: AnyMachineSnapshot }> }>;

  const reached = new Set<string>();
  let commands = 0;
  for (const path of paths) {
    const caseId = await opts.start();
    const events = path.steps.map((s) => s.event).filter((e) => !e.type.startsWith('xstate.'));
    let expectedSteps = (await tdb.db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirstOrThrow()).state.split(
      ',',
    );
    for (const event of events) {
      const before = await tdb.db
        .selectFrom('cases')
        .select(['state', 'revision', 'history_length'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      const result = await engine.dispatch({ actor: opts.actorFor(event.type), caseId, type: event.type, payload: event.payload });
      commands += 1;
      // one history row per applied event, revision moves by one
      expect(result.historySeq).toBe(before.history_length + 1);
      expect(result.revision).toBe(before.revision + 1);
      // outbox: every step newly entered notifies whoever must act there
      const entered = result.state.split(',').filter((p) => !before.state.split(',').includes(p));
      const notes = await tdb.db
        .selectFrom('notifications')
        .select(['step'])
        .where('case_id', '=', caseId)
        .where('history_seq', '=', result.historySeq)
        .execute();
      const expectedNotified = entered.filter((p) => (def.steps[p]?.roles.length ?? 0) > 0);
      expect([...new Set(notes.map((n) => n.step))].sort()).toEqual(expectedNotified.sort());
      expectedSteps = result.state.split(',');
    }
    const finalRow = await tdb.db
      .selectFrom('cases')
      .select(['state', 'status', 'history_length'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(finalRow.state).toBe(stateKey(path.state.value));
    expect(finalRow.state.split(',')).toEqual(expectedSteps);
    expect(finalRow.status).toBe(path.state.status === 'done' ? 'done' : 'active');
    expect(finalRow.history_length).toBe(events.length + 1);
    expect(await engine.verifyHistory(caseId)).toEqual({ ok: true, length: events.length + 1 });
    // no dead ends: a state that is not final accepts at least one sample event
    if (path.state.status !== 'done') {
      expect(sampleEvents.some((e) => path.state.can(e))).toBe(true);
    }
    for (const p of activeStepPaths(path.state.value)) reached.add(p);
  }
  return { paths: paths.length, statesReached: [...reached].sort(), commands };
}
