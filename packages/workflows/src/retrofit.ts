/**
 * The versions published before steps could declare timed system events
 * (transfer-request 1–2, transfer-round 1, academic-standing 1) had their
 * closing events sent by host pollers that scanned case snapshots on every
 * pass (issue 18). Those pollers are gone: each such version carries, as
 * `retrofitSystemEvents`, the system events its next version declares on the
 * same steps — the same events at the same moments, which its machine
 * refuses before then — and the engine plans them as timer rows like any
 * step's (not part of the version's content hash: what the version does is
 * unchanged, only who sends the event). Cases already waiting at those steps
 * get their rows once when a process starts (`planRetrofitTimers`).
 */
import { defineWorkflow, planRetrofitSystemEvents, type Engine, type WorkflowDefinition } from '@esa-flow/engine';

/** `def` with the system events `later` declares on `steps`, retrofitted. */
export function withRetrofitSystemEvents(def: WorkflowDefinition, later: WorkflowDefinition, steps: readonly string[]): WorkflowDefinition {
  const { key: _key, contentHash: _hash, leafSteps: _leaves, ...config } = def;
  const retrofitSystemEvents = Object.fromEntries(
    steps.map((step) => {
      const events = later.steps[step]?.systemEvents;
      if (!events?.length) throw new Error(`${later.key} declares no system event at ${step}`);
      return [step, events];
    }),
  );
  return defineWorkflow({ ...config, retrofitSystemEvents });
}

const planned = new WeakSet<object>();

/**
 * Once per engine (process): timer rows for the retrofitted events of the
 * cases already waiting at those steps. Safe to run again (a pending row is
 * never doubled).
 */
export async function planRetrofitTimers(engine: Engine): Promise<number> {
  if (planned.has(engine)) return 0;
  let rows = 0;
  for (const def of engine.registry.list()) {
    if (def.retrofitSystemEvents) rows += await planRetrofitSystemEvents(engine, def);
  }
  planned.add(engine);
  return rows;
}
