/**
 * Replays a case's history through its workflow machine and compares the
 * result with what the case row says (`cases.state`, `status`, `snapshot`).
 *
 * The chain protects the history; nothing protects the case row, which is
 * what every screen and every next command reads. Machines are pure (design
 * §2): the initial state follows from the `@start` row's data and the case's
 * scope, each next state from the event, its payload, its actor and its
 * moment, all of which the history keeps. A case row that was edited directly
 * (say, flipped to "approved") therefore no longer equals its replay.
 */
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { Database } from '../db/database';
import { CYCLE_OPENED_EVENT } from '../cycle/open-cycle-children';
import { FILE_ATTACHED_EVENT, FILE_REMOVED_EVENT } from '../files/file-kinds';
import { stableStringify } from '../workflow/stable-json';
import { stateKey } from '../workflow/state-paths';
import type { EngineEvent, EngineInput } from '../workflow/types';
import type { WorkflowRegistry } from '../workflow/registry';
import { findCaseById, type CaseRecord } from './case.repository';
import { readHistory, type HistoryEntry } from './history.repository';
import { toStoredSnapshot } from './machine-snapshot';
import { START_EVENT } from './start-case';
import { DEADLINE_EXTENDED_EVENT } from '../sla/extend-deadline';

export type ReplayProblem =
  /** the history cannot be replayed: its first row is not `@start`, or an event is refused where it was once accepted */
  | 'replay_diverged'
  /** the case's state or status differs from the replay's */
  | 'state_mismatch'
  /** the case's stored snapshot (its context) differs from the replay's */
  | 'snapshot_mismatch'
  /** the case's workflow version is not in this release: it cannot be replayed here */
  | 'workflow_unknown';

export type ReplayVerdict =
  { ok: true; state: string } | { ok: false; problem: ReplayProblem; seq: number; expected?: string; actual?: string };

/** Rows the engine writes that are not machine events (they leave the state as it is). */
const NOT_MACHINE_EVENTS = new Set([CYCLE_OPENED_EVENT, FILE_ATTACHED_EVENT, FILE_REMOVED_EVENT, DEADLINE_EXTENDED_EVENT]);

function eventOf(row: HistoryEntry): EngineEvent {
  return {
    type: row.eventType,
    payload: row.payload,
    actor: { kind: row.actorKind as EngineEvent['actor']['kind'], id: row.actorId, roles: row.actorRoles as never },
    at: row.at.toISOString(),
  };
}

/** JSON as stored in a jsonb column: key order and undefined do not matter. */
const canonical = (value: unknown): string => stableStringify(JSON.parse(JSON.stringify(value ?? null)) as unknown);

export async function replayHistory(db: Database, registry: WorkflowRegistry, caseId: string): Promise<ReplayVerdict> {
  return replayHistoryRows(registry, await findCaseById(db, caseId), await readHistory(db, caseId));
}

/** The same replay on a case and its rows already read (ordered by seq), for audits that read in batches. */
export function replayHistoryRows(
  registry: WorkflowRegistry,
  record: CaseRecord | undefined,
  rows: readonly HistoryEntry[],
): ReplayVerdict {
  if (!record) return { ok: false, problem: 'state_mismatch', seq: 0, expected: 'a case row', actual: 'none' };
  let def;
  try {
    def = registry.get(record.workflowId, record.workflowVersion);
  } catch {
    return { ok: false, problem: 'workflow_unknown', seq: 0, actual: `${record.workflowId}@${record.workflowVersion}` };
  }
  const caseId = record.id;
  const first = rows[0];
  if (!first || first.eventType !== START_EVENT)
    return { ok: false, problem: 'replay_diverged', seq: 1, expected: START_EVENT, actual: first?.eventType ?? 'none' };
  const input: EngineInput = {
    data: first.payload,
    caseId,
    officeId: record.officeId,
    schoolId: record.schoolId,
    subjectPersonId: record.subjectPersonId,
    at: first.at.toISOString(),
  };
  let snapshot: AnyMachineSnapshot;
  try {
    [snapshot] = initialTransition(def.machine, input);
  } catch (error) {
    return { ok: false, problem: 'replay_diverged', seq: 1, actual: String(error) };
  }
  if (stateKey(snapshot.value) !== first.toState)
    return { ok: false, problem: 'replay_diverged', seq: 1, expected: first.toState, actual: stateKey(snapshot.value) };
  for (const row of rows.slice(1)) {
    const state = stateKey(snapshot.value);
    if (NOT_MACHINE_EVENTS.has(row.eventType)) {
      if (row.fromState !== state || row.toState !== state)
        return { ok: false, problem: 'replay_diverged', seq: row.seq, expected: state, actual: row.toState };
      continue;
    }
    const event = eventOf(row);
    if (snapshot.status === 'done' || !snapshot.can(event))
      return { ok: false, problem: 'replay_diverged', seq: row.seq, expected: `${row.eventType} allowed at ${state}`, actual: 'refused' };
    const [next] = transition(def.machine, snapshot, event);
    if (stateKey(next.value) !== row.toState)
      return { ok: false, problem: 'replay_diverged', seq: row.seq, expected: row.toState, actual: stateKey(next.value) };
    snapshot = next;
  }
  const seq = rows.length;
  const state = stateKey(snapshot.value);
  const status = snapshot.status === 'done' ? 'done' : 'active';
  if (record.state !== state || record.status !== status)
    return { ok: false, problem: 'state_mismatch', seq, expected: `${state} (${status})`, actual: `${record.state} (${record.status})` };
  const replayed = canonical(toStoredSnapshot(def, snapshot));
  const stored = canonical(record.snapshot);
  if (replayed !== stored)
    return { ok: false, problem: 'snapshot_mismatch', seq, expected: replayed.slice(0, 500), actual: stored.slice(0, 500) };
  return { ok: true, state };
}
